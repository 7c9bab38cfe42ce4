"""The GraphQL operations the benchmarks send, and sign-up and module enabling over HTTP.

Servers run with ``BACKOFFICE_ENV=production``, so the session cookie is ``Secure``; over
plain loopback HTTP the client sends it by hand, as a header.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx

PASSWORD = "bench-password-1234"
COOKIE = "bo_session"

READ = """
query Employees($first: Int!) {
  employees(first: $first) {
    edges {
      node {
        id employeeNumber fullName workEmail status startDate
        department { id name }
        position { id title }
        manager { id fullName }
      }
    }
  }
}"""

CREATE_EMPLOYEE = """
mutation Create($input: EmployeeInput!) {
  createEmployee(input: $input) {
    employee { id employeeNumber fullName }
    userErrors { field message code }
  }
}"""

HIRE = """
mutation Hire($input: HireApplicantInput!) {
  hireApplicant(input: $input) {
    employee { id employeeNumber fullName }
    userErrors { field message code }
  }
}"""

SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    me { memberships { tenantId slug current } }
    userErrors { field message code }
  }
}"""

ENABLE = """
mutation Enable($key: String!) {
  enableModule(input: {key: $key}) { module { key enabled } userErrors { message code } }
}"""


@dataclass
class Tenant:
    tenant_id: int
    slug: str
    email: str
    cookie: str

    @property
    def headers(self) -> dict[str, str]:
        return {"cookie": f"{COOKIE}={self.cookie}", "content-type": "application/json"}


def decode_tenant_id(global_id: str) -> int:
    import base64

    padded = global_id + "=" * (-len(global_id) % 4)
    return int(base64.urlsafe_b64decode(padded).decode().split(":", 1)[1])


def session_cookie(response: httpx.Response) -> str:
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        if name.strip() == COOKIE:
            return rest.split(";", 1)[0]
    raise RuntimeError(f"no {COOKIE} cookie in the answer: {response.text[:300]}")


def ok(response: httpx.Response) -> bool:
    """A GraphQL answer with data and no errors (cheap: no JSON parsing)."""
    return response.status_code == 200 and b'"errors"' not in response.content \
        and b'"userErrors":[{' not in response.content


def data(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"GraphQL failed: {response.status_code} {response.text[:500]}")
    return body["data"]


async def sign_up(client: httpx.AsyncClient, name: str | None = None) -> tuple[Tenant, float]:
    """Sign a new company up; returns it and the seconds the sign-up took."""
    name = name or f"Bench {secrets.token_hex(4)}"
    email = f"owner-{secrets.token_hex(6)}@example.com"
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": SIGN_UP, "variables": {"input": {
        "companyName": name, "email": email, "password": PASSWORD, "fullName": "Bench Owner",
        "locale": "en"}}})
    seconds = time.perf_counter() - started
    payload = data(response)["signUp"]
    if payload["userErrors"]:
        raise RuntimeError(f"sign-up refused: {payload['userErrors']}")
    current = next(m for m in payload["me"]["memberships"] if m["current"])
    return Tenant(tenant_id=decode_tenant_id(current["tenantId"]), slug=current["slug"],
                  email=email, cookie=session_cookie(response)), seconds


async def enable(client: httpx.AsyncClient, tenant: Tenant, key: str) -> None:
    response = await client.post("/graphql", headers=tenant.headers,
                                 json={"query": ENABLE, "variables": {"key": key}})
    payload = data(response)["enableModule"]
    if payload["userErrors"]:
        raise RuntimeError(f"enabling {key} failed: {payload['userErrors']}")


async def post(client: httpx.AsyncClient, tenant: Tenant, query: str,
               variables: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", headers=tenant.headers,
                             json={"query": query, "variables": variables})
