"""link: how events relate (cause, order), which threads they form, and where outlets disagree.

- cause / before from explicit signals (nlp/causal.py): "in response to", "triggered", "as a result
  of", "prompted", "led to", "because" inside a sentence or opening the next one; "after"/"before"
  give order only. Each link keeps the sentence that shows it, its article and the signal words.
- before from normalized dates: consecutive dated events of one storyline whose intervals do not overlap.
- storylines (nlp/storylines.py): Leiden on an event graph weighted by shared participants, being
  told together and explicit links, damped by distance in time; ids carried over from the last run.
- disagreements (nlp/disagreements.py): claims matched across events and outlets; one voice per origin.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Set

from ..models import (
    Article,
    Disagreement,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Link,
    Storyline,
    stable_id,
)
from ..nlp.causal import signal_links, time_order
from ..nlp.disagreements import eventive, find_disagreements
from ..nlp.storylines import MIN_SIZE, build_storylines, event_year, label, time_factor
from ..pipeline.context import Context
from ..pipeline.folding import mark_all, pending
from ..pipeline.runner import StageResult
from ..store.sqlite import Store


def text_links(mentions: list[EventMention], event_of: dict[str, str],
               articles: dict[str, Article]) -> list[Link]:
    """Cause and order links from signal words, article by article, lifted from mentions to events."""
    by_article: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        if eventive(m.lemma):  # "underscores", "highlight" neither cause nor result
            by_article[m.article].append(m)
    links: dict[tuple[str, str, str], Link] = {}
    for article_id, ms in by_article.items():
        article = articles.get(article_id)
        if article is None:
            continue
        ms.sort(key=lambda m: m.start)
        spans: dict[int, tuple[int, int]] = {}
        main: dict[int, int] = {}
        for i, m in enumerate(ms):
            spans.setdefault(m.sentence, (m.sentence_start, m.sentence_start + len(m.sentence_text)))
            # The sentence's main event: the first with a named participant, else its first.
            if m.sentence not in main or (m.actors and not ms[main[m.sentence]].actors):
                main[m.sentence] = i
        sentences = [spans.get(k, (0, 0)) for k in range(max(spans) + 1)] if spans else []
        found = signal_links(article.text, [(m.start, m.end) for m in ms], sentences, main=main)
        for lk in found:
            a, b = event_of.get(ms[lk.cause].id), event_of.get(ms[lk.effect].id)
            if a and b and a != b and (a, b, lk.kind) not in links and (b, a, lk.kind) not in links:
                links[(a, b, lk.kind)] = Link(a, b, lk.kind, lk.evidence, article_id, lk.signal)
    return list(links.values())


def date_links(events: list[Event], storylines: list[Storyline], existing: list[Link]) -> list[Link]:
    """'before' between consecutive dated events of each storyline, from their normalized times."""
    by_id = {e.id: e for e in events}
    have = {(lk.source, lk.target) for lk in existing} | {(lk.target, lk.source) for lk in existing}
    out: list[Link] = []
    for s in storylines:
        dated = [by_id[e] for e in s.events if e in by_id and by_id[e].time and by_id[e].time.start
                 and not by_id[e].time.approximate]
        dated.sort(key=lambda e: (e.time.start, e.time.end or e.time.start, e.id))  # type: ignore[union-attr]
        for a, b in zip(dated, dated[1:], strict=False):
            if time_order(a.time, b.time) == -1 and (a.id, b.id) not in have:
                out.append(Link(a.id, b.id, "before", f"{a.time.value} before {b.time.value}",  # type: ignore[union-attr]
                                None, "dates"))
                have.add((a.id, b.id))
    return out


def origins(articles: dict[str, Article], dups: dict) -> dict[str, str]:
    """Article -> its origin (itself unless it is a copy): copies of one origin are one voice."""
    return {aid: dups[aid].origin if aid in dups else aid for aid in articles}


def claim_inputs(entity_mentions: Iterable[EntityMention], mentions: dict[str, EventMention],
                 aliases: dict[tuple[str, str], str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Participants of each claim (its own resolved entities and those named in its sentence) and its
    own actors, for ``find_disagreements``."""
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for em in entity_mentions:
        ent = aliases.get((em.article, em.text))
        if ent is not None and em.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            in_sentence[(em.article, em.sentence)].add(ent)
    participants = {
        m.id: {aliases[(m.article, n)] for n in (*m.actors, *m.patients, m.place or "")
               if (m.article, n) in aliases} | in_sentence.get((m.article, m.sentence), set())
        for m in mentions.values()}
    own = {m.id: {aliases[(m.article, n)] for n in m.actors if (m.article, n) in aliases}
           for m in mentions.values()}
    return participants, own


