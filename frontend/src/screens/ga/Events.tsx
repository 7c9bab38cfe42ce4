import { Anchor, Button, Group, Paper, SegmentedControl, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useAllPages } from "../hr/paging";
import EventForm from "./EventForm";
import EventPage from "./EventPage";
import { rsvpCounts, taskProgress } from "./events";
import { EVENT_TEXTS } from "./texts";
import { addDays, localDate } from "./time";

const EventsDocument = graphql(`
  query GaCompanyEvents($since: DateTime, $status: String, $after: String) {
    companyEvents(since: $since, status: $status, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id name startsAt endsAt venue budget currency status
        room { id name }
        rsvpSummary { rsvp count }
        tasks { id done dueOn }
      }
    }
  }
`);

const BASE = "/ga/events";

/** General affairs' company events: the list, a new event, and (below /ga/events/<id>) one event. */
export default function Events() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest === "new") return <NewEvent />;
  if (rest) return <EventPage key={rest} id={decodeURIComponent(rest)} basePath={BASE} />;
  return <EventList />;
}

function NewEvent() {
  const { t } = useBundle("ga-events", EVENT_TEXTS);
  const navigate = useNavigate();
  const start = addDays(localDate(new Date()), 7);
  return (
    <Page title={t("newEvent")}>
      <Paper withBorder p="md">
        <EventForm id={null} onCancel={() => navigate(BASE)}
          onSaved={(id) => { notifySaved(t("created")); navigate(`${BASE}/${encodeURIComponent(id)}`); }}
          initial={{
            name: "", description: "", startDate: start, startTime: "09:00", endDate: start, endTime: "12:00", roomId: null,
            venue: "", budget: "", currency: "IDR",
          }} />
      </Paper>
    </Page>
  );
}

function EventList() {
  const { t, i18n } = useBundle("ga-events", EVENT_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const [range, setRange] = useState<"upcoming" | "all">("upcoming");
  const [status, setStatus] = useState<"planned" | "cancelled" | "all">("planned");
  // "All" reaches back to the start of the year before last: older events are history.
  const since = useMemo(() => (range === "upcoming" ? null : new Date(new Date().getFullYear() - 2, 0, 1).toISOString()), [range]);
  const events = useAllPages(EventsDocument, { since, status: status === "all" ? null : status }, (d) => d.companyEvents);

  return (
    <Page title={t("title")} error={events.error}
      actions={<Button component={Link} to={`${BASE}/new`} leftSection={<IconPlus size={16} aria-hidden />} data-testid="new-event">{t("newEvent")}</Button>}>
      <Group wrap="wrap">
        <SegmentedControl aria-label={t("range")} value={range} onChange={(v) => setRange(v as typeof range)}
          data={[{ value: "upcoming", label: t("upcoming") }, { value: "all", label: t("pastToo") }]} />
        <SegmentedControl aria-label={tc("common.status")} value={status} onChange={(v) => setStatus(v as typeof status)}
          data={[{ value: "planned", label: t("status.planned") }, { value: "cancelled", label: t("status.cancelled") },
            { value: "all", label: tc("common.all") }]} />
      </Group>
      {!events.fetching && events.nodes.length === 0 ? (
        <Text c="dimmed">{t("noEvents")}</Text>
      ) : (
        <ScrollTable minWidth={860} label={t("title")}>
          <Table striped highlightOnHover aria-busy={events.fetching} data-testid="company-events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("name")}</Table.Th><Table.Th>{t("when")}</Table.Th><Table.Th>{t("where")}</Table.Th>
                <Table.Th ta="right">{t("budget")}</Table.Th><Table.Th>{t("answers")}</Table.Th><Table.Th>{t("tasks")}</Table.Th>
                <Table.Th>{tc("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.nodes.map((e) => {
                const counts = rsvpCounts(e.rsvpSummary);
                const invited = counts.reduce((n, c) => n + c.count, 0);
                const progress = taskProgress(e.tasks);
                return (
                  <Table.Tr key={e.id} data-testid="company-event">
                    <Table.Td><Anchor component={Link} to={`${BASE}/${encodeURIComponent(e.id)}`}>{e.name}</Anchor></Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(e.startsAt, lang)}</Table.Td>
                    <Table.Td>{[e.room?.name, e.venue].filter(Boolean).join(" · ")}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatMoney(e.budget, e.currency, lang)}</Table.Td>
                    <Table.Td>{invited ? t("comingOf", { count: counts[0].count, invited }) : ""}</Table.Td>
                    <Table.Td>{progress.total ? t("progress", progress) : ""}</Table.Td>
                    <Table.Td><StatusBadge color={e.status === "planned" ? "teal" : "gray"}>{t(`status.${e.status}`)}</StatusBadge></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Page>
  );
}
