"""merge: event mentions across articles -> events (the same happening, told by several outlets).

Blocking keeps cost near-linear: only mentions of the same event class (trigger lemma or synonym)
are compared. Within a block, a mention joins an event when their times are compatible (intervals
overlap; two different exact days never merge) and their participants agree (a shared actor, or a
shared place when neither names an actor). The event id is the hash of its first mention, so ids
stay put as articles are added.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..models import Article, Event, EventMention, Timex, stable_id
from ..nlp.lexicon import event_class
from ..pipeline.context import Context
from ..pipeline.runner import StageResult

GRANULARITY_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4,
                    "year": 5, "decade": 6, "century": 7, "unknown": 8}


def times_compatible(a: Timex | None, b: Timex | None) -> bool:
    if a is None or b is None or not a.start or not b.start:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    if a.start > b_end or b.start > a_end:
        return False
    return not (a.granularity == b.granularity == "day" and a.start != b.start)


def best_time(times: list[Timex]) -> Timex | None:
    """The most specific explicit time; inherited or approximate ones only when nothing else."""
    dated = [t for t in times if t.start]
    if not dated:
        return None
    return min(dated, key=lambda t: (t.approximate, GRANULARITY_RANK.get(t.granularity, 8), t.start))


@dataclass
class _Cluster:
    cls: str
    mentions: list[EventMention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    times: list[Timex] = field(default_factory=list)

    def accepts(self, actors: set[str], place: str | None, time: Timex | None, explicit: bool) -> bool:
        if explicit and not all(times_compatible(time, t) for t in self.times):
            return False
        if actors and self.actors:
            return bool(actors & self.actors)
        if place and self.places:
            return place in self.places
        # Neither side names a participant: only an explicit, identical date ties them together.
        return explicit and any(t.value == time.value for t in self.times if time is not None)

    def add(self, m: EventMention, actors: set[str], place: str | None, explicit: bool) -> None:
        self.mentions.append(m)
        self.actors |= actors
        if place:
            self.places.add(place)
        if m.time is not None and explicit:
            self.times.append(m.time)


def merge_mentions(mentions: list[EventMention], articles: dict[str, Article],
                   aliases: dict[tuple[str, str], str]) -> list[Event]:
    def ids(m: EventMention, names: tuple[str, ...]) -> dict[str, None]:
        # An ordered set: a plain set's order changes with each process's string hashing, and the
        # actor order decides tie-breaks downstream (event actors, storyline labels).
        return dict.fromkeys(aliases[(m.article, n)] for n in names if (m.article, n) in aliases)

    blocks: dict[str, list[_Cluster]] = defaultdict(list)
    order: list[_Cluster] = []
    for m in mentions:
        cls = event_class(m.lemma)
        actors = set(ids(m, m.actors))
        place = next(iter(ids(m, (m.place,))), None) if m.place else None
        explicit = m.time is not None and not m.time_inherited
        target = next((c for c in blocks[cls] if c.accepts(actors, place, m.time, explicit)), None)
        if target is None:
            target = _Cluster(cls)
            blocks[cls].append(target)
            order.append(target)
        target.add(m, actors, place, explicit)

    events = []
    for c in order:
        seed = c.mentions[0]
        arts = tuple(dict.fromkeys(m.article for m in c.mentions))
        time = best_time(c.times) or best_time([m.time for m in c.mentions if m.time])
        actor_counts = Counter(a for m in c.mentions for a in ids(m, m.actors))
        place_counts = Counter(p for m in c.mentions for p in ids(m, (m.place,) if m.place else ()))
        summary = max((m for m in c.mentions if m.summary), default=seed,
                      key=lambda m: (m.modality == "asserted", -abs(len(m.summary) - 60))).summary
        events.append(Event(
            id=stable_id("evt", seed.id), summary=summary or seed.trigger, lemma=c.cls, time=time,
            actors=tuple(a for a, _ in actor_counts.most_common()),
            place=place_counts.most_common(1)[0][0] if place_counts else None,
            mentions=tuple(m.id for m in c.mentions), articles=arts,
            outlets=tuple(dict.fromkeys(articles[a].outlet for a in arts if a in articles)),
        ))
    return events


def run(ctx: Context) -> StageResult:
    dups = ctx.store.duplicates()
    articles = {a.id: a for a in ctx.store.articles()}
    mentions = [m for m in ctx.store.event_mentions() if m.article not in dups]
    events = merge_mentions(mentions, articles, ctx.store.entity_aliases())
    ctx.store.replace_events(events)
    multi = sum(len(e.articles) > 1 for e in events)
    return StageResult(len(events), f"events from {len(mentions)} mentions ({multi} in 2+ articles)")
