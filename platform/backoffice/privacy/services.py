"""What the modules hold about one person, gathered into one archive, and the anonymisation
that removes it. Both ask every module the tenant has enabled through the ``personal_data_*``
hooks, the core included, so no module reaches into another's tables.

What this file does not do: decide who may ask (the module exposing the request checks that),
or keep the archive (the caller stores it where its owner can download it).
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from backoffice.db.scope import current_tenant_id
from backoffice.modules.types import PersonalDataSection
from backoffice.runtime import get_registry

SECTION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
REDACTED = "personal data removed"
CHUNK = 200

README = """Personal data export
====================

This archive holds the personal data that {company} keeps about {person}, as of {at}
(Indonesia's Personal Data Protection Law, UU No. 27/2022, Art. 32: access to and a copy of
one's own data).

- manifest.json lists the sections: which module keeps them and how many records each has.
- Each section is in two files with the same content: <section>.json and <section>.csv.
- files/ holds the documents kept about you, as they were uploaded.

Ekspor data pribadi
===================

Arsip ini berisi data pribadi yang disimpan {company} tentang {person}, per {at}
(UU Pelindungan Data Pribadi No. 27/2022, Pasal 32: akses dan salinan data pribadi sendiri).

- manifest.json mencantumkan bagian-bagian data: modul yang menyimpannya dan jumlah catatannya.
- Setiap bagian ada dalam dua berkas dengan isi yang sama: <bagian>.json dan <bagian>.csv.
- files/ berisi dokumen yang disimpan tentang Anda, sebagaimana diunggah.
"""


async def _enabled() -> frozenset[str]:
    from backoffice.dashboard.services import enabled_modules  # noqa: PLC0415

    return await enabled_modules()


async def _call_all(hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call ``hook`` of every module the tenant in scope has enabled, in dependency order."""
    registry = get_registry()
    enabled = await _enabled()
    results = []
    for module in registry:
        if module.key not in enabled:
            continue
        result = registry.call(module.key, hook, tenant_id=current_tenant_id(), **kwargs)
        if inspect.isawaitable(result):
            result = await result
        results.append((module.key, result))
    return results


async def collect(employee_id: int | None, user_id: int | None) -> list[tuple[str, PersonalDataSection]]:
    """Every section the enabled modules hold about the person, with the module of each."""
    found: list[tuple[str, PersonalDataSection]] = []
    for module, sections in await _call_all("personal_data_export", employee_id=employee_id,
                                            user_id=user_id):
        for section in sections or ():
            if not SECTION_KEY_RE.match(section.key) or not section.key.startswith(f"{module}."):
                raise ValueError(f"Module {module} returned a personal data section named "
                                 f"{section.key!r}: keys are '{module}.<name>'")
            found.append((module, section))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def _csv_value(value: Any) -> Any:
    value = _plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _csv(rows: Iterable[dict[str, Any]]) -> bytes:
    from backoffice.exports import _cell  # noqa: PLC0415

    rows = list(rows)
    headers: list[str] = []
    for row in rows:
        headers += [k for k in row if k not in headers]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(_csv_value(row.get(h))) for h in headers])
    return text.getvalue().encode("utf-8-sig")


def _unique(name: str, taken: set[str]) -> str:
    from backoffice.exports import safe_filename  # noqa: PLC0415

    name = safe_filename(name) or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    taken.add(candidate)
    return candidate


def archive(sections: list[tuple[str, PersonalDataSection]], *, company: str, person: str,
            at: datetime) -> tuple[bytes, int]:
    """The ZIP a person can open: a README in both languages, a manifest, each section as JSON
    and CSV, and the files. Returns the archive and the number of records in it."""
    buffer = io.BytesIO()
    manifest: list[dict[str, Any]] = []
    records = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", README.format(company=company, person=person,
                                               at=at.replace(microsecond=0).isoformat()))
        for module, section in sections:
            rows = [_plain(dict(r)) for r in section.rows]
            records += len(rows)
            taken: set[str] = set()
            files = [f"files/{section.key}/{_unique(f.name, taken)}" for f in section.files]
            for path, f in zip(files, section.files, strict=True):
                z.writestr(path, bytes(f.content))
            z.writestr(f"{section.key}.json", json.dumps(rows, ensure_ascii=False, indent=2))
            z.writestr(f"{section.key}.csv", _csv(rows))
            manifest.append({"section": section.key, "module": module, "title": section.title.en,
                             "title_id": section.title.id, "records": len(rows), "files": files})
        z.writestr("manifest.json", json.dumps({"person": person, "company": company,
                                                "exported_at": at.isoformat(),
                                                "sections": manifest}, ensure_ascii=False, indent=2))
    return buffer.getvalue(), records


async def build_archive(employee_id: int | None, user_id: int | None, person: str) -> tuple[bytes, int]:
    """Collect the person's data from every enabled module and pack it (see :func:`archive`)."""
    from datetime import UTC  # noqa: PLC0415

    from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

    tenant = await Tenant.select(Tenant.name).where(Tenant.id == current_tenant_id()).first()
    return archive(await collect(employee_id, user_id), company=(tenant or {}).get("name", ""),
                   person=person, at=datetime.now(UTC))


