"""Cross-document event coreference on plain mention records: which mentions tell the same happening.

The core knows nothing about the store: a ``MentionRecord`` is a trigger lemma, the document it is
in, and whatever is known of its participants, place and time (entity ids, so aliases are already
resolved). The merge stage builds records from extracted mentions; ``api.cluster_mentions`` takes
records made by anyone (the ECB+ benchmark makes them from gold mentions).

Mentions are compared only within a block: the same event class (``class_key``: the synonym class,
else the family of general English the lemma belongs to, "murder"/"killing", "fraud"/"embezzlement",
else the Snowball stem, derivations joined: "explosion"/"explode"; "found guilty" and "passed away"
are read with the word after the trigger, ``phrase_class``) and, when records carry one, the same
group (a topic or story). A mention joins the best-scoring cluster of its block whose score reaches
the policy's threshold, else starts a cluster; then a cluster folds into an earlier one that one of
its mentions reaches. Hard limits come first: explicit times in the mentions' own phrases that cannot
overlap never merge (a decade, or a weekday read against the narrative, is too unsure to: ``firm``),
nor does an undated mention with a time measured back from the article's date that ended more than
``undated_horizon_days`` before it ("Three years ago, X was charged" is not this week's undated "X
was charged"), and neither do two mentions that both name actors without sharing one (when the
policy is strict about participants). Then evidence adds up: the class itself (less for reporting
verbs), shared actors, specific entities named in both sentences (for a generic verb, only in
reports near the event's first), the same place, the same date or overlapping specific times ("on
Tuesday", "last week"), the same story, and (when vectors are given) similarity. Each mention that
joins a cluster keeps what it matched there (``MergeEvidence``: the signals and the score), for
people to review.
With vectors and ``cross_class``, clusters of different classes in one group merge when their mean
vectors agree.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import MergeEvidence, MergeSignal, Timex
from .lexicon import EVENT_FAMILIES, GENERIC_VERBS, PHRASAL_EVENTS, REPORTING_VERBS, SYNONYMS


@dataclass(frozen=True)
class MentionRecord:
    id: str
    doc: str
    lemma: str
    cls: str = ""  # event class; empty = class_key(lemma)
    actors: tuple[str, ...] = ()  # participant entity ids (aliases resolved)
    context: tuple[str, ...] = ()  # every entity id in the sentence: weaker evidence than actors
    place: str | None = None
    time: Timex | None = None
    time_explicit: bool = False  # stated in the sentence, not inherited from an earlier one
    # The time is only the closest of its sentence, not in the mention's own phrase: it may date
    # another event of the sentence, so it counts as evidence but never rules a merge out.
    time_nearby: bool = False
    group: str | None = None  # hard block: records of different groups never merge (a topic)
    story: str | None = None  # soft evidence: records of the same story merge more readily
    hypothetical: bool = False  # "could invade": not a happening, never merged with others
    published: str | None = None  # the article's date (ISO): bounds when an undated mention happened
    lead: bool = False  # in the main clause of its article's first sentences: that report's own news

    @property
    def event_class(self) -> str:
        return self.cls or class_key(self.lemma)


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    import snowballstemmer  # the Snowball algorithms alone: importing nltk costs seconds

    return snowballstemmer.stemmer("english").stemWord


def _base_stem(lemma: str) -> str:
    """The Snowball stem, with the derivations it leaves apart joined to their verb's stem: a noun in
    "-sion" ("explosion", "collision", "suspension") to the verb in "-de"/"-d", one in "-ry"
    ("injury", "discovery", "recovery") to the word without its "y"."""
    stem = _stemmer()
    if len(lemma) > 6 and lemma.endswith("sion"):
        return stem(lemma[:-4] + "de")
    if len(lemma) > 5 and lemma.endswith("ry") and lemma[-3] in "aeiou":
        return stem(lemma[:-1])
    return stem(lemma)


@lru_cache(maxsize=1)
def _stem_classes() -> dict[str, str]:
    """Stem -> class, for every word of ``SYNONYMS`` and ``EVENT_FAMILIES``."""
    out: dict[str, str] = {}
    for word, cls in SYNONYMS.items():
        out.setdefault(_base_stem(word), _family_of().get(cls, cls))
    for name, *words in EVENT_FAMILIES:
        for word in words:
            out.setdefault(_base_stem(word), name)
    return out


@lru_cache(maxsize=1)
def _family_of() -> dict[str, str]:
    return {word: name for name, *words in EVENT_FAMILIES for word in words}


@lru_cache(maxsize=65536)
def class_key(lemma: str) -> str:
    """The synonym class of a lemma, else its family (``EVENT_FAMILIES``: "murder" and "killing",
    "quake" and "earthquake"), else its stem: the noun "shooting" and the verb "shoot" fall
    together (measured on ECB+ train gold mentions: +0.9 CoNLL F1 over plain lemmas). A stem
    that is a class word's stem takes its class ("Dies" in a title, the noun "kills")."""
    if lemma in SYNONYMS:  # a synonym class that is itself a family's word goes to the family
        return _family_of().get(SYNONYMS[lemma], SYNONYMS[lemma])
    family = _family_of().get(lemma)
    if family is not None:
        return family
    stem = _base_stem(lemma)
    return _stem_classes().get(stem, stem)


