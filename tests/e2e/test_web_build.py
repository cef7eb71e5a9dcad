"""Web ingest end to end: feeds served on 127.0.0.1 build a map; SSRF redirects are refused before any
connection; a WARC of the same pages builds the same map; the CLI flags reach the fetcher.

Network safety: the fixture server listens on 127.0.0.1 only, builds reach it through
``allow_hosts=["127.0.0.1"]`` (never ``allow_private``, which would let the 10.0.0.1 redirect connect),
and an audit hook records every ``socket.connect`` so a test fails if anything else is ever dialled.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventmap import api
from eventmap.cli import main
from eventmap.config import load_settings
from eventmap.models import stable_id
from eventmap.pipeline.context import Inputs, Progress
from eventmap.stages.ingest import fetch_options, fetch_progress

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "web"))
from fixture_server import FixtureServer, record_connects, stop_recording  # noqa: E402

pytestmark = pytest.mark.slow

LOOPBACK = {"127.0.0.1", "::1"}
ARTICLES = [f"articles/article-{n:02d}.html" for n in range(1, 21)]


@contextlib.contextmanager
def recorded_connects():
    """Yield the list of addresses connected to inside the block (filled in when it ends)."""
    seen: list[object] = []
    record_connects()
    try:
        yield seen
    finally:
        seen.extend(a for a in stop_recording() if isinstance(a, tuple))


def strays(connects: list) -> list:
    return [a for a in connects if a[0] not in LOOPBACK]


def settings_for(root: Path, **changes):
    # No cache shared between builds (a cached page would hide a fetch), no politeness delays.
    base = dict(db=str(root / "eventmap.db"), fetch_cache="", rate_limit=0.0, fetch_timeout=2.0,
                fetch_retries=0)
    return load_settings(root / "no-such.toml", **{**base, **changes})


def export_of(out: Path) -> dict:
    return json.loads((out / "eventmap.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server():
    with FixtureServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def feed_build(server, tmp_path_factory):
    """Both fixture feeds (RSS: articles 1-12, Atom: 9-20) plus URLs that must each be refused."""
    root = tmp_path_factory.mktemp("feed")
    bad = {name: server.base + path for name, path in [
        ("private", "/to-private"), ("metadata", "/to-metadata"), ("metadata6", "/to-metadata-v6"),
        ("duplicate", "/redirect/2"), ("missing", "/no-such-page.html"), ("robots", "/private/secret.html"),
        ("pdf", "/report.pdf"),
    ]}
    stderr = io.StringIO()
    with recorded_connects() as connects, contextlib.redirect_stderr(stderr):
        summary = api.build(list(bad.values()), feeds=[server.base + "/feed.rss", server.base + "/feed.atom"],
                            settings=settings_for(root), out=root / "out", allow_hosts=["127.0.0.1"],
                            progress=True)
    return {"summary": summary, "export": export_of(root / "out"), "out": root / "out", "bad": bad,
            "server_base": server.base,
            "connects": connects, "stderr": stderr.getvalue()}


def test_feed_of_20_articles_builds_a_map(feed_build, server) -> None:
    export, summary = feed_build["export"], feed_build["summary"]
    urls = [server.base + "/" + name for name in ARTICLES]
    assert summary.stats["articles"] == export["stats"]["articles"] == 20
    assert export["stats"]["unique_articles"] == 20
    assert sorted(a["url"] for a in export["articles"]) == urls
    for article in export["articles"]:
        # Web pages have no file: the URL identifies them, and their id is the hash of that URL.
        assert article["path"] is None and article["id"] == stable_id("art", article["url"])
        assert article["outlet"] == server.base.removeprefix("http://")  # the host, not "feed"
        assert article["published"] == f"2024-05-{article['url'][-7:-5]}"
        # The feed's date wins over the page's, except for article 1: /redirect/2 reached it first,
        # without the feed's hints (input URLs come before feed entries).
        assert article["published_source"] == ("html" if article["url"] == urls[0] else "metadata")
    by_url = {a["url"]: a for a in export["articles"]}
    assert by_url[urls[14]]["title"] == "Drought restrictions lifted"
    assert by_url[urls[14]]["published"] == "2024-05-15"
    assert export["stats"]["events"] > 0 and export["events"]
    assert all(set(e["articles"]) <= set(by_url[u]["id"] for u in urls) for e in export["events"])
    briefing = (feed_build["out"] / "briefing.md").read_text(encoding="utf-8")
    assert f"({urls[0]})" in briefing  # the source list cites the page's URL


def test_ssrf_redirects_are_refused_before_connecting(feed_build, server) -> None:
    bad = feed_build["bad"]
    reasons = {item: reason for item, stage, reason in feed_build["summary"].rejections}
    assert reasons[bad["private"]] == (
        "refused: resolves to private address 10.0.0.1; pass --allow-host 10.0.0.1"
        " to allow this host (or --allow-private for all private addresses)"
        f" (redirected from {bad['private']} to http://10.0.0.1/)"
    )
    for key in ("metadata", "metadata6"):
        assert reasons[bad[key]].startswith("refused: resolves to cloud metadata address"), reasons[bad[key]]
        assert "never fetched" in reasons[bad[key]] and "redirected from" in reasons[bad[key]]
    # The redirects really were served (so the hop was reached) ...
    assert server.requests_for("/to-private") and server.requests_for("/to-metadata")
    # ... and nothing but loopback was ever dialled: not the target, not its robots.txt.
    assert feed_build["connects"], "the connect recorder saw nothing; it is not working"
    assert strays(feed_build["connects"]) == []


def test_every_other_failure_is_a_rejection_row_and_the_rest_continues(feed_build) -> None:
    bad, export = feed_build["bad"], feed_build["export"]
    rows = {r["item"]: r for r in export["rejections"]}
    first = f"{feed_build['server_base']}/{ARTICLES[0]}"
    # Each bad URL once, nothing else rejected; /redirect/2 landed on article 1 before the feed's entry.
    assert set(rows) == {*bad.values(), first} - {bad["duplicate"]}
    assert all(r["stage"] == "ingest" and r["reason"] for r in rows.values())
    assert rows[first]["reason"] == f"duplicate: already fetched as {bad['duplicate']}"
    assert rows[bad["missing"]]["reason"] == "HTTP 404 Not Found"
    assert rows[bad["robots"]]["reason"].startswith("disallowed by robots.txt")
    assert rows[bad["pdf"]]["reason"] == "not HTML: content type application/pdf"
    assert export["stats"]["rejected"] == len(rows) == len(bad)


def test_progress_shows_fetch_counts(feed_build, server) -> None:
    lines = feed_build["stderr"].splitlines()
    assert f"  fetch: reading {server.base}/feed.rss" in lines
    assert "  fetch: 27/27" in lines  # 20 articles + 7 bad URLs; the last count always shows


def _write_warc(path: Path, server: FixtureServer) -> None:
    """The 20 fixture pages as a crawler would have archived them, under the URLs they are served at."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name in ARTICLES:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"{server.base}/{name}", "response", payload=io.BytesIO(server.page(name)),
                http_headers=headers))


