"""The timeline: the days that matter, each with a few cited sentences, from a built store.

Selection lives in ``eventmap.nlp.timeline_select`` (plain records in, ``TimelineEntry`` out); this
module feeds it from the store (stored sentences and normalized times, so no spaCy run) or from an
export dict, numbers the cited articles, and renders Markdown or JSON.

    from eventmap.export.timeline import timeline_from_db, render_markdown
    tl = timeline_from_db("eventmap.db", dates=10, sentences=2)   # or timeline_from_export(export, ...)
    print(render_markdown(tl))      # tl.entries: TimelineEntry(date, sentences=((text, article id), ...))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import StoreError
from ..nlp.timeline_select import (
    TimelineArticle,
    TimelineEntry,
    TimelineSentence,
    assign_days,
    select_timeline,
)
from ..store.sqlite import Store
from .json_export import build_export

SCHEMA = "eventmap-timeline/1"


@dataclass(frozen=True)
class TimelineSource:
    """A cited article; ``n`` is its citation number, ``[n]`` in the Markdown."""

    n: int
    id: str
    title: str
    outlet: str
    published: str | None
    url: str | None
    path: str | None


@dataclass(frozen=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]
    sources: tuple[TimelineSource, ...]
    articles: int  # how many unique articles the timeline was chosen from

    def cite(self, article_id: str) -> int:
        return next(s.n for s in self.sources if s.id == article_id)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def sentence_salience(export: dict[str, Any]) -> dict[tuple[str, int], float]:
    """(article id, sentence start offset) -> the salience of the most salient event told there."""
    out: dict[tuple[str, int], float] = {}
    for event in export.get("events", []):
        sal = float(event.get("salience") or 0.0)
        for m in event.get("mentions", []):
            key = (m["article"], m.get("sentence_start", 0))
            out[key] = max(out.get(key, 0.0), sal)
    return out


def articles_from_store(store: Store, *, salience: bool = True
                        ) -> tuple[list[TimelineArticle], dict[str, dict[str, Any]]]:
    """One record per unique article (syndicated copies would count a day twice) and its metadata.

    With ``salience`` and events in the store, each sentence carries the salience of the most
    salient event it tells (``events[].salience`` of the JSON export; 0 for a sentence that tells
    none), so salient events weigh in on which days and sentences are kept."""
    dups = store.duplicates()
    sal = sentence_salience(build_export(store)) if salience and store.count("events") else None
    records, meta = [], {}
    for a in store.articles():
        if a.id in dups:
            continue
        sentences = store.sentences(a.id)
        if not sentences:
            continue
        days = assign_days([s.start for s in sentences], store.timexes(a.id))
        records.append(TimelineArticle(a.id, _day(a.published), tuple(
            TimelineSentence(s.text, s.index, d, None if sal is None else sal.get((a.id, s.start), 0.0))
            for s, d in zip(sentences, days, strict=True))))
        meta[a.id] = {"title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
                      "path": a.path}
    return records, meta


def articles_from_export(export: dict[str, Any]) -> list[TimelineArticle]:
    """Records from an ``eventmap/1`` export dict, for callers that hold only the export.

    The export keeps event-mention sentences, not whole articles, so this sees fewer sentences than
    :func:`articles_from_store`: each mention sentence, in text order, dated by its mention's event
    when that event's time is one sure day.
    """
    dups = {a["id"] for a in export.get("articles", []) if a.get("duplicate_of")}
    # article -> sentence text -> [first mention offset, days, best salience]; one sentence, one slot
    by_article: dict[str, dict[str, list]] = {}
    for event in export.get("events", []):
        t = event.get("time") or {}
        day = None
        if t.get("granularity") == "day" and not t.get("approximate"):
            day = _day(t.get("value"))
        sal = float(event.get("salience") or 0.0)
        for m in event.get("mentions", []):
            if m["article"] in dups:
                continue
            sents = by_article.setdefault(m["article"], {})
            slot = sents.setdefault(m["sentence"], [m.get("start", 0), set(), 0.0])
            slot[0] = min(slot[0], m.get("start", 0))
            slot[2] = max(slot[2], sal)
            if day is not None:
                slot[1].add(day)
    out = []
    for a in export.get("articles", []):
        sents = by_article.get(a["id"])
        if not sents:
            continue
        ordered = sorted(sents.items(), key=lambda kv: (kv[1][0], kv[0]))
        out.append(TimelineArticle(a["id"], _day(a.get("published")), tuple(
            TimelineSentence(text, i, tuple(sorted(days)), sal)
            for i, (text, (_, days, sal)) in enumerate(ordered))))
    return out


def make_timeline(records: list[TimelineArticle], meta: dict[str, dict[str, Any]], *,
                  dates: int | None, sentences: int | None, start: dt.date | None = None,
                  end: dt.date | None = None, spread: float = Settings.timeline_spread) -> Timeline:
    """Select the timeline (days within start..end) and number its sources in order of first citation.

    ``dates`` / ``sentences`` None: chosen from the corpus (``nlp.timeline_select``)."""
    entries = tuple(select_timeline(records, dates=dates, sentences=sentences, start=start, end=end,
                                    spread=spread))
    numbers: dict[str, int] = {}
    for e in entries:
        for _, article in e.sentences:
            numbers.setdefault(article, len(numbers) + 1)
    sources = tuple(TimelineSource(n, aid, **meta.get(aid, {"title": aid, "outlet": "", "published": None,
                                                           "url": None, "path": None}))
                    for aid, n in numbers.items())
    return Timeline(entries, sources, len(records))


def timeline_from_export(export: dict[str, Any], *, dates: int | None, sentences: int | None,
                         spread: float = Settings.timeline_spread) -> Timeline:
    """The timeline of an export dict (see :func:`articles_from_export` for what it can see)."""
    meta = {a["id"]: {k: a.get(k) for k in ("title", "outlet", "published", "url", "path")}
            for a in export.get("articles", [])}
    return make_timeline(articles_from_export(export), meta, dates=dates, sentences=sentences,
                         spread=spread)


def timeline_from_db(db: str | Path, *, dates: int | None, sentences: int | None,
                     start: dt.date | None = None, end: dt.date | None = None,
                     spread: float = Settings.timeline_spread) -> Timeline:
    """The timeline of a built store; StoreError (with the command to run) if it holds no articles."""
    with Store(db, readonly=True) as store, store.snapshot():
        if store.count("articles") == 0:
            raise StoreError(f"the store {db} holds no articles; build it first with "
                             f"`eventmap build PATH --db {db}`")
        if store.count("annotations") == 0 or store.count("extracted") == 0:
            raise StoreError(f"the store {db} has no parsed and dated sentences yet; finish the build "
                             f"with `eventmap build --from annotate --db {db}`")
        records, meta = articles_from_store(store)
    return make_timeline(records, meta, dates=dates, sentences=sentences, start=start, end=end,
                         spread=spread)


def _clean(text: str) -> str:
    return " ".join(text.split())


def render_markdown(tl: Timeline) -> str:
    lines = ["# Timeline", ""]
    if not tl.entries:
        lines += [f"No dated sentences found in {tl.articles} articles: nothing names a day or "
                  "carries a publication date.", ""]
    for e in tl.entries:
        lines += [f"## {e.date.isoformat()}", ""]
        lines += [f"- {_clean(text)} [{tl.cite(article)}]" for text, article in e.sentences]
        lines.append("")
    if tl.sources:
        lines += ["## Sources", ""]
        for s in tl.sources:
            where = s.url or s.path or s.id
            when = f", {s.published}" if s.published else ""
            outlet = f" ({s.outlet}{when})" if s.outlet else (f" ({s.published})" if s.published else "")
            lines.append(f"[{s.n}] {_clean(s.title)}{outlet}: {where}")
        lines.append("")
    return "\n".join(lines)


def to_json(tl: Timeline) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "articles": tl.articles,
        "dates": [{"date": e.date.isoformat(), "score": e.score,
                   "sentences": [{"text": _clean(text), "article": article, "source": tl.cite(article)}
                                 for text, article in e.sentences]} for e in tl.entries],
        "sources": [s.__dict__ for s in tl.sources],
    }
