import { Badge, Button, Group, Paper, Switch, Table, Text, Title } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { LanguagePicker } from "../../auth/AuthFrame";
import { useSession } from "../../auth/session";
import { TwoFactorCard } from "../../auth/TwoFactor";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";

// HR's "Download my data" (UU PDP), in HR's own chunk; it shows nothing without an employee record.
const MyPersonalData = lazy(() => import("../../screens/hr/MyPersonalData"));

const KindsDocument = graphql(`query NotificationKinds { notificationKinds { key module label email emailDefault } }`);
const PreferenceDocument = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) { kind { key email } userErrors { message } }
  }
`);

const AppsDocument = graphql(`query MyAuthorizedApps { myAuthorizedApps { id clientId name scopes authorizedAt } }`);
const WithdrawDocument = graphql(`
  mutation RevokeAppAuthorization($input: RevokeAppAuthorizationInput!) {
    revokeAppAuthorization(input: $input) { userErrors { message } }
  }
`);

/** Apps the person allowed to act for them (OAuth authorization code), with a way to withdraw. */
function AuthorizedApps() {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: AppsDocument });
  const [, withdraw] = useMutation(WithdrawDocument);
  const apps = data?.myAuthorizedApps ?? [];
  return (
    <Paper withBorder p="md" maw={720}>
      <Title order={2} size="h5">{t("settings.authorizedApps")}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t("settings.authorizedAppsHelp")}</Text>
      {error && <Text size="sm" c="red">{errorMessage(error, t("common.error"))}</Text>}
      {!error && apps.length === 0 && <Text size="sm">{t("settings.noAuthorizedApps")}</Text>}
      {apps.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("common.name")}</Table.Th><Table.Th>{t("settings.scopes")}</Table.Th><Table.Th>{t("settings.authorizedAt")}</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apps.map((app) => (
              <Table.Tr key={app.id}>
                <Table.Td><Text size="sm">{app.name}</Text></Table.Td>
                <Table.Td><Group gap={4}>{app.scopes.map((s) => <Badge key={s} variant="outline" size="sm">{s}</Badge>)}</Group></Table.Td>
                <Table.Td><Text size="sm">{formatDateTime(app.authorizedAt, i18n.language)}</Text></Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={async () => {
                    const result = await withdraw({ input: { id: app.id } });
                    const problems = result.data?.revokeAppAuthorization.userErrors ?? [];
                    if (result.error || problems.length) notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((p) => p.message).join(" "));
                    refetch({ requestPolicy: "network-only" });
                  }}>{t("settings.withdraw")}</Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** My account: language, two-factor authentication, which notifications also come by email,
 * and apps acting for me. */
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
      <TwoFactorCard />
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
      <AuthorizedApps />
      <Suspense fallback={null}><MyPersonalData /></Suspense>
    </Page>
  );
}
