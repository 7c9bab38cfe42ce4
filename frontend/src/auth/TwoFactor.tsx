import { Alert, Badge, Button, Code, CopyButton, Group, Image, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../api/client";
import { graphql } from "../gql";
import AuthFrame from "./AuthFrame";
import { useSession } from "./session";
import { groupedSecret, isCompleteCode, normaliseCode, recoveryCodesText } from "./twoFactor";

const StartDocument = graphql(`
  mutation StartTwoFactorSetup {
    startTwoFactorSetup { setup { secret otpauthUri qrCode } userErrors { message code } }
  }
`);
const ConfirmDocument = graphql(`
  mutation ConfirmTwoFactorSetup($input: ConfirmTwoFactorSetupInput!) {
    confirmTwoFactorSetup(input: $input) { recoveryCodes userErrors { field message code } }
  }
`);
const DisableDocument = graphql(`
  mutation DisableTwoFactor($input: TwoFactorProofInput!) {
    disableTwoFactor(input: $input) { me { id twoFactorEnabled } userErrors { message code } }
  }
`);
const RegenerateDocument = graphql(`
  mutation RegenerateRecoveryCodes($input: TwoFactorProofInput!) {
    regenerateRecoveryCodes(input: $input) { recoveryCodes userErrors { message code } }
  }
`);
const LogOutDocument = graphql(`mutation LogOutFromSetup { logOut { ok } }`);

interface Setup {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/** Recovery codes, shown once, with a way to copy them; `onDone` when they are saved. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow" title={t("twoFactor.recoveryTitle")}>{t("twoFactor.recoveryHelp")}</Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((c) => <Code key={c} fz="md">{c}</Code>)}
      </SimpleGrid>
      <Group>
        <CopyButton value={recoveryCodesText(t("twoFactor.recoveryFileHeading"), codes)}>
          {({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>}
        </CopyButton>
        <Button onClick={onDone}>{t("twoFactor.savedThem")}</Button>
      </Group>
    </Stack>
  );
}

/** The setup: scan the QR code (or type the secret), then confirm with a code. */
function SetupSteps({ setup, onConfirmed, onCancel }: { setup: Setup; onConfirmed: (codes: string[]) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching }, confirm] = useMutation(ConfirmDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await confirm({ input: { code: normaliseCode(code) } });
    const problems = result.data?.confirmTwoFactorSetup.userErrors ?? [];
    if (result.error) setMessage(errorMessage(result.error, t("common.error")));
    else if (problems.length) setMessage(problems.map((p) => p.message).join(" "));
    else onConfirmed(result.data?.confirmTwoFactorSetup.recoveryCodes ?? []);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t("twoFactor.scan")}</Text>
        <Image src={setup.qrCode} alt={t("twoFactor.qrAlt")} w={200} h={200} fit="contain" />
        <Text size="sm">{t("twoFactor.typeSecret")}</Text>
        <Group gap="xs">
          <Code fz="md" data-testid="totp-secret">{groupedSecret(setup.secret)}</Code>
          <CopyButton value={setup.secret}>
            {({ copied, copy }) => <Button size="xs" variant="subtle" onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>}
          </CopyButton>
        </Group>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t("twoFactor.codeLabel")} description={t("twoFactor.codeHint")} autoComplete="one-time-code"
          inputMode="numeric" required value={code} maxLength={8} w={220}
          onChange={(e) => setCode(e.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={fetching} disabled={!isCompleteCode(code)}>{t("twoFactor.turnOn")}</Button>
          {onCancel && <Button variant="subtle" onClick={onCancel}>{t("common.cancel")}</Button>}
        </Group>
      </Stack>
    </form>
  );
}

/** A password to prove it is you, before turning two-factor off or making new recovery codes. */
function ProofForm({ label, danger, onProof, onCancel }: {
  label: string; danger?: boolean; onCancel: () => void;
  onProof: (password: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form noValidate onSubmit={async (event) => {
      event.preventDefault();
      setBusy(true);
      setMessage(await onProof(password));
      setBusy(false);
    }}>
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <PasswordInput label={t("twoFactor.confirmPassword")} autoComplete="current-password" required w={300}
          value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Group>
          <Button type="submit" color={danger ? "red" : undefined} loading={busy} disabled={!password}>{label}</Button>
          <Button variant="subtle" onClick={onCancel}>{t("common.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Setting up, using and turning off two-factor authentication for one's own account. */
export function TwoFactorPanel({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const enabled = Boolean(me?.twoFactorEnabled);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<"disable" | "regenerate" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching: starting }, start] = useMutation(StartDocument);
  const [, disable] = useMutation(DisableDocument);
  const [, regenerate] = useMutation(RegenerateDocument);

  async function begin() {
    setMessage(null);
    const result = await start({});
    const problems = result.data?.startTwoFactorSetup.userErrors ?? [];
    if (result.error) setMessage(errorMessage(result.error, t("common.error")));
    else if (problems.length) setMessage(problems.map((p) => p.message).join(" "));
    else setSetup(result.data?.startTwoFactorSetup.setup ?? null);
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={() => { setCodes(null); onChanged(); }} />;
  if (setup && !enabled) {
    return <SetupSteps setup={setup} onCancel={() => setSetup(null)} onConfirmed={(c) => { setSetup(null); setCodes(c); }} />;
  }
  return (
    <Stack>
      {message && <Alert color="red" role="alert">{message}</Alert>}
      {!enabled && (
        <Group>
          <Button onClick={begin} loading={starting}>{t("twoFactor.setUp")}</Button>
        </Group>
      )}
      {enabled && asking === null && (
        <Stack gap="xs">
          <Text size="sm">{t("twoFactor.codesLeft", { count: me?.twoFactorRecoveryCodesLeft ?? 0 })}</Text>
          <Group>
            <Button variant="light" onClick={() => setAsking("regenerate")}>{t("twoFactor.newCodes")}</Button>
            <Button variant="light" color="red" onClick={() => setAsking("disable")}>{t("twoFactor.turnOff")}</Button>
          </Group>
        </Stack>
      )}
      {enabled && asking === "disable" && (
        <ProofForm label={t("twoFactor.turnOff")} danger onCancel={() => setAsking(null)} onProof={async (password) => {
          const result = await disable({ input: { password } });
          const problems = result.data?.disableTwoFactor.userErrors ?? [];
          if (result.error) return errorMessage(result.error, t("common.error"));
          if (problems.length) return problems.map((p) => p.message).join(" ");
          setAsking(null);
          onChanged();
          return null;
        }} />
      )}
      {enabled && asking === "regenerate" && (
        <ProofForm label={t("twoFactor.newCodes")} onCancel={() => setAsking(null)} onProof={async (password) => {
          const result = await regenerate({ input: { password } });
          const problems = result.data?.regenerateRecoveryCodes.userErrors ?? [];
          if (result.error) return errorMessage(result.error, t("common.error"));
          if (problems.length) return problems.map((p) => p.message).join(" ");
          setAsking(null);
          setCodes(result.data?.regenerateRecoveryCodes.recoveryCodes ?? []);
          return null;
        }} />
      )}
    </Stack>
  );
}

/** The account page's card. */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const { me, reset } = useSession();
  return (
    <Paper withBorder p="md" maw={720} data-testid="two-factor">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h5">{t("twoFactor.title")}</Title>
        <Badge color={me?.twoFactorEnabled ? "green" : "gray"}>{me?.twoFactorEnabled ? t("twoFactor.on") : t("twoFactor.off")}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">{t("twoFactor.help")}</Text>
      <TwoFactorPanel onChanged={reset} />
    </Paper>
  );
}

/** Where an owner lands when their company requires two-factor and they have not set it up. */
export function Component() {
  const { t } = useTranslation();
  const { me, reset } = useSession();
  const [, logOut] = useMutation(LogOutDocument);
  if (!me) return <Navigate to="/login" replace />;
  if (!me.twoFactorSetupRequired) return <Navigate to="/" replace />;
  return (
    <AuthFrame title={t("twoFactor.requiredTitle")}>
      <Text size="sm">{t("twoFactor.requiredHelp")}</Text>
      <TwoFactorPanel onChanged={reset} />
      <Button variant="subtle" onClick={async () => { await logOut({}); reset(); }}>{t("auth.logOut")}</Button>
    </AuthFrame>
  );
}
