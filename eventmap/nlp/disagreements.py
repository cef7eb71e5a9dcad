"""Where outlets disagree: one asserts what another disputes, different numbers, different dates.

Merge may leave two tellings of one happening as separate events ("North Korean troops were deployed
to Russia" vs "allegations of DPRK troop deployments ... fabricated"), so claims are matched here, at
the mention level: the same event class, a shared participant (a resolved entity in the mention or its
sentence, or a key noun of its summary such as "treaty"), and times that do not contradict each other
(inherited paragraph dates are ignored). Copies of one origin speak with one voice: each origin gets
one stance per claim group (a denial wins over its own hedged reports, else its firmest assertion).

- modality: a group where one origin asserts/reports/alleges and another disputes or denies.
- number: the same counted thing ("troops") with ranges that cannot both hold, from two origins.
- date: explicit times that do not overlap, less than a year apart (a 1953 armistice and a 2024
  treaty are different signings, not a disagreement), possibly inside one article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import combinations

from ..models import Article, Claim, Disagreement, Event, EventMention, Quantity
from . import lexicon as lx
from .causal import time_order
from .event_coref import days_before
from .lexicon import event_class

POSITIVE = ("asserted", "reported", "alleged")  # firmest first
NEGATIVE = ("disputed", "denied")
DENY_WORDS = re.compile(r"\b(denied|denies|deny|denying|rejected|refuted|dismissed)\b", re.I)
DISPUTE_CUES = re.compile(
    r"\b(fabricated|debunked|misinformation|disinformation|baseless|unfounded|hoax|untrue|false|fake"
    r"|implausible|no evidence|not confirmed|neither\b.{0,60}\bconfirmed|has not confirmed"
    r"|have not confirmed)\b", re.I)
# "could eventually send", "unlikely to be deployed": not a claim that it happened.
HEDGES = re.compile(r"\b(could|might|may|would|unlikely|if|plans?|planned|expected)\b", re.I)
TROOPS = {"troop", "soldier", "personnel", "fighter", "serviceman", "servicemen", "force", "forces",
          "troops", "soldiers", "fighters"}
STOP = frozenset("""
the a an this that these those its their his her of to in on at for by with from and or but as is was
were be been has have had will would could may might not no it they he she we i you said says also
than more most such into over after before during since while which who whom what when where there
january february march april may june july august september october november december year month
week day today yesterday
""".split())
MAX_DATE_GAP_DAYS = 366
NEAR_TIME = 80  # characters between a trigger and the date it is given, for a date claim
# Events that last: "entered the war in October" and "intervened in the war in June" do not disagree.
DURATIVE = frozenset("war conflict crisis campaign offensive occupation siege negotiation talks program "
                     "sanction sanctions rule relation partnership alliance cooperation".split())


def eventive(lemma: str) -> bool:
    """Only happenings can be claimed and disputed ("underscore", "highlight" are not)."""
    return lemma in lx.EVENT_VERBS or lemma in lx.EVENT_NOUNS or lemma in lx.SYNONYMS


@dataclass(frozen=True)
class _Item:
    mention: EventMention
    event: str
    origin: str
    cls: str
    stance: str | None
    keys: frozenset[str]
    actors: frozenset[str]
    published: str | None = None  # its article's day

    @cached_property
    def background(self) -> bool:
        """Its own stated time ended over a year before its article's day: history the article
        recalls ("after Storm Desmond in December 2015, when 5,000 homes were flooded"), which an
        undated claim of the article's own news does not speak of."""
        t = _explicit(self.mention)
        gap = days_before(t, self.published) if t is not None else None
        return gap is not None and gap > MAX_DATE_GAP_DAYS

    @cached_property
    def ents(self) -> frozenset[str]:
        """Entity keys (not key words), computed once: pairs of items are compared very often."""
        return frozenset(k for k in self.keys if not k.startswith("term:"))


def stance(m: EventMention) -> str | None:
    """The mention's stance as a claim; None when it does not claim that the event happened."""
    text = m.sentence_text
    local = text[max(0, m.start - m.sentence_start - 40):m.start - m.sentence_start]
    if m.modality == "denied":
        return "denied" if DENY_WORDS.search(text) and not DISPUTE_CUES.search(text) else "disputed"
    if m.modality in ("hypothetical", "planned") or HEDGES.search(local.split(",")[-1]):
        return None
    if DISPUTE_CUES.search(text):
        return "disputed"
    return m.modality if m.modality in POSITIVE else None


