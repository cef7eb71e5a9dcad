"""The store as the ``eventmap/1`` JSON document (DESIGN.md): the contract other tools read.

Fields may be added here; the documented ones must never change meaning.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, NamedTuple

from ..config import Settings
from ..models import UNKNOWN_OUTLET, Event
from ..nlp.main_event import Frame
from ..nlp.salience import rank_signals, salient_layer, title_terms
from ..store.codec import loads
from ..store.sqlite import Store
from .jsontext import Raw, dump_indented
from .parts import (
    DYNAMIC_KEYS,
    Entry,
    EventPart,
    KeptDynamic,
    Lookups,
    ReportRow,
    code_key,
    digest,
    event_entries,
    make_part,
    write_entries,
)

SCHEMA = "eventmap/1"
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def publication_time(day: str) -> dict[str, Any]:
    """An undated main event happened, in nearly all cases, on or just before its article's day:
    that day, approximate, and said to come from the publication date, never from the text."""
    return {"value": day, "start": day, "end": day, "granularity": "day", "approximate": True,
            "mod": None, "type": "DATE", "text": None, "source": "publication"}


def sort_key(e: Event) -> tuple:
    return (e.time is None or not e.time.start, e.time.start if e.time and e.time.start else "",
            e.id)


# Which events the stages read whole, given every event's ranking fields and the disagreements
# (``briefing.pool_ids``); None: all of them.
WholeEvents = Callable[[list[dict[str, Any]], list[dict[str, Any]]], set[str] | None]


@dataclass(frozen=True)
class WorkingExport:
    """The export as summarize and render read it, and every event's entry in eventmap.json.

    ``export`` holds whole only the events those stages read whole (the salient layer, the
    briefing's pool); every other event has its ranking fields, ``articles`` and ``storyline``.
    ``entries`` are all events' entries, encoded (``dump_export`` writes them)."""

    export: dict[str, Any]
    entries: list[Entry]
    reused: int  # parts kept from the last export
    encoded: int  # parts made anew
    # the events the briefing reads (``briefing.pool_ids``), in order: the working export chose them
    pooled: list[dict[str, Any]] | None = None
    # event id -> the compact JSON of its static half, for the salient layer (``map_html.write_map``)
    statics: dict[str, str] = dataclasses.field(default_factory=dict)


def build_export(store: Store, map_events: int = Settings.map_events) -> dict[str, Any]:
    """The whole map; ``map_events``: how many of the most salient events the map opens on."""
    return _build(store, map_events, None, reuse=False, keep=False).export


def working_export(store: Store, map_events: int, whole: WholeEvents, *, reuse: bool) -> WorkingExport:
    """The export for summarize and render (see ``WorkingExport``), from the event parts kept in the
    store where they still stand (``reuse``: an add) and kept there for the next add."""
    return _build(store, map_events, whole, reuse=reuse, keep=True)


def dump_export(work: WorkingExport, fp: BinaryIO) -> None:
    """eventmap.json (``fp`` binary): ``dump_indented`` of the whole export, its events written from
    their encoded entries' bytes where the rest's text leaves a mark for them."""
    dump_indented({**work.export, "events": Raw(_EVENTS)}, _Spliced(fp, work.entries))


_EVENTS = "\x00events\x00"  # no JSON text holds a NUL (json writes it \u0000)


class _Spliced:
    """A text file over ``fp`` that writes the events' entries at the mark (a ``Raw`` string is
    one of ``dump_indented``'s pieces, never cut between two writes)."""

    def __init__(self, fp: BinaryIO, entries: list[Entry]) -> None:
        self.fp, self.entries = fp, entries

    def write(self, text: str) -> None:
        if _EVENTS in text:
            before, after = text.split(_EVENTS)
            self.fp.write(before.encode("utf-8"))
            write_entries(self.fp, self.entries)
            text = after
        self.fp.write(text.encode("utf-8"))


def _build(store: Store, map_events: int, whole: WholeEvents | None, *, reuse: bool,
           keep: bool) -> WorkingExport:
    articles = store.articles()
    dups = store.duplicates()
    links = store.links()
    entities = store.entity_fields()  # (id, name, type, aliases, lat, lon, mentions)
    info = {x[0]: (x[1], x[2]) for x in entities}
    places = {x[0] for x in entities if x[2] in PLACE_TYPES}
    parses = store.title_parses()
    titles = {a.id: title_terms(a.title, parses.get(a.id)) for a in articles}
    published = {a.id: a.published for a in articles}
    look = Lookups(titles, published, info, {i: name for i, (name, _) in info.items()}, places)
    got = _event_parts(store, look, reuse=reuse, keep=keep)
    ordered = got.ordered

    origin_of = {a.id: dups[a.id].origin if a.id in dups else a.id for a in articles}
    ranking = rank_signals([p.signals for p in ordered], titles, published, origin_of, links,
                           {x[0]: x[6] for x in entities})
    salient = salient_layer(ranking.salience, map_events)
    # The day an undated main event is given: the earliest publication among the articles it leads.
    main_day: dict[str, str] = {}
    main_place: dict[str, str] = {}  # an unplaced main event: where its article's lead says it is
    for article, event in ranking.main_event.items():
        day = published.get(article)
        if day and (event not in main_day or day < main_day[event]):
            main_day[event] = day
        if article in ranking.lead_place:
            main_place.setdefault(event, ranking.lead_place[article])

    # Each event's fields that the whole map decides (``export.parts``), inline: every event, every
    # add. An undated main event takes its day (few events lead an article: that test first).
    salience, features, origins = ranking.salience, ranking.features, ranking.origins
    dynamics = [{
        "id": p.id,
        "time": publication_time(main_day[p.id])
        if p.id in main_day and (p.time is None or not p.time["start"]) else p.time,
        "salience": salience.get(p.id, 0.0), "salient": p.id in salient,
        "salience_features": features.get(p.id, {}),
        "place": p.place or main_place.get(p.id),
        "place_source": "text" if p.place else "lead" if p.id in main_place else None,
        "independent_sources": origins[p.id],  # rank_signals' count of the event's origins
    } for p in ordered]
    disagreements = [{"event": event, "kind": kind, "events": events, "topic": topic, "claims": claims}
                     for event, kind, events, topic, claims in store.disagreement_fields()]
    if whole is None:
        read = pool = None
    else:
        light = [{**dyn, "articles": list(p.articles), "storyline": p.storyline}
                 for dyn, p in zip(dynamics, ordered, strict=True)]
        pool = whole(light, disagreements)
        read = None if pool is None else pool | salient
    statics, compacts, bodies = _statics(store, got, read, salient, keep=keep)
    events = [{**dyn, **statics[p.id]} if read is None or p.id in read else ev
              for dyn, p, ev in zip(dynamics, ordered, light if read is not None else dynamics, strict=True)]
    # the events the briefing reads (``briefing._pool``), as it would choose them again
    pooled = None if whole is None else events if pool is None else [ev for ev in events if ev["id"] in pool]
    entries = _entries(store, got, dynamics, bodies) if keep else []
    outlets = {a.outlet for a in articles if a.outlet != UNKNOWN_OUTLET}  # a placeholder, not an outlet
    article_story = store.article_stories()
    rejections = store.rejections()
    # A storyline in the order of the times the export shows: an undated main event dated by its
    # article's day (above) moves to that day, as the link stage orders by the stored times.
    start = {ev["id"]: (ev["time"] or {}).get("start") for ev in events}
    export = {
        "schema": SCHEMA,
        "stats": {
            "articles": len(articles), "unique_articles": len(articles) - len(dups),
            "outlets": len(outlets), "independent_origins": len(set(origin_of.values())),
            "events": len(ordered), "salient_events": len(salient), "rejected": len(rejections),
        },
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "path": a.path,
             "author": a.author, "published": a.published, "published_source": a.published_source,
             "duplicate_of": dups[a.id].origin if a.id in dups else None,
             "duplicate_kind": dups[a.id].kind if a.id in dups else None, "removed_lines": a.removed_lines,
             "dateline": a.dateline,
             "story": article_story.get(a.id), "main_event": ranking.main_event.get(a.id),
             **_main_frame(ranking.main_frame.get(a.id), ranking.lead_place.get(a.id), info, a.dateline)}
            for a in articles
        ],
        "entities": [
            {"id": i, "name": name, "type": kind, "aliases": list(aliases),
             "geo": {"lat": lat, "lon": lon} if lat is not None else None, "mentions": mentions}
            for i, name, kind, aliases, lat, lon, mentions in entities
        ],
        "events": events,
        "links": [{"source": lk.source, "target": lk.target, "kind": lk.kind,
                   "evidence": lk.evidence, "article": lk.article, "signal": lk.signal}
                  for lk in links],
        "storylines": [{"id": s.id, "label": s.label,
                        "events": sorted(s.events, key=lambda x: (start.get(x) or "9999", x))}
                       for s in store.storylines()],
        "stories": [{"id": st.id, "label": st.label, "articles": list(st.articles), "events": list(st.events)}
                    for st in store.stories()],
        "disagreements": disagreements,
        "rejections": [dataclasses.asdict(r) for r in rejections],
    }
    return WorkingExport(export, entries, len(ordered) - len(got.made), len(got.made), pooled, compacts)


