"""The pieces an add rewrites every time (issue 16) give the same values and text as the plain
way of computing them: salience features from memoized roundings, the export's rows of dicts
through templates, the map page's token spliced into the encoded head."""

from __future__ import annotations

import io
import json
import math
import random
import re
from datetime import date
from pathlib import Path

import pytest

from eventmap.export import briefing
from eventmap.export.jsontext import Raw, dumps_indented, encode_at
from eventmap.export.map_html import _page, json_for_html
from eventmap.export.parts import (
    EVENT_NEWLINE,
    EventPart,
    dynamic_key,
    event_entries,
    flat_dict,
    write_entries,
)
from eventmap.models import Claim, Disagreement, Entity, Link
from eventmap.nlp.salience import (
    WEIGHTS,
    EventSignals,
    MentionSignals,
    _lead,
    _years_before,
    rank_signals,
    salient_layer,
)
from eventmap.store.sqlite import Store


def _plain_features(events: list[EventSignals], published: dict[str, str | None], origin_of: dict[str, str],
                    links: list[Link], entity_mentions: dict[str, int]) -> dict[str, tuple[float, dict]]:
    """The features as written out before they were memoized (no title words here: title 0)."""
    days = sorted(d for d in published.values() if d)
    window_start = date.fromisoformat(days[0]) if days else None
    origins = {e.id: len({origin_of.get(a, a) for a in e.articles}) for e in events}
    log_most = math.log1p(max(2, max(origins.values(), default=1)))
    linked: dict[str, int] = {}
    for lk in links:
        if lk.kind in ("cause", "before"):
            linked[lk.source] = linked.get(lk.source, 0) + 1
            linked[lk.target] = linked.get(lk.target, 0) + 1
    top = max(entity_mentions.values(), default=1) or 1
    out = {}
    for e in events:
        f = {"origins": math.log1p(origins[e.id]) / log_most,
             "lead": _lead(min(m.sentence for m in e.mentions)), "title": 0.0,
             "actors": max((math.sqrt(entity_mentions.get(a, 0) / top) for a in e.actors), default=0.0),
             "time": e.spec,
             "recency": 1.0 / (1.0 + max(0.0, _years_before(e.end, window_start) - 0.5) / 3.0)
             if e.end is not None else 0.5,
             "links": min(1.0, linked.get(e.id, 0) / 3.0),
             "confidence": max(m.confidence for m in e.mentions)}
        salience = round(e.mood * sum(WEIGHTS[k] * v for k, v in f.items()), 4)
        out[e.id] = (salience, {k: round(v, 3) for k, v in f.items()})
    return out


def test_memoized_salience_features_equal_the_plain_formula() -> None:
    rnd = random.Random(16)
    articles = [f"a{i}" for i in range(40)]
    published = {a: f"2010-0{1 + i % 9}-1{i % 10}" if i % 7 else None for i, a in enumerate(articles)}
    entities = {f"x{i}": rnd.choice([0, 1, 3, 7, 40, 41, 900]) for i in range(30)}
    events = []
    for i in range(300):
        arts = tuple(rnd.sample(articles, rnd.randint(1, 4)))
        mentions = tuple(MentionSignals(f"m{i}.{j}", a, rnd.randint(0, 30), rnd.choice([0.5, 0.65, 0.8, 1.0]),
                                        1.0, (), (), False) for j, a in enumerate(arts))
        end = rnd.choice([None, "2010-03-02", "1990", "2009-12-31T10:00", "junk"])
        events.append(EventSignals(f"e{i}", arts, tuple(rnd.sample(sorted(entities), rnd.randint(0, 3))),
                                   rnd.choice([0.0, 0.45, 0.7 * 0.75, 1.0]), end,
                                   rnd.choice([1.0, 0.85, 0.45 * 0.85]), mentions, ()))
    origin_of = {a: "a0" if a == "a1" else a for a in articles}
    kinds = ["before", "cause", "same_actors"]
    links = [Link(f"e{rnd.randrange(300)}", f"e{rnd.randrange(300)}", rnd.choice(kinds)) for _ in range(200)]
    ranking = rank_signals(events, {a: frozenset() for a in articles}, published, origin_of, links, entities)
    plain = _plain_features(events, published, origin_of, links, entities)
    for e in events:
        salience, features = plain[e.id]
        assert ranking.salience[e.id] == salience
        assert json.dumps(ranking.features[e.id]) == json.dumps(features)  # 1.0 and 1 read apart


