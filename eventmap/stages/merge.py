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

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence, Set

from ..config import Settings
from ..models import (
    Article,
    Correction,
    Duplicate,
    Entity,
    EntityMention,
    Event,
    EventMention,
    MergeEvidence,
    Story,
    Timex,
    stable_id,
)
from ..nlp.corrections import apply_corrections
from ..nlp.event_coref import (
    NEWS,
    CorefPolicy,
    MentionRecord,
    cluster_records,
    common_entities,
    days_before,
    extend_clusters,
    phrase_class,
    shared_keys,
)
from ..nlp.eventness import VERDICT_VERBS, VERDICT_WORDS
from ..nlp.lexicon import event_class, stop_words
from ..nlp.stories import (
    MIN_SIMILARITY,
    WINDOW_DAYS,
    Lead,
    StoryDoc,
    mean_similarity,
    report_leads,
    story_clusters,
)
from ..pipeline.context import Context
from ..pipeline.folding import mark_all, pending
from ..pipeline.runner import StageResult
from ..store.codec import dumps, loads
from ..store.sqlite import Store

LABEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
MAX_VOTERS = 50  # placing a new article: events told by more articles than this do not vote
MAX_CANDIDATE_STORIES = 5  # placing a new article: the stories it shares most with are compared by text
STORY_SAMPLE = 30  # ... against their latest articles
GRANULARITY_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4,
                    "year": 5, "decade": 6, "century": 7, "unknown": 8}


BACKING_GRANULARITIES = frozenset({"month", "week", "day", "time"})


def best_time(times: list[Timex], support: Sequence[tuple[str, Timex]] = ()) -> Timex | None:
    """The time most articles agree on, then the most specific, then the earliest; inherited or
    approximate ones only when nothing else. ``support``: (article, time) pairs the vote counts: an
    article backs a candidate when one of its times of a month or finer contains it ("June 2009"
    backs "25 June 2009"; a year backs too many days to count), so one report's misread day does
    not outvote several that say June 2009."""
    dated = [t for t in times if t.start]
    if not dated:
        return None
    backing = [(doc, t.start[:10], (t.end or t.start)[:10]) for doc, t in support
               if t.start and t.granularity in BACKING_GRANULARITIES]

    def backers(c: Timex) -> int:
        start, end = c.start[:10], (c.end or c.start)[:10]  # type: ignore[index]
        return len({doc for doc, s, e in backing if s <= start and end <= e})

    return min(dated, key=lambda t: (t.approximate, -backers(t), GRANULARITY_RANK.get(t.granularity, 8),
                                     t.start))


def sentence_entities(entity_mentions: list[EntityMention],
                      aliases: dict[tuple[str, str], str]) -> dict[tuple[str, int], tuple[str, ...]]:
    """(article, sentence index) -> resolved entity ids named in that sentence, in text order."""
    out: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
    for m in entity_mentions:
        eid = aliases.get((m.article, m.text))
        if eid is not None:
            out[(m.article, m.sentence)][eid] = None
    return {k: tuple(v) for k, v in out.items()}


STORY_LEAD = 5
# A report's own news is told in the main clause of its first sentences (a standfirst, then the
# lead): ``MentionRecord.lead``.
LEAD_SENTENCES = 2


def _leads(m: EventMention) -> bool:
    """``m`` is in the main clause of its article's first LEAD_SENTENCES sentences."""
    return m.sentence < LEAD_SENTENCES and m.depth == 0


# A verdict word a few words after "found"/"declared", in the same clause ("found a former agent
# guilty of murder"): the class of "found guilty", not of finding a body.
_VERDICT_AFTER = re.compile(r"[^.,;:!?]{0,80}?\b(?:not\s+)?(" + "|".join(sorted(VERDICT_WORDS)) + r")\b",
                            re.IGNORECASE)


