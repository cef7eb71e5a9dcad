"""Fetching against a local fixture server on 127.0.0.1 (no other address is ever contacted)."""

from __future__ import annotations

import ipaddress
import socket
import sys
import time
import uuid
from pathlib import Path

import pytest

from eventmap.errors import FetchError
from eventmap.models import RawDocument, Rejection
from eventmap.sources.fetch import (
    USER_AGENT,
    AddressPolicy,
    Fetcher,
    FetchOptions,
    address_kind,
    check_url,
)
from eventmap.sources.web import fetch_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "web"))
from fixture_server import FixtureServer, record_connects, stop_recording  # noqa: E402

LOOPBACK = {"127.0.0.1", "::1"}


@pytest.fixture(scope="module")
def server():
    with FixtureServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def only_loopback():
    """Every test: no socket in this process may connect anywhere but loopback."""
    record_connects()
    yield
    connects = stop_recording()
    strays = [a for a in connects if isinstance(a, tuple) and a and a[0] not in LOOPBACK]
    assert not strays, f"connection attempted to non-loopback addresses: {strays}"


def opts(tmp_path: Path, **changes) -> FetchOptions:
    base = dict(
        timeout=0.3,
        retries=2,
        backoff=0.01,
        max_backoff=0.05,
        rate_limit_per_host=0.0,
        max_bytes=200_000,
        allow_hosts=frozenset({"127.0.0.1"}),
        cache_dir=tmp_path / "cache",
    )
    base.update(changes)
    return FetchOptions(**base)


def fetch(server: FixtureServer, tmp_path: Path, path: str, **changes):
    with Fetcher(opts(tmp_path, **changes)) as fetcher:
        return fetcher.fetch(server.base + path)


def reason(server: FixtureServer, tmp_path: Path, path: str, **changes) -> str:
    with pytest.raises(FetchError) as info:
        fetch(server, tmp_path, path, **changes)
    return str(info.value)


