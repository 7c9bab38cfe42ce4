"""``/oauth/authorize`` (the consent screen) and ``POST /oauth/revoke`` (RFC 7009).

The authorization page is rendered by the server, in English or Bahasa Indonesia: a log-in
form when nobody is logged in (then a form for the code of their authenticator app when the
person uses two-factor authentication; an owner who must set it up first is turned away),
otherwise the app, the company and the scopes asked for, with
Approve and Deny. Its forms carry a token against cross-site requests (tied to the session for
the consent, to a SameSite=Strict cookie for the log-in); the page cannot be framed and is
never cached. An unknown app or an unregistered redirect URI ends on an error page here and
is never redirected to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from litestar import Request, Response, get, post

from backoffice.errors import BackofficeError
from backoffice.i18n import get_locale, translate
from backoffice.identity import oauth_apps, services, sessions, two_factor
from backoffice.identity.edge import client_ip
from backoffice.identity.oauth_http import FormRequest, Headers, _token_uri, parse_form
from backoffice.settings import get_settings

LOGIN_COOKIE = "bo_oauth_login"
AUTHORIZE_PATH = "/oauth/authorize"

TEXT = {
    "title": ("Authorize an app", "Izinkan aplikasi"),
    "error_title": ("This request cannot be completed", "Permintaan ini tidak dapat diselesaikan"),
    "login_intro": ("Log in to {tenant} to continue to {app}.",
                    "Masuk ke {tenant} untuk melanjutkan ke {app}."),
    "email": ("Email", "Email"),
    "password": ("Password", "Kata sandi"),
    "log_in": ("Log in", "Masuk"),
    "asks": ("{app} wants to act for you in {tenant}.",
             "{app} ingin bertindak atas nama Anda di {tenant}."),
    "signed_in": ("You are logged in as {email}.", "Anda masuk sebagai {email}."),
    "scopes": ("It asks to:", "Aplikasi ini meminta untuk:"),
    "not_held": ("(you do not have this permission yourself, so the app will not get it)",
                 "(Anda sendiri tidak memiliki izin ini, jadi aplikasi tidak akan mendapatkannya)"),
    "limits": ("The app can never do more than you can. You can withdraw its access at any time.",
               "Aplikasi tidak pernah dapat melakukan lebih dari yang dapat Anda lakukan. Anda dapat "
               "mencabut aksesnya kapan saja."),
    "approve": ("Approve", "Setujui"),
    "deny": ("Deny", "Tolak"),
    "redirect_to": ("After your choice you will be sent to {uri}.",
                    "Setelah memilih, Anda akan diarahkan ke {uri}."),
    "not_member": ("This app belongs to a company you are not a member of.",
                   "Aplikasi ini milik perusahaan yang Anda bukan anggotanya."),
    "csrf": ("The form has expired or did not come from this page. Go back and try again.",
             "Formulir telah kedaluwarsa atau tidak berasal dari halaman ini. Kembali dan coba lagi."),
    "code_intro": ("Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
                   "Masukkan kode 6 digit dari aplikasi autentikator Anda, atau salah satu kode pemulihan Anda."),
    "code": ("Code", "Kode"),
    "verify": ("Verify", "Verifikasi"),
    "setup_required": ("{tenant} requires owners to use two-factor authentication. Log in to "
                       "Backoffice and set it up on your account page first.",
                       "{tenant} mewajibkan pemilik memakai autentikasi dua faktor. Masuk ke "
                       "Backoffice dan aktifkan di halaman akun Anda terlebih dahulu."),
}


def _t(key: str, **params: str) -> str:
    return translate(TEXT[key], **{k: escape(v) for k, v in params.items()})


def _csrf_key() -> bytes:
    return hashlib.sha256(b"backoffice-oauth-consent:" + get_settings().secret_key.encode()).digest()


def consent_token(session_id: int, client_id: str) -> str:
    """The consent form's token: bound to the session and the app."""
    return hmac.new(_csrf_key(), f"{session_id}:{client_id}".encode(), hashlib.sha256).hexdigest()


def _query(request: Request[Any, Any, Any]) -> dict[str, str] | None:
    """The query parameters, or ``None`` when one is repeated (RFC 6749 §3.1) or holds a NUL
    character (no text field can store it)."""
    raw = request.scope.get("query_string", b"").decode("latin-1")
    out: dict[str, str] = {}
    for key, value in parse_qsl(raw, keep_blank_values=True):
        if key in out or "\x00" in key or "\x00" in value:  # repeated, or not text at all
            return None
        out[key] = value
    return out


