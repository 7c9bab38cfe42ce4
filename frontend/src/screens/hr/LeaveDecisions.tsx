import { Alert, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatNumber } from "../../lib/format";
import { LEAVE_TEXTS } from "./texts";

const ApproveDocument = graphql(`
  mutation HrApproveLeave($input: DecideLeaveInput!) {
    approveLeaveRequest(input: $input) { leaveRequest { id status } userErrors { field message code } }
  }
`);
const RejectDocument = graphql(`
  mutation HrRejectLeave($input: RejectLeaveInput!) {
    rejectLeaveRequest(input: $input) { leaveRequest { id status decisionNote } userErrors { field message code } }
  }
`);

export interface PendingLeave {
  id: string;
  startDate: string;
  endDate: string;
  days: string;
  reason: string;
  employee?: { id: string; fullName: string } | null;
  leaveType?: { name: string } | null;
}

/** Pending leave requests with approve and reject (a rejection asks for its reason). */
export default function LeaveDecisions({ title, requests, ownEmployeeId, onDecided }: {
  title: string; requests: readonly PendingLeave[]; ownEmployeeId?: string | null; onDecided: () => void;
}) {
  const { t, i18n } = useBundle("hr-leave", LEAVE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const [, approve] = useMutation(ApproveDocument);
  const [, reject] = useMutation(RejectDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<PendingLeave | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  async function onApprove(request: PendingLeave) {
    setBusy(request.id);
    const result = await approve({ input: { id: request.id } });
    setBusy(null);
    const errors = result.data?.approveLeaveRequest.userErrors ?? [];
    if (result.error || errors.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : errors.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("approvedMsg"));
    onDecided();
  }

  function openReject(request: PendingLeave) {
    setReason("");
    setReasonError(undefined);
    setMessage(null);
    setRejecting(request);
  }

  async function onReject(event: FormEvent) {
    event.preventDefault();
    if (!rejecting) return;
    if (!reason.trim()) {
      setReasonError(tc("common.required"));
      return;
    }
    const result = await reject({ input: { id: rejecting.id, reason } });
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(result.data?.rejectLeaveRequest.userErrors, ["reason"]);
    setReasonError(byField.reason);
    setMessage(general.length ? general.join(" ") : null);
    if (byField.reason || general.length) return;
    setRejecting(null);
    notifySaved(t("rejectedMsg"));
    onDecided();
  }

  const name = (r: PendingLeave) => r.employee?.fullName ?? "";
  return (
    <Stack gap="xs" data-testid="leave-decisions">
      <Title order={2} size="h3">{title}</Title>
      {requests.length === 0 ? (
        <Text c="dimmed">{t("nothingWaiting")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("employee")}</Table.Th><Table.Th>{t("type")}</Table.Th><Table.Th>{t("from")}</Table.Th>
                <Table.Th>{t("to")}</Table.Th><Table.Th>{t("days")}</Table.Th><Table.Th>{t("reason")}</Table.Th>
                <Table.Th>{tc("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((r) => (
                <Table.Tr key={r.id} data-testid="pending-leave">
                  <Table.Td>{name(r)}</Table.Td>
                  <Table.Td>{r.leaveType?.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.startDate, lang)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.endDate, lang)}</Table.Td>
                  <Table.Td>{formatNumber(r.days, lang)}</Table.Td>
                  <Table.Td><Text size="sm" lineClamp={2}>{r.reason}</Text></Table.Td>
                  <Table.Td>
                    {ownEmployeeId && r.employee?.id === ownEmployeeId ? (
                      <Text size="sm" c="dimmed">{t("ownRequest")}</Text>
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" color="green" leftSection={<IconCheck size={14} aria-hidden />} loading={busy === r.id}
                          aria-label={t("approveOf", { name: name(r) })} onClick={() => void onApprove(r)}>
                          {t("approve")}
                        </Button>
                        <Button size="xs" variant="light" color="red" leftSection={<IconX size={14} aria-hidden />}
                          aria-label={t("rejectOf", { name: name(r) })} onClick={() => openReject(r)}>
                          {t("reject")}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t("rejectTitle")}>
        {rejecting && (
          <form onSubmit={onReject} noValidate>
            <Stack>
              <Text size="sm">
                {t("rejectSummary", {
                  name: name(rejecting), type: rejecting.leaveType?.name ?? "",
                  from: formatDate(rejecting.startDate, lang), to: formatDate(rejecting.endDate, lang),
                })}
              </Text>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              <Textarea label={t("rejectReason")} description={t("rejectHint")} required autosize minRows={3} data-autofocus
                value={reason} error={reasonError} onChange={(e) => { const value = e.currentTarget.value; setReason(value); }} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setRejecting(null)}>{tc("common.cancel")}</Button>
                <Button type="submit" color="red">{t("reject")}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
