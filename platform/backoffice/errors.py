"""The domain errors of the whole product, each with a stable code.

Services raise these; the GraphQL layer maps them, in one place, to ``extensions.code``.
Any other exception reaching a client is masked as ``INTERNAL_SERVER_ERROR``.
"""

from __future__ import annotations

from typing import Any

from backoffice.i18n import Message, T


class BackofficeError(Exception):
    """Base of every error a client may see. ``message`` is for humans, ``code`` for code."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: Message, *, code: str | None = None, field: str | None = None,
                 **extra: Any) -> None:
        self.text = T(message)
        super().__init__(self.text.en)
        self.message = self.text.en
        if code:
            self.code = code
        self.field = field
        self.extra = extra

    @property
    def extensions(self) -> dict[str, Any]:
        ext: dict[str, Any] = {"code": self.code}
        if self.field:
            ext["field"] = self.field
        ext.update(self.extra)
        return ext


class Unauthenticated(BackofficeError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: Message = ("You need to log in.", "Anda perlu masuk terlebih dahulu."), **kw: Any) -> None:
        super().__init__(message, **kw)


class Forbidden(BackofficeError):
    code = "FORBIDDEN"

    def __init__(self, message: Message = ("You do not have permission to do this.", "Anda tidak memiliki izin untuk melakukan ini."), **kw: Any) -> None:
        super().__init__(message, **kw)


class NotFound(BackofficeError):
    """Also raised for records of another tenant: "missing" and "not yours" read the same."""

    code = "NOT_FOUND"

    def __init__(self, message: Message = ("Not found.", "Tidak ditemukan."), **kw: Any) -> None:
        super().__init__(message, **kw)


class BadUserInput(BackofficeError):
    code = "BAD_USER_INPUT"


class Conflict(BackofficeError):
    code = "CONFLICT"


class ModuleDisabled(BackofficeError):
    code = "MODULE_DISABLED"


class RateLimited(BackofficeError):
    code = "RATE_LIMITED"


class TenantSuspended(BackofficeError):
    code = "TENANT_SUSPENDED"

    def __init__(self, message: Message = ("This company's account is suspended.", "Akun perusahaan ini sedang ditangguhkan."), **kw: Any) -> None:
        super().__init__(message, **kw)


class ServiceUnavailable(BackofficeError):
    """The database cannot be reached right now: the request did nothing; try again shortly.

    Answered with HTTP 503 and ``Retry-After`` (see :mod:`backoffice.db.unavailable`)."""

    code = "SERVICE_UNAVAILABLE"
    retry_after = 5

    def __init__(self, message: Message = (
            "The service is briefly unavailable. Please try again in a few seconds.",
            "Layanan sedang tidak tersedia sebentar. Silakan coba lagi dalam beberapa detik."),
            **kw: Any) -> None:
        kw.setdefault("retry_after", self.retry_after)
        super().__init__(message, **kw)


class TwoFactorSetupRequired(BackofficeError):
    """The company requires owners to use two-factor authentication and this owner has not
    set it up: until they do, the session can only set it up (or log out)."""

    code = "TWO_FACTOR_SETUP_REQUIRED"

    def __init__(self, message: Message = (
            "Your company requires owners to use two-factor authentication. Set it up to continue.",
            "Perusahaan Anda mewajibkan pemilik memakai autentikasi dua faktor. Aktifkan untuk melanjutkan."),
            **kw: Any) -> None:
        super().__init__(message, **kw)
