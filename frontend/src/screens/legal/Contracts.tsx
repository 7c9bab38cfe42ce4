import {
  Alert, Anchor, Badge, Button, FileInput, Group, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text,
  Textarea, TextInput, Title,
} from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconFileUpload, IconPlus, IconSend } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { fileToBase64, isoDate } from "../finance/report";
import {
  acceptsVersions, CONTRACT_KINDS, CONTRACT_STATUSES, deadline, myPendingReview, nextContractStatuses, reviewProgress, stepOf,
  STEPS, versionName, type DeadlineLevel,
} from "./contracts";
import { LEGAL_TEXTS } from "./texts";

const ContractsDocument = graphql(`
  query LegalContracts($status: String, $after: String) {
    contracts(first: 25, after: $after, status: $status) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id title counterparty kind value currency status endDate noticeDeadline }
    }
  }
`);
const ContractDocument = graphql(`
  query LegalContract($id: ID!) {
    contract(id: $id) {
      id title counterparty kind value currency startDate endDate renewalTerms noticeDays status noticeDeadline
      versions { version name contentType uploadedAt }
      reviews { reviewerId decision comment }
    }
  }
`);
const PeopleDocument = graphql(`
  query LegalPeople { users(first: 100) { nodes { id fullName email } } }
`);
const CreateDocument = graphql(`
  mutation LegalCreateContract($input: ContractInput!) {
    createContract(input: $input) { contract { id } userErrors { field message code } }
  }
`);
const AddVersionDocument = graphql(`
  mutation LegalAddContractVersion($input: ContractVersionInput!) {
    addContractVersion(input: $input) {
      contract { id status versions { version name contentType uploadedAt } }
      userErrors { field message code }
    }
  }
`);
const RequestReviewDocument = graphql(`
  mutation LegalRequestReview($input: ContractReviewInput!) {
    requestContractReview(input: $input) {
      contract { id status reviews { reviewerId decision comment } }
      userErrors { field message code }
    }
  }
`);
const DecideDocument = graphql(`
  mutation LegalReviewContract($input: ContractDecisionInput!) {
    reviewContract(input: $input) {
      contract { id status reviews { reviewerId decision comment } }
      userErrors { field message code }
    }
  }
`);
const MoveDocument = graphql(`
  mutation LegalSetContractStatus($input: ContractStatusInput!) {
    setContractStatus(input: $input) { contract { id status } userErrors { field message code } }
  }
`);

type Row = { id: string; title: string; counterparty: string; kind: string; value: string; currency: string; status: string;
  endDate?: string | null; noticeDeadline?: string | null };
type UserErrors = readonly { field?: readonly string[] | null; message: string; code: string }[] | undefined;

const STATUS_COLOURS: Record<string, string> = {
  draft: "gray", in_review: "blue", approved: "teal", signed: "violet", active: "green", expired: "dark", terminated: "red",
};
const DEADLINE_COLOURS: Record<DeadlineLevel, string> = { past: "red", soon: "orange", later: "gray", none: "gray" };
const DECISION_COLOURS: Record<string, string> = { pending: "gray", approved: "teal", changes: "orange" };

function messages(errors: UserErrors): string {
  return (errors ?? []).map((e) => e.message).join(" ");
}

/** Contracts: the list, a new contract, and a contract's page with versions, review and workflow. Answers /legal/contracts. */
export default function Contracts() {
  const location = useLocation();
  const base = "/legal/contracts";
  const rest = location.pathname.slice(base.length).replace(/^\/+|\/+$/g, "");
  if (rest) return <ContractPage key={rest} base={base} id={decodeURIComponent(rest)} />;
  return <ContractList base={base} />;
}

/** A date with how near it is: red once passed, orange within 30 days. */
function DeadlineDate({ date, status, today, testId }: { date?: string | null; status: string; today: string; testId?: string }) {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  if (!date) return <Text size="sm" c="dimmed">{t("noDate")}</Text>;
  const { level, days } = deadline(date, today, status);
  const when = level === "past" ? t("deadline.past", { days: -days }) : days === 0 ? t("deadline.today") : t("deadline.soon", { days });
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId} data-level={level}>
      <Text size="sm" fw={level === "past" || level === "soon" ? 700 : undefined} c={level === "past" ? "red.7" : level === "soon" ? "orange.8" : undefined}
        style={{ whiteSpace: "nowrap" }}>
        {formatDate(date, i18n.language)}
      </Text>
      {(level === "past" || level === "soon") && (
        <Badge color={DEADLINE_COLOURS[level]} variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>{when}</Badge>
      )}
    </Group>
  );
}

