"""Sizes: ``full`` is what the numbers in docs/performance.md come from; ``small`` proves in
seconds that every benchmark still works (CI). Every field can be overridden from the command
line (``--set tenants=2000``) or the environment (``BENCH_TENANTS=2000``)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    # read, rls, tenants: one tenant's list of `page` of its `employees` employees.
    employees: int
    page: int
    clients: int
    warmup: float
    duration: float
    # tenants: the large database holds this many tenants of `employees` employees each.
    tenants: int
    small_tenants: int
    signups: int
    # write: GraphQL creations against bare INSERTs, each for `duration` seconds.
    write_clients: int
    applicants: int
    # jobs: no-op jobs through the platform wrapper against bare arq; one payroll run.
    noop_jobs: int
    payroll_employees: int
    # start: process start to the first good /health, repeated.
    starts: int


FULL = Size(name="full", employees=100, page=50, clients=32, warmup=2.0, duration=10.0,
            tenants=10_000, small_tenants=10, signups=5, write_clients=32, applicants=4000,
            noop_jobs=1000, payroll_employees=1000, starts=3)

SMALL = Size(name="small", employees=100, page=50, clients=8, warmup=0.3, duration=1.5,
             tenants=100, small_tenants=10, signups=1, write_clients=8, applicants=400,
             noop_jobs=100, payroll_employees=50, starts=1)

SIZES = {"full": FULL, "small": SMALL}


def size(name: str, overrides: dict[str, str] | None = None) -> Size:
    base = SIZES[name]
    values: dict[str, object] = {}
    for f in dataclasses.fields(Size):
        if f.name == "name":
            continue
        raw = (overrides or {}).get(f.name, os.environ.get(f"BENCH_{f.name.upper()}"))
        if raw is not None:
            values[f.name] = float(raw) if f.type in ("float", float) else int(raw)
    return dataclasses.replace(base, **values)
