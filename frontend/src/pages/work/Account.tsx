import { Badge, Group, Paper, Switch, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { LanguagePicker } from "../../auth/AuthFrame";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { graphql } from "../../gql";

const KindsDocument = graphql(`query NotificationKinds { notificationKinds { key module label email emailDefault } }`);
const PreferenceDocument = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) { kind { key email } userErrors { message } }
  }
`);

/** My account: language, and which notifications also come by email. */
export function Component() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [{ data, error }] = useQuery({ query: KindsDocument });
  const [, setPreference] = useMutation(PreferenceDocument);
  return (
    <Page title={t("work.account")} error={error}>
      <Paper withBorder p="md" maw={720}>
        <Group justify="space-between">
          <div>
            <Text fw={600}>{me?.fullName}</Text>
            <Text size="sm" c="dimmed">{me?.email}</Text>
          </div>
          {me && <Badge color={me.emailVerified ? "green" : "yellow"}>{me.emailVerified ? t("work.verified") : t("work.notVerified")}</Badge>}
        </Group>
        <Group mt="md"><Text size="sm">{t("nav.language")}</Text><LanguagePicker compact /></Group>
      </Paper>
      <Paper withBorder p="md" maw={720}>
        <Title order={2} size="h5">{t("work.emailPreferences")}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t("work.emailPreferencesHelp")}</Text>
        <Table>
          <Table.Tbody>
            {(data?.notificationKinds ?? []).map((kind) => (
              <Table.Tr key={kind.key}>
                <Table.Td><Text size="sm">{kind.label}</Text><Text size="xs" c="dimmed">{kind.module}</Text></Table.Td>
                <Table.Td w={80}>
                  <Switch aria-label={`${t("work.byEmail")}: ${kind.label}`} checked={kind.email}
                    onChange={async (e) => {
                      const result = await setPreference({ input: { kind: kind.key, email: e.currentTarget.checked } });
                      const problems = result.data?.setNotificationPreference.userErrors ?? [];
                      if (result.error || problems.length) notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((p) => p.message).join(" "));
                    }} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Page>
  );
}
