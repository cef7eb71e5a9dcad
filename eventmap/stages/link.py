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

from collections import defaultdict

from ..models import Article, Event, EventMention, Link, Storyline
from ..nlp.causal import signal_links, time_order
from ..nlp.disagreements import eventive, find_disagreements
from ..nlp.storylines import build_storylines
from ..pipeline.context import Context
from ..pipeline.runner import StageResult


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


def run(ctx: Context) -> StageResult:
    store = ctx.store
    events = store.events()
    event_of = {m: e.id for e in events for m in e.mentions}
    mentions = {m.id: m for m in store.event_mentions() if m.id in event_of}
    articles = {a.id: a for a in store.articles()}
    entities = {e.id: e for e in store.entities()}
    aliases = store.entity_aliases()
    previous = store.storylines()

    links = text_links(list(mentions.values()), event_of, articles)
    lines = build_storylines(events, mentions, links, entities, previous)
    links += date_links(events, lines, links)
    story_of = {e: s.id for s in lines for e in s.events}
    events = [Event(**{**e.__dict__, "storyline": story_of.get(e.id)}) for e in events]
    store.replace_events(events)

    # Participants of a claim: its own resolved entities and those named in its sentence.
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for em in store.entity_mentions():
        ent = aliases.get((em.article, em.text))
        if ent is not None and em.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            in_sentence[(em.article, em.sentence)].add(ent)
    participants = {
        m.id: {aliases[(m.article, n)] for n in (*m.actors, *m.patients, m.place or "")
               if (m.article, n) in aliases} | in_sentence.get((m.article, m.sentence), set())
        for m in mentions.values()}
    own = {m.id: {aliases[(m.article, n)] for n in m.actors if (m.article, n) in aliases}
           for m in mentions.values()}
    found = find_disagreements(events, mentions, articles, origins(articles, store.duplicates()),
                               participants, {k: v.name for k, v in entities.items()}, own)
    store.replace_links(links, lines, found)
    causes = sum(lk.kind == "cause" for lk in links)
    return StageResult(len(links), f"links ({causes} causal), {len(lines)} storylines, "
                       f"{len(found)} disagreements")