def run(ctx: Context) -> StageResult:
    new = pending(ctx, "link")
    if new is not None:
        return link_new(ctx.store, new)
    store = ctx.store
    events = store.events()
    event_of = {m: e.id for e in events for m in e.mentions}
    mentions = {m.id: m for m in store.event_mentions() if m.id in event_of}
    articles = {a.id: a for a in store.articles()}
    entities = {e.id: e for e in store.entities()}
    aliases = store.entity_aliases()
    previous = store.storylines()

    links = text_links(list(mentions.values()), event_of, articles)
    lines = build_storylines(events, mentions, links, entities, previous, store.article_stories())
    links += date_links(events, lines, links)
    story_of = {e: s.id for s in lines for e in s.events}
    events = [Event(**{**e.__dict__, "storyline": story_of.get(e.id)}) for e in events]
    store.replace_events(events)

    participants, own = claim_inputs(store.entity_mentions(), mentions, aliases)
    found = find_disagreements(events, mentions, articles, origins(articles, store.duplicates()),
                               participants, {k: v.name for k, v in entities.items()}, own)
    store.replace_links(links, lines, found)
    with store.db:
        store.take_journal()  # whatever a local merge noted is covered by this recompute
    mark_all(ctx, "link")
    causes = sum(lk.kind == "cause" for lk in links)
    return StageResult(len(links), f"links ({causes} causal), {len(lines)} storylines, "
                       f"{len(found)} disagreements")


def link_new(store: Store, new: list[Article]) -> StageResult:
    """Fold new articles in: their signal links; their new events into the storylines of the events
    they are told with or linked to (``attach_to_storylines``) and into those storylines' date chains
    (``chain_dates``); disagreements among the mentions of the events they tell (``new_disagreements``).
    First what merge took out (the fold journal): links and storyline places of events gone, links
    shown by retracted articles, disagreements about events that shrank."""
    with store.db:  # one transaction: the journal is emptied with the writes that follow it up
        journal = store.take_journal()
        gone, retracted = journal["gone"], journal["retracted"]
        store.drop_links_of(sorted(gone), sorted(retracted))
        lines = [Storyline(s.id, s.label, tuple(e for e in s.events if e not in gone))
                 for s in store.storylines_with(sorted(gone)).values()]
        store.drop_storylines([s.id for s in lines if not s.events])
        store.put_storylines([s for s in lines if s.events])
        result = _fold_links(store, new, store.events_by_id(sorted(journal["shrunk"])), gone, retracted)
        store.set_folded("link", store.max_seq())
    return result


