import {
  ActionIcon, Alert, Anchor, Button, Center, Checkbox, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Table,
  Text, TextInput, Textarea, Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconArrowLeft, IconPackageImport, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { LogisticsExpectedDeliveryQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "../ga/StatusBadge";
import ScrollTable from "../ga/ScrollTable";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { compareDecimal, isDecimal, isPositive, isZero, normalise } from "./decimal";
import ItemSelect from "./ItemSelect";
import { useLocations } from "./locations";
import { usePages } from "./paging";
import { checkReceipt, newKey } from "./receipt";
import { DELIVERY_TEXTS } from "./texts";

const DeliveriesDocument = graphql(`
  query LogisticsExpectedDeliveries($status: String, $search: String, $expectedFrom: Date, $expectedTo: Date, $first: Int, $after: String) {
    expectedDeliveries(status: $status, search: $search, expectedFrom: $expectedFrom, expectedTo: $expectedTo, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id supplierName reference expectedDate currency status expectedValue lines { id } }
    }
  }
`);
const DeliveryDocument = graphql(`
  query LogisticsExpectedDelivery($id: ID!) {
    expectedDelivery(id: $id) {
      id supplierName reference expectedDate currency status note createdAt expectedValue
      lines { id position quantityExpected quantityReceived quantityOutstanding unitCost allowOverReceipt item { id sku name unit } }
      receipts {
        id receivedOn reference exchangeRate note createdAt location { id code }
        lines { deliveryLineId quantity unitCost item { id sku name unit } }
      }
    }
  }
`);
const CreateDocument = graphql(`
  mutation LogisticsCreateExpectedDelivery($input: ExpectedDeliveryInput!) {
    createExpectedDelivery(input: $input) { expectedDelivery { id } userErrors { field message code } }
  }
`);
const ReceiveDocument = graphql(`
  mutation LogisticsReceiveExpectedDelivery($input: ReceiveDeliveryInput!) {
    receiveExpectedDelivery(input: $input) {
      created receipt { id } expectedDelivery { id status } userErrors { field message code }
    }
  }
`);
const CancelDocument = graphql(`
  mutation LogisticsCancelExpectedDelivery($input: ExpectedDeliveryIdInput!) {
    cancelExpectedDelivery(input: $input) { expectedDelivery { id status } userErrors { field message code } }
  }
`);

type Delivery = LogisticsExpectedDeliveryQuery["expectedDelivery"];
const BASE = "/logistics/deliveries";
const STATUSES = ["open", "partially_received", "received", "cancelled"] as const;
export const DELIVERY_COLOURS: Record<string, string> = { open: "blue", partially_received: "yellow", received: "teal", cancelled: "gray" };

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text component="div" data-testid={testId}>{children || "—"}</Text>
    </Stack>
  );
}

/** Expected deliveries: the list, a new delivery with its lines, and (below /logistics/deliveries/<id>) one delivery to receive. */
export default function Deliveries() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest === "new") return <NewDelivery />;
  if (rest) return <DeliveryPage key={rest} id={decodeURIComponent(rest)} />;
  return <DeliveryList />;
}

