"""render: ``eventmap.json`` (the export contract) and ``map.html`` (with ``map-data.js`` for a large map).

The map opens on the story overview and the default view; the rest of a map larger than
``map_inline_mb`` goes to ``map-data.js`` next to it, read when the reader asks (``export.map_html``).
"""

from __future__ import annotations

from ..export.briefing import build_briefing, recall
from ..export.json_export import dump_export
from ..export.map_html import write_map
from ..pipeline.context import Context
from ..pipeline.folding import files_current, mark_all
from ..pipeline.memory import paused_gc
from ..pipeline.runner import StageResult


def run(ctx: Context) -> StageResult:
    with paused_gc():
        return _run(ctx)


def _run(ctx: Context) -> StageResult:
    if ctx.out_dir is None:
        return StageResult(0, "no --out folder: nothing rendered")
    if files_current(ctx, "render", "eventmap.json", "map.html"):
        return StageResult(0, "map unchanged: files kept")
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    s = ctx.settings
    work = ctx.working_export()
    export = work.export
    with (ctx.out_dir / "eventmap.json").open("wb") as fh:
        dump_export(work, fh)  # written in pieces, never one ~100 MB string; its events as bytes
    # the overview shows summarize's briefing (this run's); `build --from render` makes one
    briefing = recall(export) or build_briefing(export, max_events=s.briefing_events)
    pages = write_map(export, ctx.out_dir, briefing=briefing, labels=s.map_labels, inline_mb=s.map_inline_mb,
                      whole=ctx.out_dir / "eventmap.json", statics=work.statics)
    mark_all(ctx, "render")  # the files show every article: an add with nothing new keeps them
    names = ", ".join(p.name for p in pages)
    kept = f" ({work.encoded} of {work.encoded + work.reused} events encoded anew)" if work.reused else ""
    return StageResult(1 + len(pages), f"files -> {ctx.out_dir}/eventmap.json, {names}{kept}")
