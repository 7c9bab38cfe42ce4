import { Badge, Card, Group, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { graphql } from "../../gql";

const ModulesDocument = graphql(`
  query Modules { modules { nodes { key name description version dependsOn dependents core enabled } } }
`);
const EnableDocument = graphql(`
  mutation EnableModule($input: ModuleKeyInput!) {
    enableModule(input: $input) { enabledWithIt module { key enabled } userErrors { message code } }
  }
`);
const DisableDocument = graphql(`
  mutation DisableModule($input: ModuleKeyInput!) {
    disableModule(input: $input) { module { key enabled } userErrors { message code } }
  }
`);

export function Component() {
  const { t } = useTranslation();
  const { reset } = useSession();
  const [{ data, error }] = useQuery({ query: ModulesDocument });
  const [, enable] = useMutation(EnableDocument);
  const [, disable] = useMutation(DisableDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const modules = data?.modules.nodes ?? [];
  const names = Object.fromEntries(modules.map((m) => [m.key, m.name]));
  const list = (keys: readonly string[]) => keys.map((k) => names[k] ?? k).join(", ");

  async function toggle(key: string, name: string, on: boolean) {
    setBusy(key);
    const result = on ? await enable({ input: { key } }) : await disable({ input: { key } });
    setBusy(null);
    const payload = result.data && ("enableModule" in result.data ? result.data.enableModule : result.data.disableModule);
    if (result.error) return notifyError(errorMessage(result.error, t("common.error")));
    if (payload?.userErrors.length) return notifyError(payload.userErrors.map((e) => e.message).join(" "));
    notifySaved(on ? t("settings.enabledMsg", { name }) : t("settings.disabledMsg", { name }));
    // The schema, navigation and permissions change with the modules: start afresh.
    reset();
  }

  return (
    <Page title={t("nav.modules")} error={error}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {modules.filter((m) => !m.core).map((m) => (
          <Card key={m.key} withBorder data-testid={`module-${m.key}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="xs"><Text fw={600}>{m.name}</Text><Badge variant="outline" size="xs">{m.version}</Badge></Group>
                <Text size="sm" c="dimmed">{m.description}</Text>
                {m.dependsOn.length > 0 && <Text size="xs">{t("settings.dependsOn", { list: list(m.dependsOn) })}</Text>}
                {m.dependents.length > 0 && <Text size="xs">{t("settings.neededBy", { list: list(m.dependents) })}</Text>}
              </Stack>
              <Switch checked={m.enabled} disabled={busy !== null} aria-label={m.name} data-testid={`toggle-${m.key}`}
                label={m.enabled ? t("settings.moduleOn") : t("settings.moduleOff")}
                onChange={(e) => void toggle(m.key, m.name, e.currentTarget.checked)} />
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