function ContractList({ base }: { base: string }) {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const { can } = useSession();
  const today = useMemo(() => isoDate(new Date()), []);
  const [status, setStatus] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Row[]>([]);
  const [creating, setCreating] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: ContractsDocument, variables: { status, after } });
  const page = data?.contracts;
  const rows = useMemo(() => [...earlier, ...(page?.nodes ?? [])], [earlier, page]);

  return (
    <Page title={t("contracts")} error={error} actions={can("legal.contract.manage") && (
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="new-contract">{t("newContract")}</Button>
    )}>
      <Select label={t("status")} placeholder={tc("common.all")} clearable w={220} value={status} comboboxProps={{ withinPortal: true }}
        data={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        onChange={(v) => { setStatus(v); setAfter(null); setEarlier([]); }} />
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover aria-busy={fetching} data-testid="contract-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("title")}</Table.Th><Table.Th>{t("counterparty")}</Table.Th><Table.Th>{t("kind")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("value")}</Table.Th><Table.Th>{t("status")}</Table.Th>
              <Table.Th>{t("noticeDeadline")}</Table.Th><Table.Th>{t("endDate")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td><Anchor component={Link} to={`${base}/${encodeURIComponent(row.id)}`}>{row.title}</Anchor></Table.Td>
                <Table.Td>{row.counterparty}</Table.Td>
                <Table.Td>{t(`kinds.${row.kind}`, { defaultValue: row.kind })}</Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{formatMoney(row.value, row.currency, i18n.language)}</Table.Td>
                <Table.Td><Badge color={STATUS_COLOURS[row.status] ?? "gray"}>{t(`statuses.${row.status}`, { defaultValue: row.status })}</Badge></Table.Td>
                <Table.Td><DeadlineDate date={row.noticeDeadline} status={row.status} today={today} /></Table.Td>
                <Table.Td><DeadlineDate date={row.endDate} status={row.status} today={today} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {page && rows.length === 0 && <Text c="dimmed">{t("noContracts")}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{page ? tc("common.shown", { shown: rows.length, total: page.totalCount }) : ""}</Text>
        {page?.pageInfo.hasNextPage && (
          <Button variant="light" loading={fetching} onClick={() => { setEarlier(rows); setAfter(page.pageInfo.endCursor ?? null); }}>
            {tc("common.loadMore")}
          </Button>
        )}
      </Group>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("newContract")} size="lg">
        {creating && <NewContractForm base={base} />}
      </Modal>
    </Page>
  );
}

function NewContractForm({ base }: { base: string }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [, create] = useMutation(CreateDocument);
  const [values, setValues] = useState({
    title: "", counterparty: "", kind: "service", value: "", currency: "IDR", startDate: "", endDate: "", noticeDays: 30, renewalTerms: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const input = {
      title: values.title, counterparty: values.counterparty, kind: values.kind, value: values.value.trim() || "0",
      currency: values.currency, startDate: values.startDate || null, endDate: values.endDate || null,
      noticeDays: values.noticeDays, renewalTerms: values.renewalTerms,
    };
    const result = await create({ input }).finally(() => setSaving(false));
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const payload = result.data?.createContract;
    const { byField, general } = splitUserErrors(payload?.userErrors, Object.keys(values));
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (payload?.contract && !general.length && !Object.keys(byField).length) {
      notifySaved(t("created"));
      navigate(`${base}/${encodeURIComponent(payload.contract.id)}`);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="contract-form">
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t("title")} required value={values.title} error={errors.title} data-autofocus
          onChange={(e) => set("title", e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("counterparty")} required value={values.counterparty} error={errors.counterparty}
            onChange={(e) => set("counterparty", e.currentTarget.value)} />
          <Select label={t("kind")} value={values.kind} allowDeselect={false} error={errors.kind} comboboxProps={{ withinPortal: true }}
            data={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onChange={(v) => v && set("kind", v)} />
          <TextInput label={t("value")} inputMode="decimal" value={values.value} error={errors.value}
            onChange={(e) => set("value", e.currentTarget.value)} />
          <TextInput label={t("currency")} maxLength={3} value={values.currency} error={errors.currency}
            onChange={(e) => set("currency", e.currentTarget.value.toUpperCase())} />
          <TextInput type="date" label={t("startDate")} value={values.startDate} error={errors.startDate}
            onChange={(e) => set("startDate", e.currentTarget.value)} />
          <TextInput type="date" label={t("endDate")} value={values.endDate} error={errors.endDate}
            onChange={(e) => set("endDate", e.currentTarget.value)} />
          <NumberInput label={t("noticeDays")} min={0} allowDecimal={false} value={values.noticeDays} error={errors.noticeDays}
            onChange={(v) => set("noticeDays", typeof v === "number" ? v : Number(v) || 0)} />
        </SimpleGrid>
        <Textarea label={t("renewalTerms")} autosize minRows={2} value={values.renewalTerms} error={errors.renewalTerms}
          onChange={(e) => set("renewalTerms", e.currentTarget.value)} />
        <Button type="submit" loading={saving} data-testid="create-contract">{tc("common.create")}</Button>
      </Stack>
    </form>
  );
}

function Workflow({ status }: { status: string }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const current = stepOf(status);
  return (
    <Group component="ol" gap={6} p={0} m={0} style={{ listStyle: "none" }} aria-label={t("workflow")} data-testid="workflow">
      {STEPS.map((step, index) => {
        const label = step === "ended" && (status === "expired" || status === "terminated") ? t(`statuses.${status}`) : t(`statuses.${step}`);
        return (
          <li key={step} aria-current={index === current ? "step" : undefined}>
            <Badge size="lg" radius="sm" variant={index === current ? "filled" : index < current ? "light" : "outline"}
              color={index === current ? STATUS_COLOURS[status] ?? "blue" : index < current ? "teal" : "gray"}
              leftSection={index < current ? <IconCheck size={12} aria-hidden /> : undefined}>
              {label}
            </Badge>
          </li>
        );
      })}
    </Group>
  );
}

function ContractPage({ base, id }: { base: string; id: string }) {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can, me } = useSession();
  const manage = can("legal.contract.manage");
  const today = useMemo(() => isoDate(new Date()), []);
  const [{ data, fetching, error }] = useQuery({ query: ContractDocument, variables: { id } });
  const [people] = useQuery({ query: PeopleDocument, pause: !can("core.user.read") });
  const names = useMemo(() => new Map((people.data?.users.nodes ?? []).map((u) => [u.id, u.fullName])), [people.data]);
  const contract = data?.contract;
  const back = (
    <Anchor component={Link} to={base}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("allContracts")}</Group></Anchor>
  );
  if (!contract) return <Page title={fetching ? tc("app.loading") : tc("common.error")} error={error} actions={back}>{null}</Page>;

  const notice = deadline(contract.noticeDeadline, today, contract.status);
  const end = deadline(contract.endDate, today, contract.status);
  const inForce = contract.status === "signed" || contract.status === "active";
  const nameOf = (userId: string) => (userId === me?.id ? t("me", { name: me.fullName }) : names.get(userId) ?? userId);
  const relative = (days: number) => (days === 0 ? t("deadline.today") : days < 0 ? t("deadline.past", { days: -days }) : t("deadline.soon", { days }));

  return (
    <Page title={contract.title} error={error} actions={back}>
      <Group gap="xs">
        <Badge size="lg" color={STATUS_COLOURS[contract.status] ?? "gray"} data-testid="contract-status">
          {t(`statuses.${contract.status}`, { defaultValue: contract.status })}
        </Badge>
        <Badge size="lg" variant="outline">{t(`kinds.${contract.kind}`, { defaultValue: contract.kind })}</Badge>
      </Group>
      <Workflow status={contract.status} />

      {inForce && notice.level === "past" && contract.noticeDeadline && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {t("deadline.noticePast", { date: formatDate(contract.noticeDeadline, lang) })}
        </Alert>
      )}
      {inForce && notice.level === "soon" && contract.noticeDeadline && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} data-testid="notice-alert">
          {t("deadline.noticeAlert", { date: formatDate(contract.noticeDeadline, lang), when: relative(notice.days) })}
        </Alert>
      )}
      {inForce && (end.level === "soon" || end.level === "past") && contract.endDate && (
        <Alert color={end.level === "past" ? "red" : "orange"} icon={<IconAlertTriangle aria-hidden />}>
          {t("deadline.endAlert", { date: formatDate(contract.endDate, lang), when: relative(end.days) })}
        </Alert>
      )}

      <Paper withBorder p="md" aria-labelledby="contract-details">
        <Title order={2} size="h4" id="contract-details" mb="sm">{t("details")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Fact label={t("counterparty")}>{contract.counterparty}</Fact>
          <Fact label={t("value")}>{formatMoney(contract.value, contract.currency, lang)}</Fact>
          <Fact label={t("startDate")}>{contract.startDate ? formatDate(contract.startDate, lang) : t("noDate")}</Fact>
          <Fact label={t("endDate")}><DeadlineDate date={contract.endDate} status={contract.status} today={today} testId="end-date" /></Fact>
          <Fact label={t("noticeDeadline")}>
            <DeadlineDate date={contract.noticeDeadline} status={contract.status} today={today} testId="notice-deadline" />
          </Fact>
          <Fact label={t("noticeDays")}>{contract.noticeDays}</Fact>
        </SimpleGrid>
        {contract.renewalTerms && <Fact label={t("renewalTerms")}><Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{contract.renewalTerms}</Text></Fact>}
      </Paper>

      {manage && nextContractStatuses(contract.status).length > 0 && <StatusActions id={contract.id} status={contract.status} />}

      <Versions contract={contract} manage={manage} />

      <Paper withBorder p="md" aria-labelledby="contract-review">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="contract-review">{t("review")}</Title>
          {contract.reviews.length > 0 && <Text size="sm" c="dimmed" data-testid="review-progress">{t("progress", reviewProgress(contract.reviews))}</Text>}
        </Group>
        {contract.status === "draft" && contract.reviews.some((r) => r.decision === "changes") && (
          <Alert color="orange" mb="sm">{t("backToDraft")}</Alert>
        )}
        {contract.reviews.length === 0 && <Text size="sm" c="dimmed">{t("noReviews")}</Text>}
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} data-testid="reviews">
          {contract.reviews.map((r) => (
            <li key={r.reviewerId}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>{nameOf(r.reviewerId)}</Text>
                <Badge color={DECISION_COLOURS[r.decision] ?? "gray"} variant="light">{t(`decisions.${r.decision}`, { defaultValue: r.decision })}</Badge>
              </Group>
              {r.comment && <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>“{r.comment}”</Text>}
            </li>
          ))}
        </Stack>
        {manage && contract.status === "draft" && <RequestReview id={contract.id} current={contract.reviews.map((r) => r.reviewerId)} />}
        {myPendingReview(contract.reviews, contract.status, me?.id) && <Decide id={contract.id} />}
      </Paper>
    </Page>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      {typeof children === "string" || typeof children === "number" ? <Text size="sm">{children}</Text> : children}
    </Stack>
  );
}