# Units of measure: a number in one of them ("1,100km", "roughly 680 miles", "91mph", "7%") measures
# some aspect (a flight, a position off an island, a gust at one place, a day's share move) that two
# reports rarely state of the same thing; the count of a thing ("5,000 troops", "23 people") is what
# reports contradict.
_MEASURES = frozenset("""
km kilometre kilometres kilometer kilometers mile miles m metre metres meter meters ft feet foot inch
inches cm mm kg kilogram kilograms tonne tonnes ton tons lb lbs pound pounds mph kph km/h knot knots
% percent per degree degrees c f celsius fahrenheit acre acres hectare hectares gallon gallons litre
litres liter liters barrel barrels
""".split())
_MEASURE_IN_TEXT = re.compile(r"\d\s*(km|mph|kph|kg|cm|mm|ft|lbs?|m|%)$", re.I)
# "a city of about 17,000 people": the size of a place, not a count the event made
_SIZE_OF_PLACE = re.compile(r"\b(?:city|town|village|country|nation|island|community|county|state|"
                            r"district|region|suburb|borough|province)\s+of\s+$", re.I)


def unit_of(q: Quantity, sentence: str) -> str | None:
    """What a number counts, read from the words after it ("several thousand DPRK troops" -> troops);
    None for what counts nothing two reports can be at odds on: a clock time ("at 6.50am local
    time"), a measure ("about 1,100km", "680 miles", "91mph"), the size of a place ("a city of about
    17,000 people")."""
    if q.unit == "time" or _MEASURE_IN_TEXT.search(q.text):
        return None
    at = sentence.find(q.text)
    if at >= 0 and _SIZE_OF_PLACE.search(sentence[max(0, at - 30):at]):
        return None
    words = re.findall(r"[A-Za-z%][A-Za-z'%/-]*", sentence[at + len(q.text):at + len(q.text) + 60]) \
        if at >= 0 else []
    for w in words[:4]:
        if w[0].isupper() or w.lower() in STOP:
            continue
        w = w.lower()
        if w in _MEASURES:
            return None
        if w in TROOPS:
            return "troops"
        return w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    return None if (q.unit or "").lower() in _MEASURES else q.unit