_PUNCT = ".,;:!?'\""
PHRASAL_HEADS = frozenset(p.split("_")[0] for p in PHRASAL_EVENTS)  # lemmas that may start one


def phrase_class(lemma: str, following: str) -> str:
    """The class of a verb with the word after it when the pair names its own happening ("found"
    "guilty": a conviction; "passed" "away": a death; "checked" "out"), else "" (the lemma's)."""
    if lemma not in PHRASAL_HEADS:
        return ""
    phrase = lemma + "_" + following.strip(_PUNCT).lower()
    return class_key(phrase) if phrase in PHRASAL_EVENTS else ""


@dataclass(frozen=True)
class CorefPolicy:
    """Weights of the evidence; a mention joins a cluster when the sum reaches ``threshold``."""

    threshold: float = 1.5
    same_class: float = 1.0
    shared_actor: float = 1.0
    shared_context: float = 0.5  # a specific entity named in both sentences
    context_max_share: float = 0.1  # entities in more of the sentences than this are not specific
    same_place: float = 0.5
    same_date: float = 0.5  # identical explicit time value
    same_story: float = 0.5
    disjoint_actors: float | None = None  # None: both name actors, none shared -> never merge
    # "said" twice in one story is rarely one statement: a reporting verb's class counts less
    # (measured on ECB+ train gold mentions: a 1.0 discount, +1.0 CoNLL F1; -0.4 on dev).
    reporting_discount: float = 1.0
    # "received" an award and "received" a drug: a generic verb's class says little, so for it an
    # actor the whole corpus names (its protagonist) is no evidence (seen at scale: one "receive"
    # event over many articles of a story about one singer); False: actors count as for any verb.
    generic_needs_specific_actor: bool = True
    similarity: float = 0.0  # weight of (cosine - similarity_floor) when vectors are given
    similarity_floor: float = 0.5
    # With vectors: clusters of different classes in one group merge when their mean vectors are
    # at least this similar ("quake" and "earthquake", "hit" and "struck"). None = never.
    cross_class: float | None = None
    # Two specific times (a week or finer) that overlap, e.g. "on Tuesday" and "last week".
    compatible_time: float = 0.5
    # A mention with no time of its own in an article dated P happened, as far as the merge can
    # tell, in the year before P ("X was charged" in this week's report): an explicit time that
    # ended before that ("Three years ago, X was charged") is another happening. None: no bound.
    undated_horizon_days: int | None = 365
    # Times that rule a merge out (above): None = never merge; a number = that much evidence less,
    # for callers whose blocks are narrow enough that the class alone merges (a story) and whose
    # times come from an anchoring rule that errs (the closest TIMEX of the sentence).
    time_conflict: float | None = None
    # A generic verb's actors and names count only for reports within this many days of the event's
    # first report (``_near_first``); later ones need a date, a place or the story. None: no bound.
    generic_window_days: int | None = 14
    # Evidence a cluster holds speaks for it only when at least this share of its documents hold it
    # (one document while it has ten or fewer): a 300-article event gathers hundreds of names, places
    # and dates, and a new mention would share one of them by chance (seen at 2,000 articles: one
    # "killing" of 320 articles over five topics, joined by flu deaths through "United States").
    # 0: any member's evidence counts (single link).
    support_share: float = 0.1
    # Reports of one happening cluster in time: a mention whose article was published more than
    # ``far_days`` from every dated article of a cluster needs this much more evidence there (the
    # class and one shared name is chance across months of a topic: Bush "spent" on the war in a
    # 2008 column and on vacation in a 2010 comment). None: no such bound.
    far_days: int | None = 14
    far_penalty: float = 1.0
    # Two reports' leads published more than ``far_days`` apart, in different stories, tell two
    # happenings: each lead tells its own days' news ("North Korea has fired a missile into the sea"
    # on 3 March and again on 2 April). A follow-up recalls the old event below its lead, or dates
    # it in its lead to a day the cluster's reports give.
    leads_apart: bool = True
    # A time stated in a mention's own phrase that ended more than this many years before the
    # reports on the other side dates history, not their news, even an absolute one ("Cockermouth
    # was also flooded in 2009" against the reports of a 2025 flood). ECB+'s follow-ups (a trial
    # two years after the murder it retells) stay well inside.
    history_years: int | None = 5


