"""link: how events relate (order, cause), which threads they form, and where outlets disagree.

- cause: an explicit signal ("in response to", "led to") between two event triggers in one
  sentence, or opening a sentence ("As a result, ...") about the previous sentence's event.
- before: consecutive dated events of the same actor whose intervals do not overlap.
- storylines: Leiden communities (igraph, fixed seed) on a graph of events joined by shared actors
  and links; the id is the hash of the storyline's first event, so it is stable as articles arrive.
- disagreements: one merged event, two independent origins, incompatible stances, numbers or dates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from ..models import (
    Article,
    Claim,
    Disagreement,
    Duplicate,
    Entity,
    Event,
    EventMention,
    Link,
    Storyline,
    stable_id,
)
from ..nlp.lexicon import CAUSAL_SIGNALS
from ..pipeline.context import Context
from ..pipeline.runner import StageResult
from .merge import times_compatible

OPENING_SIGNALS = ("as a result", "in response", "consequently", "in retaliation", "because of this")
POSITIVE = frozenset({"asserted", "reported"})
STANCE = {"asserted": "asserts", "reported": "reports", "alleged": "alleges", "denied": "disputes",
          "hypothetical": "speculates", "planned": "expects"}


def causal_links(mentions: list[EventMention], event_of: dict[str, str]) -> list[Link]:
    links: dict[tuple[str, str], Link] = {}
    by_sentence: dict[tuple[str, int], list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_sentence[(m.article, m.sentence)].append(m)

    def add(cause: EventMention, effect: EventMention, evidence: str) -> None:
        a, b = event_of.get(cause.id), event_of.get(effect.id)
        if a and b and a != b and (a, b) not in links:
            links[(a, b)] = Link(a, b, "cause", evidence, cause.article)

    for (article, index), group in by_sentence.items():
        group.sort(key=lambda m: m.start)
        for first, second in combinations(group, 2):
            base = first.sentence_start
            between = first.sentence_text[first.end - base:second.start - base].lower()
            for signal, direction in CAUSAL_SIGNALS.items():
                if f" {signal} " in f" {between} ":
                    if direction == "effect_first":
                        add(second, first, signal)
                    else:
                        add(first, second, signal)
                    break
        opening = group[0].sentence_text.lower()
        signal = next((s for s in OPENING_SIGNALS if opening.startswith(s)), None)
        previous = by_sentence.get((article, index - 1))
        if signal and previous:
            add(previous[0], group[0], signal)
    return list(links.values())


def order_links(events: list[Event]) -> list[Link]:
    by_actor: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.time is not None and e.time.start:
            for actor in e.actors[:3]:
                by_actor[actor].append(e)
    links: dict[tuple[str, str], Link] = {}
    for group in by_actor.values():
        group.sort(key=lambda e: (e.time.start, e.time.end or e.time.start))  # type: ignore[union-attr]
        for a, b in zip(group, group[1:], strict=False):
            if (a.time.end or a.time.start) < b.time.start and (a.id, b.id) not in links:  # type: ignore[union-attr]
                links[(a.id, b.id)] = Link(a.id, b.id, "before", "normalized dates")
    return list(links.values())


def storylines(events: list[Event], links: list[Link], entities: dict[str, Entity],
               mention_sentences: dict[str, str]) -> dict[str, Storyline]:
    """Leiden on events linked by shared actors (weighted by rarity) and explicit links."""
    import igraph as ig

    if not events:
        return {}
    index = {e.id: i for i, e in enumerate(events)}
    weights: Counter[tuple[int, int]] = Counter()
    by_actor: dict[str, list[int]] = defaultdict(list)
    for e in events:
        for a in e.actors:
            by_actor[a].append(index[e.id])
    for members in by_actor.values():
        if 1 < len(members) <= 60:  # an actor in every event says nothing about threads
            for i, j in combinations(members, 2):
                weights[(min(i, j), max(i, j))] += 1.0 / len(members) ** 0.5
    for link in links:
        i, j = index.get(link.source), index.get(link.target)
        if i is not None and j is not None and i != j:
            weights[(min(i, j), max(i, j))] += 2.0
    graph = ig.Graph(n=len(events), edges=list(weights))
    graph.es["weight"] = list(weights.values())
    import random

    random.seed(42)
    ig.set_random_number_generator(random)
    parts = graph.community_leiden(objective_function="modularity", weights="weight",
                                   resolution=1.0, n_iterations=-1)
    result: dict[str, Storyline] = {}
    for members in parts:
        if len(members) < 2:
            continue
        group = [events[i] for i in sorted(members)]
        sid = stable_id("story", group[0].id)
        result[sid] = Storyline(sid, _label(group, entities), tuple(e.id for e in group))
    return result


def _label(group: list[Event], entities: dict[str, Entity]) -> str:
    actors = Counter(a for e in group for a in e.actors[:3] if a in entities)
    names = [entities[a].name for a, _ in actors.most_common(2)]
    kinds = Counter(e.lemma for e in group).most_common(1)
    years = sorted(e.time.start[:4] for e in group if e.time and e.time.start)
    span = f" ({years[0]}–{years[-1]})" if years and years[0] != years[-1] else \
        f" ({years[0]})" if years else ""
    head = " and ".join(names) if names else "Events"
    return f"{head}: {kinds[0][0]}{span}" if kinds else head + span


def origins(articles: dict[str, Article], dups: dict[str, Duplicate]) -> dict[str, str]:
    """Article -> its origin (itself unless it is a copy): copies of one origin are one voice."""
    return {aid: dups[aid].origin if aid in dups else aid for aid in articles}


def disagreements(events: list[Event], mentions: dict[str, EventMention],
                  articles: dict[str, Article], origin: dict[str, str]) -> list[Disagreement]:
    found: list[Disagreement] = []
    for e in events:
        ms = [mentions[m] for m in e.mentions if m in mentions]

        def claim(m: EventMention, stance: str) -> Claim:
            return Claim(m.article, m.sentence_text, stance, articles[m.article].outlet
                         if m.article in articles else None)

        # Stance: an origin that asserts vs one that denies (or alleges vs denies).
        stances: dict[str, EventMention] = {}
        for m in ms:
            stances.setdefault(f"{origin.get(m.article, m.article)}|{m.modality}", m)
        positive = [m for k, m in stances.items() if k.split("|")[1] in POSITIVE | {"alleged"}]
        negative = [m for k, m in stances.items() if k.split("|")[1] == "denied"]
        pairs = [(p, n) for p in positive for n in negative
                 if origin.get(p.article) != origin.get(n.article)]
        if pairs:
            chosen = list(dict.fromkeys([m for pair in pairs[:3] for m in pair]))
            found.append(Disagreement(e.id, "modality",
                                      tuple(claim(m, STANCE[m.modality]) for m in chosen)))
        # Numbers: the same unit, ranges that cannot both be true, from different origins.
        by_unit: dict[str, list[tuple[EventMention, float, float]]] = defaultdict(list)
        for m in ms:
            for q in m.quantities:
                if q.unit:
                    lo = q.low if q.low is not None else 0.0
                    hi = q.high if q.high is not None else float("inf")
                    by_unit[q.unit].append((m, lo, hi))
        for unit, values in by_unit.items():
            clash = [(a, b) for a, b in combinations(values, 2)
                     if origin.get(a[0].article) != origin.get(b[0].article)
                     and (a[2] < b[1] or b[2] < a[1])]
            if clash:
                (a, _, _), (b, _, _) = clash[0]
                found.append(Disagreement(e.id, "number", (claim(a, f"gives {unit}"),
                                                           claim(b, f"gives {unit}"))))
        # Dates: explicit times for the same event that do not overlap (even in one article).
        dated = [m for m in ms if m.time is not None and not m.time_inherited and m.time.start]
        clash_d = [(a, b) for a, b in combinations(dated, 2) if not times_compatible(a.time, b.time)]
        if clash_d:
            a, b = clash_d[0]
            found.append(Disagreement(e.id, "date", (claim(a, f"dates it {a.time.value}"),  # type: ignore[union-attr]
                                                     claim(b, f"dates it {b.time.value}"))))  # type: ignore[union-attr]
    return found


def run(ctx: Context) -> StageResult:
    store = ctx.store
    events = store.events()
    event_of = {m: e.id for e in events for m in e.mentions}
    mentions = {m.id: m for m in store.event_mentions() if m.id in event_of}
    articles = {a.id: a for a in store.articles()}
    entities = {e.id: e for e in store.entities()}
    links = causal_links(list(mentions.values()), event_of) + order_links(events)
    lines = storylines(events, [lk for lk in links if lk.kind == "cause"], entities,
                       {m.id: m.sentence_text for m in mentions.values()})
    story_of = {e: s.id for s in lines.values() for e in s.events}
    events = [Event(**{**e.__dict__, "storyline": story_of.get(e.id)}) for e in events]
    store.replace_events(events)
    found = disagreements(events, mentions, articles, origins(articles, store.duplicates()))
    store.replace_links(links, list(lines.values()), found)
    causes = sum(lk.kind == "cause" for lk in links)
    return StageResult(len(links), f"links ({causes} causal), {len(lines)} storylines, "
                       f"{len(found)} disagreements")
