import { BarChart, LineChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Alert, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate, formatMoney } from "../../lib/format";
import { AmountTh, ErrorNote, MoneyTd, useCurrency } from "./parts";
import { firstShortfall, forecastSeries } from "./report";
import { FINANCE_TEXTS } from "./texts";

const ForecastDocument = graphql(`
  query FinanceCashForecast($start: Date!) {
    cashForecast(start: $start, weeks: 13) { weekStart opening inflow outflow closing }
  }
`);

/** The 13-week cash forecast: money in and out per week as bars, the closing cash as a line, and the weeks as a table. */
export default function ForecastPanel({ today }: { today: string }) {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const currency = useCurrency();
  const [start, setStart] = useState(today);
  const [{ data, fetching, error }] = useQuery({ query: ForecastDocument, variables: { start } });
  const weeks = useMemo(() => data?.cashForecast ?? [], [data]);
  const series = useMemo(() => forecastSeries(weeks, (d) => formatDate(d, lang)), [weeks, lang]);
  const short = firstShortfall(weeks);
  const money = (v: number | string) => formatMoney(String(v), currency, lang);

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t("forecast.start")} value={start} w={200}
          onChange={(e) => { const v = e.currentTarget.value; if (v) setStart(v); }} />
        <Text size="sm" c="dimmed" maw={560}>{t("forecast.help")}</Text>
      </Group>
      <ErrorNote error={error} />
      {fetching && !data && <Center h={160}><Loader aria-label={tc("app.loading")} /></Center>}
      {data && (
        <>
          <Alert color={short ? "red" : "teal"} variant="light" role="status" data-testid="forecast-summary">
            {short
              ? t("forecast.shortfall", { week: formatDate(short.weekStart, lang), amount: money(short.closing) })
              : t("forecast.noShortfall")}
          </Alert>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">{t("forecast.inflow")} / {t("forecast.outflow")}</Title>
              <BarChart h={260} data={series} dataKey="week" withLegend data-testid="forecast-chart" role="img"
                aria-label={t("chartForecast")} valueFormatter={money} yAxisProps={{ width: 90 }}
                series={[
                  { name: "inflow", label: t("forecast.inflow"), color: "teal.6" },
                  { name: "outflow", label: t("forecast.outflow"), color: "red.6" },
                ]} />
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">{t("forecast.closing")}</Title>
              <LineChart h={260} data={series} dataKey="week" curveType="linear" data-testid="forecast-closing-chart" role="img"
                aria-label={t("forecast.closing")} valueFormatter={money} yAxisProps={{ width: 90 }}
                referenceLines={[{ y: 0, color: "red.5" }]}
                series={[{ name: "closing", label: t("forecast.closing"), color: "blue.6" }]} />
            </Paper>
          </SimpleGrid>
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="forecast-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("forecast.weekOf")}</Table.Th>
                  <AmountTh>{t("forecast.opening")}</AmountTh><AmountTh>{t("forecast.inflow")}</AmountTh>
                  <AmountTh>{t("forecast.outflow")}</AmountTh><AmountTh>{t("forecast.closing")}</AmountTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {weeks.map((w) => (
                  <Table.Tr key={w.weekStart}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(w.weekStart, lang)}</Table.Td>
                    <MoneyTd value={w.opening} currency={currency} lang={lang} />
                    <MoneyTd value={w.inflow} currency={currency} lang={lang} />
                    <MoneyTd value={w.outflow} currency={currency} lang={lang} />
                    <MoneyTd value={w.closing} currency={currency} lang={lang} strong />
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
