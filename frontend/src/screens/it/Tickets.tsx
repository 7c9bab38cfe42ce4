import {
  Alert, Anchor, Badge, Button, Group, Modal, Paper, Rating, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table,
  Text, Textarea, TextInput, Title, VisuallyHidden,
} from "@mantine/core";
import { IconArrowLeft, IconLock, IconPaperclip, IconPlus, IconUserCheck } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from "react";
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
import { formatDateTime } from "../../lib/format";
import {
  CATEGORIES, conversation, IMPACTS, isOpen, isSendShortcut, nextStatuses, PRIORITIES, relativeMinutes, slaState, STATUSES,
  type SlaLevel,
} from "./tickets";
import { IT_TEXTS } from "./texts";

const QueueDocument = graphql(`
  query ItTicketQueue($status: String, $breached: Boolean, $assigneeId: ID, $after: String) {
    tickets(first: 25, after: $after, status: $status, breached: $breached, assigneeId: $assigneeId) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id number subject category priority status breached createdAt resolutionDueAt resolvedAt }
    }
  }
`);
const MineDocument = graphql(`
  query ItMyTickets($after: String) {
    myTickets(first: 25, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id number subject category priority status breached createdAt resolutionDueAt resolvedAt }
    }
  }
`);
const TicketDocument = graphql(`
  query ItTicket($id: ID!) {
    ticket(id: $id) {
      id number subject description category priority impact status breached satisfaction
      createdAt responseDueAt resolutionDueAt firstResponseAt resolvedAt
      attachments { id name contentType size }
      messages { id body internal authorId createdAt }
    }
  }
`);
const PeopleDocument = graphql(`
  query ItPeople { users(first: 100, includeInactive: true) { nodes { id fullName } } }
`);
const CreateDocument = graphql(`
  mutation ItCreateTicket($input: TicketInput!) {
    createTicket(input: $input) { ticket { id number } userErrors { field message code } }
  }
`);
const ReplyDocument = graphql(`
  mutation ItReplyToTicket($input: TicketReplyInput!) {
    replyToTicket(input: $input) {
      ticket { id status firstResponseAt messages { id body internal authorId createdAt } }
      userErrors { field message code }
    }
  }
`);
const UpdateDocument = graphql(`
  mutation ItUpdateTicket($input: UpdateTicketInput!) {
    updateTicket(input: $input) {
      ticket { id status priority responseDueAt resolutionDueAt firstResponseAt resolvedAt breached }
      userErrors { field message code }
    }
  }
`);
const CloseDocument = graphql(`
  mutation ItCloseTicket($input: CloseTicketInput!) {
    closeTicket(input: $input) { ticket { id status satisfaction } userErrors { field message code } }
  }
`);

type View = "queue" | "assigned" | "mine";
type Row = { id: string; number: number; subject: string; category: string; priority: string; status: string; breached: boolean;
  createdAt: string; resolutionDueAt: string; resolvedAt?: string | null };

const STATUS_COLOURS: Record<string, string> = { new: "blue", in_progress: "violet", waiting: "yellow", resolved: "teal", closed: "gray" };
const PRIORITY_COLOURS: Record<string, string> = { low: "gray", medium: "blue", high: "orange", urgent: "red" };
const SLA_COLOURS: Record<SlaLevel, string> = { met: "teal", missed: "red", overdue: "red", soon: "orange", ok: "gray" };

/** The time now, renewed every minute (SLA clocks). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The helpdesk: ticket lists (queue, assigned, mine) and a ticket's conversation. Answers /it/tickets and /me/tickets. */
export default function Tickets() {
  const location = useLocation();
  const base = location.pathname.startsWith("/it/tickets") ? "/it/tickets" : "/me/tickets";
  const rest = location.pathname.slice(base.length).replace(/^\/+|\/+$/g, "");
  if (rest) return <TicketPage key={rest} base={base} id={decodeURIComponent(rest)} />;
  return <TicketList base={base} />;
}

