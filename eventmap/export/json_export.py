"""The store as the ``eventmap/1`` JSON document (DESIGN.md): the contract other tools read.

Fields may be added here; the documented ones must never change meaning.
"""

from __future__ import annotations

import dataclasses
import io
from functools import cache
from json.encoder import encode_basestring
from typing import Any, TextIO

from ..config import Settings
from ..models import UNKNOWN_OUTLET, Event, EventMention, Timex
from ..nlp.salience import rank, salient_layer
from ..store.sqlite import Store
from .merge_evidence import evidence_dicts

SCHEMA = "eventmap/1"
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def flat_dict(obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` for a dataclass whose fields hold plain values (str, numbers, None), as
    Quantity and Claim do: the same dict without asdict's recursive deep copy."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


def time_dict(t: Timex | None) -> dict[str, Any] | None:
    if t is None:
        return None
    # A point in time is the interval [start, start]: readers can always compare start and end.
    return {"value": t.value, "start": t.start, "end": t.end or t.start, "granularity": t.granularity,
            "approximate": t.approximate, "mod": t.mod, "type": t.type, "text": t.text, "source": "text"}


def publication_time(day: str) -> dict[str, Any]:
    """An undated main event happened, in nearly all cases, on or just before its article's day:
    that day, approximate, and said to come from the publication date, never from the text."""
    return {"value": day, "start": day, "end": day, "granularity": "day", "approximate": True,
            "mod": None, "type": "DATE", "text": None, "source": "publication"}


def mention_dict(m: EventMention) -> dict[str, Any]:
    return {
        "id": m.id, "article": m.article, "sentence": m.sentence_text,
        "sentence_start": m.sentence_start, "start": m.start, "end": m.end, "trigger": m.trigger,
        "modality": m.modality, "source": m.source,
        "time_text": m.time.text if m.time is not None else None,
        "time_inherited": m.time_inherited, "actors": list(m.actors), "place": m.place,
        "quantities": [flat_dict(q) for q in m.quantities],
    }


def sort_key(e: Event) -> tuple:
    return (e.time is None or not e.time.start, e.time.start if e.time and e.time.start else "",
            e.id)


def build_export(store: Store, map_events: int = Settings.map_events) -> dict[str, Any]:
    """The whole map; ``map_events``: how many of the most salient events the map opens on."""
    articles = store.articles()
    dups = store.duplicates()
    events = sorted(store.events(), key=sort_key)
    # Only the map's mentions: the store keeps every extracted one (most below the map's confidence).
    mentions = store.event_mentions_by_id([m for e in events for m in e.mentions])
    links = store.links()
    entities = store.entities()
    article_story = store.article_stories()
    outlets = {a.outlet for a in articles if a.outlet != UNKNOWN_OUTLET}  # a placeholder, not an outlet
    origins = {dups[a.id].origin if a.id in dups else a.id for a in articles}
    origin_of = {a.id: dups[a.id].origin if a.id in dups else a.id for a in articles}
    ranking = rank(events, mentions, articles, origin_of, links, {e.id: e.mentions for e in entities},
                   {e.id: e.name for e in entities}, {e.id for e in entities if e.type in PLACE_TYPES})
    salient = salient_layer(ranking.salience, map_events)
    published = {a.id: a.published for a in articles}
    # The day an undated main event is given: the earliest publication among the articles it leads.
    main_day: dict[str, str] = {}
    main_place: dict[str, str] = {}  # an unplaced main event: where its article's lead says it is
    for article, event in ranking.main_event.items():
        day = published.get(article)
        if day and (event not in main_day or day < main_day[event]):
            main_day[event] = day
        if article in ranking.lead_place:
            main_place.setdefault(event, ranking.lead_place[article])
    # Report time (when each outlet first reported the event) next to the event's own time.
    reports: dict[str, list[dict[str, str]]] = {}
    for event_id, outlet, article, reported, source in store.event_reports():
        reports.setdefault(event_id, []).append(
            {"outlet": outlet, "article": article, "reported": reported, "source": source})

    entity_names = {x.id: x.name for x in entities}  # for the merge evidence

    def event_dict(e: Event) -> dict[str, Any]:
        ms = [mentions[m] for m in e.mentions if m in mentions]
        undated = e.time is None or not e.time.start
        time = publication_time(main_day[e.id]) if undated and e.id in main_day else time_dict(e.time)
        return {
            "id": e.id, "summary": e.summary, "headline": e.summary, "what": e.what, "class": e.lemma,
            "time": time, "salience": ranking.salience.get(e.id, 0.0), "salient": e.id in salient,
            "salience_features": ranking.features.get(e.id, {}),
            "actors": list(e.actors), "place": e.place or main_place.get(e.id),
            "place_source": "text" if e.place else "lead" if e.id in main_place else None,
            "articles": list(e.articles),
            "outlets": list(e.outlets),
            "independent_sources": len({origin_of.get(a, a) for a in e.articles}),
            "mentions": [mention_dict(m) for m in ms], "storyline": e.storyline,
            "reports": reports.get(e.id, []),
            "first_reported": min((r["reported"] for r in reports.get(e.id, [])), default=None),
            "merge_evidence": evidence_dicts(e.merge_evidence, entity_names),
        }

    return {
        "schema": SCHEMA,
        "stats": {
            "articles": len(articles), "unique_articles": len(articles) - len(dups),
            "outlets": len(outlets), "independent_origins": len(origins), "events": len(events),
            "salient_events": len(salient),
            "rejected": len(store.rejections()),
        },
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "path": a.path,
             "author": a.author, "published": a.published, "published_source": a.published_source,
             "duplicate_of": dups[a.id].origin if a.id in dups else None,
             "duplicate_kind": dups[a.id].kind if a.id in dups else None, "removed_lines": a.removed_lines,
             "story": article_story.get(a.id), "main_event": ranking.main_event.get(a.id)}
            for a in articles
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
             "geo": {"lat": e.lat, "lon": e.lon} if e.lat is not None else None,
             "mentions": e.mentions}
            for e in entities
        ],
        "events": [event_dict(e) for e in events],
        "links": [{"source": lk.source, "target": lk.target, "kind": lk.kind,
                   "evidence": lk.evidence, "article": lk.article, "signal": lk.signal}
                  for lk in links],
        "storylines": [{"id": s.id, "label": s.label, "events": list(s.events)}
                       for s in store.storylines()],
        "stories": [{"id": st.id, "label": st.label, "articles": list(st.articles), "events": list(st.events)}
                    for st in store.stories()],
        "disagreements": [
            {"event": d.event, "kind": d.kind, "events": list(d.events), "topic": d.topic,
             "claims": [flat_dict(c) for c in d.claims]}
            for d in store.disagreements()
        ],
        "rejections": [dataclasses.asdict(r) for r in store.rejections()],
    }


def _float_text(o: float) -> str:
    if o != o:
        return "NaN"
    if o in (float("inf"), float("-inf")):
        return "Infinity" if o > 0 else "-Infinity"
    return float.__repr__(o)


def dump_indented(obj: Any, fp: TextIO) -> None:
    """``json.dump(obj, fp, ensure_ascii=False, indent=1)``: the same text, in about 60% of the time
    and a fraction of the memory.

    With an indent, the json module falls back to its pure-Python generator encoder and joins all of
    its pieces into one string first (at 2,000 articles eventmap.json is ~130 MB of text in tens of
    millions of pieces). This appends the same pieces to a list, writing it out every 64k pieces.
    """
    parts: list[str] = []
    add, enc = parts.append, encode_basestring

    def flush() -> None:
        fp.write("".join(parts))
        parts.clear()

    def value(o: Any, newline: str) -> None:
        if isinstance(o, str):
            add(enc(o))
        elif o is None:
            add("null")
        elif o is True:
            add("true")
        elif o is False:
            add("false")
        elif isinstance(o, int):
            add(int.__repr__(o))
        elif isinstance(o, float):
            add(_float_text(o))
        elif isinstance(o, list | tuple):
            if not o:
                add("[]")
                return
            inner = newline + " "
            sep = "," + inner  # one string per container, as json's encoder does
            add("[" + inner)
            value(o[0], inner)
            for v in o[1:]:
                add(sep)
                value(v, inner)
                if len(parts) > 65536:
                    flush()
            add(newline + "]")
        elif isinstance(o, dict):
            if not o:
                add("{}")
                return
            inner = newline + " "
            sep, first = "," + inner, True
            add("{" + inner)
            for k, v in o.items():
                if first:
                    first = False
                else:
                    add(sep)
                add(enc(k if isinstance(k, str) else _key_text(k)))
                add(": ")
                value(v, inner)
            add(newline + "}")
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    value(obj, "\n")
    flush()


def dumps_indented(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1)`` by ``dump_indented``."""
    out = io.StringIO()
    dump_indented(obj, out)
    return out.getvalue()


def _key_text(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float_text(k)
    if k is True or k is False or k is None:
        return {True: "true", False: "false", None: "null"}[k]
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")

