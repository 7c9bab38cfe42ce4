import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";
import type { UiFormField } from "../../lib/resource";
import { FieldInput } from "../module/ResourceRecord";

const PortalDocument = graphql(`
  query Portal {
    requestTypes {
      key module label description responseHours needsApproval canHandle
      fields { field label kind required options { value label } }
    }
    myServiceRequests(first: 50) {
      nodes { id number typeLabel title status submittedAt dueAt overdue reason link }
    }
  }
`);
const SubmitDocument = graphql(`
  mutation SubmitServiceRequest($input: SubmitServiceRequestInput!) {
    submitServiceRequest(input: $input) { serviceRequest { id number } userErrors { field message code } }
  }
`);
const CancelDocument = graphql(`
  mutation CancelServiceRequest($input: CancelServiceRequestInput!) {
    cancelServiceRequest(input: $input) { userErrors { message } }
  }
`);

export const STATUS_COLOURS: Record<string, string> = {
  pending_approval: "yellow", submitted: "blue", accepted: "green", rejected: "red", cancelled: "gray",
};

type RequestType = { key: string; label: string; description: string; fields: UiFormField[]; responseHours: number };

/** Ask any department for something; follow what you asked for. */
export function Component() {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: PortalDocument });
  const [, submit] = useMutation(SubmitDocument);
  const [, cancel] = useMutation(CancelDocument);
  const [asking, setAsking] = useState<RequestType | null>(null);
  const [title, setTitle] = useState("");
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const types = data?.requestTypes ?? [];
  const handles = types.some((rt) => rt.canHandle);

  function open(rt: RequestType) {
    setAsking(rt);
    setTitle("");
    setValues({});
    setErrors({});
    setMessage(null);
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!asking) return;
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "" && v !== null && v !== undefined));
    const result = await submit({ input: { type: asking.key, title, values: clean } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.submitServiceRequest.userErrors,
      ["title", ...asking.fields.map((f) => f.field)]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : Object.keys(byField).length ? t("resource.fixErrors") : null);
    if (!general.length && !Object.keys(byField).length) {
      notifySaved(t("work.sent", { number: result.data?.submitServiceRequest.serviceRequest?.number ?? "" }));
      setAsking(null);
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <Page title={t("work.portal")} error={error}
      actions={handles && <Button component={Link} to="/portal/queue" variant="default">{t("work.queue")}</Button>}>
      <Text c="dimmed">{t("work.portalHelp")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {types.map((rt) => (
          <Card key={rt.key} withBorder data-testid={`request-type-${rt.key}`}>
            <Stack gap={6} h="100%" justify="space-between">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{rt.label}</Text>
                  <Badge variant="light" size="sm">{rt.module}</Badge>
                </Group>
                <Text size="sm" c="dimmed">{rt.description}</Text>
                <Text size="xs">{t("work.answerWithin", { hours: rt.responseHours })}</Text>
              </Stack>
              <Button variant="light" onClick={() => open(rt as RequestType)} aria-label={`${t("work.ask")}: ${rt.label}`}>{t("work.ask")}</Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {types.length === 0 && !error && <Text c="dimmed">{t("work.noTypes")}</Text>}

      <Title order={2} size="h4" mt="md">{t("work.myRequests")}</Title>
      <Table.ScrollContainer minWidth={700}>
        <Table striped data-testid="my-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("work.number")}</Table.Th><Table.Th>{t("work.what")}</Table.Th><Table.Th>{t("work.kind")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th><Table.Th>{t("work.submitted")}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.myServiceRequests.nodes ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>{r.link ? <Link to={r.link}>{r.title}</Link> : r.title}{r.reason && <Text size="xs" c="dimmed">{r.reason}</Text>}</Table.Td>
                <Table.Td>{r.typeLabel}</Table.Td>
                <Table.Td><Badge color={STATUS_COLOURS[r.status] ?? "gray"}>{t(`work.status.${r.status}`, r.status)}</Badge></Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.submittedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {(r.status === "submitted" || r.status === "pending_approval") && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={async () => {
                      const result = await cancel({ input: { id: r.id } });
                      const problems = result.data?.cancelServiceRequest.userErrors ?? [];
                      if (result.error || problems.length) notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((p) => p.message).join(" "));
                      refetch({ requestPolicy: "network-only" });
                    }}>{t("common.cancel")}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking?.label} size="lg">
        <form onSubmit={send} noValidate>
          <Stack>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <Text size="sm" c="dimmed">{asking?.description}</Text>
            <TextInput label={t("work.requestTitle")} required value={title} error={errors.title}
              onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
            {asking?.fields.map((f) => (
              <FieldInput key={f.field} field={f} value={values[f.field]} error={errors[f.field]} resources={[]}
                onChange={(v) => setValues((x) => ({ ...x, [f.field]: v }))} />
            ))}
            <Button type="submit">{t("work.send")}</Button>
          </Stack>
        </form>
      </Modal>
    </Page>
  );
}
