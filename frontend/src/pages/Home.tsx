import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useSession } from "../auth/session";
import Page from "../components/Page";
import { graphql } from "../gql";
import { useUi } from "../api/ui";
import { formatDateTime } from "../lib/format";

const HomeCoreDocument = graphql(`
  query HomeCore($withUsers: Boolean!, $withJobs: Boolean!) {
    modules { nodes { key name enabled core } }
    users(first: 1) @include(if: $withUsers) { totalCount }
    jobs(first: 5) @include(if: $withJobs) { nodes { id name status progress createdAt } }
  }
`);

const HeadcountDocument = graphql(`
  query HomeHeadcount { departments(first: 50) { nodes { id name headcount } } }
`);

export function Component() {
  const { t, i18n } = useTranslation();
  const { me, can } = useSession();
  const ui = useUi();
  const enabled = new Set(ui.data?.tenant.enabledModules ?? []);
  const [core] = useQuery({
    query: HomeCoreDocument, variables: { withUsers: can("core.user.read"), withJobs: can("core.job.read") },
  });
  const showHeadcount = enabled.has("hr") && can("hr.organisation.read");
  const [headcount] = useQuery({ query: HeadcountDocument, pause: !showHeadcount });
  const modules = (core.data?.modules.nodes ?? []).filter((m) => m.enabled && !m.core);
  const departments = (headcount.data?.departments.nodes ?? []).filter((d) => d.headcount > 0);

  return (
    <Page title={t("home.title", { name: me?.fullName.split(" ")[0] ?? "" })} error={core.error}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t("home.modulesOn")}</Text>
          <Text fz={32} fw={700} data-testid="modules-count">{modules.length}</Text>
          <Group gap={6} mt="xs">
            {modules.map((m) => <Badge key={m.key} variant="light">{m.name}</Badge>)}
          </Group>
          {modules.length === 0 && (
            <Stack gap="xs" mt="xs">
              <Text size="sm">{t("home.noModules")}</Text>
              {can("core.module.manage") && <Button component={Link} to="/settings/modules" size="xs" w="fit-content">{t("home.openModules")}</Button>}
            </Stack>
          )}
        </Card>
        {core.data?.users && (
          <Card withBorder>
            <Text size="sm" c="dimmed">{t("home.members")}</Text>
            <Text fz={32} fw={700}>{core.data.users.totalCount}</Text>
            <Anchor component={Link} to="/settings/users" size="sm">{t("nav.users")}</Anchor>
          </Card>
        )}
        {core.data?.jobs && (
          <Card withBorder>
            <Text size="sm" c="dimmed">{t("home.jobs")}</Text>
            <Stack gap={4} mt="xs">
              {core.data.jobs.nodes.map((job) => (
                <Group key={job.id} justify="space-between" wrap="nowrap">
                  <Text size="sm" truncate>{job.name.split(".").pop()}</Text>
                  <Text size="xs" c="dimmed">{job.status} · {formatDateTime(job.createdAt, i18n.language)}</Text>
                </Group>
              ))}
              {core.data.jobs.nodes.length === 0 && <Text size="sm" c="dimmed">{t("common.noRecords")}</Text>}
            </Stack>
          </Card>
        )}
      </SimpleGrid>
      {showHeadcount && departments.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="md">{t("home.headcount")}</Title>
          <BarChart h={260} data={departments.map((d) => ({ department: d.name, headcount: d.headcount }))}
            dataKey="department" series={[{ name: "headcount", label: t("home.people"), color: "blue.6" }]}
            aria-label={t("home.headcount")} />
        </Paper>
      )}
    </Page>
  );
}