# The merge stage's policy: the class alone never merges; it needs one more piece of evidence.
NEWS = CorefPolicy()


def _start(t: Timex) -> str:
    """Where a time begins for the merge: a weekend ("this weekend", "-WE") from its Friday, since
    news counts Friday night's events in it ("the deaths this weekend" includes Friday's fall)."""
    if t.value.endswith("-WE") and t.start:
        try:
            return (dt.date.fromisoformat(t.start[:10]) - dt.timedelta(days=1)).isoformat()
        except ValueError:
            return t.start
    return t.start or ""


def times_compatible(a: Timex | None, b: Timex | None) -> bool:
    if a is None or b is None or not a.start or not b.start:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    if _start(a) > b_end or _start(b) > a_end:
        return False
    return not (a.granularity == b.granularity == "day" and a.start != b.start)


SPECIFIC = frozenset({"time", "day", "week"})


def _window(published: str | None, days: int | None) -> tuple[str, str] | None:
    """The interval an undated mention of an article published on ``published`` is taken to lie in."""
    if not published or days is None:
        return None
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    return (day - dt.timedelta(days=days)).isoformat(), day.isoformat()


def _outside(t: Timex, window: tuple[str, str]) -> bool:
    return bool(t.start) and (t.end or t.start)[:10] < window[0]


@lru_cache(maxsize=4096)
def _day(iso: str | None) -> int | None:
    """The ordinal of an ISO day; None for no date or an unreadable one."""
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def days_before(t: Timex, published: str | None) -> int | None:
    """Days from the end of ``t`` to the day ``published``; None where either has no readable day."""
    end, day = _day(t.end or t.start), _day(published)
    return None if end is None or day is None else day - end


def _near_first(published: str | None, c: _Cluster, days: int) -> bool:
    """A report at most ``days`` from a cluster's first dated report, or either undated."""
    day = _day(published)
    return day is None or not c.days or abs(day - c.days[0]) <= days


def specific_match(a: Timex, b: Timex) -> bool:
    """Both a week or finer and overlapping (``times_compatible``): "Tuesday" within "last week"."""
    return a.granularity in SPECIFIC and b.granularity in SPECIFIC and times_compatible(a, b)


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    times: list[Timex] = field(default_factory=list)
    undated: list[tuple[str, str]] = field(default_factory=list)  # windows of members with no time
    phrase_times: list[Timex] = field(default_factory=list)  # explicit times not merely nearby
    ids: set[str] = field(default_factory=set)  # member record ids
    doc_times: set[tuple[str, str]] = field(default_factory=set)  # (doc, value), inherited ones too
    vector: list[float] | None = None  # sum of member vectors (cosine is scale-free)
    time_docs: list[str] = field(default_factory=list)  # the document of each of ``times``
    days: list[int] = field(default_factory=list)  # its documents' publication days (ordinals), sorted
    lead_days: list[int] = field(default_factory=list)  # the days of its members that lead a report
    # evidence key -> the documents holding it: ("a", actor), ("n", actor or named entity),
    # ("p", place), ("s", story), ("d", explicit time value) (``CorefPolicy.support_share``)
    support: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def needed(self, share: float) -> int:
        """How many of its documents must hold a piece of evidence for it to count."""
        return max(1, math.ceil(share * len(self.docs) - 1e-9)) if share else 1

    def held(self, key: tuple[str, str], need: int) -> bool:
        return need <= 1 or len(self.support.get(key, ())) >= need


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


