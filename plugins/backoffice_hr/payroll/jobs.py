"""Background jobs of payroll."""

from __future__ import annotations

from typing import Any

from . import services


async def run_payroll(ctx: Any, run_id: int) -> dict[str, Any]:
    """Calculate a payroll run; reports progress as it goes."""
    await ctx.progress(1, ("Starting", "Memulai"))
    result = await services.calculate(run_id, ctx.progress)
    await ctx.progress(100, ("Done", "Selesai"))
    return result
