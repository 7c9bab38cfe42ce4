import {
  ActionIcon, Alert, Button, Group, Loader, Menu, Paper, Select, Stack, Switch, Table, Text, TextInput, Title, Tooltip,
} from "@mantine/core";
import { IconAlertTriangle, IconDownload, IconHistory, IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { graphql } from "../../gql";
import type { FileFormat } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "../ga/StatusBadge";
import ScrollTable from "../ga/ScrollTable";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { downloadBase64 } from "../hr/files";
import { useLocations } from "./locations";
import { filterRows, stockRows, totalValue } from "./stock";
import { STOCK_TEXTS } from "./texts";

const StockDocument = graphql(`
  query LogisticsStockOnHand {
    stockOnHand { locationId quantity item { id sku name unit barcode reorderPoint averageCost } }
    lowStockItems { quantity item { id sku name unit reorderPoint } }
    stockSettings { currency }
  }
`);
const ValuationDocument = graphql(`
  query LogisticsStockValuation($asOf: Date!) {
    stockValuation(asOf: $asOf) { quantity value item { id sku name unit } }
  }
`);
const ExportDocument = graphql(`
  query LogisticsExportStock($format: FileFormat!, $itemId: ID) {
    exportStock(format: $format, itemId: $itemId) { filename contentType base64 rows }
  }
`);

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** Stock on hand per item and location (low stock marked), its valuation as of a date, and exports. */
export default function StockOnHand() {
  const { t, i18n } = useBundle("logistics-stock", STOCK_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const client = useClient();
  const locations = useLocations();
  const [{ data, fetching, error }] = useQuery({ query: StockDocument, requestPolicy: "cache-and-network" });
  const [search, setSearch] = useState("");
  const [locationId, setLocationId] = useState<string | null>(null);
  const [lowOnly, setLowOnly] = useState(false);
  const [asOf, setAsOf] = useState(today);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const [{ data: valuation, fetching: valuing, error: valuationError }] = useQuery({
    query: ValuationDocument, variables: { asOf }, pause: !validDate, requestPolicy: "cache-and-network",
  });
  const [exporting, setExporting] = useState<string | null>(null);
  const currency = data?.stockSettings.currency ?? "IDR";

  const lowIds = useMemo(() => new Set((data?.lowStockItems ?? []).map((l) => l.item.id)), [data]);
  const rows = useMemo(() => stockRows(data?.stockOnHand ?? [], locations.name, lowIds), [data, locations.name, lowIds]);
  const shown = useMemo(() => filterRows(rows, { search, locationId, lowOnly }), [rows, search, locationId, lowOnly]);
  const valuationRows = valuation?.stockValuation ?? [];
  const valuationTotal = useMemo(() => totalValue(valuationRows), [valuationRows]);

  async function exportFile(format: FileFormat, itemId: string | null = null) {
    setExporting(itemId ?? format);
    const result = await client.query(ExportDocument, { format, itemId }, { requestPolicy: "network-only" }).toPromise();
    setExporting(null);
    const file = result.data?.exportStock;
    if (result.error || !file) {
      notifyError(errorMessage(result.error, tc("common.error")));
      return;
    }
    downloadBase64(file.filename, file.base64, file.contentType);
  }

  return (
    <Page title={t("title")} error={error ?? valuationError}
      actions={
        <Menu withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={exporting === "CSV" || exporting === "XLSX"}>
              {t("export")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void exportFile("CSV")}>{tc("common.exportCsv")}</Menu.Item>
            <Menu.Item onClick={() => void exportFile("XLSX")}>{tc("common.exportXlsx")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      }>
      {(data?.lowStockItems ?? []).length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("lowTitle")} data-testid="low-stock"
          styles={{ title: { color: "var(--mantine-color-dark-7)" } }}>
          <Group gap={6} wrap="wrap">
            {(data?.lowStockItems ?? []).map((l) => (
              <StatusBadge key={l.item.id} color="orange" tt="none">
                {t("lowItem", {
                  sku: l.item.sku, name: l.item.name, quantity: formatNumber(l.quantity, lang), unit: l.item.unit,
                  reorder: formatNumber(l.item.reorderPoint, lang),
                })}
              </StatusBadge>
            ))}
          </Group>
        </Alert>
      )}

      <Stack gap="xs" component="section" aria-labelledby="on-hand">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3" id="on-hand">{t("onHand")}</Title>
          <Group align="flex-end" wrap="wrap">
            <TextInput aria-label={t("search")} placeholder={t("search")} leftSection={<IconSearch size={16} aria-hidden />}
              value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: "100%", xs: 260 }} />
            <Select aria-label={t("location")} placeholder={t("allLocations")} data={locations.options} value={locationId}
              onChange={setLocationId} clearable w={{ base: "100%", xs: 200 }} comboboxProps={{ withinPortal: true }} />
            <Switch label={t("lowOnly")} checked={lowOnly} onChange={(e) => setLowOnly(e.currentTarget.checked)} />
            {fetching && <Loader size="xs" aria-label={tc("app.loading")} />}
          </Group>
        </Group>
        {!fetching && rows.length === 0 ? (
          <Text c="dimmed" data-testid="no-stock">{t("noStock")}</Text>
        ) : (
          <ScrollTable minWidth={760} label={t("onHand")}>
            <Table striped aria-busy={fetching} data-testid="stock-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("sku")}</Table.Th><Table.Th>{t("item")}</Table.Th><Table.Th>{t("location")}</Table.Th>
                  <Table.Th ta="right">{t("quantity")}</Table.Th><Table.Th ta="right">{t("itemTotal")}</Table.Th>
                  <Table.Th ta="right">{t("reorderPoint")}</Table.Th><Table.Th ta="right">{t("averageCost")}</Table.Th>
                  <Table.Th>{tc("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row) => (
                  <Table.Tr key={row.key} data-testid="stock-row" data-sku={row.item.sku} data-low={row.low ? "true" : "false"}
                    bg={row.low ? "orange.0" : undefined}>
                    <Table.Td>{row.item.sku}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {row.item.name}
                        {row.low && <StatusBadge color="orange" size="xs">{t("low")}</StatusBadge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{row.location}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-testid="on-hand-quantity">
                      {formatNumber(row.quantity, lang)} {row.item.unit}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} fw={row.low ? 700 : undefined}>{formatNumber(row.itemTotal, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.item.reorderPoint, lang)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(row.item.averageCost, currency, lang)}</Table.Td>
                    <Table.Td>
                      <Tooltip label={t("history")} withinPortal>
                        <ActionIcon variant="subtle" aria-label={t("historyOf", { sku: row.item.sku })} loading={exporting === row.item.id}
                          onClick={() => void exportFile("XLSX", row.item.id)}>
                          <IconHistory size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {rows.length > 0 && shown.length === 0 && <Text c="dimmed">{t("noMatch")}</Text>}
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="valuation">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Title order={2} size="h3" id="valuation">{t("valuation")}</Title>
            <Group align="flex-end">
              <TextInput type="date" label={t("asOf")} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
              {valuing && <Loader size="xs" aria-label={tc("app.loading")} />}
            </Group>
          </Group>
          {validDate && valuationRows.length === 0 && !valuing ? (
            <Text c="dimmed">{t("noValuation", { date: formatDate(asOf, lang) })}</Text>
          ) : (
            <ScrollTable minWidth={520} label={t("valuation")}>
              <Table striped data-testid="valuation-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("sku")}</Table.Th><Table.Th>{t("item")}</Table.Th>
                    <Table.Th ta="right">{t("quantity")}</Table.Th><Table.Th ta="right">{t("value")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {valuationRows.map((v) => (
                    <Table.Tr key={v.item.id}>
                      <Table.Td>{v.item.sku}</Table.Td>
                      <Table.Td>{v.item.name}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatNumber(v.quantity, lang)} {v.item.unit}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(v.value, currency, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={3}>{t("totalAsOf", { date: formatDate(asOf, lang) })}</Table.Th>
                    <Table.Th ta="right" data-testid="valuation-total" style={{ whiteSpace: "nowrap" }}>
                      {formatMoney(valuationTotal, currency, lang)}
                    </Table.Th>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      </Paper>
    </Page>
  );
}
