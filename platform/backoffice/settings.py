"""All configuration, read once from environment variables, with a safe default for each.

Nothing else in the code reads ``os.environ`` for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEVELOPMENT_SECRET = "development-secret-do-not-use-in-production"  # noqa: S105
# The Standard Webhooks retry schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h.
WEBHOOK_RETRY_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 50400.0)


class SettingsError(RuntimeError):
    """The configuration is unsafe or inconsistent; the process must not start."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    return int(value) if value not in (None, "") else default


def _float(value: str | None, default: float) -> float:
    return float(value) if value not in (None, "") else default


def _floats(value: str | None, default: tuple[float, ...]) -> tuple[float, ...]:
    """A comma-separated list of numbers (``5,300,1800``)."""
    if value is None or not value.strip():
        return default
    return tuple(float(v) for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    """The settings of one process. Build with :func:`Settings.from_env`."""

    env: str = "development"
    database_url: str = "sqlite:///backoffice.sqlite3"
    # Migrations run as the owner of the tables; the app runs as a role that owns nothing.
    database_owner_url: str = ""
    # The role the application connects as; granted table privileges after each migration.
    database_app_role: str = ""
    # PostgreSQL: seconds to make a connection, and to wait for one from the pool (connecting
    # included). Past either, the request is answered 503 SERVICE_UNAVAILABLE.
    database_connect_timeout_seconds: float = 5.0
    database_pool_timeout_seconds: float = 30.0
    redis_url: str = ""
    secret_key: str = DEVELOPMENT_SECRET
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    session_ttl_hours: int = 24 * 14
    token_ttl_seconds: int = 3600
    login_max_failures_per_account: int = 5
    login_max_failures_per_address: int = 30
    login_window_seconds: int = 900
    graphql_max_depth: int = 12
    graphql_max_tokens: int = 4000
    graphql_max_aliases: int = 30
    # The largest operation the API runs: requested nodes and points (docs/api/rate-limits.md).
    graphql_max_nodes: int = 20_000
    graphql_max_cost: int = 500
    # Points per window: each OAuth client, each logged-in user, each anonymous address, and
    # the whole company (every caller of a tenant together).
    rate_limit_points: int = 5000
    rate_limit_user_points: int = 5000
    rate_limit_tenant_points: int = 25_000
    rate_limit_window_seconds: int = 3600
    job_max_attempts: int = 5
    # A job running longer than this is stopped and counts as a failed attempt.
    job_timeout_seconds: int = 600
    # The arq queue (one per deployment sharing a Redis).
    arq_queue_name: str = "arq:queue"
    frontend_dist: str = ""
    log_level: str = "INFO"
    log_format: str = "text"  # text | json
    # Proxies whose X-Forwarded-For is believed (the client address for throttling and audit).
    forwarded_allow_ips: str = "127.0.0.1"
    metrics_token: str = ""
    # Plugins to load by import path as well as through entry points (comma separated).
    extra_plugins: tuple[str, ...] = ()
    # Installed plugins to leave out, by entry-point name (comma separated).
    exclude_plugins: tuple[str, ...] = ()
    # Outgoing mail. Without SMTP_HOST nothing is sent: each mail is marked failed with the
    # reason (and, in development, its text is logged so that links can be followed).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_from: str = "Backoffice <no-reply@localhost>"
    # STARTTLS on a plain connection (port 587), or TLS from the first byte (SMTP_SSL, port 465).
    smtp_starttls: bool = True
    smtp_ssl: bool = False
    smtp_timeout_seconds: float = 30.0
    mail_max_attempts: int = 5
    # First retry of a failed send after this many seconds, then doubling (at most an hour).
    mail_retry_seconds: float = 60.0
    # Single-use links sent by mail.
    email_verification_ttl_hours: int = 72
    password_reset_ttl_minutes: int = 60
    # Password reset requests per address (email) and per client address in the window.
    password_reset_max_per_account: int = 3
    password_reset_max_per_address: int = 20
    password_reset_window_seconds: int = 3600
    # Webhooks (docs/api/webhooks.md). Endpoints must use https; plain http to 127.0.0.1 or
    # localhost is allowed only when this is on, which production refuses.
    webhook_allow_http_loopback: bool = False
    # Seconds to wait after each failed attempt: eight attempts over about a day and a half.
    webhook_retry_schedule: tuple[float, ...] = WEBHOOK_RETRY_SCHEDULE
    webhook_timeout_seconds: float = 10.0
    # An endpoint is disabled when this many deliveries in a row failed every attempt, or when
    # it has failed without a single success for this many hours.
    webhook_disable_after_failures: int = 5
    webhook_disable_after_hours: float = 120.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        settings = cls(
            env=env.get("BACKOFFICE_ENV", "development"),
            database_url=env.get("DATABASE_URL") or "sqlite:///backoffice.sqlite3",
            database_owner_url=env.get("DATABASE_OWNER_URL", ""),
            database_app_role=env.get("DATABASE_APP_ROLE", ""),
            database_connect_timeout_seconds=_float(env.get("DATABASE_CONNECT_TIMEOUT_SECONDS"), 5.0),
            database_pool_timeout_seconds=_float(env.get("DATABASE_POOL_TIMEOUT_SECONDS"), 30.0),
            redis_url=env.get("REDIS_URL", ""),
            secret_key=env.get("SECRET_KEY") or DEVELOPMENT_SECRET,
            base_url=env.get("BASE_URL", "http://127.0.0.1:8000"),
            host=env.get("HOST", "127.0.0.1"),
            port=_int(env.get("PORT"), 8000),
            workers=_int(env.get("WEB_CONCURRENCY"), 1),
            session_ttl_hours=_int(env.get("SESSION_TTL_HOURS"), 24 * 14),
            token_ttl_seconds=_int(env.get("TOKEN_TTL_SECONDS"), 3600),
            login_max_failures_per_account=_int(env.get("LOGIN_MAX_FAILURES_PER_ACCOUNT"), 5),
            login_max_failures_per_address=_int(env.get("LOGIN_MAX_FAILURES_PER_ADDRESS"), 30),
            login_window_seconds=_int(env.get("LOGIN_WINDOW_SECONDS"), 900),
            graphql_max_nodes=_int(env.get("GRAPHQL_MAX_NODES"), 20_000),
            graphql_max_cost=_int(env.get("GRAPHQL_MAX_COST"), 500),
            rate_limit_points=_int(env.get("RATE_LIMIT_POINTS"), 5000),
            rate_limit_user_points=_int(env.get("RATE_LIMIT_USER_POINTS"), 5000),
            rate_limit_tenant_points=_int(env.get("RATE_LIMIT_TENANT_POINTS"), 25_000),
            rate_limit_window_seconds=_int(env.get("RATE_LIMIT_WINDOW_SECONDS"), 3600),
            job_max_attempts=_int(env.get("JOB_MAX_ATTEMPTS"), 5),
            job_timeout_seconds=_int(env.get("JOB_TIMEOUT_SECONDS"), 600),
            arq_queue_name=env.get("ARQ_QUEUE_NAME") or "arq:queue",
            frontend_dist=env.get("FRONTEND_DIST", ""),
            log_level=env.get("LOG_LEVEL", "INFO"),
            log_format=(env.get("LOG_FORMAT") or "text").lower(),
            forwarded_allow_ips=env.get("FORWARDED_ALLOW_IPS") or "127.0.0.1",
            metrics_token=env.get("METRICS_TOKEN", ""),
            extra_plugins=tuple(
                p.strip() for p in env.get("BACKOFFICE_PLUGINS", "").split(",") if p.strip()),
            exclude_plugins=tuple(
                p.strip() for p in env.get("BACKOFFICE_EXCLUDE_PLUGINS", "").split(",") if p.strip()),
            smtp_host=env.get("SMTP_HOST", "").strip(),
            smtp_port=_int(env.get("SMTP_PORT"), 465 if _bool(env.get("SMTP_SSL"), False) else 587),
            smtp_username=env.get("SMTP_USERNAME", ""),
            smtp_password=env.get("SMTP_PASSWORD", ""),
            smtp_from=env.get("SMTP_FROM") or "Backoffice <no-reply@localhost>",
            smtp_starttls=_bool(env.get("SMTP_STARTTLS"), not _bool(env.get("SMTP_SSL"), False)),
            smtp_ssl=_bool(env.get("SMTP_SSL"), False),
            smtp_timeout_seconds=_float(env.get("SMTP_TIMEOUT_SECONDS"), 30.0),
            mail_max_attempts=_int(env.get("MAIL_MAX_ATTEMPTS"), 5),
            mail_retry_seconds=_float(env.get("MAIL_RETRY_SECONDS"), 60.0),
            email_verification_ttl_hours=_int(env.get("EMAIL_VERIFICATION_TTL_HOURS"), 72),
            password_reset_ttl_minutes=_int(env.get("PASSWORD_RESET_TTL_MINUTES"), 60),
            password_reset_max_per_account=_int(env.get("PASSWORD_RESET_MAX_PER_ACCOUNT"), 3),
            password_reset_max_per_address=_int(env.get("PASSWORD_RESET_MAX_PER_ADDRESS"), 20),
            password_reset_window_seconds=_int(env.get("PASSWORD_RESET_WINDOW_SECONDS"), 3600),
            webhook_allow_http_loopback=_bool(env.get("WEBHOOK_ALLOW_HTTP_LOOPBACK"), False),
            webhook_retry_schedule=_floats(env.get("WEBHOOK_RETRY_SCHEDULE"), WEBHOOK_RETRY_SCHEDULE),
            webhook_timeout_seconds=_float(env.get("WEBHOOK_TIMEOUT_SECONDS"), 10.0),
            webhook_disable_after_failures=_int(env.get("WEBHOOK_DISABLE_AFTER_FAILURES"), 5),
            webhook_disable_after_hours=_float(env.get("WEBHOOK_DISABLE_AFTER_HOURS"), 120.0),
        )
        settings.validate()
        return settings

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        return self.env not in {"development", "test"}

    @property
    def owner_url(self) -> str:
        return self.database_owner_url or self.database_url

    @property
    def sqlite_path(self) -> Path:
        return Path(self.database_url.split("sqlite:///", 1)[1] or "backoffice.sqlite3")

    def validate(self) -> None:
        if self.env not in {"development", "test", "production"}:
            raise SettingsError(
                f"BACKOFFICE_ENV must be development, test or production, not {self.env!r}"
            )
        if self.is_production:
            if self.secret_key == DEVELOPMENT_SECRET:
                raise SettingsError(
                    "Refusing to start in production with the development SECRET_KEY: "
                    "set SECRET_KEY to a long random value."
                )
            if len(self.secret_key) < 32:
                raise SettingsError("SECRET_KEY must be at least 32 characters in production.")
        if not (self.database_url.startswith("sqlite") or self.database_url.startswith("postgres")):
            raise SettingsError("DATABASE_URL must start with sqlite:/// or postgresql://")
        if self.smtp_ssl and self.smtp_starttls:
            raise SettingsError("Set either SMTP_SSL (TLS from the start, port 465) or "
                                "SMTP_STARTTLS (upgrade on port 587), not both.")
        if self.rate_limit_window_seconds < 1:
            raise SettingsError("RATE_LIMIT_WINDOW_SECONDS must be at least 1.")
        if self.webhook_allow_http_loopback and self.is_production:
            raise SettingsError("WEBHOOK_ALLOW_HTTP_LOOPBACK is for development and tests: "
                                "production webhooks must use https.")
        if any(s < 0 for s in self.webhook_retry_schedule):
            raise SettingsError("WEBHOOK_RETRY_SCHEDULE must list seconds of zero or more.")
        if self.webhook_disable_after_failures < 1:
            raise SettingsError("WEBHOOK_DISABLE_AFTER_FAILURES must be at least 1.")
        if self.mail_max_attempts < 1:
            raise SettingsError("MAIL_MAX_ATTEMPTS must be at least 1.")
        if "@" not in self.smtp_from:
            raise SettingsError("SMTP_FROM must hold an email address, e.g. "
                                "'Company <no-reply@example.com>'.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()
