"""Which temporal expression an event mention is anchored to.

The rule: the TIMEX inside the trigger's own phrase (its syntactic subtree), the ones in its own
clause before those inside a clause of another verb ("the startup that collapsed in 2022 was
sentenced Wednesday": Wednesday), else the closest one in the sentence, else the date the sentences
just before passed on (``Carry``: returned as inherited). A date in a clause coordinated with its own
subject is that clause's alone (``told_apart``).
Benchmarked against the ESC TLINK gold in benchmarks/ (event-to-time anchoring accuracy).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..models import Timex
from .syntax import clause_subject, in_own_clause

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Token

# A sentence opening on one of these has moved to another, unstated time: the date the sentences
# before it stated no longer holds ("The Soviet Union collapsed in 1992. ... In the first years of the
# post-Soviet era, Russia prioritized stability. Russia joined the Partnership for Peace": not 1992).
_SHIFT = re.compile(
    r"^\W*(?:in the (?:first|early|late|following|next|last|past|coming|intervening|subsequent) "
    r"(?:years?|decades?|months?|weeks?|days?|century|era)|in the years (?:that followed|after|since)"
    r"|in recent (?:years|decades|months)|over the (?:years|decades|centuries)|(?:years|decades|months) "
    r"later|later|subsequently|eventually|afterwards?|thereafter|since then|by then|at the time|"
    r"historically|today|now|currently|nowadays|these days|meanwhile)\b", re.I)


# "since 1980", "until May", "by 2024": a bound of a span of time, which dates an event only when
# nothing else in its sentence does ("for the first time since 1980" is no 1980 event).
BOUNDS = frozenset({"AFTER", "BEFORE", "ON_OR_AFTER", "ON_OR_BEFORE"})


def _dated(timexes: list[Timex]) -> list[Timex]:
    """The DATE and TIME expressions with an interval, those that are not a bound first."""
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.start]
    points = [t for t in dated if t.mod not in BOUNDS]
    return points or dated


def closest(trigger: Token, timexes: list[Timex]) -> Timex | None:
    dated = _dated(timexes)
    if not dated:
        return None
    # on a tie the one after the trigger: a date just before a verb often ends its subject ("the
    # trial of a man who shot two guards a year ago starts Monday": Monday)
    return min(dated, key=lambda t: (_gap(trigger, t), t.char_start < trigger.idx))


def _gap(trigger: Token, t: Timex) -> int:
    """Characters between the trigger and the TIMEX (0 when they touch or overlap)."""
    end = trigger.idx + len(trigger.text)
    return t.char_start - end if t.char_start >= end else max(0, trigger.idx - t.char_end)


def _token_of(tokens: Iterable[Token], t: Timex) -> Token | None:
    """The first of ``tokens`` inside the TIMEX's span."""
    return next((d for d in tokens if t.char_start <= d.idx < t.char_end), None)


def _in_own_clause(trigger: Token, t: Timex) -> bool:
    """Whether the TIMEX hangs on the trigger without an embedded clause between them."""
    tok = _token_of(trigger.subtree, t)
    return tok is not None and in_own_clause(trigger, tok)


def _in_subtree(trigger: Token, t: Timex) -> bool:
    return _token_of(trigger.subtree, t) is not None


# how a date hangs on the noun it dates when it stands before it: "the 2012 crash", "Friday's game"
_PRENOMINAL = frozenset({"nummod", "compound", "amod", "nmod", "poss", "npadvmod"})


def _dates_a_noun(trigger: Token, t: Timex) -> bool:
    """Whether the TIMEX stands before a noun other than the trigger, as its modifier: it dates that
    thing ("sentenced over a 2019 bus crash case": the crash; "will face the winner of Friday's
    semifinal": the semifinal), not the trigger's event."""
    toks = [d for d in trigger.sent if t.char_start <= d.idx < t.char_end]
    heads = [d for d in toks if not (t.char_start <= d.head.idx < t.char_end)]
    if len(heads) != 1:
        return False
    tok = heads[0]
    noun = tok.head
    return (tok.dep_ in _PRENOMINAL and noun.pos_ in ("NOUN", "PROPN") and noun.i > tok.i
            and noun.i != trigger.i and not (trigger.head.i == noun.i and trigger.dep_ == "compound"))


def in_phrase(trigger: Token, t: Timex) -> bool:
    """The TIMEX lies in the trigger's own phrase (its syntactic subtree, in its own clause): it
    dates this event, where the closest TIMEX of the sentence may date another one. Neither a date
    behind another verb's clause within the subtree ("released a video of the raid that killed
    him in 2011": the killing's), nor one that dates a noun ("the 2012 crash") is the trigger's."""
    if not _in_subtree(trigger, t) or _dates_a_noun(trigger, t):
        return False
    return _in_own_clause(trigger, t)


def told_apart(trigger: Token, t: Timex) -> bool:
    """Whether the TIMEX stands in a clause coordinated with its own subject that the trigger is not
    in: that clause's date is its own event's ("filed for bankruptcy a month later, and Carraway was
    indicted in March 2023": March 2023 is the indictment's, not the filing's)."""
    tok = _token_of(trigger.sent, t)
    if tok is None:
        return False
    trigger_path = {a.i for a in trigger.ancestors} | {trigger.i}
    return any(a.dep_ == "conj" and a.pos_ in ("VERB", "AUX") and a.i not in trigger_path
               and clause_subject(a, through=()) is not None for a in [tok, *tok.ancestors])


def anchor(trigger: Token, sentence_timexes: list[Timex],
           inherited: Timex | None) -> tuple[Timex | None, bool]:
    """(time, inherited?) for one trigger, given the TIMEXes of its sentence and the paragraph's
    last date so far."""
    # a date in a coordinated clause of its own is that clause's, even inside the trigger's subtree
    sentence_timexes = [t for t in sentence_timexes if not told_apart(trigger, t)]
    own = [t for t in sentence_timexes if _in_subtree(trigger, t)]
    if own and all(t.mod in BOUNDS for t in own) and any(t.mod not in BOUNDS for t in sentence_timexes):
        own = []  # its phrase only bounds it ("since 1980"); the sentence says when
    own = [t for t in own if _in_own_clause(trigger, t)] or own
    time = closest(trigger, own) or closest(trigger, sentence_timexes)
    if time is not None:
        return time, False
    return inherited, inherited is not None


def last_date(timexes: list[Timex]) -> Timex | None:
    """The date a sentence passes on to the next ones: its last DATE, or its last clock TIME cut
    to the day ("at 3 p.m." dates what follows to that day, not to that minute)."""
    dated = [t for t in _dated(timexes) if t.mod not in BOUNDS]  # "since 2006" sets no scene
    if not dated:
        return None
    t = dated[-1]
    if t.type == "TIME":
        day = t.start[:10]
        t = dataclasses.replace(t, type="DATE", value=day, start=day, end=day, granularity="day")
    return t


class Carry:
    """The date that earlier sentences of a paragraph pass on: the last one a sentence stated, until
    a new paragraph or a sentence that moves to another time ("Years later, ...")."""

    def __init__(self) -> None:
        self.date: Timex | None = None

    def at(self, text: str) -> Timex | None:
        """The carried date for the sentence ``text`` (None once it shifts the time)."""
        if self.date is not None and _SHIFT.match(text):
            self.date = None
        return self.date

    def passed(self, timexes: list[Timex]) -> None:
        """After a sentence (its TIMEXes): its own date, if it stated one, carries on."""
        self.date = last_date(timexes) or self.date

    def new_paragraph(self) -> None:
        self.date = None
