"""The simulated users of ``python -m bench.soak`` (locust).

Each user logs in as the owner of one of the seeded companies (spread evenly) and then, with a
short think time, mixes reads and writes across the modules the way people in a back office
do: the dashboard, lists of employees, invoices, tickets, stock and approvals, and now and then
a new ticket, customer, draft invoice, item or comment. Every answer is checked: an HTTP error,
a GraphQL ``errors`` entry or a ``userErrors`` entry counts as a failure.

The companies and their password come from the file named by ``SOAK_ACCOUNTS`` (JSON:
``{"emails": [...], "password": "..."}``).
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import threading
from decimal import Decimal
from typing import Any

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["SOAK_ACCOUNTS"]).read())  # noqa: SIM115
_next = itertools.count()
COOKIE = os.environ.get("SOAK_COOKIE", "bo_session")
_lock = threading.Lock()

LOG_IN = """mutation($i: LogInInput!) { logIn(input: $i) { me { id } userErrors { code message } } }"""
DASHBOARD = "{ dashboard { currency } notifications(first: 10) { totalCount nodes { id } } }"
EMPLOYEES = """{ employees(first: 20) { totalCount nodes { id fullName department { name }
  position { title } manager { fullName } } } }"""
INVOICES = """{ invoices(first: 20) { totalCount nodes { id number status total
  customer { name } } } }"""
TICKETS = """{ tickets(first: 20) { totalCount nodes { id subject status priority } } }"""
STOCK = """{ items(first: 20) { totalCount nodes { id sku name } } stockOnHand { quantity } }"""
APPROVALS = "{ approvalsInbox(first: 20) { totalCount } auditLog(first: 20) { totalCount } }"
CUSTOMERS = "{ customers(first: 5) { nodes { id } } }"
CREATE_TICKET = """mutation($i: TicketInput!) { createTicket(input: $i) { ticket { id }
  userErrors { code message } } }"""
CREATE_CUSTOMER = """mutation($i: CustomerInput!) { createCustomer(input: $i) { customer { id }
  userErrors { code message } } }"""
CREATE_INVOICE = """mutation($i: InvoiceInput!) { createInvoice(input: $i) { invoice { id total }
  userErrors { code message } } }"""
CREATE_ITEM = """mutation($i: ItemInput!) { createItem(input: $i) { item { id }
  userErrors { code message } } }"""
ADD_COMMENT = """mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id }
  userErrors { code message } } }"""


class BackOfficeUser(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        with _lock:
            n = next(_next)
        self.email = ACCOUNTS["emails"][n % len(ACCOUNTS["emails"])]
        self.customers: list[str] = []
        self.tickets: list[str] = []
        self.headers: dict[str, str] = {}
        self.gql("logIn", LOG_IN, {"i": {"email": self.email, "password": ACCOUNTS["password"]}})

    def gql(self, name: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        with self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                              headers=self.headers, name=name, catch_response=True) as response:
            # The server runs with production settings, so its session cookie is Secure, which
            # a client does not send back over plain http: send it by hand on loopback.
            cookie = response.cookies.get(COOKIE)
            if cookie:
                self.headers = {"cookie": f"{COOKIE}={cookie}"}
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {response.text[:300]}")
                return {}
            body = response.json()
            if body.get("errors"):
                response.failure(f"errors: {body['errors'][:1]}")
                return {}
            data = body.get("data") or {}
            for payload in data.values():
                if isinstance(payload, dict) and payload.get("userErrors"):
                    response.failure(f"userErrors: {payload['userErrors']}")
                    return {}
            response.success()
            return data

    # Reads: about four in five requests.
    @task(6)
    def dashboard(self) -> None:
        self.gql("dashboard", DASHBOARD)

    @task(5)
    def employees(self) -> None:
        self.gql("employees", EMPLOYEES)

    @task(4)
    def invoices(self) -> None:
        self.gql("invoices", INVOICES)

    @task(4)
    def tickets(self) -> None:
        data = self.gql("tickets", TICKETS)
        if data:
            self.tickets = [t["id"] for t in data["tickets"]["nodes"]][:5]

    @task(3)
    def stock(self) -> None:
        self.gql("stock", STOCK)

    @task(3)
    def approvals(self) -> None:
        self.gql("approvals and audit", APPROVALS)

    # Writes: about one in five.
    @task(2)
    def create_ticket(self) -> None:
        self.gql("createTicket", CREATE_TICKET, {"i": {
            "subject": f"Printer on floor {secrets.randbelow(9) + 1} jams",
            "description": "Paper jams on every second page.", "priority": "low"}})

    @task(1)
    def create_customer(self) -> None:
        data = self.gql("createCustomer", CREATE_CUSTOMER, {"i": {
            "name": f"PT Pelanggan {secrets.token_hex(3)}", "email": "billing@example.com"}})
        if data:
            self.customers.append(data["createCustomer"]["customer"]["id"])

    @task(1)
    def create_invoice(self) -> None:
        if not self.customers:
            data = self.gql("customers", CUSTOMERS)
            self.customers = [c["id"] for c in (data.get("customers") or {}).get("nodes", [])]
            if not self.customers:
                return
        quantity = Decimal(secrets.randbelow(5) + 1)
        self.gql("createInvoice", CREATE_INVOICE, {"i": {
            "customerId": secrets.choice(self.customers),
            "lines": [{"description": "Jasa konsultasi", "quantity": str(quantity),
                       "unitPrice": "1500000.00"}]}})

    @task(1)
    def create_item(self) -> None:
        self.gql("createItem", CREATE_ITEM, {"i": {
            "sku": f"SOAK-{secrets.token_hex(5)}", "name": "Kertas A4 80 gsm", "unit": "rim"}})

    @task(1)
    def comment(self) -> None:
        if self.tickets:
            self.gql("addComment", ADD_COMMENT, {"i": {
                "recordId": secrets.choice(self.tickets), "body": "Checked, toner replaced."}})
