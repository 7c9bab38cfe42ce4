import {
  ActionIcon, Alert, Anchor, Button, Center, Group, Loader, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack,
  Table, Text, TextInput, Textarea, Title,
} from "@mantine/core";
import { IconArrowLeft, IconPlus, IconTrash, IconTruckDelivery } from "@tabler/icons-react";
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
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "../ga/StatusBadge";
import ScrollTable from "../ga/ScrollTable";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { useMembers } from "../ga/members";
import { compareDecimal, isDecimal, isPositive, normalise, sumDecimals } from "./decimal";
import ItemSelect from "./ItemSelect";
import { useLocations } from "./locations";
import { usePages } from "./paging";
import { ISSUE_TEXTS } from "./texts";

const IssuesDocument = graphql(`
  query LogisticsStockIssues($status: String, $first: Int, $after: String) {
    stockIssues(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id status issueDate reference source fromLocation { id code } lines { id } }
    }
  }
`);
const IssueDocument = graphql(`
  query LogisticsStockIssue($id: ID!) {
    stockIssue(id: $id) {
      id status issueDate reference source note requestedById createdAt postedAt
      fromLocation { id code }
      lines { id quantity moveId item { id sku name unit } }
    }
    stockOnHand { locationId quantity item { id } }
    stockSettings { defaultLocationId }
  }
`);
const CreateDocument = graphql(`
  mutation LogisticsCreateStockIssue($input: StockIssueInput!) {
    createStockIssue(input: $input) { stockIssue { id } userErrors { field message code } }
  }
`);
const PostDocument = graphql(`
  mutation LogisticsPostStockIssue($input: PostStockIssueInput!) {
    postStockIssue(input: $input) { stockIssue { id status } userErrors { field message code } }
  }
`);
const CancelDocument = graphql(`
  mutation LogisticsCancelStockIssue($input: StockIssueIdInput!) {
    cancelStockIssue(input: $input) { stockIssue { id status } userErrors { field message code } }
  }
`);

const BASE = "/logistics/issues";
const COLOURS: Record<string, string> = { draft: "yellow", posted: "teal", cancelled: "gray" };

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text component="div" style={{ whiteSpace: "pre-line" }}>{children || "—"}</Text>
    </Stack>
  );
}

/** Stock issue documents: drafts (by hand or from approved supply requests) reviewed and posted or cancelled. */
export default function StockIssues() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest === "new") return <NewIssue />;
  if (rest) return <IssuePage key={rest} id={decodeURIComponent(rest)} />;
  return <IssueList />;
}

function IssueList() {
  const { t, i18n } = useBundle("logistics-issues", ISSUE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can } = useSession();
  const [status, setStatus] = useState<"draft" | "posted" | "cancelled" | "all">("draft");
  const list = usePages(IssuesDocument, { status: status === "all" ? null : status }, (d) => d.stockIssues);
  return (
    <Page title={t("title")} error={list.error}
      actions={can("logistics.stock.move") && (
        <Button component={Link} to={`${BASE}/new`} leftSection={<IconPlus size={16} aria-hidden />} data-testid="new-issue">{t("newIssue")}</Button>
      )}>
      <SegmentedControl aria-label={tc("common.status")} value={status} onChange={(v) => setStatus(v as typeof status)} style={{ alignSelf: "flex-start" }}
        data={[...(["draft", "posted", "cancelled"] as const).map((s) => ({ value: s, label: t(`status.${s}`) })), { value: "all", label: tc("common.all") }]} />
      <ScrollTable minWidth={680} label={t("title")}>
        <Table striped highlightOnHover aria-busy={list.fetching} data-testid="stock-issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reference")}</Table.Th><Table.Th>{t("issueDate")}</Table.Th><Table.Th>{t("from")}</Table.Th>
              <Table.Th>{t("source")}</Table.Th><Table.Th>{t("lines")}</Table.Th><Table.Th>{tc("common.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.nodes.map((issue) => (
              <Table.Tr key={issue.id} data-testid="stock-issue-row">
                <Table.Td>
                  <Anchor component={Link} to={`${BASE}/${encodeURIComponent(issue.id)}`}>{issue.reference || t("noReference")}</Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(issue.issueDate, lang)}</Table.Td>
                <Table.Td>{issue.fromLocation?.code}</Table.Td>
                <Table.Td>{t(`sourceKind.${issue.source.replace(".", "_")}`, { defaultValue: issue.source })}</Table.Td>
                <Table.Td>{issue.lines.length}</Table.Td>
                <Table.Td><StatusBadge color={COLOURS[issue.status] ?? "gray"}>{t(`status.${issue.status}`, { defaultValue: issue.status })}</StatusBadge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {!list.fetching && list.nodes.length === 0 && <Text c="dimmed">{status === "draft" ? t("noDrafts") : tc("common.noRecords")}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{tc("common.shown", { shown: list.nodes.length, total: list.total })}</Text>
        {list.more && <Button variant="default" loading={list.fetching} onClick={list.loadMore}>{tc("common.loadMore")}</Button>}
      </Group>
    </Page>
  );
}