def _main_frame(frame: Frame | None, lead_place: str | None, info: dict[str, tuple[str, str]],
                dateline: str | None = None) -> dict[str, str | None]:
    """An article's main event as that article tells it (``nlp.main_event``): who, what and where
    in its own words (None where it does not say); where: its own place, else the place its wire
    dateline names ("NEW YORK, June 2 (Reuters) -": where it was reported), else its lead's."""
    place = frame.where if frame is not None and frame.where else \
        dateline or info.get(lead_place or "", (None,))[0]
    return {"main_event_who": frame.who or None if frame is not None else None,
            "main_event_what": frame.what or None if frame is not None else None,
            "main_event_where": place}


class _Parts(NamedTuple):
    ordered: list[EventPart]  # every event's, in the export's order (``sort_key``)
    made: set[str]  # the events whose parts were made anew
    stored: set[str]  # the events whose parts the store held for this code (none: all replaced)
    dynamics: dict[str, KeptDynamic]  # the dynamic halves kept with the store's parts
    touched: bool  # some rows were recorded written since (``Store.export_touched``): to be emptied


def _event_parts(store: Store, look: Lookups, *, reuse: bool, keep: bool) -> _Parts:
    """Every event's part (see ``_Parts``): kept where the store holds it and it still stands
    (``reuse``: an add), else made from its rows (and encoded, ``keep``: ``_entries`` stores it).

    Only the rows of the events written since the parts were kept (``Store.export_touched``) are
    read and compared; an untouched event's row and report rows are those its part was made from."""
    key = code_key()
    kept = {r[0]: r for r in store.export_parts(key)} if reuse else {}
    touched = store.export_touched() if kept else None
    if touched is None:  # every event's row is read and compared
        rows = store.event_rows()
        order = sorted(((eid, start) for eid, start, _ in rows), key=lambda r: (not r[1], r[1] or "", r[0]))
        data = {eid: row for eid, _, row in rows}
    else:
        order = store.event_order()  # in sort_key's order
        data = store.event_data_by_id([eid for eid, _ in order if eid in touched or eid not in kept])
    reports = store.report_rows(None if touched is None else data)
    parts: dict[str, EventPart] = {}
    stale: list[str] = []
    # (id, name, type) of every entity: a part whose references are all among them still reads
    # the same names (most parts; one set operation instead of ``valid``'s loop, per event per add)
    known = {(i, *info) for i, info in look.entities.items()} if kept else set()
    no_reports: list[ReportRow] = []
    for eid, _ in order:
        row = kept.get(eid)
        if row is not None:
            raw = data.get(eid)
            if raw is None:  # untouched: the rows it was made from
                part = EventPart.of_row(*row)
                if known.issuperset(part.refs) or part.valid(part.digest, part.reports, look.entities):
                    parts[eid] = part
                    continue
            elif row[1] == digest(raw):
                part = EventPart.of_row(*row)
                mine = reports.get(eid, no_reports)
                if (known.issuperset(part.refs) and part.reports == tuple(mine)) \
                        or part.valid(part.digest, mine, look.entities):
                    parts[eid] = part
                    continue
        stale.append(eid)
    unread = [eid for eid in stale if eid not in data]  # untouched, naming a renamed entity
    if unread:
        data.update(store.event_data_by_id(unread))
        reports.update(store.report_rows(unread))
    fresh = {eid: loads(Event, data[eid]) for eid in stale}
    mentions = store.event_mentions_by_id([m for e in fresh.values() for m in e.mentions])
    for eid in stale:
        parts[eid] = make_part(fresh[eid], digest(data[eid]), mentions, reports.get(eid, ()), look,
                               encode=keep)
    dynamics = store.export_dynamics(key) if kept else {}
    return _Parts([parts[eid] for eid, _ in order], set(stale), set(kept), dynamics, touched != set())


