import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { instantsOf, type EventWhen } from "./events";
import { useMembers } from "./members";
import { EVENT_TEXTS } from "./texts";

const RoomsDocument = graphql(`
  query GaEventRooms($freeFrom: DateTime, $freeUntil: DateTime) {
    rooms: bookables(kind: "room", first: 100) { nodes { id name capacity building { name } } }
    free: bookables(kind: "room", freeFrom: $freeFrom, freeUntil: $freeUntil, first: 100) { nodes { id } }
  }
`);
const CreateDocument = graphql(`
  mutation GaCreateCompanyEvent($input: CompanyEventInput!) {
    createCompanyEvent(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);
const UpdateDocument = graphql(`
  mutation GaUpdateCompanyEvent($input: UpdateCompanyEventInput!) {
    updateCompanyEvent(input: $input) { companyEvent { id } userErrors { field message code } }
  }
`);

export interface EventValues extends EventWhen {
  name: string;
  description: string;
  roomId: string | null;
  venue: string;
  budget: string;
  currency: string;
}

const FIELDS = ["name", "description", "startsAt", "endsAt", "roomId", "venue", "budget", "currency", "participantIds"] as const;
type Field = (typeof FIELDS)[number];

/** Create an event (id null) or change one: times, the room booked as its venue, a venue outside, the budget. */
export default function EventForm({ id, initial, onSaved, onCancel }: {
  id: string | null; initial: EventValues; onSaved: (id: string) => void; onCancel: () => void;
}) {
  const { t } = useBundle("ga-events", EVENT_TEXTS);
  const { t: tc } = useTranslation();
  const members = useMembers();
  const [values, setValues] = useState<EventValues>(initial);
  const [participants, setParticipants] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { startsAt, endsAt, problems } = instantsOf(values);
  const timed = problems.length === 0 && Date.parse(endsAt!) > Date.parse(startsAt!);
  const [{ data: rooms }] = useQuery({
    query: RoomsDocument, variables: { freeFrom: timed ? startsAt : null, freeUntil: timed ? endsAt : null },
  });
  const [, create] = useMutation(CreateDocument);
  const [, update] = useMutation(UpdateDocument);
  const free = new Set((rooms?.free.nodes ?? []).map((r) => r.id));
  const roomOptions = (rooms?.rooms.nodes ?? []).map((r) => {
    const taken = timed && !free.has(r.id) && r.id !== initial.roomId;
    const detail = [r.building?.name, r.capacity ? t("seats", { count: r.capacity }) : "", taken ? t("takenThen") : ""].filter(Boolean).join(", ");
    return { value: r.id, label: detail ? `${r.name} (${detail})` : r.name };
  });

  function set<K extends keyof EventValues>(key: K, value: EventValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const missing: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) missing.name = tc("common.required");
    if (problems.includes("startsAt")) missing.startsAt = tc("common.required");
    if (problems.includes("endsAt")) missing.endsAt = tc("common.required");
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSaving(true);
    const common = {
      name: values.name.trim(), description: values.description.trim(), startsAt: startsAt!, endsAt: endsAt!,
      venue: values.venue.trim(), budget: values.budget.trim() || "0", currency: values.currency.trim().toUpperCase() || "IDR",
    };
    const result = id
      ? await update({ input: { id, ...common, roomId: values.roomId, clearRoom: !values.roomId && Boolean(initial.roomId) } })
      : await create({ input: { ...common, roomId: values.roomId, participantIds: participants } });
    setSaving(false);
    if (result.error) {
      setMessage(errorMessage(result.error, tc("common.error")));
      return;
    }
    const payload = result.data && ("createCompanyEvent" in result.data ? result.data.createCompanyEvent : result.data.updateCompanyEvent);
    const { byField, general } = splitUserErrors(payload?.userErrors, FIELDS);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (Object.keys(byField).length || general.length || !payload?.companyEvent) return;
    onSaved(payload.companyEvent.id);
  }

  return (
    <form onSubmit={submit} noValidate data-testid="event-form">
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("name")} required value={values.name} error={errors.name} onChange={(e) => set("name", e.currentTarget.value)} />
          <Group grow align="flex-start" gap="xs">
            <TextInput label={t("budget")} inputMode="decimal" value={values.budget} error={errors.budget}
              onChange={(e) => set("budget", e.currentTarget.value)} />
            <TextInput label={t("currency")} maxLength={3} value={values.currency} error={errors.currency} maw={110}
              onChange={(e) => set("currency", e.currentTarget.value)} />
          </Group>
          <Group grow align="flex-start" gap="xs">
            <TextInput label={t("startDate")} type="date" required value={values.startDate} error={errors.startsAt}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((x) => ({ ...x, startDate: v, endDate: !x.endDate || x.endDate < v ? v : x.endDate }));
                setErrors({});
              }} />
            <TextInput label={t("startTime")} type="time" required value={values.startTime} error={errors.startsAt ? true : undefined}
              onChange={(e) => set("startTime", e.currentTarget.value)} />
          </Group>
          <Group grow align="flex-start" gap="xs">
            <TextInput label={t("endDate")} type="date" required value={values.endDate} error={errors.endsAt} min={values.startDate || undefined}
              onChange={(e) => set("endDate", e.currentTarget.value)} />
            <TextInput label={t("endTime")} type="time" required value={values.endTime} error={errors.endsAt ? true : undefined}
              onChange={(e) => set("endTime", e.currentTarget.value)} />
          </Group>
          <Select label={t("room")} description={t("roomHint")} data={roomOptions} value={values.roomId} clearable searchable
            error={errors.roomId} onChange={(v) => set("roomId", v)} comboboxProps={{ withinPortal: true }} />
          <TextInput label={t("venue")} description={t("venueHint")} value={values.venue} error={errors.venue}
            onChange={(e) => set("venue", e.currentTarget.value)} />
          {!id && members.available && (
            <MultiSelect label={t("invite")} data={members.options} value={participants} searchable clearable
              error={errors.participantIds} onChange={setParticipants} comboboxProps={{ withinPortal: true }} />
          )}
        </SimpleGrid>
        <Textarea label={t("description")} autosize minRows={2} value={values.description} error={errors.description}
          onChange={(e) => set("description", e.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={saving} data-testid="save-event">{id ? tc("common.save") : t("create")}</Button>
          <Button variant="default" onClick={onCancel}>{tc("common.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
