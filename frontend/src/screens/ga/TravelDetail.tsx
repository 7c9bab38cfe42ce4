import {
  Alert, Anchor, Button, Center, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput,
  Textarea, Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconPlus, IconTrash, IconX } from "@tabler/icons-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { useMembers } from "./members";
import { TRAVEL_TEXTS } from "./texts";
import { localDate } from "./time";
import { STATUS_COLOURS, settlementBalance } from "./travel";

const TravelDocument = graphql(`
  query GaTravelRequest($id: ID!) {
    travelRequest(id: $id) {
      id travellerId destination destinations purpose departsOn returnsOn estimatedCost advance status
      decidedById decidedAt decisionNote actualCost settledOn notes
      bookings { id kind vendor reference startsOn endsOn cost currency note }
      bookedCost { currency amount }
    }
  }
`);
const DecideDocument = graphql(`
  mutation GaDecideTravel($input: TravelDecisionInput!) {
    decideTravelRequest(input: $input) { travelRequest { id status decisionNote } userErrors { field message code } }
  }
`);
const CancelDocument = graphql(`
  mutation GaCancelTravel($id: ID!) {
    cancelTravelRequest(id: $id) { travelRequest { id status } userErrors { field message code } }
  }
`);
const AddBookingDocument = graphql(`
  mutation GaAddTravelBooking($input: TravelBookingInput!) {
    addTravelBooking(input: $input) { travelBooking { id } userErrors { field message code } }
  }
`);
const RemoveBookingDocument = graphql(`
  mutation GaRemoveTravelBooking($id: ID!) {
    removeTravelBooking(id: $id) { travelBooking { id } userErrors { field message code } }
  }
`);
const SettleDocument = graphql(`
  mutation GaSettleTravel($input: SettleTravelInput!) {
    settleTravel(input: $input) { travelRequest { id status actualCost settledOn } userErrors { field message code } }
  }
`);

export const BOOKING_KINDS = ["flight", "hotel", "train", "car", "other"] as const;
const BOOKING_FIELDS = ["kind", "vendor", "reference", "startsOn", "endsOn", "cost", "currency", "note"] as const;
const SETTLE_FIELDS = ["settledOn", "actualCost", "notes"] as const;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text component="div" data-testid={testId}>{children || "—"}</Text>
    </Stack>
  );
}

