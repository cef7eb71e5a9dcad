"""Run the stages in order, timing each, recording it in the store, resuming where work is done.

The pipeline is data: ``STAGES`` is the ordered list of stage module names under
``eventmap.stages``; each module exposes ``run(ctx) -> StageResult``. Per-article stages skip
articles they already handled (so a killed build resumes); whole-corpus stages recompute on a build
and fold in only the new articles on ``eventmap add`` (``pipeline.folding``).
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass

from ..errors import ConfigError, EventmapError, StageError
from .context import Context

STAGES: tuple[str, ...] = (
    "ingest", "dedup", "annotate", "extract", "resolve", "merge", "link", "summarize", "render",
)


@dataclass(frozen=True)
class StageResult:
    items: int
    detail: str = ""


@dataclass(frozen=True)
class StageReport:
    stage: str
    seconds: float
    items: int
    detail: str


def select_stages(start: str | None = None, stop: str | None = None) -> list[str]:
    for name in (start, stop):
        if name is not None and name not in STAGES:
            raise ConfigError(f"unknown stage {name!r}; stages are: {', '.join(STAGES)}")
    first = STAGES.index(start) if start else 0
    last = STAGES.index(stop) if stop else len(STAGES) - 1
    return list(STAGES[first:last + 1])


def run_pipeline(ctx: Context, *, start: str | None = None, stop: str | None = None) -> list[StageReport]:
    stages = select_stages(start, stop)
    if start:
        # Re-running from a stage means its outputs and everything downstream are recomputed.
        for name in STAGES[STAGES.index(start):]:
            ctx.store.clear(name)
    reports = []
    for name in stages:
        module = importlib.import_module(f"eventmap.stages.{name}")
        ctx.store.stage_started(name)
        ctx.progress.say(f"[{name}]")
        began = time.perf_counter()
        try:
            result: StageResult = module.run(ctx)
        except EventmapError:
            ctx.store.stage_finished(name, "failed", time.perf_counter() - began, 0)
            raise
        except Exception as exc:
            ctx.store.stage_finished(name, "failed", time.perf_counter() - began, 0, repr(exc))
            raise StageError(
                f"stage {name!r} failed: {exc!r}. Fix the cause and resume with "
                f"`eventmap build --from {name}` (finished stages are kept)"
            ) from exc
        seconds = time.perf_counter() - began
        ctx.store.stage_finished(name, "done", seconds, result.items, result.detail)
        reports.append(StageReport(name, seconds, result.items, result.detail))
        ctx.progress.say(f"  {result.items} {result.detail}".rstrip() + f" ({seconds:.1f}s)")
    return reports
