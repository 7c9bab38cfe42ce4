"""Texts in English and Bahasa Indonesia, and the locale of the current request.

A message is written once as an ``(english, indonesian)`` pair (or a ``Text``) and picked
by the locale when it reaches a person.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Union

from backoffice.modules.types import Text

SUPPORTED = ("en", "id")
_locale: ContextVar[str] = ContextVar("backoffice_locale", default="en")

Message = Union[str, Text, tuple[str, str]]


def T(message: Message) -> Text:  # noqa: N802
    """Normalise a message to a :class:`Text` (a bare string is used for both languages)."""
    if isinstance(message, Text):
        return message
    if isinstance(message, tuple):
        return Text(en=message[0], id=message[1])
    return Text(en=message, id=message)


def normalise(locale: str | None) -> str:
    code = (locale or "en").strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else "en"


def from_accept_language(header: str | None) -> str | None:
    if not header:
        return None
    for part in header.split(","):
        code = normalise(part.split(";")[0])
        if part.strip().lower().startswith(code):
            return code
    return None


def set_locale(locale: str | None) -> None:
    _locale.set(normalise(locale))


def get_locale() -> str:
    return _locale.get()


def translate(message: Message, **params: object) -> str:
    text = T(message).get(get_locale())
    return text.format(**params) if params else text
