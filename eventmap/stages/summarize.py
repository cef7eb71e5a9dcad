"""summarize: the cited Markdown briefing (``briefing.md``) from the finished map."""

from __future__ import annotations

from ..export.briefing import render_briefing
from ..export.json_export import build_export
from ..pipeline.context import Context
from ..pipeline.runner import StageResult


def run(ctx: Context) -> StageResult:
    if ctx.out_dir is None:
        return StageResult(0, "no --out folder: briefing skipped")
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    text = render_briefing(build_export(ctx.store), max_events=ctx.settings.briefing_events)
    path = ctx.out_dir / "briefing.md"
    path.write_text(text, encoding="utf-8")
    return StageResult(text.count("\n"), f"briefing lines -> {path}")
