import { Button, Code, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import Page from "../../components/Page";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";

const AuditDocument = graphql(`
  query AuditLog($operation: String, $actorId: ID, $since: DateTime, $until: DateTime, $after: String) {
    auditLog(first: 50, operation: $operation, actorId: $actorId, since: $since, until: $until, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id at operation actorId actorClientId targetIds changes ip }
    }
    users(first: 100, includeInactive: true) { nodes { id fullName } }
  }
`);

/** A date from an <input type=date> as the start (or end) of that day in the viewer's time zone. */
function dayBound(value: string, end: boolean): string | null {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  const date = end ? new Date(y, m - 1, d + 1) : new Date(y, m - 1, d);
  return date.toISOString();
}

export function Component() {
  const { t, i18n } = useTranslation();
  const [operation, setOperation] = useState("");
  const [debounced] = useDebouncedValue(operation, 300);
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [after, setAfter] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: AuditDocument,
    variables: { operation: debounced || null, actorId, since: dayBound(since, false), until: dayBound(until, true), after },
  });
  const names = Object.fromEntries((data?.users.nodes ?? []).map((u) => [u.id, u.fullName]));

  return (
    <Page title={t("nav.audit")} error={error}>
      <Group align="flex-end">
        <TextInput label={t("settings.operation")} value={operation} onChange={(e) => { setOperation(e.currentTarget.value); setAfter(null); }} w={220} />
        <Select label={t("settings.actor")} clearable searchable placeholder={t("common.all")} w={220} value={actorId}
          data={(data?.users.nodes ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
          onChange={(v) => { setActorId(v); setAfter(null); }} />
        <TextInput label={t("settings.since")} type="date" value={since} onChange={(e) => { setSince(e.currentTarget.value); setAfter(null); }} />
        <TextInput label={t("settings.until")} type="date" value={until} onChange={(e) => { setUntil(e.currentTarget.value); setAfter(null); }} />
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.when")}</Table.Th><Table.Th>{t("settings.operation")}</Table.Th>
              <Table.Th>{t("settings.actor")}</Table.Th><Table.Th>{t("settings.changes")}</Table.Th><Table.Th>{t("settings.ip")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.auditLog.nodes ?? []).map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
                <Table.Td><Code>{e.operation}</Code></Table.Td>
                <Table.Td>{e.actorId ? names[e.actorId] ?? e.actorId : e.actorClientId}</Table.Td>
                <Table.Td><Text size="xs" ff="monospace" lineClamp={3}>{JSON.stringify(e.changes)}</Text></Table.Td>
                <Table.Td>{e.ip}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{data ? t("common.shown", { shown: data.auditLog.nodes.length, total: data.auditLog.totalCount }) : ""}</Text>
        {data?.auditLog.pageInfo.hasNextPage && (
          <Button variant="light" loading={fetching} onClick={() => setAfter(data.auditLog.pageInfo.endCursor ?? null)}>{t("common.loadMore")}</Button>
        )}
      </Group>
    </Page>
  );
}
