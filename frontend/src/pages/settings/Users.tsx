import {
  Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, PasswordInput, Stack, Switch, Table, Text, TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconMail, IconUserPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { formatDateTime } from "../../lib/format";

const UsersDocument = graphql(`
  query Users($search: String, $includeInactive: Boolean!, $after: String) {
    users(first: 50, search: $search, includeInactive: $includeInactive, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id email fullName isActive joinedAt roles { id name } }
    }
    roles(first: 100) { nodes { id name } }
  }
`);
const InviteDocument = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) { invitationUrl userErrors { field message code } }
  }
`);
const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } userErrors { field message code } }
  }
`);
const AssignRolesDocument = graphql(`
  mutation AssignRoles($input: AssignRolesInput!) {
    assignRoles(input: $input) { user { id roles { id name } } userErrors { field message code } }
  }
`);
const DeactivateDocument = graphql(`
  mutation DeactivateUser($input: UserIdInput!) { deactivateUser(input: $input) { user { id isActive } userErrors { message } } }
`);
const ReactivateDocument = graphql(`
  mutation ReactivateUser($input: UserIdInput!) { reactivateUser(input: $input) { user { id isActive } userErrors { message } } }
`);

type Mode = { kind: "invite" } | { kind: "create" } | { kind: "roles"; userId: string; name: string; roleIds: string[] } | null;

export function Component() {
  const { t, i18n } = useTranslation();
  const { can, me } = useSession();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [{ data, error }, refetch] = useQuery({
    query: UsersDocument, variables: { search: debounced || null, includeInactive },
  });
  const [mode, setMode] = useState<Mode>(null);
  const [invitationUrl, setInvitationUrl] = useState<string | null>(null);
  const [form, setForm] = useState({ email: "", fullName: "", password: "", roleIds: [] as string[] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [, invite] = useMutation(InviteDocument);
  const [, createUser] = useMutation(CreateUserDocument);
  const [, assignRoles] = useMutation(AssignRolesDocument);
  const [, deactivate] = useMutation(DeactivateDocument);
  const [, reactivate] = useMutation(ReactivateDocument);
  const manage = can("core.user.manage");
  const roleOptions = (data?.roles.nodes ?? []).map((r) => ({ value: r.id, label: r.name }));

  function open(next: Mode) {
    setForm({ email: "", fullName: "", password: "", roleIds: next?.kind === "roles" ? next.roleIds : [] });
    setErrors({});
    setMessage(null);
    setInvitationUrl(null);
    setMode(next);
  }

  function handle(userErrors: readonly { field?: readonly string[] | null; message: string; code: string }[] | undefined, fields: string[]): boolean {
    const { byField, general } = splitUserErrors(userErrors, fields);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    return !general.length && !Object.keys(byField).length;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mode?.kind === "invite") {
      const result = await invite({ input: { email: form.email, fullName: form.fullName, roleIds: form.roleIds } });
      if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
      if (handle(result.data?.inviteUser.userErrors, ["email", "fullName", "roleIds"])) {
        setInvitationUrl(result.data?.inviteUser.invitationUrl ?? null);
      }
    } else if (mode?.kind === "create") {
      const result = await createUser({ input: form });
      if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
      if (handle(result.data?.createUser.userErrors, ["email", "fullName", "password", "roleIds"])) {
        notifySaved(t("common.saved"));
        setMode(null);
        refetch({ requestPolicy: "network-only" });
      }
    } else if (mode?.kind === "roles") {
      const result = await assignRoles({ input: { userId: mode.userId, roleIds: form.roleIds } });
      if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
      if (handle(result.data?.assignRoles.userErrors, ["roleIds"])) {
        notifySaved(t("common.saved"));
        setMode(null);
      }
    }
  }

  async function setActive(id: string, active: boolean) {
    const result = active ? await reactivate({ input: { id } }) : await deactivate({ input: { id } });
    const payload = result.data && ("reactivateUser" in result.data ? result.data.reactivateUser : result.data.deactivateUser);
    if (result.error || payload?.userErrors.length) {
      notifyError(result.error ? errorMessage(result.error, t("common.error")) : payload!.userErrors.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("common.saved"));
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Page title={t("nav.users")} error={error} actions={manage && (
      <>
        <Button leftSection={<IconMail size={16} />} onClick={() => open({ kind: "invite" })}>{t("settings.invite")}</Button>
        <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={() => open({ kind: "create" })}>{t("settings.addUser")}</Button>
      </>
    )}>
      <Group>
        <TextInput aria-label={t("common.search")} placeholder={t("common.search")} value={search}
          onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
        <Switch label={t("settings.inactive")} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("common.name")}</Table.Th><Table.Th>{t("auth.email")}</Table.Th>
              <Table.Th>{t("settings.rolesOf")}</Table.Th><Table.Th>{t("settings.joined")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th>{manage && <Table.Th>{t("common.actions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.users.nodes ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.fullName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td><Group gap={4}>{u.roles.map((r) => <Badge key={r.id} variant="light">{r.name}</Badge>)}</Group></Table.Td>
                <Table.Td>{formatDateTime(u.joinedAt, i18n.language)}</Table.Td>
                <Table.Td>{u.isActive ? t("settings.active") : t("settings.inactive")}</Table.Td>
                {manage && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => open({ kind: "roles", userId: u.id, name: u.fullName, roleIds: u.roles.map((r) => r.id) })}>
                        {t("settings.assignRoles")}
                      </Button>
                      {u.id !== me?.id && (
                        <Button size="xs" variant="subtle" color={u.isActive ? "red" : "green"} onClick={() => void setActive(u.id, !u.isActive)}>
                          {u.isActive ? t("settings.deactivate") : t("settings.reactivate")}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={mode !== null} onClose={() => setMode(null)}
        title={mode?.kind === "invite" ? t("settings.invite") : mode?.kind === "create" ? t("settings.addUser") : `${t("settings.assignRoles")}: ${mode?.kind === "roles" ? mode.name : ""}`}>
        {invitationUrl ? (
          <Stack>
            <Text size="sm">{t("settings.invitationHelp")}</Text>
            <Code block data-testid="invitation-url">{invitationUrl}</Code>
            <CopyButton value={invitationUrl}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>}
            </CopyButton>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              {mode?.kind !== "roles" && (
                <>
                  <TextInput label={t("auth.email")} type="email" required value={form.email} error={errors.email}
                    onChange={(e) => { const email = e.currentTarget.value; setForm((f) => ({ ...f, email })); }} />
                  <TextInput label={t("auth.fullName")} value={form.fullName} error={errors.fullName} required={mode?.kind === "create"}
                    onChange={(e) => { const fullName = e.currentTarget.value; setForm((f) => ({ ...f, fullName })); }} />
                </>
              )}
              {mode?.kind === "create" && (
                <PasswordInput label={t("auth.password")} description={t("auth.passwordHint")} required value={form.password}
                  error={errors.password} onChange={(e) => { const password = e.currentTarget.value; setForm((f) => ({ ...f, password })); }} />
              )}
              <MultiSelect label={t("settings.rolesOf")} data={roleOptions} value={form.roleIds} error={errors.roleIds}
                onChange={(roleIds) => setForm((f) => ({ ...f, roleIds }))} searchable comboboxProps={{ withinPortal: true }} />
              <Button type="submit">{t("common.save")}</Button>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
