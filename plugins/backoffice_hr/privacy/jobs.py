"""The job that builds a personal data export."""

from __future__ import annotations

from typing import Any

from . import services


async def build_personal_data_export(ctx: Any, export_id: int) -> dict[str, Any]:
    """Gather one person's data from every enabled module into a ZIP; reports progress."""
    await ctx.progress(1, ("Starting", "Memulai"))
    result = await services.build(export_id, ctx.progress)
    await ctx.progress(100, ("Done", "Selesai"))
    return result