def _fold_links(store: Store, new: list[Article], shrunk: dict[str, Event], gone: set[str],
                retracted: set[str]) -> StageResult:
    dups = store.duplicates()
    arts = {a.id: a for a in new if a.id not in dups}
    mentions = store.event_mentions_of(list(arts))
    event_of = store.event_of_mentions([m.id for m in mentions])
    touched = store.events_by_id(sorted(set(event_of.values())))
    old_links = store.links_of(list(touched))
    have = {(lk.source, lk.target) for lk in old_links} | {(lk.target, lk.source) for lk in old_links}
    links = [lk for lk in text_links(mentions, event_of, arts) if (lk.source, lk.target) not in have]
    have |= {(lk.source, lk.target) for lk in links} | {(lk.target, lk.source) for lk in links}
    near = store.events_by_id(sorted({x for lk in [*old_links, *links] for x in (lk.source, lk.target)}
                                     - set(touched)))
    actors = store.entities_by_id(sorted({a for e in touched.values() for a in e.actors[:3]}))
    placed, fresh_lines = attach_to_storylines(touched, near, mentions, event_of, [*old_links, *links],
                                               actors)
    fresh_ids = {s.id for s in fresh_lines}
    grown_lines = []
    # Re-order the storylines that gained an event, and those of touched events whose time a new
    # mention may have changed (merge wrote it to the events table, which storyline_members reads).
    regrown = set(placed.values()) | {e.storyline for e in touched.values() if e.storyline}
    for sid, line in store.storylines_by_id(sorted(regrown - fresh_ids)).items():
        # The order of a storyline from the events table's columns: no old event is decoded.
        starts = dict(store.storyline_members(sid))
        starts.update({e: touched[e].time.start if touched[e].time else None
                       for e, s in placed.items() if s == sid})
        order = sorted(starts, key=lambda e: (starts[e] or "9999", e))
        grown_lines.append(Storyline(sid, line.label, tuple(order)))
    changed = {eid: Event(**{**touched[eid].__dict__, "storyline": sid}) for eid, sid in placed.items()}
    links += date_links([e for e in changed.values() if e.storyline in fresh_ids], fresh_lines, links)
    chained, unchained = chain_dates(store, grown_lines, {e: ev for e, ev in changed.items()
                                                          if ev.storyline not in fresh_ids}, have)
    found, dropped = new_disagreements(store, {**shrunk, **touched}, dups, gone, retracted)
    store.add_links([*links, *chained])
    store.drop_date_links(unchained)
    store.put_events(list(changed.values()))
    store.put_storylines([*grown_lines, *fresh_lines])
    store.swap_disagreements(dropped, found)
    out = f"; {len(gone)} events gone, {len(shrunk)} shrunk" if gone or shrunk else ""
    return StageResult(len(links) + len(chained),
                       f"new links, {len(placed)} events placed in {len(grown_lines)} grown and "
                       f"{len(fresh_lines)} new storylines, {len(found)} disagreements found among the "
                       f"new articles' events" + out)


def _chained(e: Event | None) -> bool:
    """Whether ``date_links`` puts the event in its storyline's date chain."""
    return e is not None and e.time is not None and bool(e.time.start) and not e.time.approximate


def chain_dates(store: Store, lines: list[Storyline], placed: dict[str, Event],
                have: set[tuple[str, str]]) -> tuple[list[Link], list[tuple[str, str]]]:
    """Put each placed event into its storyline's chain of 'before' links between consecutive dated
    events: between its neighbours in time, whose own link it replaces. Only the neighbours are read
    from the store. Returns the links to add and the (source, target) date links to drop."""
    add: list[Link] = []
    drop: list[tuple[str, str]] = []
    cache: dict[str, Event | None] = dict(placed)

    def event(eid: str) -> Event | None:
        if eid not in cache:
            cache[eid] = store.events_by_id([eid]).get(eid)
        return cache[eid]

    for line in lines:
        here = sorted((e for e in placed.values() if e.storyline == line.id and _chained(e)),
                      key=lambda e: (e.time.start, e.id))  # type: ignore[union-attr]
        if not here:
            continue
        chain = sorted((start, eid) for eid, start in store.storyline_members(line.id)
                       if start and eid not in placed)
        for e in here:
            pos = bisect_left(chain, (e.time.start, e.id))  # type: ignore[union-attr]
            before = next((p for _, x in reversed(chain[:pos]) if _chained(p := event(x))), None)
            after = next((q for _, x in chain[pos:] if _chained(q := event(x))), None)
            if before is not None and after is not None:
                drop.append((before.id, after.id))
            for a, b in ((before, e), (e, after)):
                if a is not None and b is not None and (a.id, b.id) not in have and \
                        time_order(a.time, b.time) == -1:
                    add.append(Link(a.id, b.id, "before", f"{a.time.value} before {b.time.value}",  # type: ignore[union-attr]
                                    None, "dates"))
                    have |= {(a.id, b.id), (b.id, a.id)}
            chain.insert(pos, (e.time.start, e.id))  # type: ignore[arg-type, union-attr]
    return add, drop


def _when(e: Event) -> tuple[str, str]:
    return (e.time.start if e.time and e.time.start else "9999", e.id)


