"""Base tables. :class:`TenantTable` is the first wall between tenants.

Every query a tenant-owned table builds (``select``, ``objects``, ``count``, ``exists``,
``update``, ``delete``) is filtered to the tenant in scope, and every row it creates is
stamped with that tenant. Outside a tenant scope these methods raise
:class:`~backoffice.db.scope.TenantScopeError` instead of reading across tenants. ``raw`` is
not filtered: on PostgreSQL row level security is the wall there.
"""

from __future__ import annotations

from typing import Any

from piccolo.columns import BigInt, BigSerial
from piccolo.table import Table

from .scope import TenantScopeError, current_tenant_id


class TenantTable(Table):
    """A table whose every row belongs to one tenant."""

    id = BigSerial(primary_key=True)
    tenant_id = BigInt(null=False, index=True)

    def __init__(self, _data: dict | None = None, _ignore_missing: bool = False,
                 _exists_in_db: bool = False, **kwargs: Any) -> None:
        super().__init__(_data=_data, _ignore_missing=_ignore_missing,
                         _exists_in_db=_exists_in_db, **kwargs)
        if not _exists_in_db:
            given = kwargs.get("tenant_id") or (_data or {}).get(type(self).tenant_id)
            tenant_id = current_tenant_id()
            if given not in (None, tenant_id):
                raise TenantScopeError("A row cannot be created for another tenant")
            self.tenant_id = tenant_id

    @classmethod
    def _tenant_filter(cls) -> Any:
        return cls.tenant_id == current_tenant_id()

    @classmethod
    def select(cls, *columns: Any, exclude_secrets: bool = False) -> Any:
        return super().select(*columns, exclude_secrets=exclude_secrets).where(cls._tenant_filter())

    @classmethod
    def objects(cls, *prefetch: Any) -> Any:
        return super().objects(*prefetch).where(cls._tenant_filter())

    @classmethod
    def count(cls, column: Any = None, distinct: Any = None) -> Any:
        return super().count(column=column, distinct=distinct).where(cls._tenant_filter())

    @classmethod
    def exists(cls) -> Any:
        return super().exists().where(cls._tenant_filter())

    @classmethod
    def update(cls, values: Any = None, force: bool = False, use_auto_update: bool = True,
               **kwargs: Any) -> Any:
        return super().update(values, force=force, use_auto_update=use_auto_update,
                              **kwargs).where(cls._tenant_filter())

    @classmethod
    def delete(cls, force: bool = False) -> Any:
        return super().delete(force=force).where(cls._tenant_filter())

    @classmethod
    def insert(cls, *rows: Any) -> Any:
        tenant_id = current_tenant_id()
        for row in rows:
            if row.tenant_id not in (None, tenant_id):
                raise TenantScopeError("A row cannot be inserted for another tenant")
            row.tenant_id = tenant_id
        return super().insert(*rows)


class GlobalTable(Table):
    """A table shared by all tenants (tenants, users, sessions): never holds tenant data."""

    id = BigSerial(primary_key=True)


def tenant_tables(tables: list[type[Table]]) -> list[type[TenantTable]]:
    return [t for t in tables if issubclass(t, TenantTable)]
