import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, SegmentedControl, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";
import type { OAuthClientKind } from "../../gql/graphql";

const ClientsDocument = graphql(`
  query OAuthClients { oauthClients(first: 100) { nodes { id clientId name kind scopes redirectUris createdAt revokedAt } } }
`);
const CreateClientDocument = graphql(`
  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {
    createOAuthClient(input: $input) { oauthClient { id clientId } clientSecret userErrors { field message code } }
  }
`);
const RevokeClientDocument = graphql(`
  mutation RevokeOAuthClient($input: RevokeOAuthClientInput!) { revokeOAuthClient(input: $input) { userErrors { message } } }
`);

export function Component() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: ClientsDocument });
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [kind, setKind] = useState<OAuthClientKind>("SERVICE");
  const [redirectUris, setRedirectUris] = useState("");
  const [created, setCreated] = useState<{ clientId: string; secret: string | null } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [, create] = useMutation(CreateClientDocument);
  const [, revoke] = useMutation(RevokeClientDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const uris = redirectUris.split(/\s+/).filter(Boolean);
    const input = kind === "SERVICE" ? { name, scopes, kind } : { name, scopes, kind, redirectUris: uris };
    const result = await create({ input });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.createOAuthClient.userErrors, ["name", "scopes", "redirectUris"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    const payload = result.data?.createOAuthClient;
    if (payload?.oauthClient) {
      setCreated({ clientId: payload.oauthClient.clientId, secret: payload.clientSecret ?? null });
      refetch({ requestPolicy: "network-only" });
    }
  }

  async function doRevoke(id: string) {
    const result = await revoke({ input: { id } });
    const problems = result.data?.revokeOAuthClient.userErrors ?? [];
    if (result.error || problems.length) notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((e) => e.message).join(" "));
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Page title={t("nav.apiClients")} error={error} actions={
      <Button leftSection={<IconPlus size={16} />} onClick={() => { setName(""); setScopes([]); setKind("SERVICE"); setRedirectUris(""); setCreated(null); setMessage(null); setOpen(true); }}>
        {t("settings.newClient")}
      </Button>
    }>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("common.name")}</Table.Th><Table.Th>{t("settings.clientKind")}</Table.Th><Table.Th>{t("settings.clientId")}</Table.Th>
              <Table.Th>{t("settings.scopes")}</Table.Th><Table.Th>{t("settings.created")}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.oauthClients.nodes ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`settings.kind${c.kind}`)}</Text>
                  {c.redirectUris.map((u) => <Text key={u} size="xs" c="dimmed">{u}</Text>)}
                </Table.Td>
                <Table.Td><Code>{c.clientId}</Code></Table.Td>
                <Table.Td><Group gap={4}>{c.scopes.map((s) => <Badge key={s} variant="outline" size="sm">{s}</Badge>)}</Group></Table.Td>
                <Table.Td>{formatDateTime(c.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {c.revokedAt ? <Badge color="gray">{t("settings.revoked")}</Badge>
                    : <Button size="xs" variant="subtle" color="red" onClick={() => void doRevoke(c.id)}>{t("settings.revoke")}</Button>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("settings.newClient")}>
        {created ? (
          <Stack>
            <Text size="sm">{t("settings.clientId")}</Text><Code block data-testid="client-id">{created.clientId}</Code>
            {created.secret ? (
              <>
                <Alert color="yellow">{t("settings.secretOnce")}</Alert>
                <Text size="sm">{t("settings.clientSecret")}</Text><Code block data-testid="client-secret">{created.secret}</Code>
                <CopyButton value={created.secret}>
                  {({ copied, copy }) => <Button onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>}
                </CopyButton>
              </>
            ) : <Alert color="blue">{t("settings.publicClientHelp")}</Alert>}
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              <TextInput label={t("common.name")} required value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t("settings.clientKind")}</Text>
                <SegmentedControl value={kind} onChange={(v) => setKind(v as OAuthClientKind)} data={[
                  { value: "SERVICE", label: t("settings.kindSERVICE") },
                  { value: "CONFIDENTIAL", label: t("settings.kindCONFIDENTIAL") },
                  { value: "PUBLIC", label: t("settings.kindPUBLIC") },
                ]} />
                <Text size="xs" c="dimmed">{t(`settings.kindHelp${kind}`)}</Text>
              </Stack>
              {kind !== "SERVICE" && (
                <Textarea label={t("settings.redirectUris")} description={t("settings.redirectUrisHelp")} required autosize minRows={2}
                  value={redirectUris} error={errors.redirectUris} onChange={(e) => setRedirectUris(e.currentTarget.value)} />
              )}
              <MultiSelect label={t("settings.scopes")} data={me?.permissions ?? []} value={scopes} onChange={setScopes}
                searchable error={errors.scopes} comboboxProps={{ withinPortal: true }} />
              <Button type="submit">{t("common.create")}</Button>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
