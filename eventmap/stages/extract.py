"""extract: temporal expressions and event mentions for every annotated article.

Like annotate, work goes out in batches through the executor: a batch is a picklable list of
(article id, text, published date, stored Doc bytes); workers read the Docs back with a blank vocab
(no model load), tag times and extract events, and this process alone writes the results.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..models import EventMention, Rejection, Timex
from ..nlp.events import extract_events
from ..nlp.spacy_model import doc_from_bytes
from ..nlp.temporal import TemporalTaggerError, tag
from ..pipeline.context import Context
from ..pipeline.executors import Executor
from ..pipeline.runner import StageResult

Batch = list[tuple[str, str, str | None, bytes]]


def extract_batch(batch: Batch) -> list[tuple[str, list[Timex] | str, list[EventMention]]]:
    """Times and event mentions for a batch. Top-level so process and Dask workers can run it.

    When the temporal tagger crashes on an article, its slot holds the error message instead of
    the timex list (its events are still extracted, without times); ``run`` reports it.
    """
    out: list[tuple[str, list[Timex] | str, list[EventMention]]] = []
    for article_id, text, published, blob in batch:
        doc = doc_from_bytes(blob)
        dct = date.fromisoformat(published) if published else None
        try:
            timexes: list[Timex] = tag(text, dct)
            failure = None
        except TemporalTaggerError as exc:
            timexes, failure = [], str(exc)
        mentions = extract_events(article_id, doc, timexes, text)
        out.append((article_id, failure if failure is not None else timexes, mentions))
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
        for article_id, timexes, mentions in results:
            if isinstance(timexes, str):  # the tagger crashed: the article is kept, the error shown
                ctx.store.reject(Rejection(_item(ctx, article_id), "extract",
                                           f"{timexes} (its events are kept, without times)"))
                timexes = []
            ctx.store.put_extraction(article_id, timexes, mentions)
            events += len(mentions)
            done += 1
        ctx.progress("extract", done, len(todo))
    return StageResult(events, f"event mentions from {done} articles")
