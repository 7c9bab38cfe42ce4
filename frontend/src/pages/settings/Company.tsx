import { Alert, Button, Paper, Select, Stack, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { graphql } from "../../gql";
import { LANGUAGES } from "../../i18n";

const TenantDocument = graphql(`query CompanyProfile { tenant { id slug name locale baseCurrency } }`);
const UpdateTenantDocument = graphql(`
  mutation UpdateTenant($input: UpdateTenantInput!) {
    updateTenant(input: $input) { tenant { id name locale baseCurrency } userErrors { field message code } }
  }
`);
const CURRENCIES = ["IDR", "USD", "SGD", "EUR", "JPY", "CNY", "AUD", "MYR"];

export function Component() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: TenantDocument });
  const [{ fetching }, update] = useMutation(UpdateTenantDocument);
  const [values, setValues] = useState({ name: "", locale: "en", baseCurrency: "IDR" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (data) setValues({ name: data.tenant.name, locale: data.tenant.locale, baseCurrency: data.tenant.baseCurrency });
  }, [data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await update({ input: values });
    if (result.error) return setMessage(errorMessage(result.error, t("common.error")));
    const { byField, general } = splitUserErrors(result.data?.updateTenant.userErrors, ["name", "locale", "baseCurrency"]);
    setErrors(byField);
    setMessage(general.length ? general.join(" ") : null);
    if (!general.length && !Object.keys(byField).length) notifySaved(t("common.saved"));
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
          <Button type="submit" loading={fetching} w="fit-content">{t("common.save")}</Button>
        </Stack>
      </Paper>
    </Page>
  );
}
