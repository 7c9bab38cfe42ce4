import {
  ActionIcon, Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title,
} from "@mantine/core";
import { IconPlus, IconSend, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import StatusBadge from "./StatusBadge";
import ScrollTable from "./ScrollTable";
import { formatDate, formatMoney } from "../../lib/format";
import { TRAVEL_TEXTS } from "./texts";
import TravelDetail from "./TravelDetail";
import { STATUS_COLOURS, amountOf, checkTrip, stops, type TripField, type TripForm } from "./travel";

const MyTripsDocument = graphql(`
  query GaMyTravelRequests {
    myTravelRequests {
      id destination departsOn returnsOn purpose estimatedCost advance status actualCost decisionNote
      bookings { id }
    }
  }
`);
const RequestDocument = graphql(`
  mutation GaRequestTravel($input: TravelRequestInput!) {
    requestTravel(input: $input) { travelRequest { id status } userErrors { field message code } }
  }
`);

const BASE = "/me/travel";
const FIELDS: readonly TripField[] = ["destinations", "departsOn", "returnsOn", "purpose", "estimatedCost", "advance"];
const EMPTY: TripForm = { destinations: [""], departsOn: "", returnsOn: "", purpose: "", estimatedCost: "", advance: "" };

/** My trips: ask to travel (stops, dates, purpose, estimate, cash advance) and follow each trip; below /me/travel/<id> one trip. */
export default function MyTravel() {
  const location = useLocation();
  const rest = location.pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  if (rest) return <TravelDetail key={rest} id={decodeURIComponent(rest)} basePath={BASE} />;
  return <MyTrips />;
}

function MyTrips() {
  const { t, i18n } = useBundle("ga-travel", TRAVEL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyTripsDocument });
  const [, requestTravel] = useMutation(RequestDocument);
  const [form, setForm] = useState<TripForm>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<TripField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const trips = data?.myTravelRequests ?? [];
  const money = (value: string | null | undefined) => formatMoney(value, "IDR", lang);

  function set<K extends keyof TripForm>(key: K, value: TripForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  function setStop(index: number, value: string) {
    set("destinations", form.destinations.map((d, i) => (i === index ? value : d)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems = checkTrip(form);
    const shown: Partial<Record<TripField, string>> = {};
    for (const [field, problem] of Object.entries(problems) as [TripField, string][]) {
      shown[field] = problem === "required" ? tc("common.required") : t(`problem.${problem}`);
    }
    setErrors(shown);
    if (Object.keys(shown).length) return;
    setSending(true);
    const result = await requestTravel({
      input: {
        destinations: stops(form.destinations), departsOn: form.departsOn, returnsOn: form.returnsOn, purpose: form.purpose.trim(),
        estimatedCost: amountOf(form.estimatedCost), advance: amountOf(form.advance),
      },
    });
    setSending(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const userErrors = (result.data?.requestTravel.userErrors ?? []).map((e) => ({
      ...e, field: e.field?.[1] === "destination" ? ["input", "destinations"] : e.field,
    }));
    const { byField, general } = splitUserErrors(userErrors, FIELDS);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length) return;
    notifySaved(t("requested"));
    setForm(EMPTY);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Page title={t("myTitle")} error={error}>
      <Paper withBorder p="md" component="section" aria-labelledby="request-trip">
        <form onSubmit={submit} noValidate data-testid="trip-form">
          <Stack>
            <Title order={2} size="h3" id="request-trip">{t("request")}</Title>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <Stack gap="xs" role="group" aria-labelledby="trip-stops-label">
              <Text size="sm" fw={500} id="trip-stops-label">{t("stops")}</Text>
              {form.destinations.map((stop, index) => (
                <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput flex={1} label={t("stopN", { n: index + 1 })} value={stop} required={index === 0}
                    error={index === 0 ? errors.destinations : undefined}
                    onChange={(e) => setStop(index, e.currentTarget.value)} />
                  {form.destinations.length > 1 && (
                    <ActionIcon mt={26} variant="subtle" color="red" size="lg" aria-label={t("removeStop", { n: index + 1 })}
                      onClick={() => set("destinations", form.destinations.filter((_, i) => i !== index))}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => set("destinations", [...form.destinations, ""])} disabled={form.destinations.length >= 10}>
                  {t("addStop")}
                </Button>
              </Group>
            </Stack>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <TextInput label={t("departsOn")} type="date" required value={form.departsOn} error={errors.departsOn}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setForm((f) => ({ ...f, departsOn: value, returnsOn: !f.returnsOn || f.returnsOn < value ? value : f.returnsOn }));
                  setErrors((x) => ({ ...x, departsOn: undefined, returnsOn: undefined }));
                }} />
              <TextInput label={t("returnsOn")} type="date" required value={form.returnsOn} error={errors.returnsOn}
                min={form.departsOn || undefined} onChange={(e) => set("returnsOn", e.currentTarget.value)} />
              <TextInput label={t("estimatedCostIdr")} inputMode="decimal" value={form.estimatedCost} error={errors.estimatedCost}
                description={t("amountHint")} onChange={(e) => set("estimatedCost", e.currentTarget.value)} />
              <TextInput label={t("advanceIdr")} inputMode="decimal" value={form.advance} error={errors.advance}
                description={t("advanceHint")} onChange={(e) => set("advance", e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t("purpose")} autosize minRows={2} value={form.purpose} error={errors.purpose}
              onChange={(e) => set("purpose", e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button type="submit" loading={sending} leftSection={<IconSend size={16} aria-hidden />}>{t("send")}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="my-trips">
        <Title order={2} size="h3" id="my-trips">{t("myTrips")}</Title>
        {!fetching && trips.length === 0 ? (
          <Text c="dimmed">{t("noTrips")}</Text>
        ) : (
          <ScrollTable minWidth={820} label={t("myTrips")}>
            <Table striped highlightOnHover data-testid="my-trips">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("destination")}</Table.Th><Table.Th>{t("dates")}</Table.Th><Table.Th>{t("purpose")}</Table.Th>
                  <Table.Th ta="right">{t("estimatedCost")}</Table.Th><Table.Th ta="right">{t("advance")}</Table.Th>
                  <Table.Th>{tc("common.status")}</Table.Th><Table.Th>{t("bookings")}</Table.Th><Table.Th>{tc("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trips.map((trip) => (
                  <Table.Tr key={trip.id} data-testid="my-trip">
                    <Table.Td>{trip.destination}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(trip.departsOn, lang)} – {formatDate(trip.returnsOn, lang)}</Table.Td>
                    <Table.Td><Text size="sm" lineClamp={2}>{trip.purpose}</Text></Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(trip.estimatedCost)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{money(trip.advance)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <StatusBadge color={STATUS_COLOURS[trip.status] ?? "gray"}>{t(`status.${trip.status}`)}</StatusBadge>
                        {trip.decisionNote && <Text size="xs" c="dimmed" lineClamp={2}>{trip.decisionNote}</Text>}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{trip.bookings.length || ""}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`${BASE}/${encodeURIComponent(trip.id)}`}
                        aria-label={t("openTrip", { destination: trip.destination, date: formatDate(trip.departsOn, lang) })}>
                        {tc("common.details")}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Page>
  );
}
