import {
  Alert, Badge, Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { splitUserErrors } from "../../api/userErrors";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatNumber } from "../../lib/format";
import ForecastPanel from "./ForecastPanel";
import { AmountTh, ErrorNote, MoneyTd, useCurrency } from "./parts";
import { isoDate } from "./report";
import { FINANCE_TEXTS } from "./texts";

const RisksDocument = graphql(`
  query FinanceRisks($asOf: Date!) { riskIndicators(asOf: $asOf) { key value threshold alert } }
`);
const BudgetDocument = graphql(`
  query FinanceBudget($year: Int!) {
    budgetVsActual(year: $year) { month budget actual variance account { id code name } }
  }
`);
const BudgetAccountsDocument = graphql(`
  query FinanceBudgetAccounts { accounts(first: 100) { nodes { id code name kind } } }
`);
const SetBudgetDocument = graphql(`
  mutation FinanceSetBudget($input: BudgetInput!) { setBudget(input: $input) { ok userErrors { field message code } } }
`);
const AddRecurringDocument = graphql(`
  mutation FinanceAddRecurring($input: RecurringItemInput!) { addRecurringItem(input: $input) { ok userErrors { field message code } } }
`);

const SHARE_KEYS = new Set(["overdue_share", "top_customer_share"]);

/** Budgets and forecast: the 13-week cash forecast, risk indicators and the budget against actuals. */
export default function Planning() {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const lang = i18n.language;
  const currency = useCurrency();
  const { can } = useSession();
  const manage = can("finance.account.manage");
  const today = useMemo(() => isoDate(new Date()), []);
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [risks] = useQuery({ query: RisksDocument, variables: { asOf: today } });
  const [budget, refetchBudget] = useQuery({ query: BudgetDocument, variables: { year } });
  const [modal, setModal] = useState<"budget" | "recurring" | null>(null);
  const [forecastKey, setForecastKey] = useState(0);
  const percent = (v: string) => new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { style: "percent", maximumFractionDigits: 1 })
    .format(Number(v));
  const monthName = (m: number) => new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { month: "long", timeZone: "UTC" })
    .format(new Date(Date.UTC(2000, m - 1, 1)));

  return (
    <Page title={t("planning")} actions={manage && (
      <>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setModal("recurring")}>
          {t("forecast.addRecurring")}
        </Button>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setModal("budget")}>
          {t("budget.set")}
        </Button>
      </>
    )}>
      <Title order={2} size="h3">{t("tabs.cashForecast")}</Title>
      <ForecastPanel key={forecastKey} today={today} />

      <Title order={2} size="h3" mt="md">{t("risks.title")}</Title>
      <ErrorNote error={risks.error} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="risk-indicators">
        {(risks.data?.riskIndicators ?? []).map((r) => (
          <Paper key={r.key} withBorder p="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed">{t(`risks.${r.key}`, { defaultValue: r.key })}</Text>
              <Badge color={r.alert ? "red" : "teal"} variant="light">{r.alert ? t("risks.alert") : t("risks.ok")}</Badge>
            </Group>
            <Text fz={24} fw={700} c={r.alert ? "red.7" : undefined}>
              {SHARE_KEYS.has(r.key) ? percent(r.value) : formatNumber(r.value, lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("risks.threshold")}: {SHARE_KEYS.has(r.key) ? percent(r.threshold) : formatNumber(r.threshold, lang)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      <Group justify="space-between" align="flex-end" mt="md">
        <Title order={2} size="h3">{t("budget.title")}</Title>
        <NumberInput label={t("budget.year")} value={year} w={120} min={2000} max={2100} allowDecimal={false}
          onChange={(v) => typeof v === "number" && v >= 2000 && v <= 2100 && setYear(v)} />
      </Group>
      <ErrorNote error={budget.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="budget-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("account")}</Table.Th><Table.Th>{t("budget.month")}</Table.Th>
              <AmountTh>{t("budget.budget")}</AmountTh><AmountTh>{t("budget.actual")}</AmountTh><AmountTh>{t("budget.variance")}</AmountTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(budget.data?.budgetVsActual ?? []).map((line) => (
              <Table.Tr key={`${line.account.id}-${line.month}`}>
                <Table.Td>{line.account.code} {line.account.name}</Table.Td>
                <Table.Td>{monthName(line.month)}</Table.Td>
                <MoneyTd value={line.budget} currency={currency} lang={lang} />
                <MoneyTd value={line.actual} currency={currency} lang={lang} />
                <MoneyTd value={line.variance} currency={currency} lang={lang} strong />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {budget.data && budget.data.budgetVsActual.length === 0 && <Text c="dimmed">{t("budget.none")}</Text>}

      <Modal opened={modal === "budget"} onClose={() => setModal(null)} title={t("budget.set")}>
        {modal === "budget" && (
          <BudgetForm year={year} monthName={monthName} onDone={() => {
            setModal(null);
            notifySaved(t("budget.saved"));
            refetchBudget({ requestPolicy: "network-only" });
          }} />
        )}
      </Modal>
      <Modal opened={modal === "recurring"} onClose={() => setModal(null)} title={t("forecast.addRecurring")}>
        {modal === "recurring" && (
          <RecurringForm today={today} onDone={() => {
            setModal(null);
            notifySaved(t("forecast.recurringAdded"));
            setForecastKey((k) => k + 1);
          }} />
        )}
      </Modal>
    </Page>
  );
}

function BudgetForm({ year, monthName, onDone }: { year: number; monthName: (m: number) => string; onDone: () => void }) {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  const { t: tc } = useTranslation();
  const [{ data }] = useQuery({ query: BudgetAccountsDocument });
  const [, setBudget] = useMutation(SetBudgetDocument);
  const [values, setValues] = useState({ accountId: "", year: String(year), month: String(new Date().getMonth() + 1), amount: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const accounts = (data?.accounts.nodes ?? []).filter((a) => a.kind === "income" || a.kind === "expense")
    .map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await setBudget({ input: { accountId: values.accountId, year: Number(values.year), month: Number(values.month), amount: values.amount } });
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const { byField, general } = splitUserErrors(result.data?.setBudget.userErrors, ["accountId", "year", "month", "amount"]);
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (!general.length && !Object.keys(byField).length) onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <Select label={t("account")} data={accounts} value={values.accountId || null} searchable required error={errors.accountId}
          onChange={(v) => setValues((x) => ({ ...x, accountId: v ?? "" }))} comboboxProps={{ withinPortal: true }} />
        <Group grow>
          <TextInput label={t("budget.year")} inputMode="numeric" required value={values.year} error={errors.year}
            onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, year: v })); }} />
          <Select label={t("budget.month")} required value={values.month} allowDeselect={false} error={errors.month}
            data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
            onChange={(v) => v && setValues((x) => ({ ...x, month: v }))} comboboxProps={{ withinPortal: true }} />
        </Group>
        <TextInput label={t("budget.budget")} inputMode="decimal" required value={values.amount} error={errors.amount}
          onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, amount: v })); }} />
        <Button type="submit">{tc("common.save")}</Button>
      </Stack>
    </form>
  );
}