ROWS = [
    [{"id": "e1", "name": "BP", "aliases": [], "geo": None, "mentions": 3},
     {"id": "e2", "name": "U\"S", "aliases": ["America", "é", "100%s"], "geo": {"lat": 38.0, "lon": -97.5},
      "mentions": 0}],
    [{"a": 1}, {"b": [1, "x", {"c": None}], "%s": "100%", "n": float("nan"), "t": (1, 2)}, {}, {"a": {}}],
    [{"a": True, "b": False, "c": -0.0, "d": 10**20, "e": [[]], "f": ["x", 1]}],
    [{1: "non-string key"}, {"a": 1}],
    [{"a": 1}, "not a dict", 3],
]


@pytest.mark.parametrize("rows", ROWS)
def test_rows_of_dicts_are_written_as_json_dumps_writes_them(rows: list) -> None:
    for obj in (rows, {"k": rows, "z": [rows]}):
        assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=1)


def test_a_raw_value_inside_a_row_is_written_as_it_is() -> None:
    assert dumps_indented([{"x": Raw("[\n   1\n  ]")}]) == dumps_indented([{"x": [1]}])


@pytest.mark.parametrize("view", [{"labels": 30, "rest": "none"}, {}, {"rest": "none", "token": "old"}])
@pytest.mark.parametrize("last", [True, False])
def test_the_token_spliced_into_the_head_equals_the_head_encoded_again(view: dict, last: bool) -> None:
    head = {"schema": "eventmap/1", "events": [{"id": "e<1>", "salience": 0.5}], "view": view}
    if not last:
        head["overview"] = {"title": "a & b"}
    page, tok = _page(head, None, "map-data.js")
    whole = {**head, "view": {**view, "rest": "map-data.js", "token": tok}}
    found = re.search(r'<script type="application/json" id="eventmap-data">(.*?)</script>', page, re.S)
    assert found is not None and found.group(1) == json_for_html(whole)


