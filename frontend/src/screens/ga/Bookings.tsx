import {
  ActionIcon, Alert, Box, Button, Group, Loader, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table,
  Text, TextInput, Title, UnstyledButton, VisuallyHidden,
} from "@mantine/core";
import { IconCalendarPlus, IconChevronLeft, IconChevronRight, IconX } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { GaBookingCalendarQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDate } from "../../lib/format";
import { useAllPages } from "../hr/paging";
import { BOOKING_TEXTS } from "./texts";
import {
  addDays, dateOfInstant, dayStart, daySlots, laterTime, layoutColumn, localDate, minutesOf, outsideSlots, timeOfInstant,
  toInstant, weekDates, type SlotCell,
} from "./time";

const BookablesDocument = graphql(`
  query GaBookables($kind: String, $after: String) {
    bookables(kind: $kind, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id kind name capacity equipment plate floor { id name } building { id code name } }
    }
  }
`);
const CalendarDocument = graphql(`
  query GaBookingCalendar($resourceId: ID!, $start: DateTime!, $end: DateTime!) {
    bookings(resourceId: $resourceId, start: $start, end: $end) { id resourceId startsAt endsAt purpose bookedById }
  }
`);
const FreeDocument = graphql(`
  query GaFreeBookables($kind: String, $freeFrom: DateTime!, $freeUntil: DateTime!) {
    bookables(kind: $kind, freeFrom: $freeFrom, freeUntil: $freeUntil, first: 100) { nodes { id name capacity } }
  }
`);
const MyBookingsDocument = graphql(`
  query GaMyBookings { myBookings { id startsAt endsAt purpose resource { id name kind } } }
`);
const BookDocument = graphql(`
  mutation GaBook($input: BookingInput!) {
    book(input: $input) { booking { id startsAt endsAt } userErrors { field message code } }
  }
`);
const CancelDocument = graphql(`
  mutation GaCancelBooking($id: ID!) {
    cancelBooking(id: $id) { booking { id } userErrors { field message code } }
  }
`);

type Booking = GaBookingCalendarQuery["bookings"][number];
type View = "day" | "week";
const FIELDS = ["resourceId", "startsAt", "endsAt", "purpose"] as const;
type Field = (typeof FIELDS)[number];

interface Cancelling { id: string; what: string; when: string }

