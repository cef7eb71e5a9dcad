"""Each article's main event, and its who / what / where as this article tells it.

An editor reads an article's main event off its headline and its first paragraph: the event its
title names (the title's predicate, with the title's named participants), told early, as the main
clause of its sentence or as what a reporting frame reports ("police said X": X), and new on the
article's day (a follow-up's news is its own development, not the story retold in background).
``choose`` ranks, per article, the article's own mentions of the map's events by those signals and
the event's map salience; the event of the best mention is the article's main event.

A merged event gathers the actors of every article that tells it; the article's reader sees only
what this article says. ``mention_frame`` gives, from the best mention's own headline (no parse:
its rows hold it), the 5W answers an annotator would write: **who** the subject of its clause
("The health ministry"), else the named participants of its sentence; **what** the predicate
phrase ("confirmed its first case of the flu"); **where** its own place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..models import EventMention
    from .salience import EventSignals

# Main event within an article: position and title first, as a reader of the lead would choose;
# then whether it happened in the article's own days (news is what is new), and its salience.
MAIN_WEIGHTS = {"lead": 0.35, "title": 0.25, "first_in_sentence": 0.05, "fresh": 0.25, "salience": 0.10,
                "telling": 0.10}
# The mentions whose 5W frame is kept with the event's signals: an article's first sentences (a
# main event is told there) and any its title names.
FRAME_SENTENCES = 6
# A subject that names nobody: the headline's subject is the antecedent where one was found, so a
# pronoun left there has none in the sentence.
_PRONOUNS = frozenset("""
i you he she it we they me him her us them this that these those who which what there one someone
something anyone everyone nobody
""".split())


class Frame(NamedTuple):
    """An article's main event as it tells it: who, what, where ("" where it does not say)."""

    who: str
    what: str
    where: str


def mention_frame(m: EventMention, in_title: Sequence[str] = ()) -> Frame:
    """The 5W answers of one mention, from its headline (subject + predicate) and its rows;
    ``in_title``: the names of its sentence that its article's title names too."""
    what = m.what or m.summary
    subject = m.summary[: len(m.summary) - len(what)].strip() if m.summary.endswith(what) else ""
    # A headline with no subject of its own is headed by the sentence's first names joined
    # ("Paris and France"): those are not the clause's doer.
    fallback = " and ".join(m.actors[:2])
    if subject.lower() in _PRONOUNS or (len(m.actors) > 1 and subject.lower() == fallback.lower()):
        subject = ""
    # names the clause itself holds (not the sentence's others, which a subject-less mention takes)
    own = [n for n in m.actors if n and n.lower() in m.summary.lower()]
    return Frame(_who(subject, own or in_title) or fallback, what, m.place or "")


def _who(subject: str, names: Sequence[str]) -> str:
    """The doer as a reader would name it: the name a subject phrase ends on, its head ("San
    Diego Chargers receiver Vincent Jackson": Vincent Jackson), the names of a coordination
    ("Putin and Kim"); a subject that names a person or a body as it stands ("A former employee",
    "The health ministry", "A United Nations worker"); for a thing that does ("The earthquake
    struck Haiti"), the names its clause holds, else those of its sentence its title holds.
    "" when it names no one."""
    lowered = subject.lower().rstrip(" .'’s")
    inside = [n for n in names if n and n.lower() in lowered]
    if inside and (" and " in f" {lowered} " or " & " in lowered):
        return " and ".join(inside[:2])
    ending = next((n for n in inside if lowered.endswith(n.lower())), None)
    if ending is not None:
        return ending
    if inside or _names_someone(lowered):
        return subject
    return " and ".join(names[:2]) or subject


