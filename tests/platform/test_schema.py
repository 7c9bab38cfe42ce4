"""The schema as a contract: deny by default, every permission declared, the exported file fresh."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backoffice.graphql.fields import AUTHENTICATED, PUBLIC, SELF_SERVICE, access_rule
from backoffice.graphql.schema import SchemaRouter
from backoffice.runtime import get_registry
from backoffice.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
# Root fields anyone may call: the ways in, and `me` (null when nobody is logged in).
PUBLIC_FIELDS = {"signUp", "logIn", "logInSecondFactor", "me", "acceptInvitation", "verifyEmail",
                 "requestPasswordReset",
                 "resetPassword"}


def _root_fields():  # type: ignore[no-untyped-def]
    schema = SchemaRouter(get_registry(), get_settings()).full()
    for type_name in ("Query", "Mutation"):
        definition = schema.get_type_by_name(type_name)
        for f in definition.fields:
            yield type_name, schema.config.name_converter.get_graphql_name(f), f


def test_every_root_field_names_who_may_call_it():
    missing = [f"{t}.{name}" for t, name, f in _root_fields() if access_rule(f) is None]
    assert missing == [], f"root fields without a permission: {missing}"


def test_every_required_permission_is_declared():
    declared = set(get_registry().permissions)
    undeclared = [
        (f"{t}.{name}", access_rule(f)) for t, name, f in _root_fields()
        if access_rule(f) not in (PUBLIC, AUTHENTICATED, SELF_SERVICE)
        and access_rule(f) not in declared
    ]
    assert undeclared == []


def test_only_the_ways_in_are_public():
    public = {name for _, name, f in _root_fields() if access_rule(f) == PUBLIC}
    assert public <= PUBLIC_FIELDS, f"unexpected public fields: {public - PUBLIC_FIELDS}"


def test_module_fields_need_a_module_permission():
    """A business module's root fields never fall back to 'any logged-in user': they need a
    permission, or are self-service fields that act on the caller's own records only."""
    router = SchemaRouter(get_registry(), get_settings())
    lax = [name for _, name, f in _root_fields()
           if router.field_owner.get(name, "core") != "core" and access_rule(f) == AUTHENTICATED]
    assert lax == []


def test_exported_schema_is_current():
    # The contract is the product's schema: the test suite's example plugins are left out.
    env = {**os.environ, "BACKOFFICE_EXCLUDE_PLUGINS": "example,example_listener"}
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "export-schema", "-o", "-"],
                            capture_output=True, text=True, check=True, env=env)
    committed = (ROOT / "docs" / "schema.graphql").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "docs/schema.graphql is stale: run `make schema` and commit the change")
