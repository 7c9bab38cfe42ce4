"""GraphQL of sales: customers, invoices, payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Customer as CustomerTable
from .tables import Invoice as InvoiceTable
from .tables import InvoiceLine as LineTable
from .tables import InvoicePayment as PaymentTable


async def load_customers(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(CustomerTable, keys)


async def load_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LineTable, LineTable.invoice_id, keys)


async def load_payments(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(PaymentTable, PaymentTable.invoice_id, keys)


@strawberry.type
class Customer:
    id: strawberry.ID
    name: str
    email: str
    tax_id: str
    address: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> Customer:
        return cls(id=sdk.encode_id("Customer", r["id"]), name=r["name"], email=r["email"],
                   tax_id=r["tax_id"], address=r["address"])


@strawberry.type
class InvoiceLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    tax_code: str
    tax_amount: Decimal


@strawberry.type
class InvoicePayment:
    id: strawberry.ID
    paid_on: date
    amount: Decimal


@strawberry.type
class Invoice:
    id: strawberry.ID
    number: str | None
    status: str
    issue_date: date | None
    due_date: date | None
    currency: str
    subtotal: Decimal
    tax_total: Decimal
    total: Decimal
    amount_paid: Decimal
    notes: str
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Invoice:
        return cls(id=sdk.encode_id("Invoice", r["id"]), number=r["number"], status=r["status"],
                   issue_date=r["issue_date"], due_date=r["due_date"], currency=r["currency"],
                   subtotal=Decimal(r["subtotal"]), tax_total=Decimal(r["tax_total"]), total=Decimal(r["total"]),
                   amount_paid=Decimal(r["amount_paid"]), notes=r["notes"], _row=r)

    @strawberry.field
    def balance_due(self) -> Decimal:
        return max(self.total - self.amount_paid, Decimal(0))

    @strawberry.field
    async def customer(self, info: sdk.Info) -> Customer | None:
        row = await sdk.loader(info, load_customers).load(self._row["customer_id"])
        return Customer.of(row) if row else None

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[InvoiceLine]:
        rows = await sdk.loader(info, load_lines).load(self._row["id"])
        return [InvoiceLine(description=r["description"], quantity=Decimal(r["quantity"]),
                            unit_price=Decimal(r["unit_price"]), amount=Decimal(r["amount"]), tax_code=r["tax_code"],
                            tax_amount=Decimal(r["tax_amount"])) for r in rows]

    @strawberry.field(description="The invoice as a PDF document, base64-encoded.")
    async def pdf_base64(self, info: sdk.Info) -> str:
        import base64

        from ..ledger.services import setting
        from .pdf import render

        customer = await sdk.loader(info, load_customers).load(self._row["customer_id"]) or {}
        lines = await sdk.loader(info, load_lines).load(self._row["id"])
        company = await setting("company_name", "")
        return base64.b64encode(render(company, self._row, customer, lines, sdk.get_locale())).decode()

    @strawberry.field
    async def payments(self, info: sdk.Info) -> list[InvoicePayment]:
        rows = await sdk.loader(info, load_payments).load(self._row["id"])
        return [InvoicePayment(id=sdk.encode_id("InvoicePayment", r["id"]), paid_on=r["paid_on"],
                               amount=Decimal(r["amount"])) for r in rows]


@strawberry.type
class Product:
    id: strawberry.ID
    code: str
    name: str
    unit_price: Decimal
    tax_code: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> Product:
        return cls(id=sdk.encode_id("Product", r["id"]), code=r["code"], name=r["name"],
                   unit_price=Decimal(r["unit_price"]), tax_code=r["tax_code"])


@strawberry.input
class ProductInput:
    code: str
    name: str
    unit_price: Decimal
    tax_code: str = "PPN"


@strawberry.type
class ProductPayload(sdk.Payload):
    product: Product | None = None


@strawberry.input
class CustomerInput:
    name: str
    email: str = ""
    tax_id: str = ""
    address: str = ""


@strawberry.input
class InvoiceLineInput:
    quantity: Decimal
    description: str = strawberry.field(default="", description="Free text, or the product's name.")
    unit_price: Decimal | None = strawberry.field(default=None, description="The product's price when omitted.")
    tax_code: str | None = strawberry.field(default=None, description="PPN, PPNBM, or empty for no tax.")
    product_id: strawberry.ID | None = None


@strawberry.input
class InvoiceInput:
    customer_id: strawberry.ID
    lines: list[InvoiceLineInput]
    notes: str = ""
    currency: str | None = strawberry.field(default=None, description="IDR (the base) unless given; "
                                            "posted at the company's rate on the issue date.")


@strawberry.input
class IssueInvoiceInput:
    id: strawberry.ID
    issue_date: date
    due_in_days: int = 30


@strawberry.input
class PaymentInput:
    invoice_id: strawberry.ID
    amount: Decimal
    paid_on: date
    account_id: strawberry.ID = strawberry.field(description="The bank or cash account that received it.")
    idempotency_key: str | None = None


@strawberry.input
class VoidInvoiceInput:
    id: strawberry.ID
    void_date: date


@strawberry.type
class CustomerPayload(sdk.Payload):
    customer: Customer | None = None


@strawberry.type
class InvoicePayload(sdk.Payload):
    invoice: Invoice | None = None


async def _invoice(pk: int) -> InvoicePayload:
    return InvoicePayload(invoice=Invoice.of(await services.get_invoice(pk)))


@strawberry.type
class SalesQuery:
    @sdk.field("finance.invoice.read")
    async def customers(self, first: int | None = 20, after: str | None = None,
                        search: str | None = None) -> sdk.Connection[Customer]:
        where = CustomerTable.name.ilike(f"%{search.strip()}%") if search else None
        return await sdk.paginate(CustomerTable, node=Customer.of, first=first, after=after, where=where,
                                  order_by=CustomerTable.name)

    @sdk.field("finance.invoice.read")
    async def products(self, first: int | None = 50, after: str | None = None) -> sdk.Connection[Product]:
        from .tables import Product as ProductTable

        return await sdk.paginate(ProductTable, node=Product.of, first=first, after=after, order_by=ProductTable.code)

    @sdk.field("finance.invoice.read")
    async def invoices(self, first: int | None = 20, after: str | None = None, status: str | None = None,
                       customer_id: strawberry.ID | None = None) -> sdk.Connection[Invoice]:
        where = sdk.all_of(InvoiceTable.status == status if status else None,
                           InvoiceTable.customer_id == sdk.decode_id(customer_id, "Customer") if customer_id else None)
        return await sdk.paginate(InvoiceTable, node=Invoice.of, first=first, after=after, where=where,
                                  descending=True)

    @sdk.field("finance.invoice.read")
    async def invoice(self, id: strawberry.ID) -> Invoice:
        return Invoice.of(await services.get_invoice(sdk.decode_id(id, "Invoice")))


@strawberry.type
class SalesMutation:
    @sdk.mutation("finance.invoice.manage")
    async def create_customer(self, input: CustomerInput) -> CustomerPayload:
        pk = await services.create_customer(input.name, input.email, input.tax_id, input.address)
        return CustomerPayload(customer=Customer.of(await services.get_customer(pk)))

    @sdk.mutation("finance.invoice.manage", description="A draft invoice; nothing is posted until it is issued.")
    async def create_invoice(self, input: InvoiceInput) -> InvoicePayload:
        lines = [await services.line_values(
            description=x.description, quantity=x.quantity, unit_price=x.unit_price, tax_code=x.tax_code,
            product_id=sdk.decode_id(x.product_id, "Product") if x.product_id else None) for x in input.lines]
        return await _invoice(await services.create_draft(sdk.decode_id(input.customer_id, "Customer"), lines,
                                                          input.notes, input.currency))

    @sdk.mutation("finance.invoice.manage")
    async def create_product(self, input: ProductInput) -> ProductPayload:
        pk = await services.create_product(input.code, input.name, input.unit_price, input.tax_code)
        return ProductPayload(product=Product.of(await services.get_product(pk)))

    @sdk.mutation("finance.invoice.manage", description="Number the invoice, compute PPN and post it.")
    async def issue_invoice(self, info: sdk.Info, input: IssueInvoiceInput) -> InvoicePayload:
        pk = sdk.decode_id(input.id, "Invoice")
        await services.issue(pk, input.issue_date, input.due_in_days, info.context.actor.user_id)
        return await _invoice(pk)

    @sdk.mutation("finance.payment.record", description="A payment received; over-payment becomes an advance.")
    async def record_invoice_payment(self, info: sdk.Info, input: PaymentInput) -> InvoicePayload:
        pk = sdk.decode_id(input.invoice_id, "Invoice")
        await services.pay(pk, input.amount, input.paid_on, sdk.decode_id(input.account_id, "Account"),
                           input.idempotency_key, info.context.actor.user_id)
        return await _invoice(pk)

    @sdk.mutation("finance.invoice.manage", description="Void an unpaid invoice; its entry is reversed.")
    async def void_invoice(self, info: sdk.Info, input: VoidInvoiceInput) -> InvoicePayload:
        pk = sdk.decode_id(input.id, "Invoice")
        await services.void(pk, input.void_date, info.context.actor.user_id)
        return await _invoice(pk)
