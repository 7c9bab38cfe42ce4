import { Alert, Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";

const RolesDocument = graphql(`
  query Roles {
    roles(first: 100) { nodes { id key name description builtin module permissions memberCount } }
    permissions { key module description }
  }
`);
const CreateRoleDocument = graphql(`
  mutation CreateRole($input: CreateRoleInput!) { createRole(input: $input) { role { id } userErrors { field message code } } }
`);
const UpdateRoleDocument = graphql(`
  mutation UpdateRole($input: UpdateRoleInput!) {
    updateRole(input: $input) { role { id permissions } userErrors { field message code } }
  }
`);
const DeleteRoleDocument = graphql(`
  mutation DeleteRole($input: RoleIdInput!) { deleteRole(input: $input) { userErrors { message } } }
`);

/** The permission matrix: permissions down, roles across. Built-in and module roles are read-only. */
export function Component() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: RolesDocument });
  const [drafts, setDrafts] = useState<Record<string, Set<string>>>({});
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ name: "", description: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [, createRole] = useMutation(CreateRoleDocument);
  const [, updateRole] = useMutation(UpdateRoleDocument);
  const [, deleteRole] = useMutation(DeleteRoleDocument);
  const manage = can("core.role.manage");
  const roles = data?.roles.nodes ?? [];
  const byModule = useMemo(() => {
    const groups: Record<string, { key: string; description: string }[]> = {};
    for (const p of data?.permissions ?? []) (groups[p.module] ??= []).push(p);
    return Object.entries(groups);
  }, [data]);

  // Owner and admin are built in; a module's template roles follow the module; only custom roles
  // (module "core", not built in) are edited here.
  const isCustom = (role: { builtin: boolean; module: string }) => !role.builtin && role.module === "core";
  const granted = (roleId: string, permissions: readonly string[]) => drafts[roleId] ?? new Set(permissions);
  function toggle(roleId: string, permissions: readonly string[], key: string) {
    const next = new Set(granted(roleId, permissions));
    if (next.has(key)) next.delete(key); else next.add(key);
    setDrafts((d) => ({ ...d, [roleId]: next }));
  }

  async function save(roleId: string) {
    const result = await updateRole({ input: { id: roleId, permissions: [...(drafts[roleId] ?? [])] } });
    const problems = result.data?.updateRole.userErrors ?? [];
    if (result.error || problems.length) {
      notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((e) => e.message).join(" "));
      return;
    }
    setDrafts(({ [roleId]: _saved, ...rest }) => rest);
    notifySaved(t("common.saved"));
  }

  async function remove(roleId: string) {
    const result = await deleteRole({ input: { id: roleId } });
    const problems = result.data?.deleteRole.userErrors ?? [];
    if (result.error || problems.length) {
      notifyError(result.error ? errorMessage(result.error, t("common.error")) : problems.map((e) => e.message).join(" "));
      return;
    }
    refetch({ requestPolicy: "network-only" });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await createRole({ input: { ...form, permissions: [] } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.createRole.userErrors, ["name", "description"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (!general.length && !Object.keys(byField).length) {
      setCreating(false);
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <Page title={t("nav.roles")} error={error} actions={manage && (
      <Button leftSection={<IconPlus size={16} />} onClick={() => { setForm({ name: "", description: "" }); setCreating(true); }}>
        {t("settings.newRole")}
      </Button>
    )}>
      <Table.ScrollContainer minWidth={400 + roles.length * 110}>
        <Table withColumnBorders stickyHeader aria-label={t("settings.permissionMatrix")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.permissionMatrix")}</Table.Th>
              {roles.map((r) => (
                <Table.Th key={r.id} style={{ textAlign: "center", minWidth: 110 }}>
                  <Stack gap={2} align="center">
                    <Tooltip label={r.description || r.name} withinPortal><Text size="sm" fw={600}>{r.name}</Text></Tooltip>
                    <Badge size="xs" variant="light" color={isCustom(r) ? "blue" : "gray"}>
                      {isCustom(r) ? t("settings.custom") : t("settings.builtin")} · {r.memberCount}
                    </Badge>
                    {manage && isCustom(r) && (
                      <Group gap={4}>
                        <Button size="compact-xs" disabled={!drafts[r.id]} onClick={() => void save(r.id)}>{t("common.save")}</Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(r.id)}>{t("common.delete")}</Button>
                      </Group>
                    )}
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byModule.map(([module, permissions]) => [
              <Table.Tr key={`m-${module}`}><Table.Td colSpan={roles.length + 1} bg="gray.0"><Text fw={600} size="sm">{module}</Text></Table.Td></Table.Tr>,
              ...permissions.map((p) => (
                <Table.Tr key={p.key}>
                  <Table.Td><Text size="sm">{p.description}</Text><Text size="xs" c="dimmed">{p.key}</Text></Table.Td>
                  {roles.map((r) => (
                    <Table.Td key={r.id} style={{ textAlign: "center" }}>
                      <Checkbox display="inline-block" aria-label={`${r.name}: ${p.key}`}
                        checked={granted(r.id, r.permissions).has(p.key)}
                        disabled={!manage || !isCustom(r)}
                        onChange={() => toggle(r.id, r.permissions, p.key)} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              )),
            ])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("settings.newRole")}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <TextInput label={t("common.name")} required value={form.name} error={errors.name}
              onChange={(e) => { const name = e.currentTarget.value; setForm((f) => ({ ...f, name })); }} />
            <TextInput label={t("common.description")} value={form.description} error={errors.description}
              onChange={(e) => { const description = e.currentTarget.value; setForm((f) => ({ ...f, description })); }} />
            <Button type="submit">{t("common.create")}</Button>
          </Stack>
        </form>
      </Modal>
    </Page>
  );
}
