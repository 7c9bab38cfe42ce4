import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";

const RequestResetDocument = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) { ok userErrors { field message code } }
  }
`);

/** Ask for a reset link by email. The answer is the same whether or not the address has an account. */
export function Component() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(RequestResetDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await request({ input: { email } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const problems = result.data?.requestPasswordReset.userErrors ?? [];
    if (problems.length) return setMessage(problems.map((p) => p.message).join(" "));
    setSent(true);
  }

  return (
    <AuthFrame title={t("auth.forgot")}>
      {sent ? (
        <Alert color="green" role="status">{t("auth.resetSent")}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t("auth.resetHelp")}</Text>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <TextInput label={t("auth.email")} type="email" required value={email} autoComplete="email"
              onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit" loading={fetching}>{t("auth.sendResetLink")}</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">{t("common.back")}</Anchor>
    </AuthFrame>
  );
}