def test_entity_fields_hold_what_entities_read_back(tmp_path: Path) -> None:
    """The export reads entities as plain fields: the same values an Entity read back has, with
    the dataclass's defaults for fields a row of an older store lacks."""
    with Store(tmp_path / "s.db") as store:
        store.replace_entities([Entity("g1", "Porto", "GPE", ("Oporto",), 41.1, -8.6, 3),
                                Entity("p1", "Ann Lee", "PERSON")], [])
        with store.db:
            store.db.execute("INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                             ("o1", "BP", "ORG", json.dumps({"id": "o1", "name": "BP", "type": "ORG"})))
        want = [(e.id, e.name, e.type, e.aliases, e.lat, e.lon, e.mentions) for e in store.entities()]
        assert store.entity_fields() == want
        assert want[2] == ("o1", "BP", "ORG", (), None, None, 0)


def test_disagreement_fields_hold_what_disagreements_read_back(tmp_path: Path) -> None:
    """The export reads disagreements as plain fields, each claim a dict of a Claim's fields: the
    values a Disagreement read back has (``flat_dict`` of its claims), defaults for an older row's."""
    claims = (Claim("a1", "Ten died.", "asserted", "Wire", "e1", "ten", None),
              Claim("a2", "Twelve died.", "asserted"))
    with Store(tmp_path / "s.db") as store:
        store.replace_links([], [], [Disagreement("e1", "number", claims, ("e1", "e2"), "deaths: Porto")])
        with store.db:
            old = {"event": None, "kind": "date", "claims": [{"article": "a3", "text": "In May.",
                                                              "stance": "asserted", "extra": 1}]}
            store.db.execute("INSERT INTO disagreements (event, kind, data) VALUES (?, ?, ?)",
                             (None, "date", json.dumps(old)))
        want = [(d.event, d.kind, list(d.events), d.topic, [flat_dict(c) for c in d.claims])
                for d in store.disagreements()]
        assert store.disagreement_fields() == want
        assert want[1] == (None, "date", [], "", [{"article": "a3", "text": "In May.", "stance": "asserted",
                                                    "outlet": None, "event": None, "quantity": None,
                                                    "time": None}])


def _dynamic(salience: float | int | bool = 0.5, **kw: object) -> dict:
    d = {"id": "e1", "time": None, "salience": salience, "salient": True,
         "salience_features": {"origins": 0.2, "lead": 1.0}, "place": None, "place_source": None,
         "independent_sources": 1}
    return {**d, **kw}


def _part(eid: str, static: dict) -> EventPart:
    signals = EventSignals(eid, (), (), 0.0, None, 1.0, (), ())
    text = encode_at(static, EVENT_NEWLINE).encode()
    return EventPart(eid, "d", (), (), signals, None, None, (), None, text)


def test_a_dynamic_half_is_kept_only_while_its_values_and_their_classes_are() -> None:
    keys = {dynamic_key(_dynamic(v)) for v in (1, 1.0, True)}
    assert len(keys) == 3  # written "1", "1.0", "true": never taken for one another
    assert dynamic_key(_dynamic()) == dynamic_key(_dynamic())
    assert dynamic_key(_dynamic(place=Raw("x"))) is None  # a str subclass: marshal cannot key it
    parts = [_part("e1", {"summary": "ä"}), _part("e2", {"summary": "b"})]
    first = [_dynamic(0.5), _dynamic(0.25, id="e2")]
    entries, written = event_entries(first, parts, {})
    assert [w[0] for w in written] == ["e1", "e2"]
    kept = {e: (k, t.encode("utf-8")) for e, k, t in written}
    # the next add: e1's values unchanged (its kept text is used), e2's salience changed
    later = [_dynamic(0.5), _dynamic(0.75, id="e2")]
    tampered = {**kept, "e1": (kept["e1"][0], b"KEPT")}
    again, rewritten = event_entries(later, parts, tampered)
    assert again[0][0] == b"KEPT" and [w[0] for w in rewritten] == ["e2"]
    fresh, _ = event_entries(later, parts, {})
    assert again[1] == fresh[1]


def test_entries_are_written_as_the_plain_encoder_writes_the_events() -> None:
    parts = [_part(f"e{i}", {"summary": s, "n": [i]}) for i, s in enumerate(["a", "é", "\u2028"])]
    dynamics = [_dynamic(0.1 * i, id=f"e{i}") for i in range(3)]
    entries, _ = event_entries(dynamics, parts, {})
    out = io.BytesIO()
    write_entries(out, entries)
    events = [{**d, **json.loads(p.text)} for d, p in zip(dynamics, parts, strict=True)]
    whole = dumps_indented({"schema": "x", "events": events, "links": []})
    pieced = {"schema": "x", "events": Raw(out.getvalue().decode("utf-8")), "links": []}
    assert whole == dumps_indented(pieced)
    empty = io.BytesIO()
    write_entries(empty, [])
    assert empty.getvalue() == b"[]"


def test_a_store_without_the_dynamics_table_reads_none(tmp_path: Path) -> None:
    """A store of schema 7 opened read-only (not migrated): no kept dynamic halves, all written."""
    with Store(tmp_path / "s.db") as store:
        store.put_export_parts("k", [], replace=True, dynamics=[("e1", b"key", "text")])
        assert store.export_dynamics("k") == {"e1": (b"key", b"text")}
        assert store.export_dynamics("another code") == {}
        with store.db:
            store.db.executescript("DROP TABLE export_dynamics; PRAGMA user_version = 7;")
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert store.export_dynamics("k") == {}
    with Store(tmp_path / "s.db") as store:  # migrated on opening: an empty table
        assert store.export_dynamics("k") == {}


def test_the_salient_layer_and_the_pool_are_the_first_of_every_event_sorted() -> None:
    """Both are taken off a heap: the same events as sorting all of them (ties by id)."""
    rnd = random.Random(16)
    salience = {f"e{i:05d}": rnd.choice([0.0, 0.1, 0.25, 0.3]) + rnd.choice([0.0, 0.001])
                for i in range(3000)}
    ranked = sorted(salience, key=lambda e: (-salience[e], e))
    for limit in (0, 1, 60, 3000, 5000):
        assert salient_layer(salience, limit) == set(ranked[:limit])
    events = [{"id": e, "salience": s, "independent_sources": rnd.choice([0, 1, 2]),
               "articles": ["a"] * rnd.randint(0, 3)} for e, s in salience.items()]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(briefing, "POOL", 100)
        want = {e["id"] for e in sorted(events, key=briefing._pool_weight, reverse=True)[:100]}
        assert briefing.pool_ids(events, [{"event": "x"}]) == want | {"x"}


def test_the_head_with_its_events_static_halves_spliced_is_the_head_encoded() -> None:
    """The map's head writes the static half of each salient event from its kept compact JSON."""
    from eventmap.export.map_html import _head_json
    from eventmap.export.parts import DYNAMIC_KEYS

    def event(eid: str, static: dict) -> dict:
        return {**_dynamic(id=eid, place="<Porto & co>"), **static}

    statics = {"e1": {"summary": "Floods <hit> Porto\u2028", "mentions": [{"s": "x", "n": 1.5}]},
               "e2": {}, "e3": {"summary": "not kept"}}
    head = {"schema": "eventmap/1", "events": [event(k, v) for k, v in statics.items()]
            + [{"id": "odd", "x": 1}, "not a dict"], "view": {"labels": 3}}
    compact = {k: json.dumps(v, ensure_ascii=False, separators=(",", ":")) for k, v in statics.items()
               if k != "e3"}
    assert tuple(head["events"][0])[:len(DYNAMIC_KEYS)] == DYNAMIC_KEYS
    assert _head_json(head, compact) == json_for_html(head)
    head["events"][0]["salience"] = float("nan")  # not finite: written null, as json_for_html does
    assert _head_json(head, compact) == json_for_html(head)
    assert _head_json({**head, "events": []}, compact) == json_for_html({**head, "events": []})


def test_long_and_short_lists_of_rows_are_written_alike() -> None:
    """A long list of rows is written column by column, a short one row by row: the same text as
    json.dumps, whatever the values' classes in a column."""
    from eventmap.export.jsontext import _BY_COLUMN, _rows_by_column, _rows_one_by_one

    rnd = random.Random(16)
    values = ["a", "é\n\"", "", None, 0, 7, -3, 1.5, float("1e300"), True, False, [], ["x", "y"], [1, "x"],
              {"lat": 1.0, "lon": None}, {}, [{"k": "v"}], ("t",)]
    kinds = [values[:2], [0, 7, -3], ["a", None], [[], ["x", "y"], None], values]  # what a column holds
    shapes = [(("id", 0), ("n", 1), ("c", 2), ("aliases", 3)), (("id", 0), ("geo", 4)), (),
              (("a%s", 4), ("b", 2))]
    rows = [{k: rnd.choice(kinds[kind]) for k, kind in rnd.choice(shapes)} for _ in range(_BY_COLUMN + 40)]
    for newline in ("\n ", "\n   "):
        assert _rows_by_column(rows, newline) == _rows_one_by_one(rows, newline)
    whole = {"rows": rows, "few": rows[:5]}
    assert dumps_indented(whole) == json.dumps(whole, ensure_ascii=False, indent=1)
