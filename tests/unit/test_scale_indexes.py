"""The indexes that keep whole-corpus stages near-linear give what the full pairwise scans gave.

Random corpora of mention records and claim items, so many pairs share a key and many do not; the
indexed code must find exactly the clusters and pairs the all-pairs code finds.
"""

from __future__ import annotations

import random
from itertools import combinations
from types import SimpleNamespace

import pytest

from eventmap.models import Event, Timex
from eventmap.nlp import event_coref, storylines
from eventmap.nlp.disagreements import (
    _cliques,
    _compatible,
    _date_pairs,
    _Item,
    _join_compatible,
    _related,
    _Union,
)
from eventmap.nlp.event_coref import NEWS, MentionRecord, cluster_records


def _day(rng: random.Random) -> Timex:
    value = f"2024-0{rng.randint(1, 3)}-1{rng.randint(0, 3)}"
    return Timex(value, 0, 10, "DATE", value, value, value, "day")


def _records(rng: random.Random, n: int) -> list[MentionRecord]:
    out = []
    for i in range(n):
        time = _day(rng) if rng.random() < 0.5 else None
        out.append(MentionRecord(
            f"m{i}", f"doc{rng.randint(0, n // 8)}", rng.choice(["attack", "sign", "meet", "say", "flood"]),
            actors=tuple(rng.sample([f"ent{k}" for k in range(12)], rng.randint(0, 2))),
            context=tuple(rng.sample([f"ent{k}" for k in range(30)], rng.randint(0, 3))),
            place=rng.choice([None, None, "paris", "kyiv"]), time=time,
            time_explicit=time is not None and rng.random() < 0.7,
            story=rng.choice([None, "s1", "s2", "s3"]), hypothetical=rng.random() < 0.05))
    return out


class _FullScan(event_coref._EvidenceIndex):
    """Every earlier cluster of the block is a candidate: the old, quadratic behaviour."""

    def lookup(self, block_key, block, rs, before=None):  # noqa: ANN001, ANN201
        return list(block if before is None else block[:before])


@pytest.mark.parametrize("seed", range(8))
def test_evidence_index_gives_the_full_scan_clusters(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records(random.Random(seed), 300)
    indexed = cluster_records(records, NEWS)
    monkeypatch.setattr(event_coref, "_EvidenceIndex", _FullScan)
    assert cluster_records(records, NEWS) == indexed
    assert any(len(c) > 1 for c in indexed) and any(len(c) == 1 for c in indexed)


def _claims(rng: random.Random, n: int) -> list[_Item]:
    items = []
    for i in range(n):
        ents = {f"ent{k}" for k in rng.sample(range(15), rng.choice([0, 0, 1, 2]))}
        terms = {f"term:w{k}" for k in rng.sample(range(25), rng.randint(0, 3))}
        time = _day(rng) if rng.random() < 0.6 else None
        mention = SimpleNamespace(time=time, time_inherited=rng.random() < 0.2, time_nearby=False, start=20,
                                  end=25, article=f"art{rng.randint(0, n // 3)}", sentence=rng.randint(0, 3))
        stance = rng.choice([None, "asserted", "asserted", "alleged", "denied"])
        own = frozenset(rng.sample(["ent1", "ent2"], rng.randint(0, 1)))
        items.append(_Item(mention, f"evt{rng.randint(0, 60)}", f"art{i}", "sign", stance,  # type: ignore[arg-type]
                           frozenset(ents | terms), own))
    return items


def _components(n: int, pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
    union = _Union(n)
    for i, j in pairs:
        union.join(i, j)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(union.find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(8))
def test_cliques_join_the_claims_that_every_pair_comparison_joined(seed: int) -> None:
    """The claim groups and date pairs from cliques equal those from trying every related pair."""
    items = _claims(random.Random(seed), 200)
    members = list(range(len(items)))
    candidates = [(i, j) for i, j in combinations(members, 2)
                  if _related(items[i], items[j]) or items[i].event == items[j].event]
    brute = [(i, j) for i, j in candidates if items[i].stance and items[j].stance
             and _compatible(items[i].mention, items[j].mention)]
    union, dated = _Union(len(items)), set()
    for hub, clique in _cliques(items, members):
        _join_compatible(items, hub, clique, union)
        dated |= _date_pairs(items, hub, clique)
    found = [(i, union.find(i)) for i in members]
    assert _components(len(items), found) == _components(len(items), brute)
    assert any(len(c) > 2 for c in _components(len(items), brute))
    every_firm_pair = _date_pairs(items, members, members)
    brute_dated = {pair for pair in candidates if pair in every_firm_pair}
    assert dated == brute_dated and brute_dated


def _event(i: int, actors: tuple[str, ...]) -> Event:
    return Event(f"evt{i}", "x", "meet", None, actors, None, (), (), ())


def test_storyline_graph_skips_participants_of_too_many_events() -> None:
    n = storylines.MAX_SHARED + 10
    everyone = [_event(i, ("ent_common",)) for i in range(4 * n)]
    assert storylines.event_graph(everyone, {}, []) == {}  # no n^2 clique from one participant
    few = [_event(i, ("ent_rare",)) for i in range(10)] + [_event(100 + i, ()) for i in range(40)]
    assert len(storylines.event_graph(few, {}, [])) == 45  # 10 events sharing one: all pairs


def test_storylines_inherit_the_ids_of_the_earlier_storylines_they_hold() -> None:
    """A thread keeps the id of the earlier storyline it holds at least half of; a new one is hashed."""
    from eventmap.models import Storyline

    def threads() -> list[Event]:
        a = [_event(i, ("ent_a",)) for i in range(6)]
        b = [_event(10 + i, ("ent_b",)) for i in range(6)]
        return a + b

    first = storylines.build_storylines(threads(), {}, [], {})
    assert len(first) == 2
    renamed = [Storyline(f"story_old{k}", s.label, s.events[:4]) for k, s in enumerate(first)]
    gone = Storyline("story_gone", "x", ("evt_none1", "evt_none2"))
    again = storylines.build_storylines(threads(), {}, [], {}, [*renamed, gone])
    assert sorted(s.id for s in again) == ["story_old0", "story_old1"]
    expected = {f"story_old{k}": set(s.events) for k, s in enumerate(first)}
    assert {s.id: set(s.events) for s in again} == expected
    half = [Storyline("story_half", "x", (*first[0].events[:2], "evt_x1", "evt_x2", "evt_x3"))]
    assert "story_half" not in {s.id for s in storylines.build_storylines(threads(), {}, [], {}, half)}


def test_a_participant_shared_across_stories_joins_events_less() -> None:
    # "Mexico" in a flu outbreak's story and in an oil spill's: no thread between them
    def ev(i: int, article: str) -> Event:
        return Event(f"e{i}", "x", "x", None, ("mexico",), None, (), (article,), ())

    flu, spill, flu2 = ev(0, "a1"), ev(1, "b1"), ev(2, "a2")
    stories = {"a1": "flu", "a2": "flu", "b1": "spill"}
    plain = storylines.event_graph([flu, spill, flu2], {}, [])
    graph = storylines.event_graph([flu, spill, flu2], {}, [], stories)
    assert graph[(0, 2)] == plain[(0, 2)]  # one story: as before
    assert graph[(0, 1)] == pytest.approx(plain[(0, 1)] * storylines.CROSS_STORY)
