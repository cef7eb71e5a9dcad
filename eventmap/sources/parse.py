"""RawDocument -> Article: decode, read metadata, split title and body, find the publication date.

Metadata precedence: what came with the document (front matter, sidecar JSON, JSONL fields, feed
hints) > what the HTML page says (trafilatura/htmldate) > the date in its URL's path > a dateline
at the top of the text ("4 October 2013, 18:07 GMT"; ``sources.dates``) > what the text says ("As
of today, December 3rd", inferred) > nothing. ``published_source`` records which one won.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlparse

from ..models import UNKNOWN_OUTLET, Article, RawDocument, Rejection, stable_id
from .clean import clean_text, dateline_place
from .dates import dateline_date, url_date, wire_dateline_day

TOO_SHORT = "too short to be an article"  # the reason's start; the CLI's summary says how to keep them
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_RE = "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
# "As of today, December 3rd" / "Today, March 21" / "as of December 3, 2024"
_TODAY = re.compile(
    rf"\b(?:as of today|as of|today(?: is)?)[,\s]+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?",
    re.I,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ENGLISH_STOPWORDS = frozenset(
    "the of and to in a is that for on with as was by it at from are be this have has an not or "
    "but his her they their its were which will been said would who more after than also".split()
)
_META_KEYS = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "pubdate", "publication_date"),
    "author": ("author", "byline", "authors"),
}


class Unreadable(ValueError):
    """The document's bytes are not an article; the message is the rejection reason."""


def _pick(meta: dict, field: str) -> str | None:
    for key in _META_KEYS[field]:
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value).strip()
    return None


def decode(content: bytes) -> str:
    if not content.strip():
        raise Unreadable("empty file")
    head = content[:4096]
    if b"\x00" in head:
        raise Unreadable("binary file (contains NUL bytes), not text")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"not UTF-8 (invalid byte 0x{content[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > 0.05 * min(len(text), 4096):
        raise Unreadable("binary file (mostly control characters), not text")
    return unicodedata.normalize("NFC", text)