def _page(title: str, body: str, *, status: int = 200, form_target: str | None = None,
          cookies: list[Any] | None = None) -> Response[str]:
    nonce = secrets.token_urlsafe(12)
    form_action = "'self'"
    if form_target:
        # The consent form posts here and is redirected to the app: browsers check the
        # redirect against form-action too.
        parts = urlsplit(form_target)
        form_action += f" {parts.scheme}://{parts.netloc}"
    csp = (f"default-src 'none'; style-src 'nonce-{nonce}'; form-action {form_action}; "
           "frame-ancestors 'none'; base-uri 'none'")
    document = f"""<!doctype html>
<html lang="{get_locale()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style nonce="{nonce}">
body{{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1b1e}}
form{{display:flex;flex-direction:column;gap:.75rem}} label{{display:flex;flex-direction:column;gap:.25rem}}
input{{padding:.5rem;font-size:1rem}} button{{padding:.6rem 1rem;font-size:1rem;cursor:pointer}}
.actions{{flex-direction:row;gap:.75rem}} .muted{{color:#5c5f66;font-size:.9rem}}
.error{{color:#c92a2a}} li{{margin:.35rem 0}} code{{font-size:.85rem;color:#5c5f66}}
</style></head><body><main><h1>{escape(title)}</h1>
{body}
</main></body></html>"""
    return Response(document, status_code=status, media_type="text/html; charset=utf-8",
                    headers={"content-security-policy": csp, "cache-control": "no-store",
                             "pragma": "no-cache"},
                    cookies=cookies or [])


def _error_page(text: tuple[str, str], status: int = 400) -> Response[str]:
    return _page(translate(TEXT["error_title"]), f'<p class="error">{escape(translate(text))}</p>',
                 status=status)


def _redirect(location: str) -> Response[str]:
    return Response("", status_code=303, headers={"location": location, "cache-control": "no-store"})


def _hidden(params: dict[str, str]) -> str:
    return "\n".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                     for k, v in params.items())


def _login_page(req: oauth_apps.AuthorizationRequest, csrf: str | None, *,
                message: str | None = None, email: str = "") -> Response[str]:
    from litestar.datastructures import Cookie  # noqa: PLC0415

    settings = get_settings()
    cookies = []
    if csrf is None:
        csrf = secrets.token_urlsafe(24)
        cookies.append(Cookie(key=LOGIN_COOKIE, value=csrf, httponly=True, samesite="strict",
                              secure=settings.secure_cookies, path=AUTHORIZE_PATH, max_age=1800))
    error = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<p>{_t("login_intro", tenant=req.client["tenant_name"], app=req.client["name"])}</p>
{error}
<form method="post" action="{AUTHORIZE_PATH}">
{_hidden({**req.params(), "action": "login", "csrf_token": csrf})}
<label>{_t("email")}<input type="email" name="email" autocomplete="username" required value="{escape(email)}"></label>
<label>{_t("password")}<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">{_t("log_in")}</button>
</form>"""
    return _page(translate(TEXT["title"]), body, status=400 if message else 200, cookies=cookies)


def _code_page(req: oauth_apps.AuthorizationRequest, csrf: str, challenge: str, *,
               message: str | None = None) -> Response[str]:
    """The second step of logging in, for a person with two-factor authentication on."""
    error = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<p>{_t("login_intro", tenant=req.client["tenant_name"], app=req.client["name"])}</p>
<p>{_t("code_intro")}</p>
{error}
<form method="post" action="{AUTHORIZE_PATH}">
{_hidden({**req.params(), "action": "second_factor", "csrf_token": csrf, "challenge": challenge})}
<label>{_t("code")}<input type="text" name="otp" autocomplete="one-time-code" inputmode="text" autofocus required maxlength="20"></label>
<button type="submit">{_t("verify")}</button>
</form>"""
    return _page(translate(TEXT["title"]), body, status=400 if message else 200)


def _setup_required_page(req: oauth_apps.AuthorizationRequest) -> Response[str]:
    return _page(translate(TEXT["error_title"]),
                 f'<p class="error">{_t("setup_required", tenant=req.client["tenant_name"])}</p>',
                 status=403)


