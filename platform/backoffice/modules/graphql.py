"""``uiMetadata``: navigation and resource metadata for the web app, filtered to the modules
the tenant has enabled and the permissions the user holds."""

from __future__ import annotations

import strawberry

from backoffice.graphql.fields import field
from backoffice.i18n import get_locale
from backoffice.modules.types import NavItem as NavItemValue
from backoffice.modules.types import UiFormField as UiFormFieldValue
from backoffice.modules.types import UiResource as UiResourceValue
from backoffice.runtime import get_registry


@strawberry.type
class UiNavItem:
    key: str
    module: str
    label: str
    path: str
    icon: str
    children: list[UiNavItem]
    resource: str | None = strawberry.field(description="The UiResource key this item lists, if any.")


@strawberry.type
class UiColumn:
    field: str
    label: str
    sortable: bool
    kind: str


@strawberry.type
class UiFormOption:
    value: str
    label: str


@strawberry.type
class UiFormField:
    field: str
    label: str
    kind: str
    required: bool
    options: list[UiFormOption]


@strawberry.type
class UiResource:
    key: str
    module: str
    label: str
    query: str
    columns: list[UiColumn]
    form: list[UiFormField]
    create_mutation: str | None
    update_mutation: str | None
    search: str | None = strawberry.field(
        description="The list query's free-text argument path (`search` or `filter.search`), if any.")
    filters: list[UiFormField] = strawberry.field(
        description="Filters the list offers; each `field` is a query argument path.")
    detail_query: str | None = strawberry.field(description="The single-record query, if any.")


@strawberry.type(description="What the web app shows this user in this company.")
class UiMetadata:
    navigation: list[UiNavItem]
    resources: list[UiResource]


def _nav(item: NavItemValue, module: str, allowed: frozenset[str], locale: str) -> UiNavItem | None:
    if item.permission and item.permission not in allowed:
        return None
    children = [c for c in (_nav(ch, module, allowed, locale) for ch in item.children) if c]
    if item.children and not children:
        return None
    return UiNavItem(key=item.key, module=module, label=item.label.get(locale), path=item.path,
                     icon=item.icon, children=children, resource=item.resource)


def _form_field(f: UiFormFieldValue, locale: str) -> UiFormField:
    return UiFormField(field=f.field, label=f.label.get(locale), kind=f.kind, required=f.required,
                       options=[UiFormOption(value=v, label=t.get(locale)) for v, t in f.options])


def _resource(r: UiResourceValue, module: str, locale: str) -> UiResource:
    return UiResource(
        key=r.key, module=module, label=r.label.get(locale), query=r.query,
        columns=[UiColumn(field=c.field, label=c.label.get(locale), sortable=c.sortable,
                          kind=c.kind) for c in r.columns],
        form=[_form_field(f, locale) for f in r.form],
        create_mutation=r.create_mutation, update_mutation=r.update_mutation,
        search=r.search, filters=[_form_field(f, locale) for f in r.filters],
        detail_query=r.detail_query,
    )


@strawberry.type
class UiQuery:
    @field(authenticated=True, description="Navigation and screens for the enabled modules.")
    async def ui_metadata(self, info: strawberry.Info) -> UiMetadata:
        actor = info.context.actor
        allowed = await actor.permissions()
        locale = get_locale()
        navigation: list[UiNavItem] = []
        resources: list[UiResource] = []
        for m in get_registry():
            if m.key not in actor.enabled_modules:
                continue
            navigation += [n for n in (_nav(i, m.key, allowed, locale) for i in m.ui.navigation) if n]
            resources += [_resource(r, m.key, locale) for r in m.ui.resources
                          if not r.permission or r.permission in allowed]
        return UiMetadata(navigation=navigation, resources=resources)