COARSE = frozenset({"decade", "century"})


def firm(t: Timex | None) -> bool:
    """A time sure enough to keep two mentions apart: not a decade or coarser (a news event is not
    dated "the 1950s"; such a phrase describes a participant: "the 1950s pin-up has died"), and not
    resolved against the narrative (a weekday read against the last year the text named, when the
    article has no date of its own, is a guess), but for a clock time, which takes the day the text
    stated just before it ("The quake struck on Friday. ... It hit at 11.22am"): as sure as that day."""
    return t is not None and t.granularity not in COARSE and \
        (t.anchor != "narrative" or t.granularity == "time")


def _time_ruled_out(r: MentionRecord, c: _Cluster, policy: CorefPolicy) -> bool:
    """Times stated in the mentions' own phrases that cannot overlap, or such a time over before an
    undated member's article's horizon (either way round). A time that is only the closest of the
    sentence may date another event of it, and an inherited one is the paragraph's guess: they
    count as evidence (``score``), never against."""
    if r.time_explicit and not r.time_nearby and firm(r.time):
        if not all(times_compatible(r.time, t) for t in c.phrase_times):
            return True
        if not c.phrase_times and c.days and _history(r.time, c.days[0], policy):
            return True  # (a cluster whose own times are that old is the history itself: it may join)
        return _dated_back(r.time) and any(_outside(r.time, w) for w in c.undated)
    if r.time is None:
        day = _day(r.published)
        if day is not None and any(_history(t, day, policy) for t in c.phrase_times):
            return True
        window = _window(r.published, policy.undated_horizon_days)
        return window is not None and any(_dated_back(t) and _outside(t, window) for t in c.phrase_times)
    return False


def _history(t: Timex, report_day: int, policy: CorefPolicy) -> bool:
    """Whether ``t`` ended more than ``history_years`` before a report of ``report_day`` (ordinal)."""
    end = _day(t.end or t.start)
    return policy.history_years is not None and end is not None \
        and report_day - end > 365.25 * policy.history_years


def _dated_back(t: Timex) -> bool:
    """A time the writer measured back from the article's own date ("three years ago", "last
    year", "in March"): set against an undated mention of the same article's news it is another
    happening. An absolute one ("in 2011", "the 2005 murder") more often dates the background
    an undated mention refers back to ("charged with her murder", "the trial"): measured on ECB+
    train, 86 of 107 such vetoed pairs were one event."""
    return t.anchor == "dct"


