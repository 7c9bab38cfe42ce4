"""``python -m bench.soak`` (``make soak``): many simulated users for a long stretch.

A throw-away PostgreSQL installation gets ``--companies`` demo companies (every module, a year
of data each, through ``backoffice seed-demo``); ``backoffice serve --workers N`` and one ``backoffice
worker`` run on loopback with Redis, as in production. Locust then runs ``--users`` simulated
people (``bench/soak_locustfile.py``: log in, then reads and writes across the modules with a
think time of 0.5 to 2 s) for ``--minutes``.

What it reports, and what fails the run (exit code 1):

- every failed request (HTTP error, GraphQL error, ``userErrors``): there must be none;
- latency percentiles under load, against the same requests sent by one user alone on the
  idle server just before (the baseline, measured in the same run);
- the resident memory of the API and worker processes, sampled every five seconds: the mean
  of the last minute against the mean of minute 2 must grow by less than 10 percent;
- exceptions in the server's and the worker's logs.

Rate-limit budgets are lifted (every simulated user of a company shares one owner's budget):
the run measures the application, not the limiter. Results go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from . import env, gql
from .report import Section, console, fmt, load_average, machine, write_json
from .server import BIN, Server, free_port, rss_mb

PASSWORD = "soak-password-2026"
LOCUSTFILE = Path(__file__).with_name("soak_locustfile.py")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument("--companies", type=int, default=5)
    parser.add_argument("--api-workers", type=int, default=2, help="backoffice serve --workers")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    return parser.parse_args(argv)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


class MemorySampler(threading.Thread):
    """Resident memory (MB) of each process tree, every ``every`` seconds."""

    def __init__(self, trees: dict[str, int], every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.trees, self.every = trees, every
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.started = time.monotonic()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            sample = {}
            for name, pid in self.trees.items():
                total = 0.0
                for p in _tree(pid):
                    try:
                        total += rss_mb(p)
                    except OSError:
                        pass
                sample[name] = total
            self.samples.append((time.monotonic() - self.started, sample))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def mean(self, name: str, start: float, end: float) -> float:
        values = [s[name] for t, s in self.samples if start <= t < end]
        return statistics.fmean(values) if values else float("nan")


def _seed(inst: env.Installation, companies: int) -> list[str]:
    """``backoffice seed-demo`` once per company (in parallel): each is a whole demo company
    with its own owner, roles and a year of data."""
    emails = [f"soak-owner-{i}@example.com" for i in range(1, companies + 1)]
    procs = [subprocess.Popen([str(BIN / "backoffice"), "seed-demo", "--email", email,
                               "--password", PASSWORD, "--name", f"Soak Demo {i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=inst.env(), cwd=env.ROOT)
             for i, email in enumerate(emails, 1)]
    for proc in procs:
        output, _ = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"seed-demo failed:\n{output}")
    return emails


READS = {
    "dashboard": "{ dashboard { currency } notifications(first: 10) { totalCount nodes { id } } }",
    "employees": """{ employees(first: 20) { totalCount nodes { id fullName department { name }
      position { title } manager { fullName } } } }""",
    "invoices": "{ invoices(first: 20) { totalCount nodes { id number status total customer { name } } } }",
    "tickets": "{ tickets(first: 20) { totalCount nodes { id subject status priority } } }",
}


async def _alone(base: str, email: str, rounds: int = 30) -> dict[str, float]:
    """Latency (ms) of the read requests sent by one user on the idle server."""
    times: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        response = await client.post("/graphql", json={
            "query": "mutation($i: LogInInput!) { logIn(input: $i) { userErrors { code } } }",
            "variables": {"i": {"email": email, "password": PASSWORD}}})
        assert response.json()["data"]["logIn"]["userErrors"] == [], response.text
        # The cookie is Secure (production settings) and this is plain http on loopback.
        headers = {"cookie": f"{gql.COOKIE}={gql.session_cookie(response)}"}
        for _ in range(rounds):
            for query in READS.values():
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": query}, headers=headers)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200 and not response.json().get("errors"), response.text
    times.sort()
    return {"p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)],
            "p99": times[int(len(times) * 0.99)]}


def _locust(base: str, accounts: Path, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    prefix = out / "soak"
    argv = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", base,
            "-u", str(args.users), "-r", str(args.spawn_rate),
            "--run-time", f"{int(args.minutes * 60)}s", "--csv", str(prefix), "--only-summary",
            "--stop-timeout", "15", "--loglevel", "WARNING"]
    proc = subprocess.run(argv, env={**env.os.environ, "SOAK_ACCOUNTS": str(accounts), "SOAK_COOKIE": gql.COOKIE},
                          capture_output=True, text=True, check=False, cwd=env.ROOT)
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv")))  # noqa: SIM115
    total = next(r for r in rows if r["Name"] == "Aggregated")
    per_name = {r["Name"]: r for r in rows if r["Name"] != "Aggregated"}
    return {"exit": proc.returncode, "stderr": proc.stderr[-3000:], "total": total,
            "per_name": per_name, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        env.check_services()
    except env.ServiceMissing as exc:
        console.print(f"[red]Cannot run the soak:[/red] {exc}")
        return 2
    results: dict[str, Any] = {"machine": machine(), "args": vars(args)}
    load_before = load_average()
    out = Path(tempfile.mkdtemp(prefix="soak-"))
    with env.cluster_for_run() as cluster, env.installation(cluster, "soak") as inst:
        started = time.monotonic()
        emails = _seed(inst, args.companies)
        console.print(f"[dim]seeded {len(emails)} companies in {time.monotonic() - started:.0f} s[/dim]")
        accounts = out / "accounts.json"
        accounts.write_text(json.dumps({"emails": emails, "password": PASSWORD}))
        budgets = {k: "1000000000" for k in ("RATE_LIMIT_POINTS", "RATE_LIMIT_USER_POINTS",
                                            "RATE_LIMIT_TENANT_POINTS")}
        port = free_port()
        api = Server("api", [str(BIN / "backoffice"), "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--workers", str(args.api_workers)],
                     inst.env(**budgets), port)
        worker = subprocess.Popen([str(BIN / "backoffice"), "worker"], env=inst.env(),
                                  cwd=env.ROOT, stdout=open(out / "worker.log", "w"),  # noqa: SIM115
                                  stderr=subprocess.STDOUT)
        with api:
            time.sleep(3)  # every API worker process up
            alone = asyncio.run(_alone(api.base_url, emails[0]))
            sampler = MemorySampler({"api": api.pid, "worker": worker.pid})
            sampler.start()
            console.print(f"[dim]{args.users} users for {args.minutes:g} min ...[/dim]")
            locust = _locust(api.base_url, accounts, args, out)
            sampler.stop()
            api_exceptions = api.exceptions()
        worker.terminate()
        worker.wait(timeout=30)
    worker_log = (out / "worker.log").read_text(errors="replace")
    worker_exceptions = sorted({line[:200] for line in worker_log.splitlines()
                                if "Traceback" in line or line.startswith(("ERROR", "CRITICAL"))})

    total = locust["total"]
    seconds = args.minutes * 60
    minute2 = {n: sampler.mean(n, 60, 120) for n in ("api", "worker")}
    last = {n: sampler.mean(n, seconds - 60, seconds) for n in ("api", "worker")}
    growth = {n: (last[n] - minute2[n]) / minute2[n] * 100 for n in minute2}
    p = {k: float(total[f"{k}%"]) for k in ("50", "95", "99", "99.9")}
    results.update({
        "requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
        "throughput": float(total["Requests/s"]), "latency_ms": p, "alone_ms": alone,
        "memory_mb": {"minute_2": minute2, "last_minute": last, "growth_percent": growth},
        "memory_samples": sampler.samples, "failure_kinds": locust["failures"][:20],
        "api_exceptions": api_exceptions, "worker_exceptions": worker_exceptions,
        "load_average": [load_before, load_average()],
        "per_request": {n: {"count": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                            "p50": float(r["50%"]), "p99": float(r["99%"])}
                        for n, r in locust["per_name"].items()},
    })

    section = Section(f"soak: {args.users} users, {args.minutes:g} min, {args.companies} companies, "
                      f"{args.api_workers} API processes + 1 worker",
                      ["measure", "value", "baseline (one user, idle)", "ratio"])
    section.add("requests", f"{results['requests']:,}", "-", "-")
    section.add("failed requests", str(results["failures"]), "-", "-")
    section.add("requests per second", fmt(results["throughput"]), "-", "-")
    for k in ("50", "95", "99"):
        base = alone[f"p{k}"]
        section.add(f"latency p{k} (ms)", fmt(p[k], 0), fmt(base, 0), fmt(p[k] / base, 1))
    for n in ("api", "worker"):
        section.add(f"{n} memory MB, minute 2 -> last minute",
                    f"{minute2[n]:.0f} -> {last[n]:.0f}", "-",
                    f"{last[n] / minute2[n]:.3f} ({growth[n]:+.1f} %)")
    section.add("load average before -> after", f"{load_before} -> {load_average()}", "-", "-")
    section.print()
    for name, r in sorted(results["per_request"].items()):
        console.print(f"  {name:24} {r['count']:>8,} requests, {r['failures']} failed, "
                      f"p50 {r['p50']:.0f} ms, p99 {r['p99']:.0f} ms")
    problems = []
    if results["failures"]:
        problems.append(f"{results['failures']} failed requests: {locust['failures'][:5]}")
    if locust["exit"] not in (0, 1):
        problems.append(f"locust exited with {locust['exit']}: {locust['stderr']}")
    for n, g in growth.items():
        if not g < 10:
            problems.append(f"{n} memory grew {g:.1f} % from minute 2 to the last minute")
    if api_exceptions:
        problems.append(f"the API logged exceptions: {api_exceptions}")
    if worker_exceptions:
        problems.append(f"the worker logged errors: {worker_exceptions[:10]}")
    results["problems"] = problems
    if args.json:
        write_json(args.json, results)
    for problem in problems:
        console.print(f"[red]{problem}[/red]")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
