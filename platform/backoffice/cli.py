"""The ``backoffice`` command, for the people who run the service.

Each command builds what it needs from the settings; ``migrate`` connects as the owner role,
everything else as the application role.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table as RichTable

console = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def _run(coro_fn: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    @wraps(coro_fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(_with_engine(coro_fn, *args, **kwargs))

    return wrapper


async def _with_engine(coro_fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
    from backoffice.db import engine as db_engine  # noqa: PLC0415
    from backoffice.runtime import get_engine  # noqa: PLC0415

    engine = get_engine()
    await db_engine.start(engine)
    try:
        return await coro_fn(*args, **kwargs)
    finally:
        await db_engine.stop(engine)


def _fail(message: str) -> None:
    err.print(f"[red]Error:[/red] {message}")
    sys.exit(1)


class _Group(click.Group):
    """Start-up faults (settings, plugins) end with one clear line, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from backoffice.modules.manager import PluginError  # noqa: PLC0415
        from backoffice.settings import SettingsError  # noqa: PLC0415

        try:
            return super().invoke(ctx)
        except (PluginError, SettingsError) as exc:
            _fail(str(exc))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Backoffice: run, migrate and operate the service."""
    from backoffice.settings import SettingsError, get_settings  # noqa: PLC0415

    try:
        get_settings()
    except SettingsError as exc:
        _fail(str(exc))


@main.command()
@click.option("--host", default=None, help="Address to listen on (default: HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: PORT or 8000).")
@click.option("--workers", type=int, default=None,
              help="Worker processes (default: WEB_CONCURRENCY or 1).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str | None, port: int | None, workers: int | None, reload: bool) -> None:
    """Serve the web app and the GraphQL API."""
    import uvicorn  # noqa: PLC0415

    from backoffice.runtime import get_registry  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    get_registry()  # validate plugins before binding the port
    uvicorn.run(
        "backoffice.app:create_app", factory=True,
        host=host or settings.host, port=port or settings.port,
        workers=workers or settings.workers, reload=reload,
        proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=20, log_level=settings.log_level.lower(),
    )


@main.command()
@click.option("--check", is_flag=True, help="Exit 1 if migrations are pending; change nothing.")
def migrate(check: bool) -> None:
    """Run database migrations (as the owner role), then apply row level security."""
    os.environ["BACKOFFICE_DB_ROLE"] = "owner"
    from backoffice.db import migrate as runner  # noqa: PLC0415

    try:
        pending = asyncio.run(runner.run(check_only=check))
    except runner.MigrationError as exc:
        _fail(str(exc))
        return
    if check:
        if pending:
            err.print(f"Pending migrations: {', '.join(pending)}")
            sys.exit(1)
        console.print("Migrations are current.")
    else:
        console.print("[green]Database is up to date.[/green]")


@main.command("create-tenant")
@click.option("--name", required=True, help="The company's name.")
@click.option("--owner-email", required=True, help="The owner's email (created if new).")
@click.option("--owner-name", default="Owner", help="The owner's full name, for a new user.")
@click.option("--password", default=None,
              help="The owner's password for a new user (asked for when omitted).")
@click.option("--locale", type=click.Choice(["en", "id"]), default="en")
@click.option("--module", "modules", multiple=True, help="Enable a module (repeatable).")
def create_tenant(name: str, owner_email: str, owner_name: str, password: str | None,
                  locale: str, modules: tuple[str, ...]) -> None:
    """Create a tenant with an owner."""
    from backoffice.errors import BackofficeError  # noqa: PLC0415

    @_run
    async def go() -> dict[str, Any]:
        from backoffice.tenancy import admin  # noqa: PLC0415

        return await admin.create_tenant(name=name, owner_email=owner_email,
                                         owner_name=owner_name, password=password,
                                         locale=locale, modules=list(modules))

    try:
        result = go()
    except BackofficeError as exc:
        _fail(exc.message)
        return
    console.print(f"Created tenant [bold]{result['slug']}[/bold] (id {result['id']}) "
                  f"owned by {result['owner_email']}.")


@main.command("seed-demo")
@click.option("--email", default="demo@example.com", show_default=True)
@click.option("--password", default="demo-password", show_default=True)
@click.option("--name", default="PT Contoh Maju", show_default=True, help="The demo company's name.")
def seed_demo(email: str, password: str, name: str) -> None:
    """Create the demo company, with every module enabled and each module's demo data."""

    @_run
    async def go() -> dict[str, Any]:
        from backoffice.tenancy import admin  # noqa: PLC0415

        return await admin.seed_demo(email=email, password=password, company=name)

    result = go()
    if result["created"]:
        console.print(f"Demo tenant [bold]{result['slug']}[/bold] is ready.")
    else:
        console.print(f"Demo tenant [bold]{result['slug']}[/bold] already exists.")
    console.print(f"Log in at http://127.0.0.1:8000 as [bold]{email}[/bold] "
                  f"with password [bold]{password}[/bold].")