def score(r: MentionRecord, c: _Cluster, policy: CorefPolicy, vector: Sequence[float] | None = None,
          common: frozenset[str] = frozenset(), signals: list[MergeSignal] | None = None) -> float | None:
    """Evidence that ``r`` tells the event of cluster ``c`` (same class assumed); None = never.
    ``signals``, when given, receives each piece of evidence that counted."""
    conflict = _time_ruled_out(r, c, policy)
    if conflict and policy.time_conflict is None:
        return None
    if _another_lead(r, c, policy):
        return None
    actors = set(r.actors)
    need = c.needed(policy.support_share)
    # A generic verb's participants tell one happening only in reports of its first days: "the
    # United States took", "Jackson gave" recur across a topic's months of coverage.
    generic_late = policy.generic_window_days is not None and r.lemma in GENERIC_VERBS and not _near_first(
        r.published, c, policy.generic_window_days)
    total = policy.same_class - (policy.reporting_discount if r.lemma in REPORTING_VERBS else 0.0)
    found: list[tuple[str, str, float]] = [("class", r.event_class, total)]
    if conflict:
        total -= policy.time_conflict or 0.0
        found.append(("time_conflict", "", -(policy.time_conflict or 0.0)))
    if policy.far_days is not None and not (r.story and r.story in c.stories) \
            and _far(r.published, c.days, policy.far_days):
        total -= policy.far_penalty
        found.append(("far", "", -policy.far_penalty))
    if generic_late:
        common = common | actors | set(r.context)
    if actors and c.actors:
        both = actors & c.actors
        if policy.generic_needs_specific_actor and r.lemma in GENERIC_VERBS:
            both -= common
        if need > 1:
            both = {a for a in both if c.held(("a", a), need)}
        if both:
            total += policy.shared_actor
            found += [("actor", a, policy.shared_actor) for a in sorted(both)[:3]]
        elif actors & c.actors:
            pass  # only the corpus's protagonist, for a generic verb: neither evidence nor a veto
        elif policy.disjoint_actors is None:
            return None
        else:
            total -= policy.disjoint_actors
    # "Russia" in a corpus about Russia says nothing; a rarer name both sentences share does.
    context = (set(r.context) | actors) - actors.intersection(c.actors) - common
    shared = context & (c.context | c.actors)
    if need > 1:
        shared = {e for e in shared if c.held(("n", e), need)}
    if shared:
        total += policy.shared_context
        found += [("name", e, policy.shared_context) for e in sorted(shared)[:3]]
    if r.place and r.place in c.places and c.held(("p", r.place), need):
        total += policy.same_place
        found.append(("place", r.place, policy.same_place))
    if r.time_explicit and r.time is not None and any(t.value == r.time.value for t in c.times) \
            and c.held(("d", r.time.value), need):
        total += policy.same_date
        found.append(("date", r.time.value, policy.same_date))
    elif r.time_explicit and r.time is not None and _specific_docs(r.time, c, need):
        total += policy.compatible_time
        found.append(("time", r.time.value, policy.compatible_time))
    elif r.time is not None and (r.doc, r.time.value) in c.doc_times:
        total += policy.same_date  # one article, one paragraph's date: "the incursion" again
        found.append(("date", r.time.value, policy.same_date))
    if r.story and r.story in c.stories and c.held(("s", r.story), need):
        total += policy.same_story
        found.append(("story", r.story, policy.same_story))
    if policy.similarity and vector is not None and c.vector is not None:
        gain = policy.similarity * (_cosine(vector, c.vector) - policy.similarity_floor)
        total += gain
        found.append(("similarity", "", round(gain, 3)))
    if signals is not None:
        signals.extend(MergeSignal(kind, value, weight) for kind, value, weight in found)
    return total


def _another_lead(r: MentionRecord, c: _Cluster, policy: CorefPolicy) -> bool:
    """``CorefPolicy.leads_apart``: ``r`` leads a report weeks from every report the cluster leads,
    outside its stories, and does not date its event to a day the cluster's reports give (a lead
    that says "exploded on 20 April" retells that explosion)."""
    if not (policy.leads_apart and policy.far_days is not None and r.lead):
        return False
    if r.story and r.story in c.stories:
        return False
    if r.time_explicit and r.time is not None and _specific_docs(r.time, c, 1):
        return False
    return _far(r.published, c.lead_days, policy.far_days)


def _far(published: str | None, days: Sequence[int], far_days: int) -> bool:
    """Whether a report of this day lies more than ``far_days`` from every day in ``days`` (sorted);
    an undated report, or a cluster with no dated report, is never far."""
    day = _day(published)
    if day is None or not days:
        return False
    i = bisect.bisect_left(days, day - far_days)
    return i == len(days) or days[i] > day + far_days


def _specific_docs(t: Timex, c: _Cluster, need: int) -> bool:
    """Whether at least ``need`` of the cluster's documents give a specific time overlapping ``t``."""
    docs = set()
    for u, doc in zip(c.times, c.time_docs, strict=True):
        if specific_match(t, u):
            docs.add(doc)
            if len(docs) >= need:
                return True
    return False


