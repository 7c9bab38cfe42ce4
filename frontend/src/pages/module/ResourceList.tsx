import {
  Button, Checkbox, Group, Menu, Select, Table, Text, TextInput, UnstyledButton, VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue, useLocalStorage } from "@mantine/hooks";
import {
  IconArrowsSort, IconColumns, IconDownload, IconPlus, IconSearch, IconSortAscending, IconSortDescending,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useClient, useQuery } from "urql";
import Page from "../../components/Page";
import { downloadText } from "../../components/download";
import { notifyError } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { displayValue, enumLabels, listQuery, toCsv, valueAt, type UiColumn, type UiResource } from "../../lib/resource";

const PAGE = 25;

interface ListData {
  list: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Record<string, unknown>[] };
}

function compare(a: unknown, b: unknown, kind: string): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (kind === "money" || kind === "number") {
    const x = Number(a), y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  return String(a).localeCompare(String(b));
}

export default function ResourceList({ resource, basePath, currency }: { resource: UiResource; basePath: string; currency: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useClient();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const [filters, setFilters] = useState<Record<string, string | null>>({});
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<Record<string, unknown>[][]>([]);
  const [sort, setSort] = useState<{ field: string; dir: 1 | -1 } | null>(null);
  const [hidden, setHidden] = useLocalStorage<string[]>({ key: `backoffice.columns.${resource.module}.${resource.key}`, defaultValue: [] });
  const [exporting, setExporting] = useState(false);

  const args = useMemo(() => {
    const values: Record<string, unknown> = { ...filters };
    if (resource.search && debounced.trim()) values[resource.search] = debounced.trim();
    return values;
  }, [filters, debounced, resource.search]);
  const query = useMemo(() => listQuery(resource, args), [resource, args]);
  const [{ data, fetching, error }] = useQuery<ListData>({ query, variables: { first: PAGE, after } });

  const labels = useMemo(() => enumLabels(resource), [resource]);
  const columns = resource.columns.filter((c) => !hidden.includes(c.field));
  const loaded = useMemo(() => {
    const current = data?.list.nodes ?? [];
    const rows = after ? [...pages.flat(), ...current] : current;
    if (!sort) return rows;
    const kind = resource.columns.find((c) => c.field === sort.field)?.kind ?? "text";
    return [...rows].sort((a, b) => sort.dir * compare(valueAt(a, sort.field), valueAt(b, sort.field), kind));
  }, [data, pages, after, sort, resource.columns]);

  function resetPaging() {
    setAfter(null);
    setPages([]);
  }

  function loadMore() {
    if (!data) return;
    setPages((p) => [...p, data.list.nodes]);
    setAfter(data.list.pageInfo.endCursor);
  }

  async function fetchAll(): Promise<Record<string, unknown>[] | null> {
    const rows: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    for (;;) {
      const result = await client.query<ListData>(query, { first: 100, after: cursor }, { requestPolicy: "network-only" }).toPromise();
      if (result.error || !result.data) {
        notifyError(errorMessage(result.error, t("common.error")));
        return null;
      }
      rows.push(...result.data.list.nodes);
      if (!result.data.list.pageInfo.hasNextPage) return rows;
      cursor = result.data.list.pageInfo.endCursor;
    }
  }

  async function exportRows(format: "csv" | "xlsx") {
    setExporting(true);
    try {
      const rows = await fetchAll();
      if (!rows) return;
      const name = `${resource.module}-${resource.key}-${new Date().toISOString().slice(0, 10)}`;
      if (format === "csv") downloadText(`${name}.csv`, toCsv(columns, rows));
      else {
        const { writeXlsx } = await import("../../lib/xlsx");
        await writeXlsx(`${name}.xlsx`, columns, rows);
      }
    } finally {
      setExporting(false);
    }
  }

  const sortIcon = (column: UiColumn) => {
    if (sort?.field !== column.field) return <IconArrowsSort size={14} aria-hidden />;
    return sort.dir === 1 ? <IconSortAscending size={14} aria-hidden /> : <IconSortDescending size={14} aria-hidden />;
  };

  return (
    <Page
      title={resource.label}
      error={error}
      actions={
        <>
          <Menu closeOnItemClick={false} withinPortal>
            <Menu.Target>
              <Button variant="default" leftSection={<IconColumns size={16} />}>{t("common.columns")}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {resource.columns.map((c) => (
                <Menu.Item key={c.field}>
                  <Checkbox label={c.label} checked={!hidden.includes(c.field)}
                    onChange={(e) => setHidden(e.currentTarget.checked ? hidden.filter((h) => h !== c.field) : [...hidden, c.field])} />
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Menu withinPortal>
            <Menu.Target>
              <Button variant="default" loading={exporting} leftSection={<IconDownload size={16} />}>{t("common.export")}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportRows("csv")}>{t("common.exportCsv")}</Menu.Item>
              <Menu.Item onClick={() => void exportRows("xlsx")}>{t("common.exportXlsx")}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {resource.createMutation && (
            <Button component={Link} to={`${basePath}/new`} leftSection={<IconPlus size={16} />} data-testid="new-record">
              {t("common.new")}
            </Button>
          )}
        </>
      }
    >
      {(resource.search || resource.filters.length > 0) && (
        <Group align="flex-end" wrap="wrap">
          {resource.search && (
            <TextInput aria-label={t("common.search")} placeholder={t("common.search")} leftSection={<IconSearch size={16} />}
              value={search} onChange={(e) => { setSearch(e.currentTarget.value); resetPaging(); }} w={260} />
          )}
          {resource.filters.map((f) => (
            f.kind === "date" ? (
              <TextInput key={f.field} type="date" label={f.label} value={filters[f.field] ?? ""}
                onChange={(e) => { const v = e.currentTarget.value; setFilters((x) => ({ ...x, [f.field]: v || null })); resetPaging(); }} />
            ) : (
              <Select key={f.field} label={f.label} clearable placeholder={t("common.all")} w={200}
                data={f.options.map((o) => ({ value: o.value, label: o.label }))} value={filters[f.field] ?? null}
                onChange={(v) => { setFilters((x) => ({ ...x, [f.field]: v })); resetPaging(); }} />
            )
          ))}
        </Group>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover aria-busy={fetching} data-testid="resource-table">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.field} aria-sort={sort?.field === c.field ? (sort.dir === 1 ? "ascending" : "descending") : undefined}>
                  <UnstyledButton onClick={() => setSort((s) => (s?.field === c.field ? { field: c.field, dir: s.dir === 1 ? -1 : 1 } : { field: c.field, dir: 1 }))}>
                    <Group gap={4} wrap="nowrap"><Text fw={600} size="sm">{c.label}</Text>{sortIcon(c)}</Group>
                  </UnstyledButton>
                </Table.Th>
              ))}
              {resource.detailQuery && <Table.Th><VisuallyHidden>{t("common.actions")}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaded.map((row) => (
              <Table.Tr key={String(row.id)} style={resource.detailQuery ? { cursor: "pointer" } : undefined}
                onClick={resource.detailQuery ? () => navigate(`${basePath}/${encodeURIComponent(String(row.id))}`) : undefined}>
                {columns.map((c) => (
                  <Table.Td key={c.field} style={c.kind === "money" || c.kind === "number" ? { textAlign: "right", whiteSpace: "nowrap" } : undefined}>
                    {displayValue(valueAt(row, c.field), c, labels, i18n.language, currency)}
                  </Table.Td>
                ))}
                {resource.detailQuery && (
                  <Table.Td>
                    <Link to={`${basePath}/${encodeURIComponent(String(row.id))}`} onClick={(e) => e.stopPropagation()}>
                      {t("common.details")}
                    </Link>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!fetching && loaded.length === 0 && <Text c="dimmed">{t("common.noRecords")}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="record-count">
          {data ? t("common.shown", { shown: loaded.length, total: data.list.totalCount }) : ""}
        </Text>
        {data?.list.pageInfo.hasNextPage && <Button variant="light" onClick={loadMore} loading={fetching}>{t("common.loadMore")}</Button>}
      </Group>
    </Page>
  );
}
