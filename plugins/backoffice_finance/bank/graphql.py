"""GraphQL of bank statements and reconciliation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import BankStatementLine as LineTable


@strawberry.type
class MatchSuggestion:
    kind: str = strawberry.field(description="entry (a posted journal entry) or invoice (an open invoice).")
    id: strawberry.ID
    label: str
    date: date | None


@strawberry.type
class BankStatementLine:
    id: strawberry.ID
    line_date: date
    description: str
    reference: str
    amount: Decimal
    reconciled: bool
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> BankStatementLine:
        return cls(id=sdk.encode_id("BankStatementLine", r["id"]), line_date=r["line_date"],
                   description=r["description"], reference=r["reference"], amount=Decimal(r["amount"]),
                   reconciled=r["matched_entry_id"] is not None, _row=r)

    @strawberry.field(description="Entries or invoices this line probably is.")
    async def suggestions(self) -> list[MatchSuggestion]:
        if self.reconciled:
            return []
        return [MatchSuggestion(kind=s["kind"], label=s["label"], date=s["date"],
                                id=sdk.encode_id("JournalEntry" if s["kind"] == "entry" else "Invoice", s["id"]))
                for s in await services.suggestions(self._row)]


@strawberry.input
class ImportBankStatementInput:
    account_id: strawberry.ID
    file: str = strawberry.field(description="CSV with columns date, description, amount, reference; base64.")


@strawberry.input
class ReconcileBankLineInput:
    line_id: strawberry.ID
    journal_entry_id: strawberry.ID | None = None
    invoice_id: strawberry.ID | None = None


@strawberry.type
class ImportBankStatementPayload(sdk.Payload):
    imported: int = 0
    skipped_as_seen: int = 0


@strawberry.type
class BankLinePayload(sdk.Payload):
    line: BankStatementLine | None = None


@strawberry.type
class BankQuery:
    @sdk.field("finance.journal.read")
    async def bank_statement_lines(self, account_id: strawberry.ID, first: int | None = 50, after: str | None = None,
                                   reconciled: bool | None = None) -> sdk.Connection[BankStatementLine]:
        where = sdk.all_of(LineTable.account_id == sdk.decode_id(account_id, "Account"),
                           None if reconciled is None else (LineTable.matched_entry_id.is_not_null() if reconciled
                                                            else LineTable.matched_entry_id.is_null()))
        return await sdk.paginate(LineTable, node=BankStatementLine.of, first=first, after=after, where=where,
                                  order_by=LineTable.line_date)


@strawberry.type
class BankMutation:
    @sdk.mutation("finance.journal.post", description="Import a bank statement; lines seen before are skipped.")
    async def import_bank_statement(self, input: ImportBankStatementInput) -> ImportBankStatementPayload:
        imported, skipped, errors = await services.import_csv(sdk.decode_id(input.account_id, "Account"), input.file)
        return ImportBankStatementPayload(imported=imported, skipped_as_seen=skipped, user_errors=[
            sdk.UserError(field=["input", "file", str(row)], message=message, code="BAD_USER_INPUT")
            for row, message in errors])

    @sdk.mutation("finance.payment.record",
                  description="Reconcile a line with a posted entry, or record it as an invoice's payment.")
    async def reconcile_bank_line(self, info: sdk.Info, input: ReconcileBankLineInput) -> BankLinePayload:
        pk = sdk.decode_id(input.line_id, "BankStatementLine")
        if input.journal_entry_id:
            await services.reconcile_entry(pk, sdk.decode_id(input.journal_entry_id, "JournalEntry"))
        elif input.invoice_id:
            await services.reconcile_invoice(pk, sdk.decode_id(input.invoice_id, "Invoice"), info.context.actor.user_id)
        else:
            raise sdk.BadUserInput(("Give the entry or the invoice.", "Berikan jurnal atau fakturnya."),
                                   field="journalEntryId")
        return BankLinePayload(line=BankStatementLine.of(await services.get_line(pk)))
