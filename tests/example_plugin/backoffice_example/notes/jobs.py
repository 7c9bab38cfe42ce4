"""Background jobs of the notes area.

``count_notes`` walks the notes and reports its progress. ``export_notes`` sends the notes
to an archive; the archive is simulated so that its failure modes can be shown (and tested):
``archive://down`` refuses every attempt, ``archive://flaky/<n>`` refuses the first ``n``.
"""

from __future__ import annotations

from typing import Any

from backoffice.sdk import JobContext, job_options

from .tables import ExampleNote

PROGRESS_EVERY = 10


async def count_notes(ctx: JobContext, title_contains: str = "") -> dict[str, Any]:
    """Count the company's notes (optionally those whose title contains a text)."""
    rows = await ExampleNote.select(ExampleNote.id, ExampleNote.title).order_by(ExampleNote.id)
    total = len(rows)
    needle = title_contains.strip().lower()
    count = 0
    if not total:
        await ctx.progress(100, ("There are no notes.", "Tidak ada catatan."))
    for i, row in enumerate(rows, 1):
        if needle in row["title"].lower():
            count += 1
        if i % PROGRESS_EVERY == 0 or i == total:
            await ctx.progress(i * 100 / total, (f"Counted {i} of {total} notes.",
                                                 f"Menghitung {i} dari {total} catatan."))
    return {"count": count}


# A local archive answers fast, so retries need not wait long.
@job_options(max_attempts=3, retry_base=0.1)
async def export_notes(ctx: JobContext, target: str) -> dict[str, Any]:
    """Send every note to the archive at ``target``."""
    await ctx.progress(10, (f"Connecting to {target}.", f"Menghubungkan ke {target}."))
    if target == "archive://down":
        raise ConnectionError(f"{target} refused the connection")
    if target.startswith("archive://flaky/"):
        failures = int(target.rsplit("/", 1)[1] or 0)
        if ctx.attempt <= failures:
            raise ConnectionError(f"{target} refused attempt {ctx.attempt}")
    exported = await ExampleNote.count()
    return {"exported": exported, "target": target, "attempt": ctx.attempt}
