import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import { isCompleteCode, secondFactorInput } from "./twoFactor";

const SecondFactorDocument = graphql(`
  mutation LogInSecondFactor($input: LogInSecondFactorInput!) {
    logInSecondFactor(input: $input) { me { id } userErrors { field message code } }
  }
`);

/** The second step, for an account with two-factor on: a code from the app or a recovery code.
 * Used after the password on the log-in page, and after signing up or accepting an invitation
 * with the password of an existing account. */
export default function SecondFactor({ challenge, onRestart, onDone }: { challenge: string; onRestart: (message: string | null) => void; onDone: () => void }) {
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
