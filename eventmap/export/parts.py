"""Each event's share of the export that its own rows decide, kept in the store across adds.

An event's entry in ``eventmap.json`` is two halves. The *dynamic* half depends on the whole map:
its salience and whether it is in the salient layer, the publication day an undated main event
gets, the place its article's lead gives it, its independent sources. The *static* half (headline,
mentions with their sentences, reports, merge evidence: nearly all of the bytes) and the event's
salience signals (``nlp.salience.EventSignals``) are a function of the event's row, its mentions'
rows, its report rows, its articles' titles and days and the names and types of the entities it
names, nothing else. ``EventPart`` holds that half encoded, so an ``eventmap add`` re-reads and
re-encodes only the events it touched (``json_export.working_export``).

A part is reused only if every input it was made from is unchanged: the event row (compared by
digest), the report rows and the entity names and types (compared as recorded in the part), and
the code that makes parts (``code_key``). Mention and article rows never change in place: an
article's mentions are written once, and only ``build --from extract`` (or an earlier stage)
rewrites them, which ``Store.clear`` answers by dropping every part.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import sys
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import cache, partial
from itertools import chain
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, BinaryIO, NamedTuple

from ..code_digest import source_digest
from ..models import Event, EventMention, Timex
from ..nlp.salience import EventSignals, MentionSignals, event_signals
from .jsontext import encode_at, entries_text, scalar_text
from .merge_evidence import evidence_dicts

# An event's entry stands in eventmap.json at {"events": [ <here> ]}: its closing brace follows
# this newline, its keys the one after.
EVENT_NEWLINE = "\n  "
_OPEN = "{" + EVENT_NEWLINE + " "

ReportRow = tuple[str, str, str, str]  # (outlet, article, reported, source) of one event
EntityInfo = tuple[str, str]  # (name, type)


class EventPart(NamedTuple):
    """One event's part (see the module docstring); a named tuple: an add reads back one per event."""

    id: str
    digest: str  # of the event's store row
    refs: tuple[tuple[str, str | None, str | None], ...]  # (entity id, name, type) it read
    reports: tuple[ReportRow, ...]
    signals: EventSignals
    time: dict[str, Any] | None  # its own time (``time_dict``)
    place: str | None  # the place its mentions give (entity id)
    articles: tuple[str, ...]
    storyline: str | None
    text: bytes  # the static half, as a dict stands in eventmap.json, UTF-8 (b"" if not encoded)
    body: dict[str, Any] | None = None  # the same, decoded (a part just made)

    def valid(self, digest: str, reports: Sequence[ReportRow], entities: Mapping[str, EntityInfo]) -> bool:
        """Whether this part still stands for the event: same row, reports, entity names and types."""
        return digest == self.digest and tuple(reports) == self.reports and all(
            entities.get(i, (None, None)) == (name, kind) for i, name, kind in self.refs)

    def static(self) -> dict[str, Any]:
        return self.body if self.body is not None else json.loads(self.text)

    def row(self) -> tuple[str, str, bytes, bytes]:
        """(event, digest, data, text) as ``export_parts`` stores it. ``data`` is marshal's: an add
        reads back every event's, and marshal reads tuples back as tuples, in about a third of the
        time of JSON and named tuples made from lists (the code key holds marshal's version)."""
        sg = self.signals
        signals = (sg.id, sg.articles, sg.actors, sg.spec, sg.end, sg.mood, tuple(map(tuple, sg.mentions)),
                   sg.lead_places)
        data = (self.refs, self.reports, signals, self.time, self.place, self.articles, self.storyline)
        return self.id, self.digest, marshal.dumps(data), self.text

    @classmethod
    def of_row(cls, event: str, digest: str, data: bytes, text: bytes) -> EventPart:
        refs, reports, sg, time, place, articles, storyline = marshal.loads(data)
        # the named tuples made by tuple.__new__ itself (their own __new__ and _make are Python
        # functions): an add reads back every event's part and every mention's signals
        mentions = tuple(map(_new_mention, sg[6]))
        signals = _new(EventSignals, (sg[0], sg[1], sg[2], sg[3], sg[4], sg[5], mentions, sg[7]))
        return _new(cls, (event, digest, refs, reports, signals, time, place, articles, storyline, text,
                          None))


_new = tuple.__new__
_new_mention = partial(tuple.__new__, MentionSignals)


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


def mention_dict(m: EventMention) -> dict[str, Any]:
    return {
        "id": m.id, "article": m.article, "sentence": m.sentence_text,
        "sentence_start": m.sentence_start, "start": m.start, "end": m.end, "trigger": m.trigger,
        "modality": m.modality, "source": m.source,
        "time_text": m.time.text if m.time is not None else None,
        "time_inherited": m.time_inherited, "actors": list(m.actors), "place": m.place,
        "quantities": [flat_dict(q) for q in m.quantities], "quoted": m.quoted,
    }


