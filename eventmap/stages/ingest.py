"""ingest: files, folders, URLs, feeds and WARC crawls -> articles (or rejection rows)."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Article, RawDocument, Rejection
from ..pipeline.context import Context
from ..pipeline.runner import StageResult
from ..sources.files import iter_files
from ..sources.parse import parse_document


def _documents(ctx: Context) -> Iterator[RawDocument | Rejection]:
    inputs = ctx.inputs
    yield from iter_files(list(inputs.paths), max_file_mb=ctx.settings.max_file_mb)
    if inputs.urls or inputs.feeds or inputs.sitemaps:
        from ..sources.fetch import FetchOptions
        from ..sources.web import fetch_documents

        options = FetchOptions(allow_private=inputs.allow_private)
        yield from fetch_documents(list(inputs.urls), list(inputs.feeds), list(inputs.sitemaps),
                                   options=options)


def run(ctx: Context) -> StageResult:
    added = seen = rejected = 0
    for doc in _documents(ctx):
        results = [doc] if isinstance(doc, Rejection) else parse_document(
            doc, min_words=ctx.settings.min_words)
        for result in results:
            if isinstance(result, Rejection):
                ctx.store.reject(result)
                rejected += 1
                continue
            assert isinstance(result, Article)
            seen += 1
            added += ctx.store.add_article(result)
            ctx.progress("ingest", seen)
    return StageResult(added, f"new articles ({seen} read, {rejected} rejected)")