function Versions({ contract, manage }: {
  contract: { id: string; status: string; versions: readonly { version: number; name: string; contentType: string; uploadedAt: string }[] };
  manage: boolean;
}) {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, addVersion] = useMutation(AddVersionDocument);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError(t("chooseFile"));
    setBusy(true);
    try {
      const result = await addVersion({ input: { contractId: contract.id, name: versionName(name, file), file: await fileToBase64(file) } });
      const payload = result.data?.addContractVersion;
      if (result.error || !payload || payload.userErrors.length) {
        return setError(messages(payload?.userErrors) || errorMessage(result.error, tc("common.error")));
      }
      const latest = payload.contract?.versions.at(-1)?.version ?? "";
      notifySaved(t("versionAdded", { version: latest }));
      setFile(null);
      setName("");
      setError(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" aria-labelledby="contract-versions">
      <Title order={2} size="h4" id="contract-versions" mb="sm">{t("versions")}</Title>
      {contract.versions.length === 0 ? <Text size="sm" c="dimmed">{t("noVersions")}</Text> : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid="versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("version")}</Table.Th><Table.Th>{t("file")}</Table.Th><Table.Th>{t("type")}</Table.Th><Table.Th>{t("uploaded")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...contract.versions].reverse().map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>v{v.version}</Table.Td><Table.Td>{v.name}</Table.Td><Table.Td>{v.contentType}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(v.uploadedAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {manage && (acceptsVersions(contract.status) ? (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" mt="sm" wrap="wrap">
            <FileInput label={t("chooseFile")} value={file} onChange={setFile} accept="application/pdf,image/png,image/jpeg" clearable w={320}
              error={error} data-testid="version-file" />
            <TextInput label={t("versionName")} value={name} onChange={(e) => setName(e.currentTarget.value)} w={240} />
            <Button type="submit" loading={busy} leftSection={<IconFileUpload size={16} aria-hidden />} data-testid="upload-version">{t("upload")}</Button>
          </Group>
        </form>
      ) : <Text size="xs" c="dimmed" mt="sm">{t("signedLocked")}</Text>)}
    </Paper>
  );
}

