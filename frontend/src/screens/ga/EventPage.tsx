import {
  ActionIcon, Alert, Anchor, Button, Center, Checkbox, Group, Loader, Modal, MultiSelect, Paper, Progress,
  SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title,
} from "@mantine/core";
import { IconArrowLeft, IconEdit, IconPlus, IconTrash, IconUserMinus } from "@tabler/icons-react";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery, type CombinedError } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { GaCompanyEventQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import EventForm from "./EventForm";
import { RSVP_COLOURS, checklistOrder, isOverdue, rsvpCounts, taskProgress, whenOf } from "./events";
import { useMembers } from "./members";
import { EVENT_TEXTS } from "./texts";
import { localDate } from "./time";

const EventDocument = graphql(`
  query GaCompanyEvent($id: ID!) {
    companyEvent(id: $id) {
      id name description startsAt endsAt venue bookingId budget currency status organiserId myRsvp
      room { id name capacity building { name } floor { name } }
      participants { userId rsvp respondedAt }
      rsvpSummary { rsvp count }
      tasks { id title ownerId dueOn done doneAt }
    }
  }
`);
const CancelDocument = graphql(`
  mutation GaCancelCompanyEvent($id: ID!) {
    cancelCompanyEvent(id: $id) { companyEvent { id status } userErrors { field message code } }
  }
`);
const RespondDocument = graphql(`
  mutation GaRespondToCompanyEvent($input: CompanyEventRsvpInput!) {
    respondToCompanyEvent(input: $input) { companyEvent { id myRsvp } userErrors { field message code } }
  }
`);
const InviteDocument = graphql(`
  mutation GaInviteToCompanyEvent($input: CompanyEventInviteInput!) {
    inviteToCompanyEvent(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const UninviteDocument = graphql(`
  mutation GaUninviteFromCompanyEvent($input: CompanyEventUninviteInput!) {
    uninviteFromCompanyEvent(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const AddTaskDocument = graphql(`
  mutation GaAddCompanyEventTask($input: CompanyEventTaskInput!) {
    addCompanyEventTask(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const UpdateTaskDocument = graphql(`
  mutation GaUpdateCompanyEventTask($input: UpdateCompanyEventTaskInput!) {
    updateCompanyEventTask(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const TaskDoneDocument = graphql(`
  mutation GaSetCompanyEventTaskDone($input: CompanyEventTaskDoneInput!) {
    setCompanyEventTaskDone(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const RemoveTaskDocument = graphql(`
  mutation GaRemoveCompanyEventTask($id: ID!) {
    removeCompanyEventTask(id: $id) { companyEvent { id } userErrors { field message code } }
  }
`);

type CompanyEvent = GaCompanyEventQuery["companyEvent"];
type Task = CompanyEvent["tasks"][number];
type Outcome = { error?: CombinedError; userErrors?: readonly { field?: readonly string[] | null; message: string; code: string }[] };

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text component="div" data-testid={testId}>{children || "—"}</Text>
    </Stack>
  );
}

/** One company event: when and where (the room booked as its venue), the budget, who comes, and the task checklist. */
export default function EventPage({ id, basePath }: { id: string; basePath: string }) {
  const { t, i18n } = useBundle("ga-events", EVENT_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { me, can } = useSession();
  const manage = can("ga.event.manage");
  const members = useMembers();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EventDocument, variables: { id } });
  const [, cancelEvent] = useMutation(CancelDocument);
  const [, respond] = useMutation(RespondDocument);
  const [, invite] = useMutation(InviteDocument);
  const [, uninvite] = useMutation(UninviteDocument);
  const [, addTask] = useMutation(AddTaskDocument);
  const [, updateTask] = useMutation(UpdateTaskDocument);
  const [, taskDone] = useMutation(TaskDoneDocument);
  const [, removeTask] = useMutation(RemoveTaskDocument);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [inviting, setInviting] = useState<string[]>([]);
  const [task, setTask] = useState({ title: "", ownerId: null as string | null, dueOn: "" });
  const [taskErrors, setTaskErrors] = useState<Record<string, string>>({});
  const [editingTask, setEditingTask] = useState<{ id: string; title: string; ownerId: string | null; dueOn: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // A ticked box shows ticked at once; the server's answer (or a refusal) settles it.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [answering, setAnswering] = useState<string | null>(null);
  useEffect(() => {
    setTicked({});
    setAnswering(null);
  }, [data]);

  const event = data?.companyEvent;
  if (fetching && !event) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!event) {
    return <Page title={t("title")} error={error}>{!error && <Alert color="yellow">{tc("resource.notFound")}</Alert>}</Page>;
  }

  const planned = event.status === "planned";
  const today = localDate(new Date());
  const reload = () => refetch({ requestPolicy: "network-only" });
  const person = (userId: string | null | undefined) => (userId && me && userId === me.id ? t("you") : members.name(userId)) || t("member");
  const invited = new Set(event.participants.map((p) => p.userId));
  const inviteOptions = members.options.filter((o) => !invited.has(o.value));
  const progress = taskProgress(event.tasks);
  const when = `${formatDateTime(event.startsAt, lang)} – ${formatDateTime(event.endsAt, lang)}`;

  function done(outcome: Outcome, message: string): boolean {
    if (outcome.error || outcome.userErrors?.length) {
      notifyError(outcome.error ? errorMessage(outcome.error, tc("common.error")) : outcome.userErrors!.map((e) => e.message).join(" "));
      return false;
    }
    notifySaved(message);
    reload();
    return true;
  }

  async function confirmCancel() {
    const result = await cancelEvent({ id: event!.id });
    setCancelling(false);
    done({ error: result.error, userErrors: result.data?.cancelCompanyEvent.userErrors }, t("cancelledMsg"));
  }

  async function answer(rsvp: string) {
    setBusy("rsvp");
    setAnswering(rsvp);
    const result = await respond({ input: { id: event!.id, rsvp } });
    setBusy(null);
    if (result.error || result.data?.respondToCompanyEvent.userErrors.length) setAnswering(null);
    done({ error: result.error, userErrors: result.data?.respondToCompanyEvent.userErrors }, t("answered"));
  }

  async function sendInvites() {
    if (!inviting.length) return;
    setBusy("invite");
    const result = await invite({ input: { id: event!.id, userIds: inviting } });
    setBusy(null);
    if (done({ error: result.error, userErrors: result.data?.inviteToCompanyEvent.userErrors }, t("invited"))) setInviting([]);
  }

  async function removeParticipant(userId: string) {
    const result = await uninvite({ input: { id: event!.id, userId } });
    done({ error: result.error, userErrors: result.data?.uninviteFromCompanyEvent.userErrors }, t("uninvited"));
  }

  async function submitTask(e: FormEvent) {
    e.preventDefault();
    if (!task.title.trim()) {
      setTaskErrors({ title: tc("common.required") });
      return;
    }
    setBusy("task");
    const result = await addTask({
      input: { companyEventId: event!.id, title: task.title.trim(), ownerId: task.ownerId, dueOn: task.dueOn || null },
    });
    setBusy(null);
    if (result.error) {
      notifyError(errorMessage(result.error, tc("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(result.data?.addCompanyEventTask.userErrors, ["title", "ownerId", "dueOn"]);
    setTaskErrors(byField);
    if (general.length) notifyError(general.join(" "));
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("taskAdded"));
    setTask({ title: "", ownerId: null, dueOn: "" });
    reload();
  }

  async function toggle(item: Task, value: boolean) {
    setBusy(item.id);
    setTicked((x) => ({ ...x, [item.id]: value }));
    const result = manage
      ? await updateTask({ input: { id: item.id, done: value } }).then((r) => ({ error: r.error, userErrors: r.data?.updateCompanyEventTask.userErrors }))
      : await taskDone({ input: { id: item.id, done: value } }).then((r) => ({ error: r.error, userErrors: r.data?.setCompanyEventTaskDone.userErrors }));
    setBusy(null);
    if (!done(result, value ? t("taskDone") : t("taskReopened"))) setTicked((x) => ({ ...x, [item.id]: item.done }));
  }

  async function saveTask(e: FormEvent) {
    e.preventDefault();
    if (!editingTask) return;
    if (!editingTask.title.trim()) {
      setTaskErrors({ editTitle: tc("common.required") });
      return;
    }
    const result = await updateTask({
      input: {
        id: editingTask.id, title: editingTask.title.trim(), ownerId: editingTask.ownerId, clearOwner: !editingTask.ownerId,
        dueOn: editingTask.dueOn || null,
      },
    });
    if (done({ error: result.error, userErrors: result.data?.updateCompanyEventTask.userErrors }, t("taskSaved"))) setEditingTask(null);
  }

  async function deleteTask(item: Task) {
    const result = await removeTask({ id: item.id });
    done({ error: result.error, userErrors: result.data?.removeCompanyEventTask.userErrors }, t("taskRemoved"));
  }

  const place = [event.room ? `${event.room.name}${event.room.building ? `, ${event.room.building.name}` : ""}` : "", event.venue]
    .filter(Boolean).join(" · ");

  return (
    <Page title={event.name} error={error}
      actions={<Anchor component={Link} to={basePath}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("back")}</Group></Anchor>}>
      <Paper withBorder p="md" component="section" aria-label={t("about")}>
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <StatusBadge size="lg" color={planned ? "teal" : "gray"} data-testid="event-status">{t(`status.${event.status}`)}</StatusBadge>
            {manage && planned && !editing && (
              <Group gap="xs">
                <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>{t("edit")}</Button>
                <Button variant="default" color="red" onClick={() => setCancelling(true)}>{t("cancelEvent")}</Button>
              </Group>
            )}
          </Group>
          {editing ? (
            <EventForm id={event.id} onCancel={() => setEditing(false)}
              onSaved={() => { setEditing(false); notifySaved(t("saved")); reload(); }}
              initial={{
                ...whenOf(event.startsAt, event.endsAt), name: event.name, description: event.description, roomId: event.room?.id ?? null,
                venue: event.venue, budget: event.budget, currency: event.currency,
              }} />
          ) : (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <Fact label={t("when")} testId="event-when">{when}</Fact>
              <Fact label={t("where")} testId="event-venue">
                {place}
                {event.bookingId && <StatusBadge ml={6} size="xs">{t("roomBooked")}</StatusBadge>}
              </Fact>
              <Fact label={t("budget")} testId="event-budget">{formatMoney(event.budget, event.currency, lang)}</Fact>
              <Fact label={t("organiser")}>{event.organiserId ? person(event.organiserId) : ""}</Fact>
              {event.description && <Fact label={t("description")}>{event.description}</Fact>}
            </SimpleGrid>
          )}
        </Stack>
      </Paper>

      {event.myRsvp !== null && event.myRsvp !== undefined && (
        <Paper withBorder p="md" component="section" aria-labelledby="my-answer">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4" id="my-answer">{t("yourAnswer")}</Title>
            <SegmentedControl aria-labelledby="my-answer" value={answering ?? event.myRsvp} disabled={!planned}
              onChange={(v) => void answer(v)} data-testid="my-rsvp"
              data={["accepted", "tentative", "declined"].map((r) => ({ value: r, label: t(`rsvp.${r}`) }))
                .concat(event.myRsvp === "pending" ? [{ value: "pending", label: t("rsvp.pending") }] : [])} />
          </Group>
        </Paper>
      )}

      <Stack gap="xs" component="section" aria-labelledby="event-participants">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="event-participants">{t("participants")}</Title>
          <Group gap={6} data-testid="rsvp-summary" aria-label={t("answers")} role="group">
            {rsvpCounts(event.rsvpSummary).map((c) => (
              <StatusBadge key={c.rsvp} color={RSVP_COLOURS[c.rsvp]}>{t(`rsvp.${c.rsvp}`)}: {c.count}</StatusBadge>
            ))}
          </Group>
        </Group>
        {event.participants.length === 0 ? (
          <Text c="dimmed">{t("noParticipants")}</Text>
        ) : (
          <ScrollTable minWidth={480} label={t("participants")}>
            <Table striped data-testid="participants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("participant")}</Table.Th><Table.Th>{t("answer")}</Table.Th><Table.Th>{t("answeredAt")}</Table.Th>
                  {manage && planned && <Table.Th>{tc("common.actions")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {event.participants.map((p) => (
                  <Table.Tr key={p.userId}>
                    <Table.Td>{person(p.userId)}</Table.Td>
                    <Table.Td><StatusBadge color={RSVP_COLOURS[p.rsvp] ?? "gray"}>{t(`rsvp.${p.rsvp}`, { defaultValue: p.rsvp })}</StatusBadge></Table.Td>
                    <Table.Td>{formatDateTime(p.respondedAt, lang)}</Table.Td>
                    {manage && planned && (
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={t("uninviteOf", { name: person(p.userId) })}
                          onClick={() => void removeParticipant(p.userId)}>
                          <IconUserMinus size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {manage && planned && (members.available ? (
          <Group align="flex-end" wrap="wrap">
            <MultiSelect label={t("invite")} data={inviteOptions} value={inviting} onChange={setInviting} searchable clearable
              w={{ base: "100%", sm: 420 }} nothingFoundMessage={t("everyoneInvited")} comboboxProps={{ withinPortal: true }} />
            <Button onClick={() => void sendInvites()} loading={busy === "invite"} disabled={!inviting.length}>{t("sendInvites")}</Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">{t("noMemberList")}</Text>
        ))}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="event-tasks">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="event-tasks">{t("tasks")}</Title>
          {progress.total > 0 && (
            <Group gap="xs" w={{ base: "100%", xs: 260 }} wrap="nowrap">
              <Progress value={progress.percent} flex={1} aria-label={t("progress", progress)} color="teal" />
              <Text size="sm" data-testid="task-progress" style={{ whiteSpace: "nowrap" }}>{t("progress", progress)}</Text>
            </Group>
          )}
        </Group>
        {event.tasks.length === 0 ? (
          <Text c="dimmed">{t("noTasks")}</Text>
        ) : (
          <ScrollTable minWidth={560} label={t("tasks")}>
            <Table data-testid="event-tasks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("task")}</Table.Th><Table.Th>{t("owner")}</Table.Th><Table.Th>{t("dueOn")}</Table.Th>
                  {manage && planned && <Table.Th>{tc("common.actions")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checklistOrder(event.tasks).map((item) => {
                  const mine = Boolean(me && item.ownerId === me.id);
                  const overdue = isOverdue(item, today);
                  return (
                    <Table.Tr key={item.id} data-testid="event-task" data-done={item.done ? "true" : "false"}>
                      <Table.Td>
                        <Checkbox label={item.title} checked={ticked[item.id] ?? item.done} disabled={!planned || !(manage || mine)}
                          onChange={(e) => void toggle(item, e.currentTarget.checked)}
                          description={item.doneAt ? t("doneAt", { when: formatDateTime(item.doneAt, lang) }) : undefined}
                          styles={{ label: { textDecoration: item.done ? "line-through" : undefined } }} />
                      </Table.Td>
                      <Table.Td>{item.ownerId ? person(item.ownerId) : <Text span c="dimmed" size="sm">{t("noOwner")}</Text>}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {item.dueOn && <Text span size="sm" c={overdue ? "red.9" : undefined} fw={overdue ? 600 : undefined}>{formatDate(item.dueOn, lang)}</Text>}
                        {overdue && <StatusBadge ml={6} size="xs" color="red">{t("overdue")}</StatusBadge>}
                      </Table.Td>
                      {manage && planned && (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <ActionIcon variant="subtle" aria-label={t("editTaskOf", { title: item.title })}
                              onClick={() => { setTaskErrors({}); setEditingTask({ id: item.id, title: item.title, ownerId: item.ownerId ?? null, dueOn: item.dueOn ?? "" }); }}>
                              <IconEdit size={16} aria-hidden />
                            </ActionIcon>
                            <ActionIcon variant="subtle" color="red" aria-label={t("removeTaskOf", { title: item.title })} onClick={() => void deleteTask(item)}>
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {manage && planned && (
          <Paper withBorder p="md">
            <form onSubmit={submitTask} noValidate data-testid="task-form" aria-labelledby="add-task">
              <Stack gap="sm">
                <Title order={3} size="h5" id="add-task">{t("addTask")}</Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput label={t("task")} required value={task.title} error={taskErrors.title}
                    onChange={(e) => { const v = e.currentTarget.value; setTask((x) => ({ ...x, title: v })); setTaskErrors({}); }} />
                  <Select label={t("owner")} data={members.options} value={task.ownerId} clearable searchable error={taskErrors.ownerId}
                    disabled={!members.available} onChange={(v) => setTask((x) => ({ ...x, ownerId: v }))} comboboxProps={{ withinPortal: true }} />
                  <TextInput label={t("dueOn")} type="date" value={task.dueOn} error={taskErrors.dueOn}
                    onChange={(e) => { const v = e.currentTarget.value; setTask((x) => ({ ...x, dueOn: v })); }} />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={busy === "task"} leftSection={<IconPlus size={16} aria-hidden />}>{t("addTask")}</Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>

      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t("cancelTitle")}>
        <Stack>
          <Text size="sm">{t("cancelBody", { name: event.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)} data-autofocus>{t("keep")}</Button>
            <Button color="red" onClick={() => void confirmCancel()}>{t("cancelEvent")}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={editingTask !== null} onClose={() => setEditingTask(null)} title={t("editTask")}>
        {editingTask && (
          <form onSubmit={saveTask} noValidate>
            <Stack>
              <TextInput label={t("task")} required value={editingTask.title} error={taskErrors.editTitle} data-autofocus
                onChange={(e) => { const v = e.currentTarget.value; setEditingTask((x) => x && { ...x, title: v }); }} />
              <Select label={t("owner")} data={members.options} value={editingTask.ownerId} clearable searchable disabled={!members.available}
                onChange={(v) => setEditingTask((x) => x && { ...x, ownerId: v })} comboboxProps={{ withinPortal: true }} />
              <TextInput label={t("dueOn")} type="date" value={editingTask.dueOn}
                onChange={(e) => { const v = e.currentTarget.value; setEditingTask((x) => x && { ...x, dueOn: v }); }} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditingTask(null)}>{tc("common.cancel")}</Button>
                <Button type="submit">{tc("common.save")}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
