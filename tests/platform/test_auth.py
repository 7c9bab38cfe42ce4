"""Sign-up, log-in, log-out, switching tenant and ``me``, through GraphQL."""

from __future__ import annotations

from helpers import LOG_IN, PASSWORD, log_in, sign_up, unique_email

ME = "{ me { email memberships { slug current } permissions roles } }"


async def test_sign_up_creates_company_owner_and_session(api):
    company = await sign_up(api, name="PT Maju Jaya")
    assert company.slug.startswith("pt-maju-jaya")
    me = (await api.data(ME))["me"]
    assert me["email"] == company.email
    assert "owner" in me["roles"]
    assert "core.module.manage" in me["permissions"]
    tenant = (await api.data("{ tenant { name slug baseCurrency enabledModules } }"))["tenant"]
    assert tenant == {"name": "PT Maju Jaya", "slug": company.slug, "baseCurrency": "IDR",
                      "enabledModules": ["core"]}


async def test_same_company_name_gets_a_unique_slug(new_client):
    a = await sign_up(await new_client(), name="Toko Sejahtera")
    b = await sign_up(await new_client(), name="Toko Sejahtera")
    assert a.slug != b.slug


async def test_sign_up_rejects_bad_input_and_writes_nothing(api, new_client):
    email = unique_email()
    body = await api.data(
        """mutation { signUp(input: {companyName: "X", email: "%s", password: "short",
        fullName: "A"}) { me { email } userErrors { field code message } } }""" % email)
    errors = body["signUp"]["userErrors"]
    assert errors[0]["field"] == ["input", "password"]
    assert errors[0]["code"] == "BAD_USER_INPUT"
    # Nothing was written: the same email can sign up properly afterwards.
    await sign_up(await new_client(), email=email)


async def test_log_in_and_out(company, new_client):
    api = await new_client()
    assert (await api.data(ME))["me"] is None
    result = await log_in(api, company.email)
    assert result["userErrors"] == []
    assert result["me"]["memberships"][0]["current"] is True
    assert (await api.data(ME))["me"]["email"] == company.email
    await api.data("mutation { logOut { ok } }")
    assert (await api.data(ME))["me"] is None
    body = await api.gql("{ tenant { slug } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_wrong_password_reads_like_unknown_email(company, new_client):
    api = await new_client()
    wrong = await log_in(api, company.email, "not-the-password")
    unknown = await log_in(api, unique_email(), "not-the-password")
    assert wrong["me"] is None and unknown["me"] is None
    assert wrong["userErrors"][0]["message"] == unknown["userErrors"][0]["message"]
    assert wrong["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_log_in_is_throttled_per_account(company, new_client):
    api = await new_client()
    for _ in range(5):
        await log_in(api, company.email, "wrong-password-1")
    body = await api.gql(LOG_IN, {"input": {"email": company.email, "password": PASSWORD}})
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert body["data"] is None


async def test_session_cookie_flags(new_client):
    api = await new_client()
    response = await api.client.post("/graphql", json={"query": """mutation {
        signUp(input: {companyName: "Cookie Co", email: "%s", password: "%s",
        fullName: "C"}) { userErrors { code } } }""" % (unique_email(), PASSWORD)})
    cookie = response.headers["set-cookie"].lower()
    assert "bo_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_session_rotates_at_log_in(company, new_client):
    api = await new_client()
    await log_in(api, company.email)
    first = api.client.cookies.get("bo_session")
    await log_in(api, company.email)
    second = api.client.cookies.get("bo_session")
    assert first and second and first != second
    # The old session no longer works.
    stale = await new_client()
    stale.client.cookies.set("bo_session", first)
    assert (await stale.data(ME))["me"] is None


async def test_user_in_two_companies_switches_tenant(company, new_client):
    # The same person signs up a second company with their own password.
    second = await sign_up(await new_client(), name="Second Co", email=company.email)
    api = await new_client()
    await log_in(api, company.email, tenant_slug=company.slug)
    assert (await api.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug
    data = await api.data(
        "mutation($s: String!) { switchTenant(input: {tenantSlug: $s}) "
        "{ me { memberships { slug current } } userErrors { code } } }", {"s": second.slug})
    current = [m["slug"] for m in data["switchTenant"]["me"]["memberships"] if m["current"]]
    assert current == [second.slug]
    assert (await api.data("{ tenant { slug } }"))["tenant"]["slug"] == second.slug


async def test_cannot_switch_into_a_company_you_do_not_belong_to(company, other_company):
    body = await company.api.gql(
        "mutation($s: String!) { switchTenant(input: {tenantSlug: $s}) { me { email } } }",
        {"s": other_company.slug})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await company.api.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug


async def test_sign_up_with_someone_elses_email_needs_their_password(company, new_client):
    api = await new_client()
    data = await api.data(
        """mutation($e: String!) { signUp(input: {companyName: "Hijack", email: $e,
        password: "a-guess-at-password", fullName: "X"}) { me { email } userErrors { code } } }""",
        {"e": company.email})
    assert data["signUp"]["me"] is None
    assert data["signUp"]["userErrors"][0]["code"] == "CONFLICT"


async def test_messages_follow_the_language(new_client):
    api = await new_client(**{"accept-language": "id-ID,id;q=0.9"})
    result = await log_in(api, unique_email(), "whatever-password")
    assert "kata sandi" in result["userErrors"][0]["message"]


async def test_log_in_is_throttled_per_address(company, new_client):
    api = await new_client()
    for _ in range(30):  # LOGIN_MAX_FAILURES_PER_ADDRESS, spread over many accounts
        await log_in(api, unique_email("spray"), "wrong-password-1")
    body = await api.gql(LOG_IN, {"input": {"email": company.email, "password": PASSWORD}})
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_cookies_are_secure_outside_development():
    from backoffice.settings import Settings

    assert Settings(env="production", secret_key="s" * 40).secure_cookies is True
    assert Settings(env="development").secure_cookies is False


def test_production_needs_a_long_secret():
    import pytest

    from backoffice.settings import Settings, SettingsError

    with pytest.raises(SettingsError):
        Settings(env="production", secret_key="short").validate()
    with pytest.raises(SettingsError):
        Settings(env="production").validate()


async def test_passwords_are_stored_as_argon2id(company):
    from backoffice.identity.tables import User

    row = await User.select(User.password_hash).where(User.email == company.email).first()
    assert row["password_hash"].startswith("$argon2id$")
    assert company.password not in row["password_hash"]
