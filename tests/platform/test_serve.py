"""``backoffice serve --workers 2`` as operators run it: two worker processes share the port,
``/metrics`` adds up what both served, and SIGTERM stops them all cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> set[int]:
    """The live worker processes of ``pid`` (from /proc): the children multiprocessing spawned,
    without its resource tracker."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found |= {int(c) for c in text}
    workers = set()
    for child in found:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            workers.add(child)
    return workers


def health_count(metrics: str) -> float:
    total = 0.0
    for line in metrics.splitlines():
        if line.startswith("backoffice_http_request_duration_seconds_count") and 'route="/health"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_two_workers_serve_together_and_stop_on_sigterm(tmp_path: Path):
    port = free_port()
    multiproc = tmp_path / "prometheus"
    multiproc.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(multiproc), "LOG_LEVEL": "WARNING"}
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen([sys.executable, "-m", "backoffice.cli", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--workers", "2"], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        # Both workers up: two children, each answering (a worker that is still importing does
        # not accept yet, so wait until there are two and /health answers).
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            workers = children(server.pid)
            try:
                ready = httpx.get(f"{base}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                ready = False
            if ready and len(workers) >= 2:
                break
            time.sleep(0.5)
        assert len(workers) == 2, workers
        # Give the second worker time to finish starting, then spread fresh connections.
        time.sleep(3)
        before = health_count(httpx.get(f"{base}/metrics", timeout=10).text)
        for _ in range(40):
            with httpx.Client() as fresh:
                assert fresh.get(f"{base}/health", timeout=10).status_code == 200
        after = health_count(httpx.get(f"{base}/metrics", timeout=10).text)
        # Every request is counted once, whichever worker served it.
        assert after - before == 40, (before, after)
        # SIGTERM: the parent stops its workers and exits on its own.
        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
        assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
        log.close()