def normalize_date(value: str | None) -> str | None:
    """Accept ISO dates and datetimes ("2025-03-15T08:00:00Z"); return YYYY-MM-DD or None."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def infer_published(text: str) -> str | None:
    """Date the text gives for itself: "As of today, December 3rd" + the latest year it mentions."""
    match = _TODAY.search(text)
    if not match:
        return None
    month_word, day, year = match.groups()
    month = next(v for k, v in _MONTHS.items() if k.startswith(month_word.lower()[:3]))
    if year is None:
        years = [int(y) for y in _YEAR.findall(text) if int(y) <= date.today().year]
        if not years:
            return None
        year = max(years)
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def english_ratio(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())
    return sum(w in _ENGLISH_STOPWORDS for w in words) / len(words) if words else 0.0


def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def split_title(text: str) -> tuple[str, str]:
    lines = text.strip().splitlines()
    if not lines:
        return "", ""
    title = lines[0].lstrip("# ").strip()
    return title, "\n".join(lines[1:]).strip()


# A timestamp with fractional seconds ("2025-11-02T19:20:44.000Z", as BBC pages write
# article:published_time) is one htmldate (1.11) cannot read: it then falls back to the first date
# in the body, which can be a related story's ("Published 31 October"). The fraction says nothing
# about the day: it is dropped before the page is read.
_FRACTION = re.compile(r"(?<=\dT\d\d:\d\d:\d\d)\.\d{1,9}(?=Z|[+-]\d\d:?\d\d|[\"'])")


def _html_fields(html: str, url: str | None) -> dict:
    import trafilatura  # heavy import: only when HTML is actually ingested

    html = _FRACTION.sub("", html)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        raise Unreadable("no article text found in the HTML page (trafilatura extracted nothing)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    title = (data.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        text = rest
    published, year = data.get("date"), None
    if published and published.endswith("-01-01"):
        # htmldate's wide search turns a page's bare year ("(c) 2026" in its footer) into 1 January:
        # no day at all, which would date every "on Tuesday" of the page to the turn of the year.
        # Kept only if the page's own date fields say it; else the year alone, for a wire dateline.
        from htmldate import find_date

        if find_date(html, extensive_search=False) != published:
            published, year = None, int(published[:4])
    return {
        "title": title,
        "text": text,
        "outlet": data.get("sitename") or data.get("hostname"),
        "published": published,
        "year": year,
        "author": data.get("author"),
        "url": data.get("url"),
    }


def build_article(
    item: str,
    *,
    text: str,
    title: str,
    meta: dict,
    path: str | None,
    url: str | None,
    html_meta: dict | None = None,
    min_words: int = 20,
    clean: bool = True,
) -> Article:
    """The one place every input kind becomes an Article: chrome is removed here (``clean``), before
    the length and language checks, so a page that is only chrome is rejected as too short."""
    html_meta = html_meta or {}
    title = _pick(meta, "title") or title or html_meta.get("title") or ""
    raw_text = text  # the dateline is read before chrome removal, which may drop the stamp line
    removed = 0
    dateline = None
    cut: list[str] = []  # the wire datelines cut from the lead
    if clean:
        cleaned = clean_text(text, title=title or None)
        text, removed = cleaned.text, cleaned.count
        cut = [r.text for r in cleaned.removed if r.family == "dateline" and r.partial]
        dateline = next((place for r in cut if (place := dateline_place(r))), None)
    words = len(text.split())
    if words < min_words:
        raise Unreadable(f"{TOO_SHORT} ({words} words, minimum {min_words})")
    if english_ratio(text) < 0.12:
        raise Unreadable("not English (too few common English words); eventmap reads English news")
    url = _pick(meta, "url") or url or html_meta.get("url")
    published, source = normalize_date(_pick(meta, "published")), "metadata"
    if published is None and html_meta.get("published"):
        published, source = normalize_date(html_meta["published"]), "html"
    if published is None:
        published, source = url_date(url), "url"
    if published is None:
        published, source = dateline_date(raw_text), "dateline"
    if published is None:
        year = html_meta.get("year")
        published, source = next((day for r in cut if (day := wire_dateline_day(r, year))), None), "dateline"
    if published is None:
        published, source = infer_published(text), "inferred"
    if published is None:
        source = "none"
    outlet = _pick(meta, "outlet") or html_meta.get("outlet") or outlet_from_url(url) or UNKNOWN_OUTLET
    title = " ".join((title or text.split("\n", 1)[0][:120]).split())  # nbsp, repeated spaces
    # The id hashes the cleaned text: the same input always cleans the same way, so rebuilds keep ids.
    key = url or f"{path or item}\x1f{' '.join(text.split())}"
    return Article(
        id=stable_id("art", key),
        title=title,
        text=text,
        outlet=outlet,
        path=path,
        url=url,
        author=_pick(meta, "author") or html_meta.get("author"),
        published=published,
        published_source=source,
        language="en",
        removed_lines=removed,
        dateline=dateline,
    )


def parse_document(doc: RawDocument, *, min_words: int = 20,
                   clean: bool = True) -> Iterator[Article | Rejection]:
    """One RawDocument gives one Article, several (JSONL), or a Rejection with the reason.

    ``clean`` removes page chrome from the text of every kind (``sources.clean``)."""
    try:
        raw = decode(doc.content)
        if doc.content_type == "jsonl":
            yield from _parse_jsonl(doc, raw, min_words, clean)
            return
        if doc.content_type == "json":
            yield from _parse_json(doc, raw, min_words, clean)
            return
        if doc.content_type == "html":
            fields = _html_fields(raw, doc.url)
            yield build_article(
                doc.item,
                text=fields["text"],
                title=fields["title"],
                meta=doc.meta,
                path=doc.path,
                url=doc.url,
                html_meta=fields,
                min_words=min_words,
                clean=clean,
            )
            return
        front, body = split_front_matter(raw)
        meta = {**doc.meta, **front}
        title, text = split_title(body)
        given = " ".join((_pick(meta, "title") or "").split())
        if clean and given and " ".join(title.split()).startswith(given + " "):
            # The first line is the given title glued to the lead ("Tram derails near station A tram
            # carrying 60 people ...", as some corpora store pages): keep the line, clean_text cuts
            # the title off it.
            text = body.strip().lstrip("# ")
        yield build_article(
            doc.item,
            text=text,
            title=title,
            meta=meta,
            path=doc.path,
            url=doc.url,
            min_words=min_words,
            clean=clean,
        )
    except Unreadable as exc:
        yield Rejection(doc.item, "ingest", str(exc))


def _from_record(doc: RawDocument, item: str, record: object, min_words: int, clean: bool) -> Article:
    if not isinstance(record, dict):
        raise Unreadable("JSON article must be an object with at least a 'text' field")
    text = _pick(record, "text")
    if not text:
        raise Unreadable("JSON article has no 'text' (or 'body'/'content') field")
    return build_article(
        item,
        text=text,
        title=_pick(record, "title") or "",
        meta={**doc.meta, **record},
        path=doc.path,
        url=None,
        min_words=min_words,
        clean=clean,
    )


def _parse_json(doc: RawDocument, raw: str, min_words: int, clean: bool) -> Iterator[Article | Rejection]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, start=1):
        item = doc.item if len(records) == 1 else f"{doc.item}#{n}"
        try:
            yield _from_record(doc, item, record, min_words, clean)
        except Unreadable as exc:
            yield Rejection(item, "ingest", str(exc))


def _parse_jsonl(doc: RawDocument, raw: str, min_words: int, clean: bool) -> Iterator[Article | Rejection]:
    first_line: dict[str, int] = {}  # article id -> line: a repeated line would vanish into the first
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{doc.item}#{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(item, "ingest", f"line {n} is not valid JSON ({exc.msg})")
            continue
        try:
            article = _from_record(doc, item, record, min_words, clean)
        except Unreadable as exc:
            yield Rejection(item, "ingest", str(exc))
            continue
        if article.id in first_line:
            yield Rejection(item, "ingest", f"duplicate of line {first_line[article.id]} in this file "
                            "(same text and URL); kept once")
            continue
        first_line[article.id] = n
        yield article
