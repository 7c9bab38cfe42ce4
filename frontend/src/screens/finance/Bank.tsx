import { Badge, Button, FileButton, Group, SegmentedControl, Select, Stack, Table, Text } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import { useSession } from "../../auth/session";
import Page from "../../components/Page";
import { notifyError, notifySaved } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatDate } from "../../lib/format";
import { AmountTh, MoneyTd, useCurrency } from "./parts";
import { fileToBase64 } from "./report";
import { FINANCE_TEXTS } from "./texts";

const AccountsDocument = graphql(`
  query FinanceBankAccounts { accounts(first: 100, kind: "asset") { nodes { id code name } } }
`);
const LinesDocument = graphql(`
  query FinanceBankLines($accountId: ID!, $reconciled: Boolean, $after: String) {
    bankStatementLines(accountId: $accountId, first: 50, after: $after, reconciled: $reconciled) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id lineDate description reference amount reconciled suggestions { kind id label date } }
    }
  }
`);
const ImportDocument = graphql(`
  mutation FinanceImportStatement($input: ImportBankStatementInput!) {
    importBankStatement(input: $input) { imported skippedAsSeen userErrors { field message code } }
  }
`);
const ReconcileDocument = graphql(`
  mutation FinanceReconcileLine($input: ReconcileBankLineInput!) {
    reconcileBankLine(input: $input) { line { id reconciled } userErrors { field message code } }
  }
`);

type Show = "open" | "reconciled" | "all";
type Line = { id: string; lineDate: string; description: string; amount: string; reference: string; reconciled: boolean;
  suggestions: { kind: string; id: string; label: string; date?: string | null }[] };

/** Bank statement lines of one account: import a CSV statement, reconcile lines with suggested entries or invoices. */
export default function Bank() {
  const { t, i18n } = useBundle("finance", FINANCE_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const currency = useCurrency();
  const { can } = useSession();
  const [{ data: accounts, error: accountsError }] = useQuery({ query: AccountsDocument });
  const [accountId, setAccountId] = useState<string | null>(null);
  const [show, setShow] = useState<Show>("open");
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Line[]>([]);
  const reconciled = show === "all" ? null : show === "reconciled";
  const [{ data, fetching, error }, refetch] = useQuery({
    query: LinesDocument, pause: !accountId, variables: { accountId: accountId ?? "", reconciled, after },
  });
  const [, importStatement] = useMutation(ImportDocument);
  const [, reconcile] = useMutation(ReconcileDocument);
  const [choice, setChoice] = useState<Record<string, string | null>>({});
  const [importing, setImporting] = useState(false);

  const options = (accounts?.accounts.nodes ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }));
  useEffect(() => {
    // The bank account (1110) when there is one.
    if (!accountId && accounts) setAccountId(accounts.accounts.nodes.find((a) => a.code === "1110")?.id ?? null);
  }, [accounts, accountId]);
  const lines: Line[] = useMemo(() => [...earlier, ...(data?.bankStatementLines.nodes ?? [])], [earlier, data]);

  function restart() {
    setAfter(null);
    setEarlier([]);
  }

  async function onFile(file: File | null) {
    if (!file || !accountId) return;
    setImporting(true);
    try {
      const result = await importStatement({ input: { accountId, file: await fileToBase64(file) } });
      const payload = result.data?.importBankStatement;
      if (result.error || !payload) return notifyError(errorMessage(result.error, tc("common.error")));
      if (payload.userErrors.length) {
        return notifyError(payload.userErrors.map((e) => (e.field?.[2] ? `${e.field[2]}: ${e.message}` : e.message)).join(" "));
      }
      notifySaved(t("bank.imported", { imported: payload.imported, skipped: payload.skippedAsSeen }));
      restart();
      refetch({ requestPolicy: "network-only" });
    } finally {
      setImporting(false);
    }
  }

  async function match(line: Line) {
    const picked = line.suggestions.find((s) => s.id === (choice[line.id] ?? line.suggestions[0]?.id));
    if (!picked) return;
    const input = picked.kind === "invoice" ? { lineId: line.id, invoiceId: picked.id } : { lineId: line.id, journalEntryId: picked.id };
    const result = await reconcile({ input });
    const payload = result.data?.reconcileBankLine;
    if (result.error || !payload || payload.userErrors.length) {
      return notifyError(payload?.userErrors.map((e) => e.message).join(" ") || errorMessage(result.error, tc("common.error")));
    }
    notifySaved(t("bank.matched"));
    restart();
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <Page title={t("bank.title")} error={accountsError ?? error}
      actions={can("finance.journal.post") && (
        <FileButton onChange={(f) => void onFile(f)} accept=".csv,text/csv">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} aria-hidden />} loading={importing} disabled={!accountId}
              title={t("bank.csvHelp")}>
              {t("bank.importFile")}
            </Button>
          )}
        </FileButton>
      )}>
      <Group align="flex-end" wrap="wrap">
        <Select label={t("bank.account")} data={options} value={accountId} w={300} searchable allowDeselect={false}
          onChange={(v) => { setAccountId(v); restart(); }} comboboxProps={{ withinPortal: true }} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="bank-show">{t("bank.show")}</Text>
          <SegmentedControl aria-labelledby="bank-show" value={show} onChange={(v) => { setShow(v as Show); restart(); }}
            data={[{ value: "open", label: t("bank.open") }, { value: "reconciled", label: t("bank.reconciled") }, { value: "all", label: t("bank.all") }]} />
        </Stack>
      </Group>
      <Text size="xs" c="dimmed">{t("bank.csvHelp")}</Text>
      {!accountId && <Text c="dimmed">{t("bank.chooseAccount")}</Text>}
      {accountId && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped aria-busy={fetching} data-testid="bank-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("bank.date")}</Table.Th><Table.Th>{t("bank.description")}</Table.Th>
                <Table.Th>{t("bank.reference")}</Table.Th><AmountTh>{t("bank.amount")}</AmountTh>
                <Table.Th>{t("bank.status")}</Table.Th><Table.Th>{t("bank.matchWith")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(line.lineDate, lang)}</Table.Td>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td>{line.reference}</Table.Td>
                  <MoneyTd value={line.amount} currency={currency} lang={lang} />
                  <Table.Td>
                    <Badge color={line.reconciled ? "teal" : "gray"} variant="light">{line.reconciled ? t("bank.reconciled") : t("bank.open")}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {!line.reconciled && (line.suggestions.length ? (
                      <Group gap="xs" wrap="nowrap">
                        <Select aria-label={t("bank.matchOf", { line: line.description })} size="xs" w={220} allowDeselect={false}
                          value={choice[line.id] ?? line.suggestions[0].id} comboboxProps={{ withinPortal: true }}
                          data={line.suggestions.map((s) => ({ value: s.id, label: s.date ? `${s.label} (${formatDate(s.date, lang)})` : s.label }))}
                          onChange={(v) => setChoice((c) => ({ ...c, [line.id]: v }))} />
                        {can("finance.payment.record") && <Button size="xs" onClick={() => void match(line)}>{t("bank.match")}</Button>}
                      </Group>
                    ) : <Text size="sm" c="dimmed">{t("bank.noSuggestion")}</Text>)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {accountId && data && lines.length === 0 && <Text c="dimmed">{tc("common.noRecords")}</Text>}
      {data?.bankStatementLines.pageInfo.hasNextPage && (
        <Button variant="light" w="fit-content" loading={fetching} onClick={() => {
          setEarlier(lines);
          setAfter(data.bankStatementLines.pageInfo.endCursor ?? null);
        }}>{tc("common.loadMore")}</Button>
      )}
    </Page>
  );
}