interface LineForm { key: number; itemId: string | null; unit: string; quantity: string }

function NewIssue() {
  const { t } = useBundle("logistics-issues", ISSUE_TEXTS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const locations = useLocations();
  const [, create] = useMutation(CreateDocument);
  const [form, setForm] = useState({ issueDate: localToday(), fromLocationId: null as string | null, reference: "", note: "" });
  const [lines, setLines] = useState<LineForm[]>([{ key: 1, itemId: null, unit: "", quantity: "" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function setLine(index: number, patch: Partial<LineForm>) {
    setLines((all) => all.map((l, i) => (i === index ? { ...l, ...patch } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`lines.${index}.`))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const missing: Record<string, string> = {};
    if (!form.issueDate) missing.issueDate = tc("common.required");
    lines.forEach((l, i) => {
      if (!l.itemId) missing[`lines.${i}.itemId`] = tc("common.required");
      if (!isPositive(l.quantity)) missing[`lines.${i}.quantity`] = t("positive");
    });
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSaving(true);
    const result = await create({
      input: {
        issueDate: form.issueDate, fromLocationId: form.fromLocationId, reference: form.reference.trim(), note: form.note.trim(),
        lines: lines.map((l) => ({ itemId: l.itemId!, quantity: l.quantity.trim() })),
      },
    });
    setSaving(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const payload = result.data?.createStockIssue;
    const known = ["issueDate", "fromLocationId", "reference", "note", "lines", ...lines.flatMap((_, i) => [`lines.${i}.itemId`, `lines.${i}.quantity`])];
    const { byField, general } = splitUserErrors(payload?.userErrors, known);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : byField.lines ?? null);
    if (Object.keys(byField).length || general.length || !payload?.stockIssue) return;
    notifySaved(t("created"));
    navigate(`${BASE}/${encodeURIComponent(payload.stockIssue.id)}`);
  }

  return (
    <Page title={t("newIssue")}
      actions={<Anchor component={Link} to={BASE}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("title")}</Group></Anchor>}>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate data-testid="issue-form">
          <Stack>
            <Text size="sm" c="dimmed">{t("draftHint")}</Text>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <TextInput label={t("issueDate")} type="date" required value={form.issueDate} error={errors.issueDate}
                onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, issueDate: v })); }} />
              <Select label={t("from")} placeholder={t("defaultLocation")} data={locations.options} value={form.fromLocationId} clearable
                error={errors.fromLocationId} onChange={(v) => setForm((f) => ({ ...f, fromLocationId: v }))} comboboxProps={{ withinPortal: true }} />
              <TextInput label={t("reference")} value={form.reference} error={errors.reference}
                onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, reference: v })); }} />
              <Textarea label={t("note")} autosize minRows={1} value={form.note} error={errors.note}
                onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, note: v })); }} />
            </SimpleGrid>
            <Stack gap="xs" role="group" aria-labelledby="issue-lines">
              <Title order={2} size="h4" id="issue-lines">{t("lines")}</Title>
              {lines.map((line, i) => (
                <Group key={line.key} align="flex-start" wrap="wrap" gap="sm">
                  <div style={{ flex: "2 1 240px" }}>
                    <ItemSelect label={t("itemN", { n: i + 1 })} required value={line.itemId} error={errors[`lines.${i}.itemId`]}
                      onChange={(item) => setLine(i, { itemId: item?.id ?? null, unit: item?.unit ?? "" })} />
                  </div>
                  <TextInput style={{ flex: "1 1 120px" }} label={t("quantityN", { n: i + 1 })} required inputMode="decimal"
                    rightSection={<Text size="xs" c="dimmed">{line.unit}</Text>} value={line.quantity} error={errors[`lines.${i}.quantity`]}
                    onChange={(e) => setLine(i, { quantity: e.currentTarget.value })} />
                  {lines.length > 1 && (
                    <ActionIcon mt={28} variant="subtle" color="red" size="lg" aria-label={t("removeLine", { n: i + 1 })}
                      onClick={() => setLines((all) => all.filter((_, j) => j !== i))}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, itemId: null, unit: "", quantity: "" }])}>
                  {t("addLine")}
                </Button>
              </Group>
            </Stack>
            <Group>
              <Button type="submit" loading={saving}>{t("saveDraft")}</Button>
              <Button variant="default" component={Link} to={BASE}>{tc("common.cancel")}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}