# -- anonymisation -----------------------------------------------------------------------------


async def anonymise(employee_id: int | None, user_id: int | None, label: str,
                    names: Iterable[str] = ()) -> list[str]:
    """Every enabled module removes what identifies the person; then the values recorded about
    the records they changed (audit entries, delivered events and webhooks, comments on them)
    go too, and so do the notifications whose text carries one of ``names`` (the person's
    name and email as they were). Run it inside the caller's transaction: a module refusing
    (``Conflict``) rolls everything back. Returns the global ids of the records changed."""
    names = [n.strip() for n in names if n and len(n.strip()) >= 3]
    ids: list[str] = []
    for _module, changed in await _call_all("personal_data_anonymise", employee_id=employee_id,
                                            user_id=user_id, label=label, names=names):
        ids += [i for i in (changed or ()) if i not in ids]
    await redact_references(ids)
    await _forget_names(names)
    return ids


async def _forget_names(names: list[str]) -> None:
    """Notifications (anyone's) whose title or body names the person are deleted."""
    from backoffice.notifications.tables import Notification  # noqa: PLC0415

    for name in names:
        pattern = f"%{name}%"
        await Notification.delete().where(
            Notification.title_en.ilike(pattern) | Notification.title_id.ilike(pattern)
            | Notification.body_en.ilike(pattern) | Notification.body_id.ilike(pattern))


def replace_names(text: str, names: Iterable[str], label: str) -> str:
    """``text`` with every mention of one of ``names`` (in any case) replaced by ``label``."""
    for name in names:
        if name:
            text = re.sub(re.escape(name), label, text, flags=re.IGNORECASE)
    return text


def _mentions(text: Any, ids: set[str]) -> bool:
    raw = text if isinstance(text, str) else json.dumps(text)
    return any(f'"{i}"' in raw for i in ids)


async def _rows_mentioning(table: str, column: str, ids: list[str], extra: str = "") -> list[dict[str, Any]]:
    """Rows of the tenant in scope whose ``column`` (JSON or text) names one of ``ids``."""
    from backoffice.audit.tables import AuditEntry  # noqa: PLC0415

    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        likes = " OR ".join(f"CAST({column} AS TEXT) LIKE {{}}" for _ in chunk)
        rows = await AuditEntry.raw(
            f"SELECT id, {column} AS value FROM {table} WHERE tenant_id = {{}} AND ({likes}){extra}",
            current_tenant_id(), *[f'%"{i}"%' for i in chunk])
        for r in rows:
            if _mentions(r["value"], set(chunk)):
                found[r["id"]] = r
    return list(found.values())


def _ids_only(payload: Any) -> dict[str, Any]:
    """A payload reduced to its record ids: names, addresses and amounts go."""
    if isinstance(payload, str):
        payload = json.loads(payload or "{}")
    kept = {k: v for k, v in (payload or {}).items()
            if (k == "id" or k.endswith("_id")) and (v is None or isinstance(v, str | int))}
    return {**kept, "redacted": REDACTED}


async def redact_references(ids: list[str]) -> None:
    """Remove recorded values that concern the records ``ids`` (global ids): the changes in
    their audit entries, and the payloads of events and webhook deliveries already sent. What
    happened, when and by whom stays; what was written does not."""
    from backoffice.audit.tables import AuditEntry  # noqa: PLC0415
    from backoffice.comments.tables import Comment  # noqa: PLC0415
    from backoffice.events.tables import OutboxEvent  # noqa: PLC0415
    from backoffice.webhooks.tables import WebhookDelivery  # noqa: PLC0415

    if not ids:
        return
    from backoffice.audit.services import _is_global_id  # noqa: PLC0415

    for r in await _rows_mentioning("audit_entries", "target_ids", ids):
        targets = json.loads(r["value"]) if isinstance(r["value"], str) else r["value"]
        # Entries written before targets were limited to global ids may hold a national id.
        await AuditEntry.update({AuditEntry.changes: {"redacted": REDACTED},
                                 AuditEntry.target_ids: [t for t in targets or [] if isinstance(t, str)
                                                         and _is_global_id(t)]}).where(
            AuditEntry.id == r["id"])
    for start in range(0, len(ids), CHUNK):
        await Comment.delete().where(Comment.record_id.is_in(ids[start:start + CHUNK]))
    # Events not yet delivered keep their payload: the modules' handlers still need it.
    for r in await _rows_mentioning("outbox_events", "payload", ids, " AND dispatched_at IS NOT NULL"):
        await OutboxEvent.update({OutboxEvent.payload: _ids_only(r["value"])}).where(
            OutboxEvent.id == r["id"])
    for r in await _rows_mentioning("webhook_deliveries", "body", ids, " AND status <> 'pending'"):
        body = json.loads(r["value"] or "{}")
        body["data"] = _ids_only(body.get("data"))
        await WebhookDelivery.update({WebhookDelivery.body: json.dumps(
            body, ensure_ascii=False, separators=(",", ":"))}).where(WebhookDelivery.id == r["id"])
