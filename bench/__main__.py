"""``python -m bench all|read|tenants|rls|write|jobs|start [--size small|full]``

Each benchmark runs in a process of its own, on its own copy of a freshly migrated database,
and prints a table with its ratio against a baseline measured in the same run. Needs
PostgreSQL and Redis (``BENCH_PG_ADMIN``, a superuser URL, and ``BENCH_REDIS_URL``; the
defaults are those of the test suite).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import config, env
from .report import Section, console, fmt, fmt_ratio, load_average, machine, write_json

BENCHMARKS = ("read", "tenants", "rls", "write", "jobs", "start")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark", choices=("all", *BENCHMARKS))
    parser.add_argument("--size", choices=tuple(config.SIZES), default="full",
                        help="full (the documented numbers) or small (seconds, for CI)")
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="FIELD=VALUE",
                        help="override one size field, e.g. --set tenants=2000 (repeatable)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    return parser.parse_args(argv)


def _overrides(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--set wants FIELD=VALUE, not {pair!r}")
        out[key.strip()] = value.strip()
    return out


def run_one(name: str, size: config.Size) -> dict[str, Any]:
    module = importlib.import_module(f"bench.{name}")
    started = time.perf_counter()
    load_before = load_average()
    with env.cluster_for_run() as cluster, env.installation(cluster, name) as inst:
        result = module.main(inst, size)
    seconds = time.perf_counter() - started
    console.print(f"[dim]{name} ({size.name}) took {seconds:.1f} s; load average "
                  f"{load_before} -> {load_average()}[/dim]\n")
    return {"seconds": round(seconds, 1), "load_average": [load_before, load_average()],
            "size": size.__dict__, **result}


def run_all(args: argparse.Namespace, size: config.Size) -> dict[str, Any]:
    started = time.perf_counter()
    cluster = env.create_cluster()
    console.print(f"[dim]migrated the template database in {cluster.migrate_seconds:.1f} s[/dim]\n")
    results: dict[str, Any] = {}
    try:
        for name in BENCHMARKS:
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                argv = [sys.executable, "-m", "bench", name, "--size", args.size, "--json",
                        out.name, *[f"--set={o}" for o in args.overrides]]
                child_env = {**os.environ, env.CLUSTER_VAR: cluster.suffix}
                code = subprocess.run(argv, env=child_env, cwd=env.ROOT, check=False).returncode
                text = Path(out.name).read_text() if code == 0 else ""
                results[name] = json.loads(text)[name] if text else {"failed": code}
    finally:
        env.drop_cluster(cluster)
    total = time.perf_counter() - started
    summary = Section(f"all benchmarks ({size.name}) in {total:.0f} s",
                      ["benchmark", "seconds", "headline", "ratio"])
    for name, result in results.items():
        if "failed" in result:
            summary.add(name, "-", f"[red]failed (exit {result['failed']})[/red]", "-")
        else:
            headline, value = result.get("headline", ("", None))
            summary.add(name, fmt(result["seconds"]), headline, fmt_ratio(value))
    summary.print()
    return {"migrate_seconds": round(cluster.migrate_seconds, 1), "seconds": round(total, 1),
            **results}


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    # The benchmark process's own INFO logs (httpx, the in-process app) are noise here.
    logging.disable(logging.INFO)
    size = config.size(args.size, _overrides(args.overrides))
    try:
        env.check_services()
    except env.ServiceMissing as exc:
        console.print(f"[red]Cannot run the benchmarks:[/red] {exc}")
        return 2
    results: dict[str, Any] = {"machine": machine(), "size": args.size}
    if args.benchmark == "all":
        results.update(run_all(args, size))
        failed = [n for n in BENCHMARKS if "failed" in results.get(n, {})]
    else:
        results[args.benchmark] = run_one(args.benchmark, size)
        failed = []
    if args.json:
        write_json(args.json, results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
