import { Alert, Anchor, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import type { GaTravelRequestsQuery } from "../../gql/graphql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDate, formatMoney } from "../../lib/format";
import { useAllPages } from "../hr/paging";
import { useMembers } from "./members";
import { TRAVEL_TEXTS } from "./texts";
import TravelDetail from "./TravelDetail";
import { STATUS_COLOURS } from "./travel";

const RequestsDocument = graphql(`
  query GaTravelRequests($status: String, $after: String) {
    travelRequests(status: $status, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id travellerId destination departsOn returnsOn purpose estimatedCost advance status actualCost }
    }
  }
`);
const DecideDocument = graphql(`
  mutation GaDecideTravelFromList($input: TravelDecisionInput!) {
    decideTravelRequest(input: $input) { travelRequest { id status } userErrors { field message code } }
  }
`);

type Trip = GaTravelRequestsQuery["travelRequests"]["nodes"][number];
const BASE = "/ga/travel";
const FILTERS = ["submitted", "approved", "settled", "all"] as const;

/** General affairs' travel requests: approve or reject those waiting, follow approved trips to settlement. */
export default function TravelRequests() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest) return <TravelDetail key={rest} id={decodeURIComponent(rest)} basePath={BASE} />;
  return <TravelList />;
}

function TravelList() {
  const { t, i18n } = useBundle("ga-travel", TRAVEL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { me } = useSession();
  const members = useMembers();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("submitted");
  const trips = useAllPages(RequestsDocument, { status: filter === "all" ? null : filter }, (d) => d.travelRequests);
  const [, decide] = useMutation(DecideDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Trip | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const money = (value: string | null | undefined) => formatMoney(value, "IDR", lang);
  const name = (trip: Trip) => members.name(trip.travellerId);

  async function send(trip: Trip, approve: boolean, note: string): Promise<boolean> {
    setBusy(trip.id);
    const result = await decide({ input: { id: trip.id, approve, note } });
    setBusy(null);
    const userErrors = result.data?.decideTravelRequest.userErrors ?? [];
    if (result.error || userErrors.length) {
      const text = result.error ? errorMessage(result.error, tc("common.error")) : userErrors.map((e) => e.message).join(" ");
      if (approve) notifyError(text);
      else setMessage(text);
      return false;
    }
    notifySaved(approve ? t("approvedMsg") : t("rejectedMsg"));
    trips.reload();
    return true;
  }

  async function reject(event: FormEvent) {
    event.preventDefault();
    if (!rejecting) return;
    if (!reason.trim()) {
      setReasonError(tc("common.required"));
      return;
    }
    if (await send(rejecting, false, reason.trim())) setRejecting(null);
  }

  const label = (trip: Trip) => [name(trip), trip.destination].filter(Boolean).join(", ");

  return (
    <Page title={t("title")} error={trips.error}>
      <SegmentedControl aria-label={tc("common.status")} value={filter} onChange={(v) => setFilter(v as typeof filter)}
        data={FILTERS.map((f) => ({ value: f, label: f === "all" ? tc("common.all") : t(`status.${f}`) }))}
        style={{ alignSelf: "flex-start" }} />
      {!trips.fetching && trips.nodes.length === 0 ? (
        <Text c="dimmed" data-testid="no-travel-requests">{filter === "submitted" ? t("nothingWaiting") : tc("common.noRecords")}</Text>
      ) : (
        <ScrollTable minWidth={900} label={t("title")}>
          <Table striped highlightOnHover aria-busy={trips.fetching} data-testid="travel-requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("traveller")}</Table.Th><Table.Th>{t("destination")}</Table.Th><Table.Th>{t("dates")}</Table.Th>
                <Table.Th>{t("purpose")}</Table.Th><Table.Th ta="right">{t("estimatedCost")}</Table.Th>
                <Table.Th ta="right">{t("advance")}</Table.Th><Table.Th>{tc("common.status")}</Table.Th>
                <Table.Th>{tc("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trips.nodes.map((trip) => (
                <Table.Tr key={trip.id} data-testid="travel-request">
                  <Table.Td>{name(trip)}</Table.Td>
                  <Table.Td>{trip.destination}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(trip.departsOn, lang)} – {formatDate(trip.returnsOn, lang)}</Table.Td>
                  <Table.Td><Text size="sm" lineClamp={2}>{trip.purpose}</Text></Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(trip.estimatedCost)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(trip.advance)}</Table.Td>
                  <Table.Td><StatusBadge color={STATUS_COLOURS[trip.status] ?? "gray"}>{t(`status.${trip.status}`)}</StatusBadge></Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {trip.status === "submitted" && me?.id !== trip.travellerId && (
                        <>
                          <Button size="xs" color="green" leftSection={<IconCheck size={14} aria-hidden />} loading={busy === trip.id}
                            aria-label={t("approveOf", { what: label(trip) })} onClick={() => void send(trip, true, "")}>
                            {t("approve")}
                          </Button>
                          <Button size="xs" variant="light" color="red" c="red.9" leftSection={<IconX size={14} aria-hidden />}
                            aria-label={t("rejectOf", { what: label(trip) })}
                            onClick={() => { setReason(""); setReasonError(undefined); setMessage(null); setRejecting(trip); }}>
                            {t("reject")}
                          </Button>
                        </>
                      )}
                      <Anchor component={Link} to={`${BASE}/${encodeURIComponent(trip.id)}`} size="sm"
                        aria-label={t("openTrip", { destination: label(trip), date: formatDate(trip.departsOn, lang) })}>
                        {tc("common.details")}
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t("rejectTitle")}>
        {rejecting && (
          <form onSubmit={reject} noValidate>
            <Stack>
              <Text size="sm">{t("rejectSummary", { name: name(rejecting), destination: rejecting.destination })}</Text>
              {message && <Alert color="red" role="alert">{message}</Alert>}
              <Textarea label={t("rejectReason")} description={t("rejectHint")} required autosize minRows={3} data-autofocus
                value={reason} error={reasonError}
                onChange={(e) => { const v = e.currentTarget.value; setReason(v); setReasonError(undefined); }} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setRejecting(null)}>{tc("common.cancel")}</Button>
                <Button type="submit" color="red">{t("reject")}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
