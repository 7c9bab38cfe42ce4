import { Alert, Button, Loader, Stack } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";

const VerifyDocument = graphql(`
  mutation VerifyEmail($input: VerifyEmailInput!) {
    verifyEmail(input: $input) { emailVerified userErrors { message code } }
  }
`);

/** The link from the sign-up email: proves the address, once. */
export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [state, setState] = useState<{ ok: boolean; message: string } | null>(null);
  const [, verify] = useMutation(VerifyDocument);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void verify({ input: { token: params.get("token") ?? "" } }).then((result) => {
      const problems = result.data?.verifyEmail.userErrors ?? [];
      if (result.error) setState({ ok: false, message: errorMessage(result.error, t("common.error")) });
      else if (problems.length) setState({ ok: false, message: problems.map((p) => p.message).join(" ") });
      else setState({ ok: true, message: t("auth.emailVerified") });
    });
  }, [params, t, verify]);
  return (
    <AuthFrame title={t("auth.verifyEmail")}>
      {state === null ? <Loader aria-label={t("app.loading")} /> : (
        <Stack>
          <Alert color={state.ok ? "green" : "red"} role={state.ok ? "status" : "alert"}>{state.message}</Alert>
          <Button component={Link} to="/">{t("nav.home")}</Button>
        </Stack>
      )}
    </AuthFrame>
  );
}
