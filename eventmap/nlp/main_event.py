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

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..models import EventMention

# Main event within an article: position and title first, as a reader of the lead would choose;
# then whether it happened in the article's own days (news is what is new), and its salience.
MAIN_WEIGHTS = {"lead": 0.35, "title": 0.25, "first_in_sentence": 0.05, "fresh": 0.25, "salience": 0.10}
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


def keeps_frame(sentence: int, titled: bool) -> bool:
    """Whether a mention's frame is kept with its signals (see ``FRAME_SENTENCES``)."""
    return sentence < FRAME_SENTENCES or titled


def lead(sentence: int) -> float:
    """1 for an article's first sentence, 1/2 for its fourth, falling off after."""
    return 1.0 / (1.0 + sentence / 3.0)


class Candidate(NamedTuple):
    """One mention of a map event in an article, as ``choose`` reads it."""

    event: str
    article: str
    sentence: int
    title: float  # how much of the article's title it tells, 0..1
    first_in_sentence: bool  # the surest event mention of its sentence
    fresh: float  # whether it happened in the article's own days, 0..1
    salience: float  # the event's map salience
    frame: tuple[str, ...]  # ``Frame`` fields, or () where not kept


def score(c: Candidate) -> float:
    w = MAIN_WEIGHTS
    return (w["lead"] * lead(c.sentence) + w["title"] * c.title + w["first_in_sentence"] * c.first_in_sentence
            + w["fresh"] * c.fresh + w["salience"] * c.salience)


def choose(candidates: Iterable[Candidate], articles: Iterable[str], origin_of: Mapping[str, str],
           ) -> tuple[dict[str, str], dict[str, Frame]]:
    """(article -> main event, article -> its frame as told there) from every candidate mention;
    ``articles``: every article of the map (a copy's main event is its origin's)."""
    best: dict[str, tuple[float, str, Sequence[str]]] = {}
    for c in candidates:
        key = (score(c), c.event, c.frame)
        if c.article not in best or key[:2] > best[c.article][:2]:
            best[c.article] = key
    main = {a: ev for a, (_, ev, _) in best.items()}
    frames = {a: Frame(*fr) for a, (_, _, fr) in best.items() if fr}
    for a in articles:
        origin = origin_of.get(a, a)
        if a not in main and origin in main:
            main[a] = main[origin]
            if origin in frames:
                frames[a] = frames[origin]
    return main, frames
