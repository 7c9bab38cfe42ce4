"""The schema as a contract: ``backoffice check-schema`` refuses breaking changes that the
changelog does not list, and removals that were not deprecated first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RELEASED = '''
type Query {
  employees(first: Int): [Employee!]!
  legacyCount: Int! @deprecated(reason: "Use employees.")
  oldName: String
}

type Employee {
  id: ID!
  name: String!
  status: Status!
  salary(currency: String): String
}

enum Status { ACTIVE TERMINATED ON_LEAVE @deprecated(reason: "Use absences.") }
'''


def check(tmp_path: Path, current: str, changelog: str = "# API changes\n") -> subprocess.CompletedProcess[str]:
    (tmp_path / "release.graphql").write_text(RELEASED)
    (tmp_path / "current.graphql").write_text(current)
    (tmp_path / "changes.md").write_text(changelog)
    return subprocess.run(
        [sys.executable, "-m", "backoffice.cli", "check-schema", "--release", str(tmp_path / "release.graphql"),
         "--current", str(tmp_path / "current.graphql"), "--changes", str(tmp_path / "changes.md")],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"}, timeout=120)


def test_additions_pass_and_new_enum_values_are_reported(tmp_path):
    current = RELEASED.replace("oldName: String", "oldName: String\n  newField(limit: Int): Int") \
        .replace("ON_LEAVE", "PROBATION ON_LEAVE")
    result = check(tmp_path, current)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PROBATION" in result.stdout and "may affect clients" in result.stdout


def test_removing_a_field_that_was_never_deprecated_fails_even_when_listed(tmp_path):
    current = RELEASED.replace("  oldName: String\n", "")
    result = check(tmp_path, current, "- `Field Query.oldName was removed.`\n")
    assert result.returncode == 1
    assert "Field Query.oldName was removed." in result.stderr and "@deprecated first" in result.stderr


def test_removing_a_deprecated_field_needs_a_changelog_entry(tmp_path):
    current = RELEASED.replace('  legacyCount: Int! @deprecated(reason: "Use employees.")\n', "")
    unlisted = check(tmp_path, current)
    assert unlisted.returncode == 1
    assert "list it in docs/api-changes.md" in unlisted.stderr
    listed = check(tmp_path, current, "## Unreleased\n- `Field Query.legacyCount was removed.` Use employees.\n")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "Query.legacyCount was removed." in listed.stdout


def test_a_deprecated_enum_value_can_go_but_a_live_one_cannot(tmp_path):
    gone = check(tmp_path, RELEASED.replace(' ON_LEAVE @deprecated(reason: "Use absences.")', ""),
                 "- `Enum value Status.ON_LEAVE was removed.`\n")
    assert gone.returncode == 0, gone.stdout + gone.stderr
    live = check(tmp_path, RELEASED.replace("ACTIVE TERMINATED", "ACTIVE"),
                 "- `Enum value Status.TERMINATED was removed.`\n")
    assert live.returncode == 1 and "@deprecated first" in live.stderr


def test_changing_a_type_or_requiring_an_argument_fails_unless_listed(tmp_path):
    current = RELEASED.replace("name: String!", "name: Int!").replace("salary(currency: String)",
                                                                       "salary(currency: String!)")
    result = check(tmp_path, current)
    assert result.returncode == 1
    assert "Field Employee.name changed type from String! to Int!." in result.stderr
    assert "currency" in result.stderr
    # Listing only one of the two is not enough.
    one = check(tmp_path, current, "- `Field Employee.name changed type from String! to Int!.`\n")
    assert one.returncode == 1 and "currency" in one.stderr and "Employee.name" not in one.stderr


def test_the_committed_schema_keeps_the_released_contract():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "backoffice.cli", "check-schema", "--release",
         str(root / "docs/api/schema-release.graphql"), "--changes", str(root / "docs/api-changes.md"),
         "--current", str(root / "docs/schema.graphql")],
        capture_output=True, text=True, env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
