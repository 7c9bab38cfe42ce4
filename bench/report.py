"""Printing results as rich tables, and collecting them as JSON."""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

# Wide enough for the tables when the output goes to a file or a CI log.
console = Console(width=None if Console().is_terminal else 120)


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or baseline is None or not baseline or math.isnan(value) or math.isnan(baseline):
        return None
    return value / baseline


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


@dataclass
class Section:
    """One printed table: a title, column names, rows of already formatted cells, notes."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: Any) -> None:
        self.rows.append([c if isinstance(c, str) else fmt(c) for c in cells])

    def print(self) -> None:
        table = Table(title=self.title, title_justify="left", title_style="bold")
        for i, column in enumerate(self.columns):
            table.add_column(column, justify="left" if i == 0 else "right")
        for row in self.rows:
            table.add_row(*row)
        console.print(table)
        for note in self.notes:
            console.print(f"  [dim]{note}[/dim]")
        console.print()


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": round(mem_gb, 1),
            "python": platform.python_version(), "load_average": load_average()}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def write_json(path: str, results: dict[str, Any]) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(results, indent=2, default=str) + "\n")


class Steps:
    """Prints how long each step of a benchmark took (set-up included), as it goes."""

    def __init__(self, name: str) -> None:
        import time

        self.name = name
        self._time = time.perf_counter
        self.started = self._time()
        self.last = self.started
        self.seconds: dict[str, float] = {}

    def done(self, step: str) -> float:
        now = self._time()
        took = now - self.last
        self.last = now
        self.seconds[step] = round(took, 2)
        console.print(f"[dim]  {self.name}: {step} ({took:.1f} s)[/dim]")
        return took