def mention_records(mentions: list[EventMention], aliases: dict[tuple[str, str], str],
                    context: dict[tuple[str, int], tuple[str, ...]] | None = None,
                    stories: dict[str, str] | None = None,
                    published: dict[str, str | None] | None = None) -> list[MentionRecord]:
    """Coreference records of extracted mentions; ``published`` (article -> ISO date) bounds when an
    undated mention happened (``CorefPolicy.undated_horizon_days``). A mention carries its article's
    story (``stories``) only in the article's first STORY_LEAD sentences: a story is about one
    happening, which its articles tell in their leads; deeper down a long piece tells others."""
    records = []
    for m in mentions:
        # An ordered set: a plain set's order changes with each process's string hashing, and the
        # actor order decides tie-breaks downstream (event actors, storyline labels).
        actors = tuple(dict.fromkeys(aliases[(m.article, n)] for n in m.actors if (m.article, n) in aliases))
        place = aliases.get((m.article, m.place)) if m.place else None
        # "found guilty", "passed away": the word after the trigger may name the happening with it;
        # "found the agent guilty": a verdict word later in its clause does too.
        at = m.end - m.sentence_start
        following = m.sentence_text[at:at + 16].split(None, 1)
        if m.lemma in VERDICT_VERBS and (verdict := _VERDICT_AFTER.match(m.sentence_text, at)):
            following = [verdict.group(1).lower()]
        records.append(MentionRecord(
            id=m.id, doc=m.article, lemma=m.lemma, actors=actors,
            cls=phrase_class(m.lemma, following[0]) if following else "",
            context=(context or {}).get((m.article, m.sentence), ()), place=place, time=m.time,
            time_explicit=m.time is not None and not m.time_inherited, time_nearby=m.time_nearby,
            story=(stories or {}).get(m.article) if m.sentence < STORY_LEAD else None,
            hypothetical=m.modality == "hypothetical",
            published=(published or {}).get(m.article),
            lead=_leads(m),
        ))
    return records


def make_event(c_mentions: list[EventMention], c_records: list[MentionRecord],
               outlet_of: dict[str, str], storyline: str | None = None,
               evidence: Sequence[MergeEvidence] = ()) -> Event:
    """One event from its mentions (first mention first), their records and why they merged."""
    seed = c_mentions[0]
    best = max((m for m in c_mentions if m.summary), default=seed, key=_central(c_mentions))
    return _event(stable_id("evt", seed.id), best.summary or seed.trigger, tuple(m.id for m in c_mentions),
                  c_records, outlet_of, storyline, best.what, tuple(evidence))


def grow_event(old: Event, records: list[MentionRecord], added: list[EventMention],
               outlet_of: dict[str, str], evidence: Sequence[MergeEvidence] = ()) -> Event:
    """An old event with new mentions (``records`` are all its members'), without reading the old
    mentions back: every field comes from the records but the summary, which a new mention takes over
    only when it tells the event better (the old one is taken as asserted)."""
    best = max((m for m in added if m.summary), default=None, key=_telling)
    keep = best is None or _telling(best) <= (True, True, -abs(len(old.summary) - 60))
    summary, what = (old.summary, old.what) if keep else (best.summary, best.what)
    return _event(old.id, summary, (*old.mentions, *(m.id for m in added)), records, outlet_of, old.storyline,
                  what, (*old.merge_evidence, *evidence))


def _central(mentions: list[EventMention]) -> Callable[[EventMention], tuple]:
    """``_telling`` with, before the length, how many of the words its mentions' headlines use most
    the headline holds (``KEY_WORDS`` of them). Of a hundred reports of the rig's explosion, "BP's
    Deepwater Horizon rig exploded" over one about the company's earlier refinery blast that the
    merge let in; a headline that opens on a pronoun ("That killed ...") tells too little alone."""
    words = {m.id: _words(m.summary) for m in mentions}
    share = Counter(w for ws in words.values() for w in ws)
    key_words = {w for w, _ in share.most_common(KEY_WORDS)} if len(mentions) >= 3 else set()

    def key(m: EventMention) -> tuple:
        asserted, full, length = _telling(m)
        alone = full and not _PRONOUN_START.match(m.summary)
        return asserted, alone, len(words[m.id] & key_words), length

    return key


