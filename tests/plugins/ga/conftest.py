"""Fixtures of the general affairs tests: a company with the module on, and an office tower
with floors and rooms."""

from __future__ import annotations

import pytest

from ga_helpers import Office, make_office
from helpers import enable


@pytest.fixture
async def office(company) -> Office:  # type: ignore[no-untyped-def]
    await enable(company.api, "ga")
    made = await make_office(company.api)
    return Office(company=company, **made)
