import {
  Alert, Badge, Button, Center, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title,
} from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { HrMyLeaveRequestsQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatNumber } from "../../lib/format";
import { today, workingDays } from "./calendar";
import LeaveDecisions from "./LeaveDecisions";
import { useAllPages } from "./paging";
import { LEAVE_TEXTS } from "./texts";

const MeDocument = graphql(`
  query HrMyLeaveStart {
    myEmployee { id fullName }
    leaveTypes(first: 100) { nodes { id name code } }
  }
`);
const BalancesDocument = graphql(`
  query HrMyLeaveBalances($year: Int) {
    myLeaveBalances(year: $year) { year entitled used remaining leaveType { id name tracksBalance } }
  }
`);
const RequestsDocument = graphql(`
  query HrMyLeaveRequests($after: String) {
    myLeaveRequests(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id startDate endDate days status reason decisionNote leaveType { id name } }
    }
  }
`);
const ToApproveDocument = graphql(`
  query HrMyLeaveToApprove($after: String) {
    leaveRequestsToApprove(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id startDate endDate days status reason employee { id fullName } leaveType { id name } }
    }
  }
`);
const RequestLeaveDocument = graphql(`
  mutation HrRequestLeave($input: RequestLeaveInput!) {
    requestLeave(input: $input) { leaveRequest { id status } userErrors { field message code } }
  }
`);
const CancelLeaveDocument = graphql(`
  mutation HrCancelLeave($input: CancelLeaveInput!) {
    cancelLeaveRequest(input: $input) { leaveRequest { id status } userErrors { field message code } }
  }
`);

type MyRequest = HrMyLeaveRequestsQuery["myLeaveRequests"]["nodes"][number];
const FIELDS = ["leaveTypeId", "startDate", "endDate", "reason"] as const;
type Field = (typeof FIELDS)[number];
const STATUS_COLOURS: Record<string, string> = { pending: "yellow", approved: "teal", rejected: "red", cancelled: "gray" };

