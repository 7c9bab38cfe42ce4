"""What members ask finance for in the service portal: to be reimbursed, or to have a supplier
paid. Accepting a request makes an expense claim in the requester's name (finance then approves
and pays it as any claim), or records the supplier's bill (posted to the ledger, due when asked)."""

from __future__ import annotations

from datetime import date

from backoffice.sdk import RequestType, ServiceRequestContext, Text, UiFormField, encode_id

from .ledger import chart
from .purchases import services as purchases
from .purchases.tables import Supplier

# The expense account each choice is charged to (codes of the starting chart of accounts).
CLAIM_CATEGORIES = {"travel": "6400", "supplies": "6500", "other": "6900"}
BILL_CATEGORIES = {"rent": "6200", "utilities": "6300", "supplies": "6500", "other": "6900"}
CATEGORY_LABELS = {"travel": Text("Travel", "Perjalanan"), "supplies": Text("Office supplies", "Perlengkapan kantor"),
                   "rent": Text("Rent", "Sewa"), "utilities": Text("Utilities", "Listrik, air, dan telepon"),
                   "other": Text("Something else", "Lainnya")}


def _options(categories: dict[str, str]) -> tuple[tuple[str, Text], ...]:
    return tuple((key, CATEGORY_LABELS[key]) for key in categories)


async def accept_reimbursement(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    account = await chart.account(CLAIM_CATEGORIES[v.get("category") or "other"])
    pk = await purchases.submit_claim(ctx.requester_user_id, f"{ctx.title}: {v['description']}", v["expenseDate"],
                                      v["amount"], account["id"])
    return encode_id("ExpenseClaim", pk)


async def _supplier(name: str, bank_account: str) -> int:
    found = await Supplier.select(Supplier.id).where(Supplier.name == name.strip()[:200]).first()
    if found:
        return found["id"]
    return await purchases.create_supplier(name, "", bank_account)


async def accept_payment(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    today = date.today()
    account = await chart.account(BILL_CATEGORIES[v.get("category") or "other"])
    pk = await purchases.record_bill(
        await _supplier(v["payee"], v.get("bankAccount") or ""), v.get("reference") or "", today,
        max(0, (v["dueDate"] - today).days),
        [{"amount": v["amount"], "description": f"{ctx.title}: {v['description']}", "account_id": account["id"]}],
        idempotency_key=f"portal:{ctx.request_id}", user_id=ctx.accepted_by)
    return encode_id("Bill", pk)


REQUEST_TYPES = [
    RequestType(
        key="finance.reimbursement", label=Text("Reimbursement", "Penggantian biaya"),
        description=Text("Get back what you paid for the company.",
                         "Dapatkan kembali biaya yang Anda bayarkan untuk perusahaan."),
        fields=(UiFormField("expenseDate", Text("Paid on", "Dibayar pada"), kind="date", required=True),
                UiFormField("amount", Text("Amount", "Jumlah"), kind="money", required=True),
                UiFormField("category", Text("Kind of expense", "Jenis biaya"), kind="select",
                            options=_options(CLAIM_CATEGORIES)),
                UiFormField("description", Text("What was it for?", "Untuk apa?"), kind="textarea", required=True)),
        handler_permission="finance.expense.approve", accept=accept_reimbursement, response_hours=48,
        link="/me/expenses"),
    RequestType(
        key="finance.payment", label=Text("Pay a supplier", "Pembayaran ke pemasok"),
        description=Text("Finance records the supplier's bill and pays it when due.",
                         "Keuangan mencatat tagihan pemasok dan membayarnya saat jatuh tempo."),
        fields=(UiFormField("payee", Text("Pay to", "Dibayarkan kepada"), required=True),
                UiFormField("amount", Text("Amount", "Jumlah"), kind="money", required=True),
                UiFormField("dueDate", Text("Due on", "Jatuh tempo"), kind="date", required=True),
                UiFormField("reference", Text("Their invoice number", "Nomor faktur mereka")),
                UiFormField("bankAccount", Text("Their bank account", "Rekening bank mereka")),
                UiFormField("category", Text("Kind of expense", "Jenis biaya"), kind="select",
                            options=_options(BILL_CATEGORIES)),
                UiFormField("description", Text("What is it for?", "Untuk apa?"), kind="textarea", required=True)),
        handler_permission="finance.bill.manage", accept=accept_payment, response_hours=48),
]
