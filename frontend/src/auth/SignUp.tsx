import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { splitUserErrors } from "../api/userErrors";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";
import SecondFactor from "./SecondFactor";
import { useSession } from "./session";

const SignUpDocument = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { me { id } secondFactorChallenge userErrors { field message code } }
  }
`);

const FIELDS = ["companyName", "fullName", "email", "password"] as const;

export function Component() {
  const { t, i18n } = useTranslation();
  const { reset } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ companyName: "", fullName: "", email: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [{ fetching }, signUp] = useMutation(SignUpDocument);
  const set = (name: (typeof FIELDS)[number]) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.currentTarget.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await signUp({ input: { ...values, locale: i18n.language } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.signUp.userErrors, FIELDS);
    setFieldErrors(byField);
    if (general.length) setMessage(general.join(" "));
    if (general.length || Object.keys(byField).length) return;
    // An existing account with two-factor on: the company is made, the session waits for the code.
    if (result.data?.signUp.secondFactorChallenge) setChallenge(result.data.signUp.secondFactorChallenge);
    else reset();
  }

  if (challenge) {
    return (
      <AuthFrame title={t("twoFactor.title")}>
        <SecondFactor challenge={challenge} onDone={reset}
          onRestart={() => navigate("/login")} />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title={t("auth.signUp")}
      footer={<>{t("auth.haveAccount")} <Anchor component={Link} to="/login">{t("auth.logIn")}</Anchor></>}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <TextInput label={t("auth.companyName")} required value={values.companyName} onChange={set("companyName")}
            error={fieldErrors.companyName} autoComplete="organization" />
          <TextInput label={t("auth.fullName")} required value={values.fullName} onChange={set("fullName")}
            error={fieldErrors.fullName} autoComplete="name" />
          <TextInput label={t("auth.email")} type="email" required value={values.email} onChange={set("email")}
            error={fieldErrors.email} autoComplete="email" />
          <PasswordInput label={t("auth.password")} description={t("auth.passwordHint")} required
            value={values.password} onChange={set("password")} error={fieldErrors.password}
            autoComplete="new-password" />
          <Button type="submit" loading={fetching}>{t("auth.signUp")}</Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
