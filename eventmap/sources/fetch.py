"""Polite, safe HTTP fetching for web ingest.

One :class:`Fetcher` holds an httpx client, a per-host throttle, a global concurrency cap, the
robots.txt rules seen so far and an optional on-disk cache. :meth:`Fetcher.fetch` returns a
:class:`FetchResult` or raises :class:`~eventmap.errors.FetchError` whose message is the rejection
reason shown to the user.

SSRF policy (see docs/web-ingest.md): only http/https; every hop of a redirect chain is checked; a
host is refused when *any* address it resolves to is

* always refused: cloud metadata addresses, link-local, multicast, reserved, unspecified;
* refused unless ``allow_private=True``: loopback, private (RFC 1918, ULA) and other non-global ranges.

``allow_hosts`` exempts named hosts, addresses or networks ("127.0.0.1", "10.1.0.0/16",
"wiki.intranet") from every rule but the metadata one, without opening all private space: the
tests reach their server on 127.0.0.1 this way while a redirect to 10.0.0.1 is still refused.

The check runs twice: once on the URL before anything is sent (for a clear message and before
robots.txt is asked), and again inside the transport at connect time, which connects to the very
address it checked. A DNS answer that changes between the two (rebinding) is therefore caught too.
Environment proxies are ignored (``trust_env=False``): a proxy would connect on our behalf, unchecked.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from ..errors import FetchError

USER_AGENT = "eventmap/0.1 (+https://github.com/eventmap/eventmap)"
ROBOTS_AGENT = "eventmap"

Accept = Literal["html", "feed", "sitemap", "robots"]
Progress = Callable[[int, int | None, str], None]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/octet-stream"})
ACCEPT_HEADERS: dict[str, str] = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9",
    "sitemap": "application/xml,text/xml;q=0.9,application/gzip;q=0.5",
    "robots": "text/plain,*/*;q=0.1",
}

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
MAX_CRAWL_DELAY = 60.0

# Addresses that hand out cloud credentials or host control planes. Never fetched, whatever the options.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "168.63.129.16",  # Azure WireServer (a public-range address)
        "192.0.0.192",  # Oracle Cloud (legacy)
    )
)
# Categories that ``allow_private=True`` lets through.
PRIVATE_KINDS = frozenset({"private", "loopback"})
NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch. Times are seconds; sizes are bytes."""

    timeout: float = 20.0  # connect/read/write timeout for one request
    retries: int = 2  # extra attempts after a 429/5xx or a connection failure
    max_bytes: int = 5_000_000  # larger responses are rejected (decoded size, counted while streaming)
    rate_limit_per_host: float = 1.0  # minimum seconds between two requests to the same host
    concurrency: int = 4  # requests in flight at once, over all hosts
    respect_robots: bool = True
    allow_private: bool = False  # allow loopback/private addresses (link-local/metadata: never)
    cache_dir: Path | None = Path(".eventmap-cache")  # None disables the cache
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    backoff: float = 0.5  # first retry waits this long, then doubles
    max_backoff: float = 30.0  # cap on one wait, Retry-After included
    cache_ttl: float = 24 * 3600.0  # a cached response younger than this is used without asking
    max_time: float = 120.0  # wall-clock cap on one response (stops slow-drip servers)
    allow_hosts: frozenset[str] = frozenset()  # host names, IPs or CIDRs exempt from the private rules

    @property
    def policy(self) -> AddressPolicy:
        return AddressPolicy(self.allow_private, frozenset(self.allow_hosts))


@dataclass(frozen=True)
class FetchResult:
    url: str  # as requested (fragment removed)
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str  # media type without parameters, "" when the server sent none
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict, compare=False)  # etag, last-modified, ...
    redirects: tuple[str, ...] = ()  # the URLs that redirected, in order
    from_cache: bool = False
    fetched_at: str = ""  # ISO 8601 UTC


class AddressRefused(FetchError):
    """The host resolves to an address the SSRF policy refuses."""


