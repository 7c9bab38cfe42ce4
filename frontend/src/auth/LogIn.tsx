import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";
import { useSession } from "./session";
import { isCompleteCode, logInStep, secondFactorInput } from "./twoFactor";

const LogInDocument = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { me { id } secondFactorChallenge userErrors { field message code } }
  }
`);
const SecondFactorDocument = graphql(`
  mutation LogInSecondFactor($input: LogInSecondFactorInput!) {
    logInSecondFactor(input: $input) { me { id } userErrors { field message code } }
  }
`);

/** The second step, for an account with two-factor on: a code from the app or a recovery code. */
function SecondFactor({ challenge, onRestart, onDone }: { challenge: string; onRestart: (message: string | null) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [recovery, setRecovery] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching }, verify] = useMutation(SecondFactorDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await verify({ input: secondFactorInput(challenge, typed, recovery) });
    const errors = result.data?.logInSecondFactor.userErrors ?? [];
    if (result.error) setMessage(errorMessage(result.error, t("common.error")));
    else if (errors.some((e) => e.code === "INVALID_CHALLENGE")) onRestart(errors.map((e) => e.message).join(" "));
    else if (errors.length) setMessage(errors.map((e) => e.message).join(" "));
    else onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{recovery ? t("twoFactor.recoveryPrompt") : t("twoFactor.prompt")}</Text>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        {recovery ? (
          <TextInput key="recovery" label={t("twoFactor.recoveryCode")} autoComplete="off" required autoFocus
            value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        ) : (
          <TextInput key="code" label={t("twoFactor.codeLabel")} autoComplete="one-time-code" inputMode="numeric"
            required autoFocus maxLength={8} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        )}
        <Button type="submit" loading={fetching} disabled={recovery ? !typed.trim() : !isCompleteCode(typed)}>
          {t("twoFactor.verify")}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => { setRecovery(!recovery); setTyped(""); setMessage(null); }}>
          {recovery ? t("twoFactor.useApp") : t("twoFactor.useRecovery")}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => onRestart(null)}>{t("common.back")}</Anchor>
      </Stack>
    </form>
  );
}

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
