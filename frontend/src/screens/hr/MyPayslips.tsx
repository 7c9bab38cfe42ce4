import { Alert, Button, Center, Loader, Table, Text } from "@mantine/core";
import { IconFileTypePdf } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { errorMessage } from "../../api/client";
import Page from "../../components/Page";
import { notifyError } from "../../components/notify";
import { graphql } from "../../gql";
import { useBundle } from "../../i18n/bundle";
import { formatMoney } from "../../lib/format";
import { downloadBase64, fileName, formatMonth } from "./files";
import { useAllPages } from "./paging";
import { PAYROLL_TEXTS } from "./texts";

const MeDocument = graphql(`query HrMyPayslipsEmployee { myEmployee { id employeeNumber fullName } }`);
const PayslipsDocument = graphql(`
  query HrMyPayslips($after: String) {
    myPayslips(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node { id period baseSalary fixedAllowances irregular otherDeductions grossForTax pph21 bpjsEmployee netPay }
      }
    }
  }
`);
// One payslip's PDF: the page of one after the payslip before it (there is no single-payslip query).
const PdfDocument = graphql(`
  query HrMyPayslipPdf($after: String) { myPayslips(first: 1, after: $after) { nodes { id pdfBase64 } } }
`);

/** The employee's own payslips (of approved payrolls), each with its PDF. */
export default function MyPayslips() {
  const { t, i18n } = useBundle("hr-payroll", PAYROLL_TEXTS);
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const client = useClient();
  const [{ data: me, fetching: starting, error: meError }] = useQuery({ query: MeDocument });
  const employee = me?.myEmployee ?? null;
  const slips = useAllPages(PayslipsDocument, {}, (d) => ({ pageInfo: d.myPayslips.pageInfo, nodes: d.myPayslips.edges }), !employee);
  const [busy, setBusy] = useState<string | null>(null);
  const money = (value: string) => formatMoney(value, "IDR", lang);

  async function onPdf(index: number) {
    const edge = slips.nodes[index];
    setBusy(edge.node.id);
    const after = index > 0 ? slips.nodes[index - 1].cursor : null;
    const result = await client.query(PdfDocument, { after }, { requestPolicy: "network-only" }).toPromise();
    setBusy(null);
    const slip = result.data?.myPayslips.nodes[0];
    if (result.error || !slip || slip.id !== edge.node.id) {
      notifyError(errorMessage(result.error, tc("common.error")));
      return;
    }
    downloadBase64(`${fileName("payslip", edge.node.period, employee?.employeeNumber ?? "")}.pdf`, slip.pdfBase64, "application/pdf");
  }

  if (starting && !me) return <Center h={200}><Loader aria-label={tc("app.loading")} /></Center>;
  if (!employee) {
    return (
      <Page title={t("myTitle")} error={meError}>
        {!meError && <Alert color="yellow" data-testid="no-employee">{t("noEmployee")}</Alert>}
      </Page>
    );
  }
  return (
    <Page title={t("myTitle")} error={slips.error}>
      {slips.fetching && slips.nodes.length === 0 ? (
        <Center h={120}><Loader aria-label={tc("app.loading")} /></Center>
      ) : slips.nodes.length === 0 ? (
        <Text c="dimmed" data-testid="no-payslips">{t("noMyPayslips")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="my-payslips">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("month")}</Table.Th>
                <Table.Th ta="right">{t("baseSalary")}</Table.Th><Table.Th ta="right">{t("allowances")}</Table.Th>
                <Table.Th ta="right">{t("irregular")}</Table.Th><Table.Th ta="right">{t("pph21")}</Table.Th>
                <Table.Th ta="right">{t("bpjsEmployee")}</Table.Th><Table.Th ta="right">{t("deductions")}</Table.Th>
                <Table.Th ta="right">{t("netPay")}</Table.Th><Table.Th>{t("pdf")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slips.nodes.map((edge, index) => {
                const s = edge.node;
                const month = formatMonth(s.period, lang);
                return (
                  <Table.Tr key={s.id} data-testid="my-payslip">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{month}</Table.Td>
                    {[s.baseSalary, s.fixedAllowances, s.irregular, s.pph21, s.bpjsEmployee, s.otherDeductions].map((v, i) => (
                      <Table.Td key={i} ta="right" style={{ whiteSpace: "nowrap" }}>{money(v)}</Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>{money(s.netPay)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" leftSection={<IconFileTypePdf size={14} aria-hidden />} loading={busy === s.id}
                        aria-label={t("downloadPdf", { name: employee.fullName, month })} onClick={() => void onPdf(index)}>
                        {t("pdf")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
