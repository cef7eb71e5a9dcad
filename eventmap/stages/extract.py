"""extract: temporal expressions and event mentions for every annotated article.

Like annotate, work goes out in batches through the executor: a batch is a picklable list of
(article id, text, published date, stored Doc bytes); workers read the Docs back with a blank vocab
(no model load), tag times and extract events, and this process alone writes the results.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..models import EventMention, Rejection, Timex
from ..nlp.events import extract_events
from ..nlp.spacy_model import doc_from_bytes
from ..nlp.temporal import TemporalTaggerError, tag
from ..pipeline.context import Context
from ..pipeline.executors import Executor
from ..pipeline.runner import StageResult

Batch = list[tuple[str, str, str | None, bytes]]


@dataclass(frozen=True)
class Extracted:
    """One article's times and event mentions, and what went wrong on the way (reported by ``run``
    as rejection rows: the article stays, with what could be extracted)."""

    article: str
    timexes: list[Timex]
    mentions: list[EventMention]
    errors: tuple[str, ...] = ()


def extract_batch(batch: Batch) -> list[Extracted]:
    """Times and event mentions for a batch. Top-level so process and Dask workers can run it.

    A crash of the temporal tagger leaves the article's events without times; a crash of event
    extraction leaves it without events (its times kept). Either is reported, never silent, and
    never stops the build."""
    out: list[Extracted] = []
    for article_id, text, published, blob in batch:
        doc = doc_from_bytes(blob)
        dct = date.fromisoformat(published) if published else None
        errors: list[str] = []
        try:
            timexes: list[Timex] = tag(text, dct)
        except TemporalTaggerError as exc:
            timexes = []
            errors.append(f"{exc} (its events are kept, without times)")
        try:
            mentions = extract_events(article_id, doc, timexes, text)
        except Exception as exc:  # a parse no rule foresaw: one article's events, not the build
            mentions = []
            errors.append(f"event extraction failed ({type(exc).__name__}: {exc}); its times are kept, "
                          "no events. Please report it with the article")
        out.append(Extracted(article_id, timexes, mentions, tuple(errors)))
    return out


def _item(ctx: Context, article_id: str) -> str:
    found = ctx.store.articles_by_id([article_id])
    return (found[0].path or article_id) if found else article_id


def _batches(ctx: Context, ids: list[str], size: int) -> Iterator[Batch]:
    for i in range(0, len(ids), size):
        yield ctx.store.extraction_inputs(ids[i:i + size])


def run(ctx: Context) -> StageResult:
    todo = ctx.store.unextracted()
    if not todo:
        return StageResult(0, "event mentions (all articles up to date)")
    executor = ctx.executor or Executor()
    events = done = 0
    for results in executor.map(extract_batch, _batches(ctx, todo, max(1, ctx.settings.batch_size))):
        for x in results:
            for error in x.errors:  # the article is kept with what could be extracted
                ctx.store.reject(Rejection(_item(ctx, x.article), "extract", error))
            ctx.store.put_extraction(x.article, x.timexes, x.mentions)
            events += len(x.mentions)
            done += 1
        ctx.progress("extract", done, len(todo))
    return StageResult(events, f"event mentions from {done} articles")