class _Clusterer:
    """The greedy pass and the fold pass over blocks of clusters, shared by a full clustering
    (``cluster_records``) and by adding records to clusters made earlier (``extend_clusters``)."""

    def __init__(self, policy: CorefPolicy, common: frozenset[str], *, vectors: bool) -> None:
        self.policy, self.common = policy, common
        self.records: list[MentionRecord] = []
        self.vectors: list[Sequence[float] | None] = []
        self.blocks: dict[tuple[str | None, str], list[_Cluster]] = {}
        self.order: list[_Cluster] = []
        self.merged: set[int] = set()
        self.evidence: dict[int, MergeEvidence] = {}  # record index -> why it joined its cluster
        # When the class alone cannot reach the threshold, only clusters sharing a piece of evidence
        # with a mention can take it: look those up by key instead of scoring the whole block, which
        # was quadratic (a 2,000-article corpus has blocks of thousands of clusters). Same result:
        # candidates are scored in block order, so ties still go to the earlier cluster.
        self.index = _EvidenceIndex(common) if policy.same_class < policy.threshold and not (
            policy.similarity and vectors) else None

    def _join(self, c: _Cluster, i: int, block_key: tuple[str | None, str], block: list[_Cluster]) -> None:
        r = self.records[i]
        _add(c, i, r, self.vectors[i], self.policy.undated_horizon_days)
        if self.index is not None and not r.hypothetical:
            self.index.register(block_key, block, c, r)

    def seed(self, members: Sequence[MentionRecord]) -> _Cluster:
        """A cluster made earlier, as it stands (its members are not re-scored)."""
        c = _Cluster()
        block_key = (members[0].group, members[0].event_class)
        block = [] if members[0].hypothetical else self.blocks.setdefault(block_key, [])
        self.order.append(c)
        if not members[0].hypothetical:
            block.append(c)
        for r in members:
            self.records.append(r)
            self.vectors.append(None)
            self._join(c, len(self.records) - 1, block_key, block)
        return c

    def assign(self, r: MentionRecord, vector: Sequence[float] | None = None) -> _Cluster:
        """Put ``r`` in the best-scoring cluster of its block that reaches the threshold, else a new one."""
        i = len(self.records)
        self.records.append(r)
        self.vectors.append(vector)
        block_key = (r.group, r.event_class)
        candidates = [] if r.hypothetical else self.blocks.setdefault(block_key, [])
        best, best_score = None, self.policy.threshold
        if self.index is not None and not r.hypothetical:
            scored = self.index.lookup(block_key, candidates, [r])
        else:
            scored = candidates
        for c in scored:
            s = score(r, c, self.policy, vector, self.common)
            if s is not None and s >= best_score and (best is None or s > best_score):
                best, best_score = c, s
        if best is None:
            best = _Cluster()
            self.order.append(best)
            if not r.hypothetical:
                candidates.append(best)
        else:
            self._explain(i, best)
        self._join(best, i, block_key, candidates)
        return best

    def _explain(self, i: int, c: _Cluster) -> None:
        signals: list[MergeSignal] = []
        total = score(self.records[i], c, self.policy, self.vectors[i], self.common, signals)
        self.evidence[i] = MergeEvidence(self.records[i].id, round(total or 0.0, 3), self.policy.threshold,
                                         tuple(signals))

    def fold(self, late_ones: set[int] | None = None) -> None:
        """A later mention can tie two earlier clusters together (the paragraph's date links "the first
        incursion" to "the incursion" that names the actors): fold a cluster into an earlier one of its
        block when one of its members reaches the threshold there and none is ruled out. Only clusters
        whose id is in ``late_ones`` fold, when given."""
        records, policy = self.records, self.policy
        for block_key, block in self.blocks.items():
            for j, late in enumerate(block):
                if late_ones is not None and id(late) not in late_ones:
                    continue
                earlier = block[:j] if self.index is None else \
                    self.index.lookup(block_key, block, [records[i] for i in late.members], before=j)
                for early in earlier:
                    if id(early) in self.merged:
                        continue
                    scores = [score(records[i], early, policy, None, self.common) for i in late.members]
                    if None not in scores and max(scores) >= policy.threshold:
                        # The member that tied them speaks for the fold; the others came with it.
                        self._explain(late.members[scores.index(max(scores))], early)
                        for i in late.members:
                            self._join(early, i, block_key, block)
                        self.merged.add(id(late))
                        break

    def clusters(self) -> list[_Cluster]:
        return [c for c in self.order if id(c) not in self.merged]


def common_entities(records: Sequence[MentionRecord], policy: CorefPolicy = NEWS) -> frozenset[str]:
    """Entities in more than ``context_max_share`` of the records: too common to be evidence."""
    counts = Counter(e for r in records for e in set(r.context) | set(r.actors))
    limit = max(2.0, policy.context_max_share * len(records))
    return frozenset(e for e, n in counts.items() if n > limit)


