"""GraphQL of purchases: suppliers, bills, payments to suppliers, expense claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Bill as BillTable
from .tables import ExpenseClaim as ClaimTable
from .tables import Supplier as SupplierTable


@strawberry.type
class Supplier:
    id: strawberry.ID
    name: str
    tax_id: str
    bank_account: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> Supplier:
        return cls(id=sdk.encode_id("Supplier", r["id"]), name=r["name"], tax_id=r["tax_id"],
                   bank_account=r["bank_account"])


async def load_suppliers(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(SupplierTable, keys)


@strawberry.type
class Bill:
    id: strawberry.ID
    reference: str
    bill_date: date
    due_date: date
    status: str
    subtotal: Decimal
    tax_total: Decimal
    total: Decimal
    amount_paid: Decimal
    _supplier_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Bill:
        return cls(id=sdk.encode_id("Bill", r["id"]), reference=r["reference"], bill_date=r["bill_date"],
                   due_date=r["due_date"], status=r["status"], subtotal=Decimal(r["subtotal"]),
                   tax_total=Decimal(r["tax_total"]), total=Decimal(r["total"]),
                   amount_paid=Decimal(r["amount_paid"]), _supplier_id=r["supplier_id"])

    @strawberry.field
    async def supplier(self, info: sdk.Info) -> Supplier | None:
        row = await sdk.loader(info, load_suppliers).load(self._supplier_id)
        return Supplier.of(row) if row else None


@strawberry.type
class ExpenseClaim:
    id: strawberry.ID
    description: str
    expense_date: date
    amount: Decimal
    status: str
    decision_note: str
    claimant_id: strawberry.ID
    receipt_name: str
    receipt_type: str
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ExpenseClaim:
        return cls(id=sdk.encode_id("ExpenseClaim", r["id"]), description=r["description"],
                   expense_date=r["expense_date"], amount=Decimal(r["amount"]), status=r["status"],
                   decision_note=r["decision_note"], claimant_id=sdk.encode_id("User", r["claimant_user_id"]),
                   receipt_name=r["receipt_name"], receipt_type=r["receipt_type"], _pk=r["id"])

    @strawberry.field(description="The receipt, base64-encoded (null when there is none).")
    async def receipt_base64(self) -> str | None:
        import base64

        row = await ClaimTable.select(ClaimTable.receipt).where(ClaimTable.id == self._pk).first()
        return base64.b64encode(bytes(row["receipt"])).decode() if row and row["receipt"] else None


@strawberry.input
class SupplierInput:
    name: str
    tax_id: str = ""
    bank_account: str = ""


@strawberry.input
class BillLineInput:
    description: str
    account_id: strawberry.ID
    amount: Decimal
    tax_code: str = ""


@strawberry.input
class BillInput:
    supplier_id: strawberry.ID
    bill_date: date
    lines: list[BillLineInput]
    reference: str = ""
    due_in_days: int = 30
    idempotency_key: str | None = None


@strawberry.input
class BillPaymentInput:
    bill_id: strawberry.ID
    amount: Decimal
    paid_on: date
    account_id: strawberry.ID


@strawberry.input
class ExpenseClaimInput:
    description: str
    expense_date: date
    amount: Decimal
    account_id: strawberry.ID
    receipt: str | None = strawberry.field(default=None, description="PDF, PNG or JPEG, base64, at most 5 MB.")
    receipt_name: str = "receipt"


@strawberry.input
class DecideClaimInput:
    id: strawberry.ID
    note: str = ""


@strawberry.input
class PayClaimInput:
    id: strawberry.ID
    paid_on: date
    account_id: strawberry.ID


@strawberry.type
class SupplierPayload(sdk.Payload):
    supplier: Supplier | None = None


@strawberry.type
class BillPayload(sdk.Payload):
    bill: Bill | None = None


@strawberry.type
class ExpenseClaimPayload(sdk.Payload):
    expense_claim: ExpenseClaim | None = None


async def _bill(pk: int) -> BillPayload:
    return BillPayload(bill=Bill.of(await services._get(BillTable, pk)))


async def _claim(pk: int) -> ExpenseClaimPayload:
    return ExpenseClaimPayload(expense_claim=ExpenseClaim.of(await services._get(ClaimTable, pk)))


@strawberry.type
class PurchaseQuery:
    @sdk.field("finance.bill.read")
    async def suppliers(self, first: int | None = 20, after: str | None = None) -> sdk.Connection[Supplier]:
        return await sdk.paginate(SupplierTable, node=Supplier.of, first=first, after=after,
                                  order_by=SupplierTable.name)

    @sdk.field("finance.bill.read")
    async def bills(self, first: int | None = 20, after: str | None = None,
                    status: str | None = None) -> sdk.Connection[Bill]:
        return await sdk.paginate(BillTable, node=Bill.of, first=first, after=after,
                                  where=BillTable.status == status if status else None, descending=True)

    @sdk.field("finance.expense.approve", description="Everyone's expense claims.")
    async def expense_claims(self, first: int | None = 20, after: str | None = None,
                             status: str | None = None) -> sdk.Connection[ExpenseClaim]:
        return await sdk.paginate(ClaimTable, node=ExpenseClaim.of, first=first, after=after,
                                  where=ClaimTable.status == status if status else None, descending=True)

    @sdk.field(self_service=True, description="Your own expense claims.")
    async def my_expense_claims(self, info: sdk.Info, first: int | None = 20,
                                after: str | None = None) -> sdk.Connection[ExpenseClaim]:
        return await sdk.paginate(ClaimTable, node=ExpenseClaim.of, first=first, after=after,
                                  where=ClaimTable.claimant_user_id == (info.context.actor.user_id or 0),
                                  descending=True)


@strawberry.type
class PurchaseMutation:
    @sdk.mutation("finance.bill.manage")
    async def create_supplier(self, input: SupplierInput) -> SupplierPayload:
        pk = await services.create_supplier(input.name, input.tax_id, input.bank_account)
        return SupplierPayload(supplier=Supplier.of(await services._get(SupplierTable, pk)))

    @sdk.mutation("finance.bill.manage", description="Record a supplier's bill; it posts at once.")
    async def record_bill(self, info: sdk.Info, input: BillInput) -> BillPayload:
        lines = [{"description": x.description, "account_id": sdk.decode_id(x.account_id, "Account"),
                  "amount": x.amount, "tax_code": x.tax_code} for x in input.lines]
        pk = await services.record_bill(sdk.decode_id(input.supplier_id, "Supplier"), input.reference,
                                        input.bill_date, input.due_in_days, lines, input.idempotency_key,
                                        info.context.actor.user_id)
        return await _bill(pk)

    @sdk.mutation("finance.payment.record")
    async def pay_bill(self, info: sdk.Info, input: BillPaymentInput) -> BillPayload:
        pk = sdk.decode_id(input.bill_id, "Bill")
        await services.pay_bill(pk, input.amount, input.paid_on, sdk.decode_id(input.account_id, "Account"),
                                info.context.actor.user_id)
        return await _bill(pk)

    @sdk.mutation(self_service=True, description="Claim back an expense you paid for the company.")
    async def submit_expense_claim(self, info: sdk.Info, input: ExpenseClaimInput) -> ExpenseClaimPayload:
        if info.context.actor.user_id is None:
            raise sdk.Forbidden()
        pk = await services.submit_claim(info.context.actor.user_id, input.description, input.expense_date,
                                         input.amount, sdk.decode_id(input.account_id, "Account"),
                                         (input.receipt_name, input.receipt) if input.receipt else None)
        return await _claim(pk)

    @sdk.mutation("finance.expense.approve")
    async def approve_expense_claim(self, info: sdk.Info, input: DecideClaimInput) -> ExpenseClaimPayload:
        pk = sdk.decode_id(input.id, "ExpenseClaim")
        await services.decide_claim(pk, approve=True, user_id=info.context.actor.user_id, note=input.note)
        return await _claim(pk)

    @sdk.mutation("finance.expense.approve")
    async def reject_expense_claim(self, info: sdk.Info, input: DecideClaimInput) -> ExpenseClaimPayload:
        pk = sdk.decode_id(input.id, "ExpenseClaim")
        await services.decide_claim(pk, approve=False, user_id=info.context.actor.user_id, note=input.note)
        return await _claim(pk)

    @sdk.mutation("finance.payment.record")
    async def pay_expense_claim(self, info: sdk.Info, input: PayClaimInput) -> ExpenseClaimPayload:
        pk = sdk.decode_id(input.id, "ExpenseClaim")
        await services.pay_claim(pk, input.paid_on, sdk.decode_id(input.account_id, "Account"),
                                 info.context.actor.user_id)
        return await _claim(pk)
