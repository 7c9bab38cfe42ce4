import { Badge, Group, Progress, Select, Table, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import Page from "../../components/Page";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";

const JobsDocument = graphql(`
  query Jobs($status: String) {
    jobs(first: 50, status: $status) {
      nodes { id name module status progress message attempts maxAttempts lastError createdAt finishedAt }
    }
  }
`);
const STATUS_COLOURS: Record<string, string> = { queued: "gray", running: "blue", succeeded: "green", failed: "red", cancelled: "gray" };

/** Background jobs with live progress: the list refreshes every two seconds while any job is still going. */
export function Component() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [{ data, error }, refetch] = useQuery({ query: JobsDocument, variables: { status } });
  const active = (data?.jobs.nodes ?? []).some((j) => j.status === "queued" || j.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 2000);
    return () => clearInterval(timer);
  }, [active, refetch]);

  return (
    <Page title={t("nav.jobs")} error={error}>
      <Select label={t("common.status")} clearable placeholder={t("common.all")} w={200} value={status} onChange={setStatus}
        data={Object.keys(STATUS_COLOURS)} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-live="polite">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.job")}</Table.Th><Table.Th>{t("common.status")}</Table.Th><Table.Th>{t("settings.progress")}</Table.Th>
              <Table.Th>{t("settings.attempts")}</Table.Th><Table.Th>{t("settings.created")}</Table.Th><Table.Th>{t("settings.message")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.jobs.nodes ?? []).map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td><Text size="sm">{j.name.split(".").pop()}</Text><Text size="xs" c="dimmed">{j.module}</Text></Table.Td>
                <Table.Td><Badge color={STATUS_COLOURS[j.status] ?? "gray"}>{j.status}</Badge></Table.Td>
                <Table.Td w={180}>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={j.progress} w={120} aria-label={`${t("settings.progress")} ${j.progress}%`} />
                    <Text size="xs">{j.progress}%</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{j.attempts}/{j.maxAttempts}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(j.createdAt, i18n.language)}</Table.Td>
                <Table.Td><Text size="sm" c={j.lastError ? "red" : undefined}>{j.lastError || j.message}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Page>
  );
}
