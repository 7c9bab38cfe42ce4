import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import {
  Badge, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import Page from "../../components/Page";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatMoney } from "../../lib/format";
import ExportMenu from "./ExportMenu";
import ForecastPanel from "./ForecastPanel";
import { AmountTh, ErrorNote, Figure, MoneyTd, PeriodFields, useCurrency } from "./parts";
import {
  chartNumber, compareLines, comparisonPeriod, isoDate, presetPeriod, relativeChange, rowsOfKind, signOf, subtractDecimals,
  sumDecimals, type Comparison, type Period, type StatementRow,
} from "./report";
import { FINANCE_TEXTS } from "./texts";

const ProfitAndLossDocument = graphql(`
  query FinanceProfitAndLoss($dateFrom: Date!, $dateTo: Date!, $compareFrom: Date, $compareTo: Date) {
    profitAndLoss(dateFrom: $dateFrom, dateTo: $dateTo, compareFrom: $compareFrom, compareTo: $compareTo) {
      dateFrom dateTo income expense net
      lines { amount account { id code name kind } }
      comparison { dateFrom dateTo income expense net lines { amount account { id code name kind } } }
    }
  }
`);
const BalanceSheetDocument = graphql(`
  query FinanceBalanceSheet($asOf: Date!) {
    balanceSheet(asOf: $asOf) {
      asOf assets liabilities equity currentEarnings
      lines { amount account { id code name kind } }
    }
  }
`);
const TrialBalanceDocument = graphql(`
  query FinanceTrialBalance($asOf: Date!) {
    trialBalance(asOf: $asOf) {
      asOf totalDebit totalCredit
      lines { debit credit balance account { id code name kind } }
    }
  }
`);
const CashFlowDocument = graphql(`
  query FinanceCashFlow($dateFrom: Date!, $dateTo: Date!) {
    cashFlow(dateFrom: $dateFrom, dateTo: $dateTo) { dateFrom dateTo opening operating investing financing net closing }
  }
`);

const TABS = ["profit-and-loss", "balance-sheet", "trial-balance", "cash-flow", "cash-forecast"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  "profit-and-loss": "tabs.profitAndLoss", "balance-sheet": "tabs.balanceSheet", "trial-balance": "tabs.trialBalance",
  "cash-flow": "tabs.cashFlow", "cash-forecast": "tabs.cashForecast",
};

function Loading() {
  const { t } = useTranslation();
  return <Center h={160}><Loader aria-label={t("app.loading")} /></Center>;
}

/** The first of the year of a date: the start of the file export of an "as of" report. */
function yearStart(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}

