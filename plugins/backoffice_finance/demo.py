"""Demo data for ``backoffice seed-demo``: a year of a small trading company's books."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from .ledger import services as ledger
from .purchases import services as purchases
from .sales import services as sales

CUSTOMERS = ["PT Sinar Abadi", "CV Maju Bersama", "PT Nusantara Retail", "Toko Berkah Jaya", "PT Karya Mandiri"]
SUPPLIERS = [("PT Grosir Sentosa", "5000"), ("PLN", "6300"), ("PT Properti Kota", "6200"), ("Telkom", "6300")]


async def seed() -> None:
    rng = random.Random(2026)
    codes = {code: (await ledger.account_by_code(code))["id"] for code in
             ("1110", "3100", "4100", "5000", "6200", "6300", "6400", "6900")}
    today = date.today()
    start = date(today.year - 1, today.month, 1)
    await ledger.post(entry_date=start, memo="Setoran modal awal", source="demo",
                      lines=[ledger.Line(codes["1110"], debit=Decimal(750_000_000)),
                             ledger.Line(codes["3100"], credit=Decimal(750_000_000))],
                      idempotency_key="demo:capital")
    customers = [await sales.create_customer(n, "", "", "Jakarta") for n in CUSTOMERS]
    suppliers = [(await purchases.create_supplier(n, "", ""), code) for n, code in SUPPLIERS]
    month = start
    while month <= today:
        for _ in range(rng.randint(3, 6)):
            day = month + timedelta(days=rng.randint(0, 25))
            if day > today:
                continue
            pk = await sales.create_draft(rng.choice(customers), [{
                "description": "Penjualan barang", "quantity": Decimal(rng.randint(1, 40)),
                "unit_price": Decimal(rng.randint(5, 60) * 100_000), "tax_code": "PPN"}], "")
            await sales.issue(pk, day, 30, None)
            if day + timedelta(days=30) < today and rng.random() < 0.85:
                invoice = await sales.get_invoice(pk)
                await sales.pay(pk, Decimal(invoice["total"]), day + timedelta(days=rng.randint(10, 40)),
                                codes["1110"], None, None)
        for supplier, code in suppliers:
            day = month + timedelta(days=rng.randint(0, 20))
            if day > today:
                continue
            amount = Decimal(rng.randint(20, 400) * 100_000) if code == "5000" else Decimal(rng.randint(5, 30) * 100_000)
            bill_id = await purchases.record_bill(supplier, f"B-{month:%y%m}-{supplier}", day, 30, [{
                "description": "Pembelian" if code == "5000" else "Tagihan bulanan",
                "account_id": codes[code], "amount": amount, "tax_code": "PPN" if code == "5000" else ""}], None, None)
            if day + timedelta(days=30) < today:
                bill = await purchases._get(purchases.Bill, bill_id)
                await purchases.pay_bill(bill_id, Decimal(bill["total"]), day + timedelta(days=25), codes["1110"], None)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
