"""ingest: files, folders, URLs, feeds and WARC crawls -> articles (or rejection rows)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..models import Article, RawDocument, Rejection
from ..pipeline.context import Context, Inputs, Progress
from ..pipeline.runner import StageResult
from ..sources.files import iter_files
from ..sources.parse import parse_document

if TYPE_CHECKING:  # web ingest imports httpx; only pay for it when URLs are given
    from ..sources.fetch import FetchOptions


def fetch_options(settings: Settings, inputs: Inputs) -> FetchOptions:
    """The user's settings and flags as the fetcher's options (one place, so they cannot drift)."""
    from ..sources.fetch import FetchOptions

    return FetchOptions(
        timeout=settings.fetch_timeout,
        retries=settings.fetch_retries,
        max_bytes=int(settings.fetch_max_mb * 1_000_000),
        rate_limit_per_host=settings.rate_limit,
        concurrency=settings.fetch_concurrency,
        respect_robots=settings.robots,
        allow_private=inputs.allow_private,
        allow_hosts=frozenset(inputs.allow_hosts),
        cache_dir=Path(settings.fetch_cache) if settings.fetch_cache else None,
    )


def fetch_progress(progress: Progress) -> Callable[[int, int | None, str], None]:
    """fetch_documents' ``progress(done, total, item)`` as the pipeline's throttled stderr lines."""

    def report(done: int, total: int | None, item: str) -> None:
        if total is None:  # expanding a feed or sitemap: one line each, so a slow one is visible
            progress.say(f"  fetch: reading {item}")
        else:  # counts, throttled; the last one always shows
            progress("fetch", done, total, force=done == total)

    return report


def _documents(ctx: Context) -> Iterator[RawDocument | Rejection]:
    inputs = ctx.inputs
    yield from iter_files(list(inputs.paths), max_file_mb=ctx.settings.max_file_mb)
    if inputs.urls or inputs.feeds or inputs.sitemaps:
        from ..sources.web import fetch_documents

        yield from fetch_documents(list(inputs.urls), list(inputs.feeds), list(inputs.sitemaps),
                                   options=fetch_options(ctx.settings, inputs),
                                   progress=fetch_progress(ctx.progress))


def run(ctx: Context) -> StageResult:
    added = seen = rejected = 0
    for doc in _documents(ctx):
        results = [doc] if isinstance(doc, Rejection) else parse_document(
            doc, min_words=ctx.settings.min_words, clean=ctx.settings.clean_chrome)
        for result in results:
            if isinstance(result, Rejection):
                ctx.store.reject(result)
                ctx.rejected.append(result)
                rejected += 1
                continue
            assert isinstance(result, Article)
            seen += 1
            ctx.read.add(result.id)
            added += ctx.store.add_article(result)
            ctx.progress("ingest", seen)
    return StageResult(added, f"new articles ({seen} read, {rejected} rejected)")
