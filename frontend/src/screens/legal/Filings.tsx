import {
  Alert, Badge, Button, Group, Modal, NumberInput, Select, Stack, Switch, Table, Text, TextInput, VisuallyHidden,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate } from "../../lib/format";
import { isoDate } from "../finance/report";
import { deadline } from "./contracts";
import { LEGAL_TEXTS } from "./texts";

const FilingsDocument = graphql(`
  query LegalFilings($status: String, $overdueOnly: Boolean!) {
    filings(status: $status, overdueOnly: $overdueOnly) { id obligation period dueDate status filedOn overdue }
  }
`);
const FileDocument = graphql(`
  mutation LegalMarkFiled($input: FileFilingInput!) { markFilingFiled(input: $input) { ok userErrors { field message code } } }
`);
const ObligationDocument = graphql(`
  mutation LegalCreateObligation($input: ObligationInput!) {
    createFilingObligation(input: $input) { ok userErrors { field message code } }
  }
`);

type Filing = { id: string; obligation: string; period: string; dueDate: string; status: string; filedOn?: string | null; overdue: boolean };

/** Regulatory filings: what falls due, the overdue ones flagged; record a filing; add a recurring obligation. */
export default function Filings() {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const today = useMemo(() => isoDate(new Date()), []);
  const [status, setStatus] = useState<string | null>("pending");
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: FilingsDocument, variables: { status, overdueOnly } });
  const [filing, setFiling] = useState<Filing | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = useMemo(() => [...(data?.filings ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate)), [data]);
  const reload = () => refetch({ requestPolicy: "network-only" });

  return (
    <Page title={t("filings.title")} error={error} actions={
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>{t("filings.newObligation")}</Button>
    }>
      <Group align="flex-end" wrap="wrap">
        <Select label={t("status")} placeholder={tc("common.all")} clearable w={200} value={status} comboboxProps={{ withinPortal: true }}
          data={[{ value: "pending", label: t("filings.pending") }, { value: "filed", label: t("filings.filed") }]} onChange={setStatus} />
        <Switch label={t("filings.onlyOverdue")} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
      </Group>
      <Table.ScrollContainer minWidth={680}>
        <Table striped aria-busy={fetching} data-testid="filings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("filings.obligation")}</Table.Th><Table.Th>{t("filings.period")}</Table.Th><Table.Th>{t("filings.due")}</Table.Th>
              <Table.Th>{t("status")}</Table.Th><Table.Th>{t("filings.filedOn")}</Table.Th>
              <Table.Th><VisuallyHidden>{tc("common.actions")}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => {
              const near = f.status === "pending" ? deadline(f.dueDate, today, "pending", 7) : { level: "none" as const, days: 0 };
              return (
                <Table.Tr key={f.id}>
                  <Table.Td>{f.obligation}</Table.Td>
                  <Table.Td>{f.period}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={f.overdue || near.level === "soon" ? 700 : undefined} c={f.overdue ? "red.7" : near.level === "soon" ? "orange.8" : undefined}>
                        {formatDate(f.dueDate, lang)}
                      </Text>
                      {f.overdue && <Badge color="red" variant="light">{t("filings.overdue")}</Badge>}
                      {!f.overdue && near.level === "soon" && <Badge color="orange" variant="light">{near.days === 0 ? t("deadline.today") : t("deadline.soon", { days: near.days })}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={f.status === "filed" ? "teal" : "gray"} variant="light">
                      {f.status === "filed" ? t("filings.filed") : t("filings.pending")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{f.filedOn ? formatDate(f.filedOn, lang) : ""}</Table.Td>
                  <Table.Td>
                    {f.status === "pending" && (
                      <Button size="xs" variant="light" onClick={() => setFiling(f)}
                        aria-label={t("filings.markFiledOf", { name: f.obligation, period: f.period })}>
                        {t("filings.markFiled")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data && rows.length === 0 && <Text c="dimmed">{t("filings.none")}</Text>}
      <Modal opened={filing !== null} onClose={() => setFiling(null)} title={filing ? `${filing.obligation} · ${filing.period}` : ""}>
        {filing && <MarkFiledForm filing={filing} today={today} onDone={() => { setFiling(null); reload(); }} />}
      </Modal>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("filings.newObligation")}>
        {adding && <ObligationForm onDone={() => { setAdding(false); reload(); }} />}
      </Modal>
    </Page>
  );
}

function MarkFiledForm({ filing, today, onDone }: { filing: Filing; today: string; onDone: () => void }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, markFiled] = useMutation(FileDocument);
  const [values, setValues] = useState({ filedOn: today, evidence: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await markFiled({ input: { id: filing.id, ...values } });
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const { byField, general } = splitUserErrors(result.data?.markFilingFiled.userErrors, ["filedOn", "evidence"]);
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (!general.length && !Object.keys(byField).length) {
      notifySaved(t("filings.saved"));
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput type="date" label={t("filings.filedOn")} required value={values.filedOn} error={errors.filedOn}
          onChange={(e) => { const filedOn = e.currentTarget.value; setValues((v) => ({ ...v, filedOn })); }} />
        <TextInput label={t("filings.evidence")} value={values.evidence} error={errors.evidence}
          onChange={(e) => { const evidence = e.currentTarget.value; setValues((v) => ({ ...v, evidence })); }} />
        <Button type="submit">{t("filings.markFiled")}</Button>
      </Stack>
    </form>
  );
}

function ObligationForm({ onDone }: { onDone: () => void }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, create] = useMutation(ObligationDocument);
  const [values, setValues] = useState({ name: "", frequency: "monthly", dueDay: 15, authority: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ input: values });
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const { byField, general } = splitUserErrors(result.data?.createFilingObligation.userErrors, Object.keys(values));
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (!general.length && !Object.keys(byField).length) {
      notifySaved(t("filings.obligationAdded"));
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t("filings.name")} required value={values.name} error={errors.name}
          onChange={(e) => { const name = e.currentTarget.value; setValues((v) => ({ ...v, name })); }} />
        <Select label={t("filings.frequency")} value={values.frequency} allowDeselect={false} error={errors.frequency}
          comboboxProps={{ withinPortal: true }} onChange={(frequency) => frequency && setValues((v) => ({ ...v, frequency }))}
          data={(["monthly", "quarterly", "yearly"] as const).map((f) => ({ value: f, label: t(`filings.${f}`) }))} />
        <NumberInput label={t("filings.dueDay")} min={1} max={31} allowDecimal={false} value={values.dueDay} error={errors.dueDay}
          onChange={(v) => setValues((x) => ({ ...x, dueDay: typeof v === "number" ? v : Number(v) || 1 }))} />
        <TextInput label={t("filings.authority")} value={values.authority} error={errors.authority}
          onChange={(e) => { const authority = e.currentTarget.value; setValues((v) => ({ ...v, authority })); }} />
        <Button type="submit">{tc("common.save")}</Button>
      </Stack>
    </form>
  );
}
