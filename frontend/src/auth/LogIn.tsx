import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";
import { useSession } from "./session";
import SecondFactor from "./SecondFactor";
import { logInStep } from "./twoFactor";

const LogInDocument = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { me { id } secondFactorChallenge userErrors { field message code } }
  }
`);
export default function LogIn() {
  const { t } = useTranslation();
  const { reset } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenantSlug, setTenantSlug] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [{ fetching }, logIn] = useMutation(LogInDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await logIn({ input: { email, password, tenantSlug: tenantSlug || null } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const step = logInStep(result.data?.logIn, t("common.error"));
    if (step.kind === "secondFactor") {
      setPassword("");
      setChallenge(step.challenge);
    } else if (step.kind === "error") setMessage(step.message);
    else reset();
  }

  if (challenge) {
    return (
      <AuthFrame title={t("twoFactor.title")}>
        <SecondFactor challenge={challenge} onDone={reset}
          onRestart={(text) => { setChallenge(null); setMessage(text); }} />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title={t("auth.logIn")}
      footer={<>{t("auth.noAccount")} <Anchor component={Link} to="/signup">{t("auth.signUp")}</Anchor></>}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <TextInput label={t("auth.email")} type="email" autoComplete="username" required value={email}
            onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t("auth.password")} autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.currentTarget.value)} />
          <TextInput label={t("auth.companySlug")} description={t("auth.companySlugHint")} value={tenantSlug}
            onChange={(e) => setTenantSlug(e.currentTarget.value)} />
          <Button type="submit" loading={fetching}>{t("auth.logIn")}</Button>
          <Anchor component={Link} to="/forgot-password" size="sm">{t("auth.forgot")}</Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