/** Financial reports: profit and loss with a comparison, balance sheet, trial balance, cash flow, cash forecast. */
export default function Reports() {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const fallback: Tab = location.pathname.startsWith("/finance/trial-balance") ? "trial-balance" : "profit-and-loss";
  const requested = params.get("report") as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : fallback;
  const today = useMemo(() => isoDate(new Date()), []);

  return (
    <Page title={t("reports")}>
      <Tabs value={tab} keepMounted={false} onChange={(value) => value && setParams({ report: value }, { replace: true })}>
        <Tabs.List aria-label={t("reports")} style={{ flexWrap: "wrap" }}>
          {TABS.map((key) => <Tabs.Tab key={key} value={key} data-testid={`tab-${key}`}>{t(TAB_LABELS[key])}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="profit-and-loss" pt="md"><ProfitAndLoss today={today} /></Tabs.Panel>
        <Tabs.Panel value="balance-sheet" pt="md"><BalanceSheet today={today} /></Tabs.Panel>
        <Tabs.Panel value="trial-balance" pt="md"><TrialBalance today={today} /></Tabs.Panel>
        <Tabs.Panel value="cash-flow" pt="md"><CashFlow today={today} /></Tabs.Panel>
        <Tabs.Panel value="cash-forecast" pt="md"><ForecastPanel today={today} /></Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function ChangeTd({ row, currency, lang }: { row: StatementRow; currency: string; lang: string }) {
  if (row.change === null) return null;
  const ratio = relativeChange(row.amount, row.previous);
  return (
    <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }} c={signOf(row.change) < 0 ? "red.7" : undefined}>
      {formatMoney(row.change, currency, lang)}
      {ratio !== null && (
        <Text span size="xs" c="dimmed" ml={6}>
          {new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(ratio)}
        </Text>
      )}
    </Table.Td>
  );
}

function ProfitAndLoss({ today }: { today: string }) {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const lang = i18n.language;
  const currency = useCurrency();
  const [period, setPeriod] = useState<Period>(() => presetPeriod("yearToDate", today));
  const [mode, setMode] = useState<Comparison>("previousYear");
  const compared = comparisonPeriod(period, mode);
  const valid = period.from <= period.to;
  const [{ data, fetching, error }] = useQuery({
    query: ProfitAndLossDocument, pause: !valid,
    variables: { dateFrom: period.from, dateTo: period.to, compareFrom: compared?.from ?? null, compareTo: compared?.to ?? null },
  });
  const report = data?.profitAndLoss;
  const previous = compared ? report?.comparison ?? null : null;
  const rows = useMemo(() => compareLines(report?.lines ?? [], previous ? previous.lines : null), [report, previous]);
  const comparedLabel = previous
    ? t("periodLabel", { from: formatDate(previous.dateFrom, lang), to: formatDate(previous.dateTo, lang) }) : "";
  const money = (v: string) => formatMoney(v, currency, lang);
  const chart = report ? [
    { metric: t("income"), current: chartNumber(report.income), previous: chartNumber(previous?.income) },
    { metric: t("expense"), current: chartNumber(report.expense), previous: chartNumber(previous?.expense) },
    { metric: t("net"), current: chartNumber(report.net), previous: chartNumber(previous?.net) },
  ] : [];
  const columns = previous ? 5 : 3;

  const section = (kind: "income" | "expense", title: string, total: string, totalBefore?: string) => (
    <>
      <Table.Tr><Table.Th colSpan={columns} scope="colgroup">{title}</Table.Th></Table.Tr>
      {rowsOfKind(rows, kind).map((row) => (
        <Table.Tr key={row.account.id}>
          <Table.Td>{row.account.code}</Table.Td>
          <Table.Td>{row.account.name}</Table.Td>
          <MoneyTd value={row.amount} currency={currency} lang={lang} />
          {previous && <MoneyTd value={row.previous} currency={currency} lang={lang} />}
          {previous && <ChangeTd row={row} currency={currency} lang={lang} />}
        </Table.Tr>
      ))}
      <Table.Tr>
        <Table.Td />
        <Table.Td fw={600}>{t("total")} {title.toLowerCase()}</Table.Td>
        <MoneyTd value={total} currency={currency} lang={lang} strong />
        {previous && <MoneyTd value={totalBefore} currency={currency} lang={lang} strong />}
        {previous && totalBefore !== undefined && (
          <ChangeTd row={{ account: { id: "", code: "", name: "", kind }, amount: total, previous: totalBefore, change: subtractDecimals(total, totalBefore) }}
            currency={currency} lang={lang} />
        )}
      </Table.Tr>
    </>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <PeriodFields period={period} onChange={setPeriod} today={today} />
          <Select label={t("compareWith")} w={240} value={mode} allowDeselect={false} comboboxProps={{ withinPortal: true }}
            data={(["none", "previousPeriod", "previousYear"] as Comparison[]).map((m) => ({ value: m, label: t(`comparison.${m}`) }))}
            onChange={(value) => value && setMode(value as Comparison)} />
        </Group>
        <Stack gap={2} align="flex-end">
          <ExportMenu report="PROFIT_AND_LOSS" label={t("tabs.profitAndLoss")} dateFrom={period.from} dateTo={period.to} disabled={!valid} />
        </Stack>
      </Group>
      {fetching && !report && <Loading />}
      <ErrorNote error={error} />
      {report && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label={t("income")} value={money(report.income)} testId="pl-income"
              hint={previous ? t("vs", { period: money(previous.income) }) : undefined} />
            <Figure label={t("expense")} value={money(report.expense)}
              hint={previous ? t("vs", { period: money(previous.expense) }) : undefined} />
            <Figure label={signOf(report.net) < 0 ? t("loss") : t("profit")} value={money(report.net)} testId="pl-net"
              colour={signOf(report.net) < 0 ? "red.7" : "teal.7"}
              hint={previous ? t("vs", { period: money(previous.net) }) : undefined} />
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">{previous ? t("chartPl") : t("chartPlSingle")}</Title>
            <BarChart h={260} data={chart} dataKey="metric" withLegend={Boolean(previous)} data-testid="pl-chart"
              aria-label={previous ? t("chartPl") : t("chartPlSingle")} role="img"
              valueFormatter={(v) => money(String(v))} yAxisProps={{ width: 90 }}
              series={[
                { name: "current", label: t("periodLabel", { from: formatDate(report.dateFrom, lang), to: formatDate(report.dateTo, lang) }), color: "blue.6" },
                ...(previous ? [{ name: "previous", label: comparedLabel, color: "gray.5" }] : []),
              ]} />
          </Paper>
          <Table.ScrollContainer minWidth={previous ? 720 : 480}>
            <Table striped data-testid="pl-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("code")}</Table.Th><Table.Th>{t("account")}</Table.Th>
                  <AmountTh>{t("current")}</AmountTh>
                  {previous && <AmountTh>{comparedLabel}</AmountTh>}
                  {previous && <AmountTh>{t("change")}</AmountTh>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section("income", t("income"), report.income, previous?.income)}
                {section("expense", t("expense"), report.expense, previous?.expense)}
                <Table.Tr>
                  <Table.Td />
                  <Table.Td fw={700}>{t("net")}</Table.Td>
                  <MoneyTd value={report.net} currency={currency} lang={lang} strong />
                  {previous && <MoneyTd value={previous.net} currency={currency} lang={lang} strong />}
                  {previous && (
                    <ChangeTd row={{ account: { id: "", code: "", name: "", kind: "" }, amount: report.net, previous: previous.net, change: subtractDecimals(report.net, previous.net) }}
                      currency={currency} lang={lang} />
                  )}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && <Text c="dimmed">{t("noMovements")}</Text>}
        </>
      )}
    </Stack>
  );
}

