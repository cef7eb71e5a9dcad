"""extract: temporal expressions and event mentions for every annotated article."""

from __future__ import annotations

from datetime import date

from ..nlp.events import extract_events
from ..nlp.spacy_model import doc_from_bytes
from ..nlp.temporal import tag
from ..pipeline.context import Context
from ..pipeline.runner import StageResult


def run(ctx: Context) -> StageResult:
    todo = ctx.store.unextracted()
    events = 0
    for n, article_id in enumerate(todo, start=1):
        article = ctx.store.article(article_id)
        blob = ctx.store.annotation(article_id)
        if article is None or blob is None:
            continue
        doc = doc_from_bytes(blob)
        dct = date.fromisoformat(article.published) if article.published else None
        timexes = tag(article.text, dct)
        mentions = extract_events(article_id, doc, timexes)
        ctx.store.put_extraction(article_id, timexes, mentions)
        events += len(mentions)
        ctx.progress("extract", n, len(todo))
    return StageResult(events, f"event mentions from {len(todo)} articles")
