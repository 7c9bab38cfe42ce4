import { Alert, Button, FileInput, Group, Image, Paper, Select, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { LANGUAGES } from "../../i18n";
import { useSession } from "../../auth/session";

const TenantDocument = graphql(`query CompanyProfile { tenant { id slug name locale baseCurrency logo enabledModules requireTwoFactorForOwners } }`);
const FinanceSettingsDocument = graphql(`query CompanyFiscalYear { financeSettings { fiscalYearStartMonth } }`);
const UpdateFiscalYearDocument = graphql(`
  mutation UpdateFiscalYear($input: FinanceSettingsInput!) {
    updateFinanceSettings(input: $input) { settings { fiscalYearStartMonth } userErrors { field message code } }
  }
`);
const UpdateTenantDocument = graphql(`
  mutation UpdateTenant($input: UpdateTenantInput!) {
    updateTenant(input: $input) { tenant { id name locale baseCurrency logo requireTwoFactorForOwners } userErrors { field message code } }
  }
`);
const CURRENCIES = ["IDR", "USD", "SGD", "EUR", "JPY", "CNY", "AUD", "MYR"];

/** A file's content as base64 (what the API takes for uploads). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function monthNames(lang: string): { value: string; label: string }[] {
  const format = new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: format.format(new Date(Date.UTC(2026, i, 1))) }));
}

export function Component() {
  const { t, i18n } = useTranslation();
  const { can, reset } = useSession();
  const [{ data, error }] = useQuery({ query: TenantDocument });
  const [{ fetching }, update] = useMutation(UpdateTenantDocument);
  const withFinance = Boolean(data?.tenant.enabledModules.includes("finance")) && can("finance.account.manage");
  const [finance] = useQuery({ query: FinanceSettingsDocument, pause: !withFinance });
  const [, updateFiscalYear] = useMutation(UpdateFiscalYearDocument);
  const [fiscalMonth, setFiscalMonth] = useState<string | null>(null);
  const [logo, setLogo] = useState<File | null>(null);
  const [values, setValues] = useState({ name: "", locale: "en", baseCurrency: "IDR", requireTwoFactorForOwners: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (finance.data) setFiscalMonth(String(finance.data.financeSettings.fiscalYearStartMonth));
  }, [finance.data]);
  useEffect(() => {
    if (data) setValues({ name: data.tenant.name, locale: data.tenant.locale, baseCurrency: data.tenant.baseCurrency,
      requireTwoFactorForOwners: data.tenant.requireTwoFactorForOwners });
  }, [data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { ...values, ...(logo ? { logo: await fileToBase64(logo) } : {}) };
    const result = await update({ input });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.updateTenant.userErrors, ["name", "locale", "baseCurrency", "logo"]);
    if (withFinance && fiscalMonth && !general.length && !Object.keys(byField).length) {
      const fiscal = await updateFiscalYear({ input: { fiscalYearStartMonth: Number(fiscalMonth) } });
      const problems = splitUserErrors(fiscal.data?.updateFinanceSettings.userErrors, ["fiscalYearStartMonth"]);
      Object.assign(byField, problems.byField);
      general.push(...problems.general, ...(fiscal.error ? [errorMessage(fiscal.error, t("common.error"))] : []));
    }
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (!general.length && !Object.keys(byField).length) {
      notifySaved(t("common.saved"));
      setLogo(null);
      // The header shows name and logo; the rule for owners may restrict this very session.
      if (input.logo || input.name !== data?.tenant.name
        || input.requireTwoFactorForOwners !== data?.tenant.requireTwoFactorForOwners) reset();
    }
  }

  return (
    <Page title={t("settings.companyProfile")} error={error}>
      <Paper withBorder p="md" maw={560} component="form" onSubmit={submit} noValidate>
        <Stack>
          {message && <Alert color="red" role="alert">{message}</Alert>}
          <TextInput label={t("settings.slug")} value={data?.tenant.slug ?? ""} readOnly />
          <TextInput label={t("settings.companyName")} required value={values.name} error={errors.name}
            onChange={(e) => { const name = e.currentTarget.value; setValues((v) => ({ ...v, name })); }} />
          <Select label={t("settings.defaultLanguage")} data={LANGUAGES} value={values.locale} allowDeselect={false}
            onChange={(v) => v && setValues((x) => ({ ...x, locale: v }))} error={errors.locale} />
          <Select label={t("settings.baseCurrency")} data={CURRENCIES} value={values.baseCurrency} allowDeselect={false}
            searchable onChange={(v) => v && setValues((x) => ({ ...x, baseCurrency: v }))} error={errors.baseCurrency} />
          <Stack gap={6}>
            <Text size="sm" fw={500}>{t("settings.logo")}</Text>
            <Group>
              {data?.tenant.logo && <Image src={data.tenant.logo} alt={t("settings.logo")} h={48} w="auto" fit="contain" />}
              <FileInput aria-label={t("settings.logo")} placeholder={t("settings.chooseLogo")} accept="image/png,image/jpeg"
                value={logo} onChange={setLogo} clearable error={errors.logo} w={260} />
              {data?.tenant.logo && (
                <Button variant="subtle" color="red" onClick={async () => {
                  const result = await update({ input: { logo: "" } });
                  if (!result.error && !result.data?.updateTenant.userErrors.length) reset();
                }}>{t("settings.removeLogo")}</Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">{t("settings.logoHint")}</Text>
          </Stack>
          <Stack gap={4}>
            <Title order={2} size="h5" mt="sm">{t("settings.security")}</Title>
            <Switch label={t("settings.requireTwoFactor")} description={t("settings.requireTwoFactorHelp")}
              checked={values.requireTwoFactorForOwners}
              onChange={(e) => { const on = e.currentTarget.checked; setValues((v) => ({ ...v, requireTwoFactorForOwners: on })); }} />
          </Stack>
          {withFinance && (
            <>
              <Title order={2} size="h5" mt="sm">{t("settings.fiscalYear")}</Title>
              <Select label={t("settings.fiscalYearStart")} data={monthNames(i18n.language)} value={fiscalMonth}
                allowDeselect={false} onChange={setFiscalMonth} error={errors.fiscalYearStartMonth} />
            </>
          )}
          <Button type="submit" loading={fetching} w="fit-content">{t("common.save")}</Button>
        </Stack>
      </Paper>
    </Page>
  );
}
