"""Web ingest entry point: URLs, feeds and sitemaps in; RawDocuments and Rejections out.

The ingest stage calls :func:`fetch_documents` for ``eventmap build URL... --feed URL --sitemap URL``,
with FetchOptions made from the settings and ``--allow-host``/``--allow-private`` (stages/ingest.py).
One bad URL never raises: it becomes a ``Rejection(item, "ingest", reason)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any
from urllib.parse import urldefrag

from ..errors import FetchError
from ..models import RawDocument, Rejection
from .feeds import expand_sitemap, feed_entries
from .fetch import Fetcher, FetchOptions, Progress

__all__ = ["fetch_documents", "FetchOptions"]


def _key(url: str) -> str:
    return urldefrag(url.strip())[0]


def _merge_hints(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    # The first listing wins; a later one only fills in what the first did not say.
    return {**new, **{k: v for k, v in old.items() if v}}


def _fetch_one(fetcher: Fetcher, url: str, hints: dict[str, Any]) -> RawDocument | Rejection:
    try:
        result = fetcher.fetch(url, accept="html")
    except FetchError as exc:
        return Rejection(item=url, stage="ingest", reason=str(exc))
    except Exception as exc:  # a bug or an odd server must cost one URL, not the build
        return Rejection(item=url, stage="ingest", reason=f"unexpected {type(exc).__name__}: {exc}")
    meta = {
        **hints,
        "status": result.status,
        "http_content_type": result.content_type,
        "charset": result.charset,
        "fetched_at": result.fetched_at,
        "from_cache": result.from_cache,
        "redirects": list(result.redirects),
        "requested_url": result.url,
        "last_modified": result.headers.get("last-modified"),
    }
    return RawDocument(
        item=url,
        content=result.content,
        content_type="html",
        url=result.final_url,
        meta={k: v for k, v in meta.items() if v is not None},
    )


def fetch_documents(
    urls: Iterable[str],
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    options: FetchOptions = FetchOptions(),  # noqa: B008 - frozen, so a shared default is safe
    progress: Progress | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Fetch article pages; yield one RawDocument or Rejection per distinct URL, in input order.

    Feeds and sitemaps are expanded first (their own failures are yielded as Rejections); their
    entries' title/published/author go into ``meta`` as hints. URLs are deduplicated before
    fetching (fragment ignored) and again after redirects (two URLs landing on the same page).
    ``progress(done, total, item)`` is called from this thread: ``total`` is None while expanding.
    """
    targets: dict[str, dict[str, Any]] = {}

    def add(url: str, hints: dict[str, Any]) -> None:
        key = _key(url)
        if key:
            targets[key] = _merge_hints(targets[key], hints) if key in targets else hints

    for url in urls:
        add(url, {"via": "url"})  # "via", not "source": parse.py reads "source" as the outlet

    with Fetcher(options) as fetcher:
        for feed in feeds:
            if progress:
                progress(0, None, feed)
            found = feed_entries(feed, fetcher=fetcher)
            if isinstance(found, Rejection):
                yield found
                continue
            for entry in found:
                add(entry.url, {"via": "feed", "feed": feed, **entry.hints()})
        for sitemap in sitemaps:
            if progress:
                progress(0, None, sitemap)
            entries, rejections = expand_sitemap(sitemap, fetcher)
            yield from rejections
            for entry in entries:
                add(entry.url, {"via": "sitemap", "sitemap": sitemap, **entry.hints()})

        yield from _fetch_all(fetcher, targets, options, progress)


def _fetch_all(
    fetcher: Fetcher, targets: dict[str, dict[str, Any]], options: FetchOptions, progress: Progress | None
) -> Iterator[RawDocument | Rejection]:
    order = list(targets)
    total = len(order)
    if not total:
        return
    results: dict[int, RawDocument | Rejection] = {}
    landed: dict[str, str] = {}  # final URL -> first item that reached it
    next_out = done = 0
    pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="eventmap-fetch")
    try:
        pending: dict[Future, int] = {
            pool.submit(_fetch_one, fetcher, url, targets[url]): i for i, url in enumerate(order)
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                results[index] = future.result()  # _fetch_one never raises
                done += 1
                if progress:
                    progress(done, total, order[index])
            # Yield in input order as soon as the next one is ready: deterministic output, still streaming.
            while next_out in results:
                out = results.pop(next_out)
                next_out += 1
                if isinstance(out, RawDocument) and out.url:
                    first = landed.setdefault(out.url, out.item)
                    if first != out.item:
                        # A page reached directly can lose to an earlier URL that redirected to it.
                        hop = f"redirects to {out.url}, " if _key(out.url) != _key(out.item) else ""
                        out = Rejection(out.item, "ingest", f"duplicate: {hop}already fetched as {first}")
                yield out
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # an abandoned generator stops queued fetches
