"""read_warc: a WARC written with warcio from the fixture pages yields the same pages as fetching them."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventmap.models import RawDocument, Rejection
from eventmap.sources.fetch import Fetcher, FetchOptions
from eventmap.sources.warc import read_warc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "web"))
from fixture_server import FixtureServer, record_connects, stop_recording  # noqa: E402


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


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    status: str = "200 OK",
    ctype: str = "text/html",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


@pytest.fixture(scope="module")
def fetched(server, tmp_path_factory):
    """The 20 fixture articles as the fetcher sees them: {url: bytes}."""
    options = FetchOptions(
        timeout=1.0,
        rate_limit_per_host=0.0,
        allow_hosts=frozenset({"127.0.0.1"}),
        cache_dir=tmp_path_factory.mktemp("cache"),
    )
    with Fetcher(options) as fetcher:
        results = [fetcher.fetch(f"{server.base}/articles/article-{n:02d}.html") for n in range(1, 21)]
    return {r.final_url: r.content for r in results}


@pytest.fixture
def crawl(tmp_path, fetched, server) -> Path:
    path = tmp_path / "crawls" / "crawl.warc.gz"
    path.parent.mkdir()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "eventmap tests"}))
        for url, body in fetched.items():
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "127.0.0.1")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            _response(writer, url, body, ctype="text/html; charset=utf-8")
        # Skipped silently: not found, not HTML, redirects, non-response records.
        _response(writer, server.base + "/gone.html", b"<html>gone</html>", status="404 Not Found")
        _response(writer, server.base + "/logo.png", b"\x89PNG....", ctype="image/png")
        _response(writer, server.base + "/moved", b"", status="301 Moved", extra=[("Location", "/x")])
        writer.write_record(
            writer.create_warc_record(
                server.base + "/note.html",
                "resource",
                payload=io.BytesIO(b"<p>x</p>"),
                warc_content_type="text/html",
            )
        )
        # An HTML response whose gzip body is broken: a rejection, not a silent skip.
        _response(
            writer, server.base + "/broken.html", b"definitely not gzip", extra=[("Content-Encoding", "gzip")]
        )
        # A gzip-encoded page that decodes fine.
        _response(
            writer,
            server.base + "/gzipped.html",
            gzip.compress(b"<html><p>zipped</p></html>"),
            extra=[("Content-Encoding", "gzip")],
        )
        # Chunked transfer coding as stored by crawlers that keep the raw stream; br is not supported.
        chunked = b"6\r\n<p>one\r\n8\r\n two</p>\r\n0\r\n\r\n"
        _response(writer, server.base + "/chunked.html", chunked, extra=[("Transfer-Encoding", "chunked")])
        _response(writer, server.base + "/brotli.html", b"\x0b\x02\x80", extra=[("Content-Encoding", "br")])
    return path


def test_read_warc_matches_fetching(crawl, fetched, server):
    out = list(read_warc(crawl, crawl.parent.parent))
    docs = [o for o in out if isinstance(o, RawDocument)]
    rejections = [o for o in out if isinstance(o, Rejection)]
    assert {d.url: d.content for d in docs if d.url in fetched} == fetched
    assert [d.url for d in docs][:20] == list(fetched)  # archive order
    zipped = [d for d in docs if d.url.endswith("/gzipped.html")]
    assert zipped and zipped[0].content == b"<html><p>zipped</p></html>"
    chunked = [d for d in docs if d.url.endswith("/chunked.html")]
    assert chunked and chunked[0].content == b"<p>one two</p>"
    assert len(docs) == 22
    assert [r.item.rsplit("#")[0] for r in rejections] == ["crawls/crawl.warc.gz"] * 2
    assert all(r.stage == "ingest" and "cannot be decoded" in r.reason for r in rejections)
    assert (
        "/broken.html" in rejections[0].reason and "unsupported Content-Encoding 'br'" in rejections[1].reason
    )
    assert rejections[0].item.startswith("crawls/crawl.warc.gz#")


def test_read_warc_record_fields(crawl):
    first = next(o for o in read_warc(crawl, crawl.parent.parent) if isinstance(o, RawDocument))
    assert first.content_type == "html"
    assert first.path == "crawls/crawl.warc.gz"
    name, _, offset = first.item.partition("#")
    assert name == "crawls/crawl.warc.gz" and offset.isdigit() and int(offset) > 0
    assert first.meta["warc_date"].startswith("20")
    assert first.meta["charset"] == "utf-8"
    # The offset points at the record: reading from there gives that same record first.
    with open(crawl, "rb") as fh:
        fh.seek(int(offset))
        from warcio.archiveiterator import ArchiveIterator

        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == first.url


def test_uncompressed_warc(tmp_path, fetched):
    path = tmp_path / "plain.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        url, body = next(iter(fetched.items()))
        _response(writer, url, body)
    (doc,) = read_warc(path, tmp_path)
    assert (doc.item, doc.url, doc.content) == ("plain.warc#0", url, body)


def test_not_a_warc_is_one_rejection(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not a web archive\n" * 10)
    out = list(read_warc(path, tmp_path))
    assert len(out) == 1 and isinstance(out[0], Rejection)
    assert out[0].item == "junk.warc.gz" and "not a readable WARC" in out[0].reason


def test_missing_file_is_rejection(tmp_path):
    (out,) = read_warc(tmp_path / "nope.warc", tmp_path)
    assert isinstance(out, Rejection) and "cannot read WARC file" in out.reason


def test_oversized_record_rejected(tmp_path):
    path = tmp_path / "big.warc"
    with open(path, "wb") as fh:
        _response(WARCWriter(fh, gzip=False), "http://example.org/big.html", b"<p>" + b"x" * 5000 + b"</p>")
    (out,) = read_warc(path, tmp_path, max_bytes=1000)
    assert isinstance(out, Rejection) and out.reason.startswith("too big")
