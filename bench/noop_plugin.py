"""A module for the jobs benchmark only: one job that does nothing. Loaded with
``BACKOFFICE_PLUGINS=bench.noop_plugin`` by the benchmark's own processes, never installed."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="benchnoop",
    name=Text("Benchmark no-op", "Benchmark tanpa kerja"),
    description=Text("A job that does nothing, to measure the job machinery.",
                     "Tugas yang tidak melakukan apa pun, untuk mengukur mesin tugas."),
    version="0.1.0",
)


async def noop(ctx: Any) -> None:
    """Does nothing: what is left is the cost of queueing and running a job."""


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_jobs() -> list[Any]:
    return [noop]
