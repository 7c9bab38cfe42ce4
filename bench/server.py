"""Server processes on loopback: the real ``backoffice serve`` and the baseline app, started,
timed to their first successful ``/health``, measured (RSS, CPU time) and stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from .env import BIN, PYTHON, ROOT

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process, from /proc (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command name: state is field 3, utime 14 and stime 15 (1-based, whole line).
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Server:
    """A server process. ``start()`` returns the seconds from spawning it to the first 200
    from ``/health``."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log",  # noqa: SIM115
                                               delete=False)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 90.0) -> float:
        started = time.perf_counter()
        self.process = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = started + timeout
        with httpx.Client(timeout=1.0) as client:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n"
                                       f"{self.tail()}")
                try:
                    if client.get(self.base_url + "/health").status_code == 200:
                        return time.perf_counter() - started
                except httpx.TransportError:
                    pass
                if time.perf_counter() > deadline:
                    self.stop()
                    raise RuntimeError(f"{self.name} did not answer /health in {timeout:g} s:\n"
                                       f"{self.tail()}")
                time.sleep(0.01)

    def tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def exceptions(self) -> dict[str, int]:
        """Exception lines the server logged (``SomeError: message``), with their counts."""
        import re

        self.log.flush()
        found: dict[str, int] = {}
        for line in Path(self.log.name).read_text(errors="replace").splitlines():
            if re.match(r"^[\w.]+(Error|Exception|Violation\w*): ", line):
                key = line[:200]
                found[key] = found.get(key, 0) + 1
        return found

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def app_server(env: dict[str, str], name: str = "backoffice") -> Server:
    """``backoffice serve``: uvicorn, one process, as in production with WEB_CONCURRENCY=1."""
    port = free_port()
    return Server(name, [str(BIN / "backoffice"), "serve", "--host", "127.0.0.1", "--port",
                         str(port)], env, port)


def baseline_server(env: dict[str, str]) -> Server:
    """The baseline: a plain Litestar app with asyncpg, under the same uvicorn."""
    port = free_port()
    return Server("baseline", [PYTHON, "-m", "uvicorn", "bench.baseline_app:create_app",
                               "--factory", "--host", "127.0.0.1", "--port", str(port),
                               "--log-level", "warning"], env, port)
