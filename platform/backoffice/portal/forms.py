"""Checking a request form's values against the type's fields (``UiFormField``).

:func:`clean` checks what a member sent and returns it as JSON values to store; :func:`parse`
turns stored values into Python values for the type's ``accept``. Each error names the field
(``values.<field>``), so the form can show it beside the input.

Kinds: ``text``, ``textarea``, ``email``, ``tel`` (strings); ``select`` (one of the options);
``number`` (a whole number); ``money`` (not negative, at most two decimals) and ``decimal``
(``Decimal`` in Python, a string in JSON); ``boolean``; ``date`` (``YYYY-MM-DD``);
``datetime`` (ISO 8601, UTC when no offset is given); ``tags`` or ``list`` (a list of strings);
``ref:<Type>`` (the global id of a record of that type, handed to ``accept`` as given).
Any other kind is taken as text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from backoffice.errors import BadUserInput, NotFound
from backoffice.graphql.ids import decode_id
from backoffice.modules.types import UiFormField

TEXT_LIMIT = 500
LONG_TEXT_LIMIT = 10_000
LIST_LIMIT = 50
MONEY_LIMIT = Decimal(10) ** 15


def _error(name: str, en: str, id_: str) -> BadUserInput:
    return BadUserInput((en, id_), field=f"values.{name}")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def clean(fields: tuple[UiFormField, ...], values: Any) -> dict[str, Any]:
    """The form's values, checked and normalised for storage; raises BAD_USER_INPUT."""
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise BadUserInput(("Send the form's values as an object of field names.",
                            "Kirim isian formulir sebagai objek nama kolom."), field="values")
    known = {f.field for f in fields}
    for name in values:
        if name not in known:
            raise _error(str(name), "This form has no such field.", "Formulir ini tidak memiliki kolom ini.")
    cleaned: dict[str, Any] = {}
    for f in fields:
        value = values.get(f.field)
        if _empty(value) and not (f.kind == "boolean" and value is not None):
            if f.required:
                raise _error(f.field, f"{f.label.en} is required.", f"{f.label.id} wajib diisi.")
            continue
        cleaned[f.field] = _clean_one(f, value)
    return cleaned


def _clean_one(f: UiFormField, value: Any) -> Any:
    kind = f.kind
    if kind == "select":
        allowed = [v for v, _ in f.options]
        if not isinstance(value, str) or value not in allowed:
            raise _error(f.field, f"Choose one of: {', '.join(allowed)}.",
                         f"Pilih salah satu: {', '.join(allowed)}.")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().lstrip("-").isdigit():
            raise _error(f.field, "Give a whole number.", "Beri bilangan bulat.")
        number = int(str(value).strip())
        if abs(number) >= 10 ** 12:
            raise _error(f.field, "This number is too large.", "Angka ini terlalu besar.")
        return number
    if kind in ("money", "decimal"):
        return str(_decimal(f, value))
    if kind == "boolean":
        if not isinstance(value, bool):
            raise _error(f.field, "Give true or false.", "Beri true atau false.")
        return value
    if kind == "date":
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise _error(f.field, "Give a date as YYYY-MM-DD.", "Beri tanggal dengan format YYYY-MM-DD.") from None
    if kind == "datetime":
        return _datetime(f, value).isoformat()
    if kind in ("tags", "list"):
        if not isinstance(value, list) or len(value) > LIST_LIMIT or not all(isinstance(v, str) for v in value):
            raise _error(f.field, f"Give a list of at most {LIST_LIMIT} texts.",
                         f"Beri daftar berisi paling banyak {LIST_LIMIT} teks.")
        return [v.strip()[:TEXT_LIMIT] for v in value if v.strip()]
    if kind.startswith("ref:"):
        try:
            decode_id(str(value), kind[4:])
        except NotFound:
            raise _error(f.field, "Choose one from the list.", "Pilih salah satu dari daftar.") from None
        return str(value)
    if not isinstance(value, str):
        raise _error(f.field, "Give a text.", "Beri teks.")
    text = value.strip()
    limit = LONG_TEXT_LIMIT if kind == "textarea" else TEXT_LIMIT
    if len(text) > limit:
        raise _error(f.field, f"At most {limit} characters.", f"Paling banyak {limit} karakter.")
    if kind == "email" and ("@" not in text or " " in text):
        raise _error(f.field, "Give an email address.", "Beri alamat email.")
    return text


def _decimal(f: UiFormField, value: Any) -> Decimal:
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise InvalidOperation
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _error(f.field, "Give a number.", "Beri angka.") from None
    if not number.is_finite() or abs(number) >= MONEY_LIMIT:
        raise _error(f.field, "Give a number.", "Beri angka.")
    if f.kind == "money" and (number < 0 or number.normalize().as_tuple().exponent < -2):  # type: ignore[operator]
        raise _error(f.field, "Give an amount that is not negative, with at most two decimals.",
                     "Beri jumlah yang tidak negatif, paling banyak dua desimal.")
    return number


def _datetime(f: UiFormField, value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise _error(f.field, "Give a date and time (ISO 8601).", "Beri tanggal dan waktu (ISO 8601).") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse(fields: tuple[UiFormField, ...], stored: dict[str, Any]) -> dict[str, Any]:
    """Stored values as Python values: ``Decimal``, ``date``, ``datetime``; the rest as stored.
    Values of fields the type no longer has are left out."""
    kinds = {f.field: f.kind for f in fields}
    parsed: dict[str, Any] = {}
    for name, value in stored.items():
        kind = kinds.get(name)
        if kind is None:
            continue
        if kind in ("money", "decimal"):
            parsed[name] = Decimal(value)
        elif kind == "date":
            parsed[name] = date.fromisoformat(value)
        elif kind == "datetime":
            parsed[name] = datetime.fromisoformat(value)
        else:
            parsed[name] = value
    return parsed
