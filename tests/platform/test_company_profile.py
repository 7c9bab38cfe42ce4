"""The company profile: name, language, base currency and logo, changed by those allowed to."""

from __future__ import annotations

import base64

from helpers import add_member

PNG = base64.b64encode(
    bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").decode()

UPDATE = ("mutation($input: UpdateTenantInput!) { updateTenant(input: $input) "
          "{ tenant { name locale baseCurrency logo } userErrors { field code message } } }")


async def test_owner_sets_and_removes_the_logo(company):
    body = await company.api.data(UPDATE, {"input": {"logo": PNG}})
    assert body["updateTenant"]["userErrors"] == []
    assert body["updateTenant"]["tenant"]["logo"] == f"data:image/png;base64,{PNG}"
    assert (await company.api.data("{ tenant { logo } }"))["tenant"]["logo"].startswith("data:image/png;base64,")

    body = await company.api.data(UPDATE, {"input": {"logo": ""}})
    assert body["updateTenant"]["tenant"]["logo"] is None


async def test_a_logo_must_be_a_small_image(company):
    too_big = base64.b64encode(base64.b64decode(PNG) + b"\0" * (256 * 1024)).decode()
    for content in (PDF, "not base64!", too_big):
        body = await company.api.data(UPDATE, {"input": {"logo": content, "name": "Changed"}})
        errors = body["updateTenant"]["userErrors"]
        assert errors and errors[0]["field"] == ["input", "logo"] and errors[0]["code"] == "BAD_USER_INPUT"
        if content == too_big:
            assert "256 KB" in errors[0]["message"]
    tenant = (await company.api.data("{ tenant { name logo } }"))["tenant"]
    assert tenant == {"name": company.name, "logo": None}  # nothing of a refused change is kept


async def test_profile_needs_the_permission(company, other_company, new_client):
    member = await add_member(company, new_client, permissions=["core.user.read"])
    assert await member.api.error_code(UPDATE, {"input": {"logo": PNG}}) == "FORBIDDEN"
    # Another company's owner changes only their own profile.
    await other_company.api.data(UPDATE, {"input": {"logo": PNG, "name": "Other renamed"}})
    tenant = (await company.api.data("{ tenant { name logo } }"))["tenant"]
    assert tenant == {"name": company.name, "logo": None}
