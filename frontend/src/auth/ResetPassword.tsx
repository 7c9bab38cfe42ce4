import { Alert, Anchor, Button, PasswordInput, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { splitUserErrors } from "../api/userErrors";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";

const ResetDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) { ok userErrors { field message code } }
  }
`);

/** Choose a new password from the emailed link (single use, expiring). */
export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [password, setPassword] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, reset] = useMutation(ResetDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await reset({ input: { token: params.get("token") ?? "", password } });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.resetPassword.userErrors, ["password"]);
    setFieldError(byField.password);
    setMessage(general.length ? general.join(" ") : null);
    if (result.data?.resetPassword.ok) setDone(true);
  }

  return (
    <AuthFrame title={t("auth.newPassword")}>
      {done ? (
        <Stack>
          <Alert color="green" role="status">{t("auth.passwordChanged")}</Alert>
          <Button component={Link} to="/login">{t("auth.logIn")}</Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {message && <Alert color="red" role="alert">{message}</Alert>}
            <PasswordInput label={t("auth.password")} description={t("auth.passwordHint")} required value={password}
              error={fieldError} autoComplete="new-password" onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={fetching}>{t("common.save")}</Button>
            <Anchor component={Link} to="/login" size="sm">{t("common.back")}</Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
