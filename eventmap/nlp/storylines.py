"""Storylines: events grouped into threads by Leiden community detection (igraph, fixed seed).

The event graph joins two events by
- shared participants, weighted by how rare the participant is (an entity in every event says nothing),
- being told together: mentions in the same or the next sentence of one article,
- an explicit cause link,
each multiplied by time proximity: two dated events decades apart are different threads even when both
involve "North Korea" (weight halves every ``HALF_LIFE_YEARS``); an undated event counts as half-near.
A participant shared by events of different stories (``nlp/stories.py``) counts ``CROSS_STORY`` as much:
"Mexico" in a flu outbreak and in an oil spill in the Gulf of Mexico is no thread.

Labels name the storyline's most distinctive entities (frequent in it, rare elsewhere), its most
common kind of event and its years. Ids stay put when articles are added: a new community takes the id
of the earlier storyline it overlaps most (when it holds at least half of it), else a hash of its
smallest event id.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from ..models import Entity, Event, EventMention, Link, Storyline, stable_id
from .lexicon import EVENT_NOUNS, EVENT_VERBS, SYNONYMS, event_class

HALF_LIFE_YEARS = 3.0
SEED = 42
MIN_SIZE = 2
MAX_SHARED = 400  # most events a participant may join pairwise (a 2,000-article corpus has 80k events)
CROSS_STORY = 0.1


def event_year(e: Event) -> float | None:
    if e.time is None or not e.time.start:
        return None
    try:
        start = int(e.time.start[:4])
        end = int((e.time.end or e.time.start)[:4])
    except ValueError:
        return None
    return (start + end) / 2


def time_factor(a: float | None, b: float | None) -> float:
    if a is None or b is None:
        return 0.5
    return 0.5 ** (abs(a - b) / HALF_LIFE_YEARS)


def event_graph(events: Sequence[Event], mentions: dict[str, EventMention], links: Sequence[Link],
                stories: Mapping[str, str] | None = None) -> dict[tuple[int, int], float]:
    """``stories``: article -> its story; without it every pair counts as of one story."""
    index = {e.id: i for i, e in enumerate(events)}
    years = [event_year(e) for e in events]
    in_story = [frozenset(stories[a] for a in e.articles if a in stories) if stories else frozenset()
                for e in events]
    weights: Counter[tuple[int, int]] = Counter()

    def add(i: int, j: int, w: float) -> None:
        if i != j:
            weights[(min(i, j), max(i, j))] += w * time_factor(years[i], years[j])

    by_actor: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        for a in set(e.actors[:4]) | ({e.place} if e.place else set()):
            by_actor[a].append(i)
    # A participant of more than a quarter of the events says nothing; one of more than MAX_SHARED
    # would also cost MAX_SHARED^2 pairs (quadratic in the corpus), so it is skipped as common too.
    limit = min(max(8, len(events) // 4), MAX_SHARED)
    for members in by_actor.values():
        if 1 < len(members) <= limit:
            w = 1.0 / math.sqrt(len(members))
            for i, j in combinations(members, 2):
                apart = in_story[i] and in_story[j] and in_story[i].isdisjoint(in_story[j])
                add(i, j, w * CROSS_STORY if apart else w)
    # Told together: same sentence 1.0, next sentence 0.5.
    where: dict[tuple[str, int], set[int]] = defaultdict(set)
    for e in events:
        for mid in e.mentions:
            m = mentions.get(mid)
            if m is not None:
                where[(m.article, m.sentence)].add(index[e.id])
    for (article, sentence), here in where.items():
        for i, j in combinations(sorted(here), 2):
            add(i, j, 1.0)
        for i in here:
            for j in where.get((article, sentence + 1), ()):
                add(i, j, 0.5)
    for link in links:
        i, j = index.get(link.source), index.get(link.target)
        if i is not None and j is not None:
            add(i, j, 2.0 if link.kind == "cause" else 0.5)
    return dict(weights)


def communities(n: int, weights: dict[tuple[int, int], float], resolution: float = 1.0) -> list[list[int]]:
    import igraph as ig

    if n == 0:
        return []
    graph = ig.Graph(n=n, edges=list(weights))
    graph.es["weight"] = list(weights.values())
    rng = random.Random(SEED)
    ig.set_random_number_generator(rng)
    try:
        parts = graph.community_leiden(objective_function="modularity", weights="weight",
                                       resolution=resolution, n_iterations=-1)
    finally:
        ig.set_random_number_generator(random)
    return [sorted(p) for p in parts]


def _readable(name: str) -> bool:
    return bool(name) and name[0].isalnum() and ":" not in name and len(name) <= 40


def label(group: Sequence[Event], entities: dict[str, Entity], elsewhere: Counter[str],
          total_groups: int) -> str:
    """"North Korea, Russia: deployment (2024)": distinctive entities, main kind of event, years."""
    counts = Counter(a for e in group for a in dict.fromkeys(e.actors[:3])
                     if a in entities and _readable(entities[a].name))
    scored = sorted(counts, key=lambda a: (-counts[a] * math.log(1 + total_groups / (1 + elsewhere[a])),
                                           entities[a].name))
    names: list[str] = []
    for a in scored:
        name = entities[a].name
        if not any(name in n or n in name for n in names):
            names.append(name)
        if len(names) == 2:
            break
    kinds = Counter(event_class(e.lemma) for e in group if e.lemma in EVENT_VERBS or e.lemma in EVENT_NOUNS
                    or e.lemma in SYNONYMS) or Counter(e.lemma for e in group)
    years = sorted(e.time.start[:4] for e in group if e.time and e.time.start and not e.time.approximate)
    span = f" ({years[0]}–{years[-1]})" if years and years[0] != years[-1] else \
        f" ({years[0]})" if years else ""
    head = ", ".join(names) if names else "Events"
    kind = kinds.most_common(1)[0][0] if kinds else ""
    return f"{head}: {kind}{span}" if kind else head + span


def build_storylines(events: Sequence[Event], mentions: dict[str, EventMention], links: Sequence[Link],
                     entities: dict[str, Entity], previous: Sequence[Storyline] = (),
                     stories: Mapping[str, str] | None = None) -> list[Storyline]:
    """``stories``: article -> its story (``event_graph``)."""
    if not events:
        return []
    parts = [p for p in communities(len(events), event_graph(events, mentions, links, stories))
             if len(p) >= MIN_SIZE]
    groups = [[events[i] for i in p] for p in parts]
    # Stable ids: greedily hand each earlier storyline's id to the new group holding most of it.
    ids: dict[int, str] = {}
    taken: set[str] = set()
    overlaps = []
    # Each group's overlap with the earlier storylines, through an event -> earlier storyline index:
    # intersecting every group with every earlier storyline was quadratic (4 s at 2,000 articles).
    old_of: dict[str, list[int]] = defaultdict(list)
    for k, old in enumerate(previous):
        for eid in set(old.events):
            old_of[eid].append(k)
    for g, group in enumerate(groups):
        counts = Counter(k for eid in {e.id for e in group} for k in old_of.get(eid, ()))
        for k, shared in counts.items():
            old = previous[k]
            if shared * 2 >= len(old.events):
                overlaps.append((-shared, old.id, g))
    for _, old_id, g in sorted(overlaps):
        if g not in ids and old_id not in taken:
            ids[g] = old_id
            taken.add(old_id)
    for g, group in enumerate(groups):
        if g not in ids:
            sid = stable_id("story", min(e.id for e in group))
            ids[g] = sid if sid not in taken else stable_id("story", *sorted(e.id for e in group))
            taken.add(ids[g])
    in_groups = Counter(a for group in groups for a in {x for e in group for x in e.actors[:3]})
    out = []
    for g, group in enumerate(groups):
        own = Counter({x for e in group for x in e.actors[:3]})
        # Only the group's own participants are looked up: a count over every participant of every
        # group, once per group, was quadratic.
        elsewhere = Counter({a: in_groups[a] - own[a] for a in own})
        ordered = sorted(group, key=lambda e: (e.time.start if e.time and e.time.start else "9999", e.id))
        out.append(Storyline(ids[g], label(group, entities, elsewhere, len(groups)),
                             tuple(e.id for e in ordered)))
    return out
