import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { monthKey, monthOf, parseMonthKey, today } from "./calendar";
import { formatMonth } from "./files";
import PayrollRunPage, { RUN_STATUS_COLOURS } from "./PayrollRun";
import { PAYROLL_TEXTS } from "./texts";

const RunsDocument = graphql(`
  query HrPayrollRuns {
    payrollRuns(first: 100) {
      totalCount
      nodes { id period status employeeCount thrHoliday createdAt approvedAt totals { gross netPay } }
    }
  }
`);
const CreateRunDocument = graphql(`
  mutation HrCreatePayrollRun($input: PayrollRunInput!) {
    createPayrollRun(input: $input) { payrollRun { id period status jobId } userErrors { field message code } }
  }
`);

const BASE = "/hr/payroll";

/** Payroll: the runs, starting a run, and (below /hr/payroll/<id>) one run. */
export default function Payroll() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest) return <PayrollRunPage key={rest} id={decodeURIComponent(rest)} basePath={BASE} />;
  return <PayrollRuns />;
}

function PayrollRuns() {
  const { t, i18n } = useBundle("hr-payroll", PAYROLL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { can } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: RunsDocument });
  const [, createRun] = useMutation(CreateRunDocument);
  const runs = data?.payrollRuns.nodes ?? [];
  const [form, setForm] = useState(() => ({ period: monthKey(monthOf(today())), thrHoliday: "" }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const running = runs.some((r) => r.status === "queued" || r.status === "draft");

  // While a run is being calculated the list refreshes itself.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 2000);
    return () => clearInterval(timer);
  }, [running, refetch]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!parseMonthKey(form.period)) {
      setErrors({ period: t("periodHint") });
      return;
    }
    setSending(true);
    const result = await createRun({ input: { period: form.period.trim(), thrHoliday: form.thrHoliday || null } });
    setSending(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const payload = result.data?.createPayrollRun;
    const { byField, general } = splitUserErrors(payload?.userErrors, ["period", "thrHoliday"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length || !payload?.payrollRun) return;
    notifySaved(t("started"));
    navigate(`${BASE}/${encodeURIComponent(payload.payrollRun.id)}`);
  }

  return (
    <Page title={t("title")} error={error}>
      {can("hr.payroll.manage") && (
        <Paper withBorder p="md" component="section" aria-labelledby="start-run">
          <form onSubmit={submit} noValidate data-testid="start-run-form">
            <Stack>
              <Title order={2} size="h3" id="start-run">{t("start")}</Title>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t("period")} description={t("periodHint")} type="month" placeholder="YYYY-MM" required
                  value={form.period} error={errors.period}
                  onChange={(e) => { const period = e.currentTarget.value; setForm((f) => ({ ...f, period })); setErrors({}); }} />
                <TextInput label={t("thrHoliday")} description={t("thrHint")} type="date" value={form.thrHoliday} error={errors.thrHoliday}
                  onChange={(e) => { const thrHoliday = e.currentTarget.value; setForm((f) => ({ ...f, thrHoliday })); }} />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={sending} leftSection={<IconPlayerPlay size={16} aria-hidden />}>{t("startButton")}</Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      <Stack gap="xs" component="section" aria-labelledby="payroll-runs">
        <Title order={2} size="h3" id="payroll-runs">{t("runs")}</Title>
        {data && runs.length === 0 ? (
          <Text c="dimmed">{t("noRuns")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover data-testid="payroll-runs" aria-live="polite">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("month")}</Table.Th><Table.Th>{tc("common.status")}</Table.Th><Table.Th>{t("employees")}</Table.Th>
                  <Table.Th ta="right">{t("gross")}</Table.Th><Table.Th ta="right">{t("netPay")}</Table.Th>
                  <Table.Th>{t("thr")}</Table.Th><Table.Th>{t("created")}</Table.Th><Table.Th>{t("approvedAt")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`${BASE}/${encodeURIComponent(r.id)}`} aria-label={t("openRun", { month: formatMonth(r.period, lang) })}>
                        {formatMonth(r.period, lang)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td><Badge color={RUN_STATUS_COLOURS[r.status] ?? "gray"} variant="light">{t(`status.${r.status}`, { defaultValue: r.status })}</Badge></Table.Td>
                    <Table.Td>{r.employeeCount}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(r.totals?.gross, "IDR", lang)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(r.totals?.netPay, "IDR", lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.thrHoliday, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.createdAt, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.approvedAt, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Page>
  );
}
