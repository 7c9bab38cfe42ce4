import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";

const InboxDocument = graphql(`
  query ApprovalsInbox {
    approvalsInbox(first: 100) {
      totalCount
      nodes {
        id kind kindLabel title amount currency submittedAt link step stepCount
        requester { id fullName } onBehalfOf { id fullName } currentStep { description }
      }
    }
    myDelegations(first: 20) { nodes { id startsOn endsOn active cancelled toUser { fullName } fromUser { fullName } } }
    users(first: 100) { nodes { id fullName } }
  }
`);
const DecideDocument = graphql(`
  mutation DecideApproval($input: DecideApprovalInput!) {
    decideApproval(input: $input) { status userErrors { field message code } }
  }
`);
const DelegateDocument = graphql(`
  mutation DelegateApprovals($input: DelegateApprovalsInput!) {
    delegateApprovals(input: $input) { userErrors { field message code } }
  }
`);
const CancelDelegationDocument = graphql(`
  mutation CancelDelegation($input: CancelDelegationInput!) { cancelDelegation(input: $input) { userErrors { message } } }
`);

/** Everything waiting for my decision, from every module, decided right here. */
export function Component() {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: InboxDocument });
  const [, decide] = useMutation(DecideDocument);
  const [, delegate] = useMutation(DelegateDocument);
  const [, cancelDelegation] = useMutation(CancelDelegationDocument);
  const [rejecting, setRejecting] = useState<{ kind: string; id: string; title: string } | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [delegation, setDelegation] = useState({ toUserId: null as string | null, startsOn: "", endsOn: "" });
  const [delegationErrors, setDelegationErrors] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<string | null>(null);
  const items = (data?.approvalsInbox.nodes ?? []).filter((i) => !kind || i.kind === kind);
  const kinds = [...new Map((data?.approvalsInbox.nodes ?? []).map((i) => [i.kind, i.kindLabel])).entries()]
    .map(([value, label]) => ({ value, label }));

  async function send(kindKey: string, id: string, approve: boolean, why = "") {
    const result = await decide({ input: { kind: kindKey, id, approve, reason: why } });
    if (result.error) return notifyError(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.decideApproval.userErrors, ["reason"]);
    if (byField.reason) { setReasonError(byField.reason); return; }
    if (general.length) return notifyError(general.join(" "));
    setRejecting(null);
    notifySaved(approve ? t("work.approved") : t("work.rejected"));
    refetch({ requestPolicy: "network-only" });
  }

  async function saveDelegation() {
    const result = await delegate({ input: { toUserId: delegation.toUserId ?? "", startsOn: delegation.startsOn, endsOn: delegation.endsOn } });
    if (result.error) return notifyError(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.delegateApprovals.userErrors, ["toUserId", "startsOn", "endsOn"]);
    setDelegationErrors(byField);
    if (general.length) return notifyError(general.join(" "));
    if (!Object.keys(byField).length) {
      notifySaved(t("common.saved"));
      setDelegation({ toUserId: null, startsOn: "", endsOn: "" });
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <Page title={t("work.inbox")} error={error}>
      <Group>
        <Select aria-label={t("work.kind")} placeholder={t("common.all")} clearable data={kinds} value={kind} onChange={setKind} w={240} />
        <Text size="sm" c="dimmed" data-testid="inbox-count">{t("work.waiting", { count: items.length })}</Text>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="inbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("work.kind")}</Table.Th><Table.Th>{t("work.what")}</Table.Th><Table.Th>{t("work.requester")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("work.amount")}</Table.Th><Table.Th>{t("work.step")}</Table.Th>
              <Table.Th>{t("work.submitted")}</Table.Th><Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={`${item.kind}:${item.id}`}>
                <Table.Td><Badge variant="light">{item.kindLabel}</Badge></Table.Td>
                <Table.Td>
                  {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
                  {item.onBehalfOf && <Text size="xs" c="dimmed">{t("work.onBehalfOf", { name: item.onBehalfOf.fullName })}</Text>}
                </Table.Td>
                <Table.Td>{item.requester?.fullName ?? "—"}</Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{item.amount ? formatMoney(item.amount, item.currency, i18n.language) : ""}</Table.Td>
                <Table.Td><Text size="sm">{item.step}/{item.stepCount}</Text><Text size="xs" c="dimmed">{item.currentStep.description}</Text></Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(item.submittedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" color="green" onClick={() => void send(item.kind, item.id, true)}
                      aria-label={`${t("work.approve")}: ${item.title}`}>{t("work.approve")}</Button>
                    <Button size="xs" variant="light" color="red" aria-label={`${t("work.reject")}: ${item.title}`}
                      onClick={() => { setReason(""); setReasonError(undefined); setRejecting({ kind: item.kind, id: item.id, title: item.title }); }}>
                      {t("work.reject")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length === 0 && !error && <Text c="dimmed">{t("work.nothingWaiting")}</Text>}

      <Paper withBorder p="md" maw={720}>
        <Title order={2} size="h4">{t("work.delegation")}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t("work.delegationHelp")}</Text>
        <Stack gap="xs">
          {(data?.myDelegations.nodes ?? []).filter((d) => !d.cancelled).map((d) => (
            <Group key={d.id} justify="space-between">
              <Text size="sm">
                {d.toUser?.fullName ?? "—"}: {formatDate(d.startsOn, i18n.language)} – {formatDate(d.endsOn, i18n.language)}
                {d.active && <Badge ml="xs" size="xs" color="green">{t("work.active")}</Badge>}
              </Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={async () => {
                await cancelDelegation({ input: { id: d.id } });
                refetch({ requestPolicy: "network-only" });
              }}>{t("common.cancel")}</Button>
            </Group>
          ))}
          <Group align="flex-end" wrap="wrap">
            <Select label={t("work.delegateTo")} searchable w={220} value={delegation.toUserId} error={delegationErrors.toUserId}
              data={(data?.users.nodes ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
              onChange={(v) => setDelegation((d) => ({ ...d, toUserId: v }))} comboboxProps={{ withinPortal: true }} />
            <TextInput type="date" label={t("work.from")} value={delegation.startsOn} error={delegationErrors.startsOn}
              onChange={(e) => { const startsOn = e.currentTarget.value; setDelegation((d) => ({ ...d, startsOn })); }} />
            <TextInput type="date" label={t("work.until")} value={delegation.endsOn} error={delegationErrors.endsOn}
              onChange={(e) => { const endsOn = e.currentTarget.value; setDelegation((d) => ({ ...d, endsOn })); }} />
            <Button onClick={() => void saveDelegation()}>{t("common.save")}</Button>
          </Group>
        </Stack>
      </Paper>

      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={`${t("work.reject")}: ${rejecting?.title ?? ""}`}>
        <Stack>
          <Alert color="gray">{t("work.reasonHelp")}</Alert>
          <Textarea label={t("work.reason")} required autosize minRows={3} value={reason} error={reasonError}
            onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          <Button color="red" onClick={() => rejecting && void send(rejecting.kind, rejecting.id, false, reason)}>{t("work.reject")}</Button>
        </Stack>
      </Modal>
    </Page>
  );
}
