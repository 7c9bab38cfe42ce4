import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import type { ApproverType } from "../../gql/graphql";

const RulesDocument = graphql(`
  query ApprovalRules {
    approvalRules { kind kindLabel module defaultPermission custom steps { approver permission roleKey minAmount description } }
    permissions { key description }
    roles(first: 100) { nodes { key name } }
  }
`);
const SetRuleDocument = graphql(`
  mutation SetApprovalRule($input: SetApprovalRuleInput!) {
    setApprovalRule(input: $input) { rule { kind custom } userErrors { field message code } }
  }
`);

type Step = { approver: ApproverType; permission: string | null; roleKey: string | null; minAmount: string };

/** Who approves what: steps per kind of request, each for everyone or above an amount. */
export function Component() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: RulesDocument });
  const [, setRule] = useMutation(SetRuleDocument);
  const [editing, setEditing] = useState<{ kind: string; label: string; steps: Step[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const approverOptions = [
    { value: "MANAGER", label: t("work.approverManager") },
    { value: "PERMISSION", label: t("work.approverPermission") },
    { value: "ROLE", label: t("work.approverRole") },
  ];

  async function save() {
    if (!editing) return;
    const steps = editing.steps.map((s) => ({
      approver: s.approver, permission: s.approver === "PERMISSION" ? s.permission : null,
      roleKey: s.approver === "ROLE" ? s.roleKey : null, minAmount: s.minAmount.trim() || null,
    }));
    const result = await setRule({ input: { kind: editing.kind, steps } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { general, byField } = splitUserErrors(result.data?.setApprovalRule.userErrors, []);
    const all = [...general, ...Object.values(byField)];
    if (all.length) return setMessage(all.join(" "));
    notifySaved(t("common.saved"));
    setEditing(null);
    refetch({ requestPolicy: "network-only" });
  }

  const update = (index: number, patch: Partial<Step>) =>
    setEditing((e) => e && { ...e, steps: e.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <Page title={t("work.approvalRules")} error={error}>
      <Text c="dimmed">{t("work.approvalRulesHelp")}</Text>
      <Stack>
        {(data?.approvalRules ?? []).map((rule) => (
          <Card key={rule.kind} withBorder>
            <Group justify="space-between" align="flex-start">
              <Stack gap={4}>
                <Group gap="xs"><Text fw={600}>{rule.kindLabel}</Text><Badge variant="light" size="sm">{rule.module}</Badge>
                  {!rule.custom && <Badge color="gray" size="sm">{t("work.defaultRule")}</Badge>}</Group>
                {rule.steps.map((s, i) => <Text key={i} size="sm">{i + 1}. {s.description}</Text>)}
              </Stack>
              <Button variant="light" size="xs" onClick={() => { setMessage(null); setEditing({
                kind: rule.kind, label: rule.kindLabel,
                steps: rule.steps.map((s) => ({ approver: s.approver, permission: s.permission ?? null, roleKey: s.roleKey ?? null, minAmount: s.minAmount ?? "" })),
              }); }}>{t("common.edit")}</Button>
            </Group>
          </Card>
        ))}
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.label} size="lg">
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          {editing?.steps.map((step, i) => (
            <Group key={i} align="flex-end" wrap="wrap">
              <Text fw={600} w={20}>{i + 1}.</Text>
              <Select label={t("work.approver")} data={approverOptions} value={step.approver} allowDeselect={false} w={180}
                onChange={(v) => v && update(i, { approver: v as ApproverType })} comboboxProps={{ withinPortal: true }} />
              {step.approver === "PERMISSION" && (
                <Select label={t("work.permission")} searchable w={240} value={step.permission}
                  data={(data?.permissions ?? []).map((p) => ({ value: p.key, label: p.key }))}
                  onChange={(v) => update(i, { permission: v })} comboboxProps={{ withinPortal: true }} />
              )}
              {step.approver === "ROLE" && (
                <Select label={t("settings.rolesOf")} w={200} value={step.roleKey}
                  data={(data?.roles.nodes ?? []).map((r) => ({ value: r.key, label: r.name }))}
                  onChange={(v) => update(i, { roleKey: v })} comboboxProps={{ withinPortal: true }} />
              )}
              <TextInput label={t("work.aboveAmount")} inputMode="decimal" w={160} value={step.minAmount}
                onChange={(e) => { const minAmount = e.currentTarget.value; update(i, { minAmount }); }} />
              <Button variant="subtle" color="red" aria-label={t("common.delete")}
                onClick={() => setEditing((e) => e && { ...e, steps: e.steps.filter((_, j) => j !== i) })}><IconTrash size={16} /></Button>
            </Group>
          ))}
          <Button variant="default" leftSection={<IconPlus size={16} />} w="fit-content"
            onClick={() => setEditing((e) => e && { ...e, steps: [...e.steps, { approver: "MANAGER", permission: null, roleKey: null, minAmount: "" }] })}>
            {t("work.addStep")}
          </Button>
          <Button onClick={() => void save()}>{t("common.save")}</Button>
        </Stack>
      </Modal>
    </Page>
  );
}