def _keys(m: EventMention, entities: set[str]) -> frozenset[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", m.summary)}
    terms = {f"term:{w}" for w in words if w not in STOP and w != m.trigger.lower()
             and not w.startswith(m.lemma[:4])}
    return frozenset(entities | terms)


def _explicit(m: EventMention):
    return m.time if m.time is not None and m.time.start and not m.time_inherited else None


def _dated_here(m: EventMention) -> bool:
    """The mention's own date is written next to its trigger, in its phrase, not borrowed from another
    clause ("scheduled to launch in September, before a valve was found": no September finding)."""
    t = _explicit(m)
    return t is not None and not m.time_nearby \
        and min(abs(t.char_start - m.end), abs(m.start - t.char_end)) <= NEAR_TIME


def _own(it: _Item) -> frozenset[str]:
    return frozenset(k for k in it.keys if k.startswith("term:")) | frozenset(it.actors)


def _related(a: _Item, b: _Item) -> bool:
    """About the same participants: a shared entity when both name some, else a shared key noun."""
    if a.ents and b.ents:
        return not a.ents.isdisjoint(b.ents)
    return not a.keys.isdisjoint(b.keys)


def _compatible(a: EventMention, b: EventMention) -> bool:
    return time_order(_explicit(a), _explicit(b)) == 0


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _gap_days(a: EventMention, b: EventMention) -> int:
    ta, tb = _explicit(a), _explicit(b)
    assert ta is not None and tb is not None
    first, second = (ta, tb) if (ta.start or "") <= (tb.start or "") else (tb, ta)
    try:
        return (date.fromisoformat((second.start or "")[:10]) -
                date.fromisoformat((first.end or first.start or "")[:10])).days
    except ValueError:
        return MAX_DATE_GAP_DAYS + 1


def _cliques(items: list[_Item], members: list[int]) -> Iterator[tuple[list[int], list[int]]]:
    """(hub, clique) per shared key of one class: the pairs that can be related (``_related``) or share
    an event are exactly the pairs of a clique with at least one item in its hub. An event or an
    entity relates all its holders (hub = clique); a key word relates its holders only through one
    naming no entity (hub = those). Trying every pair of a class was quadratic; a clique is joined in
    linear time (``_join_compatible``)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i in members:
        it = items[i]
        postings[f"event:{it.event}"].append(i)
        for k in it.keys:
            postings[k].append(i)
    for key, holders in postings.items():
        if key.startswith("term:"):
            hub = [i for i in holders if not items[i].ents]
            if hub:
                yield hub, holders
        elif len(holders) > 1:
            yield holders, holders


def _join_compatible(items: list[_Item], hub: list[int], clique: list[int], union: _Union) -> None:
    """Join the claims of a clique whose dates can both hold (what comparing every candidate pair
    did, in time linear in the clique unless it holds only explicitly dated claims): a claim with no
    date of its own is compatible with every claim, so one in the hub joins the whole clique, one
    outside it joins the whole hub."""
    claims = [i for i in clique if items[i].stance]
    inner = [i for i in hub if items[i].stance]
    if not inner or len(claims) < 2:
        return
    undated = [i for i in inner if _explicit(items[i].mention) is None]
    if undated:
        for j in claims:
            if not items[j].background:
                union.join(undated[0], j)
        # history the articles recall meets only the dated claims its time can hold with
        dated = [i for i in inner if _explicit(items[i].mention) is not None]
        for j in (j for j in claims if items[j].background):
            for i in dated:
                if _compatible(items[i].mention, items[j].mention):
                    union.join(i, j)
        return
    in_hub = set(inner)
    outer_undated = [j for j in claims if j not in in_hub and _explicit(items[j].mention) is None]
    for j in outer_undated:
        for i in inner:
            if not items[i].background:
                union.join(i, j)
    outer_dated = [j for j in claims if j not in in_hub and _explicit(items[j].mention) is not None]
    for n, i in enumerate(inner):
        for j in (*inner[n + 1:], *outer_dated):
            if _compatible(items[i].mention, items[j].mention):
                union.join(i, j)


def _date_pairs(items: list[_Item], hub: list[int], clique: list[int]) -> set[tuple[int, int]]:
    """Pairs of a clique (one of them in its hub) that claim different dates for the same happening:
    firm claims dated next to their triggers, in different sentences, sharing an actor or key word,
    whose dates cannot both hold and lie within ``MAX_DATE_GAP_DAYS``."""
    def firm(i: int) -> bool:
        it = items[i]
        return it.stance in POSITIVE and it.cls not in DURATIVE and _dated_here(it.mention)

    inner = [i for i in hub if firm(i)]
    if not inner:
        return set()
    in_hub = set(inner)
    others = [j for j in clique if j not in in_hub and firm(j)]
    out = set()
    for n, i in enumerate(inner):
        for j in (*inner[n + 1:], *others):
            a, b = items[i], items[j]
            if not _compatible(a.mention, b.mention) and (_own(a) & _own(b)) \
                    and (a.mention.article, a.mention.sentence) != (b.mention.article, b.mention.sentence) \
                    and _gap_days(a.mention, b.mention) <= MAX_DATE_GAP_DAYS:
                out.add((min(i, j), max(i, j)))
    return out


def find_disagreements(events: Iterable[Event], mentions: dict[str, EventMention],
                       articles: dict[str, Article], origin: dict[str, str],
                       participants: dict[str, set[str]], names: dict[str, str] | None = None,
                       own: dict[str, set[str]] | None = None) -> list[Disagreement]:
    """Disagreements over ``events``; ``participants`` maps a mention id to its resolved entity ids
    (its own and its sentence's), ``own`` to its own actors only (for date claims), ``names`` an
    entity id to a display name for topics."""
    own = own or {}
    items: list[_Item] = []
    for e in events:
        for mid in e.mentions:
            m = mentions.get(mid)
            if m is None:
                continue
            if not eventive(m.lemma):
                continue
            items.append(_Item(m, e.id, origin.get(m.article, m.article), event_class(m.lemma), stance(m),
                               _keys(m, participants.get(mid, set())),
                               frozenset(own.get(mid, set())),
                               articles[m.article].published if m.article in articles else None))
    by_class: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_class[it.cls].append(i)
    union = _Union(len(items))
    date_pairs: list[tuple[int, int]] = []
    for members in by_class.values():
        dated: set[tuple[int, int]] = set()
        for hub, clique in _cliques(items, members):
            _join_compatible(items, hub, clique, union)
            dated |= _date_pairs(items, hub, clique)
        date_pairs += sorted(dated)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.stance:
            groups[union.find(i)].append(it)

    def claim(it: _Item, stance_: str, **extra: str | None) -> Claim:
        art = articles.get(it.mention.article)
        return Claim(it.mention.article, it.mention.sentence_text, stance_, art.outlet if art else None,
                     event=it.event, **extra)

    def topic(group: list[_Item]) -> str:
        counts: dict[str, int] = defaultdict(int)
        for it in group:
            for k in it.keys:
                if not k.startswith("term:"):
                    counts[k] += 1
        top = sorted(counts, key=lambda k: (-counts[k], k))[:2]
        labels = [names.get(k, k) for k in top] if names else top
        return f"{group[0].cls}: {', '.join(labels)}" if labels else group[0].cls

    def main_event(group: list[_Item], prefer: list[_Item]) -> str:
        counts: dict[str, int] = defaultdict(int)
        for it in group:
            counts[it.event] += 1
        return max(counts, key=lambda ev: (any(p.event == ev for p in prefer), counts[ev], ev))

    found: list[Disagreement] = []
    seen: set[tuple[str, frozenset[str]]] = set()

    def emit(kind: str, event: str | None, group: list[_Item], claims: list[Claim]) -> None:
        key = (kind, frozenset(f"{c.article}|{c.text}|{c.stance}" for c in claims))
        if key not in seen:
            seen.add(key)
            events_ = tuple(dict.fromkeys(it.event for it in group))
            found.append(Disagreement(event, kind, tuple(claims), events_, topic(group)))

    for group in sorted(groups.values(), key=lambda g: -len(g)):
        if len({it.origin for it in group}) < 2:
            continue
        # One voice per origin: a denial wins over its own hedged reports, else its firmest claim.
        voice: dict[str, _Item] = {}
        for it in sorted(group, key=lambda it: ((NEGATIVE + POSITIVE).index(it.stance or "alleged"),
                                                _explicit(it.mention) is None, it.mention.start)):
            voice.setdefault(it.origin, it)
        neg = [it for it in voice.values() if it.stance in NEGATIVE]
        pos = [it for it in voice.values() if it.stance in POSITIVE]
        if neg and pos:
            chosen = pos + neg
            emit("modality", main_event(group, pos), group,
                 [claim(it, it.stance or "") for it in chosen])
        # Numbers: the same counted thing with ranges that cannot both hold, from two origins.
        counted: list[tuple[_Item, Quantity, str]] = []
        for it in group:
            if it.stance in POSITIVE:
                for q in it.mention.quantities:
                    unit = unit_of(q, it.mention.sentence_text)
                    if unit:
                        counted.append((it, q, unit))
        for (a, qa, ua), (b, qb, ub) in combinations(counted, 2):
            if ua != ub or a.origin == b.origin:
                continue
            lo_a, hi_a = qa.low or 0.0, qa.high if qa.high is not None else float("inf")
            lo_b, hi_b = qb.low or 0.0, qb.high if qb.high is not None else float("inf")
            if hi_a < lo_b or hi_b < lo_a:
                emit("number", main_event(group, [a, b]), group,
                     [claim(a, a.stance or "", quantity=f"{qa.text} {ua}"),
                      claim(b, b.stance or "", quantity=f"{qb.text} {ub}")])
                break
    # Date claims that contradict each other, joined into one disagreement per set of tellings.
    dates = _Union(len(items))
    for i, j in date_pairs:
        dates.join(i, j)
    date_groups: dict[int, list[_Item]] = defaultdict(list)
    for i in dict.fromkeys(k for pair in date_pairs for k in pair):
        date_groups[dates.find(i)].append(items[i])
    for group in date_groups.values():
        group.sort(key=lambda it: (it.mention.article, it.mention.start))
        emit("date", group[0].event, group,
             [claim(it, it.stance or "", time=t.value if (t := _explicit(it.mention)) else None)
              for it in group])
    return found