# Heads of common noun phrases that name people or bodies ("The health ministry confirmed ...",
# "Police arrested ...", "A gunman opened fire"): who did it, though no name is given. Besides
# these, an agent noun: -er, -or, -ist, -ian, -ee ("driver", "investigator", "scientist").
_AGENT_HEADS = frozenset("""
man men woman women people person child children boy boys girl girls baby family families police
official officials authority authorities government ministry department agency council committee
court judge jury prosecution prosecutors army troops forces military navy force rebels militants
company firm group team club party union staff crew coach doctor doctors president minister
chief spokesman spokeswoman spokesperson mother father son daughter wife husband student students
victim victims suspect suspects gunman gunmen couple pilot patient patients nurse nurses surgeon
king queen prince princess pope state states administration parliament congress senate regulator
board bank hospital school university airline operator
""".split())
_NOT_AGENTS = frozenset("""
water number power order border matter letter paper river cancer disaster fever tower computer
center centre weather quarter corner winter summer monster shelter chamber meter layer error
factor sector motor floor door color colour flavor mirror horror terror rumor rumour humor vapor
ee fee tree knee degree
""".split())


def _names_someone(phrase: str) -> bool:
    head = phrase.split()[-1] if phrase.split() else ""
    single = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if head in _AGENT_HEADS or single in _AGENT_HEADS:
        return True
    return single not in _NOT_AGENTS and len(single) > 4 and single.endswith(("er", "or", "ist", "ian", "ee"))


_PROGRESSIVE = re.compile(r"^(?:(?:has|have|had|will|would|may|might|could)\s+been|is|are|was|were|am|'s|'re)"
                          r"\s+(?:(?:still|now|already|also|not)\s+)?[a-z]+ing\b", re.IGNORECASE)


def telling(m: EventMention) -> float:
    """How a mention tells its event, as an editor leads with the news: a clause that states a
    happening 1; an event noun without a clause of its own ("An office Christmas party") 0.5; an
    ongoing state or backdrop in the progressive ("was walking", "were coping", "was casting a long
    shadow") 0: news writing sets the scene in the progressive and tells the news in the simple
    past or perfect ("was walking when she was struck")."""
    what = m.what or m.summary
    if _PROGRESSIVE.match(what):
        return 0.0
    return 0.5 if what == m.summary else 1.0


def keeps_frame(sentence: int, titled: bool) -> bool:
    """Whether a mention's frame is kept with its signals (see ``FRAME_SENTENCES``)."""
    return sentence < FRAME_SENTENCES or titled


def choose(events: Iterable[EventSignals], titled: Mapping[str, Sequence[float]],
           salience: Mapping[str, float], first_in_sentence: Set[str], articles: Iterable[str],
           origin_of: Mapping[str, str]) -> tuple[dict[str, str], dict[str, Frame]]:
    """(article -> main event, article -> its frame as told there): per article, the event of its
    best mention by ``MAIN_WEIGHTS`` (ties: the larger event id). ``titled``: event -> each of its
    mentions' title match (0..1); ``salience``: the ranked events (others are skipped);
    ``first_in_sentence``: the surest mention of each sentence; ``articles``: every article of the
    map (a copy's main event is its origin's). One pass, inline: it runs on every add."""
    w = MAIN_WEIGHTS
    w_lead, w_title, w_first, w_fresh, w_salience, w_telling = (w[k] for k in (
        "lead", "title", "first_in_sentence", "fresh", "salience", "telling"))
    articles = list(articles)
    known = set(articles)
    best: dict[str, tuple[float, str, Sequence[str]]] = {}
    for e in events:
        if e.id not in salience:
            continue
        own = w_salience * salience[e.id]
        for m, title in zip(e.mentions, titled[e.id], strict=True):
            if m.article not in known:
                continue
            score = (w_lead / (1.0 + m.sentence / 3.0) + w_title * title + w_fresh * m.fresh
                     + w_first * (m.id in first_in_sentence) + w_telling * m.telling + own)
            kept = best.get(m.article)
            if kept is None or (score, e.id) > kept[:2]:
                best[m.article] = (score, e.id, m.frame)
    main = {a: ev for a, (_, ev, _) in best.items()}
    frames = {a: Frame(*fr) for a, (_, _, fr) in best.items() if fr}
    for a in articles:
        origin = origin_of.get(a, a)
        if a not in main and origin in main:
            main[a] = main[origin]
            if origin in frames:
                frames[a] = frames[origin]
    return main, frames