def digest(row: str) -> str:
    return hashlib.blake2b(row.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Lookups:
    """What parts read of other rows: per article its title's terms and day, per entity its name
    and type, and which entities are places."""

    titles: Mapping[str, frozenset[str]]
    published: Mapping[str, str | None]
    entities: Mapping[str, EntityInfo]
    names: Mapping[str, str]
    places: Set[str]


def make_part(e: Event, row_digest: str, mentions: Mapping[str, EventMention], reports: Sequence[ReportRow],
              look: Lookups, *, encode: bool) -> EventPart:
    """The part of ``e`` (see the module docstring); ``encode``: encode its text too (to keep it)."""
    ms = [mentions[m] for m in e.mentions if m in mentions]
    shown = [{"outlet": o, "article": a, "reported": r, "source": s} for o, a, r, s in reports]
    static = {
        "summary": e.summary, "headline": e.summary, "what": e.what, "class": e.lemma,
        "actors": list(e.actors), "articles": list(e.articles), "outlets": list(e.outlets),
        "mentions": [mention_dict(m) for m in ms], "storyline": e.storyline, "reports": shown,
        "first_reported": min((r["reported"] for r in shown), default=None),
        "merge_evidence": evidence_dicts(e.merge_evidence, look.names),
    }
    read = {*e.actors, *(s.value for ev in e.merge_evidence for s in ev.signals)}
    refs = tuple((i, *look.entities.get(i, (None, None))) for i in sorted(read))
    signals = event_signals(e, mentions, look.titles, look.published, look.names, look.places)
    text = encode_at(static, EVENT_NEWLINE).encode("utf-8") if encode else b""
    return EventPart(e.id, row_digest, refs, tuple(reports), signals, time_dict(e.time), e.place,
                     tuple(e.articles), e.storyline, text, static)


_KEY_SEP = "," + EVENT_NEWLINE + " "
_OPEN_BYTES, _KEY_SEP_BYTES = _OPEN.encode(), _KEY_SEP.encode()
# An entry in eventmap.json: its dynamic half's text, then its part's static text (UTF-8 both)
Entry = tuple[bytes, bytes]
KeptDynamic = tuple[bytes, bytes]  # (dynamic_key, UTF-8 text) an entry was last written with


def dynamic_key(d: Mapping[str, Any]) -> bytes | None:
    """What an event's dynamic half is compared by from one add to the next: the digest of marshal's
    bytes at version 2, which writes no back-references, so that equal bytes are equal values of
    the same classes (1, 1.0 and True are written apart, as their JSON texts are). None (never
    equal) for a value marshal cannot write."""
    try:
        return hashlib.blake2b(marshal.dumps(d, 2), digest_size=16).digest()
    except ValueError:
        return None


def event_entries(dynamics: Sequence[Mapping[str, Any]], parts: Sequence[EventPart],
                  kept: Mapping[str, KeptDynamic]) -> tuple[list[Entry], list[tuple[str, bytes, str]]]:
    """Each event's entry (``write_entries`` writes them), and (event, key, text) of each dynamic half
    written anew. A dynamic half is written again only where its values are not those it was last
    written with (``kept``: its key and text then): most events keep their salience, features,
    time and place from one add to the next. A half marshal cannot key is written, never kept."""
    try:  # dynamic_key's, inline: every event, every add
        keys: list[bytes | None] = [_blake2b(marshal.dumps(d, 2), digest_size=16).digest() for d in dynamics]
    except ValueError:  # a value marshal cannot write: that half alone has no key
        keys = list(map(dynamic_key, dynamics))
    fresh = [i for i, (k, p) in enumerate(zip(keys, parts, strict=True))
             if k is None or kept.get(p.id, _NO_KEPT)[0] != k]
    texts = dynamic_texts([dynamics[i] for i in fresh])
    made = dict(zip(fresh, (t.encode("utf-8") for t in texts), strict=True))
    entries = [(made[i] if i in made else kept[p.id][1], p.text) for i, p in enumerate(parts)]
    written = [(parts[i].id, k, t) for i, t in zip(fresh, texts, strict=True) if (k := keys[i]) is not None]
    return entries, written


_NO_KEPT = (None, b"")
_blake2b = hashlib.blake2b


def write_entries(fp: BinaryIO, entries: Sequence[Entry]) -> None:
    """The events' list of eventmap.json (its value, where ``"events": `` leaves it), written from the
    entries' bytes as they are: at 2,000 articles ~120 MB, never decoded or encoded on an add."""
    if not entries:
        fp.write(b"[]")
        return
    skip = len(_OPEN_BYTES)
    sep = ("," + EVENT_NEWLINE).encode()
    fp.write(("[" + EVENT_NEWLINE).encode())
    for start in range(0, len(entries), 2048):
        pieces: list[bytes | memoryview] = []
        for dynamic, static in entries[start:start + 2048]:
            pieces += (sep, _OPEN_BYTES, dynamic, _KEY_SEP_BYTES, memoryview(static)[skip:])
        if not start:
            pieces[0] = b""
        fp.write(b"".join(pieces))
    fp.write((EVENT_NEWLINE[:-1] + "]").encode())


_FLAT = EVENT_NEWLINE + "  "  # where a nested dict's keys stand
DYNAMIC_KEYS = ("id", "time", "salience", "salient", "salience_features", "place", "place_source",
                "independent_sources")
_FLAT_CLASSES = frozenset({str, int, float, bool, type(None)})
_STR_OR_NONE = frozenset({str, type(None)})
_NAMES = itemgetter("id", "place", "place_source")
_NUMBERS = frozenset({int, float, bool})  # equal across classes as dict keys: 1 == 1.0 == True


class _ScalarTexts(dict):
    """Scalar -> its JSON text, made once per value. Only for values of which no two of different
    classes are equal (``_flat_all`` checks): a map repeats a few hundred feature values, days,
    granularities and places across tens of thousands of events."""

    def __missing__(self, v: Any) -> str:
        text = self[v] = scalar_text(v)
        return text


def _entries(keys: Sequence[str], inner: str) -> str:
    """A %-template of the ``"key": value`` entries of a dict whose keys stand after ``inner``."""
    return ("," + inner).join(encode_basestring(k).replace("%", "%%") + ": %s" for k in keys)


def _template(keys: Sequence[str], newline: str) -> str:
    """``_entries`` with the braces, the closing one after ``newline``."""
    return "{" + newline + " " + _entries(keys, newline + " ") + newline + "}"


def _flat_all(dicts: Sequence[dict[str, Any]], newline: str) -> list[str]:
    """Each dict of scalars as ``dump_indented`` writes it where its closing brace follows ``newline``,
    through one template per key order ("{}" for an empty one)."""
    texts = _ScalarTexts() if len(_value_classes(dicts) & _NUMBERS) <= 1 else None
    templates: dict[tuple[str, ...], str] = {}
    out = []
    for d in dicts:
        if not d:
            out.append("{}")
            continue
        keys = tuple(d)
        template = templates.get(keys) or templates.setdefault(keys, _template(keys, newline))
        values = d.values()
        out.append(template % (tuple(map(texts.__getitem__, values)) if texts is not None
                               else tuple(map(scalar_text, values))))
    return out


def dynamic_texts(ds: Sequence[Mapping[str, Any]]) -> list[str]:
    """``entries_text`` of each event's dynamic half (these keys, in this order; no braces), written
    straight: it runs for every event of the map on every add. Anything of another shape takes
    ``entries_text``."""
    if not _plain(ds):
        return [entries_text(dict(d), EVENT_NEWLINE) for d in ds]
    times = iter(_flat_all([d["time"] for d in ds if d["time"] is not None], _FLAT[:-1]))
    features = _flat_all([d["salience_features"] for d in ds], _FLAT[:-1])
    texts = _ScalarTexts()  # strings, None and floats: no two of them are equal
    template = _entries(DYNAMIC_KEYS, EVENT_NEWLINE + " ")
    return [template % (
        encode_basestring(d["id"]), "null" if d["time"] is None else next(times), texts[d["salience"]],
        "true" if d["salient"] else "false", f, texts[d["place"]], texts[d["place_source"]],
        int.__repr__(d["independent_sources"])) for d, f in zip(ds, features, strict=True)]


def _classes(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def _value_classes(dicts: Iterable[Mapping[str, Any]]) -> set[type]:
    """The classes of the dicts' values. These checks run over every event on every add: the
    iteration is map's and chain's, not a Python loop (a third of ``dynamic_texts``' time)."""
    return _classes(chain.from_iterable(map(dict.values, dicts)))  # type: ignore[arg-type]


def _plain(ds: Sequence[Mapping[str, Any]]) -> bool:
    """Whether every dynamic half has the shape ``dynamic_texts`` writes straight: these keys, these
    value classes, time and features dicts of scalars with string keys."""
    if _classes(ds) != {dict} or set(map(tuple, ds)) != {DYNAMIC_KEYS}:  # type: ignore[arg-type]
        return False
    nested = [t for t in map(itemgetter("time"), ds) if t is not None]
    nested += map(itemgetter("salience_features"), ds)
    return _classes(nested) <= {dict} and _value_classes(nested) <= _FLAT_CLASSES \
        and _classes(chain.from_iterable(nested)) <= {str} \
        and _classes(chain.from_iterable(map(_NAMES, ds))) <= _STR_OR_NONE \
        and _classes(map(itemgetter("salience"), ds)) <= {float} \
        and _classes(map(itemgetter("salient"), ds)) <= {bool} \
        and _classes(map(itemgetter("independent_sources"), ds)) <= {int}


@cache
def code_key() -> str:
    """The code parts are made by: a part from another version of it is never reused."""
    files = ("export/parts.py", "export/jsontext.py", "export/json_export.py", "export/merge_evidence.py",
             "nlp/salience.py", "nlp/main_event.py", "nlp/lexicon.py", "models.py", "store/codec.py")
    data_format = f"marshal {marshal.version} python {sys.version_info[:2]}".encode()  # the parts' format
    return source_digest(files, 16, data_format).hex()
