import { Alert, Badge, Button, Group, Modal, Select, Stack, Switch, Table, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";
import { STATUS_COLOURS } from "./Portal";

const QueueDocument = graphql(`
  query ServiceQueue($status: String, $overdue: Boolean) {
    serviceQueue(status: $status, overdue: $overdue, first: 100) {
      totalCount
      nodes { id number module typeLabel title values status submittedAt dueAt overdue requesterName link reason }
    }
  }
`);
const AcceptDocument = graphql(`
  mutation AcceptServiceRequest($input: AcceptServiceRequestInput!) {
    acceptServiceRequest(input: $input) { serviceRequest { id link } userErrors { message } }
  }
`);
const RejectDocument = graphql(`
  mutation RejectServiceRequest($input: RejectServiceRequestInput!) {
    rejectServiceRequest(input: $input) { userErrors { field message code } }
  }
`);

/** A department's queue: requests waiting, their response-time targets, accept or reject. */
export function Component() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>("submitted");
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [{ data, error }, refetch] = useQuery({ query: QueueDocument, variables: { status, overdue: overdueOnly || null } });
  const [, accept] = useMutation(AcceptDocument);
  const [, reject] = useMutation(RejectDocument);
  const [rejecting, setRejecting] = useState<{ id: string; title: string } | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();

  async function doAccept(id: string) {
    const result = await accept({ input: { id } });
    const problems = result.data?.acceptServiceRequest.userErrors ?? [];
    if (result.error || problems.length) {
      notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((p) => p.message).join(" "));
      return;
    }
    notifySaved(t("work.accepted"));
    refetch({ requestPolicy: "network-only" });
  }

  async function doReject() {
    if (!rejecting) return;
    const result = await reject({ input: { id: rejecting.id, reason } });
    if (result.error) return notifyError(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.rejectServiceRequest.userErrors, ["reason"]);
    if (byField.reason) return setReasonError(byField.reason);
    if (general.length) return notifyError(general.join(" "));
    setRejecting(null);
    notifySaved(t("work.rejected"));
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Page title={t("work.queue")} error={error}>
      <Group align="flex-end">
        <Select label={t("common.status")} w={220} clearable placeholder={t("common.all")} value={status} onChange={setStatus}
          data={Object.keys(STATUS_COLOURS).map((s) => ({ value: s, label: t(`work.status.${s}`, s) }))} />
        <Switch label={t("work.overdueOnly")} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
      </Group>
      <Table.ScrollContainer minWidth={860}>
        <Table striped data-testid="service-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("work.number")}</Table.Th><Table.Th>{t("work.what")}</Table.Th><Table.Th>{t("work.requester")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th><Table.Th>{t("work.due")}</Table.Th><Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.serviceQueue.nodes ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>
                  <Text size="sm">{r.link ? <Link to={r.link}>{r.title}</Link> : r.title}</Text>
                  <Text size="xs" c="dimmed">{r.typeLabel} · {Object.entries((r.values ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join("; ")}</Text>
                </Table.Td>
                <Table.Td>{r.requesterName}</Table.Td>
                <Table.Td><Badge color={STATUS_COLOURS[r.status] ?? "gray"}>{t(`work.status.${r.status}`, r.status)}</Badge></Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {r.dueAt ? formatDateTime(r.dueAt, i18n.language) : "—"}
                  {r.overdue && <Badge ml={4} color="red" size="xs">{t("work.overdue")}</Badge>}
                </Table.Td>
                <Table.Td>
                  {r.status === "submitted" && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" onClick={() => void doAccept(r.id)} aria-label={`${t("work.accept")}: ${r.title}`}>{t("work.accept")}</Button>
                      <Button size="xs" variant="light" color="red" aria-label={`${t("work.reject")}: ${r.title}`}
                        onClick={() => { setReason(""); setReasonError(undefined); setRejecting({ id: r.id, title: r.title }); }}>{t("work.reject")}</Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {(data?.serviceQueue.nodes ?? []).length === 0 && !error && <Text c="dimmed">{t("common.noRecords")}</Text>}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={`${t("work.reject")}: ${rejecting?.title ?? ""}`}>
        <Stack>
          <Alert color="gray">{t("work.reasonHelp")}</Alert>
          <Textarea label={t("work.reason")} required autosize minRows={3} value={reason} error={reasonError}
            onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          <Button color="red" onClick={() => void doReject()}>{t("work.reject")}</Button>
        </Stack>
      </Modal>
    </Page>
  );
}
