import { Button, Menu, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { ReportFormat, ReportKind } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import { downloadBase64, JobFailed, waitForJob, type JobState } from "./report";
import { FINANCE_TEXTS } from "./texts";

const ExportDocument = graphql(`
  mutation FinanceExportReport($input: ExportReportInput!) {
    exportFinancialReport(input: $input) { jobId fileKey userErrors { field message code } }
  }
`);
const JobDocument = graphql(`
  query FinanceExportJob($id: ID!) { job(id: $id) { id status progress message lastError } }
`);
const FileDocument = graphql(`
  query FinanceReportFile($key: String!) { reportFile(key: $key) { filename contentType base64 rows } }
`);

/**
 * Export a report as CSV, XLSX or PDF: the server renders it as a background job; the menu follows
 * the job's progress and downloads the file when it is ready.
 */
export default function ExportMenu({ report, label, dateFrom, dateTo, disabled }: {
  report: ReportKind; label: string; dateFrom: string; dateTo: string; disabled?: boolean;
}) {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  const { t: tc } = useTranslation();
  const { can } = useSession();
  const client = useClient();
  const [progress, setProgress] = useState<number | null>(null);

  async function fetchFile(key: string) {
    const result = await client.query(FileDocument, { key }, { requestPolicy: "network-only" }).toPromise();
    return result.data?.reportFile ?? null;
  }

  async function run(format: ReportFormat) {
    setProgress(0);
    try {
      const started = await client.mutation(ExportDocument, { input: { report, format, dateFrom, dateTo } }).toPromise();
      const payload = started.data?.exportFinancialReport;
      if (started.error || !payload || payload.userErrors.length || !payload.fileKey) {
        throw new JobFailed(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(started.error, tc("common.error")));
      }
      const key = payload.fileKey;
      const found: { file: Awaited<ReturnType<typeof fetchFile>> } = { file: null };
      // Follow the job where the person may read jobs; otherwise ask for the file until it exists.
      const state = async (): Promise<JobState> => {
        if (payload.jobId && can("core.job.read")) {
          const job = await client.query(JobDocument, { id: payload.jobId }, { requestPolicy: "network-only" }).toPromise();
          if (job.data) return job.data.job;
        }
        found.file = await fetchFile(key);
        return found.file ? { status: "succeeded", progress: 100 } : { status: "running", progress: 50 };
      };
      await waitForJob(state, { onProgress: (s) => setProgress(s.progress) });
      const file = found.file ?? await fetchFile(key);
      if (!file) throw new JobFailed(tc("common.error"));
      downloadBase64(file.filename, file.base64, file.contentType);
      notifySaved(t("export.ready", { name: file.filename }));
    } catch (error) {
      notifyError(t("export.failed", { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <>
      <Menu withinPortal position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={busy} disabled={disabled}
            aria-label={t("export.label", { report: label })} data-testid="export-report">
            {t("export.button")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void run("CSV")}>{t("export.csv")}</Menu.Item>
          <Menu.Item onClick={() => void run("XLSX")}>{t("export.xlsx")}</Menu.Item>
          <Menu.Item onClick={() => void run("PDF")}>{t("export.pdf")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="export-progress">
        {busy ? t("export.preparing", { progress }) : ""}
      </Text>
    </>
  );
}