def cluster_records(records: Sequence[MentionRecord], policy: CorefPolicy = NEWS,
                    vectors: Sequence[Sequence[float]] | None = None,
                    common: frozenset[str] | None = None,
                    evidence: dict[int, MergeEvidence] | None = None) -> list[list[int]]:
    """Clusters as lists of indices into ``records``, in order of their first member.

    Deterministic for a given record order: ties go to the earlier cluster, so an event's first
    mention (and the id hashed from it) stays put when later articles are added. ``common``: the
    entities too common to be evidence, when the caller counted them over more than ``records``
    (default: ``common_entities(records)``). ``evidence``, when given, receives for each record that
    joined a cluster the signals it matched there (``MergeEvidence``).
    """
    if common is None:
        common = common_entities(records, policy)
    work = _Clusterer(policy, common, vectors=vectors is not None)
    for i, r in enumerate(records):
        work.assign(r, vectors[i] if vectors is not None else None)
    work.fold()
    if policy.cross_class is not None and vectors is not None:
        _merge_across_classes(work.blocks, work.merged, records, vectors, policy.cross_class, work.evidence)
    if evidence is not None:
        evidence.update(work.evidence)
    return [sorted(c.members) for c in work.clusters()]


def extend_clusters(existing: Sequence[tuple[str, Sequence[MentionRecord]]], new: Sequence[MentionRecord],
                    common: frozenset[str], policy: CorefPolicy = NEWS,
                    evidence: dict[int, MergeEvidence] | None = None) -> list[str | int]:
    """Add ``new`` records to clusters made earlier, as the full pass would have taken them in after
    the old ones: ``existing`` is (key, member records) per cluster in cluster order, ``common`` the
    entities the full pass found too common. Under a policy where the class alone cannot merge,
    ``existing`` need only hold the clusters sharing one of ``shared_keys`` with a new record: no
    other cluster can be a candidate, so the result is the same. Only new clusters fold (into old
    or earlier new ones), so old clusters keep their members and keys. Returns, per new record, its
    old cluster's key or the number of the new cluster it starts (0, 1, ... in order of first member);
    ``evidence``, when given, receives why each new record that joined a cluster joined it (by its
    position in ``new``)."""
    work = _Clusterer(policy, common, vectors=False)
    key: dict[int, str | int] = {}
    for name, members in existing:
        key[id(work.seed(members))] = name
    first_new = len(work.records)
    for r in new:
        work.assign(r)
    fresh = [c for c in work.order if id(c) not in key]
    work.fold({id(c) for c in fresh})
    numbered = 0
    for c in fresh:
        if id(c) not in work.merged:
            key[id(c)] = numbered
            numbered += 1
    owner: dict[int, str | int] = {}
    for c in work.clusters():
        for i in c.members:
            owner[i] = key[id(c)]
    if evidence is not None:
        evidence.update({i - first_new: ev for i, ev in work.evidence.items() if i >= first_new})
    return [owner[first_new + k] for k in range(len(new))]


def evidence_keys(r: MentionRecord, common: frozenset[str]) -> list[tuple]:
    """The evidence a record can share with a cluster (see ``score``), as lookup keys: the same keys
    on both sides, what a cluster gains from a member and what a mention looks up. Only ("t", ...)
    keys name the record's own document."""
    keys: list[tuple] = [("a", a) for a in r.actors]
    keys += [("e", e) for e in (*r.context, *r.actors) if e not in common]
    if r.place:
        keys.append(("p", r.place))
    if r.story:
        keys.append(("s", r.story))
    if r.time is not None:
        keys.append(("t", r.doc, r.time.value))
        if r.time_explicit:
            keys.append(("d", r.time.value))
    return keys


def shared_keys(r: MentionRecord, common: frozenset[str]) -> list[str]:
    """``evidence_keys`` another document's records can share, as strings for the store's key index:
    a record can only be scored against a cluster holding one of them (``extend_clusters``)."""
    return list(dict.fromkeys("\x1f".join(k) for k in evidence_keys(r, common) if k[0] != "t"))