@main.command("export-schema")
@click.option("--output", "-o", default="docs/schema.graphql", show_default=True,
              help="Where to write the schema ('-' for standard output).")
def export_schema(output: str) -> None:
    """Write the full GraphQL schema (every module enabled) in SDL."""
    from backoffice.graphql.schema import SchemaRouter  # noqa: PLC0415
    from backoffice.runtime import get_registry  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    sdl = SchemaRouter(get_registry(), get_settings()).full().as_str() + "\n"
    if output == "-":
        sys.stdout.write(sdl)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(sdl)
        console.print(f"Wrote {output}")


@main.command("check-schema")
@click.option("--release", default="docs/api/schema-release.graphql", show_default=True,
              help="The schema as last released.")
@click.option("--changes", default="docs/api-changes.md", show_default=True,
              help="The changelog that lists accepted breaking changes.")
@click.option("--current", default=None,
              help="The schema to check (SDL file); the running code's full schema if omitted.")
def check_schema(release: str, changes: str, current: str | None) -> None:
    """Refuse breaking changes to the GraphQL API that the changelog does not list."""
    from backoffice.graphql.compat import compare  # noqa: PLC0415

    def read(path: str) -> str:
        try:
            with open(path, encoding="utf-8") as fh:
                return fh.read()
        except OSError as exc:
            _fail(f"cannot read {path}: {exc.strerror}")
            raise

    if current is None:
        from backoffice.graphql.schema import SchemaRouter  # noqa: PLC0415
        from backoffice.runtime import get_registry  # noqa: PLC0415
        from backoffice.settings import get_settings  # noqa: PLC0415

        current_sdl = SchemaRouter(get_registry(), get_settings()).full().as_str()
    else:
        current_sdl = read(current)
    report = compare(read(release), current_sdl, read(changes))
    for text in report.warnings:
        console.print(f"[yellow]may affect clients:[/yellow] {text}")
    for text in report.accepted:
        console.print(f"[cyan]breaking, listed in {changes}:[/cyan] {text}")
    for text in report.refused:
        err.print(f"[red]breaking:[/red] {text}")
    if not report.ok:
        sys.exit(1)
    console.print(f"No unlisted breaking change since {release}.")


@main.group()
def users() -> None:
    """Operator help for people's accounts."""


@users.command("disable-two-factor")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def users_disable_two_factor(email: str, yes: bool) -> None:
    """Turn off two-factor authentication of the account EMAIL, for a person who lost both
    their authenticator app and their recovery codes. Check who they are first: after this the
    password alone logs them in (and an owner whose company requires two-factor must set it up
    again at once). Their sessions end."""
    if not yes and not click.confirm(f"Turn off two-factor authentication of {email}?"):
        sys.exit(1)

    @_run
    async def go() -> bool:
        from backoffice.db.engine import write_transaction  # noqa: PLC0415
        from backoffice.identity import two_factor  # noqa: PLC0415
        from backoffice.identity.tables import User, UserSession  # noqa: PLC0415
        from backoffice.runtime import get_engine  # noqa: PLC0415

        user = await User.select(User.id).where(User.email == email.strip().lower()).first()
        if user is None:
            return False
        async with write_transaction(get_engine()):
            await two_factor.disable(user["id"])
            await UserSession.delete().where(UserSession.user_id == user["id"])
        return True

    if not go():
        _fail(f"No account with the address {email}.")
    console.print(f"Two-factor authentication of {email} is off; their sessions ended.")


