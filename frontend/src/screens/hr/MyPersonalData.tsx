import { Button, Paper, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { downloadBase64 } from "../finance/report";
import { PERSONAL_DATA_TEXTS, waitForArchive } from "./personalData";

const MyEmployeeDocument = graphql(`query HrMyPersonalDataEmployee { myEmployee { id } }`);
const ExportMineDocument = graphql(`
  mutation HrExportMyPersonalData { exportMyPersonalData { export { id status } userErrors { message code } } }
`);
const MyExportDocument = graphql(`
  query HrMyPersonalDataExport($id: ID!) { myPersonalDataExport(id: $id) { id status file { filename contentType base64 } } }
`);

/** "Download my data" on the account page: shown to people with an employee record in the company. */
export default function MyPersonalData() {
  const { t } = useBundle("hrPersonalData", PERSONAL_DATA_TEXTS);
  const { t: tc } = useTranslation();
  const client = useClient();
  // Without HR (the field is absent) or without a record, there is nothing to offer.
  const [{ data, error }] = useQuery({ query: MyEmployeeDocument });
  const [busy, setBusy] = useState(false);
  if (error || !data?.myEmployee) return null;

  async function download() {
    setBusy(true);
    try {
      const started = await client.mutation(ExportMineDocument, {}).toPromise();
      const payload = started.data?.exportMyPersonalData;
      if (started.error || !payload?.export || payload.userErrors.length) {
        throw new Error(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(started.error, tc("common.error")));
      }
      const id = payload.export.id;
      const file = await waitForArchive(async () => {
        const state = await client.query(MyExportDocument, { id }, { requestPolicy: "network-only" }).toPromise();
        return state.data?.myPersonalDataExport ?? null;
      });
      downloadBase64(file.filename, file.base64, file.contentType);
      notifySaved(t("ready", { name: file.filename }));
    } catch (failure) {
      notifyError(t("failed", { reason: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" maw={720} data-testid="my-personal-data">
      <Title order={2} size="h5">{t("myData")}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t("myDataHelp")}</Text>
      <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={busy}
        onClick={() => void download()} data-testid="download-my-data">{t("download")}</Button>
      <Text size="xs" c="dimmed" aria-live="polite">{busy ? t("preparing") : ""}</Text>
    </Paper>
  );
}