function SlaBadge({ dueAt, doneAt, breached, now }: { dueAt: string; doneAt?: string | null; breached?: boolean; now: Date }) {
  const { t, i18n } = useBundle("it", IT_TEXTS);
  const state = slaState(dueAt, now, doneAt);
  const level: SlaLevel = breached && (state.level === "ok" || state.level === "soon") ? "overdue" : state.level;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" style={{ whiteSpace: "nowrap" }}>{formatDateTime(dueAt, i18n.language)}</Text>
      <Badge color={SLA_COLOURS[level]} variant="light" title={relativeMinutes(state.minutes, i18n.language)}>
        {doneAt ? t(`sla.${level}`) : `${t(`sla.${level}`)} · ${relativeMinutes(state.minutes, i18n.language)}`}
      </Badge>
    </Group>
  );
}

function TicketList({ base }: { base: string }) {
  const { t, i18n } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const { can, me } = useSession();
  const agent = can("it.ticket.handle") && base === "/it/tickets";
  const now = useNow();
  const [view, setView] = useState<View>(agent ? "queue" : "mine");
  const [status, setStatus] = useState<string | null>(null);
  const [breached, setBreached] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Row[]>([]);
  const [creating, setCreating] = useState(false);
  const [queue] = useQuery({
    query: QueueDocument, pause: view === "mine",
    variables: { status, breached: breached || null, assigneeId: view === "assigned" ? me?.id ?? null : null, after },
  });
  const [mine] = useQuery({ query: MineDocument, pause: view !== "mine", variables: { after } });
  const page = view === "mine" ? mine.data?.myTickets : queue.data?.tickets;
  const { fetching, error } = view === "mine" ? mine : queue;
  const rows = useMemo(() => [...earlier, ...(page?.nodes ?? [])], [earlier, page]);

  function restart() {
    setAfter(null);
    setEarlier([]);
  }

  return (
    <Page title={base === "/it/tickets" ? t("title") : t("myTitle")} error={error}
      actions={<Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="new-ticket">{t("newTicket")}</Button>}>
      <Group align="flex-end" wrap="wrap">
        {agent && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="ticket-view">{t("view")}</Text>
            <SegmentedControl aria-labelledby="ticket-view" value={view} data-testid="ticket-view"
              onChange={(v) => { setView(v as View); restart(); }}
              data={(["queue", "assigned", "mine"] as View[]).map((v) => ({ value: v, label: t(`views.${v}`) }))} />
          </Stack>
        )}
        {view !== "mine" && (
          <>
            <Select label={t("status")} placeholder={tc("common.all")} clearable w={200} value={status} comboboxProps={{ withinPortal: true }}
              data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              onChange={(v) => { setStatus(v); restart(); }} />
            <Switch label={t("onlyBreached")} checked={breached} onChange={(e) => { setBreached(e.currentTarget.checked); restart(); }} />
          </>
        )}
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-busy={fetching} data-testid="ticket-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("number")}</Table.Th><Table.Th>{t("subject")}</Table.Th><Table.Th>{t("category")}</Table.Th>
              <Table.Th>{t("priority")}</Table.Th><Table.Th>{t("status")}</Table.Th><Table.Th>{t("due")}</Table.Th>
              <Table.Th>{t("opened")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>#{row.number}</Table.Td>
                <Table.Td><Anchor component={Link} to={`${base}/${encodeURIComponent(row.id)}`}>{row.subject}</Anchor></Table.Td>
                <Table.Td>{t(`categories.${row.category}`, { defaultValue: row.category })}</Table.Td>
                <Table.Td><Badge color={PRIORITY_COLOURS[row.priority] ?? "gray"} variant="light">{t(`priorities.${row.priority}`, { defaultValue: row.priority })}</Badge></Table.Td>
                <Table.Td><Badge color={STATUS_COLOURS[row.status] ?? "gray"}>{t(`statuses.${row.status}`, { defaultValue: row.status })}</Badge></Table.Td>
                <Table.Td><SlaBadge dueAt={row.resolutionDueAt} doneAt={row.resolvedAt} breached={row.breached} now={now} /></Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(row.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {page && rows.length === 0 && <Text c="dimmed">{t("noTickets")}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{page ? tc("common.shown", { shown: rows.length, total: page.totalCount }) : ""}</Text>
        {page?.pageInfo.hasNextPage && (
          <Button variant="light" loading={fetching} onClick={() => { setEarlier(rows); setAfter(page.pageInfo.endCursor ?? null); }}>
            {tc("common.loadMore")}
          </Button>
        )}
      </Group>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("newTicket")} size="lg">
        {creating && <NewTicketForm base={base} />}
      </Modal>
    </Page>
  );
}

function NewTicketForm({ base }: { base: string }) {
  const { t } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [, create] = useMutation(CreateDocument);
  const [values, setValues] = useState({ subject: "", description: "", category: "problem", priority: "medium", impact: "single" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (field: keyof typeof values) => (value: string | null) => setValues((v) => ({ ...v, [field]: value ?? "" }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const result = await create({ input: values }).finally(() => setSaving(false));
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const payload = result.data?.createTicket;
    const { byField, general } = splitUserErrors(payload?.userErrors, Object.keys(values));
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (payload?.ticket && !general.length && !Object.keys(byField).length) {
      notifySaved(t("created", { number: payload.ticket.number }));
      navigate(`${base}/${encodeURIComponent(payload.ticket.id)}`);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="ticket-form">
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t("subject")} required value={values.subject} error={errors.subject} data-autofocus
          onChange={(e) => set("subject")(e.currentTarget.value)} />
        <Textarea label={t("description")} autosize minRows={3} value={values.description} error={errors.description}
          onChange={(e) => set("description")(e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t("category")} value={values.category} onChange={set("category")} allowDeselect={false} error={errors.category}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} comboboxProps={{ withinPortal: true }} />
          <Select label={t("priority")} value={values.priority} onChange={set("priority")} allowDeselect={false} error={errors.priority}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} comboboxProps={{ withinPortal: true }} />
          <Select label={t("impact")} value={values.impact} onChange={set("impact")} allowDeselect={false} error={errors.impact}
            data={IMPACTS.map((i) => ({ value: i, label: t(`impacts.${i}`) }))} comboboxProps={{ withinPortal: true }} />
        </SimpleGrid>
        <Button type="submit" loading={saving} data-testid="create-ticket">{tc("common.create")}</Button>
      </Stack>
    </form>
  );
}

function TicketPage({ base, id }: { base: string; id: string }) {
  const { t, i18n } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can, me } = useSession();
  const agent = can("it.ticket.handle");
  const now = useNow();
  const [{ data, fetching, error }] = useQuery({ query: TicketDocument, variables: { id } });
  const [people] = useQuery({ query: PeopleDocument, pause: !can("core.user.read") });
  const names = useMemo(() => new Map((people.data?.users.nodes ?? []).map((u) => [u.id, u.fullName])), [people.data]);
  const ticket = data?.ticket;
  const messages = useMemo(() => (ticket ? conversation(ticket, ticket.messages) : []), [ticket]);

  const back = (
    <Anchor component={Link} to={base}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("backToList")}</Group></Anchor>
  );
  if (!ticket) {
    return <Page title={fetching ? tc("app.loading") : tc("common.error")} error={error} actions={back}>{null}</Page>;
  }

  const author = (authorId: string | null | undefined, opening: boolean) => {
    if (opening) return t("requester");
    if (authorId && authorId === me?.id) return t("you");
    return (authorId && names.get(authorId)) || (agent ? t("someone") : t("staff"));
  };

  return (
    <Page title={`#${ticket.number} ${ticket.subject}`} error={error} actions={back}>
      <Group gap="xs">
        <Badge color={STATUS_COLOURS[ticket.status] ?? "gray"} size="lg" data-testid="ticket-status">
          {t(`statuses.${ticket.status}`, { defaultValue: ticket.status })}
        </Badge>
        <Badge color={PRIORITY_COLOURS[ticket.priority] ?? "gray"} variant="light" size="lg">
          {t("priority")}: {t(`priorities.${ticket.priority}`, { defaultValue: ticket.priority })}
        </Badge>
        <Badge variant="outline" size="lg">{t(`categories.${ticket.category}`, { defaultValue: ticket.category })}</Badge>
        <Badge variant="outline" size="lg">{t(`impacts.${ticket.impact}`, { defaultValue: ticket.impact })}</Badge>
        {ticket.breached && <Badge color="red" size="lg">{t("sla.breached")}</Badge>}
        {ticket.satisfaction && <Badge color="teal" variant="light" size="lg">{t("satisfaction", { rating: ticket.satisfaction })}</Badge>}
      </Group>

      <Paper withBorder p="md" aria-labelledby="sla-title">
        <Title order={2} size="h4" id="sla-title" mb="xs">{t("sla.title")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">{t("opened")}</Text>
            <Text size="sm">{formatDateTime(ticket.createdAt, lang)}</Text>
          </Stack>
          <Stack gap={2} data-testid="sla-response">
            <Text size="xs" c="dimmed">{t("sla.response")}</Text>
            <SlaBadge dueAt={ticket.responseDueAt} doneAt={ticket.firstResponseAt} breached={ticket.breached && !ticket.firstResponseAt} now={now} />
            {ticket.firstResponseAt && <Text size="xs" c="dimmed">{t("sla.answeredAt", { when: formatDateTime(ticket.firstResponseAt, lang) })}</Text>}
          </Stack>
          <Stack gap={2} data-testid="sla-resolution">
            <Text size="xs" c="dimmed">{t("sla.resolution")}</Text>
            <SlaBadge dueAt={ticket.resolutionDueAt} doneAt={ticket.resolvedAt} breached={ticket.breached} now={now} />
            {ticket.resolvedAt && <Text size="xs" c="dimmed">{t("sla.resolvedAt", { when: formatDateTime(ticket.resolvedAt, lang) })}</Text>}
          </Stack>
        </SimpleGrid>
      </Paper>

      {agent && <ManageTicket ticket={ticket} />}
      {ticket.status === "resolved" && (!agent || base === "/me/tickets") && <CloseTicket id={ticket.id} />}

      <Title order={2} size="h3">{t("conversation")}</Title>
      {agent && <Text size="sm" c="dimmed"><IconLock size={14} aria-hidden /> {t("internalHint")}</Text>}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: "none" }} data-testid="conversation" aria-label={t("conversation")}>
        {messages.map((m) => {
          const opening = "opening" in m;
          const own = !opening && m.authorId === me?.id;
          return (
            <Paper component="li" key={m.id} withBorder p="sm" radius="md" data-testid={m.internal ? "internal-note" : "message"}
              bg={m.internal ? "yellow.0" : own ? "blue.0" : "gray.0"}
              style={m.internal ? { borderStyle: "dashed", borderColor: "var(--mantine-color-yellow-6)" } : undefined}
              ml={own ? { base: 0, sm: "xl" } : undefined} mr={!own ? { base: 0, sm: "xl" } : undefined}>
              <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
                <Group gap={6}>
                  <Text size="sm" fw={600}>{author(m.authorId, opening)}</Text>
                  {m.internal && (
                    <Badge color="yellow" variant="filled" size="sm" leftSection={<IconLock size={12} aria-hidden />}>{t("internalNote")}</Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">{formatDateTime(m.createdAt, lang)}</Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{m.body}</Text>
            </Paper>
          );
        })}
      </Stack>
      {messages.length === 0 && <Text c="dimmed">{t("noMessages")}</Text>}
      {ticket.attachments.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">{t("attachments")}</Text>
          {ticket.attachments.map((a) => (
            <Group key={a.id} gap={6}><IconPaperclip size={14} aria-hidden /><Text size="sm">{a.name}</Text>
              <Text size="xs" c="dimmed">{Math.ceil(a.size / 1024)} KB</Text></Group>
          ))}
        </Stack>
      )}
      {ticket.status === "closed"
        ? <Alert color="gray">{t("closedNote")}</Alert>
        : <ReplyBox id={ticket.id} agent={agent} />}
    </Page>
  );
}

function ReplyBox({ id, agent }: { id: string; agent: boolean }) {
  const { t } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const [, reply] = useMutation(ReplyDocument);
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (!body.trim()) return setError(t("emptyMessage"));
    setSending(true);
    const result = await reply({ input: { id, body, internal: agent && internal } }).finally(() => setSending(false));
    const payload = result.data?.replyToTicket;
    if (result.error || !payload || payload.userErrors.length) {
      return setError(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(result.error, tc("common.error")));
    }
    setError(null);
    setBody("");
    notifySaved(internal ? t("noted") : t("sent"));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isSendShortcut(event)) {
      event.preventDefault();
      void send();
    }
  }

  const note = agent && internal;
  return (
    <Paper withBorder p="md" component="form" onSubmit={send} noValidate data-testid="reply-form"
      bg={note ? "yellow.0" : undefined} style={note ? { borderStyle: "dashed", borderColor: "var(--mantine-color-yellow-6)" } : undefined}>
      <Stack gap="sm">
        {agent && (
          <Group gap="sm">
            <Text size="sm" fw={500} id="reply-mode">{t("replyMode")}</Text>
            <SegmentedControl aria-labelledby="reply-mode" value={internal ? "note" : "reply"} data-testid="reply-mode"
              onChange={(v) => setInternal(v === "note")}
              data={[{ value: "reply", label: t("modeReply") }, { value: "note", label: t("modeNote") }]} />
          </Group>
        )}
        <Textarea label={note ? t("noteLabel") : t("replyLabel")} description={t("shortcut")} autosize minRows={3} value={body}
          error={error} onChange={(e) => { setBody(e.currentTarget.value); setError(null); }} onKeyDown={onKeyDown}
          data-testid="reply-body" />
        <Group>
          <Button type="submit" loading={sending} color={note ? "yellow" : undefined} leftSection={note ? <IconLock size={16} aria-hidden /> : undefined}
            data-testid="send-reply">
            {note ? t("addNote") : t("send")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ManageTicket({ ticket }: { ticket: { id: string; status: string; priority: string } }) {
  const { t } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const { me } = useSession();
  const [, update] = useMutation(UpdateDocument);
  const options = nextStatuses(ticket.status, { agent: true });
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState(ticket.priority);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setStatus(null); setPriority(ticket.priority); }, [ticket.status, ticket.priority]);

  async function send(input: { status?: string | null; priority?: string | null; assigneeId?: string | null }, done: string) {
    setBusy(true);
    const result = await update({ input: { id: ticket.id, ...input } }).finally(() => setBusy(false));
    const payload = result.data?.updateTicket;
    if (result.error || !payload || payload.userErrors.length) {
      return notifyError(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(result.error, tc("common.error")));
    }
    notifySaved(done);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const input: { status?: string; priority?: string } = {};
    if (status) input.status = status;
    if (priority !== ticket.priority) input.priority = priority;
    if (Object.keys(input).length) void send(input, t("updated"));
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="manage-title">
      <Title order={2} size="h4" id="manage-title" mb="xs">{t("manage")}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select label={t("newStatus")} placeholder={t(`statuses.${ticket.status}`)} w={220} value={status} clearable
          disabled={!options.length} data={options.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          onChange={setStatus} comboboxProps={{ withinPortal: true }} data-testid="new-status" />
        <Select label={t("changePriority")} w={180} value={priority} allowDeselect={false}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          onChange={(v) => v && setPriority(v)} comboboxProps={{ withinPortal: true }} />
        <Button type="submit" loading={busy} disabled={!status && priority === ticket.priority} data-testid="update-ticket">{t("update")}</Button>
        {isOpen(ticket.status) && me && (
          <Button variant="light" leftSection={<IconUserCheck size={16} aria-hidden />} disabled={busy}
            onClick={() => void send({ assigneeId: me.id }, t("assigned"))}>
            {t("assignToMe")}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function CloseTicket({ id }: { id: string }) {
  const { t } = useBundle("it", IT_TEXTS);
  const { t: tc } = useTranslation();
  const [, close] = useMutation(CloseDocument);
  const [rating, setRating] = useState(5);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await close({ input: { id, rating } }).finally(() => setBusy(false));
    const payload = result.data?.closeTicket;
    if (result.error || !payload || payload.userErrors.length) {
      return notifyError(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(result.error, tc("common.error")));
    }
    notifySaved(t("closedMsg"));
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} bg="teal.0">
      <Title order={2} size="h4">{t("closeTitle")}</Title>
      <Text size="sm" mb="xs">{t("closeHelp")}</Text>
      <Group align="center">
        <Stack gap={2}>
          <Text size="sm" id="rating-label">{t("rating")}</Text>
          <Rating value={rating} onChange={setRating} aria-labelledby="rating-label" />
          <VisuallyHidden aria-live="polite">{rating} / 5</VisuallyHidden>
        </Stack>
        <Button type="submit" loading={busy}>{t("closeTicket")}</Button>
      </Group>
    </Paper>
  );
}
