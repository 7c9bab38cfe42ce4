import {
  Alert, Anchor, Button, Center, Checkbox, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Text,
  TextInput, Textarea,
} from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useClient, useQuery } from "urql";
import Comments from "../../components/Comments";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import {
  detailQuery, displayValue, enumLabels, formFieldPath, mutationDocument, titleField, refSource, valueAt, type UiFormField, type UiResource,
} from "../../lib/resource";

// HR's personal data actions (UU PDP) on an employee's page, in HR's own chunk.
const PersonalDataActions = lazy(() => import("../../screens/hr/PersonalDataActions"));

type Values = Record<string, unknown>;
type SaveResult = { result: { userErrors: { field: string[] | null; message: string; code: string }[] } };

function RefSelect({ field, resources, value, onChange, error }: {
  field: UiFormField; resources: UiResource[]; value: string | null; onChange: (v: string | null) => void; error?: string;
}) {
  const source = refSource(field.kind, resources);
  const query = source ? `query RefChoices { list: ${source.query}(first: 100) { nodes { id ${source.label} } } }` : "query None { __typename }";
  const [{ data }] = useQuery<{ list?: { nodes: Record<string, string>[] } }>({ query, pause: !source });
  const options = (data?.list?.nodes ?? []).map((n) => ({ value: n.id, label: String(n[source!.label] ?? n.id) }));
  if (!source) {
    return <TextInput label={field.label} value={value ?? ""} onChange={(e) => onChange(e.currentTarget.value || null)} error={error} />;
  }
  return (
    <Select label={field.label} data={options} value={value} onChange={onChange} clearable searchable
      required={field.required} error={error} comboboxProps={{ withinPortal: true }} />
  );
}

export function FieldInput({ field, value, onChange, error, resources }: {
  field: UiFormField; value: unknown; onChange: (v: unknown) => void; error?: string; resources: UiResource[];
}) {
  const common = { label: field.label, required: field.required, error, name: field.field };
  const text = value === null || value === undefined ? "" : String(value);
  if (field.kind.startsWith("ref:")) {
    return <RefSelect field={field} resources={resources} value={text || null} onChange={onChange} error={error} />;
  }
  switch (field.kind) {
    case "textarea":
      return <Textarea {...common} autosize minRows={3} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "select":
      return (
        <Select {...common} data={field.options.map((o) => ({ value: o.value, label: o.label }))} value={text || null}
          onChange={onChange} clearable={!field.required} comboboxProps={{ withinPortal: true }} />
      );
    case "number":
      return <NumberInput {...common} value={text} onChange={(v) => onChange(v === "" ? "" : String(v))} allowDecimal={false} />;
    case "money":
    case "decimal":
      return <TextInput {...common} inputMode="decimal" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "boolean":
      return <Checkbox label={field.label} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} error={error} />;
    case "date":
      return <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "email":
    case "tel":
      return <TextInput {...common} type={field.kind} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** Create (id = null) or view and edit one record of a resource. */
export default function ResourceRecord({ resource, resources, basePath, id }: {
  resource: UiResource; resources: UiResource[]; basePath: string; id: string | null;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const query = useMemo(() => detailQuery(resource), [resource]);
  const [{ data, fetching, error }, reload] = useQuery<{ record: Values }>({
    query: query ?? "query None { __typename }", variables: { id }, pause: !id || !query,
  });
  const [values, setValues] = useState<Values>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const mutationName = id ? resource.updateMutation : resource.createMutation;
  const client = useClient();
  const [saving, setSaving] = useState(false);
  const kinds = Object.fromEntries(resource.form.map((f) => [f.field, f.kind]));

  useEffect(() => {
    if (!data?.record) return;
    setValues(Object.fromEntries(resource.form.map((f) => [f.field, valueAt(data.record, formFieldPath(f)) ?? ""])));
  }, [data, resource.form]);

  if (id && !query) return <Page title={resource.label}><Alert color="yellow">{t("resource.notFound")}</Alert></Page>;
  if (id && fetching && !data) return <Center h={200}><Loader aria-label={t("app.loading")} /></Center>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!mutationName) return;
    setMessage(null);
    const input: Values = id ? { id } : {};
    for (const f of resource.form) {
      const v = values[f.field];
      // An update sends what the form shows; a create leaves empty optional fields out.
      if (id || (v !== "" && v !== undefined && v !== null)) input[f.field] = v === "" ? null : v;
    }
    const document = mutationDocument(mutationName, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)), kinds);
    setSaving(true);
    const reply = await client.mutation<SaveResult>(document, {}).toPromise().finally(() => setSaving(false));
    if (reply.error || !reply.data) {
      setMessage(errorMessage(reply.error, t("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(reply.data?.result.userErrors, resource.form.map((f) => f.field));
    setFieldErrors(byField);
    if (general.length || Object.keys(byField).length) {
      setMessage(general.length ? general.join(" ") : t("resource.fixErrors"));
      return;
    }
    notifySaved(id ? t("resource.updated") : t("resource.created"));
    navigate(basePath);
  }

  const editable = Boolean(mutationName) && resource.form.length > 0;
  const labels = enumLabels(resource);
  const title = id ? String(valueAt(data?.record, titleField(resource)) ?? resource.label)
    : t("resource.newRecord", { label: resource.label });
  return (
    <Page title={title} error={error}
      actions={<Anchor component={Link} to={basePath}><Group gap={4}><IconArrowLeft size={16} />{resource.label}</Group></Anchor>}>
      {id && data?.record && (
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {resource.columns.map((c) => (
              <Stack key={c.field} gap={0}>
                <Text size="xs" c="dimmed">{c.label}</Text>
                <Text>{displayValue(valueAt(data.record, c.field), c, labels, i18n.language) || "—"}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {id && data?.record && resource.module === "hr" && resource.key === "employees" && (
        <Suspense fallback={null}><PersonalDataActions employeeId={id}
          onChanged={() => reload({ requestPolicy: "network-only" })} /></Suspense>
      )}
      {id && data?.record && <Comments recordId={id} />}
      {editable && (
        <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="record-form">
          <Stack>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {resource.form.map((f) => (
                <FieldInput key={f.field} field={f} value={values[f.field]} error={fieldErrors[f.field]} resources={resources}
                  onChange={(v) => setValues((x) => ({ ...x, [f.field]: v }))} />
              ))}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={saving} data-testid="save-record">{id ? t("common.save") : t("common.create")}</Button>
              <Button variant="default" component={Link} to={basePath}>{t("common.cancel")}</Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Page>
  );
}
