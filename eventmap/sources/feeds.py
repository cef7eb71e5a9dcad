"""Expand RSS/Atom feeds and XML sitemaps into article URLs, with per-entry hints.

Parsing is separate from fetching (``parse_feed`` / ``parse_sitemap`` take bytes) so it can be tested
without a network. XML safety: documents that declare entities are refused before any parser sees
them (the defusedxml policy), sitemaps are parsed by lxml with entity resolution, DTD loading and
network access off, and gzip sitemaps are inflated only up to ``max_bytes``.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
from lxml import etree

from ..errors import FetchError
from ..models import Rejection
from .fetch import Fetcher, FetchOptions

MAX_SITEMAPS = 100  # sitemap files read for one --sitemap (an index may list many)
MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset is already unusual
MAX_URLS = 50_000  # the sitemap protocol's own per-file limit

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One article URL found in a feed or sitemap, with what the listing said about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    author: str | None = None
    source: str = ""  # the feed or sitemap URL it was listed in
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def hints(self) -> dict[str, Any]:
        """The meta hints for RawDocument: only the keys that have values."""
        out: dict[str, Any] = {k: v for k, v in self.extra.items() if v}
        for key in ("title", "published", "author"):
            if value := getattr(self, key):
                out[key] = value
        return out


def _refuse_entities(content: bytes, what: str) -> None:
    # UTF-16/32 documents would hide the declaration from a byte search; normalise them first.
    sample = content
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        sample = content.decode(
            "utf-16" if content[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-32", "replace"
        ).encode("utf-8")
    if _ENTITY_DECL.search(sample):
        raise FetchError(f"refused: {what} declares XML entities (entity-expansion risk)")


def _http_url(url: str | None, base: str) -> str | None:
    if not url:
        return None
    absolute = urldefrag(urljoin(base, url.strip()))[0]
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _iso_date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _author(entry: Any) -> str | None:
    # RSS <author> is "email (Name)"; feedparser splits it into author_detail.
    detail = entry.get("author_detail") or {}
    return _clean(detail.get("name")) or _clean(entry.get("author"))


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


# --------------------------------------------------------------------------------------------------
# Feeds


def parse_feed(content: bytes, base_url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS or Atom document (bytes: feedparser never sees a URL, so never fetches)."""
    _refuse_entities(content, "feed")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(
        content, response_headers=headers, resolve_relative_uris=True, sanitize_html=True
    )
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ": it lists no entries"
        if parsed.get("version"):
            return []  # a well-formed feed that is simply empty
        raise FetchError(f"not an RSS/Atom feed{detail}")
    feed_author = _author(parsed.feed)
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        url = _http_url(entry.get("link"), base_url)
        if url is None:
            # RSS guid isPermaLink / Atom alternate links when <link> is missing or not http(s)
            candidates = [
                link.get("href") for link in entry.get("links", []) if link.get("rel") == "alternate"
            ]
            candidates.append(entry.get("id"))
            url = next((u for c in candidates if (u := _http_url(c, base_url))), None)
        if url is None:
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            FeedEntry(
                url=url,
                title=_clean(entry.get("title")),
                published=_iso_date(published),
                author=_author(entry) or feed_author,
                source=base_url,
                extra={"feed_title": _clean(parsed.feed.get("title"))},
            )
        )
    return entries


