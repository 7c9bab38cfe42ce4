import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../gql";

const ItemsDocument = graphql(`
  query LogisticsItemChoices($search: String) {
    items(search: $search, first: 50) { nodes { id sku name unit } }
  }
`);

export interface ItemChoice { id: string; sku: string; name: string; unit: string }

/** Choose an item by SKU, name or barcode (searched on the server). */
export default function ItemSelect({ label, value, onChange, error, required }: {
  label: string; value: string | null; onChange: (item: ItemChoice | null) => void; error?: string; required?: boolean;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [seen, setSeen] = useState<Record<string, ItemChoice>>({});
  const selected = value ? seen[value] : undefined;
  // While the box shows the chosen item's label, list every item rather than search for the label.
  const term = selected && debounced === `${selected.sku} · ${selected.name}` ? "" : debounced.trim();
  const [{ data }] = useQuery({ query: ItemsDocument, variables: { search: term || null } });

  useEffect(() => {
    const nodes = data?.items.nodes ?? [];
    if (nodes.length) setSeen((s) => ({ ...s, ...Object.fromEntries(nodes.map((n) => [n.id, n])) }));
  }, [data]);

  const options = new Map((data?.items.nodes ?? []).map((n) => [n.id, `${n.sku} · ${n.name}`]));
  if (selected) options.set(selected.id, `${selected.sku} · ${selected.name}`);
  return (
    <Select label={label} required={required} error={error} searchable clearable value={value}
      data={[...options.entries()].map(([v, l]) => ({ value: v, label: l }))}
      searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all}
      onChange={(id) => onChange(id ? seen[id] ?? null : null)} comboboxProps={{ withinPortal: true }} />
  );
}