async def _consent_page(req: oauth_apps.AuthorizationRequest, actor: Any,
                        membership_id: int) -> Response[str]:
    from backoffice.identity.tables import User  # noqa: PLC0415

    held = await oauth_apps.user_permissions(req, actor.user_id, membership_id)
    user = await User.select(User.email).where(User.id == actor.user_id).first()
    items = []
    for key, label in oauth_apps.scope_labels(req.scopes, get_locale()):
        note = "" if key in held else f' <span class="muted">{_t("not_held")}</span>'
        items.append(f"<li>{escape(label)} <code>{escape(key)}</code>{note}</li>")
    csrf = consent_token(actor.session_id, req.client_id)
    body = f"""<p><strong>{_t("asks", app=req.client["name"], tenant=req.client["tenant_name"])}</strong></p>
<p class="muted">{_t("signed_in", email=user["email"] if user else "")}</p>
<p>{_t("scopes")}</p>
<ul>{"".join(items)}</ul>
<p class="muted">{_t("limits")}</p>
<form method="post" action="{AUTHORIZE_PATH}" class="actions">
{_hidden({**req.params(), "csrf_token": csrf})}
<button type="submit" name="action" value="approve">{_t("approve")}</button>
<button type="submit" name="action" value="deny">{_t("deny")}</button>
</form>
<p class="muted">{_t("redirect_to", uri=req.redirect_uri)}</p>"""
    return _page(translate(TEXT["title"]), body, form_target=req.redirect_uri)


def _signed_in(actor: Any) -> bool:
    return actor.via == "session" and actor.user_id is not None and actor.session_id is not None


async def _answer(request: Request[Any, Any, Any], params: dict[str, str] | None,
                  form: dict[str, str] | None) -> Response[str]:
    actor = request.scope["state"]["actor"]
    try:
        req = await oauth_apps.validate(params)
    except oauth_apps.AuthorizationError as exc:
        return _error_page(exc.text, exc.status)
    except oauth_apps.RedirectError as exc:
        return _redirect(exc.location)
    action = (form or {}).get("action")
    if action == "login":
        return await _log_in(request, req, form or {})
    if action == "second_factor":
        return await _second_factor(request, req, form or {})
    if not _signed_in(actor):
        return _login_page(req, request.cookies.get(LOGIN_COOKIE))
    membership_id = await oauth_apps.membership_in(req.client["tenant_id"], actor.user_id)
    if membership_id is None:
        return _error_page(TEXT["not_member"], 403)
    if await two_factor.setup_required(actor.user_id, req.client["tenant_id"]):
        return _setup_required_page(req)
    if form is None:
        return await _consent_page(req, actor, membership_id)
    if action not in ("approve", "deny") or not hmac.compare_digest(
            form.get("csrf_token", ""), consent_token(actor.session_id, req.client_id)):
        return _error_page(TEXT["csrf"], 403)
    if action == "deny":
        return _redirect(oauth_apps.denied(req))
    return _redirect(await oauth_apps.approve(req, actor.user_id, client_ip(request.scope)))


async def _log_in(request: Request[Any, Any, Any], req: oauth_apps.AuthorizationRequest,
                  form: dict[str, str]) -> Response[str]:
    cookie = request.cookies.get(LOGIN_COOKIE)
    if not cookie or not hmac.compare_digest(form.get("csrf_token", ""), cookie):
        return _error_page(TEXT["csrf"], 403)
    ip = client_ip(request.scope)
    email = form.get("email", "")
    try:
        user_id, tenant_id = await services.authenticate(
            email, form.get("password", ""), req.client["tenant_slug"], ip)
    except BackofficeError as exc:
        return _login_page(req, cookie, message=translate(exc.text), email=email)
    challenge = await two_factor.challenge_for(user_id, tenant_id)
    if challenge is not None:  # the password is only the first step
        return _code_page(req, cookie, challenge)
    if await two_factor.setup_required(user_id, tenant_id):
        return _setup_required_page(req)
    return await _start_session(request, req, user_id, tenant_id, ip)


