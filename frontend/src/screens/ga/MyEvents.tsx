import { Anchor, Checkbox, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import { formatDate, formatDateTime } from "../../lib/format";
import EventPage from "./EventPage";
import { RSVP_COLOURS, checklistOrder, isOverdue } from "./events";
import { EVENT_TEXTS } from "./texts";
import { localDate } from "./time";

const MyEventsDocument = graphql(`
  query GaMyCompanyEvents {
    myCompanyEvents {
      id name startsAt endsAt venue status myRsvp
      room { id name building { name } }
      tasks { id title ownerId dueOn done }
    }
  }
`);
const RespondDocument = graphql(`
  mutation GaAnswerInvitation($input: CompanyEventRsvpInput!) {
    respondToCompanyEvent(input: $input) { companyEvent { id myRsvp } userErrors { field message code } }
  }
`);
const TaskDoneDocument = graphql(`
  mutation GaTickOwnEventTask($input: CompanyEventTaskDoneInput!) {
    setCompanyEventTaskDone(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);

const BASE = "/me/events";

/** The events I am invited to: answer each invitation, tick off tasks I own; below /me/events/<id> one event. */
export default function MyEvents() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest) return <EventPage key={rest} id={decodeURIComponent(rest)} basePath={BASE} />;
  return <Invitations />;
}

function Invitations() {
  const { t, i18n } = useBundle("ga-events", EVENT_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { me } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyEventsDocument });
  const [, respond] = useMutation(RespondDocument);
  const [, taskDone] = useMutation(TaskDoneDocument);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [answers, setAnswers] = useState<Record<string, string>>({});
  useEffect(() => {
    setTicked({});
    setAnswers({});
  }, [data]);
  const events = data?.myCompanyEvents ?? [];
  const today = localDate(new Date());

  async function run(action: () => Promise<{ error?: Parameters<typeof errorMessage>[0]; errors: readonly { message: string }[] }>, message: string) {
    const { error: failure, errors } = await action();
    if (failure || errors.length) {
      notifyError(failure ? errorMessage(failure, tc("common.error")) : errors.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(message);
    refetch({ requestPolicy: "network-only" });
  }

  const answer = (id: string, rsvp: string) => {
    setAnswers((x) => ({ ...x, [id]: rsvp }));
    return run(async () => {
      const r = await respond({ input: { id, rsvp } });
      const errors = r.data?.respondToCompanyEvent.userErrors ?? [];
      if (r.error || errors.length) setAnswers((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== id)));
      return { error: r.error, errors };
    }, t("answered"));
  };
  const tick = (id: string, done: boolean) => {
    setTicked((x) => ({ ...x, [id]: done }));
    return run(async () => {
      const r = await taskDone({ input: { id, done } });
      const errors = r.data?.setCompanyEventTaskDone.userErrors ?? [];
      if (r.error || errors.length) setTicked((x) => ({ ...x, [id]: !done }));
      return { error: r.error, errors };
    }, done ? t("taskDone") : t("taskReopened"));
  };

  return (
    <Page title={t("myTitle")} error={error}>
      {!fetching && events.length === 0 && <Text c="dimmed">{t("noInvitations")}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {events.map((e) => {
          const myTasks = checklistOrder(e.tasks.filter((task) => me && task.ownerId === me.id));
          const planned = e.status === "planned";
          return (
            <Paper key={e.id} withBorder p="md" component="article" aria-labelledby={`event-${e.id}`} data-testid="my-event">
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Title order={2} size="h4" id={`event-${e.id}`}>
                      <Anchor component={Link} to={`${BASE}/${encodeURIComponent(e.id)}`} inherit>{e.name}</Anchor>
                    </Title>
                    <Text size="sm">{formatDateTime(e.startsAt, lang)} – {formatDateTime(e.endsAt, lang)}</Text>
                    <Text size="sm" c="dimmed">
                      {[e.room ? `${e.room.name}${e.room.building ? `, ${e.room.building.name}` : ""}` : "", e.venue].filter(Boolean).join(" · ")}
                    </Text>
                  </Stack>
                  {!planned && <StatusBadge color="gray">{t("status.cancelled")}</StatusBadge>}
                  {planned && e.myRsvp && <StatusBadge color={RSVP_COLOURS[e.myRsvp] ?? "gray"}>{t(`rsvp.${e.myRsvp}`)}</StatusBadge>}
                </Group>
                {planned && (
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" id={`answer-${e.id}`}>{t("yourAnswer")}</Text>
                    <SegmentedControl size="xs" aria-labelledby={`answer-${e.id}`} value={answers[e.id] ?? e.myRsvp ?? "pending"} onChange={(v) => void answer(e.id, v)}
                      data={["accepted", "tentative", "declined"].map((r) => ({ value: r, label: t(`rsvp.${r}`) }))
                        .concat(e.myRsvp === "pending" || !e.myRsvp ? [{ value: "pending", label: t("rsvp.pending") }] : [])} />
                  </Group>
                )}
                {myTasks.length > 0 && (
                  <Stack gap={4} role="group" aria-label={t("myTasks")}>
                    <Text size="sm" fw={600}>{t("myTasks")}</Text>
                    {myTasks.map((task) => (
                      <Checkbox key={task.id} label={task.title} checked={ticked[task.id] ?? task.done} disabled={!planned}
                        onChange={(ev) => void tick(task.id, ev.currentTarget.checked)}
                        description={task.dueOn ? `${t("dueOn")}: ${formatDate(task.dueOn, lang)}${isOverdue(task, today) ? ` (${t("overdue")})` : ""}` : undefined} />
                    ))}
                  </Stack>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Page>
  );
}
