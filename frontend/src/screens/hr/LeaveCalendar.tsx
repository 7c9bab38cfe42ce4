import {
  ActionIcon, Badge, Box, Button, Group, Loader, Paper, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden,
} from "@mantine/core";
import { IconChevronLeft, IconChevronRight, IconSearch } from "@tabler/icons-react";
import { useMemo, useState, type CSSProperties } from "react";
import { useQuery } from "urql";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { graphql } from "../../gql";
import type { HrLeaveCalendarQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import { formatDate } from "../../lib/format";
import { addMonths, layoutMonth, monthBounds, monthDays, monthOf, today, type Month } from "./calendar";
import { formatMonth, weekdayNames } from "./files";
import LeaveDecisions from "./LeaveDecisions";
import { useAllPages } from "./paging";
import { LEAVE_TEXTS } from "./texts";

const CalendarDocument = graphql(`
  query HrLeaveCalendar($filter: LeaveRequestFilter!, $after: String) {
    leaveRequests(first: 100, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      nodes { id startDate endDate days status reason employee { id fullName } leaveType { id name } }
    }
  }
`);
const PendingDocument = graphql(`
  query HrLeavePending($after: String) {
    leaveRequests(first: 100, after: $after, filter: { status: "pending" }) {
      pageInfo { hasNextPage endCursor }
      nodes { id startDate endDate days status reason employee { id fullName } leaveType { id name } }
    }
  }
`);
const ToApproveDocument = graphql(`
  query HrLeaveToApprove($after: String) {
    leaveRequestsToApprove(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id startDate endDate days status reason employee { id fullName } leaveType { id name } }
    }
  }
`);
const MyEmployeeDocument = graphql(`query HrMyEmployeeId { myEmployee { id } }`);

type Leave = HrLeaveCalendarQuery["leaveRequests"]["nodes"][number];

// The names stay in view while the days scroll sideways (on a phone).
const STICKY: CSSProperties = { position: "sticky", left: 0, zIndex: 1, background: "var(--mantine-color-body)" };

const STATUS_STYLE: Record<string, { bg: string; color: string; border: string }> = {
  approved: { bg: "var(--mantine-color-teal-6)", color: "var(--mantine-color-white)", border: "var(--mantine-color-teal-7)" },
  pending: { bg: "var(--mantine-color-yellow-1)", color: "var(--mantine-color-dark-7)", border: "var(--mantine-color-yellow-7)" },
};

/** HR's leave: a month calendar of approved and pending leave by employee, and the requests waiting for a decision. */
export default function LeaveCalendar() {
  const { t, i18n } = useBundle("hr-leave", LEAVE_TEXTS);
  const lang = i18n.language;
  const { can } = useSession();
  const now = today();
  const [month, setMonth] = useState<Month>(() => monthOf(now));
  const [search, setSearch] = useState("");
  const { first, last } = monthBounds(month);
  // A request never crosses a new year, so the year's start bounds what can reach into this month.
  const range = { startsAfter: `${month.year}-01-01`, startsBefore: last };
  const pick = (d: HrLeaveCalendarQuery) => d.leaveRequests;
  const approved = useAllPages(CalendarDocument, { filter: { ...range, status: "approved" } }, pick);
  const pending = useAllPages(CalendarDocument, { filter: { ...range, status: "pending" } }, pick);
  const approveAll = can("hr.leave.approve");
  const allPending = useAllPages(PendingDocument, {}, (d) => d.leaveRequests, !approveAll);
  const mine = useAllPages(ToApproveDocument, {}, (d) => d.leaveRequestsToApprove, approveAll);
  const waiting = approveAll ? allPending : mine;
  const [{ data: me }] = useQuery({ query: MyEmployeeDocument });

  const days = useMemo(() => monthDays(month), [month]);
  const weekdays = useMemo(() => weekdayNames(lang, "short"), [lang]);
  const rows = useMemo(() => {
    const all = layoutMonth<Leave>([...approved.nodes, ...pending.nodes].filter((r) => r.endDate >= first), month);
    const needle = search.trim().toLocaleLowerCase();
    return needle ? all.filter((r) => r.name.toLocaleLowerCase().includes(needle)) : all;
  }, [approved.nodes, pending.nodes, first, month, search]);
  const loading = approved.fetching || pending.fetching;
  const monthName = formatMonth(`${month.year}-${String(month.month).padStart(2, "0")}`, lang);

  function decided() {
    approved.reload();
    pending.reload();
    waiting.reload();
  }

  function describe(r: Leave): string {
    return `${r.employee?.fullName ?? ""}: ${r.leaveType?.name ?? ""}, ${t(`status.${r.status}`)}, `
      + `${formatDate(r.startDate, lang)} – ${formatDate(r.endDate, lang)}`;
  }

  return (
    <Page title={t("title")} error={approved.error ?? pending.error ?? waiting.error}>
      <Paper withBorder p="md" component="section" aria-labelledby="leave-calendar-month" data-testid="calendar-frame">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Group gap="xs" wrap="nowrap">
                <ActionIcon variant="default" size="lg" aria-label={t("previousMonth")} onClick={() => setMonth((m) => addMonths(m, -1))}>
                  <IconChevronLeft size={18} aria-hidden />
                </ActionIcon>
                <Title order={2} size="h3" id="leave-calendar-month" aria-live="polite" miw={150} ta="center" data-testid="calendar-month">
                  {monthName}
                </Title>
                <ActionIcon variant="default" size="lg" aria-label={t("nextMonth")} onClick={() => setMonth((m) => addMonths(m, 1))}>
                  <IconChevronRight size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Button variant="subtle" onClick={() => setMonth(monthOf(now))}>{t("thisMonth")}</Button>
              {loading && <Loader size="xs" aria-label={t("title")} />}
            </Group>
            <Group gap="sm" wrap="wrap">
              <TextInput aria-label={t("filterName")} placeholder={t("filterName")} value={search} w={{ base: "100%", xs: 220 }}
                leftSection={<IconSearch size={14} aria-hidden />} onChange={(e) => setSearch(e.currentTarget.value)} />
              <Group gap={6} aria-label={t("legend")} role="group">
                {(["approved", "pending"] as const).map((s) => (
                  <Badge key={s} radius="sm" variant="outline" styles={{
                    root: { background: STATUS_STYLE[s].bg, color: STATUS_STYLE[s].color, borderColor: STATUS_STYLE[s].border, borderStyle: s === "pending" ? "dashed" : "solid" },
                  }}>
                    {t(`status.${s}`)}
                  </Badge>
                ))}
              </Group>
            </Group>
          </Group>
          {!loading && rows.length === 0 ? (
            <Text c="dimmed" data-testid="calendar-empty">{t("noLeave", { month: monthName })}</Text>
          ) : (
            <Table.ScrollContainer minWidth={150 + days.length * 36}>
              <Table withColumnBorders withTableBorder layout="fixed" data-testid="leave-calendar" fz="xs">
                <VisuallyHidden component="caption">{t("calendarCaption", { month: monthName })}</VisuallyHidden>
                <colgroup>
                  <col style={{ width: 150 }} />
                  {days.map((d) => <col key={d.day} />)}
                </colgroup>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" style={STICKY}>{t("employee")}</Table.Th>
                    {days.map((d) => (
                      <Table.Th key={d.day} scope="col" p={2} ta="center" aria-label={formatDate(d.date, lang)}
                        bg={d.date === now ? "blue.1" : d.weekend ? "gray.1" : undefined}>
                        <div aria-hidden>
                          <div>{d.day}</div>
                          <Text span fz={10} c="dimmed">{weekdays[d.weekday]}</Text>
                        </div>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.key} data-testid="calendar-row">
                      {row.lane === 0 && (
                        <Table.Th scope="row" rowSpan={row.lanes} fw={500} style={{ ...STICKY, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                          {row.name}
                        </Table.Th>
                      )}
                      {row.cells.map((cell) => {
                        if (cell.kind === "free") {
                          const day = days[cell.day - 1];
                          return <Table.Td key={cell.day} p={0} bg={day.weekend ? "gray.0" : undefined} />;
                        }
                        const r = cell.segment.request;
                        const style = STATUS_STYLE[r.status] ?? STATUS_STYLE.pending;
                        return (
                          <Table.Td key={`${r.id}`} colSpan={cell.span} p={2}>
                            <Tooltip label={describe(r)} withinPortal>
                              <Box data-testid="leave-span" data-status={r.status} tabIndex={0} px={4} py={2}
                                style={{
                                  background: style.bg, color: style.color, border: `1px ${r.status === "pending" ? "dashed" : "solid"} ${style.border}`,
                                  borderRadius: 4, overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis",
                                  borderTopLeftRadius: cell.segment.continuesBefore ? 0 : 4, borderBottomLeftRadius: cell.segment.continuesBefore ? 0 : 4,
                                  borderTopRightRadius: cell.segment.continuesAfter ? 0 : 4, borderBottomRightRadius: cell.segment.continuesAfter ? 0 : 4,
                                }}>
                                <span aria-hidden>{cell.segment.continuesBefore ? "‹ " : ""}{r.leaveType?.name}{cell.segment.continuesAfter ? " ›" : ""}</span>
                                <VisuallyHidden>{describe(r)}</VisuallyHidden>
                              </Box>
                            </Tooltip>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
      <LeaveDecisions title={approveAll ? t("waiting") : t("waitingForYou")} requests={waiting.nodes}
        ownEmployeeId={me?.myEmployee?.id} onDecided={decided} />
    </Page>
  );
}