async def _second_factor(request: Request[Any, Any, Any], req: oauth_apps.AuthorizationRequest,
                         form: dict[str, str]) -> Response[str]:
    cookie = request.cookies.get(LOGIN_COOKIE)
    if not cookie or not hmac.compare_digest(form.get("csrf_token", ""), cookie):
        return _error_page(TEXT["csrf"], 403)
    challenge = await two_factor.read_challenge(form.get("challenge", ""))
    if challenge is None or challenge.tenant_id != req.client["tenant_id"]:
        return _login_page(req, cookie, message=translate(two_factor.EXPIRED_CHALLENGE))
    from backoffice.db.engine import write_transaction  # noqa: PLC0415
    from backoffice.identity import throttle  # noqa: PLC0415
    from backoffice.runtime import get_engine  # noqa: PLC0415

    ip = client_ip(request.scope)
    otp = form.get("otp", "").strip()
    try:
        await throttle.check(challenge.email, ip)
    except BackofficeError as exc:
        return _code_page(req, cookie, form.get("challenge", ""), message=translate(exc.text))
    is_code = "".join(otp.split()).isdigit()
    async with write_transaction(get_engine()):
        method = await two_factor.use_second_factor(
            challenge.user_id, otp if is_code else None, None if is_code else otp)
        if method is None:
            await throttle.record_failure(challenge.email, ip)
    if method is None:
        return _code_page(req, cookie, form.get("challenge", ""),
                          message=translate(two_factor.INVALID_CODE))
    await throttle.clear_account(challenge.email)
    try:
        tenant_id = await services.switch_tenant_by_id(challenge.user_id, challenge.tenant_id)
    except BackofficeError as exc:
        return _login_page(req, cookie, message=translate(exc.text))
    return await _start_session(request, req, challenge.user_id, tenant_id, ip,
                                second_factor=method)


async def _start_session(request: Request[Any, Any, Any], req: oauth_apps.AuthorizationRequest,
                         user_id: int, tenant_id: int, ip: str, *,
                         second_factor: str | None = None) -> Response[str]:
    from backoffice.audit.services import record  # noqa: PLC0415
    from backoffice.db import scope as tenant_scope  # noqa: PLC0415
    from backoffice.db.engine import write_transaction  # noqa: PLC0415
    from backoffice.graphql.ids import encode_id  # noqa: PLC0415
    from backoffice.runtime import get_engine  # noqa: PLC0415

    with tenant_scope.scoped(tenant_id=tenant_id, user_id=user_id):
        async with write_transaction(get_engine()):
            token = await sessions.create_session(
                user_id, tenant_id, ip=ip, user_agent=request.headers.get("user-agent", ""))
            await record("logIn", target_ids=[encode_id("User", user_id)], ip=ip,
                         changes={"secondFactor": second_factor} if second_factor else None)
    response = _redirect(AUTHORIZE_PATH + "?" + urlencode(req.params()))
    sessions.set_cookie(response, token)
    return response


@get(AUTHORIZE_PATH, include_in_schema=False)
async def authorize(request: Request[Any, Any, Any]) -> Response[str]:
    return await _answer(request, _query(request), None)


@post(AUTHORIZE_PATH, include_in_schema=False, status_code=200)
async def authorize_decision(request: Request[Any, Any, Any]) -> Response[str]:
    form, _ = parse_form(request.headers.get("content-type", ""), await request.body())
    if form is None:
        return _error_page(oauth_apps.REPEATED)
    params = {k: v for k, v in form.items()
              if k not in ("action", "csrf_token", "email", "password", "challenge", "otp")}
    return await _answer(request, params, form)


@post("/oauth/revoke", include_in_schema=False, status_code=200)
async def oauth_revoke(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    headers = Headers(dict(request.headers.items()))
    form, problem = parse_form(headers.get("content-type", ""), await request.body())
    from backoffice.identity import oauth_service  # noqa: PLC0415

    if form is None:
        status, body, extra = oauth_service.invalid_request(problem)
    else:
        status, body, extra = await oauth_apps.revocation_response(
            FormRequest(_token_uri().replace("/oauth/token", "/oauth/revoke"), headers, form), client_ip(request.scope))
    response_headers = {"cache-control": "no-store", "pragma": "no-cache"}
    response_headers.update({k.lower(): v for k, v in extra})
    return Response(body, status_code=status, headers=response_headers, media_type="application/json")


def route_handlers() -> list[Any]:
    return [authorize, authorize_decision, oauth_revoke]
