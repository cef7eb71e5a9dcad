"""Read HTML pages out of WARC files (web archives made by wget, Heritrix, browsertrix, warcio).

Only ``response`` records for a 200 with an HTML content type become documents. Everything else
(requests, metadata, revisits, images, redirects) is skipped silently: a crawl holds far more of
those than articles, and none of them is an article that went missing. An HTML response whose body
cannot be decoded (broken chunking or gzip) is a rejection, and so is a file that is not a WARC.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from ..models import RawDocument, Rejection
from .fetch import HTML_TYPES, _media_type

DEFAULT_MAX_BYTES = 20_000_000


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def read_warc(
    path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejection]:
    """Yield a RawDocument per archived HTML page in ``path`` (``.warc`` or ``.warc.gz``).

    ``item`` is ``<path relative to root>#<byte offset of the record>``, so a rejection points at the
    exact record; ``path`` is the WARC file itself relative to ``root``.
    """
    rel = _relative(Path(path), Path(root))
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in finally; the generator may be abandoned
    except OSError as exc:
        yield Rejection(item=rel, stage="ingest", reason=f"cannot read WARC file: {exc.strerror or exc}")
        return
    try:
        if not _looks_like_warc(stream):
            yield Rejection(item=rel, stage="ingest", reason="not a readable WARC file: no WARC/ARC header")
            return
        records = ArchiveIterator(stream, arc2warc=True)
        count = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                where = f"after {count} records" if count else "at the start"
                yield Rejection(item=rel, stage="ingest", reason=f"not a readable WARC file ({where}): {exc}")
                return
            count += 1
            doc = _document(record, rel, records, max_bytes)
            if doc is not None:
                yield doc
    finally:
        stream.close()


def _looks_like_warc(stream: BinaryIO) -> bool:
    """warcio reads almost any bytes as broken records without complaint; check the magic first."""
    head = stream.read(4096)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc:"))


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, limit + 1)
    if not inflater.eof and not inflater.unconsumed_tail and len(out) <= limit:
        raise ValueError("truncated compressed data")
    return out


def _payload(record, max_bytes: int) -> bytes:
    """The HTTP body, de-chunked and with its Content-Encoding undone, strictly.

    warcio's content_stream() quietly returns the raw bytes when gzip fails; we would rather say so.
    Chunking stays lenient (warcio's fallback) because crawlers often store de-chunked bodies under a
    ``Transfer-Encoding: chunked`` header.
    """
    headers = record.http_headers
    stream = record.raw_stream
    if "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        stream = ChunkedDataReader(stream)
    data = stream.read(max_bytes + 1)
    codings = [c.strip().lower() for c in (headers.get_header("Content-Encoding") or "").split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, 16 + zlib.MAX_WBITS, max_bytes)
        elif coding == "deflate":
            try:
                data = _inflate(data, zlib.MAX_WBITS, max_bytes)
            except zlib.error:
                data = _inflate(data, -zlib.MAX_WBITS, max_bytes)  # raw deflate, as some servers send
        else:
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
    return data


def _document(record, rel: str, records: ArchiveIterator, max_bytes: int) -> RawDocument | Rejection | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    media, charset = _media_type(record.http_headers.get_header("Content-Type"))
    if status != "200" or media not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        content, error = _payload(record, max_bytes), None
    except (ValueError, OSError, zlib.error) as exc:
        content, error = b"", exc
    # Only now: asking for the offset makes warcio skip to the end of the record.
    offset = records.get_record_offset()
    item = f"{rel}#{offset}"
    if error is not None:
        return Rejection(
            item=item, stage="ingest", reason=f"WARC record for {url} cannot be decoded: {error}"
        )
    if len(content) > max_bytes:
        return Rejection(
            item=item, stage="ingest", reason=f"too big: WARC record for {url} exceeds {max_bytes} bytes"
        )
    meta = {
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
        "warc_offset": offset,
        "status": 200,
        "http_content_type": media,
        "charset": charset,
        "via": "warc",  # not "source": parse.py reads that key as the outlet
    }
    return RawDocument(
        item=item,
        content=content,
        content_type="html",
        path=rel,
        url=url,
        meta={k: v for k, v in meta.items() if v is not None},
    )