class _EvidenceIndex:
    """Per block: evidence key -> positions of the clusters that hold it (see ``score``)."""

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common
        self.keys: dict[tuple[str | None, str], dict[tuple, set[int]]] = {}
        self.position: dict[int, int] = {}  # id(cluster) -> its position in its block

    def _keys(self, r: MentionRecord) -> list[tuple]:
        return evidence_keys(r, self.common)

    def register(self, block_key: tuple[str | None, str], block: list[_Cluster], c: _Cluster,
                 r: MentionRecord) -> None:
        if id(c) not in self.position:
            self.position[id(c)] = len(block) - 1 if block and block[-1] is c else block.index(c)
        where = self.keys.setdefault(block_key, {})
        for key in self._keys(r):
            where.setdefault(key, set()).add(self.position[id(c)])

    def lookup(self, block_key: tuple[str | None, str], block: list[_Cluster], rs: list[MentionRecord],
               before: int | None = None) -> list[_Cluster]:
        where = self.keys.get(block_key, {})
        found = {p for r in rs for key in self._keys(r) for p in where.get(key, ())}
        return [block[p] for p in sorted(found) if before is None or p < before]


def _root(parent: list[int], k: int) -> int:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def _merge_across_classes(blocks: dict[tuple[str | None, str], list[_Cluster]], merged: set[int],
                          records: Sequence[MentionRecord], vectors: Sequence[Sequence[float]],
                          threshold: float, evidence: dict[int, MergeEvidence]) -> None:
    """Single-link over cluster centroids of one group, most similar pairs first; explicit times
    that cannot overlap still keep clusters apart."""
    import numpy as np

    # Clusters that the class rules kept apart on purpose (two "said") stay apart here too.
    by_group: dict[str | None, list[_Cluster]] = {}
    cls: dict[int, str] = {}
    for (group, name), clusters in blocks.items():
        for c in clusters:
            if id(c) not in merged and not any(records[i].lemma in REPORTING_VERBS for i in c.members):
                by_group.setdefault(group, []).append(c)
                cls[id(c)] = name
    for clusters in by_group.values():
        if len(clusters) < 2:
            continue
        centroids = np.array([np.mean([vectors[i] for i in c.members], axis=0) for c in clusters])
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-9
        sims = centroids @ centroids.T
        parent = list(range(len(clusters)))


        pairs = sorted(((sims[a, b], a, b) for a in range(len(clusters)) for b in range(a + 1, len(clusters))
                        if sims[a, b] >= threshold and cls[id(clusters[a])] != cls[id(clusters[b])]),
                       reverse=True)
        for _, a, b in pairs:
            ra, rb = sorted((_root(parent, a), _root(parent, b)))
            if ra == rb or not all(times_compatible(t, u) for t in clusters[ra].times
                                   for u in clusters[rb].times):
                continue
            parent[rb] = ra
            for i in clusters[rb].members:
                _add(clusters[ra], i, records[i], None)
                evidence.setdefault(i, MergeEvidence(records[i].id, float(sims[a, b]), threshold,
                                                     (MergeSignal("similarity", "", float(sims[a, b])),)))
            merged.add(id(clusters[rb]))


def _add(c: _Cluster, i: int, r: MentionRecord, vector: Sequence[float] | None,
         horizon_days: int | None = None) -> None:
    c.members.append(i)
    c.ids.add(r.id)
    if r.time is None:
        window = _window(r.published, horizon_days)
        if window is not None:
            c.undated.append(window)
    day = _day(r.published)
    if day is not None and r.doc not in c.docs:
        bisect.insort(c.days, day)
    if day is not None and r.lead:
        bisect.insort(c.lead_days, day)
    c.docs.add(r.doc)
    c.actors.update(r.actors)
    c.context.update(r.context)
    support = c.support
    for a in r.actors:
        support.setdefault(("a", a), set()).add(r.doc)
    for e in (*r.actors, *r.context):
        support.setdefault(("n", e), set()).add(r.doc)
    if r.place:
        c.places.add(r.place)
        support.setdefault(("p", r.place), set()).add(r.doc)
    if r.story:
        c.stories.add(r.story)
        support.setdefault(("s", r.story), set()).add(r.doc)
    if r.time_explicit and r.time is not None:
        c.times.append(r.time)
        c.time_docs.append(r.doc)
        support.setdefault(("d", r.time.value), set()).add(r.doc)
    if r.time_explicit and not r.time_nearby and firm(r.time):
        c.phrase_times.append(r.time)
    if r.time is not None:
        c.doc_times.add((r.doc, r.time.value))
    if vector is not None:
        c.vector = list(vector) if c.vector is None else \
            [x + y for x, y in zip(c.vector, vector, strict=False)]
