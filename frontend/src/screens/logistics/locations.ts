import { useMemo } from "react";
import { graphql } from "../../gql";
import { useAllPages } from "../hr/paging";

const WarehousesDocument = graphql(`
  query LogisticsWarehouses($after: String) {
    warehouses(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id code name locations { id code } }
    }
  }
`);

export interface Locations {
  /** "JKT · A-01" for a location id ("" when unknown). */
  name: (id: string | null | undefined) => string;
  options: { value: string; label: string }[];
  fetching: boolean;
}

/** The company's stock locations, named by warehouse and location code. */
export function useLocations(): Locations {
  const warehouses = useAllPages(WarehousesDocument, {}, (d) => d.warehouses);
  return useMemo(() => {
    const options = warehouses.nodes.flatMap((w) => w.locations.map((l) => ({ value: l.id, label: `${w.code} · ${l.code}` })));
    const names = new Map(options.map((o) => [o.value, o.label]));
    return { options, fetching: warehouses.fetching, name: (id) => (id ? names.get(id) ?? "" : "") };
  }, [warehouses.nodes, warehouses.fetching]);
}
