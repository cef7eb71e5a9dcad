"""RSS/Atom feeds and sitemaps: parsing, expansion, XML safety, and hints reaching RawDocument.meta."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from eventmap.errors import FetchError
from eventmap.models import RawDocument, Rejection
from eventmap.sources.feeds import (
    FeedEntry,
    expand_sitemap,
    feed_entries,
    feed_urls,
    parse_feed,
    parse_sitemap,
    sitemap_urls,
)
from eventmap.sources.fetch import Fetcher, FetchOptions
from eventmap.sources.web import fetch_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "web"))
from fixture_server import SITE, FixtureServer, record_connects, stop_recording  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with FixtureServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def only_loopback():
    record_connects()
    yield
    strays = [a for a in stop_recording() if isinstance(a, tuple) and a and a[0] not in {"127.0.0.1", "::1"}]
    assert not strays, strays


def opts(tmp_path: Path, **changes) -> FetchOptions:
    base = dict(
        timeout=0.5,
        retries=1,
        backoff=0.01,
        rate_limit_per_host=0.0,
        allow_hosts=frozenset({"127.0.0.1"}),
        cache_dir=tmp_path / "cache",
    )
    base.update(changes)
    return FetchOptions(**base)


def article(server: FixtureServer, n: int) -> str:
    return f"{server.base}/articles/article-{n:02d}.html"


def test_rss_feed_urls(server, tmp_path):
    urls = feed_urls(server.base + "/feed.rss", opts(tmp_path))
    assert urls == [article(server, n) for n in range(1, 13)]


def test_rss_entry_hints(server, tmp_path):
    entries = feed_entries(server.base + "/feed.rss", opts(tmp_path))
    first = entries[0]
    assert first.title == "Council approves river bridge"
    assert first.published == "2024-05-01"
    assert first.author == "Jon Reyes"  # from "news@example.org (Jon Reyes)"
    assert first.hints()["feed_title"] == "The Fixture Gazette"


def test_atom_feed_relative_links_resolved(server, tmp_path):
    entries = feed_entries(server.base + "/feed.atom", opts(tmp_path))
    assert [e.url for e in entries] == [article(server, n) for n in range(9, 21)]
    assert (entries[0].published, entries[0].author) == ("2024-05-09", "Lena Fischer")


def test_feed_failures_are_rejections(server, tmp_path):
    missing = feed_urls(server.base + "/missing.rss", opts(tmp_path))
    assert isinstance(missing, Rejection) and missing.reason == "feed: HTTP 404 Not Found"
    not_feed = feed_urls(server.base + "/empty.rss", opts(tmp_path))
    assert isinstance(not_feed, Rejection) and "not an RSS/Atom feed" in not_feed.reason
    html = feed_urls(article(server, 1), opts(tmp_path))
    assert isinstance(html, Rejection) and html.reason == "feed: not a feed: content type text/html"


def test_feed_with_entities_refused():
    doc = (SITE / "entities.xml").read_bytes().replace(b"urlset", b"rss")
    with pytest.raises(FetchError, match="declares XML entities"):
        parse_feed(doc, "http://example.org/feed")


def test_feed_parsing_never_touches_the_network():
    # feedparser treats a *string* as a URL to fetch; parse_feed only ever hands it bytes.
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>/a.html</link></item>
      <item><title>no link</title></item>
      <item><title>mailto</title><link>mailto:x@example.org</link></item>
      <item><title>guid</title><guid isPermaLink="true">http://example.org/b.html</guid></item>
    </channel></rss>"""
    entries = parse_feed(rss, "http://example.org/feed.xml")
    assert [e.url for e in entries] == ["http://example.org/a.html", "http://example.org/b.html"]


def test_sitemap_urls_and_news_hints(server, tmp_path):
    assert sitemap_urls(server.base + "/sitemap.xml", opts(tmp_path)) == [
        article(server, n) for n in range(1, 21)
    ]
    entries, children = parse_sitemap(server.text("sitemap.xml"), server.base + "/sitemap.xml")
    assert children == []
    assert entries[2].hints() == {
        "title": "Library reopens after repairs",
        "published": "2024-05-03",
        "lastmod": "2024-05-03",
    }


def test_sitemap_index_with_gzip_child_loop_and_missing_child(server, tmp_path):
    with Fetcher(opts(tmp_path)) as fetcher:
        entries, rejections = expand_sitemap(server.base + "/sitemap-index.xml", fetcher)
    assert [e.url for e in entries] == [article(server, n) for n in range(1, 21)]
    assert [(r.item, r.reason) for r in rejections] == [
        (server.base + "/missing-sitemap.xml", "sitemap: HTTP 404 Not Found")
    ]


def test_sitemap_entities_refused():
    with pytest.raises(FetchError, match="declares XML entities"):
        parse_sitemap((SITE / "entities.xml").read_bytes(), "http://example.org/sitemap.xml")


def test_sitemap_gzip_bomb_stopped():
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    assert len(bomb) < 20_000
    with pytest.raises(FetchError, match="too big"):
        parse_sitemap(bomb, "http://example.org/s.xml.gz", max_bytes=1_000_000)


def test_sitemap_not_xml():
    with pytest.raises(FetchError, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>", "http://example.org/s.xml")
    with pytest.raises(FetchError, match="not a sitemap"):
        parse_sitemap(b"not xml at all", "http://example.org/s.xml")


def test_sitemap_failure_is_rejection(server, tmp_path):
    result = sitemap_urls(server.base + "/missing-sitemap.xml", opts(tmp_path))
    assert isinstance(result, Rejection) and result.reason == "sitemap: HTTP 404 Not Found"


def test_fetch_documents_expands_feeds_and_sitemaps(server, tmp_path):
    progress = []
    out = list(
        fetch_documents(
            [article(server, 1)],
            feeds=[server.base + "/feed.rss", server.base + "/feed.atom", server.base + "/missing.rss"],
            sitemaps=[server.base + "/sitemap-index.xml"],
            options=opts(tmp_path, concurrency=4),
            progress=lambda *a: progress.append(a),
        )
    )
    docs = [o for o in out if isinstance(o, RawDocument)]
    rejections = [o for o in out if isinstance(o, Rejection)]
    assert sorted(d.url for d in docs) == [article(server, n) for n in range(1, 21)]  # deduplicated
    assert {r.item for r in rejections} == {
        server.base + "/missing.rss",
        server.base + "/missing-sitemap.xml",
    }
    by_url = {d.url: d for d in docs}
    assert by_url[article(server, 1)].meta["via"] == "url"
    assert by_url[article(server, 1)].meta["title"] == "Council approves river bridge"  # hint from the feed
    hinted = by_url[article(server, 15)].meta
    assert (hinted["title"], hinted["published"], hinted["author"]) == (
        "Drought restrictions lifted",
        "2024-05-15",
        "Mira Holt",
    )
    assert hinted["via"] == "feed"
    assert by_url[article(server, 5)].content == server.page("articles/article-05.html")
    assert (None in {p[1] for p in progress}) and progress[-1][:2] == (20, 20)


def test_feed_entry_hints_skip_empty_values():
    assert FeedEntry(url="http://x/", title="T", extra={"feed_title": None}).hints() == {"title": "T"}
