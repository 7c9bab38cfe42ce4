import { Alert, Center, Loader } from "@mantine/core";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router-dom";
import { useUi, type NavItem } from "../../api/ui";
import type { UiResource } from "../../lib/resource";
import Page from "../../components/Page";
import ResourceList from "./ResourceList";
import ResourceRecord from "./ResourceRecord";
import { SCREENS, screenFor } from "../../screens/registry";

const lazyScreens: Record<string, ReturnType<typeof lazy>> = {};
function screenComponent(key: string) {
  lazyScreens[key] ??= lazy(SCREENS[key]);
  return lazyScreens[key];
}

function flatten(items: readonly NavItem[]): NavItem[] {
  return items.flatMap((item) => [item, ...flatten((item.children ?? []) as NavItem[])]);
}

/** A module's screen, found from the path through the tenant's UI metadata. */
export function Component() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data, fetching, error } = useUi();
  const screen = useMemo(() => screenFor(location.pathname), [location.pathname]);
  const allowed = useMemo(() => {
    // A built screen opens only where the tenant's navigation offers its path (module on, permission held).
    const paths = flatten((data?.uiMetadata.navigation ?? []) as NavItem[]).map((i) => i.path);
    return screen !== undefined && paths.includes(screen);
  }, [data, screen]);
  if (fetching && !data) return <Center h={200}><Loader aria-label={t("app.loading")} /></Center>;
  if (error && !data) return <Page title={t("common.error")} error={error}>{null}</Page>;
  if (screen && allowed) {
    const Screen = screenComponent(screen);
    return (
      <Suspense fallback={<Center h={200}><Loader aria-label={t("app.loading")} /></Center>}>
        <Screen />
      </Suspense>
    );
  }
  const path = location.pathname.replace(/\/+$/, "");
  const items = flatten((data?.uiMetadata.navigation ?? []) as NavItem[])
    .filter((item) => item.resource && (path === item.path || path.startsWith(`${item.path}/`)))
    .sort((a, b) => b.path.length - a.path.length);
  const item = items[0];
  const resource = item && (data?.uiMetadata.resources as UiResource[] | undefined)
    ?.find((r) => r.key === item.resource && r.module === item.module);
  if (!item || !resource) {
    return <Page title={t("common.error")}><Alert color="yellow">{t("resource.notFound")}</Alert></Page>;
  }
  const rest = path.slice(item.path.length).replace(/^\//, "");
  const resources = (data?.uiMetadata.resources ?? []) as UiResource[];
  const currency = data?.tenant.baseCurrency ?? "IDR";
  if (!rest) return <ResourceList key={resource.key} resource={resource} basePath={item.path} currency={currency} />;
  return (
    <ResourceRecord key={`${resource.key}/${rest}`} resource={resource} resources={resources} basePath={item.path}
      id={rest === "new" ? null : decodeURIComponent(rest)} />
  );
}
