import { Group, Paper, Select, Table, Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { errorMessage } from "../../api/client";
import { useUi } from "../../api/ui";
import { useBundle } from "../../i18n/bundle";
import { formatMoney } from "../../lib/format";
import { PERIOD_PRESETS, presetPeriod, signOf, type Period, type PeriodPreset } from "./report";
import { FINANCE_TEXTS } from "./texts";

/** The company's base currency (amounts of reports are in it). */
export function useCurrency(): string {
  return useUi().data?.tenant.baseCurrency ?? "IDR";
}

/** A money cell: right-aligned, on one line, negative amounts in red. */
export function MoneyTd({ value, currency, lang, strong }: { value: string | null | undefined; currency: string; lang: string; strong?: boolean }) {
  return (
    <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap", fontWeight: strong ? 700 : undefined }}
      c={signOf(value) < 0 ? "red.7" : undefined}>
      {value === null || value === undefined ? "—" : formatMoney(value, currency, lang)}
    </Table.Td>
  );
}

/** A right-aligned header cell for an amount column. */
export function AmountTh({ children }: { children: ReactNode }) {
  return <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{children}</Table.Th>;
}

/** One figure with its label, as a small card. */
export function Figure({ label, value, hint, testId, colour }: {
  label: string; value: string; hint?: ReactNode; testId?: string; colour?: string;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={24} fw={700} c={colour}>{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}

/** Choose a period: a named one (this month, last quarter ...) or any two dates. */
export function PeriodFields({ period, onChange, today }: { period: Period; onChange: (p: Period) => void; today: string }) {
  const { t } = useBundle("finance", FINANCE_TEXTS);
  const preset = PERIOD_PRESETS.find((p) => {
    const dates = presetPeriod(p, today);
    return dates.from === period.from && dates.to === period.to;
  });
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <Select label={t("period")} w={220} value={preset ?? "custom"} allowDeselect={false}
        data={[...PERIOD_PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) })), { value: "custom", label: t("custom") }]}
        onChange={(value) => { if (value && value !== "custom") onChange(presetPeriod(value as PeriodPreset, today)); }}
        comboboxProps={{ withinPortal: true }} />
      <TextInput type="date" label={t("from")} value={period.from} max={period.to}
        onChange={(e) => { const from = e.currentTarget.value; if (from) onChange({ ...period, from }); }} />
      <TextInput type="date" label={t("to")} value={period.to} min={period.from}
        error={period.from > period.to ? t("badPeriod") : undefined}
        onChange={(e) => { const to = e.currentTarget.value; if (to) onChange({ ...period, to }); }} />
    </Group>
  );
}

/** A failed query's message, announced. */
export function ErrorNote({ error }: { error?: CombinedError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Text c="red" role="alert">{errorMessage(error, t("common.error"))}</Text>;
}
