import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorCode, errorMessage } from "../api/client";
import { graphql } from "../gql";
import { formatDateTime } from "../lib/format";
import { notifyError } from "./notify";

const CommentsDocument = graphql(`
  query Comments($recordId: ID!) {
    comments(recordId: $recordId, first: 100) { nodes { id body createdAt mine author { id fullName } mentions { id fullName } } }
  }
`);
const AddCommentDocument = graphql(`
  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { userErrors { field message code } } }
`);
const DeleteCommentDocument = graphql(`
  mutation DeleteComment($input: DeleteCommentInput!) { deleteComment(input: $input) { userErrors { message } } }
`);

/** Mentions are written `@[Name](id)`: show them as `@Name`. */
export function readable(body: string): string {
  return body.replace(/@\[([^\]]+)\]\([^)]+\)/g, "@$1");
}

/** Comments on a record, with @mentions (type @ and an email address, or pick from the list). */
export default function Comments({ recordId }: { recordId: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: CommentsDocument, variables: { recordId } });
  const [, add] = useMutation(AddCommentDocument);
  const [, remove] = useMutation(DeleteCommentDocument);
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  // Records of a kind nobody can comment on answer NOT_FOUND: show nothing for them.
  if (errorCode(error) === "NOT_FOUND" || errorCode(error) === "FORBIDDEN") return null;

  async function send() {
    const result = await add({ input: { recordId, body } });
    if (result.error) return notifyError(errorMessage(result.error, t("common.error")));
    const problems = result.data?.addComment.userErrors ?? [];
    if (problems.length) return setFieldError(problems.map((p) => p.message).join(" "));
    setBody("");
    setFieldError(undefined);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Paper withBorder p="md" data-testid="comments">
      <Title order={2} size="h5" mb="sm">{t("work.comments")}</Title>
      <Stack gap="sm">
        {(data?.comments.nodes ?? []).map((c) => (
          <Stack key={c.id} gap={2}>
            <Group gap="xs">
              <Text size="sm" fw={600}>{c.author.fullName}</Text>
              <Text size="xs" c="dimmed">{formatDateTime(c.createdAt, i18n.language)}</Text>
              {c.mine && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={async () => {
                  await remove({ input: { id: c.id } });
                  refetch({ requestPolicy: "network-only" });
                }}>{t("common.delete")}</Button>
              )}
            </Group>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{readable(c.body)}</Text>
          </Stack>
        ))}
        <Textarea label={t("work.addComment")} description={t("work.mentionHelp")} autosize minRows={2} value={body}
          error={fieldError} onChange={(e) => setBody(e.currentTarget.value)} />
        <Button w="fit-content" disabled={!body.trim()} onClick={() => void send()}>{t("work.postComment")}</Button>
      </Stack>
    </Paper>
  );
}
