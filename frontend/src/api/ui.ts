import { useQuery } from "urql";
import { graphql } from "../gql";
import { SCREENS } from "../screens/registry";
import type { UiQuery } from "../gql/graphql";

export const UiDocument = graphql(`
  query Ui {
    tenant { id slug name locale baseCurrency enabledModules logo }
    uiMetadata {
      navigation {
        key module label path icon resource
        children { key module label path icon resource children { key module label path icon resource } }
      }
      resources {
        key module label query createMutation updateMutation search detailQuery
        columns { field label sortable kind }
        form { field label kind required options { value label } }
        filters { field label kind required options { value label } }
      }
    }
  }
`);

export type NavItem = UiQuery["uiMetadata"]["navigation"][number];
export type Tenant = UiQuery["tenant"];

export function useUi() {
  const [result] = useQuery({ query: UiDocument });
  return result;
}


/** Nav items the app can open: a generic list, a built screen, or a group with such children. */
export function openable(items: readonly NavItem[]): NavItem[] {
  const result: NavItem[] = [];
  for (const item of items) {
    const children = openable((item.children ?? []) as NavItem[]);
    if (children.length) result.push({ ...item, children });
    else if (item.resource || item.path in SCREENS) result.push({ ...item, children: [] });
  }
  return result;
}

/** Find the nav item for a path (depth-first). */
export function findNav(items: readonly NavItem[], path: string): NavItem | undefined {
  for (const item of items) {
    if (item.path === path) return item;
    const child = findNav((item.children ?? []) as NavItem[], path);
    if (child) return child;
  }
  return undefined;
}
