import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconDownload, IconUserOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { downloadBase64 } from "../finance/report";
import { confirmMatches, PERSONAL_DATA_TEXTS, waitForArchive } from "./personalData";

const EmployeeDocument = graphql(`
  query HrPersonalDataEmployee($id: ID!) { employee(id: $id) { id fullName status anonymised } }
`);
const ExportDocument = graphql(`
  mutation HrExportEmployeePersonalData($input: ExportEmployeePersonalDataInput!) {
    exportEmployeePersonalData(input: $input) { export { id status } userErrors { message code } }
  }
`);
const ExportStateDocument = graphql(`
  query HrPersonalDataExport($id: ID!) { personalDataExport(id: $id) { id status file { filename contentType base64 } } }
`);
const AnonymiseDocument = graphql(`
  mutation HrAnonymiseEmployee($input: AnonymiseEmployeeInput!) {
    anonymiseEmployee(input: $input) { employee { id fullName anonymised } userErrors { field message code } }
  }
`);

/**
 * On an employee's page, for those holding hr.personal_data.manage: export everything the company
 * holds about the person, and anonymise a former employee (after typing their name).
 */
export default function PersonalDataActions({ employeeId, onChanged }: { employeeId: string; onChanged?: () => void }) {
  const { t } = useBundle("hrPersonalData", PERSONAL_DATA_TEXTS);
  const { t: tc } = useTranslation();
  const { can } = useSession();
  const client = useClient();
  const allowed = can("hr.personal_data.manage");
  const [{ data }, refetch] = useQuery({ query: EmployeeDocument, variables: { id: employeeId }, pause: !allowed });
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const employee = data?.employee;
  if (!allowed || !employee) return null;

  async function exportData() {
    setExporting(true);
    try {
      const started = await client.mutation(ExportDocument, { input: { employeeId } }).toPromise();
      const payload = started.data?.exportEmployeePersonalData;
      if (started.error || !payload?.export || payload.userErrors.length) {
        throw new Error(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(started.error, tc("common.error")));
      }
      const id = payload.export.id;
      const file = await waitForArchive(async () => {
        const state = await client.query(ExportStateDocument, { id }, { requestPolicy: "network-only" }).toPromise();
        return state.data?.personalDataExport ?? null;
      });
      downloadBase64(file.filename, file.base64, file.contentType);
      notifySaved(t("ready", { name: file.filename }));
    } catch (error) {
      notifyError(t("failed", { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(false);
    }
  }

  async function anonymise() {
    setSaving(true);
    setProblem(null);
    const reply = await client.mutation(AnonymiseDocument, { input: { id: employeeId, confirm: typed } }).toPromise()
      .finally(() => setSaving(false));
    const errors = reply.data?.anonymiseEmployee.userErrors ?? [];
    if (reply.error || errors.length) {
      setProblem(errors.map((e) => e.message).join(" ") || errorMessage(reply.error, tc("common.error")));
      return;
    }
    setConfirming(false);
    setTyped("");
    notifySaved(t("anonymised"));
    refetch({ requestPolicy: "network-only" });
    onChanged?.();
  }

  const left = employee.status === "terminated";
  return (
    <Paper withBorder p="md" data-testid="personal-data-actions">
      <Title order={2} size="h5">{t("export")}</Title>
      {employee.anonymised ? (
        <Text size="sm" c="dimmed">{t("alreadyAnonymised")}</Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">{t("exportHelp")}</Text>
          <Group>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={exporting}
              onClick={() => void exportData()} data-testid="export-personal-data">{t("export")}</Button>
            <Button color="red" variant="outline" leftSection={<IconUserOff size={16} aria-hidden />} disabled={!left}
              title={left ? undefined : t("anonymiseOnlyLeft")} onClick={() => setConfirming(true)}
              data-testid="anonymise-employee">{t("anonymise")}</Button>
          </Group>
          {!left && <Text size="xs" c="dimmed">{t("anonymiseOnlyLeft")}</Text>}
          <Text size="xs" c="dimmed" aria-live="polite">{exporting ? t("preparing") : ""}</Text>
        </Stack>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("anonymiseTitle")}>
        <Stack>
          <Text size="sm">{t("anonymiseBody")}</Text>
          {problem && <Alert color="red" role="alert">{problem}</Alert>}
          <TextInput label={t("typeName", { name: employee.fullName })} value={typed} autoComplete="off"
            onChange={(e) => setTyped(e.currentTarget.value)} data-testid="anonymise-confirm" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>{tc("common.cancel")}</Button>
            <Button color="red" loading={saving} disabled={!confirmMatches(typed, employee.fullName)}
              onClick={() => void anonymise()} data-testid="anonymise-submit">{t("anonymise")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