KEY_WORDS = 5
_WORD = re.compile(r"[a-z]{3,}")
# a headline opening on a pronoun or a subordinator needs the sentence around it
_PRONOUN_START = re.compile(r"(?:it|this|that|these|those|they|we|he|she|you|i|how|what|which|who|there"
                            r"|when|while|after|before|as|if|because|although|though)\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in stop_words()}


def _telling(m: EventMention) -> tuple[bool, bool, int]:
    """How well a mention tells its event: asserted first, then a headline with a subject (more than
    its predicate), then closest to headline length."""
    return (m.modality == "asserted", m.summary != m.what, -abs(len(m.summary) - 60))


STALE_DAYS = WINDOW_DAYS  # a lead's news is this recent: the story window


def _ended_before(t: Timex, published: str | None) -> bool:
    """Whether ``t`` ended more than STALE_DAYS before the day ``published``."""
    gap = days_before(t, published)
    return gap is not None and gap > STALE_DAYS


def _event(eid: str, summary: str, mentions: tuple[str, ...], c_records: list[MentionRecord],
           outlet_of: dict[str, str], storyline: str | None, what: str = "",
           evidence: tuple[MergeEvidence, ...] = ()) -> Event:
    arts = tuple(dict.fromkeys(r.doc for r in c_records))
    # A time in a mention's own phrase first; one that is only the closest of its sentence may be
    # another event's ("a public meeting on Sunday evening about the dam that burst").
    said = [(r.doc, r.time) for r in c_records if r.time_explicit and r.time and not r.time.approximate]
    own = [r.time for r in c_records if r.time_explicit and not r.time_nearby and r.time]
    # ... and for an event some report leads with (its news), a closest time that ended weeks before
    # its own report dates another event of the sentence ("took three days to convict him of the
    # murder of a developer who disappeared in June 2021", in a report of May 2026)
    news = any(r.lead for r in c_records)
    timed = [r for r in c_records if r.time and not (
        news and r.time_explicit and r.time_nearby and _ended_before(r.time, r.published))]
    explicit = [r.time for r in timed if r.time_explicit]
    time = best_time(own, said) or best_time(explicit, said) or best_time([r.time for r in timed], said)
    place_counts = Counter(r.place for r in c_records if r.place)
    place = place_counts.most_common(1)[0][0] if place_counts else None
    # Each mention's first actor (its subject's head) counts twice: the event's main actor comes first.
    # The place where it happened is no actor of it ("a Sheffield tram derailed ... in Sheffield").
    actor_counts = Counter(a for r in c_records for a in (*r.actors[:1], *r.actors) if a != place)
    return Event(
        id=eid, summary=summary,
        # A readable class: the synonym class, else the commonest lemma (not the stem "earthquak").
        lemma=event_class(Counter(r.lemma for r in c_records).most_common(1)[0][0]),
        time=time, actors=core_actors(actor_counts, c_records), place=place,
        mentions=mentions, articles=arts,
        outlets=tuple(dict.fromkeys(outlet_of[a] for a in arts if a in outlet_of)), storyline=storyline,
        what=what, merge_evidence=evidence,
    )


MAX_EVENT_ACTORS = 4


def core_actors(counts: Counter[str], records: list[MentionRecord]) -> tuple[str, ...]:
    """An event's actors: the main one, and those at least a third of its mentions name (at most
    MAX_EVENT_ACTORS); a name one article of many drops in stays on that mention only."""
    named = Counter(a for r in records for a in set(r.actors))
    floor = len(records) / 3
    ranked = [a for a, _ in counts.most_common()]
    return tuple(a for k, a in enumerate(ranked) if k == 0 or named[a] >= floor)[:MAX_EVENT_ACTORS]


CorefRow = tuple[str, str, str, str, str]  # mention, article, event, event class, record JSON


def coref_row(r: MentionRecord, event: str) -> CorefRow:
    return (r.id, r.doc, event, r.event_class, dumps(r))


def merge_mentions(mentions: list[EventMention], articles: dict[str, Article],
                   aliases: dict[tuple[str, str], str],
                   context: dict[tuple[str, int], tuple[str, ...]] | None = None,
                   stories: dict[str, str] | None = None, policy: CorefPolicy = NEWS,
                   rows: list[CorefRow] | None = None,
                   records: list[MentionRecord] | None = None,
                   common: frozenset[str] | None = None,
                   corrections: Sequence[Correction] = ()) -> list[Event]:
    """Events from mentions, a person's ``corrections`` replayed on the clusters; ``rows``, when given,
    receives each mention's coreference record."""
    if records is None:
        records = mention_records(mentions, aliases, context, stories,
                                  {a.id: a.published for a in articles.values()})
    outlet_of = {a.id: a.outlet for a in articles.values()}
    events = []
    evidence: dict[int, MergeEvidence] = {}
    clusters = cluster_records(records, policy, common=common, evidence=evidence)
    clusters = apply_corrections(clusters, [r.id for r in records], corrections, evidence)
    for members in clusters:
        event = make_event([mentions[i] for i in members], [records[i] for i in members], outlet_of,
                           evidence=[evidence[i] for i in members if i in evidence])
        events.append(event)
        if rows is not None:
            rows.extend(coref_row(records[i], event.id) for i in members)
    return events


def lead_mentions(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Mention id -> its article, for the mentions in the main clause of an article's first sentences
    (``MentionRecord.lead``): what each report leads with."""
    return {m.id: m.article for m in mentions if _leads(m)}


def dates_from_leads(articles: Sequence[Article], events: Sequence[Event],
                     leads_of: Mapping[str, str]) -> dict[str, str]:
    """Undated article -> the middle publication day of the dated reports telling the events its lead
    tells: what the other origins say about when it came out. An undated page is within any time
    window, so in a stream of dated reports it tied two happenings of one kind months apart into one
    story (a film's premiere and its award). Only in such a stream (most articles dated): where most
    are undated, the window hardly applies, and an estimate from a few dated pages is noise."""
    published = {a.id: (a.published or "")[:10] for a in articles}
    if 2 * sum(bool(d) for d in published.values()) <= len(published):
        return {}
    days: dict[str, list[str]] = defaultdict(list)
    for e in events:
        undated = {leads_of[m] for m in e.mentions if m in leads_of and not published.get(leads_of[m])}
        if undated:
            dated = [published[a] for a in e.articles if published.get(a)]
            for a in undated:
                days[a].extend(dated)
    return {a: sorted(v)[len(v) // 2] for a, v in days.items() if v}


def story_docs(articles: list[Article], dups: dict[str, Duplicate], events: list[Event],
               aliases: dict[tuple[str, str], str], leads: Mapping[str, tuple[Lead, ...]] | None = None,
               leads_of: Mapping[str, str] | None = None,
               ) -> tuple[list[Article], list[StoryDoc], dict[str, list[str]]]:
    """The unique articles, their story documents (words, title, date, the entities they name and the
    events told by two or more of them, the happenings their leads tell), and the entity ids each
    names in text order. ``leads_of`` (``lead_mentions``) dates an undated article by the reports
    that tell what its lead tells (``dates_from_leads``)."""
    unique = [a for a in articles if a.id not in dups]
    inferred = dates_from_leads(articles, events, leads_of) if leads_of else {}
    named: dict[str, dict[str, None]] = defaultdict(dict)
    for (article, _), eid in sorted(aliases.items()):
        named[article][eid] = None
    shared: dict[str, list[str]] = defaultdict(list)
    for e in events:
        if len(e.articles) > 1:
            for a in e.articles:
                shared[a].append(e.id)
    docs = [StoryDoc(a.id, a.text, a.published or inferred.get(a.id), (*named[a.id], *shared[a.id]), a.title,
                     (leads or {}).get(a.id, ()), estimated=not a.published and a.id in inferred)
            for a in unique]
    return unique, docs, {a: list(v) for a, v in named.items()}


def store_leads(store: Store, articles: Sequence[Article] | None = None,
                min_confidence: float = Settings.min_event_confidence) -> dict[str, tuple[Lead, ...]]:
    """``nlp.stories.report_leads`` of the stored articles (``articles``, read already, else all),
    from their event mentions the map keeps: what the full build gives ``build_stories``, for
    ``eventmap add`` and the stories benchmark, which read the store."""
    if articles is None:
        mentions = store.event_mentions()
        articles = store.articles()
    else:
        mentions = store.event_mentions_of([a.id for a in articles])
    published = {a.id: a.published for a in articles}
    kept = [m for m in mentions if m.confidence >= min_confidence]
    aliases = store.aliases_of(sorted({m.article for m in kept}))
    return report_leads(mention_records(kept, aliases, published=published))


def build_stories(articles: list[Article], dups: dict[str, Duplicate], events: list[Event],
                  aliases: dict[tuple[str, str], str], entities: list[Entity],
                  min_similarity: float = MIN_SIMILARITY, window_days: int = WINDOW_DAYS,
                  leads: Mapping[str, tuple[Lead, ...]] | None = None,
                  leads_of: Mapping[str, str] | None = None,
                  ) -> tuple[list[Story], dict[str, str]]:
    """Stories over the unique articles (``nlp.stories``); a copy joins its origin's story. Story ids
    hash their first article, so they stay put. ``leads``: the happenings each article leads with
    (``nlp.stories.report_leads``): two reports leading with one kind of happening days apart are
    two stories."""
    unique, docs, named = story_docs(articles, dups, events, aliases, leads, leads_of)
    names = {e.id: e.name for e in entities if e.type in LABEL_TYPES}
    weight = {e.id: e.mentions for e in entities}
    # Article -> its events by position: scanning every event for every story was quadratic.
    events_of: dict[str, list[int]] = defaultdict(list)
    for k, e in enumerate(events):
        for a in e.articles:
            events_of[a].append(k)
    stories, article_story = [], {}
    for members in story_clusters(docs, min_similarity=min_similarity, window_days=window_days):
        arts = tuple(unique[i].id for i in members)
        story_id = stable_id("sty", arts[0])
        # Label: the entities most of its articles name, the most mentioned first among equals.
        counts = Counter(eid for a in arts for eid in named.get(a, ()) if eid in names)
        top = sorted(counts, key=lambda eid: (-counts[eid], -weight[eid], names[eid]))[:3]
        label = ", ".join(names[eid] for eid in top) or unique[members[0]].title
        told = sorted({k for a in arts for k in events_of[a]})  # in event order, as before
        stories.append(Story(story_id, label, arts, tuple(events[k].id for k in told)))
        article_story.update(dict.fromkeys(arts, story_id))
    for copy, dup in dups.items():
        if dup.origin in article_story:
            article_story[copy] = article_story[dup.origin]
    return stories, article_story


def map_mentions(mentions: list[EventMention], min_confidence: float) -> list[EventMention]:
    """The mentions that become events: those sure enough to name a happening (nlp/eventness.py)."""
    return [m for m in mentions if m.confidence >= min_confidence]


def merge_new(store: Store, new: list[str], min_confidence: float = 0.0,
              stories: dict[str, str] | None = None,
              ) -> tuple[list[Event], list[Event], list[CorefRow], list[tuple[str, str, str]]]:
    """The new articles' mentions folded into the events of their classes (``extend_clusters``);
    ``stories`` (article -> story), when known, count as evidence as in a full build's second pass.

    Returns the old events they joined (updated, same id and row), the new events, the coref rows
    and key rows of the new mentions."""
    mentions = map_mentions(store.event_mentions_of(new), min_confidence)
    aliases = store.aliases_of(new)
    published = {a.id: a.published for a in store.articles_by_id(list(new))}
    records = mention_records(mentions, aliases, sentence_entities(store.entity_mentions_of(new), aliases),
                              stories=stories, published=published)
    common = store.coref_common()
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if not r.hypothetical:
            wanted[r.event_class].update(shared_keys(r, common))
    existing: dict[str, list[MentionRecord]] = {}
    for eid, _, data in store.coref_rows(wanted):  # only events a new mention can be scored against
        existing.setdefault(eid, []).append(loads(MentionRecord, data))
    evidence: dict[int, MergeEvidence] = {}
    owners = extend_clusters(list(existing.items()), records, common, evidence=evidence)
    joined: dict[str | int, list[int]] = {}
    for k, owner in enumerate(owners):
        joined.setdefault(owner, []).append(k)
    old_ids = [o for o in joined if isinstance(o, str)]
    old_events = store.events_by_id(old_ids)
    outlet_of = store.outlets_of({a for e in old_events.values() for a in e.articles} | set(new))
    grown: list[Event] = []
    fresh: list[Event] = []
    rows: list[CorefRow] = []
    for owner, ks in joined.items():
        if isinstance(owner, str):
            rs = existing[owner] + [records[k] for k in ks]
            event = grow_event(old_events[owner], rs, [mentions[k] for k in ks], outlet_of,
                               [evidence[k] for k in ks if k in evidence])
            grown.append(event)
        else:
            event = make_event([mentions[k] for k in ks], [records[k] for k in ks], outlet_of,
                               evidence=[evidence[k] for k in ks if k in evidence])
            fresh.append(event)
        rows += [coref_row(records[k], event.id) for k in ks]
    return grown, fresh, rows, key_rows(records, rows, common)


def key_rows(records: list[MentionRecord], rows: list[CorefRow],
             common: frozenset[str]) -> list[tuple[str, str, str]]:
    """(class, evidence key, event) for the store's key index (``event_coref.shared_keys``);
    ``rows`` say which event each record went to."""
    event_of = {mention: event for mention, _, event, _, _ in rows}
    out: dict[tuple[str, str, str], None] = {}
    for r in records:
        if r.id in event_of and not r.hypothetical:
            for key in shared_keys(r, common):
                out[(r.event_class, key, event_of[r.id])] = None
    return list(out)


def retract(store: Store, articles: list[str]) -> tuple[list[Event], list[str]]:
    """Take these articles' mentions out of their events (old articles that became copies of a new
    original): an event left without mentions is dropped, the others keep their id and are updated
    from their remaining records. Writes, and notes the changes for link in the fold journal."""
    pairs = store.retract_coref(articles)
    removed = {m for m, _ in pairs}
    ids = sorted({e for _, e in pairs})
    old = store.events_by_id(ids)
    remaining: dict[str, list[MentionRecord]] = defaultdict(list)
    for eid, _, data in store.coref_of_events(ids):
        remaining[eid].append(loads(MentionRecord, data))
    outlet_of = store.outlets_of({r.doc for rs in remaining.values() for r in rs})
    shrunk = [_event(eid, old[eid].summary, tuple(m for m in old[eid].mentions if m not in removed),
                     remaining[eid], outlet_of, old[eid].storyline, old[eid].what,
                     tuple(ev for ev in old[eid].merge_evidence if ev.mention not in removed))
              for eid in ids if eid in old and remaining[eid]]
    gone = [eid for eid in ids if not remaining[eid]]
    store.drop_events(gone)
    store.put_events(shrunk)
    store.put_reports(shrunk)
    store.journal("gone", gone)
    store.journal("shrunk", [e.id for e in shrunk])
    store.journal("retracted", articles)
    return shrunk, gone


def place_stories(store: Store, new: list[Article], dups: dict[str, Duplicate], events: list[Event],
                  retracted: Sequence[str] = (), gone: Set[str] = frozenset(),
                  min_similarity: float = MIN_SIMILARITY, window_days: int = WINDOW_DAYS,
                  min_confidence: float = Settings.min_event_confidence,
                  ) -> tuple[list[Story], dict[str, str]]:
    """Each new article joins the story it is most alike, else starts one; a copy joins its origin's.
    Candidates are the stories it shares something specific with (events told by both, an event told
    by many articles counting less; entities named by few articles); it joins the best of them only
    when, as in the full clustering (``nlp.stories``), its words and names are on average
    ``min_similarity`` alike the story's latest articles within the time window. Labels of old stories
    stay; their lists grow."""
    unique = [a for a in new if a.id not in dups]
    told: dict[str, list[str]] = defaultdict(list)
    others: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        for a in e.articles:
            told[a].append(e.id)
            if len(e.articles) <= MAX_VOTERS:  # an event told by hundreds says little of the story
                others[a].update({b: 1.0 / (len(e.articles) - 1) for b in e.articles if b != a})
    named: dict[str, set[str]] = defaultdict(set)
    for (article, _), eid in store.aliases_of([a.id for a in unique]).items():
        named[article].add(eid)
    naming = store.articles_naming(sorted({e for v in named.values() for e in v}))
    df = Counter(e for _, e in naming)
    rare = max(3.0, 0.05 * store.count("articles"))
    by_entity: dict[str, list[str]] = defaultdict(list)
    for article, e in naming:
        if df[e] <= rare:
            by_entity[e].append(article)
    copies = [a.id for a in new if a.id in dups] + list(retracted)
    story_of = store.story_of(sorted({b for c in others.values() for b in c} |
                                     {b for v in by_entity.values() for b in v} |
                                     {dups[c].origin for c in copies} | set(retracted)))
    changed: dict[str, Story] = {}
    article_story: dict[str, str] = {}
    for x in retracted:  # a retracted article leaves its story (and joins its origin's below)
        if x in story_of:
            st = changed.get(story_of[x]) or store.stories_by_id([story_of[x]])[story_of[x]]
            changed[st.id] = Story(st.id, st.label, tuple(a for a in st.articles if a != x),
                                   tuple(e for e in st.events if e not in gone))
    for a in unique:
        votes: Counter[str] = Counter()
        for b, w in others[a.id].items():
            if b in story_of:
                votes[story_of[b]] += w
        for e in named[a.id]:
            for sid in {story_of[b] for b in by_entity.get(e, ()) if b in story_of}:
                votes[sid] += 0.5
        candidates = sorted(votes, key=lambda k: (-votes[k], k))[:MAX_CANDIDATE_STORIES]
        alike = _story_similarity(store, a, named[a.id], told[a.id],
                                  {k: changed.get(k) or store.stories_by_id([k])[k] for k in candidates},
                                  window_days, min_confidence)
        best = min((k for k in alike if alike[k] >= min_similarity), key=lambda k: (-alike[k], k),
                   default=None)
        if best is not None:
            st = changed.get(best) or store.stories_by_id([best])[best]
            changed[best] = Story(st.id, st.label, (*st.articles, a.id),
                                  tuple(dict.fromkeys((*st.events, *told[a.id]))))
        else:
            best = stable_id("sty", a.id)
            changed[best] = Story(best, a.title, (a.id,), tuple(told[a.id]))
        story_of[a.id] = article_story[a.id] = best
    for c in copies:
        if dups[c].origin in story_of:
            article_story[c] = story_of[dups[c].origin]
    return list(changed.values()), article_story


def _story_similarity(store: Store, article: Article, named: set[str], told: list[str],
                      stories: dict[str, Story], window_days: int = WINDOW_DAYS,
                      min_confidence: float = Settings.min_event_confidence) -> dict[str, float]:
    """Mean similarity (``nlp.stories.mean_similarity``) of a new article to each story's latest
    ``STORY_SAMPLE`` articles, with the entities each names and the events it tells as features."""
    members = {k: list(st.articles[-STORY_SAMPLE:]) for k, st in stories.items()}
    ids = sorted({a for v in members.values() for a in v})
    by_id = {a.id: a for a in store.articles_by_id(ids)}
    names: dict[str, set[str]] = defaultdict(set)
    for (aid, _), eid in store.aliases_of(ids).items():
        names[aid].add(eid)
    tells: dict[str, set[str]] = defaultdict(set)
    for st in stories.values():
        for eid in set(st.events) & set(told):
            for aid in members[st.id]:
                tells[aid].add(eid)  # an event the new article tells and the story holds

    leads = store_leads(store, [*by_id.values(), article], min_confidence)

    def doc(a: Article, features: set[str]) -> StoryDoc:
        return StoryDoc(a.id, a.text, a.published, tuple(sorted(features)), a.title, leads.get(a.id, ()))

    groups = {k: [doc(by_id[aid], names[aid] | tells[aid]) for aid in v if aid in by_id]
              for k, v in members.items()}
    return mean_similarity(doc(article, named | set(told)), groups, window_days)


def run(ctx: Context) -> StageResult:
    store = ctx.store
    new = pending(ctx, "merge")
    dups = store.duplicates()
    if new is not None:
        ids = [a.id for a in new if a.id not in dups]
        with store.db:  # one transaction: the retraction is seen by the fold and lands with it
            retracted = store.merged_copies()
            shrunk, gone = retract(store, retracted)

            def fold(stories: dict[str, str] | None) -> tuple:
                grown, fresh, rows, keys = merge_new(store, ids, ctx.settings.min_event_confidence, stories)
                return (grown, fresh, rows, keys, *place_stories(
                    store, new, dups, [*grown, *fresh], retracted, set(gone),
                    ctx.settings.story_min_similarity, ctx.settings.story_window_days,
                    ctx.settings.min_event_confidence))

            # As a full build does: placed in their stories, then folded in again with those stories
            # as evidence.
            *_, article_story = fold(None)
            grown, fresh, rows, keys, stories, article_story = fold(article_story)
            store.put_events([*grown, *fresh])
            store.put_reports([*grown, *fresh])
            store.put_coref(rows, keys, replace=False)
            store.put_stories(stories, article_story)
            store.set_folded("merge", store.max_seq())
        out = (f", {len(retracted)} old articles taken out ({len(gone)} events gone, {len(shrunk)} shrunk)"
               if retracted else "")
        return StageResult(len(fresh), f"new events and {len(grown)} grown from {len(rows)} mentions of "
                                       f"{len(ids)} new articles, {len(stories)} stories touched" + out)
    articles = {a.id: a for a in store.articles()}
    extracted = [m for m in store.event_mentions() if m.article not in dups]
    aliases = store.entity_aliases()
    context = sentence_entities([m for m in store.entity_mentions() if m.article not in dups], aliases)
    published = {a.id: a.published for a in articles.values()}
    every = mention_records(extracted, aliases, context, published=published)
    # How common an entity is counts over every extracted mention's sentence, not only the events':
    # that the map keeps fewer events does not make a story's main actors specific evidence.
    common = common_entities(every)
    kept = [m.confidence >= ctx.settings.min_event_confidence for m in extracted]
    mentions = [m for m, keep in zip(extracted, kept, strict=True) if keep]  # as map_mentions keeps
    records = [r for r, keep in zip(every, kept, strict=True) if keep]
    corrections = store.corrections()
    entities = store.entities()

    def cluster(records: list[MentionRecord],
                ) -> tuple[list[Event], list[CorefRow], list[Story], dict[str, str]]:
        rows: list[CorefRow] = []
        events = merge_mentions(mentions, articles, aliases, rows=rows, records=records, common=common,
                                corrections=corrections)
        stories, article_story = build_stories(list(articles.values()), dups, events, aliases, entities,
                                               ctx.settings.story_min_similarity,
                                               ctx.settings.story_window_days, report_leads(records),
                                               lead_mentions(mentions))
        return events, rows, stories, article_story

    events, rows, stories, article_story = cluster(records)
    # Again, with the stories as evidence: a story holds one happening's articles, so two mentions
    # of one class in their leads need less else to be one event (ECB+ dev, end to end with the
    # pipeline's policy: CoNLL 44.5 -> 47.0; 49.7 with every mention, which merged a long piece's
    # unrelated same-class events on the seeds).
    records = mention_records(mentions, aliases, context, article_story, published)
    events, rows, stories, article_story = cluster(records)
    store.replace_events(events)
    with store.db:
        store.put_coref(rows, key_rows(records, rows, common), common, replace=True)
    store.replace_stories(stories, article_story)
    mark_all(ctx, "merge")
    multi = sum(len(e.articles) > 1 for e in events)
    return StageResult(len(events), f"events from {len(mentions)} mentions ({multi} in 2+ articles), "
                                    f"{len(stories)} stories")