/** Self-service leave: balances, a request form, one's own requests with cancel, and reports' requests to decide. */
export default function MyLeave() {
  const { t, i18n } = useBundle("hr-leave", LEAVE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [{ data: start, fetching: starting, error: startError }] = useQuery({ query: MeDocument });
  const employee = start?.myEmployee ?? null;
  const [{ data: balances, error: balancesError }, refetchBalances] = useQuery({
    query: BalancesDocument, variables: { year }, pause: !employee,
  });
  const requests = useAllPages(RequestsDocument, {}, (d) => d.myLeaveRequests, !employee);
  const toApprove = useAllPages(ToApproveDocument, {}, (d) => d.leaveRequestsToApprove, !employee);
  const [, requestLeave] = useMutation(RequestLeaveDocument);
  const [, cancelLeave] = useMutation(CancelLeaveDocument);

  const [form, setForm] = useState({ leaveTypeId: null as string | null, startDate: "", endDate: "", reason: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [cancelling, setCancelling] = useState<MyRequest | null>(null);
  const count = useMemo(() => workingDays(form.startDate, form.endDate), [form.startDate, form.endDate]);

  function refresh() {
    refetchBalances({ requestPolicy: "network-only" });
    requests.reload();
  }

  function set<K extends keyof typeof form>(key: K, value: (typeof form)[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!form.leaveTypeId) missing.leaveTypeId = tc("common.required");
    if (!form.startDate) missing.startDate = tc("common.required");
    if (!form.endDate) missing.endDate = tc("common.required");
    setErrors(missing);
    setMessage(null);
    if (Object.keys(missing).length) return;
    setSending(true);
    const result = await requestLeave({
      input: { leaveTypeId: form.leaveTypeId!, startDate: form.startDate, endDate: form.endDate, reason: form.reason },
    });
    setSending(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(result.data?.requestLeave.userErrors, FIELDS);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("requested"));
    if (Number(form.startDate.slice(0, 4)) !== year) setYear(Number(form.startDate.slice(0, 4)));
    setForm({ leaveTypeId: null, startDate: "", endDate: "", reason: "" });
    refresh();
  }

  async function confirmCancel() {
    if (!cancelling) return;
    const result = await cancelLeave({ input: { id: cancelling.id } });
    const errs = result.data?.cancelLeaveRequest.userErrors ?? [];
    setCancelling(null);
    if (result.error || errs.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errs.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("cancelledMsg"));
    refresh();
  }

  const cancellable = (r: MyRequest) => r.status === "pending" || (r.status === "approved" && r.startDate > now);

  if (starting && !start) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!employee) {
    return (
      <Page title={t("myTitle")} error={startError}>
        {!startError && <Alert color="yellow" data-testid="no-employee">{t("noEmployee")}</Alert>}
      </Page>
    );
  }

  const typeOptions = (start?.leaveTypes.nodes ?? []).map((lt) => ({ value: lt.id, label: lt.name }));
  const years = [thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: String(y) }));

  return (
    <Page title={t("myTitle")} error={balancesError ?? requests.error}>
      <Stack gap="xs" component="section" aria-labelledby="my-balances">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="my-balances">{t("balances")}</Title>
          <Select label={t("year")} data={years} value={String(year)} w={120} allowDeselect={false}
            onChange={(v) => v && setYear(Number(v))} comboboxProps={{ withinPortal: true }} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="leave-balances">
          {(balances?.myLeaveBalances ?? []).map((b) => (
            <Paper key={b.leaveType.id} withBorder p="sm" data-testid="leave-balance">
              <Text fw={600}>{b.leaveType.name}</Text>
              {b.remaining === null || b.remaining === undefined ? (
                <Text size="sm" c="dimmed">{t("noQuota")}</Text>
              ) : (
                <Text size="xl" fw={700} aria-label={`${t("remaining")}: ${formatNumber(b.remaining, lang)}`}>
                  {formatNumber(b.remaining, lang)}
                  <Text span size="sm" c="dimmed" fw={400}> / {formatNumber(b.entitled, lang)}</Text>
                </Text>
              )}
              <Text size="xs" c="dimmed">{t("used")}: {formatNumber(b.used, lang)}</Text>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="request-leave">
        <form onSubmit={submit} noValidate data-testid="leave-form">
          <Stack>
            <Title order={2} size="h3" id="request-leave">{t("request")}</Title>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select label={t("leaveType")} data={typeOptions} value={form.leaveTypeId} required error={errors.leaveTypeId}
                onChange={(v) => set("leaveTypeId", v)} comboboxProps={{ withinPortal: true }} />
              <TextInput label={t("startDate")} type="date" required value={form.startDate} error={errors.startDate}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  set("startDate", value);
                  if (!form.endDate || form.endDate < value) set("endDate", value);
                }} />
              <TextInput label={t("endDate")} type="date" required value={form.endDate} error={errors.endDate} min={form.startDate || undefined}
                onChange={(e) => set("endDate", e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t("note")} description={t("noteHint")} autosize minRows={2} value={form.reason} error={errors.reason}
              onChange={(e) => set("reason", e.currentTarget.value)} />
            <Group justify="space-between">
              <Text size="sm" c="dimmed" aria-live="polite" data-testid="working-days">
                {form.startDate && form.endDate ? t("workingDays", { count: count }) : ""}
              </Text>
              <Button type="submit" loading={sending} leftSection={<IconSend size={16} aria-hidden />}>{t("send")}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="my-requests">
        <Title order={2} size="h3" id="my-requests">{t("myRequests")}</Title>
        {!requests.fetching && requests.nodes.length === 0 ? (
          <Text c="dimmed">{t("noRequests")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="my-leave-requests">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("type")}</Table.Th><Table.Th>{t("from")}</Table.Th><Table.Th>{t("to")}</Table.Th>
                  <Table.Th>{t("days")}</Table.Th><Table.Th>{tc("common.status")}</Table.Th><Table.Th>{t("reason")}</Table.Th>
                  <Table.Th>{t("decisionNote")}</Table.Th><Table.Th>{tc("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.nodes.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.leaveType?.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.startDate, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.endDate, lang)}</Table.Td>
                    <Table.Td>{formatNumber(r.days, lang)}</Table.Td>
                    <Table.Td><Badge color={STATUS_COLOURS[r.status] ?? "gray"} variant="light">{t(`status.${r.status}`)}</Badge></Table.Td>
                    <Table.Td><Text size="sm" lineClamp={2}>{r.reason}</Text></Table.Td>
                    <Table.Td><Text size="sm" lineClamp={2}>{r.decisionNote}</Text></Table.Td>
                    <Table.Td>
                      {cancellable(r) && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(r)}
                          aria-label={t("cancelOf", { type: r.leaveType?.name ?? "", from: formatDate(r.startDate, lang) })}>
                          {t("cancel")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      {toApprove.nodes.length > 0 && (
        <LeaveDecisions title={t("waitingForYou")} requests={toApprove.nodes} ownEmployeeId={employee.id} onDecided={toApprove.reload} />
      )}

      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={t("cancelTitle")}>
        {cancelling && (
          <Stack>
            <Text size="sm">
              {t("cancelBody", {
                type: cancelling.leaveType?.name ?? "", from: formatDate(cancelling.startDate, lang), to: formatDate(cancelling.endDate, lang),
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCancelling(null)} data-autofocus>{t("keep")}</Button>
              <Button color="red" onClick={() => void confirmCancel()}>{t("cancel")}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
