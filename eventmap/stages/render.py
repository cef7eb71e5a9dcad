"""render: ``eventmap.json`` (the export contract) and the self-contained ``map.html``."""

from __future__ import annotations

from ..export.json_export import dump_indented
from ..export.map_html import render_map
from ..pipeline.context import Context
from ..pipeline.folding import files_current, mark_all
from ..pipeline.runner import StageResult


def run(ctx: Context) -> StageResult:
    if ctx.out_dir is None:
        return StageResult(0, "no --out folder: nothing rendered")
    if files_current(ctx, "render", "eventmap.json", "map.html"):
        return StageResult(0, "map unchanged: files kept")
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    export = ctx.export()
    with (ctx.out_dir / "eventmap.json").open("w", encoding="utf-8") as fh:
        dump_indented(export, fh)  # written in pieces, never one ~100 MB string
    (ctx.out_dir / "map.html").write_text(render_map(export), encoding="utf-8")
    mark_all(ctx, "render")  # the files show every article: an add with nothing new keeps them
    return StageResult(2, f"files -> {ctx.out_dir}/eventmap.json, map.html")
