"""GraphQL for the current tenant and its modules."""

from __future__ import annotations

import base64

import strawberry

from backoffice.db import scope as tenant_scope
from backoffice.errors import BadUserInput
from backoffice.exports import checked_upload
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import encode_id
from backoffice.graphql.relay import Connection, connection_from_list
from backoffice.i18n import get_locale, normalise
from backoffice.modules.types import ModuleInfo
from backoffice.runtime import get_registry
from backoffice.tenancy import services
from backoffice.tenancy.tables import Tenant as TenantTable


@strawberry.type(description="A module of Backoffice (HR, finance ...) and its state here.")
class Module:
    key: str
    name: str
    description: str
    version: str
    depends_on: list[str]
    dependents: list[str]
    core: bool
    enabled: bool

    @classmethod
    def of(cls, m: ModuleInfo, enabled: frozenset[str]) -> Module:
        locale = get_locale()
        registry = get_registry()
        return cls(
            key=m.key, name=m.manifest.name.get(locale),
            description=m.manifest.description.get(locale), version=m.manifest.version,
            depends_on=list(m.manifest.depends_on), dependents=registry.dependents(m.key),
            core=m.manifest.core, enabled=m.key in enabled,
        )


@strawberry.type(description="The company you are working in.")
class Tenant:
    id: strawberry.ID
    slug: str
    name: str
    status: str
    locale: str
    base_currency: str
    enabled_modules: list[str]
    logo: str | None = strawberry.field(
        description="The company's logo as a `data:` URL (PNG or JPEG), or null when it has none.")
    require_two_factor_for_owners: bool = strawberry.field(
        default=False, description="Whether owners must use two-factor authentication: an owner "
        "without it can only set it up until they do.")


async def load_tenant() -> Tenant:
    row = await services.get_tenant(tenant_scope.current_tenant_id())
    enabled = get_registry().effective_enabled(services.enabled_keys(row))
    return Tenant(
        id=encode_id("Tenant", row["id"]), slug=row["slug"], name=row["name"],
        status=row["status"], locale=row["locale"], base_currency=row["base_currency"],
        enabled_modules=sorted(enabled), logo=row.get("logo") or None,
        require_two_factor_for_owners=bool(row.get("require_two_factor_for_owners")),
    )


@strawberry.input
class ModuleKeyInput:
    key: str


@strawberry.input
class UpdateTenantInput:
    name: str | None = None
    locale: str | None = None
    base_currency: str | None = None
    logo: str | None = strawberry.field(
        default=None, description="A PNG or JPEG logo, base64-encoded (at most 256 KB); an empty string removes it.")
    require_two_factor_for_owners: bool | None = strawberry.field(
        default=None, description="Require owners to use two-factor authentication. Owners "
        "without it (you too) are asked to set it up at their next request.")


@strawberry.type
class ModulePayload(Payload):
    module: Module | None = None
    tenant: Tenant | None = None
    enabled_with_it: list[str] = strawberry.field(
        default_factory=list, description="Dependencies enabled along with the module.")


LOGO_MAX_BYTES = 256 * 1024


def _logo_data_url(content_base64: str) -> str:
    if not content_base64.strip():
        return ""
    content, content_type = checked_upload(content_base64.strip(), max_bytes=LOGO_MAX_BYTES, field="logo")
    if not content_type.startswith("image/"):
        raise BadUserInput(("The logo must be a PNG or JPEG image.", "Logo harus berupa gambar PNG atau JPEG."),
                           field="logo")
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


@strawberry.type
class TenantPayload(Payload):
    tenant: Tenant | None = None


@strawberry.type
class TenantQuery:
    @field(authenticated=True, description="The company you are working in.")
    async def tenant(self) -> Tenant:
        return await load_tenant()

    @field(authenticated=True, description="Every installed module and whether it is enabled.")
    async def modules(self, info: strawberry.Info, first: int | None = 50,
                      after: str | None = None) -> Connection[Module]:
        enabled = info.context.actor.enabled_modules
        items = [Module.of(m, enabled) for m in get_registry()]
        return connection_from_list(items, first, after, key=lambda m: m.key)


async def _module_payload(key: str, newly: list[str] | None = None) -> ModulePayload:
    tenant = await load_tenant()
    module = Module.of(get_registry().get(key), frozenset(tenant.enabled_modules))
    return ModulePayload(module=module, tenant=tenant,
                         enabled_with_it=[k for k in (newly or []) if k != key])


@strawberry.type
class TenantMutation:
    @mutation("core.module.manage",
              description="Turn a module on, with the modules it depends on.")
    async def enable_module(self, input: ModuleKeyInput) -> ModulePayload:
        newly = await services.enable_module(input.key)
        return await _module_payload(input.key, newly)

    @mutation("core.module.manage",
              description="Turn a module off. Its data is kept until it is enabled again.")
    async def disable_module(self, input: ModuleKeyInput) -> ModulePayload:
        await services.disable_module(input.key)
        return await _module_payload(input.key)

    @mutation("core.tenant.manage", description="Change the company's profile.")
    async def update_tenant(self, input: UpdateTenantInput) -> TenantPayload:
        values = {}
        if input.name is not None:
            if not input.name.strip():
                raise BadUserInput(("Enter the company's name.", "Masukkan nama perusahaan."),
                                   field="name")
            values[TenantTable.name] = input.name.strip()[:200]
        if input.locale is not None:
            values[TenantTable.locale] = normalise(input.locale)
        if input.base_currency is not None:
            code = input.base_currency.strip().upper()
            if len(code) != 3 or not code.isalpha():
                raise BadUserInput(("Use a three-letter currency code such as IDR.",
                                    "Gunakan kode mata uang tiga huruf seperti IDR."),
                                   field="baseCurrency")
            values[TenantTable.base_currency] = code
        if input.logo is not None:
            values[TenantTable.logo] = _logo_data_url(input.logo)
        if input.require_two_factor_for_owners is not None:
            values[TenantTable.require_two_factor_for_owners] = input.require_two_factor_for_owners
        if values:
            await TenantTable.update(values).where(
                TenantTable.id == tenant_scope.current_tenant_id())
        return TenantPayload(tenant=await load_tenant())