function RequestReview({ id, current }: { id: string; current: string[] }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const { can, me } = useSession();
  const [people] = useQuery({ query: PeopleDocument, pause: !can("core.user.read") });
  const [, request] = useMutation(RequestReviewDocument);
  const [reviewers, setReviewers] = useState<string[]>(current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = useMemo(() => {
    const list = (people.data?.users.nodes ?? []).map((u) => ({ value: u.id, label: u.id === me?.id ? t("me", { name: u.fullName }) : `${u.fullName} (${u.email})` }));
    if (me && !list.some((o) => o.value === me.id)) list.unshift({ value: me.id, label: t("me", { name: me.fullName }) });
    return list;
  }, [people.data, me, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reviewers.length) return setError(t("chooseReviewers"));
    setBusy(true);
    const result = await request({ input: { contractId: id, reviewerIds: reviewers } }).finally(() => setBusy(false));
    const payload = result.data?.requestContractReview;
    if (result.error || !payload || payload.userErrors.length) {
      return setError(messages(payload?.userErrors) || errorMessage(result.error, tc("common.error")));
    }
    setError(null);
    notifySaved(t("reviewRequested"));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="request-review">
      <Group align="flex-end" mt="md" wrap="wrap">
        <MultiSelect label={t("reviewers")} data={options} value={reviewers} onChange={setReviewers} searchable w={360}
          error={error} comboboxProps={{ withinPortal: true }} data-testid="reviewers" />
        <Button type="submit" loading={busy} leftSection={<IconSend size={16} aria-hidden />} data-testid="send-to-review">{t("sendToReview")}</Button>
      </Group>
    </form>
  );
}

function Decide({ id }: { id: string }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, decide] = useMutation(DecideDocument);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(approve: boolean) {
    if (!approve && !comment.trim()) return setError(t("commentNeeded"));
    setBusy(true);
    const result = await decide({ input: { contractId: id, approve, comment } }).finally(() => setBusy(false));
    const payload = result.data?.reviewContract;
    if (result.error || !payload || payload.userErrors.length) {
      const { byField, general } = splitUserErrors(payload?.userErrors, ["comment"]);
      return setError(byField.comment || general.join(" ") || errorMessage(result.error, tc("common.error")));
    }
    setError(null);
    notifySaved(approve ? t("approvedMsg") : t("changesMsg"));
  }

  return (
    <Paper withBorder p="sm" mt="md" bg="blue.0" component="form" onSubmit={(e: FormEvent) => { e.preventDefault(); void send(true); }}
      aria-labelledby="your-decision" data-testid="decision-form">
      <Title order={3} size="h5" id="your-decision" mb="xs">{t("yourDecision")}</Title>
      <Textarea label={t("comment")} description={t("commentHint")} autosize minRows={2} value={comment} error={error}
        onChange={(e) => { setComment(e.currentTarget.value); setError(null); }} data-testid="review-comment" />
      <Group mt="sm">
        <Button type="submit" color="teal" loading={busy} leftSection={<IconCheck size={16} aria-hidden />} data-testid="approve">{t("approve")}</Button>
        <Button variant="outline" color="orange" disabled={busy} onClick={() => void send(false)} data-testid="request-changes">{t("requestChanges")}</Button>
      </Group>
    </Paper>
  );
}