function DeliveryList() {
  const { t, i18n } = useBundle("logistics-deliveries", DELIVERY_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can } = useSession();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const list = usePages(DeliveriesDocument, {
    status, search: debounced || null, expectedFrom: from || null, expectedTo: to || null,
  }, (d) => d.expectedDeliveries);

  return (
    <Page title={t("title")} error={list.error}
      actions={can("logistics.purchase.manage") && (
        <Button component={Link} to={`${BASE}/new`} leftSection={<IconPlus size={16} aria-hidden />} data-testid="new-delivery">
          {t("newDelivery")}
        </Button>
      )}>
      <Group align="flex-end" wrap="wrap">
        <TextInput aria-label={t("search")} placeholder={t("search")} leftSection={<IconSearch size={16} aria-hidden />}
          value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: "100%", xs: 260 }} />
        <Select label={tc("common.status")} placeholder={tc("common.all")} clearable value={status} onChange={setStatus} w={200}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} comboboxProps={{ withinPortal: true }} />
        <TextInput type="date" label={t("expectedFrom")} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t("expectedTo")} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <ScrollTable minWidth={760} label={t("title")}>
        <Table striped highlightOnHover aria-busy={list.fetching} data-testid="deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reference")}</Table.Th><Table.Th>{t("supplier")}</Table.Th><Table.Th>{t("expectedDate")}</Table.Th>
              <Table.Th>{t("lines")}</Table.Th><Table.Th ta="right">{t("value")}</Table.Th><Table.Th>{tc("common.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.nodes.map((d) => (
              <Table.Tr key={d.id} data-testid="delivery-row">
                <Table.Td><Anchor component={Link} to={`${BASE}/${encodeURIComponent(d.id)}`}>{d.reference}</Anchor></Table.Td>
                <Table.Td>{d.supplierName}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(d.expectedDate, lang)}</Table.Td>
                <Table.Td>{d.lines.length}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(d.expectedValue, d.currency, lang)}</Table.Td>
                <Table.Td><StatusBadge color={DELIVERY_COLOURS[d.status] ?? "gray"}>{t(`status.${d.status}`, { defaultValue: d.status })}</StatusBadge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {!list.fetching && list.nodes.length === 0 && <Text c="dimmed">{t("noDeliveries")}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{tc("common.shown", { shown: list.nodes.length, total: list.total })}</Text>
        {list.more && <Button variant="default" loading={list.fetching} onClick={list.loadMore}>{tc("common.loadMore")}</Button>}
      </Group>
    </Page>
  );
}

interface LineForm { key: number; itemId: string | null; unit: string; quantity: string; unitCost: string; allowOverReceipt: boolean }

function NewDelivery() {
  const { t } = useBundle("logistics-deliveries", DELIVERY_TEXTS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [, create] = useMutation(CreateDocument);
  const [form, setForm] = useState({ supplierName: "", reference: "", expectedDate: localToday(), currency: "IDR", note: "" });
  const [lines, setLines] = useState<LineForm[]>([{ key: 1, itemId: null, unit: "", quantity: "", unitCost: "", allowOverReceipt: false }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const known = useMemo(() => ["supplierName", "reference", "expectedDate", "currency", "note", "lines",
    ...lines.flatMap((_, i) => [`lines.${i}.itemId`, `lines.${i}.quantity`, `lines.${i}.unitCost`])], [lines]);

  function setField<K extends keyof typeof form>(key: K, value: string) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: "" }));
  }

  function setLine(index: number, patch: Partial<LineForm>) {
    setLines((all) => all.map((l, i) => (i === index ? { ...l, ...patch } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`lines.${index}.`))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const missing: Record<string, string> = {};
    for (const key of ["supplierName", "reference", "expectedDate"] as const) if (!form[key].trim()) missing[key] = tc("common.required");
    lines.forEach((l, i) => {
      if (!l.itemId) missing[`lines.${i}.itemId`] = tc("common.required");
      if (!isPositive(l.quantity)) missing[`lines.${i}.quantity`] = t("positive");
      if (!isDecimal(l.unitCost) || compareDecimal(l.unitCost, "0") < 0) missing[`lines.${i}.unitCost`] = t("notNegative");
    });
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSaving(true);
    const result = await create({
      input: {
        supplierName: form.supplierName.trim(), reference: form.reference.trim(), expectedDate: form.expectedDate,
        currency: form.currency.trim().toUpperCase() || "IDR", note: form.note.trim(),
        lines: lines.map((l) => ({ itemId: l.itemId!, quantity: l.quantity.trim(), unitCost: l.unitCost.trim(), allowOverReceipt: l.allowOverReceipt })),
      },
    });
    setSaving(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const payload = result.data?.createExpectedDelivery;
    const { byField, general } = splitUserErrors(payload?.userErrors, known);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : byField.lines ?? null);
    if (Object.keys(byField).length || general.length || !payload?.expectedDelivery) return;
    notifySaved(t("created"));
    navigate(`${BASE}/${encodeURIComponent(payload.expectedDelivery.id)}`);
  }

  return (
    <Page title={t("newDelivery")}
      actions={<Anchor component={Link} to={BASE}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("title")}</Group></Anchor>}>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate data-testid="delivery-form">
          <Stack>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <TextInput label={t("supplier")} required value={form.supplierName} error={errors.supplierName}
                onChange={(e) => setField("supplierName", e.currentTarget.value)} />
              <TextInput label={t("reference")} description={t("referenceHint")} required value={form.reference} error={errors.reference}
                onChange={(e) => setField("reference", e.currentTarget.value)} />
              <TextInput label={t("expectedDate")} type="date" required value={form.expectedDate} error={errors.expectedDate}
                onChange={(e) => setField("expectedDate", e.currentTarget.value)} />
              <TextInput label={t("currency")} maxLength={3} value={form.currency} error={errors.currency}
                onChange={(e) => setField("currency", e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t("note")} autosize minRows={1} value={form.note} error={errors.note}
              onChange={(e) => setField("note", e.currentTarget.value)} />
            <Stack gap="xs" role="group" aria-labelledby="delivery-lines">
              <Title order={2} size="h4" id="delivery-lines">{t("lines")}</Title>
              {lines.map((line, i) => (
                <Paper key={line.key} withBorder p="sm" data-testid="delivery-line-form">
                  <Group align="flex-start" wrap="wrap" gap="sm">
                    <div style={{ flex: "2 1 240px" }}>
                      <ItemSelect label={t("itemN", { n: i + 1 })} required value={line.itemId} error={errors[`lines.${i}.itemId`]}
                        onChange={(item) => setLine(i, { itemId: item?.id ?? null, unit: item?.unit ?? "" })} />
                    </div>
                    <TextInput style={{ flex: "1 1 120px" }} label={t("quantityN", { n: i + 1 })} required inputMode="decimal"
                      rightSection={<Text size="xs" c="dimmed">{line.unit}</Text>} value={line.quantity} error={errors[`lines.${i}.quantity`]}
                      onChange={(e) => setLine(i, { quantity: e.currentTarget.value })} />
                    <TextInput style={{ flex: "1 1 140px" }} label={t("unitCostN", { n: i + 1, currency: form.currency || "IDR" })} required
                      inputMode="decimal" value={line.unitCost} error={errors[`lines.${i}.unitCost`]}
                      onChange={(e) => setLine(i, { unitCost: e.currentTarget.value })} />
                    <Checkbox mt={30} label={t("allowOver")} checked={line.allowOverReceipt}
                      onChange={(e) => setLine(i, { allowOverReceipt: e.currentTarget.checked })} />
                    {lines.length > 1 && (
                      <ActionIcon mt={28} variant="subtle" color="red" size="lg" aria-label={t("removeLine", { n: i + 1 })}
                        onClick={() => setLines((all) => all.filter((_, j) => j !== i))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                </Paper>
              ))}
              <Group>
                <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, itemId: null, unit: "", quantity: "", unitCost: "", allowOverReceipt: false }])}>
                  {t("addLine")}
                </Button>
              </Group>
            </Stack>
            <Group>
              <Button type="submit" loading={saving} data-testid="save-delivery">{t("create")}</Button>
              <Button variant="default" component={Link} to={BASE}>{tc("common.cancel")}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}

