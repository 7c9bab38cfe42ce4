"""Approval rules: for each kind of approvable, the ordered steps a tenant wants.

A step names who decides (the holders of a permission, the members of a role, or the
requester's manager) and may apply only above an amount. Without a rule of the tenant's own, the
approvable's ``permission`` decides in one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from backoffice.approvals.tables import ApprovalRuleStep
from backoffice.errors import BadUserInput
from backoffice.identity.tables import Role
from backoffice.modules.types import Approvable, ApprovalItem
from backoffice.runtime import get_registry

PERMISSION, ROLE, MANAGER, NAMED = "permission", "role", "manager", "named"
SETTABLE = (PERMISSION, ROLE, MANAGER)
MAX_STEPS = 10
MAX_AMOUNT = Decimal("1e18")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Step:
    approver: str
    permission: str = ""
    role_key: str = ""
    min_amount: Decimal | None = None

    def applies(self, amount: Any) -> bool:
        if self.min_amount is None:
            return True
        return amount is not None and Decimal(amount) > self.min_amount


def approvables(enabled: frozenset[str] | None = None) -> dict[str, tuple[str, Approvable]]:
    """The approvables by kind, with their module: of the ``enabled`` modules, or of all."""
    return {a.kind: (m.key, a) for m in get_registry()
            if enabled is None or m.key in enabled for a in m.approvables}


async def load_rules(kinds: list[str]) -> dict[str, list[Step]]:
    """The tenant's steps of each kind that has a rule (one query)."""
    if not kinds:
        return {}
    rows = await ApprovalRuleStep.select().where(ApprovalRuleStep.kind.is_in(kinds)).order_by(
        ApprovalRuleStep.kind).order_by(ApprovalRuleStep.position)
    rules: dict[str, list[Step]] = {}
    for r in rows:
        amount = r["min_amount"]
        rules.setdefault(r["kind"], []).append(Step(
            approver=r["approver"], permission=r["permission"] or "", role_key=r["role_key"] or "",
            min_amount=Decimal(amount).quantize(CENT) if amount is not None else None))
    return rules


def steps_for(item: ApprovalItem, approvable: Approvable, rule: list[Step] | None) -> list[Step]:
    """The steps that apply to one record, in order.

    A record that names its decider waits for that person alone. Otherwise the rule's steps
    whose amount the record exceeds apply; a manager step for a record whose requester has no
    known manager falls to the approvable's permission; with no step left, the approvable's
    permission decides in one step."""
    if item.decider_user_id is not None:
        return [Step(NAMED)]
    fallback = Step(PERMISSION, permission=approvable.permission)
    steps = []
    for step in rule or []:
        if not step.applies(item.amount):
            continue
        steps.append(fallback if step.approver == MANAGER and item.manager_user_id is None else step)
    return steps or [fallback]


def _error(en: str, id_: str, field: str) -> BadUserInput:
    return BadUserInput((en, id_), field=field)


def clean_amount(value: Decimal | None, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(value)
        ok = amount.is_finite() and Decimal(0) <= amount < MAX_AMOUNT
        ok = ok and amount == amount.quantize(CENT)
    except (InvalidOperation, ValueError):
        ok = False
    if not ok:
        raise _error("Give the amount as zero or more, with at most two decimals.",
                     "Beri jumlah nol atau lebih, dengan paling banyak dua desimal.", field)
    return amount.quantize(CENT)


async def validate(kind: str, steps: list[dict[str, Any]], enabled: frozenset[str]) -> list[Step]:
    """Check a rule as given (``approver``, ``permission``, ``role_key``, ``min_amount``)."""
    if kind not in approvables(enabled):
        raise _error("Choose a kind of record that waits for approval in an enabled module.",
                     "Pilih jenis data yang menunggu persetujuan pada modul yang aktif.", "kind")
    if len(steps) > MAX_STEPS:
        raise _error(f"A rule has at most {MAX_STEPS} steps.",
                     f"Aturan paling banyak {MAX_STEPS} langkah.", "steps")
    known_permissions = set(get_registry().permissions_for(enabled))
    role_keys = {r["key"] for r in await Role.select(Role.key, Role.module)
                 if r["module"] in enabled}
    clean: list[Step] = []
    for i, s in enumerate(steps):
        approver = s.get("approver")
        if approver not in SETTABLE:
            raise _error("A step is decided by a permission, a role or the requester's manager.",
                         "Langkah diputuskan oleh izin, peran, atau atasan pemohon.",
                         f"steps.{i}.approver")
        permission = (s.get("permission") or "").strip()
        role_key = (s.get("role_key") or "").strip()
        if approver == PERMISSION and permission not in known_permissions:
            raise _error("Choose a permission of an enabled module.",
                         "Pilih izin dari modul yang aktif.", f"steps.{i}.permission")
        if approver == ROLE and role_key not in role_keys:
            raise _error("Choose one of the company's roles.", "Pilih salah satu peran perusahaan.",
                         f"steps.{i}.roleKey")
        clean.append(Step(approver=approver,
                          permission=permission if approver == PERMISSION else "",
                          role_key=role_key if approver == ROLE else "",
                          min_amount=clean_amount(s.get("min_amount"), f"steps.{i}.minAmount")))
    return clean


async def save(kind: str, steps: list[Step], user_id: int | None) -> None:
    """Replace the tenant's rule of ``kind`` (no steps: back to the default)."""
    await ApprovalRuleStep.delete().where(ApprovalRuleStep.kind == kind)
    if steps:
        now = datetime.now(UTC)
        await ApprovalRuleStep.insert(*[ApprovalRuleStep(
            kind=kind, position=i, approver=s.approver, permission=s.permission,
            role_key=s.role_key, min_amount=s.min_amount, updated_by=user_id, updated_at=now)
            for i, s in enumerate(steps)])


def format_amount(amount: Decimal, locale: str) -> str:
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    if locale == "id":  # 5.000.000,50
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def describe(step: Step, locale: str, role_names: dict[str, str], currency: str = "IDR") -> str:
    """Who decides a step, in words."""
    registry = get_registry()
    if step.approver == PERMISSION:
        permission = registry.permissions.get(step.permission)
        what = permission.description.get(locale) if permission else step.permission
        text = (f"Whoever may: {what}", f"Yang berwenang: {what}")
    elif step.approver == ROLE:
        name = role_names.get(step.role_key, step.role_key)
        text = (f"Members of the role {name}", f"Anggota peran {name}")
    elif step.approver == MANAGER:
        text = ("The requester's manager", "Atasan pemohon")
    else:
        text = ("The person named on the record", "Orang yang ditunjuk pada data ini")
    out = text[1] if locale == "id" else text[0]
    if step.min_amount is not None:
        amount = format_amount(step.min_amount, locale)
        out += f" (di atas {currency} {amount})" if locale == "id" else f" (above {currency} {amount})"
    return out