/** Booking a room or a car: a day or week calendar of one room or vehicle, booking a free slot, and one's own bookings. */
export default function Bookings() {
  const { t, i18n } = useBundle("ga-bookings", BOOKING_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { me, can } = useSession();
  const manager = can("ga.facility.manage");
  const [kind, setKind] = useState<"room" | "vehicle">("room");
  const [resourceId, setResourceId] = useState<string | null>(null);
  // A phone starts on one day; wider screens on the week.
  const [view, setView] = useState<View>(() => (window.matchMedia?.("(max-width: 36em)").matches ? "day" : "week"));
  const [date, setDate] = useState(() => localDate(new Date()));
  const [now, setNow] = useState(() => Date.now());
  const resources = useAllPages(BookablesDocument, { kind }, (d) => d.bookables);
  const resource = resources.nodes.find((r) => r.id === resourceId) ?? null;

  useEffect(() => {
    if (resources.fetching) return;
    if (!resources.nodes.some((r) => r.id === resourceId)) setResourceId(resources.nodes[0]?.id ?? null);
  }, [resources.nodes, resources.fetching, resourceId]);

  // Slots in the past stop being offered as time goes by.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const dates = useMemo(() => (view === "week" ? weekDates(date) : [date]), [view, date]);
  const range = { start: dayStart(dates[0]), end: dayStart(addDays(dates[dates.length - 1], 1)) };
  const [{ data: calendar, fetching: loadingCalendar, error: calendarError }, refetchCalendar] = useQuery({
    query: CalendarDocument, variables: { resourceId: resourceId ?? "", ...range }, pause: !resourceId,
  });
  const [{ data: mine, error: mineError }, refetchMine] = useQuery({ query: MyBookingsDocument });
  const [, book] = useMutation(BookDocument);
  const [, cancelBooking] = useMutation(CancelDocument);
  const bookings = useMemo(() => calendar?.bookings ?? [], [calendar]);

  const [form, setForm] = useState(() => ({ date: localDate(new Date()), start: "09:00", end: "10:00", purpose: "" }));
  const [errors, setErrors] = useState<Partial<Record<Field, string | boolean>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [cancelling, setCancelling] = useState<Cancelling | null>(null);
  const startRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const startsAt = toInstant(form.date, form.start);
  const endsAt = toInstant(form.date, form.end);
  const validTimes = Boolean(startsAt && endsAt && Date.parse(endsAt) > Date.parse(startsAt));
  const [{ data: free }] = useQuery({
    query: FreeDocument, variables: { kind, freeFrom: startsAt ?? "", freeUntil: endsAt ?? "" }, pause: !validTimes,
  });
  const alsoFree = (free?.bookables.nodes ?? []).filter((r) => r.id !== resourceId).slice(0, 8);

  const slotsByDate = useMemo(() => dates.map((d) => daySlots(d)), [dates]);
  const columns = useMemo(() => slotsByDate.map((slots) => {
    const cells = layoutColumn(slots, bookings);
    return new Map(cells.map((cell) => [cell.index, cell] as const));
  }), [slotsByDate, bookings]);
  const covered = useMemo(() => columns.map((column) => {
    const taken = new Set<number>();
    for (const cell of column.values()) if (cell.kind === "busy") for (let i = 1; i < cell.span; i += 1) taken.add(cell.index + i);
    return taken;
  }), [columns]);
  const hidden = useMemo(() => outsideSlots(slotsByDate.flat(), bookings), [slotsByDate, bookings]);

  function set<K extends keyof typeof form>(key: K, value: (typeof form)[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors({});
    setMessage(null);
  }

  function pickSlot(slotDate: string, time: string) {
    setForm((f) => ({ ...f, date: slotDate, start: time, end: laterTime(time, 60) }));
    setErrors({});
    setMessage(null);
    formRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    startRef.current?.focus();
  }

  function shift(direction: -1 | 1) {
    setDate((d) => addDays(d, direction * (view === "week" ? 7 : 1)));
  }

  function refresh() {
    refetchCalendar({ requestPolicy: "network-only" });
    refetchMine({ requestPolicy: "network-only" });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const missing: Partial<Record<Field, string>> = {};
    if (!resourceId) missing.resourceId = tc("common.required");
    if (!startsAt) missing.startsAt = t("timeHint");
    if (!endsAt) missing.endsAt = t("timeHint");
    setErrors(missing);
    if (Object.keys(missing).length || !startsAt || !endsAt || !resourceId) return;
    setSending(true);
    const result = await book({ input: { resourceId, startsAt, endsAt, purpose: form.purpose.trim() } });
    setSending(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const userErrors = result.data?.book.userErrors ?? [];
    if (userErrors.length) {
      const { byField, general } = splitUserErrors(userErrors, FIELDS);
      if (userErrors.some((e) => e.code === "CONFLICT")) {
        // A clash concerns the whole time chosen: say it once, above the form, and mark both times.
        setErrors({ startsAt: true, endsAt: true });
        setMessage(userErrors.map((e) => e.message).join(" "));
      } else {
        setErrors(byField);
        setMessage(general.length ? general.join(" ") : null);
      }
      refetchCalendar({ requestPolicy: "network-only" });
      return;
    }
    notifySaved(t("booked"));
    setForm((f) => ({ ...f, purpose: "" }));
    refresh();
  }

  async function confirmCancel() {
    if (!cancelling) return;
    const result = await cancelBooking({ id: cancelling.id });
    const userErrors = result.data?.cancelBooking.userErrors ?? [];
    setCancelling(null);
    if (result.error || userErrors.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : userErrors.map((e) => e.message).join(" "));
      return;
    }
    notifySaved(t("cancelled"));
    refresh();
  }

  const time = (b: { startsAt: string; endsAt: string }) => `${timeOfInstant(b.startsAt)}–${timeOfInstant(b.endsAt)}`;
  const when = (b: { startsAt: string; endsAt: string }) => {
    const startDate = dateOfInstant(b.startsAt);
    const endDate = dateOfInstant(b.endsAt);
    return startDate === endDate || (endDate === addDays(startDate, 1) && timeOfInstant(b.endsAt) === "00:00")
      ? `${formatDate(startDate, lang)}, ${time(b)}`
      : `${formatDate(startDate, lang)} ${timeOfInstant(b.startsAt)} – ${formatDate(endDate, lang)} ${timeOfInstant(b.endsAt)}`;
  };
  const weekday = (d: string) => new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { weekday: "short" })
    .format(new Date(`${d}T12:00:00`));
  const rangeTitle = view === "week"
    ? `${formatDate(dates[0], lang)} – ${formatDate(dates[6], lang)}`
    : `${weekday(date)} ${formatDate(date, lang)}`;
  const resourceLabel = (r: NonNullable<typeof resource>) => (r.kind === "vehicle" && r.plate ? `${r.name} (${r.plate})` : r.name);
  const options = resources.nodes.map((r) => ({ value: r.id, label: resourceLabel(r) }));
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = localDate(new Date());

  function renderCell(cell: SlotCell<Booking>, day: string) {
    if (cell.kind === "free") {
      const past = Date.parse(cell.slot.endsAt) <= now;
      if (past || !resource) return <Table.Td key={day} p={0} bg="gray.0" />;
      return (
        <Table.Td key={day} p={0}>
          <UnstyledButton w="100%" h={30} data-testid="free-slot" data-date={day} data-time={cell.slot.time}
            aria-label={t("bookSlot", { name: resourceLabel(resource), date: formatDate(day, lang), time: cell.slot.time })}
            className="ga-free-slot" onClick={() => pickSlot(day, cell.slot.time)}
            style={{ display: "block" }}>
            <VisuallyHidden>{t("free")}</VisuallyHidden>
          </UnstyledButton>
        </Table.Td>
      );
    }
    return (
      <Table.Td key={day} rowSpan={cell.span} p={2} style={{ verticalAlign: "top" }}>
        <Stack gap={2}>
          {cell.items.map((b) => {
            const own = Boolean(me && b.bookedById === me.id);
            const description = `${b.purpose || t("booked")}, ${when(b)}${own ? `, ${t("yours")}` : ""}`;
            return (
              <Box key={b.id} data-testid="booking" data-mine={own ? "true" : "false"} tabIndex={0} px={6} py={4}
                aria-label={description}
                style={{
                  borderRadius: 4, background: own ? "var(--mantine-color-blue-1)" : "var(--mantine-color-gray-2)",
                  borderLeft: `3px solid var(--mantine-color-${own ? "blue-7" : "gray-6"})`, overflow: "hidden",
                }}>
                <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
                  <div aria-hidden style={{ minWidth: 0 }}>
                    <Text size="xs" fw={600}>{time(b)}</Text>
                    <Text size="xs" lineClamp={2}>{b.purpose || t("booked")}</Text>
                  </div>
                  {(own || manager) && (
                    <ActionIcon size="sm" variant="subtle" color="red" aria-label={t("cancelOf", { what: resource?.name ?? "", when: when(b) })}
                      onClick={() => setCancelling({ id: b.id, what: resource?.name ?? "", when: when(b) })}>
                      <IconX size={14} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              </Box>
            );
          })}
        </Stack>
      </Table.Td>
    );
  }

  return (
    <Page title={t("title")} error={resources.error ?? calendarError ?? mineError}>
      <style>{".ga-free-slot:hover, .ga-free-slot:focus-visible { background: var(--mantine-color-blue-0); outline: 2px solid var(--mantine-color-blue-5); outline-offset: -2px; }"}</style>
      <Paper withBorder p="md" component="section" aria-labelledby="booking-range">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Group align="flex-end" wrap="wrap">
              <SegmentedControl aria-label={t("kind")} value={kind} onChange={(v) => { setKind(v as "room" | "vehicle"); setResourceId(null); }}
                data={[{ value: "room", label: t("rooms") }, { value: "vehicle", label: t("vehicles") }]} />
              <Select label={kind === "room" ? t("room") : t("vehicle")} data={options} value={resourceId} searchable allowDeselect={false}
                onChange={setResourceId} w={{ base: "100%", xs: 260 }} nothingFoundMessage={t("none")}
                comboboxProps={{ withinPortal: true }} data-testid="resource-select" />
            </Group>
            <SegmentedControl aria-label={t("view")} value={view} onChange={(v) => setView(v as View)}
              data={[{ value: "day", label: t("day") }, { value: "week", label: t("week") }]} />
          </Group>
          {resource && (
            <Text size="sm" c="dimmed" data-testid="resource-info">
              {[resource.building?.name, resource.floor?.name,
                resource.kind === "room" && resource.capacity ? t("capacity", { count: resource.capacity }) : "",
                resource.plate, resource.equipment.join(", ")].filter(Boolean).join(" · ")}
            </Text>
          )}
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Group gap="xs" wrap="nowrap">
                <ActionIcon variant="default" size="lg" aria-label={view === "week" ? t("previousWeek") : t("previousDay")} onClick={() => shift(-1)}>
                  <IconChevronLeft size={18} aria-hidden />
                </ActionIcon>
                <Title order={2} size="h4" id="booking-range" aria-live="polite" ta="center" data-testid="calendar-range">
                  {rangeTitle}
                </Title>
                <ActionIcon variant="default" size="lg" aria-label={view === "week" ? t("nextWeek") : t("nextDay")} onClick={() => shift(1)}>
                  <IconChevronRight size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Button variant="subtle" onClick={() => setDate(localDate(new Date()))}>{t("today")}</Button>
              {(loadingCalendar || resources.fetching) && <Loader size="xs" aria-label={tc("app.loading")} />}
            </Group>
            <Text size="xs" c="dimmed">{t("zone", { zone })}</Text>
          </Group>
          {!resources.fetching && resources.nodes.length === 0 ? (
            <Alert color="yellow" data-testid="no-resources">{kind === "room" ? t("noRooms") : t("noVehicles")}</Alert>
          ) : (
            <ScrollTable minWidth={view === "week" ? 860 : 360} label={t("caption", { name: resource ? resourceLabel(resource) : "", range: rangeTitle })}>
              <Table withColumnBorders withTableBorder layout="fixed" fz="xs" data-testid="booking-calendar">
                <VisuallyHidden component="caption">
                  {t("caption", { name: resource ? resourceLabel(resource) : "", range: rangeTitle })}
                </VisuallyHidden>
                <colgroup>
                  <col style={{ width: 64 }} />
                  {dates.map((d) => <col key={d} />)}
                </colgroup>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("time")}</Table.Th>
                    {dates.map((d) => (
                      <Table.Th key={d} scope="col" ta="center" bg={d === today ? "blue.1" : undefined}>
                        {weekday(d)} {formatDate(d, lang).replace(/\s\d{4}$/, "")}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {slotsByDate[0].map((slot, row) => (
                    <Table.Tr key={slot.time}>
                      <Table.Th scope="row" fw={400} c="dimmed" py={0} style={{ verticalAlign: "top" }}>
                        {slot.time.endsWith(":00") ? slot.time : <VisuallyHidden>{slot.time}</VisuallyHidden>}
                      </Table.Th>
                      {dates.map((d, column) => {
                        if (covered[column].has(row)) return null;
                        const cell = columns[column].get(row);
                        return cell ? renderCell(cell, d) : <Table.Td key={d} />;
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {hidden.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="outside-hours">
              {t("outside", { list: hidden.map((b) => `${when(b)} ${b.purpose}`.trim()).join("; ") })}
            </Text>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="new-booking">
        <form ref={formRef} onSubmit={submit} noValidate data-testid="booking-form">
          <Stack>
            <Title order={2} size="h3" id="new-booking">
              {resource ? t("bookTitle", { name: resourceLabel(resource) }) : t("newBooking")}
            </Title>
            {message && <Alert color="red" role="alert" data-testid="booking-error">{message}</Alert>}
            {errors.resourceId && typeof errors.resourceId === "string" && <Alert color="red">{errors.resourceId}</Alert>}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <TextInput label={t("date")} type="date" required value={form.date} onChange={(e) => set("date", e.currentTarget.value)} />
              <TextInput ref={startRef} label={t("starts")} type="time" required step={300} value={form.start} error={errors.startsAt}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  const shiftEnd = minutesOf(value) !== null && (minutesOf(form.end) ?? 0) <= (minutesOf(value) ?? 0);
                  setForm((f) => ({ ...f, start: value, end: shiftEnd ? laterTime(value, 60) : f.end }));
                  setErrors({});
                  setMessage(null);
                }} />
              <TextInput label={t("ends")} type="time" required step={300} value={form.end} error={errors.endsAt}
                onChange={(e) => set("end", e.currentTarget.value)} />
              <TextInput label={t("purpose")} value={form.purpose} error={errors.purpose} maxLength={200}
                onChange={(e) => set("purpose", e.currentTarget.value)} />
            </SimpleGrid>
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <Group gap={6} wrap="wrap" aria-live="polite" data-testid="also-free">
                {validTimes && alsoFree.length > 0 && (
                  <>
                    <Text size="sm" c="dimmed">{kind === "room" ? t("alsoFreeRooms") : t("alsoFreeVehicles")}</Text>
                    {alsoFree.map((r) => (
                      <Button key={r.id} size="compact-xs" variant="default" onClick={() => setResourceId(r.id)}
                        aria-label={t("switchTo", { name: r.name })}>
                        {r.name}
                      </Button>
                    ))}
                  </>
                )}
              </Group>
              <Button type="submit" loading={sending} disabled={!resource} leftSection={<IconCalendarPlus size={16} aria-hidden />}>
                {t("book")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="my-bookings">
        <Title order={2} size="h3" id="my-bookings">{t("myBookings")}</Title>
        {(mine?.myBookings ?? []).length === 0 ? (
          <Text c="dimmed">{t("noBookings")}</Text>
        ) : (
          <ScrollTable minWidth={560} label={t("myBookings")}>
            <Table striped data-testid="my-bookings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("what")}</Table.Th><Table.Th>{t("when")}</Table.Th><Table.Th>{t("purpose")}</Table.Th>
                  <Table.Th>{tc("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(mine?.myBookings ?? []).map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {b.resource?.name}
                        <StatusBadge size="xs" color={b.resource?.kind === "vehicle" ? "grape" : "blue"}>
                          {b.resource?.kind === "vehicle" ? t("vehicle") : t("room")}
                        </StatusBadge>
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{when(b)}</Table.Td>
                    <Table.Td>{b.purpose}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" c="red.9"
                        aria-label={t("cancelOf", { what: b.resource?.name ?? "", when: when(b) })}
                        onClick={() => setCancelling({ id: b.id, what: b.resource?.name ?? "", when: when(b) })}>
                        {t("cancel")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>

      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={t("cancelTitle")}>
        {cancelling && (
          <Stack>
            <Text size="sm">{t("cancelBody", { what: cancelling.what, when: cancelling.when })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCancelling(null)} data-autofocus>{t("keep")}</Button>
              <Button color="red" onClick={() => void confirmCancel()}>{t("cancel")}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