@main.group()
def tenants() -> None:
    """List, suspend, resume, delete, export and import tenants."""


@tenants.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def tenants_list(as_json: bool) -> None:
    """List tenants."""

    @_run
    async def go() -> list[dict[str, Any]]:
        from backoffice.tenancy import admin  # noqa: PLC0415

        return await admin.list_tenants()

    rows = go()
    if as_json:
        click.echo(json.dumps(rows, default=str))
        return
    table = RichTable("id", "slug", "name", "status", "modules", "created")
    for r in rows:
        table.add_row(str(r["id"]), r["slug"], r["name"], r["status"],
                      ", ".join(r["modules"]), str(r["created_at"])[:19])
    console.print(table)


def _tenant_action(action: str) -> Callable[[str], None]:
    def command(slug: str, yes: bool = True) -> None:
        from backoffice.errors import BackofficeError  # noqa: PLC0415

        @_run
        async def go() -> Any:
            from backoffice.tenancy import admin  # noqa: PLC0415

            return await getattr(admin, f"{action}_tenant")(slug)

        try:
            result = go()
        except BackofficeError as exc:
            _fail(exc.message)
            return
        if action == "delete":
            rows = sum(result.values())
            console.print(f"Deleted tenant {slug} and {rows} rows it owned.")
        else:
            console.print(f"Tenant {slug} is now {'suspended' if action == 'suspend' else 'active'}.")

    return command


@tenants.command("suspend")
@click.argument("slug")
def tenants_suspend(slug: str) -> None:
    """Suspend a tenant: its users cannot log in and its tokens are refused."""
    _tenant_action("suspend")(slug)


@tenants.command("resume")
@click.argument("slug")
def tenants_resume(slug: str) -> None:
    """Resume a suspended tenant."""
    _tenant_action("resume")(slug)


@tenants.command("delete")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def tenants_delete(slug: str, yes: bool) -> None:
    """Delete a tenant and every row it owns. This cannot be undone."""
    if not yes and not click.confirm(f"Delete tenant {slug} and all its data?"):
        sys.exit(1)
    _tenant_action("delete")(slug)


@tenants.command("export")
@click.argument("slug")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The ZIP file to write.")
def tenants_export(slug: str, output: str) -> None:
    """Export a tenant's complete data (every module) to a ZIP of CSV files.

    The file holds password hashes and secrets sealed with SECRET_KEY: keep it like a backup.
    """
    from backoffice.errors import BackofficeError  # noqa: PLC0415

    @_run
    async def go() -> dict[str, Any]:
        from backoffice.tenancy import transfer  # noqa: PLC0415

        return await transfer.export_tenant(slug, output)

    try:
        manifest = go()
    except BackofficeError as exc:
        _fail(exc.message)
        return
    rows = sum(manifest["tables"].values())
    console.print(f"Exported tenant {slug}: {rows} rows in {len(manifest['tables'])} tables "
                  f"to {output}.")


@tenants.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def tenants_import(file: str) -> None:
    """Import a tenant exported with `tenants export` into this (fresh) installation.

    Runs as the owner role, as `migrate` does, so it can move the id sequences.
    """
    os.environ["BACKOFFICE_DB_ROLE"] = "owner"
    from backoffice.errors import BackofficeError  # noqa: PLC0415

    @_run
    async def go() -> dict[str, Any]:
        from backoffice.tenancy import transfer  # noqa: PLC0415

        return await transfer.import_tenant(file)

    try:
        result = go()
    except BackofficeError as exc:
        _fail(exc.message)
        return
    rows = sum(result["tables"].values())
    console.print(f"Imported tenant {result['slug']}: {rows} rows.")


@main.command()
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
def worker(burst: bool) -> None:
    """Run background jobs and event delivery (arq, needs REDIS_URL)."""
    from backoffice.jobs import worker as job_worker  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    if not settings.redis_url:
        _fail("REDIS_URL is not set. Without Redis, jobs run inside `backoffice serve`.")
    job_worker.run(settings, burst=burst)


if __name__ == "__main__":  # pragma: no cover
    main()