def feed_entries(
    feed_url: str, options: FetchOptions | None = None, fetcher: Fetcher | None = None
) -> list[FeedEntry] | Rejection:
    """Fetch one feed and list its entries, or a Rejection saying why the feed is unusable."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(options)
    try:
        result = fetcher.fetch(feed_url, accept="feed")
        return parse_feed(result.content, result.final_url, result.headers.get("content-type"))
    except FetchError as exc:
        return Rejection(item=feed_url, stage="ingest", reason=f"feed: {exc}")
    except Exception as exc:  # a parser bug must not stop the build
        return Rejection(
            item=feed_url, stage="ingest", reason=f"feed: unexpected {type(exc).__name__}: {exc}"
        )
    finally:
        if own:
            fetcher.close()


def feed_urls(feed_url: str, options: FetchOptions | None = None) -> list[str] | Rejection:
    """Article URLs listed by an RSS/Atom feed, in feed order, deduplicated."""
    entries = feed_entries(feed_url, options)
    if isinstance(entries, Rejection):
        return entries
    return list(dict.fromkeys(e.url for e in entries))


# --------------------------------------------------------------------------------------------------
# Sitemaps


def _inflate(content: bytes, limit: int) -> bytes:
    """gunzip at most ``limit`` bytes (a 1 MB .gz can inflate to gigabytes)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, limit + 1)
    except zlib.error as exc:
        raise FetchError(f"sitemap: broken gzip data: {exc}") from exc
    if len(data) > limit or inflater.unconsumed_tail:
        raise FetchError(f"too big: gzip sitemap inflates to more than {limit} bytes (max_bytes)")
    return data


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_sitemap(
    content: bytes, base_url: str, max_bytes: int = 50_000_000
) -> tuple[list[FeedEntry], list[str]]:
    """(article entries, child sitemap URLs) of a urlset or sitemapindex document, gzip or not."""
    if content[:2] == b"\x1f\x8b":
        content = _inflate(content, max_bytes)
    _refuse_entities(content, "sitemap")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"not a sitemap: invalid XML ({exc})") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(f"not a sitemap: root element is <{kind}>, expected <urlset> or <sitemapindex>")
    entries: list[FeedEntry] = []
    children: list[str] = []
    for node in root:
        fields: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "title", "publication_date") and child.text:
                fields.setdefault(name, child.text.strip())
        url = _http_url(fields.get("loc"), base_url)
        if url is None:
            continue
        if kind == "sitemapindex":
            children.append(url)
        elif len(entries) < MAX_URLS:
            # Google News sitemaps carry a title and a publication date; plain lastmod is not a
            # publication date, so it is passed on under its own name.
            published = fields.get("publication_date", "")[:10] or None
            entries.append(
                FeedEntry(
                    url=url,
                    title=_clean(fields.get("title")),
                    published=published,
                    source=base_url,
                    extra={"lastmod": fields.get("lastmod")},
                )
            )
    return entries, children


def expand_sitemap(url: str, fetcher: Fetcher) -> tuple[list[FeedEntry], list[Rejection]]:
    """All article entries reachable from a sitemap or sitemap index, plus one Rejection per
    sitemap file that could not be read (a broken child does not lose its siblings)."""
    entries: list[FeedEntry] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    queue: list[tuple[str, int]] = [(urldefrag(url)[0], 0)]
    while queue:
        current, depth = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if len(seen) > MAX_SITEMAPS:
            rejections.append(
                Rejection(
                    current,
                    "ingest",
                    f"sitemap: more than {MAX_SITEMAPS} sitemap files; the rest were not read",
                )
            )
            break
        try:
            result = fetcher.fetch(current, accept="sitemap")
            found, children = parse_sitemap(result.content, result.final_url, fetcher.options.max_bytes)
        except FetchError as exc:
            rejections.append(Rejection(current, "ingest", f"sitemap: {exc}"))
            continue
        except Exception as exc:  # never let one odd file stop the build
            rejections.append(
                Rejection(current, "ingest", f"sitemap: unexpected {type(exc).__name__}: {exc}")
            )
            continue
        entries.extend(found)
        if children and depth + 1 > MAX_SITEMAP_DEPTH:
            rejections.append(
                Rejection(
                    current,
                    "ingest",
                    f"sitemap: index nested deeper than "
                    f"{MAX_SITEMAP_DEPTH} levels; its children were not read",
                )
            )
            continue
        queue.extend((child, depth + 1) for child in children if child not in seen)
    return entries, rejections


def sitemap_urls(url: str, options: FetchOptions | None = None) -> list[str] | Rejection:
    """Article URLs from a sitemap or sitemap index (children followed), deduplicated.

    Returns a Rejection only when nothing could be read at all; a broken child sitemap is skipped.
    """
    with Fetcher(options) as fetcher:
        entries, rejections = expand_sitemap(url, fetcher)
    if not entries and rejections:
        return rejections[0]
    return list(dict.fromkeys(e.url for e in entries))