/** One trip: what was asked, the decision, bookings, and the settlement; approvers decide and settle here. */
export default function TravelDetail({ id, basePath }: { id: string; basePath: string }) {
  const { t, i18n } = useBundle("ga-travel", TRAVEL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { me, can } = useSession();
  const approver = can("ga.travel.approve");
  const members = useMembers();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TravelDocument, variables: { id } });
  const [, decide] = useMutation(DecideDocument);
  const [, cancelTrip] = useMutation(CancelDocument);
  const [, addBooking] = useMutation(AddBookingDocument);
  const [, removeBooking] = useMutation(RemoveBookingDocument);
  const [, settle] = useMutation(SettleDocument);

  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [approving, setApproving] = useState(false);
  const [callingOff, setCallingOff] = useState(false);
  const emptyBooking = { kind: "flight" as string | null, vendor: "", reference: "", startsOn: "", endsOn: "", cost: "", currency: "IDR", note: "" };
  const [booking, setBooking] = useState(emptyBooking);
  const [bookingErrors, setBookingErrors] = useState<Record<string, string>>({});
  const [bookingMessage, setBookingMessage] = useState<string | null>(null);
  const [settleForm, setSettleForm] = useState(() => ({ settledOn: localDate(new Date()), actualCost: "", notes: "" }));
  const [settleErrors, setSettleErrors] = useState<Record<string, string>>({});
  const [settleMessage, setSettleMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const trip = data?.travelRequest;
  if (fetching && !trip) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!trip) {
    return <Page title={t("title")} error={error}>{!error && <Alert color="yellow">{tc("resource.notFound")}</Alert>}</Page>;
  }

  const own = Boolean(me && trip.travellerId === me.id);
  const money = (value: string | null | undefined, currency = "IDR") => formatMoney(value, currency, lang);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const mayBook = trip.status === "approved" && (own || approver);
  const traveller = members.name(trip.travellerId) || (own ? me?.fullName ?? "" : "");

  function report(result: { error?: Parameters<typeof errorMessage>[0]; data?: unknown }, userErrors: readonly { message: string }[] | undefined, done: string) {
    if (result.error || userErrors?.length) {
      notifyError(result.error ? errorMessage(result.error, tc("common.error")) : userErrors!.map((e) => e.message).join(" "));
      return false;
    }
    notifySaved(done);
    reload();
    return true;
  }

  async function approve() {
    setApproving(true);
    const result = await decide({ input: { id: trip!.id, approve: true, note: "" } });
    setApproving(false);
    report(result, result.data?.decideTravelRequest.userErrors, t("approvedMsg"));
  }

  async function reject(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(tc("common.required"));
      return;
    }
    const result = await decide({ input: { id: trip!.id, approve: false, note: reason.trim() } });
    if (report(result, result.data?.decideTravelRequest.userErrors, t("rejectedMsg"))) setRejecting(false);
  }

  async function callOff() {
    const result = await cancelTrip({ id: trip!.id });
    setCallingOff(false);
    report(result, result.data?.cancelTravelRequest.userErrors, t("calledOff"));
  }

  async function submitBooking(event: FormEvent) {
    event.preventDefault();
    setBookingMessage(null);
    const missing: Record<string, string> = {};
    if (!booking.kind) missing.kind = tc("common.required");
    if (!booking.startsOn) missing.startsOn = tc("common.required");
    setBookingErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    const result = await addBooking({
      input: {
        travelRequestId: trip!.id, kind: booking.kind!, vendor: booking.vendor.trim(), reference: booking.reference.trim(),
        startsOn: booking.startsOn, endsOn: booking.endsOn || null, cost: booking.cost.trim() || "0",
        currency: booking.currency.trim().toUpperCase() || "IDR", note: booking.note.trim(),
      },
    });
    setBusy(false);
    if (result.error) {
      setBookingMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(result.data?.addTravelBooking.userErrors, BOOKING_FIELDS);
    setBookingErrors(byField);
    setBookingMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("bookingAdded"));
    setBooking(emptyBooking);
    reload();
  }

  async function remove(bookingId: string) {
    const result = await removeBooking({ id: bookingId });
    report(result, result.data?.removeTravelBooking.userErrors, t("bookingRemoved"));
  }

  async function submitSettlement(event: FormEvent) {
    event.preventDefault();
    setSettleMessage(null);
    if (!settleForm.settledOn) {
      setSettleErrors({ settledOn: tc("common.required") });
      return;
    }
    setBusy(true);
    const result = await settle({
      input: { id: trip!.id, settledOn: settleForm.settledOn, actualCost: settleForm.actualCost.trim() || null, notes: settleForm.notes.trim() },
    });
    setBusy(false);
    if (result.error) {
      setSettleMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const { byField, general } = splitUserErrors(result.data?.settleTravel.userErrors, SETTLE_FIELDS);
    setSettleErrors(byField);
    setSettleMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("settledMsg"));
    reload();
  }

  const balance = trip.actualCost ? settlementBalance(trip.actualCost, trip.advance) : null;
  const kinds = BOOKING_KINDS.map((k) => ({ value: k, label: t(`bookingKind.${k}`) }));

  return (
    <Page title={t("tripTitle", { destination: trip.destination })} error={error}
      actions={<Anchor component={Link} to={basePath}><Group gap={4}><IconArrowLeft size={16} aria-hidden />{t("back")}</Group></Anchor>}>
      <Paper withBorder p="md" component="section" aria-label={t("summary")}>
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <StatusBadge size="lg" color={STATUS_COLOURS[trip.status] ?? "gray"} data-testid="trip-status">
              {t(`status.${trip.status}`)}
            </StatusBadge>
            <Group gap="xs">
              {approver && trip.status === "submitted" && !own && (
                <>
                  <Button color="green" leftSection={<IconCheck size={16} aria-hidden />} loading={approving} onClick={() => void approve()}>
                    {t("approve")}
                  </Button>
                  <Button color="red" variant="light" c="red.9" leftSection={<IconX size={16} aria-hidden />}
                    onClick={() => { setReason(""); setReasonError(undefined); setRejecting(true); }}>
                    {t("reject")}
                  </Button>
                </>
              )}
              {approver && trip.status === "submitted" && own && <Text size="sm" c="dimmed">{t("ownTrip")}</Text>}
              {(own || approver) && (trip.status === "submitted" || trip.status === "approved") && (
                <Button variant="default" color="red" onClick={() => setCallingOff(true)}>{t("callOff")}</Button>
              )}
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Fact label={t("traveller")}>{traveller}</Fact>
            <Fact label={t("stops")} testId="trip-stops">{trip.destinations.join(" → ") || trip.destination}</Fact>
            <Fact label={t("dates")}>{`${formatDate(trip.departsOn, lang)} – ${formatDate(trip.returnsOn, lang)}`}</Fact>
            <Fact label={t("purpose")}>{trip.purpose}</Fact>
            <Fact label={t("estimatedCost")}>{money(trip.estimatedCost)}</Fact>
            <Fact label={t("advance")}>{money(trip.advance)}</Fact>
            {trip.decidedAt && (
              <Fact label={t("decision")}>
                {[t(`status.${trip.status === "rejected" ? "rejected" : "approved"}`), members.name(trip.decidedById),
                  formatDateTime(trip.decidedAt, lang)].filter(Boolean).join(", ")}
              </Fact>
            )}
            {trip.decisionNote && <Fact label={t("decisionNote")} testId="decision-note">{trip.decisionNote}</Fact>}
          </SimpleGrid>
        </Stack>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="trip-bookings">
        <Title order={2} size="h3" id="trip-bookings">{t("bookings")}</Title>
        {trip.bookings.length === 0 ? (
          <Text c="dimmed">{trip.status === "submitted" ? t("bookingsAfterApproval") : t("noBookings")}</Text>
        ) : (
          <ScrollTable minWidth={720} label={t("bookings")}>
            <Table striped data-testid="trip-bookings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("kind")}</Table.Th><Table.Th>{t("vendor")}</Table.Th><Table.Th>{t("reference")}</Table.Th>
                  <Table.Th>{t("dates")}</Table.Th><Table.Th ta="right">{t("cost")}</Table.Th><Table.Th>{t("note")}</Table.Th>
                  {mayBook && <Table.Th>{tc("common.actions")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trip.bookings.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{t(`bookingKind.${b.kind}`, { defaultValue: b.kind })}</Table.Td>
                    <Table.Td>{b.vendor}</Table.Td>
                    <Table.Td>{b.reference}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatDate(b.startsOn, lang)}{b.endsOn && b.endsOn !== b.startsOn ? ` – ${formatDate(b.endsOn, lang)}` : ""}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(b.cost, b.currency)}</Table.Td>
                    <Table.Td>{b.note}</Table.Td>
                    {mayBook && (
                      <Table.Td>
                        <Button size="xs" variant="subtle" color="red" c="red.9" leftSection={<IconTrash size={14} aria-hidden />}
                          aria-label={t("removeBookingOf", { what: `${t(`bookingKind.${b.kind}`, { defaultValue: b.kind })} ${b.vendor}`.trim() })}
                          onClick={() => void remove(b.id)}>
                          {t("remove")}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              {trip.bookedCost.length > 0 && (
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={4}>{t("bookedTotal")}</Table.Th>
                    <Table.Th ta="right" data-testid="booked-total" style={{ whiteSpace: "nowrap" }}>
                      {trip.bookedCost.map((c) => money(c.amount, c.currency)).join(" + ")}
                    </Table.Th>
                    <Table.Th colSpan={mayBook ? 2 : 1} />
                  </Table.Tr>
                </Table.Tfoot>
              )}
            </Table>
          </ScrollTable>
        )}
        {mayBook && (
          <Paper withBorder p="md">
            <form onSubmit={submitBooking} noValidate data-testid="travel-booking-form" aria-labelledby="add-travel-booking">
              <Stack>
                <Title order={3} size="h4" id="add-travel-booking">{t("addBooking")}</Title>
                {bookingMessage && <Alert color="red" role="alert">{bookingMessage}</Alert>}
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
                  <Select label={t("kind")} data={kinds} value={booking.kind} required allowDeselect={false} error={bookingErrors.kind}
                    onChange={(v) => setBooking((b) => ({ ...b, kind: v }))} comboboxProps={{ withinPortal: true }} />
                  <TextInput label={t("vendor")} value={booking.vendor} error={bookingErrors.vendor}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, vendor: v })); }} />
                  <TextInput label={t("reference")} description={t("referenceHint")} value={booking.reference} error={bookingErrors.reference}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, reference: v })); }} />
                  <TextInput label={t("note")} value={booking.note} error={bookingErrors.note}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, note: v })); }} />
                  <TextInput label={t("startsOn")} type="date" required value={booking.startsOn} error={bookingErrors.startsOn}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, startsOn: v })); }} />
                  <TextInput label={t("endsOn")} type="date" value={booking.endsOn} error={bookingErrors.endsOn} min={booking.startsOn || undefined}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, endsOn: v })); }} />
                  <TextInput label={t("cost")} inputMode="decimal" value={booking.cost} error={bookingErrors.cost}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, cost: v })); }} />
                  <TextInput label={t("currency")} maxLength={3} value={booking.currency} error={bookingErrors.currency}
                    onChange={(e) => { const v = e.currentTarget.value; setBooking((b) => ({ ...b, currency: v })); }} />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={busy} leftSection={<IconPlus size={16} aria-hidden />}>{t("addBooking")}</Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="trip-settlement">
        <Title order={2} size="h3" id="trip-settlement">{t("settlement")}</Title>
        {trip.status === "settled" && trip.actualCost ? (
          <Paper withBorder p="md" data-testid="trip-settlement">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <Fact label={t("settledOn")}>{formatDate(trip.settledOn, lang)}</Fact>
              <Fact label={t("actualCost")} testId="actual-cost">{money(trip.actualCost)}</Fact>
              <Fact label={t("advance")}>{money(trip.advance)}</Fact>
              <Fact label={t("balance")} testId="settlement-balance">
                {balance?.kind === "pay" ? t("toPay", { amount: money(balance.amount) })
                  : balance?.kind === "return" ? t("toReturn", { amount: money(balance.amount) }) : t("even")}
              </Fact>
              {trip.notes && <Fact label={t("notes")}>{trip.notes}</Fact>}
            </SimpleGrid>
          </Paper>
        ) : approver && trip.status === "approved" ? (
          <Paper withBorder p="md">
            <form onSubmit={submitSettlement} noValidate data-testid="settle-form" aria-labelledby="trip-settlement">
              <Stack>
                <Text size="sm" c="dimmed">{t("settleHint")}</Text>
                {settleMessage && <Alert color="red" role="alert">{settleMessage}</Alert>}
                <SimpleGrid cols={{ base: 1, xs: 3 }}>
                  <TextInput label={t("settledOn")} type="date" required value={settleForm.settledOn} error={settleErrors.settledOn}
                    onChange={(e) => { const v = e.currentTarget.value; setSettleForm((f) => ({ ...f, settledOn: v })); }} />
                  <TextInput label={t("actualCost")} description={t("actualCostHint")} inputMode="decimal" value={settleForm.actualCost}
                    error={settleErrors.actualCost}
                    onChange={(e) => { const v = e.currentTarget.value; setSettleForm((f) => ({ ...f, actualCost: v })); }} />
                  <Textarea label={t("notes")} autosize minRows={1} value={settleForm.notes} error={settleErrors.notes}
                    onChange={(e) => { const v = e.currentTarget.value; setSettleForm((f) => ({ ...f, notes: v })); }} />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={busy}>{t("settle")}</Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : (
          <Text c="dimmed">{t("notSettled")}</Text>
        )}
      </Stack>

      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t("rejectTitle")}>
        <form onSubmit={reject} noValidate>
          <Stack>
            <Text size="sm">{t("rejectSummary", { name: traveller, destination: trip.destination })}</Text>
            <Textarea label={t("rejectReason")} description={t("rejectHint")} required autosize minRows={3} data-autofocus
              value={reason} error={reasonError} onChange={(e) => { const v = e.currentTarget.value; setReason(v); setReasonError(undefined); }} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejecting(false)}>{tc("common.cancel")}</Button>
              <Button type="submit" color="red">{t("reject")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={callingOff} onClose={() => setCallingOff(false)} title={t("callOffTitle")}>
        <Stack>
          <Text size="sm">{t("callOffBody", { destination: trip.destination })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCallingOff(false)} data-autofocus>{t("keep")}</Button>
            <Button color="red" onClick={() => void callOff()}>{t("callOff")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