function StatusActions({ id, status }: { id: string; status: string }) {
  const { t } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, move] = useMutation(MoveDocument);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  async function go(next: string) {
    setBusy(true);
    const result = await move({ input: { contractId: id, status: next } }).finally(() => setBusy(false));
    const payload = result.data?.setContractStatus;
    if (result.error || !payload || payload.userErrors.length) {
      return notifyError(messages(payload?.userErrors) || errorMessage(result.error, tc("common.error")));
    }
    setConfirm(false);
    notifySaved(t("moved", { status: t(`statuses.${next}`) }));
  }

  return (
    <Group data-testid="status-actions">
      {nextContractStatuses(status).map((next) => (
        <Button key={next} loading={busy} variant={next === "terminated" ? "outline" : "filled"} color={next === "terminated" ? "red" : undefined}
          onClick={() => (next === "terminated" ? setConfirm(true) : void go(next))}>
          {t(`move.${next}`)}
        </Button>
      ))}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t("confirmTerminate")}>
        <Text size="sm" mb="md">{t("confirmTerminateBody")}</Text>
        <Group>
          <Button color="red" loading={busy} onClick={() => void go("terminated")}>{t("move.terminated")}</Button>
          <Button variant="default" onClick={() => setConfirm(false)}>{t("keep")}</Button>
        </Group>
      </Modal>
    </Group>
  );
}
