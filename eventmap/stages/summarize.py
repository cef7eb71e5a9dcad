"""summarize: the cited briefing (``briefing.md`` and ``briefing.html``) from the finished map.

Extractive by default; with ``llm_url`` set, a chat model rewrites the prose sections and every
sentence it writes is checked against the sentences it cites (``export.briefing_llm``).
"""

from __future__ import annotations

from ..export.briefing import build_briefing, remember
from ..export.briefing_llm import LLMOptions, rewrite
from ..export.briefing_render import render_html, render_markdown
from ..export.briefing_sentences import SentenceFeatures
from ..pipeline.context import Context
from ..pipeline.folding import files_current, mark_all
from ..pipeline.memory import paused_gc
from ..pipeline.runner import StageResult


def run(ctx: Context) -> StageResult:
    with paused_gc():
        return _run(ctx)


def _run(ctx: Context) -> StageResult:
    if ctx.out_dir is None:
        return StageResult(0, "no --out folder: briefing skipped")
    if files_current(ctx, "summarize", "briefing.md", "briefing.html"):
        return StageResult(0, "map unchanged: files kept")
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    s = ctx.settings
    work = ctx.working_export()
    export = work.export
    sentences = SentenceFeatures.of(ctx.store)  # what the last briefing's sentences read: kept
    briefing = build_briefing(export, max_events=s.briefing_events, sentences=sentences, pooled=work.pooled)
    sentences.keep(ctx.store)
    warnings: list[str] = []
    if s.llm_url:
        opts = LLMOptions(s.llm_url, s.llm_model, s.llm_api_key, s.llm_timeout, s.llm_min_support)
        briefing, warnings = rewrite(briefing, opts)
    remember(export, briefing)  # render's map opens on this briefing's "in brief"
    md, page = ctx.out_dir / "briefing.md", ctx.out_dir / "briefing.html"
    text = render_markdown(briefing)
    md.write_text(text, encoding="utf-8")
    page.write_text(render_html(briefing), encoding="utf-8")
    items = sum(len(sec.all_items()) for sec in briefing.sections)
    mark_all(ctx, "summarize")  # the files show every article: an add with nothing new keeps them
    if warnings:
        return StageResult(items, " ".join(warnings))
    return StageResult(items, f"cited items ({briefing.mode}) -> {md}, {page.name}")