# -- address policy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address,kind",
    [
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_address_kind(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_policy_allow_private_never_opens_metadata_or_link_local():
    loose = AddressPolicy(allow_private=True)
    assert loose.refusal("h", ipaddress.ip_address("10.0.0.1")) is None
    assert loose.refusal("h", ipaddress.ip_address("127.0.0.1")) is None
    assert "link-local" in loose.refusal("h", ipaddress.ip_address("169.254.1.1"))
    assert "metadata" in loose.refusal("h", ipaddress.ip_address("169.254.169.254"))
    strict = AddressPolicy()
    assert strict.refusal("h", ipaddress.ip_address("10.0.0.1")) == (
        "refused: resolves to private address 10.0.0.1; pass --allow-host h"
        " to allow this host (or --allow-private for all private addresses)"
    )


def test_policy_allow_hosts_is_narrow():
    policy = AddressPolicy(allow_hosts=frozenset({"127.0.0.1", "wiki.intranet", "169.254.169.254"}))
    assert policy.refusal("x", ipaddress.ip_address("127.0.0.1")) is None
    assert policy.refusal("wiki.intranet", ipaddress.ip_address("10.9.9.9")) is None
    assert "private" in policy.refusal("x", ipaddress.ip_address("10.0.0.1"))
    # metadata cannot be allowed at all
    assert "metadata" in policy.refusal("x", ipaddress.ip_address("169.254.169.254"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.html", "gopher://x/", "//x/a", "a.html"]
)
def test_non_http_schemes_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, AddressPolicy())


def test_credentials_in_url_refused():
    with pytest.raises(FetchError, match="credentials"):
        check_url("http://user:pw@127.0.0.1/", AddressPolicy(allow_private=True))


# -- SSRF through redirects and DNS ------------------------------------------------------------------


def test_redirect_to_private_address_refused_before_connecting(server, tmp_path):
    assert reason(server, tmp_path, "/to-private") == (
        "refused: resolves to private address 10.0.0.1; pass --allow-host 10.0.0.1"
        " to allow this host (or --allow-private for all private addresses)"
        f" (redirected from {server.base}/to-private to http://10.0.0.1/)"
    )
    connects = [a for a in stop_recording() if isinstance(a, tuple)]
    assert connects and all(a[0] in LOOPBACK for a in connects)  # the recorder works, and saw only loopback


@pytest.mark.parametrize("path", ["/to-metadata", "/to-metadata-v6"])
def test_redirect_to_metadata_refused_even_with_allow_private(server, tmp_path, path):
    message = reason(server, tmp_path, path, allow_private=True)
    assert message.startswith("refused: resolves to cloud metadata address")


def test_redirect_to_ftp_refused(server, tmp_path):
    assert "only http and https" in reason(server, tmp_path, "/to-ftp")


def test_loopback_refused_by_default(server, tmp_path):
    message = reason(server, tmp_path, "/articles/article-01.html", allow_hosts=frozenset())
    assert message == ("refused: resolves to loopback address 127.0.0.1; pass --allow-host 127.0.0.1"
                       " to allow this host (or --allow-private for all private addresses)")


def _fake_dns(monkeypatch, answers):
    """Make chosen host names resolve to given addresses; each answer list is used in turn."""
    real = socket.getaddrinfo
    calls: dict[str, int] = {}

    def fake(host, port, *args, **kwargs):
        if host in answers:
            n = calls[host] = calls.get(host, 0) + 1
            options = answers[host]
            ips = options[min(n, len(options)) - 1]
            return [
                (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                for ip in ips
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


def test_hostname_resolving_to_private_address_refused(monkeypatch, tmp_path):
    _fake_dns(monkeypatch, {"evil.test": [["10.0.0.1"]], "meta.test": [["169.254.169.254"]]})
    with Fetcher(opts(tmp_path, allow_hosts=frozenset())) as fetcher:
        with pytest.raises(FetchError, match="private address 10.0.0.1; pass --allow-host evil.test"):
            fetcher.fetch("http://evil.test/news.html")
        with pytest.raises(FetchError, match="cloud metadata"):
            fetcher.fetch("http://meta.test/latest/meta-data")


def test_mixed_dns_answer_refused(monkeypatch, server, tmp_path):
    _fake_dns(monkeypatch, {"mixed.test": [["127.0.0.1", "10.0.0.1"]]})
    with Fetcher(opts(tmp_path)) as fetcher, pytest.raises(FetchError, match="10.0.0.1"):
        fetcher.fetch(f"http://mixed.test:{server.server_address[1]}/articles/article-01.html")


def test_dns_rebinding_caught_at_connect_time(monkeypatch, server, tmp_path):
    # First answer (the pre-send check) is harmless, the second (at connect) points elsewhere.
    calls = _fake_dns(monkeypatch, {"rebind.test": [["127.0.0.1"], ["10.0.0.1"]]})
    port = server.server_address[1]
    with Fetcher(opts(tmp_path, respect_robots=False)) as fetcher:
        with pytest.raises(FetchError, match="private address 10.0.0.1"):
            fetcher.fetch(f"http://rebind.test:{port}/articles/article-01.html")
    assert calls["rebind.test"] == 2


def test_allow_private_reaches_loopback_by_name(monkeypatch, server, tmp_path):
    _fake_dns(monkeypatch, {"intranet.test": [["127.0.0.1"]]})
    port = server.server_address[1]
    with Fetcher(opts(tmp_path, allow_private=True, allow_hosts=frozenset())) as fetcher:
        result = fetcher.fetch(f"http://intranet.test:{port}/articles/article-02.html")
    assert result.content == server.page("articles/article-02.html")


# -- ordinary fetching --------------------------------------------------------------------------------


def test_fetch_article(server, tmp_path):
    result = fetch(server, tmp_path, "/articles/article-01.html")
    assert result.content == server.page("articles/article-01.html")
    assert (result.status, result.content_type, result.charset) == (200, "text/html", "utf-8")
    assert result.final_url == server.base + "/articles/article-01.html"
    assert server.requests_for("/articles/article-01.html")[-1]["user-agent"] == USER_AGENT


def test_redirect_chain_every_hop_recorded(server, tmp_path):
    result = fetch(server, tmp_path, "/redirect/3")
    assert result.final_url == server.base + "/articles/article-01.html"
    assert result.redirects == tuple(server.base + f"/redirect/{n}" for n in (3, 2, 1))


def test_redirect_loop(server, tmp_path):
    assert reason(server, tmp_path, "/loop/a").startswith("redirect loop")


def test_redirect_limit(server, tmp_path):
    assert reason(server, tmp_path, "/redirect/4", max_redirects=3).startswith("too many redirects")
    assert fetch(server, tmp_path, "/redirect/3", max_redirects=3).status == 200


def test_timeout(server, tmp_path):
    start = time.monotonic()
    assert reason(server, tmp_path, "/slow").startswith("timed out after 0.3 s")
    assert time.monotonic() - start < 1.2  # read timeouts are not retried


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_too_big(server, tmp_path, path):
    assert reason(server, tmp_path, path).startswith("too big")


def test_404(server, tmp_path):
    assert reason(server, tmp_path, "/no-such-page.html") == "HTTP 404 Not Found"


def test_500_then_200_is_retried(server, tmp_path):
    path = f"/flaky/{uuid.uuid4().hex}"
    assert fetch(server, tmp_path, path).status == 200
    assert len(server.requests_for(path)) == 2


def test_429_retry_after(server, tmp_path):
    path = f"/busy/{uuid.uuid4().hex}"
    assert fetch(server, tmp_path, path).status == 200
    assert len(server.requests_for(path)) == 2


def test_persistent_500_gives_up(server, tmp_path):
    before = len(server.requests_for("/always-500"))
    assert (
        reason(server, tmp_path, "/always-500", retries=2)
        == "HTTP 500 Internal Server Error (after 3 attempts)"
    )
    assert len(server.requests_for("/always-500")) - before == 3


def test_connection_refused_is_retried_then_reported(tmp_path):
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with Fetcher(opts(tmp_path, respect_robots=False)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(f"http://127.0.0.1:{port}/a.html")
    assert str(info.value).startswith("could not connect to http://127.0.0.1")


def test_not_html(server, tmp_path):
    assert reason(server, tmp_path, "/report.pdf") == "not HTML: content type application/pdf"


def test_missing_content_type_is_sniffed(server, tmp_path):
    assert fetch(server, tmp_path, "/no-type").content.startswith(b"<!DOCTYPE html>")


def test_bad_content_encoding(server, tmp_path):
    assert "cannot decode" in reason(server, tmp_path, "/bad-gzip.html")


# -- robots.txt -----------------------------------------------------------------------------------------


def test_robots_disallow(server, tmp_path):
    assert reason(server, tmp_path, "/private/secret.html").startswith("disallowed by robots.txt")
    assert reason(server, tmp_path, "/to-robots-blocked").startswith("disallowed by robots.txt")
    result = fetch(server, tmp_path, "/private/secret.html", respect_robots=False)
    assert b"Secret" in result.content


def test_robots_fetched_once_per_site(server, tmp_path):
    before = len(server.requests_for("/robots.txt"))
    with Fetcher(opts(tmp_path, cache_dir=None)) as fetcher:
        for n in (1, 2, 3):
            fetcher.fetch(f"{server.base}/articles/article-{n:02d}.html")
    assert len(server.requests_for("/robots.txt")) - before == 1


# -- politeness and cache ------------------------------------------------------------------------------


def test_rate_limit_per_host(server, tmp_path):
    paths = [f"/articles/article-{n:02d}.html" for n in (4, 5, 6)]
    with Fetcher(opts(tmp_path, cache_dir=None, rate_limit_per_host=0.15, respect_robots=False)) as fetcher:
        for path in paths:
            fetcher.fetch(server.base + path)
    times = [t for p, t in server.times if p in paths][-3:]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.13 for gap in gaps), gaps


def test_cache_avoids_refetch(server, tmp_path):
    path = "/articles/article-07.html"
    first = fetch(server, tmp_path, path)
    count = len(server.requests_for(path))
    second = fetch(server, tmp_path, path)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content == first.content and second.final_url == first.final_url
    assert len(server.requests_for(path)) == count
    assert any((tmp_path / "cache").rglob("*.body"))


def test_cache_revalidates_with_etag(server, tmp_path):
    first = fetch(server, tmp_path, "/etag.html", cache_ttl=0)
    second = fetch(server, tmp_path, "/etag.html", cache_ttl=0)
    assert second.from_cache and second.content == first.content
    assert server.requests_for("/etag.html")[-1].get("if-none-match") == '"v1"'


# -- fetch_documents ---------------------------------------------------------------------------------


def test_fetch_documents_never_raises_and_keeps_order(server, tmp_path):
    urls = [
        server.base + "/articles/article-01.html",
        server.base + "/articles/article-01.html#comments",  # same page: fetched once
        server.base + "/redirect/2",  # lands on article-01 again: reported as a duplicate
        server.base + "/to-private",
        server.base + "/no-such-page.html",
        server.base + "/report.pdf",
        "not a url",
        "ftp://example.org/x.html",
        server.base + "/articles/article-02.html",
    ]
    seen = []
    out = list(fetch_documents(urls, options=opts(tmp_path), progress=lambda *a: seen.append(a)))
    assert [o.item for o in out] == [u for u in urls if not u.endswith("#comments")]
    docs = [o for o in out if isinstance(o, RawDocument)]
    assert [d.url for d in docs] == [
        server.base + "/articles/article-01.html",
        server.base + "/articles/article-02.html",
    ]
    assert all(d.content_type == "html" and d.meta["status"] == 200 for d in docs)
    assert docs[0].content == server.page("articles/article-01.html")
    rejected = {o.item: o.reason for o in out if isinstance(o, Rejection)}
    assert all(r.stage == "ingest" for r in out if isinstance(r, Rejection))
    assert rejected[server.base + "/redirect/2"].startswith("duplicate")
    assert rejected[server.base + "/to-private"].endswith("to http://10.0.0.1/)")
    assert rejected[server.base + "/no-such-page.html"] == "HTTP 404 Not Found"
    assert rejected["not a url"].startswith("unsupported URL scheme")
    assert seen[-1][:2] == (8, 8) and sorted(s[0] for s in seen) == list(range(1, 9))
