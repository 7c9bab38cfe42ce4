import {
  ActionIcon, Alert, Anchor, Badge, Button, Center, Group, Loader, Modal, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconDownload, IconFileTypePdf, IconRefresh } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useClient, useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { FileFormat, HrPayrollRunPayslipsQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { downloadBase64, fileName, formatMonth } from "./files";
import { useAllPages } from "./paging";
import { PAYROLL_TEXTS } from "./texts";

const RunDocument = graphql(`
  query HrPayrollRun($id: ID!) {
    payrollRun(id: $id) {
      id period status employeeCount thrHoliday createdAt approvedAt jobId
      totals { gross netPay pph21 bpjsEmployee bpjsEmployer thr }
    }
  }
`);
const PayslipsDocument = graphql(`
  query HrPayrollRunPayslips($id: ID!, $after: String) {
    payrollRun(id: $id) {
      id
      payslips(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            id period baseSalary fixedAllowances irregular otherDeductions grossForTax pph21 bpjsEmployee bpjsEmployer netPay
            terCategory ptkpStatus lastPeriod employee { id employeeNumber fullName }
          }
        }
      }
    }
  }
`);
// The API has no single-payslip query: the PDF of one payslip is read as the page of one that follows
// the payslip before it, so only that PDF is rendered.
const PayslipPdfDocument = graphql(`
  query HrPayrollPayslipPdf($id: ID!, $after: String) {
    payrollRun(id: $id) { id payslips(first: 1, after: $after) { nodes { id pdfBase64 } } }
  }
`);
const JobDocument = graphql(`
  query HrPayrollJob($id: ID!) { job(id: $id) { id status progress message lastError } }
`);
const ApproveDocument = graphql(`
  mutation HrApprovePayrollRun($input: PayrollRunIdInput!) {
    approvePayrollRun(input: $input) { payrollRun { id status approvedAt } userErrors { field message code } }
  }
`);
const RecalculateDocument = graphql(`
  mutation HrRecalculatePayrollRun($input: PayrollRunIdInput!) {
    recalculatePayrollRun(input: $input) { payrollRun { id status jobId } userErrors { field message code } }
  }
`);
const ExportDocument = graphql(`
  query HrExportPayslips($runId: ID!, $format: FileFormat!) {
    exportPayslips(runId: $runId, format: $format) { filename contentType base64 }
  }
`);

export const RUN_STATUS_COLOURS: Record<string, string> = { draft: "gray", queued: "blue", calculated: "yellow", approved: "teal" };
type Edge = HrPayrollRunPayslipsQuery["payrollRun"]["payslips"]["edges"][number];

/** One payroll run: live progress while it is calculated, totals, payslips with PDFs, approval and the bank export. */
export default function PayrollRunPage({ id, basePath }: { id: string; basePath: string }) {
  const { t, i18n } = useBundle("hr-payroll", PAYROLL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const client = useClient();
  const { can } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: RunDocument, variables: { id } });
  const run = data?.payrollRun;
  const calculating = run?.status === "queued" || run?.status === "draft";
  const followJob = calculating && Boolean(run?.jobId) && can("core.job.read");
  const [{ data: jobData }, refetchJob] = useQuery({
    query: JobDocument, variables: { id: run?.jobId ?? "" }, pause: !followJob, requestPolicy: "network-only",
  });
  const job = followJob ? jobData?.job : undefined;
  const slips = useAllPages(PayslipsDocument, { id }, (d) => ({ pageInfo: d.payrollRun.payslips.pageInfo, nodes: d.payrollRun.payslips.edges }),
    !run || calculating);
  const [, approve] = useMutation(ApproveDocument);
  const [, recalculate] = useMutation(RecalculateDocument);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const month = run ? formatMonth(run.period, lang) : "";
  const failed = job?.status === "failed" || job?.status === "cancelled";

  // While the payslips are calculated: follow the job's progress (when allowed) and the run's status.
  useEffect(() => {
    if (!calculating || failed) return;
    const timer = setInterval(() => {
      if (followJob) refetchJob({ requestPolicy: "network-only" });
      refetch({ requestPolicy: "network-only" });
    }, 1000);
    return () => clearInterval(timer);
  }, [calculating, failed, followJob, refetch, refetchJob]);

  async function onApprove() {
    setBusy("approve");
    const result = await approve({ input: { id } });
    setBusy(null);
    setConfirming(false);
    const errs = result.data?.approvePayrollRun.userErrors ?? [];
    if (result.error || errs.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errs.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("approvedMsg"));
    refetch({ requestPolicy: "network-only" });
  }

  async function onRecalculate() {
    setBusy("recalculate");
    const result = await recalculate({ input: { id } });
    setBusy(null);
    const errs = result.data?.recalculatePayrollRun.userErrors ?? [];
    if (result.error || errs.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errs.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("recalculating"));
    refetch({ requestPolicy: "network-only" });
  }

  async function onExport(format: FileFormat) {
    setBusy(format);
    const result = await client.query(ExportDocument, { runId: id, format }, { requestPolicy: "network-only" }).toPromise();
    setBusy(null);
    const file = result.data?.exportPayslips;
    if (result.error || !file) {
      notifyError(errorMessage(result.error, tc("common.error")));
      return;
    }
    downloadBase64(file.filename, file.base64, file.contentType);
  }

  async function onPdf(index: number) {
    const edge = slips.nodes[index];
    setBusy(edge.node.id);
    const after = index > 0 ? slips.nodes[index - 1].cursor : null;
    const result = await client.query(PayslipPdfDocument, { id, after }, { requestPolicy: "network-only" }).toPromise();
    setBusy(null);
    const slip = result.data?.payrollRun.payslips.nodes[0];
    if (result.error || !slip || slip.id !== edge.node.id) {
      notifyError(errorMessage(result.error, tc("common.error")));
      return;
    }
    const who = edge.node.employee?.employeeNumber || edge.node.employee?.fullName || "";
    downloadBase64(`${fileName("payslip", edge.node.period, who)}.pdf`, slip.pdfBase64, "application/pdf");
  }

  if (fetching && !data) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!run) {
    return (
      <Page title={t("title")} error={error}>
        <Anchor component={Link} to={basePath}>{t("back")}</Anchor>
      </Page>
    );
  }

  const money = (value: string | null | undefined) => formatMoney(value, "IDR", lang);
  const totals = run.totals;
  const progress = job ? job.progress : undefined;

  return (
    <Page title={t("runTitle", { month })} error={error ?? slips.error} actions={(
      <>
        {run.status === "calculated" && can("hr.payroll.manage") && (
          <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={busy === "recalculate"}
            onClick={() => void onRecalculate()}>
            {t("recalculate")}
          </Button>
        )}
        {(run.status === "calculated" || run.status === "approved") && (
          <>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={busy === "XLSX"}
              onClick={() => void onExport("XLSX")}>
              {t("exportXlsx")}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={busy === "CSV"}
              onClick={() => void onExport("CSV")}>
              {t("exportCsv")}
            </Button>
          </>
        )}
        {run.status === "calculated" && can("hr.payroll.approve") && (
          <Button color="teal" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setConfirming(true)}>{t("approve")}</Button>
        )}
      </>
    )}>
      <Group gap="sm">
        <Anchor component={Link} to={basePath} size="sm"><Group gap={4}><IconArrowLeft size={14} aria-hidden />{t("back")}</Group></Anchor>
        <Badge color={RUN_STATUS_COLOURS[run.status] ?? "gray"} variant="light" data-testid="run-status">
          {t(`status.${run.status}`, { defaultValue: run.status })}
        </Badge>
        {run.thrHoliday && <Text size="sm">{t("thr")}: {formatDate(run.thrHoliday, lang)}</Text>}
        {run.approvedAt && <Text size="sm" c="dimmed">{t("approvedAt")}: {formatDateTime(run.approvedAt, lang)}</Text>}
      </Group>

      {calculating && (
        <Paper withBorder p="md" data-testid="run-progress">
          <Stack gap="xs">
            {failed ? (
              <Alert color="red" role="alert">{t("jobFailed", { error: job?.lastError || job?.message || "" })}</Alert>
            ) : (
              <>
                <Group justify="space-between">
                  <Text fw={500}>{t("calculating")}</Text>
                  {job && <Text size="sm" c="dimmed">{t(`jobStatus.${job.status}`, { defaultValue: job.status })}{job.message ? ` · ${job.message}` : ""}</Text>}
                </Group>
                <Progress value={progress ?? 100} animated striped size="lg"
                  aria-label={t("progress")} aria-valuetext={progress !== undefined ? `${progress}%` : t("calculating")} />
                {progress !== undefined && <Text size="sm" aria-live="polite">{progress}%</Text>}
              </>
            )}
          </Stack>
        </Paper>
      )}

      {totals && !calculating && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} data-testid="run-totals" aria-label={t("totals")}>
          {([
            ["gross", totals.gross], ["netPay", totals.netPay], ["pph21", totals.pph21],
            ["bpjsEmployee", totals.bpjsEmployee], ["bpjsEmployer", totals.bpjsEmployer], ["thr", totals.thr],
          ] as const).map(([key, value]) => (
            <Paper key={key} withBorder p="sm">
              <Text size="xs" c="dimmed">{t(key)}</Text>
              <Text fw={700} size="lg" style={{ whiteSpace: "nowrap" }}>{money(value)}</Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}

      {!calculating && (
        <Stack gap="xs" component="section" aria-labelledby="run-payslips">
          <Title order={2} size="h3" id="run-payslips">{t("payslips")} ({run.employeeCount})</Title>
          {!slips.fetching && slips.nodes.length === 0 ? (
            <Text c="dimmed">{t("noPayslips")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={1250}>
              <Table striped data-testid="payslips">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("employee")}</Table.Th><Table.Th>{t("ptkp")}</Table.Th>
                    <Table.Th ta="right">{t("baseSalary")}</Table.Th><Table.Th ta="right">{t("allowances")}</Table.Th>
                    <Table.Th ta="right">{t("irregular")}</Table.Th><Table.Th ta="right">{t("deductions")}</Table.Th>
                    <Table.Th ta="right">{t("grossForTax")}</Table.Th><Table.Th ta="right">{t("pph21")}</Table.Th>
                    <Table.Th ta="right">{t("bpjsEmployee")}</Table.Th><Table.Th ta="right">{t("bpjsEmployer")}</Table.Th>
                    <Table.Th ta="right">{t("netPay")}</Table.Th><Table.Th>{t("pdf")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {slips.nodes.map((edge: Edge, index) => {
                    const s = edge.node;
                    const name = s.employee?.fullName ?? "";
                    return (
                      <Table.Tr key={s.id} data-testid="payslip-row">
                        <Table.Td>
                          <Text size="sm" fw={500}>{name}</Text>
                          <Text size="xs" c="dimmed">{s.employee?.employeeNumber}</Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {s.ptkpStatus} / {s.terCategory}
                          {s.lastPeriod && <Text size="xs" c="dimmed">{t("yearEnd")}</Text>}
                        </Table.Td>
                        {[s.baseSalary, s.fixedAllowances, s.irregular, s.otherDeductions, s.grossForTax, s.pph21, s.bpjsEmployee, s.bpjsEmployer].map((v, i) => (
                          <Table.Td key={i} ta="right" style={{ whiteSpace: "nowrap" }}>{money(v)}</Table.Td>
                        ))}
                        <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>{money(s.netPay)}</Table.Td>
                        <Table.Td>
                          <Tooltip label={t("downloadPdf", { name, month })} withinPortal>
                            <ActionIcon variant="subtle" loading={busy === s.id} onClick={() => void onPdf(index)}
                              aria-label={t("downloadPdf", { name, month })}>
                              <IconFileTypePdf size={18} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("approveTitle", { month })}>
        <Stack>
          <Text size="sm">{t("approveBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>{tc("common.cancel")}</Button>
            <Button color="teal" loading={busy === "approve"} onClick={() => void onApprove()}>{t("approve")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
