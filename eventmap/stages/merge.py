"""merge: event mentions across articles -> events (the same happening, told by several outlets).

The clustering itself is ``nlp.event_coref`` on plain records; this stage turns extracted mentions
into records (participants and sentence entities as resolved entity ids, so "DPRK" and "North
Korea" agree) and clusters into ``Event`` rows. Blocking by event class keeps cost near-linear.
Explicit times that cannot overlap never merge (two different exact days never do), nor two
mentions naming different actors; beyond the class, a merge needs one more piece of evidence: a
shared actor, a specific entity named in both sentences, the same place, or the same date.
Hypothetical mentions ("could invade") merge with nothing. The event id is the hash of its first
mention, so ids stay put as articles are added.

Then the articles are grouped into stories (``nlp.stories``: words, entities, and the events just
merged); a copy joins its origin's story. Stories are stored and exported, not used as merge
evidence: on ECB+ the class alone within a story merges well, but a newsletter covering many
happenings would fall into one story with the article it shares a topic with.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..models import Article, Duplicate, Entity, EntityMention, Event, EventMention, Story, Timex, stable_id
from ..nlp.event_coref import NEWS, CorefPolicy, MentionRecord, cluster_records
from ..nlp.lexicon import event_class
from ..nlp.stories import StoryDoc, story_clusters
from ..pipeline.context import Context
from ..pipeline.runner import StageResult

LABEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
GRANULARITY_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4,
                    "year": 5, "decade": 6, "century": 7, "unknown": 8}


def best_time(times: list[Timex]) -> Timex | None:
    """The most specific explicit time; inherited or approximate ones only when nothing else."""
    dated = [t for t in times if t.start]
    if not dated:
        return None
    return min(dated, key=lambda t: (t.approximate, GRANULARITY_RANK.get(t.granularity, 8), t.start))


def sentence_entities(entity_mentions: list[EntityMention],
                      aliases: dict[tuple[str, str], str]) -> dict[tuple[str, int], tuple[str, ...]]:
    """(article, sentence index) -> resolved entity ids named in that sentence, in text order."""
    out: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
    for m in entity_mentions:
        eid = aliases.get((m.article, m.text))
        if eid is not None:
            out[(m.article, m.sentence)][eid] = None
    return {k: tuple(v) for k, v in out.items()}


def mention_records(mentions: list[EventMention], aliases: dict[tuple[str, str], str],
                    context: dict[tuple[str, int], tuple[str, ...]] | None = None,
                    stories: dict[str, str] | None = None) -> list[MentionRecord]:
    records = []
    for m in mentions:
        # An ordered set: a plain set's order changes with each process's string hashing, and the
        # actor order decides tie-breaks downstream (event actors, storyline labels).
        actors = tuple(dict.fromkeys(aliases[(m.article, n)] for n in m.actors if (m.article, n) in aliases))
        place = aliases.get((m.article, m.place)) if m.place else None
        records.append(MentionRecord(
            id=m.id, doc=m.article, lemma=m.lemma, actors=actors,
            context=(context or {}).get((m.article, m.sentence), ()), place=place, time=m.time,
            time_explicit=m.time is not None and not m.time_inherited,
            story=(stories or {}).get(m.article), hypothetical=m.modality == "hypothetical",
        ))
    return records


def merge_mentions(mentions: list[EventMention], articles: dict[str, Article],
                   aliases: dict[tuple[str, str], str],
                   context: dict[tuple[str, int], tuple[str, ...]] | None = None,
                   stories: dict[str, str] | None = None, policy: CorefPolicy = NEWS) -> list[Event]:
    records = mention_records(mentions, aliases, context, stories)
    events = []
    for members in cluster_records(records, policy):
        c_mentions = [mentions[i] for i in members]
        c_records = [records[i] for i in members]
        seed = c_mentions[0]
        arts = tuple(dict.fromkeys(m.article for m in c_mentions))
        time = best_time([r.time for r in c_records if r.time_explicit and r.time]) or \
            best_time([m.time for m in c_mentions if m.time])
        actor_counts = Counter(a for r in c_records for a in r.actors)
        place_counts = Counter(r.place for r in c_records if r.place)
        summary = max((m for m in c_mentions if m.summary), default=seed,
                      key=lambda m: (m.modality == "asserted", -abs(len(m.summary) - 60))).summary
        events.append(Event(
            id=stable_id("evt", seed.id), summary=summary or seed.trigger,
            # A readable class: the synonym class, else the commonest lemma (not the stem "earthquak").
            lemma=event_class(Counter(m.lemma for m in c_mentions).most_common(1)[0][0]),
            time=time, actors=tuple(a for a, _ in actor_counts.most_common()),
            place=place_counts.most_common(1)[0][0] if place_counts else None,
            mentions=tuple(m.id for m in c_mentions), articles=arts,
            outlets=tuple(dict.fromkeys(articles[a].outlet for a in arts if a in articles)),
        ))
    return events


def build_stories(articles: list[Article], dups: dict[str, Duplicate], events: list[Event],
                  aliases: dict[tuple[str, str], str], entities: list[Entity],
                  ) -> tuple[list[Story], dict[str, str]]:
    """Stories over the unique articles (words, entities, and events told by two or more of them);
    a copy joins its origin's story. Story ids hash their first article, so they stay put."""
    unique = [a for a in articles if a.id not in dups]
    named: dict[str, dict[str, None]] = defaultdict(dict)
    for (article, _), eid in sorted(aliases.items()):
        named[article][eid] = None
    shared: dict[str, list[str]] = defaultdict(list)
    for e in events:
        if len(e.articles) > 1:
            for a in e.articles:
                shared[a].append(e.id)
    docs = [StoryDoc(a.id, f"{a.title}\n{a.text}", a.published, (*named[a.id], *shared[a.id]))
            for a in unique]
    names = {e.id: e.name for e in entities if e.type in LABEL_TYPES}
    weight = {e.id: e.mentions for e in entities}
    # Article -> its events by position: scanning every event for every story was quadratic.
    events_of: dict[str, list[int]] = defaultdict(list)
    for k, e in enumerate(events):
        for a in e.articles:
            events_of[a].append(k)
    stories, article_story = [], {}
    for members in story_clusters(docs):
        arts = tuple(unique[i].id for i in members)
        story_id = stable_id("sty", arts[0])
        # Label: the entities most of its articles name, the most mentioned first among equals.
        counts = Counter(eid for a in arts for eid in named[a] if eid in names)
        top = sorted(counts, key=lambda eid: (-counts[eid], -weight[eid], names[eid]))[:3]
        label = ", ".join(names[eid] for eid in top) or unique[members[0]].title
        told = sorted({k for a in arts for k in events_of[a]})  # in event order, as before
        stories.append(Story(story_id, label, arts, tuple(events[k].id for k in told)))
        article_story.update(dict.fromkeys(arts, story_id))
    for copy, dup in dups.items():
        if dup.origin in article_story:
            article_story[copy] = article_story[dup.origin]
    return stories, article_story


def run(ctx: Context) -> StageResult:
    dups = ctx.store.duplicates()
    articles = {a.id: a for a in ctx.store.articles()}
    mentions = [m for m in ctx.store.event_mentions() if m.article not in dups]
    aliases = ctx.store.entity_aliases()
    context = sentence_entities([m for m in ctx.store.entity_mentions() if m.article not in dups], aliases)
    events = merge_mentions(mentions, articles, aliases, context)
    ctx.store.replace_events(events)
    stories, article_story = build_stories(list(articles.values()), dups, events, aliases,
                                           ctx.store.entities())
    ctx.store.replace_stories(stories, article_story)
    multi = sum(len(e.articles) > 1 for e in events)
    return StageResult(len(events), f"events from {len(mentions)} mentions ({multi} in 2+ articles), "
                                    f"{len(stories)} stories")