def test_warc_of_the_same_pages_builds_the_same_map(feed_build, server, tmp_path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _write_warc(crawl / "fixture.warc.gz", server)
    with recorded_connects() as connects:
        api.build([crawl], settings=settings_for(tmp_path), out=tmp_path / "out", progress=False)
    assert connects == []  # reading a WARC is offline
    warc, feed = export_of(tmp_path / "out"), feed_build["export"]

    assert warc["stats"]["articles"] == 20 and warc["rejections"] == []
    assert all(a["path"] == "fixture.warc.gz" for a in warc["articles"])

    def articles(export: dict) -> list[tuple]:
        return sorted((a["id"], a["url"], a["title"], a["outlet"], a["published"], a["author"])
                      for a in export["articles"])

    def events(export: dict) -> list[tuple]:
        return sorted((e["id"], e["summary"], json.dumps(e["time"], sort_keys=True), tuple(e["articles"]))
                      for e in export["events"])

    def entities(export: dict) -> list[tuple]:
        return sorted((e["id"], e["name"], e["type"], tuple(e["aliases"])) for e in export["entities"])

    assert articles(warc) == articles(feed)  # same ids: both are hashes of the same URLs
    assert events(warc) == events(feed) and events(feed)
    assert entities(warc) == entities(feed)
    assert warc["links"] == feed["links"]


def test_settings_reach_the_fetcher(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTMAP_ROBOTS", "false")
    settings = load_settings(tmp_path / "none.toml", fetch_max_mb=0.5, fetch_cache="", rate_limit=3.0,
                             fetch_timeout=7.0, fetch_retries=1, fetch_concurrency=2)
    opts = fetch_options(settings, Inputs(allow_hosts=("127.0.0.1",)))
    assert (opts.max_bytes, opts.cache_dir, opts.rate_limit_per_host) == (500_000, None, 3.0)
    assert (opts.timeout, opts.retries, opts.concurrency, opts.respect_robots) == (7.0, 1, 2, False)
    assert (opts.allow_private, opts.allow_hosts) == (False, frozenset({"127.0.0.1"}))
    defaults = fetch_options(load_settings(tmp_path / "none.toml", robots=True), Inputs())
    assert defaults.cache_dir == Path(".eventmap-cache") and defaults.respect_robots
    assert defaults.allow_hosts == frozenset()


def test_fetch_progress_lines(capsys) -> None:
    report = fetch_progress(Progress(every=3600))
    report(0, None, "http://127.0.0.1/feed.rss")
    report(1, 3, "a")  # shown: the first count
    report(2, 3, "b")  # throttled
    report(3, 3, "c")  # the last always shows
    assert capsys.readouterr().err.splitlines() == [
        "  fetch: reading http://127.0.0.1/feed.rss", "  fetch: 1/3", "  fetch: 3/3"]
    quiet = fetch_progress(Progress(enabled=False))
    quiet(0, None, "x")
    quiet(1, 1, "x")
    assert capsys.readouterr().err == ""


def _cli(tmp_path: Path, *args: str) -> int:
    return main(["build", *args, "--db", str(tmp_path / "m.db"), "--out", str(tmp_path / "out"),
                 "--fetch-cache", "", "--rate-limit", "0", "--fetch-retries", "0", "-q"])


def test_cli_allow_host_and_no_robots(server, tmp_path, capsys) -> None:
    robots_before = len(server.requests_for("/robots.txt"))
    url = f"{server.base}/{ARTICLES[0]}"
    with recorded_connects() as connects:
        code = _cli(tmp_path, url, server.base + "/to-private", "--allow-host", "127.0.0.1", "--no-robots")
    assert code == 0 and strays(connects) == []
    printed = capsys.readouterr().out
    assert "1 rejected" in printed and "private address 10.0.0.1" in printed
    export = export_of(tmp_path / "out")
    assert [a["url"] for a in export["articles"]] == [url]
    assert len(server.requests_for("/robots.txt")) == robots_before  # --no-robots: never asked


def test_cli_refuses_loopback_unless_allowed(server, tmp_path, capsys) -> None:
    url = f"{server.base}/{ARTICLES[1]}"
    with recorded_connects() as connects:
        code = _cli(tmp_path, url)
    assert code != 0 and connects == []  # refused before anything was sent
    err = capsys.readouterr().err
    assert "no articles could be read" in err
    assert ("refused: resolves to loopback address 127.0.0.1; pass --allow-host 127.0.0.1 to allow this host"
            in err)


def test_cli_allow_private_opens_loopback(server, tmp_path) -> None:
    # By design --allow-private opens loopback *and* all private space (a local mirror, an intranet).
    # So this test gives it only a plain loopback page: no redirect here could lead anywhere else.
    url = f"{server.base}/{ARTICLES[2]}"
    with recorded_connects() as connects:
        assert _cli(tmp_path, url, "--allow-private") == 0
    assert connects and strays(connects) == []
    assert [a["url"] for a in export_of(tmp_path / "out")["articles"]] == [url]


def test_docs_name_only_real_flags_and_settings() -> None:
    from eventmap.cli import make_parser
    from eventmap.config import setting_help

    docs = (Path(__file__).resolve().parents[2] / "docs" / "web-ingest.md").read_text(encoding="utf-8")
    build = make_parser()._subparsers._group_actions[0].choices["build"]  # type: ignore[union-attr]
    known = {s for a in build._actions for s in a.option_strings}
    section = docs.split("## On the command line", 1)[1].split("\n## ", 1)[0]
    flags = set(re.findall(r"(--[a-z][a-z-]+)", section))
    assert {"--allow-host", "--no-robots", "--fetch-cache", "--rate-limit"} <= flags
    assert flags <= known, flags - known
    settings = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    assert settings and settings <= set(setting_help()), settings - set(setting_help())