class _Bodies(NamedTuple):
    new: list[tuple[str, bytes, str | None]]  # (event, its static half decoded (marshal), compact JSON)
    drop: list[str]  # events whose kept static half goes


def _statics(store: Store, got: _Parts, read: set[str] | None, salient: set[str], *, keep: bool) -> tuple[
        dict[str, dict[str, Any]], dict[str, str], _Bodies]:
    """The static half, decoded, of each event read whole (``read``; None: every event): the one a
    part just made holds, else the one the store kept decoded for the last add (marshal's bytes,
    read in well under half the time of decoding the text: ~2,000 events and ~14 MB of text at
    2,000 articles), else its text decoded. With ``keep``, also the compact JSON of the static half
    of each ``salient`` event (the map's head, ``map_html._head_json``), and what is decoded or
    encoded here is kept for the next add (decoded from the text, as a reused part gives it); the
    kept halves of events not read go."""
    kept = store.export_bodies() if keep and got.stored else {}
    out: dict[str, dict[str, Any]] = {}
    compacts: dict[str, str] = {}
    new: list[tuple[str, bytes, str | None]] = []
    no_row: tuple[bytes | None, str | None] = (None, None)
    for p in got.ordered:
        if read is not None and p.id not in read:
            continue
        blob, compact = kept.get(p.id, no_row) if p.id not in got.made else no_row
        fresh = blob is None
        if not fresh:
            body = out[p.id] = marshal.loads(blob)
        elif p.body is not None:
            body = out[p.id] = p.body
            blob = marshal.dumps(json.loads(p.text)) if keep else None
        else:
            body = out[p.id] = json.loads(p.text)
            blob = marshal.dumps(body) if keep else None
        if not keep:
            continue
        if compact is None and p.id in salient:
            compact = _compact(body)
            fresh = fresh or compact is not None
        if compact is not None:
            compacts[p.id] = compact
        if fresh and blob is not None:  # (made above: keep)
            new.append((p.id, blob, compact))
    return out, compacts, _Bodies(new, [eid for eid in kept if eid not in out or eid in got.made])


def _compact(static: dict[str, Any]) -> str | None:
    """A static half's compact JSON as ``map_html.json_for_html`` writes it (before its escapes); None
    where it cannot stand after the dynamic half's keys in an event's text (a key of theirs, a
    non-finite number)."""
    if not static.keys().isdisjoint(DYNAMIC_KEYS):
        return None
    try:
        return json.dumps(static, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    except ValueError:
        return None


def _entries(store: Store, got: _Parts, dynamics: list[dict[str, Any]], bodies: _Bodies) -> list[Entry]:
    """Every event's entry (``parts.event_entries``), keeping in the store the parts made anew, the
    dynamic halves written anew and the static halves decoded anew, for the next add."""
    entries, written = event_entries(dynamics, got.ordered, got.dynamics)
    gone = got.stored - {p.id for p in got.ordered}
    if got.made or gone or written or bodies.new or bodies.drop or got.touched:
        # no part kept (a full export, another code's parts): every row goes, none of theirs may stay
        store.put_export_parts(code_key(), (p.row() for p in got.ordered if p.id in got.made), gone,
                               replace=not got.stored, dynamics=written, bodies=bodies.new,
                               drop_bodies=bodies.drop)
    return entries
