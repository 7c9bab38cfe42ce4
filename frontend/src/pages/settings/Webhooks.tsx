import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";

const EndpointsDocument = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 100) { nodes { id url description eventTypes enabled disabledReason } }
    webhookEventTypes { key module description }
  }
`);
const DeliveriesDocument = graphql(`
  query WebhookDeliveries($endpointId: ID) {
    webhookDeliveries(endpointId: $endpointId, first: 50) {
      nodes { id eventType status attempts lastStatusCode lastDurationMs lastError createdAt nextAttemptAt }
    }
  }
`);
const CreateDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret userErrors { field message code } }
  }
`);
const EnableDocument = graphql(`
  mutation EnableWebhookEndpoint($input: WebhookEndpointIdInput!) { enableWebhookEndpoint(input: $input) { userErrors { message } } }
`);
const DisableDocument = graphql(`
  mutation DisableWebhookEndpoint($input: WebhookEndpointIdInput!) { disableWebhookEndpoint(input: $input) { userErrors { message } } }
`);
const DeleteDocument = graphql(`
  mutation DeleteWebhookEndpoint($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { userErrors { message } } }
`);
const RedeliverDocument = graphql(`
  mutation RedeliverWebhook($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { userErrors { message } } }
`);

const STATUS_COLOR: Record<string, string> = { succeeded: "green", failed: "red", pending: "yellow" };

/** The last deliveries of one endpoint, with their answers, and a way to send one again. */
function Deliveries({ endpointId }: { endpointId: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: DeliveriesDocument, variables: { endpointId } });
  const [, redeliver] = useMutation(RedeliverDocument);
  const rows = data?.webhookDeliveries.nodes ?? [];
  if (error) return <Alert color="red">{errorMessage(error, t("common.error"))}</Alert>;
  if (!rows.length) return <Text size="sm" c="dimmed">{t("settings.noDeliveries")}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("settings.when")}</Table.Th><Table.Th>{t("settings.eventType")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th><Table.Th>{t("settings.answer")}</Table.Th><Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{formatDateTime(d.createdAt, i18n.language)}</Table.Td>
              <Table.Td><Code>{d.eventType}</Code></Table.Td>
              <Table.Td><Badge color={STATUS_COLOR[d.status] ?? "gray"}>{t(`settings.delivery_${d.status}`, d.status)}</Badge>
                <Text size="xs" c="dimmed">{t("settings.attempts")}: {d.attempts}</Text></Table.Td>
              <Table.Td>
                <Text size="sm">{d.lastStatusCode ?? "—"}{d.lastDurationMs != null ? ` · ${d.lastDurationMs} ms` : ""}</Text>
                {d.lastError && <Text size="xs" c="red">{d.lastError}</Text>}
              </Table.Td>
              <Table.Td>
                {d.status !== "pending" && (
                  <Button size="xs" variant="subtle" onClick={async () => {
                    const result = await redeliver({ input: { deliveryId: d.id } });
                    const problems = result.data?.redeliverWebhook.userErrors ?? [];
                    if (result.error || problems.length) notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((p) => p.message).join(" "));
                    refetch({ requestPolicy: "network-only" });
                  }}>{t("settings.redeliver")}</Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Webhooks: HTTPS endpoints that receive the company's events, signed (docs/api/webhooks.md). */
export function Component() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: EndpointsDocument });
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [, create] = useMutation(CreateDocument);
  const [, enable] = useMutation(EnableDocument);
  const [, disable] = useMutation(DisableDocument);
  const [, remove] = useMutation(DeleteDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ input: { url, eventTypes, description } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.createWebhookEndpoint.userErrors, ["url", "eventTypes", "description"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    const payload = result.data?.createWebhookEndpoint;
    if (payload?.webhookEndpoint && payload.secret) {
      setSecret(payload.secret);
      refetch({ requestPolicy: "network-only" });
    }
  }

  async function act(run: () => Promise<{ error?: unknown; problems: { message: string }[] }>) {
    const { error: failure, problems } = await run();
    if (failure || problems.length) notifyError(failure ? errorMessage(failure as never, t("common.error")) : problems.map((p) => p.message).join(" "));
    refetch({ requestPolicy: "network-only" });
  }

  const types = data?.webhookEventTypes ?? [];
  return (
    <Page title={t("nav.webhooks")} error={error} actions={
      <Button leftSection={<IconPlus size={16} />} onClick={() => {
        setUrl(""); setDescription(""); setEventTypes([]); setSecret(null); setErrors({}); setMessage(null); setOpen(true);
      }}>{t("settings.newWebhook")}</Button>
    }>
      <Text size="sm" c="dimmed">{t("settings.webhooksHelp")}</Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.endpoint")}</Table.Th><Table.Th>{t("settings.eventTypes")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.webhookEndpoints.nodes ?? []).map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td><Code>{e.url}</Code>{e.description && <Text size="xs" c="dimmed">{e.description}</Text>}</Table.Td>
                <Table.Td><Group gap={4}>{e.eventTypes.map((k) => <Badge key={k} variant="outline" size="sm">{k}</Badge>)}</Group></Table.Td>
                <Table.Td>
                  {e.enabled ? <Badge color="green">{t("settings.active")}</Badge>
                    : <Badge color={e.disabledReason === "failing" ? "red" : "gray"}>
                      {e.disabledReason === "failing" ? t("settings.disabledFailing") : t("settings.inactive")}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setShown(shown === e.id ? null : e.id)}>{t("settings.deliveries")}</Button>
                    {e.enabled
                      ? <Button size="xs" variant="subtle" onClick={() => void act(async () => { const r = await disable({ input: { id: e.id } }); return { error: r.error, problems: r.data?.disableWebhookEndpoint.userErrors ?? [] }; })}>{t("settings.deactivate")}</Button>
                      : <Button size="xs" variant="subtle" onClick={() => void act(async () => { const r = await enable({ input: { id: e.id } }); return { error: r.error, problems: r.data?.enableWebhookEndpoint.userErrors ?? [] }; })}>{t("settings.reactivate")}</Button>}
                    <Button size="xs" variant="subtle" color="red" onClick={() => void act(async () => { const r = await remove({ input: { id: e.id } }); return { error: r.error, problems: r.data?.deleteWebhookEndpoint.userErrors ?? [] }; })}>{t("common.delete")}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown && (
        <Stack gap="xs">
          <Title order={2} size="h5">{t("settings.deliveries")}</Title>
          <Deliveries endpointId={shown} />
        </Stack>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t("settings.newWebhook")}>
        {secret ? (
          <Stack>
            <Alert color="yellow">{t("settings.secretOnce")}</Alert>
            <Text size="sm">{t("settings.signingSecret")}</Text><Code block data-testid="webhook-secret">{secret}</Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>}
            </CopyButton>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              <TextInput label={t("settings.endpoint")} placeholder="https://" required value={url} error={errors.url} onChange={(e) => setUrl(e.currentTarget.value)} />
              <TextInput label={t("common.description")} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} />
              <MultiSelect label={t("settings.eventTypes")} data={types.map((x) => ({ value: x.key, label: x.key }))} value={eventTypes}
                onChange={setEventTypes} searchable error={errors.eventTypes} comboboxProps={{ withinPortal: true }} />
              <Button type="submit">{t("common.create")}</Button>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