class HTTPStatusError(FetchError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


# --------------------------------------------------------------------------------------------------
# SSRF guard


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """IPv4 address tunnelled inside an IPv6 one (mapped, NAT64, 6to4, Teredo), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def address_kind(ip: IPAddress) -> str | None:
    """None for an ordinary public address, else why it is special ("private", "cloud metadata", ...)."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return address_kind(inner)
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_link_local:
        return "link-local"
    if ip.is_loopback:
        return "loopback"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private or not ip.is_global:
        return "private"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses may be connected to. Metadata addresses are refused whatever it says."""

    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()

    def _exempt(self, host: str, ip: IPAddress) -> bool:
        ip = ipaddress.ip_address(str(ip).split("%")[0])  # drop an IPv6 %scope before matching
        for entry in self.allow_hosts:
            try:
                if ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                if entry.strip().lower().rstrip(".") == host.lower().rstrip("."):
                    return True
        return False

    def refusal(self, host: str, ip: IPAddress) -> str | None:
        """The rejection message for connecting to ``ip`` (resolved from ``host``), None if allowed."""
        kind = address_kind(ip)
        if kind is None:
            return None
        if kind == "cloud metadata":
            return f"refused: resolves to cloud metadata address {ip}; such addresses are never fetched"
        if self._exempt(host, ip):
            return None
        if kind in PRIVATE_KINDS:
            if self.allow_private:
                return None
            return (f"refused: resolves to {kind} address {ip}; pass --allow-host {host} to allow "
                    "this host (or --allow-private for all private addresses)")
        return f"refused: resolves to {kind} address {ip}; fetched only when listed in allow_hosts"

    def key(self) -> list[Any]:
        """JSON-able form, stored with cached responses."""
        return [self.allow_private, sorted(self.allow_hosts)]


def resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to, as strings (IPv6 may carry a %scope), in resolver order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"DNS lookup failed for {host}: {exc.strerror or exc}") from exc
    except (UnicodeError, OSError) as exc:
        raise FetchError(f"DNS lookup failed for {host}: {exc}") from exc
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    if not seen:
        raise FetchError(f"DNS lookup failed for {host}: no addresses")
    return list(seen)


def checked_addresses(host: str, port: int, policy: AddressPolicy) -> list[str]:
    """Resolve ``host`` and refuse it if *any* address is refused (mixed answers are a known trick)."""
    addresses = resolve(host, port)
    for address in addresses:
        reason = policy.refusal(host, ipaddress.ip_address(address))
        if reason:
            raise AddressRefused(reason)
    return addresses


def check_url(url: str, policy: AddressPolicy) -> None:
    """Refuse non-http(s) URLs and hosts resolving to refused addresses. Sends nothing."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        scheme = parts.scheme or "none"
        raise FetchError(f"unsupported URL scheme {scheme!r} in {url}: only http and https are fetched")
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL {url}: {exc}") from exc
    if not host:
        raise FetchError(f"invalid URL {url}: no host")
    if parts.username or parts.password:
        raise FetchError(f"refused: URL {url} carries credentials")
    checked_addresses(host, port or (443 if parts.scheme == "https" else 80), policy)


class GuardedBackend(httpcore.SyncBackend):
    """Network backend that resolves, checks and then connects to the checked address itself.

    httpcore still uses the URL's host name for TLS (SNI and certificate checks), so https works.
    """

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, self.policy)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose connections go through :class:`GuardedBackend`, no proxies."""

    def __init__(self, policy: AddressPolicy, max_connections: int = 10) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the network backend; swap the pool it built for one that has.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=GuardedBackend(policy),
        )


# --------------------------------------------------------------------------------------------------
# Politeness


class HostThrottle:
    """Minimum interval between requests to one host; each caller reserves the next free slot."""

    def __init__(self, interval: float) -> None:
        self.interval = max(0.0, interval)
        self._next: dict[str, float] = {}
        self._extra: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_interval(self, host: str, seconds: float) -> None:
        with self._lock:
            self._extra[host] = seconds

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + max(self.interval, self._extra.get(host, 0.0))
        if start > now:
            time.sleep(start - now)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# --------------------------------------------------------------------------------------------------
# Cache


class DiskCache:
    """Responses by URL: ``<dir>/<sha256[:2]>/<sha256>.json`` (metadata) and ``.body`` (bytes)."""

    def __init__(self, root: Path, ttl: float) -> None:
        self.root = Path(root)
        self.ttl = ttl

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def get(self, url: str) -> tuple[dict[str, Any], bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or len(body) != meta.get("size"):
            return None  # hash collision or a torn write: treat as absent
        return meta, body

    def is_fresh(self, meta: dict[str, Any]) -> bool:
        return time.time() - float(meta.get("stored", 0)) < self.ttl

    def put(self, url: str, meta: dict[str, Any], body: bytes) -> None:
        meta_path, body_path = self._paths(url)
        meta = {**meta, "url": url, "size": len(body), "stored": time.time()}
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((body_path, body), (meta_path, json.dumps(meta).encode("utf-8"))):
                tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)  # atomic: readers see the old or the new file, never half
        except OSError:
            pass  # a cache that cannot be written only costs a refetch next time


# --------------------------------------------------------------------------------------------------
# Fetcher


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.strip().partition("=")
        if name.lower() == "charset" and val:
            charset = val.strip("\"' ").lower()
    return media.strip().lower(), charset


def _type_allowed(accept: Accept, media: str, url: str) -> bool:
    if accept == "robots" or not media:
        return True  # no Content-Type: let the parser decide (sniffed for HTML below)
    if accept == "html":
        return media in HTML_TYPES
    if media in XML_TYPES or media.endswith("+xml"):
        return True
    return accept == "sitemap" and media in GZIP_TYPES and urlsplit(url).path.endswith(".gz")


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class Fetcher:
    """Fetch URLs politely and safely. Thread-safe: share one across a thread pool.

    ``transport`` replaces the guarded transport (tests only: the pre-send URL check still runs).
    """

    def __init__(self, options: FetchOptions | None = None, *, transport: httpx.BaseTransport | None = None):
        self.options = options or FetchOptions()
        opts = self.options
        self._client = httpx.Client(
            transport=transport or GuardedTransport(opts.policy, max(4, opts.concurrency * 2)),
            timeout=httpx.Timeout(opts.timeout),
            follow_redirects=False,  # followed by hand so every hop is checked
            trust_env=False,
            headers={"User-Agent": opts.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._throttle = HostThrottle(opts.rate_limit_per_host)
        self._slots = threading.BoundedSemaphore(max(1, opts.concurrency))
        self._cache = DiskCache(opts.cache_dir, opts.cache_ttl) if opts.cache_dir else None
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> rules, or why unreadable
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public ------------------------------------------------------------------------------------

    def fetch(self, url: str, accept: Accept = "html") -> FetchResult:
        """Fetch one URL; raise FetchError with a user-facing reason when it cannot be used."""
        url = urldefrag(url.strip())[0]
        opts = self.options
        policy = opts.policy
        check_url(url, policy)
        cached = self._cache.get(url) if self._cache else None
        if cached and cached[0].get("policy") not in (AddressPolicy().key(), policy.key()):
            cached = None  # fetched under another, looser policy than the one asked for now
        if cached and self._cache and self._cache.is_fresh(cached[0]):
            return self._from_cache(url, *cached)

        current, redirects = url, []
        for _hop in range(opts.max_redirects + 1):
            if redirects:
                try:
                    check_url(current, policy)
                except FetchError as exc:  # say it was a redirect: the item itself is a harmless URL
                    raise type(exc)(f"{exc} (redirected from {redirects[-1]} to {current})") from exc
            if opts.respect_robots and accept != "robots":
                self._check_robots(current)
            # Revalidate only a cached response that was not itself the end of a redirect chain.
            validators = cached[0] if cached and not cached[0].get("redirects") and not redirects else None
            status, headers, body = self._request(current, accept, validators)
            if status in REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location header at {current}")
                target = urldefrag(urljoin(current, location.strip()))[0]
                if target == current or target in redirects or target == url:
                    raise FetchError(f"redirect loop: {current} redirects back to {target}")
                redirects.append(current)
                current = target
                continue
            if status == 304 and cached and self._cache:
                self._cache.put(url, cached[0], cached[1])  # refreshes the stored time
                return self._from_cache(url, *cached)
            media, charset = _media_type(headers.get("content-type"))
            if accept == "html" and not media and not _looks_like_html(body):
                raise FetchError("not HTML: the server sent no Content-Type and the body is not HTML")
            kept = {k: headers[k] for k in ("content-type", "etag", "last-modified", "date") if k in headers}
            result = FetchResult(
                url=url,
                final_url=current,
                status=status,
                content=body,
                content_type=media,
                charset=charset,
                headers=kept,
                redirects=tuple(redirects),
                fetched_at=_now_iso(),
            )
            if self._cache:
                meta = {
                    "final_url": current,
                    "status": status,
                    "content_type": media,
                    "charset": charset,
                    "headers": kept,
                    "redirects": redirects,
                    "fetched_at": result.fetched_at,
                    "policy": policy.key(),
                }
                self._cache.put(url, meta, body)
            return result
        raise FetchError(f"too many redirects: more than {opts.max_redirects} (max_redirects) from {url}")

    # -- internals ---------------------------------------------------------------------------------

    def _from_cache(self, url: str, meta: dict[str, Any], body: bytes) -> FetchResult:
        return FetchResult(
            url=url,
            final_url=meta.get("final_url", url),
            status=int(meta.get("status", 200)),
            content=body,
            content_type=meta.get("content_type", ""),
            charset=meta.get("charset"),
            headers=dict(meta.get("headers", {})),
            redirects=tuple(meta.get("redirects", ())),
            from_cache=True,
            fetched_at=meta.get("fetched_at", ""),
        )

    def _request(
        self, url: str, accept: Accept, validators: dict[str, Any] | None
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET with retries. Returns (status, lower-cased headers, body); body empty for 3xx."""
        opts = self.options
        host = _host_key(url)
        headers = {"Accept": ACCEPT_HEADERS[accept]}
        if validators:
            if etag := validators.get("headers", {}).get("etag"):
                headers["If-None-Match"] = etag
            if modified := validators.get("headers", {}).get("last-modified"):
                headers["If-Modified-Since"] = modified
        attempts = max(0, opts.retries) + 1
        wait: float | None = None
        for attempt in range(attempts):
            if attempt:
                delay = wait if wait is not None else opts.backoff * 2 ** (attempt - 1)
                time.sleep(min(delay, opts.max_backoff))
            wait = None
            self._throttle.wait(host)
            try:
                with self._slots, self._client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status in RETRY_STATUSES and attempt + 1 < attempts:
                        wait = _retry_after(response.headers.get("retry-after"))
                        continue
                    resp_headers = {k.lower(): v for k, v in response.headers.items()}
                    if status in REDIRECT_STATUSES or status == 304:
                        return status, resp_headers, b""
                    if status >= 400 or status < 200:
                        tries = f" (after {attempt + 1} attempts)" if attempt else ""
                        phrase = response.reason_phrase or ""
                        raise HTTPStatusError(f"HTTP {status} {phrase}".rstrip() + tries, status)
                    media, _ = _media_type(resp_headers.get("content-type"))
                    if not _type_allowed(accept, media, url):
                        what = {"html": "HTML", "feed": "a feed", "sitemap": "a sitemap"}[accept]
                        raise FetchError(f"not {what}: content type {media}")
                    limit = MAX_ROBOTS_BYTES if accept == "robots" else opts.max_bytes
                    return status, resp_headers, self._read_capped(response, limit)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if attempt + 1 < attempts:
                    continue
                if isinstance(exc, httpx.ConnectTimeout):
                    raise FetchError(f"timed out connecting to {host} after {opts.timeout:g} s") from exc
                raise FetchError(f"could not connect to {host}: {exc}") from exc
            except httpx.TimeoutException as exc:
                # A read timeout is not retried: a slow server should not get more of our time.
                raise FetchError(f"timed out after {opts.timeout:g} s waiting for {url}") from exc
            except httpx.DecodingError as exc:
                raise FetchError(f"cannot decode the response body (Content-Encoding): {exc}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"HTTP error from {url}: {type(exc).__name__}: {exc}") from exc
        raise AssertionError("unreachable")  # the last attempt always returns or raises

    def _read_capped(self, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too big: Content-Length {int(declared)} bytes exceeds the limit of {limit}")
        deadline = time.monotonic() + self.options.max_time
        chunks, size = [], 0
        # iter_bytes yields *decoded* bytes, so a gzip bomb is stopped at the limit too.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"too big: more than {limit} bytes (max_bytes)")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out: body took longer than {self.options.max_time:g} s (max_time)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        origin = _host_key(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt request per origin, even with many threads
            parser = self._robots.get(origin)
            if parser is None:
                parser = self._robots[origin] = self._load_robots(origin)
        if isinstance(parser, str):
            raise FetchError(parser)
        if not parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(
                f"disallowed by robots.txt ({origin}/robots.txt); "
                "set respect_robots=False only if you have the site's permission"
            )

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            result = self.fetch(f"{origin}/robots.txt", accept="robots")
        except HTTPStatusError as exc:
            # RFC 9309: 4xx means "no rules"; 5xx means "assume everything is disallowed".
            if exc.status >= 500:
                return f"robots.txt at {origin} answered {exc}; not fetching from this site"
            parser.parse([])
            return parser
        except FetchError as exc:
            # Unreachable robots.txt: do not guess that crawling is welcome.
            return f"robots.txt at {origin} could not be read ({exc}); not fetching from this site"
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._throttle.set_interval(origin, min(float(delay), MAX_CRAWL_DELAY))
        return parser


def fetch_url(url: str, options: FetchOptions | None = None, accept: Accept = "html") -> FetchResult:
    """Fetch one URL with a throwaway :class:`Fetcher` (for scripts; reuse a Fetcher for many)."""
    with Fetcher(options) as fetcher:
        return fetcher.fetch(url, accept)