function DeliveryPage({ id }: { id: string }) {
  const { t, i18n } = useBundle("logistics-deliveries", DELIVERY_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can } = useSession();
  const locations = useLocations();
  const [{ data, fetching, error }, refetch] = useQuery({ query: DeliveryDocument, variables: { id }, requestPolicy: "cache-and-network" });
  const [, cancel] = useMutation(CancelDocument);
  const [cancelling, setCancelling] = useState(false);
  const delivery = data?.expectedDelivery;

  if (fetching && !delivery) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!delivery) return <Page title={t("title")} error={error}>{!error && <Alert color="yellow">{tc("resource.notFound")}</Alert>}</Page>;

  const open = delivery.status === "open" || delivery.status === "partially_received";
  const money = (v: string) => formatMoney(v, delivery.currency, lang);
  const reload = () => refetch({ requestPolicy: "network-only" });

  async function confirmCancel() {
    const result = await cancel({ input: { id: delivery!.id } });
    setCancelling(false);
    const errs = result.data?.cancelExpectedDelivery.userErrors ?? [];
    if (result.error || errs.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errs.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("cancelled"));
    reload();
  }

  return (
    <Page title={t("deliveryTitle", { reference: delivery.reference })} error={error}
      actions={<Anchor component={Link} to={BASE}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("title")}</Group></Anchor>}>
      <Paper withBorder p="md" component="section" aria-label={t("about")}>
        <Stack>
          <Group justify="space-between">
            <StatusBadge size="lg" color={DELIVERY_COLOURS[delivery.status] ?? "gray"} data-testid="delivery-status">
              {t(`status.${delivery.status}`, { defaultValue: delivery.status })}
            </StatusBadge>
            {open && can("logistics.purchase.manage") && (
              <Button variant="default" color="red" onClick={() => setCancelling(true)}>{t("cancelRest")}</Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Fact label={t("supplier")}>{delivery.supplierName}</Fact>
            <Fact label={t("expectedDate")}>{formatDate(delivery.expectedDate, lang)}</Fact>
            <Fact label={t("value")}>{money(delivery.expectedValue)}</Fact>
            <Fact label={t("note")}>{delivery.note}</Fact>
          </SimpleGrid>
        </Stack>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="delivery-lines-title">
        <Title order={2} size="h3" id="delivery-lines-title">{t("lines")}</Title>
        <ScrollTable minWidth={720} label={t("lines")}>
          <Table striped data-testid="delivery-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("item")}</Table.Th><Table.Th ta="right">{t("expected")}</Table.Th><Table.Th ta="right">{t("received")}</Table.Th>
                <Table.Th ta="right">{t("outstanding")}</Table.Th><Table.Th ta="right">{t("unitCost")}</Table.Th><Table.Th>{t("allowOverShort")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {delivery.lines.map((l) => (
                <Table.Tr key={l.id} data-testid="delivery-line" data-sku={l.item?.sku}>
                  <Table.Td>{l.item ? `${l.item.sku} · ${l.item.name}` : ""}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatNumber(l.quantityExpected, lang)} {l.item?.unit}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-testid="line-received">{formatNumber(l.quantityReceived, lang)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-testid="line-outstanding">{formatNumber(l.quantityOutstanding, lang)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(l.unitCost)}</Table.Td>
                  <Table.Td>{l.allowOverReceipt ? tc("common.yes") : tc("common.no")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>

      {open && can("logistics.purchase.receive") && (
        <ReceiveForm delivery={delivery} locations={locations.options} onReceived={reload} />
      )}

      <Stack gap="xs" component="section" aria-labelledby="delivery-receipts">
        <Title order={2} size="h3" id="delivery-receipts">{t("receipts")}</Title>
        {delivery.receipts.length === 0 ? (
          <Text c="dimmed">{t("noReceipts")}</Text>
        ) : (
          <ScrollTable minWidth={640} label={t("receipts")}>
            <Table striped data-testid="delivery-receipts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("receivedOn")}</Table.Th><Table.Th>{t("receiptReference")}</Table.Th><Table.Th>{t("location")}</Table.Th>
                  <Table.Th>{t("lines")}</Table.Th><Table.Th>{t("note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {delivery.receipts.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.receivedOn, lang)}</Table.Td>
                    <Table.Td>{r.reference}</Table.Td>
                    <Table.Td>{locations.name(r.location?.id) || r.location?.code}</Table.Td>
                    <Table.Td>
                      {r.lines.map((l) => `${l.item?.sku ?? ""} × ${formatNumber(l.quantity, lang)}`).join(", ")}
                    </Table.Td>
                    <Table.Td>{r.note}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>

      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t("cancelTitle")}>
        <Stack>
          <Text size="sm">{t("cancelBody", { reference: delivery.reference })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)} data-autofocus>{t("keep")}</Button>
            <Button color="red" onClick={() => void confirmCancel()}>{t("cancelRest")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}

function ReceiveForm({ delivery, locations, onReceived }: {
  delivery: Delivery; locations: { value: string; label: string }[]; onReceived: () => void;
}) {
  const [, receive] = useMutation(ReceiveDocument);
  const { t, i18n } = useBundle("logistics-deliveries", DELIVERY_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const foreign = delivery.currency !== "IDR";
  const [form, setForm] = useState(() => ({ locationId: null as string | null, receivedOn: localToday(), reference: "", note: "", exchangeRate: "" }));
  const [quantities, setQuantities] = useState<string[]>(() => delivery.lines.map(() => ""));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // One key per receipt being entered: sending it twice (a double click, a retry) receives once.
  const [key, setKey] = useState(newKey);

  useEffect(() => {
    if (!form.locationId && locations.length) setForm((f) => ({ ...f, locationId: locations[0].value }));
  }, [locations, form.locationId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems = checkReceipt(delivery.lines, quantities);
    const shown: Record<string, string> = {};
    for (const [index, problem] of Object.entries(problems.lines)) shown[`lines.${index}.quantity`] = t(`problem.${problem}`);
    if (!form.locationId) shown.locationId = tc("common.required");
    if (!form.receivedOn) shown.receivedOn = tc("common.required");
    if (foreign && !isPositive(form.exchangeRate)) shown.exchangeRate = t("positive");
    setErrors(shown);
    if (problems.nothing) setMessage(t("problem.nothing"));
    if (Object.keys(shown).length || problems.nothing) return;
    setSaving(true);
    const result = await receive({
      input: {
        deliveryId: delivery.id, locationId: form.locationId!, receivedOn: form.receivedOn, reference: form.reference.trim(),
        note: form.note.trim(), exchangeRate: foreign ? form.exchangeRate.trim() : null, idempotencyKey: key,
        // Every line, in order (zero leaves a line out), so that an error's line number is the table's.
        lines: delivery.lines.map((l, i) => ({ lineId: l.id, quantity: quantities[i].trim() || "0" })),
      },
    });
    setSaving(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const payload = result.data?.receiveExpectedDelivery;
    const known = ["locationId", "receivedOn", "reference", "note", "exchangeRate", ...delivery.lines.map((_, i) => `lines.${i}.quantity`)];
    const { byField, general } = splitUserErrors(payload?.userErrors, known);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("receivedMsg"));
    setQuantities(delivery.lines.map(() => ""));
    setForm((f) => ({ ...f, reference: "", note: "" }));
    setKey(newKey());
    onReceived();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="receive-title">
      <form onSubmit={submit} noValidate data-testid="receive-form">
        <Stack>
          <Title order={2} size="h3" id="receive-title">{t("receive")}</Title>
          <Text size="sm" c="dimmed">{t("receiveHint")}</Text>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <SimpleGrid cols={{ base: 1, xs: 2, md: foreign ? 5 : 4 }}>
            <Select label={t("location")} required data={locations} value={form.locationId} error={errors.locationId} allowDeselect={false}
              onChange={(v) => setForm((f) => ({ ...f, locationId: v }))} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t("receivedOn")} type="date" required value={form.receivedOn} error={errors.receivedOn}
              onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, receivedOn: v })); }} />
            <TextInput label={t("receiptReference")} description={t("receiptReferenceHint")} value={form.reference} error={errors.reference}
              onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, reference: v })); }} />
            <TextInput label={t("note")} value={form.note} error={errors.note}
              onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, note: v })); }} />
            {foreign && (
              <TextInput label={t("exchangeRate", { currency: delivery.currency })} required inputMode="decimal" value={form.exchangeRate}
                error={errors.exchangeRate} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, exchangeRate: v })); }} />
            )}
          </SimpleGrid>
          <ScrollTable minWidth={560} label={t("receive")}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("item")}</Table.Th><Table.Th ta="right">{t("outstanding")}</Table.Th><Table.Th>{t("receiveNow")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {delivery.lines.map((l, i) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.item ? `${l.item.sku} · ${l.item.name}` : ""}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatNumber(l.quantityOutstanding, lang)} {l.item?.unit}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <TextInput inputMode="decimal" w={140} aria-label={t("receiveNowOf", { sku: l.item?.sku ?? "" })}
                          placeholder="0" value={quantities[i]} error={errors[`lines.${i}.quantity`]}
                          disabled={isZero(l.quantityOutstanding) && !l.allowOverReceipt}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setQuantities((q) => q.map((x, j) => (j === i ? v : x)));
                            setErrors((er) => ({ ...er, [`lines.${i}.quantity`]: "" }));
                          }} />
                        {!isZero(l.quantityOutstanding) && (
                          <Button variant="subtle" size="xs" mt={4} aria-label={t("allOf", { sku: l.item?.sku ?? "" })}
                            onClick={() => setQuantities((q) => q.map((x, j) => (j === i ? normalise(l.quantityOutstanding) ?? "" : x)))}>
                            {t("all")}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group justify="flex-end">
            <Button type="submit" loading={saving} leftSection={<IconPackageImport size={16} aria-hidden />} data-testid="receive-button">
              {t("receiveButton")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