function RecurringForm({ today, onDone }: { today: string; onDone: () => void }) {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  const { t: tc } = useTranslation();
  const [, add] = useMutation(AddRecurringDocument);
  const [values, setValues] = useState({ description: "", amount: "", every: "month", nextDate: today });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await add({ input: values });
    if (result.error) return setMessage(errorMessage(result.error, tc("common.error")));
    const { byField, general } = splitUserErrors(result.data?.addRecurringItem.userErrors, ["description", "amount", "every", "nextDate"]);
    setErrors(byField);
    setMessage(general.join(" ") || null);
    if (!general.length && !Object.keys(byField).length) onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {message && <Alert color="red" role="alert">{message}</Alert>}
        <TextInput label={t("forecast.recurringDescription")} required value={values.description} error={errors.description}
          onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, description: v })); }} />
        <TextInput label={t("forecast.recurringAmount")} inputMode="decimal" required value={values.amount} error={errors.amount}
          onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, amount: v })); }} />
        <Group grow>
          <Select label={t("forecast.every")} value={values.every} allowDeselect={false} error={errors.every}
            data={[{ value: "week", label: t("forecast.week") }, { value: "month", label: t("forecast.month") }]}
            onChange={(v) => v && setValues((x) => ({ ...x, every: v }))} comboboxProps={{ withinPortal: true }} />
          <TextInput type="date" label={t("forecast.nextDate")} required value={values.nextDate} error={errors.nextDate}
            onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, nextDate: v })); }} />
        </Group>
        <Button type="submit">{tc("common.save")}</Button>
      </Stack>
    </form>
  );
}
