import { BarChart, Sparkline } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useSession } from "../auth/session";
import Page from "../components/Page";
import { graphql } from "../gql";
import { useUi } from "../api/ui";
import { formatDateTime, formatMoney, formatNumber } from "../lib/format";

function indicatorValue(value: string | null | undefined, unit: string, currency: string, lang: string): string {
  if (value === null || value === undefined) return "—";
  if (unit === "money") return formatMoney(value, currency, lang);
  if (unit === "percent") return `${formatNumber(value, lang)}%`;
  return formatNumber(value, lang);
}

const HomeCoreDocument = graphql(`
  query HomeCore($withUsers: Boolean!, $withJobs: Boolean!) {
    modules { nodes { key name enabled core } }
    users(first: 1) @include(if: $withUsers) { totalCount }
    jobs(first: 5) @include(if: $withJobs) { nodes { id name status progress createdAt } }
  }
`);

const DashboardDocument = graphql(`
  query Dashboard {
    dashboard(trendDays: 14) {
      asOf currency
      indicators { key module label value unit good link trend { day value } }
    }
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
  const [dashboard] = useQuery({ query: DashboardDocument });
  const indicators = dashboard.data?.dashboard.indicators ?? [];
  const currency = dashboard.data?.dashboard.currency ?? "IDR";
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
      {indicators.length > 0 && (
        <>
          <Title order={2} size="h4">{t("home.operations")}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} data-testid="dashboard">
            {indicators.map((indicator) => {
              const points = indicator.trend.map((p) => Number(p.value));
              const first = points[0];
              const last = points[points.length - 1];
              const rising = points.length > 1 && last > first;
              const falling = points.length > 1 && last < first;
              const good = (rising && indicator.good === "up") || (falling && indicator.good === "down");
              const bad = (rising && indicator.good === "down") || (falling && indicator.good === "up");
              return (
                <Card key={indicator.key} withBorder data-testid={`indicator-${indicator.key}`}>
                  <Text size="sm" c="dimmed">{indicator.label}</Text>
                  <Text fz={26} fw={700} data-testid="indicator-value">{indicatorValue(indicator.value, indicator.unit, currency, i18n.language)}</Text>
                  {points.length > 1 && (
                    <Sparkline h={40} data={points} curveType="linear" fillOpacity={0.2}
                      color={good ? "green.7" : bad ? "red.7" : "gray.6"}
                      aria-label={t("home.trend", { label: indicator.label })} />
                  )}
                  {indicator.link && <Anchor component={Link} to={indicator.link} size="sm">{t("home.seeList")}</Anchor>}
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}
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
