"""Identity tables. Users and sessions are global; memberships, roles and OAuth clients
belong to a tenant."""

from piccolo.columns import JSON, BigInt, Boolean, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import GlobalTable, TenantTable


class User(GlobalTable, tablename="users"):
    email = Varchar(length=254, unique=True)
    password_hash = Text(secret=True)
    full_name = Varchar(length=200)
    locale = Varchar(length=8, default="en")
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    # Set when the person followed a verification link (or an invitation) sent to the address.
    email_verified_at = Timestamptz(null=True, default=None)
    # Two-factor authentication (TOTP, RFC 6238; backoffice.identity.two_factor). The secrets
    # are sealed with a key derived from SECRET_KEY; the recovery codes are SHA-256 hashes,
    # separated by spaces, each removed when used. ``totp_last_step`` is the time step of the
    # last code accepted: a code of that step or an earlier one is refused (no replay).
    totp_secret = Text(default="", secret=True)
    totp_pending_secret = Text(default="", secret=True)
    totp_enabled_at = Timestamptz(null=True, default=None)
    totp_last_step = BigInt(null=True, default=None)
    totp_recovery_codes = Text(default="", secret=True)


class UserSession(GlobalTable, tablename="user_sessions"):
    """A browser session. The cookie holds a random token; only its SHA-256 is stored."""

    token_hash = Varchar(length=64, unique=True)
    user_id = BigInt(index=True)
    active_tenant = BigInt(null=True, default=None, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    ip = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")


class Membership(TenantTable, tablename="memberships"):
    user_id = BigInt(index=True)
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Role(TenantTable, tablename="roles"):
    key = Varchar(length=100)
    name = Varchar(length=100)
    description = Text(default="")
    # Custom roles list their permissions; template roles follow their template live.
    permissions = JSON(default=[])
    builtin = Boolean(default=False)
    template = Varchar(length=100, null=True, default=None)  # "<module>:<template key>"
    module = Varchar(length=32, default="core")
    created_at = Timestamptz(default=TimestamptzNow())


class MembershipRole(TenantTable, tablename="membership_roles"):
    membership_id = BigInt(index=True)
    role_id = BigInt(index=True)


class OAuthClient(TenantTable, tablename="oauth_clients"):
    client_id = Varchar(length=64, unique=True)
    secret_hash = Text(secret=True)
    name = Varchar(length=200)
    scopes = JSON(default=[])
    created_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)
    # "service" (client credentials, acts as itself), or an app acting for people with the
    # authorization-code grant: "confidential" (has a secret) or "public" (no secret; PKCE).
    kind = Varchar(length=16, default="service")
    redirect_uris = JSON(default=[])


class OAuthGrant(TenantTable, tablename="oauth_grants"):
    """A person's authorization of an app (one approval, exchanged for tokens): the family
    its refresh tokens belong to. Revoking it stops every token issued from it."""

    client_id = Varchar(length=64, index=True)
    user_id = BigInt(index=True)
    scopes = JSON(default=[])
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)


class OAuthAuthorizationCode(TenantTable, tablename="oauth_authorization_codes"):
    """A single-use authorization code, bound to its client, redirect URI, person and PKCE
    challenge. Only the SHA-256 of the code is stored."""

    code_hash = Varchar(length=64, unique=True)
    client_id = Varchar(length=64)
    user_id = BigInt()
    redirect_uri = Text()
    scopes = JSON(default=[])
    code_challenge = Varchar(length=128)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    # The grant the code was exchanged for: revoked if the code is presented again.
    grant_id = BigInt(null=True, default=None)


class OAuthRefreshToken(TenantTable, tablename="oauth_refresh_tokens"):
    """A refresh token of a grant. Only its SHA-256 is stored; it works once (each use
    returns a new one) and presenting a used one revokes the whole grant."""

    token_hash = Varchar(length=64, unique=True)
    grant_id = BigInt(index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class LoginFailure(GlobalTable, tablename="login_failures"):
    """Failed log-ins by account and by address, for throttling across processes."""

    key = Varchar(length=300, index=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)


class Invitation(TenantTable, tablename="invitations"):
    """An invitation to join a company. The link carries a random token; only its SHA-256
    is stored, and it works once, before ``expires_at``."""

    email = Varchar(length=254)
    full_name = Varchar(length=200, default="")
    token_hash = Varchar(length=64, unique=True)
    role_ids = JSON(default=[])
    invited_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    accepted_at = Timestamptz(null=True, default=None)


class AccountToken(GlobalTable, tablename="account_tokens"):
    """A single-use token sent by mail: ``verify_email`` or ``reset_password``. The link
    carries a random token; only its SHA-256 is stored. It works once, before ``expires_at``."""

    user_id = BigInt(index=True)
    purpose = Varchar(length=32)
    # The address the token was sent to: verifying proves this address, not a later one.
    email = Varchar(length=254)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class ThrottleHit(GlobalTable, tablename="throttle_hits"):
    """Requests counted for throttling (password reset requests per address and per client
    address), shared by every process."""

    key = Varchar(length=300, index=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)
