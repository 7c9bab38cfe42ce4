import { Alert, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { splitUserErrors } from "../api/userErrors";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";
import SecondFactor from "./SecondFactor";
import { useSession } from "./session";

const AcceptDocument = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) { secondFactorChallenge userErrors { field message code } }
  }
`);

export function Component() {
  const { t } = useTranslation();
  const { reset } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [fullName, setFullName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [{ fetching }, accept] = useMutation(AcceptDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await accept({ input: { token: params.get("token") ?? "", fullName, password } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.acceptInvitation.userErrors, ["fullName", "password"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (!general.length && !Object.keys(byField).length) {
      // An existing account with two-factor on joined; the session waits for the code.
      const next = result.data?.acceptInvitation.secondFactorChallenge;
      if (next) return setChallenge(next);
      navigate("/", { replace: true });
      reset();
    }
  }

  if (challenge) {
    return (
      <AuthFrame title={t("twoFactor.title")}>
        <SecondFactor challenge={challenge} onDone={() => { navigate("/", { replace: true }); reset(); }}
          onRestart={() => { navigate("/login", { replace: true }); }} />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t("auth.acceptInvitation")}>
      <Text size="sm">{t("auth.invitationHelp")}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <TextInput label={t("auth.fullName")} value={fullName} error={errors.fullName}
            onChange={(e) => setFullName(e.currentTarget.value)} autoComplete="name" />
          <PasswordInput label={t("auth.password")} description={t("auth.passwordHint")} required value={password}
            error={errors.password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" />
          <Button type="submit" loading={fetching}>{t("auth.acceptInvitation")}</Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