function AsOfField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  return (
    <TextInput type="date" label={t("asOf")} value={value} w={200}
      onChange={(e) => { const v = e.currentTarget.value; if (v) onChange(v); }} />
  );
}

function BalanceSheet({ today }: { today: string }) {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const lang = i18n.language;
  const currency = useCurrency();
  const [asOf, setAsOf] = useState(today);
  const [{ data, fetching, error }] = useQuery({ query: BalanceSheetDocument, variables: { asOf } });
  const sheet = data?.balanceSheet;
  const money = (v: string) => formatMoney(v, currency, lang);
  const rows = useMemo(() => compareLines(sheet?.lines ?? [], null), [sheet]);
  const other = sheet ? sumDecimals([sheet.liabilities, sheet.equity]) : "0";
  const balanced = sheet ? signOf(subtractDecimals(sheet.assets, other)) === 0 : true;

  const section = (kind: string, title: string, total: string, extra?: { label: string; amount: string }) => (
    <>
      <Table.Tr><Table.Th colSpan={3} scope="colgroup">{title}</Table.Th></Table.Tr>
      {rowsOfKind(rows, kind).map((row) => (
        <Table.Tr key={row.account.id}>
          <Table.Td>{row.account.code}</Table.Td><Table.Td>{row.account.name}</Table.Td>
          <MoneyTd value={row.amount} currency={currency} lang={lang} />
        </Table.Tr>
      ))}
      {extra && (
        <Table.Tr>
          <Table.Td /><Table.Td fs="italic">{extra.label}</Table.Td>
          <MoneyTd value={extra.amount} currency={currency} lang={lang} />
        </Table.Tr>
      )}
      <Table.Tr>
        <Table.Td /><Table.Td fw={600}>{t("total")} {title.toLowerCase()}</Table.Td>
        <MoneyTd value={total} currency={currency} lang={lang} strong />
      </Table.Tr>
    </>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <AsOfField value={asOf} onChange={setAsOf} />
        <ExportMenu report="BALANCE_SHEET" label={t("tabs.balanceSheet")} dateFrom={yearStart(asOf)} dateTo={asOf} />
      </Group>
      {fetching && !sheet && <Loading />}
      <ErrorNote error={error} />
      {sheet && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label={t("assets")} value={money(sheet.assets)} testId="bs-assets" />
            <Figure label={t("liabilities")} value={money(sheet.liabilities)} />
            <Figure label={t("equity")} value={money(sheet.equity)}
              hint={`${t("currentEarnings")}: ${money(sheet.currentEarnings)}`} />
          </SimpleGrid>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">{t("chartBalance")}</Title>
              <Badge color={balanced ? "teal" : "red"} variant="light">{balanced ? t("balanced") : t("notBalanced")}</Badge>
            </Group>
            <BarChart h={220} type="stacked" orientation="vertical" dataKey="side" data-testid="bs-chart" role="img"
              aria-label={t("chartBalance")} withLegend valueFormatter={(v) => money(String(v))} yAxisProps={{ width: 160 }}
              data={[
                { side: t("assets"), assets: chartNumber(sheet.assets) },
                { side: t("liabilitiesAndEquity"), liabilities: chartNumber(sheet.liabilities), equity: chartNumber(sheet.equity) },
              ]}
              series={[
                { name: "assets", label: t("assets"), color: "blue.6" },
                { name: "liabilities", label: t("liabilities"), color: "orange.6" },
                { name: "equity", label: t("equity"), color: "teal.6" },
              ]} />
          </Paper>
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="bs-table">
              <Table.Thead>
                <Table.Tr><Table.Th>{t("code")}</Table.Th><Table.Th>{t("account")}</Table.Th><AmountTh>{t("amount")}</AmountTh></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section("asset", t("assets"), sheet.assets)}
                {section("liability", t("liabilities"), sheet.liabilities)}
                {section("equity", t("equity"), sheet.equity, { label: t("currentEarnings"), amount: sheet.currentEarnings })}
                <Table.Tr>
                  <Table.Td /><Table.Td fw={700}>{t("liabilitiesAndEquity")}</Table.Td>
                  <MoneyTd value={other} currency={currency} lang={lang} strong />
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

function TrialBalance({ today }: { today: string }) {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const lang = i18n.language;
  const currency = useCurrency();
  const [asOf, setAsOf] = useState(today);
  const [{ data, fetching, error }] = useQuery({ query: TrialBalanceDocument, variables: { asOf } });
  const tb = data?.trialBalance;
  const balanced = tb ? signOf(subtractDecimals(tb.totalDebit, tb.totalCredit)) === 0 : true;
  const lines = useMemo(() => [...(tb?.lines ?? [])].sort((a, b) => a.account.code.localeCompare(b.account.code, undefined, { numeric: true })), [tb]);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <AsOfField value={asOf} onChange={setAsOf} />
        <Group align="flex-end">
          {tb && <Badge color={balanced ? "teal" : "red"} variant="light" size="lg">{balanced ? t("balanced") : t("notBalanced")}</Badge>}
          <ExportMenu report="TRIAL_BALANCE" label={t("tabs.trialBalance")} dateFrom={yearStart(asOf)} dateTo={asOf} />
        </Group>
      </Group>
      {fetching && !tb && <Loading />}
      <ErrorNote error={error} />
      {tb && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="tb-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("code")}</Table.Th><Table.Th>{t("account")}</Table.Th>
                <AmountTh>{t("debit")}</AmountTh><AmountTh>{t("credit")}</AmountTh><AmountTh>{t("balance")}</AmountTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.account.id}>
                  <Table.Td>{line.account.code}</Table.Td><Table.Td>{line.account.name}</Table.Td>
                  <MoneyTd value={line.debit} currency={currency} lang={lang} />
                  <MoneyTd value={line.credit} currency={currency} lang={lang} />
                  <MoneyTd value={line.balance} currency={currency} lang={lang} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Td /><Table.Th scope="row">{t("total")}</Table.Th>
                <MoneyTd value={tb.totalDebit} currency={currency} lang={lang} strong />
                <MoneyTd value={tb.totalCredit} currency={currency} lang={lang} strong />
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      {tb && lines.length === 0 && <Text c="dimmed">{t("noMovements")}</Text>}
    </Stack>
  );
}

function CashFlow({ today }: { today: string }) {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const lang = i18n.language;
  const currency = useCurrency();
  const [period, setPeriod] = useState<Period>(() => presetPeriod("yearToDate", today));
  const valid = period.from <= period.to;
  const [{ data, fetching, error }] = useQuery({
    query: CashFlowDocument, pause: !valid, variables: { dateFrom: period.from, dateTo: period.to },
  });
  const flow = data?.cashFlow;
  const keys = ["opening", "operating", "investing", "financing", "net", "closing"] as const;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <PeriodFields period={period} onChange={setPeriod} today={today} />
        <ExportMenu report="CASH_FLOW" label={t("tabs.cashFlow")} dateFrom={period.from} dateTo={period.to} disabled={!valid} />
      </Group>
      {fetching && !flow && <Loading />}
      <ErrorNote error={error} />
      {flow && (
        <>
          <Paper withBorder p="md">
            <BarChart h={240} dataKey="activity" data-testid="cf-chart" role="img" aria-label={t("tabs.cashFlow")}
              valueFormatter={(v) => formatMoney(String(v), currency, lang)} yAxisProps={{ width: 90 }}
              data={(["operating", "investing", "financing", "net"] as const).map((k) => ({ activity: t(`cashFlow.${k}`), amount: chartNumber(flow[k]) }))}
              series={[{ name: "amount", label: t("amount"), color: "blue.6" }]} />
          </Paper>
          <Table.ScrollContainer minWidth={360}>
            <Table striped>
              <Table.Tbody>
                {keys.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Th scope="row" fw={k === "net" || k === "closing" ? 700 : 400}>{t(`cashFlow.${k}`)}</Table.Th>
                    <MoneyTd value={flow[k]} currency={currency} lang={lang} strong={k === "closing"} />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
