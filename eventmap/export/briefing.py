"""The briefing as data: a frozen ``Briefing`` of sections of cited items, built from the JSON export.

Extractive and deterministic: every item is one of the articles' own sentences (or a clause cut
from one, marked with an ellipsis), chosen, never rewritten, and cites ``[n]`` the numbered sources
it comes from, plus the other articles whose sentence about the same event says the same thing.
``briefing_render`` turns a ``Briefing`` into Markdown and HTML, so the two never diverge;
``briefing_llm`` may rewrite its prose sections and checks every rewritten sentence against the
sentences it cites.

Choosing: a sentence is scored by how many independent articles back it, its modality (asserted
beats alleged), whether it is dated or carries numbers, and how well it stands alone (no bylines,
newsletter boilerplate, first-person asides or dangling "It ..."). Each sentence is used once: the
disagreement quotes are taken first, then the story in brief, what changed recently and the
storylines; key figures and the timeline quote clauses, not whole sentences.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..models import UNKNOWN_OUTLET
from .briefing_dates import (
    entity_names,
    finer,
    neg,
    said_as_its_time,
    shift,
    span,
    storyline_heading,
    time_key,
)
from .briefing_text import clean, fragment, quality, text_key, when
from .support import content_terms, stem

if TYPE_CHECKING:
    from .briefing_sentences import Features


@dataclass(frozen=True)
class Item:
    """One cited line. ``evidence`` pairs a source number with the sentence it backs the item with."""

    text: str
    cites: tuple[int, ...]
    label: str = ""  # bold lead-in: a date, a figure, an outlet
    note: str = ""  # flag after the text: "alleged", "planned"
    quote: bool = False  # the text is a source's words, shown in quotation marks
    evidence: tuple[tuple[int, str], ...] = ()
    time: Mapping[str, Any] | None = None  # the time of the item's own event, as the sentence says it


@dataclass(frozen=True)
class Group:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    key: str  # brief | storyline | figures | recent | disagreements | timeline
    title: str
    lead: tuple[Item, ...] = ()  # prose, one paragraph
    items: tuple[Item, ...] = ()  # bullets
    groups: tuple[Group, ...] = ()  # headed bullet lists
    empty: str = ""  # said (uncited, as a note) when the section found nothing
    ref: str = ""  # what the section is about: a storyline's id

    def all_items(self) -> tuple[Item, ...]:
        return self.lead + self.items + tuple(i for g in self.groups for i in g.items)


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    outlet: str
    published: str | None
    where: str
    copy_of: int | None = None
    copy_kind: str | None = None


@dataclass(frozen=True)
class Coverage:
    articles: int
    outlets: int  # named outlets
    unnamed: int  # articles naming no outlet
    origins: int
    copies: tuple[tuple[int, int, str], ...]  # (copy, its origin, exact|near|contained)
    first: str | None
    last: str | None
    undated: int
    events: int


@dataclass(frozen=True)
class Briefing:
    title: str
    coverage: Coverage
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    mode: str = "extractive"
    notes: tuple[str, ...] = ()


def coverage_line(c: Coverage) -> str:
    """The coverage sentence both renderers print (plain text; the HTML renderer escapes it)."""
    if c.outlets:
        parts = [f"{c.articles} articles across {c.outlets} outlet{'s' * (c.outlets != 1)}"
                 + (f" ({c.unnamed} naming none)" if c.unnamed else "")]
    else:
        parts = [f"{c.articles} articles (no outlet named)"]
    origin = f"{c.origins} independent origin{'s' * (c.origins != 1)}"
    if c.copies:
        which = ", ".join(f"[{a}] is a{'n' * (k == 'exact')} {k} copy of [{b}]" for a, b, k in c.copies)
        many = len(c.copies) > 1
        origin += (f", counting {len(c.copies)} cop{'ies' if many else 'y'} with "
                   f"{'their origins' if many else 'its origin'} ({which})")
    parts.append(origin)
    if c.first:
        span = c.first if c.first == c.last else f"{c.first} to {c.last}"
        parts.append(f"published {span}" + (f", {c.undated} undated" if c.undated else ""))
    parts.append(f"{c.events} events extracted")
    return "; ".join(parts) + "."


# --- how modality and units weigh in the choice -------------------------------------------------
_GENERIC_UNITS = frozenset({"nation", "country", "side", "party", "part", "way", "time", "thing", "option",
                            "leader", "partner", "sector", "point", "step", "aspect", "reason", "issue",
                            "other", "each", "both"})
_MODALITY_BONUS = {"asserted": 0.6, "reported": 0.4, "planned": 0.0, "alleged": -0.3,
                   "hypothetical": -0.8, "denied": -0.5}
_MODALITY_RANK = {"asserted": 0, "reported": 1, "planned": 2, "alleged": 3, "denied": 4, "hypothetical": 5}
NOTE = {"alleged": "alleged", "denied": "disputed", "hypothetical": "speculative", "planned": "planned"}
_STANCE_CLASS = {"asserted": "fact", "reported": "fact", "planned": "plan", "alleged": "claim",
                 "hypothetical": "maybe", "denied": "denied"}


@dataclass
class _Cand:
    """A distinct source sentence with everything the briefing needs to choose it."""

    text: str
    raw: str
    articles: set[int]
    events: list[Mapping[str, Any]] = field(default_factory=list)
    modality: str = "asserted"
    modality_of: dict[str, str] = field(default_factory=dict)  # event id -> its mention's modality
    trigger_pos: int = 0
    has_numbers: bool = False
    central: float = 0.0  # mean share of articles using its ten most shared words
    offset: int = 10**9  # where the sentence starts in its article: news puts the gist first
    time: Mapping[str, Any] | None = None  # the time the sentence states for its main event
    inherited_time: Mapping[str, Any] | None = None  # else a time of its events, to sort by
    times: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # event id -> the time it says
    published: str = ""
    quality: float = 0.0
    score: float = 0.0
    evidence: dict[int, str] = field(default_factory=dict)

    @property
    def cites(self) -> tuple[int, ...]:
        return tuple(sorted(self.articles))

    @cached_property  # read once all its events are in (``_candidates``); the choice reads it often
    def main(self) -> Mapping[str, Any]:
        return max(self.events, key=_event_weight)

    def item(self, **kw: Any) -> Item:
        kw.setdefault("note", NOTE.get(self.modality, ""))
        kw.setdefault("time", self.time)
        return Item(self.text, self.cites, evidence=tuple(sorted(self.evidence.items())), **kw)

    def sort_time(self) -> str:
        return time_key(self.time or self.inherited_time) or self.published or "9999"


# The briefing reads the sentences of at most this many events, the weightiest (and every event a
# disagreement is about): a page of prose needs no more, and on a 2,000-article map (25k events)
# reading them all took most of the briefing's 3.6 s (2,000 of them: 1.3 s).
POOL = 2000


def _pool(export: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    events = list(export.get("events") or [])
    keep = pool_ids(events, list(export.get("disagreements") or []))
    return events if keep is None else [e for e in events if e["id"] in keep]  # in the export's order


def pool_ids(events: Sequence[Mapping[str, Any]],
             disagreements: Sequence[Mapping[str, Any]]) -> set[str] | None:
    """The events whose sentences the briefing reads (None: all), from their ranking fields alone:
    the working export (``json_export.WorkingExport``) holds only these whole."""
    if len(events) <= POOL:
        return None
    disputed = {d.get("event") for d in disagreements}  # their claims quote themselves
    # the weightiest on a heap, not every event sorted (their weights end with the id: no ties)
    return {e["id"] for e in heapq.nlargest(POOL, events, key=_pool_weight)} | disputed


def _pool_weight(e: Mapping[str, Any]) -> tuple:
    """``_event_weight`` with articles in place of mentions (the pool is chosen before the
    mentions of most events are read)."""
    articles = len(e.get("articles") or ())
    return (e.get("salience") or 0.0, e.get("independent_sources") or articles, articles, e["id"])


def _event_weight(e: Mapping[str, Any]) -> tuple:
    """How much an event matters: its salience (nlp/salience.py), then its origins and mentions."""
    return (e.get("salience") or 0.0, e.get("independent_sources") or len(e.get("articles") or ()),
            len(e["mentions"]), e["id"])


class _Builder:
    def __init__(self, export: Mapping[str, Any], max_events: int,
                 sentences: Callable[[str], Features] | None = None,
                 pooled: Sequence[Mapping[str, Any]] | None = None) -> None:
        self.export = export
        self.sentences = sentences  # raw sentence -> its features, kept across adds; None: made here
        self.max_events = max_events
        self.articles = list(export.get("articles") or [])
        self.number = {a["id"]: i for i, a in enumerate(self.articles, start=1)}
        # source number -> the number of its independent origin (a copy's original)
        self.origin = {self.number[a["id"]]: self.number.get(a.get("duplicate_of"), self.number[a["id"]])
                       for a in self.articles}
        self.within: list[Group] = []  # claims at odds inside one source (see disagreements)
        self.quoted: set[str] = set()  # sentences quoted under a disagreement
        self.published = {self.number[a["id"]]: a.get("published") or "" for a in self.articles}
        self.events = _pool(export) if pooled is None else pooled
        self.entities = {e["id"]: e for e in export.get("entities") or []}
        self.names = entity_names(self.entities.values())
        self.used: set[str] = set()
        self._terms: dict[str, Set[str]] = {}
        self._clean: dict[str, str] = {}
        self._quality: dict[str, float | None] = {}
        self._backers_of: dict[str, list[tuple[int, str | None, str, Set[str], int]]] = {}
        self.cands = self._candidates()
        self.by_event: dict[str, list[_Cand]] = defaultdict(list)
        for c in self.cands.values():
            for e in c.events:
                self.by_event[e["id"]].append(c)
        central = sorted(c.central for c in self.cands.values() if c.quality > 0)
        # well under the typical sentence's centrality: text the other articles do not share
        self.central_floor = 0.6 * central[len(central) // 2] if central else 0.0
        dates = sorted(d for d in self.published.values() if d)
        self.latest = dates[-1] if dates else max(
            (c.time["start"] for c in self.cands.values() if c.time and c.time.get("start")), default="")

    def clean(self, raw: str) -> str:
        found = self._clean.get(raw)
        if found is None:
            if self.sentences is None:
                found = clean(raw)
            else:  # its terms and quality too: all three are functions of the text
                found, self._terms[found], self._quality[found] = self.sentences(raw)
            self._clean[raw] = found
        return found

    def terms(self, text: str) -> Set[str]:
        found = self._terms.get(text)
        if found is None:
            found = self._terms[text] = content_terms(text)
        return found

    def quality(self, text: str) -> float | None:
        if text not in self._quality:
            self._quality[text] = quality(text)
        return self._quality[text]

    def _candidates(self) -> dict[str, _Cand]:
        cands: dict[str, _Cand] = {}
        for e in self.events:
            for m in e["mentions"]:
                n = self.number.get(m["article"])
                if n is None:
                    continue
                text = self.clean(m["sentence"])
                key = text_key(text)
                c = cands.get(key)
                if c is None:
                    pos = max(0, int(m.get("start", 0)) - int(m.get("sentence_start", 0)))
                    c = cands[key] = _Cand(text, m["sentence"], set(), trigger_pos=pos,
                                           published=self.published.get(n, ""))
                c.articles.add(n)
                c.evidence.setdefault(n, text)
                if e["id"] not in c.modality_of:  # each event once (modality_of is keyed by event)
                    c.events.append(e)
                c.modality_of.setdefault(e["id"], m["modality"])
                c.has_numbers = c.has_numbers or bool(m.get("quantities"))
                c.offset = min(c.offset, int(m.get("sentence_start") or 0))
                # the most hedged reading of the sentence: a claim inside it flags the whole sentence
                if _MODALITY_RANK.get(m["modality"], 9) > _MODALITY_RANK.get(c.modality, 9):
                    c.modality = m["modality"]
                # a sentence dates an event only by a time it says for it, not a reference point
                # ("three years after the February 24, 2022 invasion") nor one carried over
                own = not m.get("time_inherited") and said_as_its_time(m["sentence"], m.get("time_text"),
                                                                       e.get("time"))
                if own and (e["id"] not in c.times or finer(e["time"], c.times[e["id"]])):
                    c.times[e["id"]] = e["time"]
                elif e.get("time") and c.inherited_time is None:
                    c.inherited_time = e["time"]
        for c in cands.values():  # the date shown with a sentence is its main event's
            c.time = c.times.get(c.main["id"])
            if c.time is None and c.times:
                c.inherited_time = next(iter(c.times.values()))
        # centrality: how many articles use a sentence's words. Off-topic text a corpus drags in
        # (listings, asides, other stories) speaks words the rest of the articles do not.
        df: Counter[str] = Counter()
        per_article: dict[int, set[str]] = defaultdict(set)
        for c in cands.values():
            for n in c.articles:
                per_article[n] |= self.terms(c.text)
        for words in per_article.values():
            df.update(words)
        n_articles = max(1, len(per_article))
        for c in cands.values():
            self._corroborate(c)
            # the ten largest counts, then shares (dividing keeps their order): no generator per sentence
            top = sorted(map(df.__getitem__, self.terms(c.text)), reverse=True)[:10]
            shares = [x / n_articles for x in top]
            c.central = sum(shares) / len(shares) if shares else 0.0
            q = self.quality(c.text)
            c.quality = q if q is not None else -math.inf
            origins = max(e.get("independent_sources") or 1 for e in c.events)
            salience = max(e.get("salience") or 0.0 for e in c.events)
            c.score = (c.quality + 1.2 * (len(c.articles) - 1) + 0.3 * math.log1p(origins) + 2.0 * salience
                       + _MODALITY_BONUS.get(c.modality, 0.0) + 0.5 * (c.time is not None)
                       + 0.3 * c.has_numbers + (0.6 if c.offset < 400 else 0.0) + 3.0 * c.central)
        return cands

    def _corroborate(self, c: _Cand) -> None:
        """Cite the other articles whose sentence on the same event says much the same thing: four
        content terms shared, at least half of the smaller side's (``2 * shared >= smaller`` is
        ``shared / smaller >= 0.5`` in integers). ~160k pairs at 2,000 articles: locals, no call."""
        mine = self.terms(c.text)
        size = len(mine)
        stance = _STANCE_CLASS.get(c.modality)
        articles, evidence = c.articles, c.evidence
        for e in c.events:
            for n, theirs_stance, other, theirs, their_size in self._backers(e):
                if theirs_stance != stance or n in articles:
                    continue  # a denial or a rumour of the same event backs nothing
                shared = len(mine & theirs)
                if shared >= 4 and 2 * shared >= min(size, their_size):
                    articles.add(n)
                    evidence[n] = other

    def _backers(self, e: Mapping[str, Any]) -> list[tuple[int, str | None, str, Set[str], int]]:
        """(source number, stance, clean sentence, its terms, how many) of the event's first 60
        mentions in a listed article: made once per event, as each of its sentences' candidates
        reads them all."""
        found = self._backers_of.get(e["id"])
        if found is None:
            found = self._backers_of[e["id"]] = []
            for m in e["mentions"][:60]:
                n = self.number.get(m["article"])
                if n is not None:
                    other = self.clean(m["sentence"])
                    terms = self.terms(other)
                    found.append((n, _STANCE_CLASS.get(m["modality"]), other, terms, len(terms)))
        return found

    # --- selection ---------------------------------------------------------------------------

    def on_topic(self, c: _Cand) -> bool:
        return c.central >= self.central_floor

    def usable(self, c: _Cand) -> bool:
        return c.quality > -math.inf and text_key(c.text) not in self.used

    def pick(self, pool: Iterable[_Cand], k: int, *, key: Any = None, distinct: str = "event",
             taken: list[_Cand] | None = None, max_overlap: float = 0.6) -> list[_Cand]:
        """Greedy best-first choice of ``k`` unused sentences, about different events, not repeating
        each other; marks them used."""
        chosen: list[_Cand] = []
        seen_groups: set[str] = set()
        prior = taken or []
        for c in sorted(pool, key=key or (lambda c: (-c.score, c.text))):
            if len(chosen) >= k:
                break
            if not self.usable(c) or not self.on_topic(c):
                continue
            group = c.main.get("storyline") or c.main["id"] if distinct == "storyline" else c.main["id"]
            if group in seen_groups:
                continue
            if any(self._similar(c, o, max_overlap) for o in chosen + prior):
                continue
            chosen.append(c)
            seen_groups.add(group)
            self.used.add(text_key(c.text))
        return chosen

    def _similar(self, a: _Cand, b: _Cand, limit: float = 0.6) -> bool:
        ta, tb = self.terms(a.text), self.terms(b.text)
        return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= limit

    def disagreements(self, kinds: tuple[str, ...], k: int = 8) -> list[Group]:
        """Disagreements of these kinds, each a group of quoted claims labelled by who says what.

        Claims that all come from one source (an article and its copies) are no disagreement: an
        article that gives two figures may have updated itself, or slipped. Those go to ``within``,
        shown after the disagreements under a heading that says so."""
        groups = []
        for d in self.export.get("disagreements") or []:
            if d.get("kind") not in kinds or len(groups) >= k:
                continue
            alone = len(self._sources_of(d)) < 2
            if alone and len(self.within) >= 3:
                continue
            items = []
            for claim in (d.get("claims") or [])[:4]:
                n = self.number.get(claim.get("article"))
                if n is None:
                    continue
                text = clean(claim.get("text") or "")
                stance = str(claim.get("stance") or "")
                said = {"number": claim.get("quantity"),
                        "date": _when_value(claim.get("time"))}.get(d["kind"])
                label = self._who(n, claim.get("outlet")) + (f": {said}" if said else
                                                             f" {_STANCE.get(stance, stance)}")
                items.append(Item(text, (n,), label=label, quote=True, evidence=((n, text),)))
            if len(items) >= 2 and not alone:
                self.used.update(text_key(i.text) for i in items)  # quoted here: not again elsewhere
                self.quoted.update(text_key(i.text) for i in items)
            if len(items) >= 2 and alone:
                self.within.append(Group(_disagreement_heading(d) + " — one source, two accounts "
                                         "(an update or a slip, not a disagreement)", tuple(items)))
            elif len(items) >= 2:
                groups.append(Group(_disagreement_heading(d), tuple(items)))
        return groups

    def _who(self, n: int, outlet: str | None) -> str:
        if outlet and outlet != UNKNOWN_OUTLET:
            return outlet
        title = self.articles[n - 1].get("title") or ""
        return f"“{title[:57] + '…' if len(title) > 60 else title}”" if title else "An unnamed outlet"

    def brief(self, k: int = 4) -> Section:
        """The story in brief: a sentence on each of the most salient events, one per storyline, from
        more than one independent origin where the map has several (no source takes more than half)."""
        pool = {id(c) for c in self.cands.values()
                if c.modality in ("asserted", "reported") and c.quality > 0}
        origins = len(set(self.origin.values()))
        per_origin: Counter[int] = Counter()
        chosen: list[_Cand] = []
        groups: set[str] = set()
        for e in sorted(self.events, key=_event_weight, reverse=True)[: 40 * k]:
            if len(chosen) >= k:
                break
            group = e.get("storyline") or e["id"]
            if group in groups:
                continue
            # a sentence quoted under a disagreement may also tell the story: the brief is the lead
            options = [c for c in self.by_event[e["id"]] if id(c) in pool and self.on_topic(c)
                       and (self.usable(c) or text_key(c.text) in self.quoted)
                       and c.main["id"] == e["id"] and not any(self._similar(c, o, 0.34) for o in chosen)]
            options = [c for c in options if c.quality >= 0.5] or options  # stands alone, if it can
            if origins > 1:  # spread across origins: a source that has its share gives way
                options = [c for c in options
                           if any(per_origin[self.origin[n]] < (k + 1) // 2 for n in c.articles)]
            if not options:
                continue
            c = max(options, key=lambda c: (len({self.origin[n] for n in c.articles}), c.score, c.text))
            chosen.append(c)
            groups.add(group)
            per_origin.update({self.origin[n] for n in c.articles})
            self.used.add(text_key(c.text))
        chosen.sort(key=lambda c: (c.sort_time(), -c.score))
        disputed = {d.get("event") for d in self.export.get("disagreements") or []
                    if d.get("kind") == "modality" and len(self._sources_of(d)) > 1}
        lead = tuple(c.item(note="disputed") if c.main["id"] in disputed and not NOTE.get(c.modality)
                     else c.item() for c in chosen)
        return Section("brief", "The story in brief", lead=lead, empty="Too little text to summarise.")

    def _sources_of(self, d: Mapping[str, Any]) -> set[int]:
        """The independent origins a disagreement's claims come from."""
        found = {self.origin.get(self.number.get(c.get("article")) or 0) for c in d.get("claims") or []}
        return {n for n in found if n is not None}

    def recent(self) -> Section:
        horizon = shift(self.latest, 31) or "9999"
        dated = [c for c in self.cands.values() if c.time and c.quality > 0
                 and "" < time_key(c.time) <= horizon
                 and (c.time.get("granularity") in ("day", "week", "month")
                      # "for the first time since 1980" said on the day: news, if the sentence stands alone
                      or (c.time.get("mod") == "AFTER" and c.quality >= 1.0))]

        def newest(c: _Cand) -> tuple:
            return (neg(time_key(c.time)), -c.score, c.text)

        chosen = self.pick([c for c in dated if time_key(c.time) >= shift(self.latest, -21)], 5, key=newest)
        if len(chosen) < 3:  # a quiet month: the latest developments of the season before
            older = [c for c in dated if time_key(c.time) >= shift(self.latest, -120)]
            chosen += self.pick(older, 3 - len(chosen), key=newest, taken=chosen)
        chosen.sort(key=lambda c: (time_key(c.time), -c.score))
        return Section("recent", "What changed recently",
                       items=tuple(c.item(label=_recent_label(c.time)) for c in chosen),
                       empty="No recent dated events were found.")

    def storylines(self, k: int = 6) -> list[Section]:
        by_story: dict[str, list[_Cand]] = defaultdict(list)
        for c in self.cands.values():
            sid = c.main.get("storyline")
            if sid:
                by_story[sid].append(c)
        spread = {sid: len({n for c in cands for n in c.articles}) for sid, cands in by_story.items()}
        stories = [s for s in self.export.get("storylines") or [] if s["id"] in by_story]

        def weight(s: Mapping[str, Any]) -> float:
            best = sorted((c.score for c in by_story[s["id"]] if c.quality > 0 and self.on_topic(c)),
                          reverse=True)[:4]
            events = len(s.get("events") or ())
            return sum(best) + 2.0 * math.log1p(spread[s["id"]]) + 0.2 * math.log1p(events)

        ranked = sorted(stories, key=lambda s: (-weight(s), s["id"]))[:k]
        sections = []
        for s in ranked:
            pool = [c for c in by_story[s["id"]] if c.quality > 0]
            first = self.pick(pool, 1)
            if not first:
                continue
            # the section keeps to what its lead is about: a machine-made storyline can mix threads
            lead = first[0]
            coherent = self._coherent(lead)
            rest = self.pick([c for c in pool if coherent(c)], 3, taken=first)
            rest.sort(key=lambda c: (c.sort_time(), -c.score))
            chosen = [lead, *rest]
            spans = [span(c.time) for c in chosen]
            heading = storyline_heading(self._heading_events(s, lead, rest), self.entities, spans,
                                        self.names)
            first = min((sp[0] for sp in spans if sp), default="9999")
            sections.append(((first[:4], self._story_time(s)), Section(
                "storyline", heading, lead=(lead.item(),),
                items=tuple(c.item(label=_lead_date(c)) for c in rest), ref=str(s["id"]))))
        sections.sort(key=lambda ts: ts[0])
        return [sec for _, sec in sections]

    def _coherent(self, lead: _Cand) -> Callable[[_Cand], bool]:
        """Whether a sentence is about what ``lead`` is about: its main event shares an actor or place
        with the lead's, or the two sentences share three content words (the lead's read once)."""
        def involved(x: _Cand) -> set[str]:
            return {a for a in [*(x.main.get("actors") or ()), x.main.get("place")] if a}

        mine, words = involved(lead), self.terms(lead.text)
        return lambda c: bool(involved(c) & mine) or len(self.terms(c.text) & words) >= 3

    def _heading_events(self, s: Mapping[str, Any], lead: _Cand,
                        rest: list[_Cand]) -> list[Mapping[str, Any]]:
        """The events a storyline heading may name, in order: the lead sentence's, the section's other
        sentences' (weightiest first), then the storyline's others."""
        mine = [lead.main] + sorted({c.main["id"]: c.main for c in rest if c.main["id"] != lead.main["id"]}
                                    .values(), key=_event_weight, reverse=True)
        ids = set(s.get("events") or ()) - {e["id"] for e in mine}
        others = sorted((e for e in self.events if e["id"] in ids), key=_event_weight, reverse=True)
        return mine + others[:20]

    def _story_time(self, s: Mapping[str, Any]) -> str:
        ids = set(s.get("events") or ())
        starts = sorted(e["time"]["start"] for e in self.events
                        if e["id"] in ids and e.get("time") and e["time"].get("start")
                        and e["time"].get("granularity") != "decade")
        return starts[len(starts) // 2] if starts else "9999"

    def figures(self, k: int = 8) -> Section:
        groups: dict[tuple, list[tuple[Mapping[str, Any], Mapping[str, Any], int]]] = defaultdict(list)
        for e in self.events:
            for m in e["mentions"]:
                n = self.number.get(m["article"])
                for q in m.get("quantities") or []:
                    if n is not None and _is_key_figure(q):
                        unit = stem(str(q.get("unit") or ""))
                        groups[(q.get("low"), q.get("high"), unit)].append((q, m, n))
        rows = []
        for rows_of in groups.values():
            cites = sorted({n for _, _, n in rows_of})
            q, m, n = max(rows_of, key=lambda r: (self._cand_score(r[1]), -r[2]))
            text = q.get("text") or ""
            big = bool(re.search(r"\d", text)) or (q.get("low") or 0) >= 10
            said = {}
            for _, mm, nn in rows_of:
                said.setdefault(nn, self.clean(mm["sentence"]))
            evidence = tuple(sorted(said.items()))
            rows.append(((-len(cites), -big, -(self._cand_score(m)), text), q, m, cites, evidence))
        rows.sort(key=lambda r: r[0])
        items = []
        seen_sentences: set[str] = set()
        for _, q, m, cites, evidence in rows:
            if len(items) >= k or text_key(m["sentence"]) in seen_sentences:
                continue
            raw = m["sentence"]
            if re.match(r"\s*" + re.escape(q.get("text") or "") + r"[.)]\s", raw):
                continue  # a list's item number
            cand = self.cands.get(text_key(self.clean(raw)))
            if cand is not None and cand.quality <= 0:
                continue  # an aside, or a newsletter counting its own sources: not the story's figure
            seen_sentences.add(text_key(raw))
            pos = raw.find(q.get("text") or "")
            items.append(Item(fragment(raw, max(pos, 0)), tuple(cites), label=_figure_label(raw, q),
                              note=NOTE.get(cand.modality, "") if cand else "", evidence=evidence))
        return Section("figures", "Key figures", items=tuple(items), empty="No figures were reported.")

    def _cand_score(self, m: Mapping[str, Any]) -> float:
        c = self.cands.get(text_key(self.clean(m["sentence"])))
        return c.score if c and c.quality > -math.inf else -9.0

    def timeline(self) -> Section:
        rows = []
        for e in self.events:
            t = e.get("time")
            if not t or not t.get("start") or t.get("mod") == "AFTER":
                continue  # "the first time since 1980" does not date the event to 1980
            own = [c for c in self.by_event[e["id"]] if c.times.get(e["id"]) == t]  # said of it
            own = [c for c in own if c.quality > 0]
            if not own:
                continue
            best = max(own, key=lambda c: (c.score, c.text))
            rows.append((_event_weight(e)[:2], best.score, e, best))
        rows.sort(key=lambda r: (-r[0][0], -r[0][1], -r[1], r[2]["id"]))
        chosen: list[tuple[Mapping[str, Any], _Cand]] = []
        sentences: set[str] = set()
        for _, _, e, c in rows:
            if len(chosen) >= self.max_events:
                break
            if text_key(c.text) in sentences:
                continue
            sentences.add(text_key(c.text))
            chosen.append((e, c))
        chosen.sort(key=lambda ec: (time_key(ec[0]["time"]), ec[0]["id"]))
        items = []
        for e, c in chosen:
            note = NOTE.get(c.modality_of.get(e["id"], c.modality), "")  # this event's own hedging
            items.append(Item(fragment(c.raw, c.trigger_pos), c.cites, label=when(e["time"]), note=note,
                              evidence=tuple(sorted(c.evidence.items())), time=e["time"]))
        return Section("timeline", "Timeline", items=tuple(items), empty="No dated events were found.")


_STANCE = {"asserted": "reports it as fact", "reported": "reports it", "alleged": "reports it as a claim",
           "disputed": "disputes it", "denied": "disputes it", "hypothetical": "speculates",
           "planned": "reports it as planned"}
_KIND = {"modality": "did it happen?", "number": "how many?", "date": "when?"}


def _disagreement_heading(d: Mapping[str, Any]) -> str:
    topic = str(d.get("topic") or "")
    what, _, who = topic.partition(":")
    what = what.strip().capitalize() or "An event"
    head = f"{what} ({who.strip()})" if who.strip() else what
    return f"{head}: {_KIND.get(d.get('kind'), d.get('kind') or '')}".rstrip(": ")


_YEAR = re.compile(r"(1[0-9]|20)\d\d")
_BIG = re.compile(r"thousand|million|billion|hundred|dozen", re.I)


def _is_key_figure(q: Mapping[str, Any]) -> bool:
    text = str(q.get("text") or "")
    low = q.get("low") if q.get("low") is not None else q.get("value")
    if low is None and q.get("high") is None:
        return False
    if _YEAR.fullmatch(text.strip()):
        return False  # a year read as a count
    unit = stem(str(q.get("unit") or ""))
    if unit in _GENERIC_UNITS:
        return False  # "the two nations", "both sides": counting, not a figure
    big = _BIG.search(text)
    if big or (low or 0) >= 100:
        return True
    return bool(unit) and len(unit) > 2 and (low or 0) >= 2


def _figure_label(sentence: str, q: Mapping[str, Any]) -> str:
    text = str(q.get("text") or "")
    unit = stem(str(q.get("unit") or ""))
    at = sentence.find(text)
    if at < 0 or not unit:
        return text
    after = sentence[at + len(text):].split()[:4]
    words = [re.sub(r"[^\w’'%€$£-]+$", "", w) for w in after]
    # up to the counted thing: the unit, or the first plural noun ("60 North Korean KN-23 missiles")
    for i, word in enumerate(words):
        plural = word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        if plural or (stem(word) == unit and not word[:1].isupper()):
            return " ".join([text, *words[: i + 1]])
        if re.search(r"\W$", after[i]) and not after[i].endswith("-"):
            break  # the phrase ended ("10,000 troops, including")
    for i, word in enumerate(words[:3]):
        if stem(word) == unit or stem(word).startswith(unit[:4]):
            return " ".join([text, *words[: i + 1]])
    return text


def _lead_date(c: _Cand) -> str:
    """A date lead-in, unless the sentence opens with that date itself ("On July 27, 1953, ...")."""
    said = str((c.time or {}).get("text") or "")
    return "" if said and said in c.text[: len(said) + 12] else when(c.time)


def _recent_label(t: Mapping[str, Any] | None) -> str:
    if t and t.get("mod") == "AFTER" and t.get("end"):  # "for the first time since 1980", said on its end day
        return "by " + when({"value": t["end"], "granularity": "day"})
    return when(t)


def _when_value(value: Any) -> str:
    """A TIMEX value from a claim ("2025-03-17", "2025-W12", "2026-03") as a reader writes it."""
    if not value:
        return ""
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return when({"value": text, "granularity": "day"})
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return when({"value": text, "granularity": "month"})
    return text


def _sources(articles: list[Mapping[str, Any]], number: Mapping[str, int]) -> tuple[Source, ...]:
    return tuple(
        Source(number[a["id"]], str(a.get("title") or "(untitled)"), str(a.get("outlet") or "unknown"),
               a.get("published"), str(a.get("url") or a.get("path") or ""),
               number.get(a.get("duplicate_of")) if a.get("duplicate_of") else None,
               a.get("duplicate_kind"))
        for a in articles)


def _coverage(export: Mapping[str, Any], sources: tuple[Source, ...]) -> Coverage:
    stats = export.get("stats") or {}
    named = {s.outlet for s in sources if s.outlet and s.outlet != "unknown"}
    dates = sorted(s.published for s in sources if s.published)
    copies = tuple((s.number, s.copy_of, s.copy_kind or "near") for s in sources if s.copy_of)
    return Coverage(
        articles=int(stats.get("articles", len(sources))), outlets=len(named),
        unnamed=sum(1 for s in sources if not s.outlet or s.outlet == "unknown"),
        origins=int(stats.get("independent_origins", len(sources) - len(copies))), copies=copies,
        first=dates[0] if dates else None, last=dates[-1] if dates else None,
        undated=len(sources) - len(dates), events=int(stats.get("events", len(export.get("events") or ()))))


_LAST: list[tuple[Mapping[str, Any], Briefing]] = []  # the briefing summarize made, for render


def remember(export: Mapping[str, Any], briefing: Briefing) -> None:
    """Keep the briefing summarize wrote for this export: the map's overview shows the same one."""
    _LAST[:] = [(export, briefing)]


def recall(export: Mapping[str, Any]) -> Briefing | None:
    """The remembered briefing of this very export (same object), once; else None."""
    found = _LAST[0][1] if _LAST and _LAST[0][0] is export else None
    _LAST.clear()
    return found


def build_briefing(export: Mapping[str, Any], *, max_events: int = 12,
                   sentences: Callable[[str], Features] | None = None,
                   pooled: Sequence[Mapping[str, Any]] | None = None) -> Briefing:
    """The extractive briefing of an ``eventmap/1`` export (deterministic: same export, same briefing).
    ``sentences``: each source sentence's features (``briefing_sentences``), where kept; ``pooled``:
    the events ``_pool`` reads of this export, where the caller chose them already."""
    from .map_layers import story_label  # the map's header says the same

    b = _Builder(export, max_events, sentences, pooled)
    sources = _sources(b.articles, b.number)
    # disputes first: their quotes must be shown whatever else is chosen; then the news, so the brief
    # and the storylines keep to the larger story. Date disputes come last and may repeat a sentence:
    # the link stage finds many, and their quotes are often the story's key sentences.
    disputes = b.disagreements(("modality", "number"))
    brief = b.brief()
    recent = b.recent()
    stories = b.storylines()
    figures = b.figures()
    timeline = b.timeline()
    disputes += b.disagreements(("date",), k=max(0, 8 - len(disputes)))
    disagreements = Section("disagreements", "Where sources disagree", groups=tuple(disputes + b.within),
                            empty="No disagreements between independent sources were found.")
    sections = (brief, *stories, figures, recent, disagreements, timeline)
    return Briefing(story_label(export), _coverage(export, sources), sections, sources)