def attach_to_storylines(touched: dict[str, Event], near: dict[str, Event], mentions: list[EventMention],
                         event_of: dict[str, str], links: list[Link], entities: dict[str, Entity],
                         ) -> tuple[dict[str, str], list[Storyline]]:
    """New events (no storyline yet) -> the storyline they are most tied to, by the weights of
    ``storylines.event_graph``: told in the same (1.0) or next (0.5) sentence, linked (cause 2.0, else
    0.5), damped by distance in time. Ties spread through chains of new events; new events tied only
    to each other form a new storyline of at least ``MIN_SIZE``, labelled as a full build labels one
    (``entities`` names their actors). Shared participants are left to full builds: finding every old
    event of an entity is what makes them whole-corpus."""
    known = {**near, **touched}
    weights: dict[tuple[str, str], float] = defaultdict(float)

    def tie(a: str, b: str, w: float) -> None:
        if a != b and a in known and b in known:
            f = time_factor(event_year(known[a]), event_year(known[b]))
            weights[(a, b)] += w * f
            weights[(b, a)] += w * f

    where: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions:
        if m.id in event_of:
            where[(m.article, m.sentence)].add(event_of[m.id])
    for (article, sentence), here in where.items():
        for a in here:
            for b in here:
                if a < b:
                    tie(a, b, 1.0)
            for b in where.get((article, sentence + 1), ()):
                tie(a, b, 0.5)
    for lk in links:
        tie(lk.source, lk.target, 2.0 if lk.kind == "cause" else 0.5)
    line = {eid: e.storyline for eid, e in known.items() if e.storyline}
    placed: dict[str, str] = {}
    for _ in range(len(touched)):  # each pass places the new events next to placed ones
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for (a, b), w in weights.items():
            if a in touched and a not in line and b in line:
                votes[a][line[b]] += w
        if not votes:
            break
        for a, v in votes.items():
            line[a] = placed[a] = max(v, key=lambda sid: (v[sid], sid))
    import networkx as nx  # lazily, as elsewhere: its import costs a tenth of an add

    loose = nx.Graph()
    loose.add_nodes_from(sorted(a for a in touched if a not in line))
    loose.add_edges_from((a, b) for a, b in weights if a in loose and b in loose)
    fresh = []
    for members in sorted((sorted(c) for c in nx.connected_components(loose)), key=lambda c: c[0]):
        if len(members) >= MIN_SIZE:
            evs = sorted((touched[a] for a in members), key=_when)
            sid = stable_id("story", members[0])
            fresh.append(Storyline(sid, label(evs, entities, Counter(), 1), tuple(e.id for e in evs)))
            placed.update(dict.fromkeys(members, sid))
    return placed, fresh


def new_disagreements(store: Store, touched: dict[str, Event], dups: dict, gone: Set[str] = frozenset(),
                      retracted: Set[str] = frozenset()) -> tuple[list[Disagreement], list[int]]:
    """Disagreements recomputed among the mentions of the touched events; old ones whose claims all
    come from those events (or from events gone) or quote a retracted article are replaced, others
    kept (a found one already inside a kept one is not added twice). A full build also matches claims
    of other events sharing entities with these."""
    mentions = store.event_mentions_by_id([m for e in touched.values() for m in e.mentions])
    scope = sorted({m.article for m in mentions.values()})
    articles = {a.id: a for a in store.articles_by_id(scope)}
    aliases = store.aliases_of(scope)
    participants, own = claim_inputs(
        store.entity_mentions_in({(m.article, m.sentence) for m in mentions.values()}), mentions, aliases)
    names = {e.id: e.name for e in store.entities_by_id(sorted({x for v in participants.values()
                                                                 for x in v})).values()}
    found = find_disagreements(list(touched.values()), mentions, articles, origins(articles, dups),
                               participants, names, own)
    dropped, kept = [], []
    for rid, d in store.disagreements_about([*touched, *gone]):  # others cannot hold what is found
        if all(c.event in touched or c.event in gone for c in d.claims) or \
                any(c.article in retracted for c in d.claims):
            dropped.append(rid)
        else:
            kept.append(frozenset((c.article, c.text, c.stance) for c in d.claims))
    fresh = [d for d in found if not any(frozenset((c.article, c.text, c.stance) for c in d.claims) <= k
                                         for k in kept)]
    return fresh, dropped