function IssuePage({ id }: { id: string }) {
  const { t, i18n } = useBundle("logistics-issues", ISSUE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can } = useSession();
  const members = useMembers();
  const locations = useLocations();
  const [{ data, fetching, error }, refetch] = useQuery({ query: IssueDocument, variables: { id }, requestPolicy: "cache-and-network" });
  const [, post] = useMutation(PostDocument);
  const [, cancel] = useMutation(CancelDocument);
  const issue = data?.stockIssue;
  const [locationId, setLocationId] = useState<string | null>(null);
  const [issueDate, setIssueDate] = useState(localToday);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    if (!issue) return;
    setLocationId((current) => current ?? issue.fromLocation?.id ?? data?.stockSettings.defaultLocationId ?? locations.options[0]?.value ?? null);
    setQuantities((q) => (Object.keys(q).length ? q : Object.fromEntries(issue.lines.map((l) => [l.id, normalise(l.quantity) ?? l.quantity]))));
  }, [issue, data, locations.options]);

  const onHand = useMemo(() => {
    const at = new Map<string, string>();
    for (const level of data?.stockOnHand ?? []) {
      if (level.locationId === locationId && level.item) at.set(level.item.id, sumDecimals([at.get(level.item.id) ?? "0", level.quantity]));
    }
    return at;
  }, [data, locationId]);

  if (fetching && !issue) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!issue) return <Page title={t("title")} error={error}>{!error && <Alert color="yellow">{tc("resource.notFound")}</Alert>}</Page>;

  const draft = issue.status === "draft";
  const mayPost = draft && can("logistics.stock.move");
  const reload = () => refetch({ requestPolicy: "network-only" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    issue!.lines.forEach((l, i) => {
      const q = (quantities[l.id] ?? "").trim();
      if (!isDecimal(q, 3) || q.startsWith("-")) problems[`lines.${i}.quantity`] = t("notNegative");
    });
    if (!locationId) problems.fromLocationId = tc("common.required");
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setPosting(true);
    const result = await post({
      input: {
        id: issue!.id, fromLocationId: locationId, issueDate: issueDate || null,
        lines: issue!.lines.map((l) => ({ lineId: l.id, quantity: quantities[l.id].trim() })),
      },
    });
    setPosting(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const known = ["fromLocationId", "issueDate", ...issue!.lines.map((_, i) => `lines.${i}.quantity`)];
    const { byField, general } = splitUserErrors(result.data?.postStockIssue.userErrors, known);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("posted"));
    reload();
  }

  async function confirmCancel() {
    const result = await cancel({ input: { id: issue!.id } });
    setCancelling(false);
    const errs = result.data?.cancelStockIssue.userErrors ?? [];
    if (result.error || errs.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errs.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("cancelled"));
    reload();
  }

  return (
    <Page title={t("issueTitle", { reference: issue.reference || t("noReference") })} error={error}
      actions={<Anchor component={Link} to={BASE}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("title")}</Group></Anchor>}>
      <Paper withBorder p="md" component="section" aria-label={t("about")}>
        <Stack>
          <Group justify="space-between">
            <StatusBadge size="lg" color={COLOURS[issue.status] ?? "gray"} data-testid="issue-status">
              {t(`status.${issue.status}`, { defaultValue: issue.status })}
            </StatusBadge>
            {mayPost && <Button variant="default" color="red" onClick={() => setCancelling(true)}>{t("cancel")}</Button>}
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Fact label={t("issueDate")}>{formatDate(issue.issueDate, lang)}</Fact>
            <Fact label={t("source")}>{t(`sourceKind.${issue.source.replace(".", "_")}`, { defaultValue: issue.source })}</Fact>
            <Fact label={t("requestedBy")}>{members.name(issue.requestedById)}</Fact>
            <Fact label={t("from")}>{locations.name(issue.fromLocation?.id) || issue.fromLocation?.code}</Fact>
            {issue.postedAt && <Fact label={t("postedAt")}>{formatDateTime(issue.postedAt, lang)}</Fact>}
            {issue.note && <Fact label={t("note")}>{issue.note}</Fact>}
          </SimpleGrid>
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="issue-lines-title">
        <form onSubmit={submit} noValidate data-testid="post-issue-form">
          <Stack>
            <Title order={2} size="h3" id="issue-lines-title">{t("lines")}</Title>
            {mayPost && <Text size="sm" c="dimmed">{t("postHint")}</Text>}
            {message && <Alert color="red" role="alert">{message}</Alert>}
            {mayPost && (
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <Select label={t("from")} required data={locations.options} value={locationId} error={errors.fromLocationId} allowDeselect={false}
                  onChange={setLocationId} comboboxProps={{ withinPortal: true }} />
                <TextInput label={t("issueDate")} type="date" value={issueDate} error={errors.issueDate}
                  onChange={(e) => setIssueDate(e.currentTarget.value)} />
              </SimpleGrid>
            )}
            <ScrollTable minWidth={560} label={t("lines")}>
              <Table striped data-testid="issue-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("item")}</Table.Th><Table.Th ta="right">{t("quantity")}</Table.Th>
                    {mayPost && <Table.Th ta="right">{t("onHandThere")}</Table.Th>}
                    {mayPost && <Table.Th>{t("issueNow")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {issue.lines.map((l, i) => {
                    const available = l.item ? onHand.get(l.item.id) ?? "0" : "0";
                    const wanted = (quantities[l.id] ?? "").trim();
                    const short = mayPost && isDecimal(wanted) && compareDecimal(wanted, available) > 0;
                    return (
                      <Table.Tr key={l.id}>
                        <Table.Td>{l.item ? `${l.item.sku} · ${l.item.name}` : ""}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatNumber(l.quantity, lang)} {l.item?.unit}</Table.Td>
                        {mayPost && (
                          <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} c={short ? "red.9" : undefined} fw={short ? 600 : undefined}>
                            {formatNumber(available, lang)}{short ? ` (${t("short")})` : ""}
                          </Table.Td>
                        )}
                        {mayPost && (
                          <Table.Td>
                            <TextInput inputMode="decimal" w={140} aria-label={t("issueNowOf", { sku: l.item?.sku ?? "" })}
                              value={quantities[l.id] ?? ""} error={errors[`lines.${i}.quantity`]}
                              onChange={(e) => { const v = e.currentTarget.value; setQuantities((q) => ({ ...q, [l.id]: v })); }} />
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            {mayPost && (
              <Group justify="flex-end">
                <Button type="submit" loading={posting} leftSection={<IconTruckDelivery size={16} aria-hidden />}>{t("post")}</Button>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>

      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t("cancelTitle")}>
        <Stack>
          <Text size="sm">{t("cancelBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)} data-autofocus>{t("keep")}</Button>
            <Button color="red" onClick={() => void confirmCancel()}>{t("cancel")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
