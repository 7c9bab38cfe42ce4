import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDateTime } from "../../lib/format";
import { LEGAL_TEXTS } from "./texts";

const MineDocument = graphql(`
  query LegalMyAdvice { myAdviceRequests { id title description status answer createdAt } }
`);
const OpenDocument = graphql(`
  query LegalAdviceToAnswer { legalMatters(first: 50, kind: "advice", status: "open") { nodes { id title description createdAt } } }
`);
const AskDocument = graphql(`
  mutation LegalRequestAdvice($input: AdviceRequestInput!) {
    requestLegalAdvice(input: $input) { matter { id } userErrors { field message code } }
  }
`);
const AnswerDocument = graphql(`
  mutation LegalAnswerAdvice($input: AnswerAdviceInput!) {
    answerLegalAdvice(input: $input) { matter { id status answer } userErrors { field message code } }
  }
`);

/** Legal advice: ask the legal team and read the answers; the legal team answers the open questions here too. */
export default function Advice() {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { can } = useSession();
  const answering = can("legal.matter.manage") && can("legal.matter.read");
  const [mine, refetchMine] = useQuery({ query: MineDocument });
  const [open, refetchOpen] = useQuery({ query: OpenDocument, pause: !answering });
  const [, ask] = useMutation(AskDocument);
  const [values, setValues] = useState({ title: "", description: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requests = useMemo(() => [...(mine.data?.myAdviceRequests ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [mine.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await ask({ input: values }).finally(() => setBusy(false));
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const { byField, general } = splitUserErrors(result.data?.requestLegalAdvice.userErrors, ["title", "description"]);
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (!general.length && !Object.keys(byField).length) {
      notifySaved(t("advice.sent"));
      setValues({ title: "", description: "" });
      refetchMine({ requestPolicy: "network-only" });
      if (answering) refetchOpen({ requestPolicy: "network-only" });
    }
  }

  return (
    <Page title={t("advice.title")} error={mine.error}>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="ask-title">
        <Title order={2} size="h4" id="ask-title" mb="sm">{t("advice.ask")}</Title>
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <TextInput label={t("advice.subject")} required value={values.title} error={errors.title}
            onChange={(e) => { const title = e.currentTarget.value; setValues((v) => ({ ...v, title })); }} />
          <Textarea label={t("advice.question")} required autosize minRows={3} value={values.description} error={errors.description}
            onChange={(e) => { const description = e.currentTarget.value; setValues((v) => ({ ...v, description })); }} />
          <Group><Button type="submit" loading={busy} leftSection={<IconSend size={16} aria-hidden />}>{t("advice.send")}</Button></Group>
        </Stack>
      </Paper>

      {answering && (
        <>
          <Title order={2} size="h3">{t("advice.toAnswer")}</Title>
          {open.data && open.data.legalMatters.nodes.length === 0 && <Text c="dimmed">{t("advice.nothingToAnswer")}</Text>}
          {(open.data?.legalMatters.nodes ?? []).map((m) => (
            <AnswerForm key={m.id} matter={m} onDone={() => {
              refetchOpen({ requestPolicy: "network-only" });
              refetchMine({ requestPolicy: "network-only" });
            }} />
          ))}
        </>
      )}

      <Title order={2} size="h3">{t("advice.mine")}</Title>
      {mine.data && requests.length === 0 && <Text c="dimmed">{t("advice.none")}</Text>}
      <Stack component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {requests.map((r) => (
          <Paper component="li" key={r.id} withBorder p="md">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600}>{r.title}</Text>
              <Badge color={r.status === "closed" ? "teal" : "blue"} variant="light">
                {r.status === "closed" ? t("advice.closed") : t("advice.waitingAnswer")}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">{t("advice.asked")}: {formatDateTime(r.createdAt, lang)}</Text>
            {r.description && <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>{r.description}</Text>}
            {r.answer && (
              <Paper bg="teal.0" p="sm" mt="sm" radius="sm">
                <Text size="xs" fw={600}>{t("advice.answer")}</Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{r.answer}</Text>
              </Paper>
            )}
          </Paper>
        ))}
      </Stack>
    </Page>
  );
}

function AnswerForm({ matter, onDone }: { matter: { id: string; title: string; description: string; createdAt: string }; onDone: () => void }) {
  const { t, i18n } = useBundle("legal", LEGAL_TEXTS);
  const { t: tc } = useTranslation();
  const [, answer] = useMutation(AnswerDocument);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await answer({ input: { id: matter.id, answer: text } }).finally(() => setBusy(false));
    const payload = result.data?.answerLegalAdvice;
    if (result.error || !payload || payload.userErrors.length) {
      return setError(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(result.error, tc("common.error")));
    }
    notifySaved(t("advice.answered"));
    onDone();
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Text fw={600}>{matter.title}</Text>
      <Text size="xs" c="dimmed">{t("advice.asked")}: {formatDateTime(matter.createdAt, i18n.language)}</Text>
      {matter.description && <Text size="sm" my="xs" style={{ whiteSpace: "pre-wrap" }}>{matter.description}</Text>}
      <Textarea label={t("advice.answerLabel", { title: matter.title })} autosize minRows={2} value={text} error={error}
        onChange={(e) => { setText(e.currentTarget.value); setError(null); }} />
      <Button type="submit" mt="sm" loading={busy} disabled={!text.trim()}>{t("advice.send")}</Button>
    </Paper>
  );
}
