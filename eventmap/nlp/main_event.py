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
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, NamedTuple

from ..models import TitleParse
from . import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..models import EventMention
    from .salience import EventSignals

# Main event within an article: position and title first, as a reader of the lead would choose;
# then whether it happened in the article's own days (news is what is new), and its salience;
# "told": the title's predicate and participants (``title_told``); "main_clause": the news is told
# in the main clause, or as what a reporting verb reports ("police said X": X), not in a clause
# under it ("... when a tram derailed"): 1 / (1 + clause depth), in the lead (``FRAME_SENTENCES``).
MAIN_WEIGHTS = {"lead": 0.35, "title": 0.25, "first_in_sentence": 0.05, "fresh": 0.25, "salience": 0.10,
                "telling": 0.10, "told": 0.40, "main_clause": 0.10}
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
    passive = _PASSIVE_BY.match(what) if subject else None
    if passive and subject.lower() not in _PRONOUNS:
        # "The notice was issued by the council's finance officer": the agent did it, and what it
        # did is done to the subject ("issued the notice"), as an annotator writes the 5W.
        verb, agent = passive.group(1), passive.group(2).strip()
        names = [n for n in m.actors if n and n.lower() in agent.lower()]
        if names or _names_someone(agent.lower().rstrip(" .'’s")):  # not "by a landslide"
            undone = subject[:1].lower() + subject[1:] if subject.split()[0] in ("The", "A", "An") \
                else subject
            return Frame(_who(agent, names), f"{verb} {undone}", m.place or "")
    # A headline with no subject of its own is headed by the sentence's first names joined
    # ("Paris and France"): those are not the clause's doer.
    fallback = " and ".join(m.actors[:2])
    if subject.lower() in _PRONOUNS or (len(m.actors) > 1 and subject.lower() == fallback.lower()):
        subject = ""
    # names the clause itself holds (not the sentence's others, which a subject-less mention takes)
    own = [n for n in m.actors if n and n.lower() in m.summary.lower()]
    # A subject-side name the title names too, where the headline kept a word of the subject
    # and lost its name ("Chargers defensive tackle Jamal Williams was arrested" headlined
    # "Chargers was arrested", under "Chargers' Jamal Williams arrested"): the title says who.
    lost = [n for n in m.actors if n in in_title and n.lower() not in m.summary.lower()
            and subject and _premodifies(subject, n, m.sentence_text, m.start - m.sentence_start)]
    if lost:
        return Frame(_name(lost[0]), what, m.place or "")
    return Frame(_who(subject, own or in_title, done_to=bool(_PASSIVE.match(what))) or fallback, what,
                 m.place or "")


_FUNCTION_WORDS = frozenset("""
a an the this that these those is are was were be been being has have had will would can could may
might must shall should do does did not at in on of to for from by with and or but as than then
""".split())


def _premodifies(subject: str, name: str, sentence: str, trigger: int) -> bool:
    """Whether ``subject`` stands before ``name`` in one noun phrase of the sentence, before the
    trigger (at ``trigger`` in it), up to three modifiers between ("Chargers defensive tackle Jamal
    Williams was arrested"), no function word."""
    at = sentence.find(subject)
    end = sentence.find(name, at + len(subject)) if at >= 0 else -1
    if end < 0 or end + len(name) > trigger:
        return False
    between = sentence[at + len(subject):end].split()
    return len(between) <= 3 and not any(w.lower().strip(",'’") in _FUNCTION_WORDS or w.endswith(",")
                                         for w in between)


def _who(subject: str, names: Sequence[str], *, done_to: bool = False) -> str:
    """The doer as a reader would name it: the name a subject phrase ends on, its head ("San
    Diego Chargers receiver Vincent Jackson": Vincent Jackson), the names of a coordination
    ("Putin and Kim"); a subject that names a person or a body as it stands ("A former employee",
    "The health ministry", "A United Nations worker") or a thing that does it ("The earthquake
    struck Haiti": the earthquake, ``_a_thing``); for a thing something is done to (``done_to``: "The
    treaty was signed"), someone else's or a single word, the names its clause holds, else those of
    its sentence its title holds. "" when it names no one."""
    lowered = subject.lower().rstrip(" .'’s")
    inside = [n for n in names if n and n.lower() in lowered]
    if inside and (" and " in f" {lowered} " or " & " in lowered):
        return " and ".join(inside[:2])
    ending = next((n for n in inside if lowered.endswith(n.lower())), None)
    if ending is not None:
        return ending
    if inside or _names_someone(lowered) or (_a_thing(lowered) and not done_to):
        return subject
    return " and ".join(names[:2]) or subject


# Words a noun phrase that is no doer starts or ends on: "its sales" and "whose car" are someone
# else's (the clause's names say whose), "the current period" is a time.
_OWNER_WORDS = frozenset("its their his her our my your whose which that".split())
_TIME_HEADS = frozenset("period quarter year month week day time season decade half".split())


def _a_thing(phrase: str) -> bool:
    """A phrase of a thing that does what the clause says ("A passenger ferry slammed into a pier",
    "A powerful earthquake struck"): as gold annotators write it, the thing is who; the names
    elsewhere in its clause ("on a Greek island") are not. A thing something is done to ("The treaty
    was signed during Putin's visit") is no doer: the clause's names are."""
    words = phrase.split()
    return len(words) > 1 and words[0] not in _OWNER_WORDS and words[-1] not in _TIME_HEADS


# Heads of common noun phrases that name people or bodies ("The health ministry confirmed ...",
# "Police arrested ...", "A gunman opened fire"): who did it, though no name is given. Besides
# these, an agent noun: -er, -or, -ist, -ian, -ee ("driver", "investigator", "scientist").
_AGENT_HEADS = frozenset("""
man men woman women people person child children boy boys girl girls baby family families police
resident residents passenger passengers fan fans citizen citizens migrant migrants inmate inmates
crowd crowds thousands hundreds dozens
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


# A passive predicate: "was signed", "have been ordered to leave" (group 1 the participle).
_PASSIVE_HEAD = (r"^(?:(?:has|have|had|will|would|may|might|could)\s+)?(?:been|be|is|are|was|were)\s+"
                 r"(?:(?:also|already|now|formally|officially)\s+)?([a-z]+(?:ed|en|wn|t))")
_PASSIVE = re.compile(_PASSIVE_HEAD + r"\b", re.IGNORECASE)
# ... with its agent: "was issued by X", "has been bought by X" (group 2 the agent phrase).
_PASSIVE_BY = re.compile(_PASSIVE_HEAD + r"\s+by\s+((?!the time\b|then\b|now\b|far\b|[\d$£€])[^,;]+)$",
                         re.IGNORECASE)


_PROGRESSIVE = re.compile(r"^(?:(?:has|have|had|will|would|may|might|could)\s+been|is|are|was|were|am|'s|'re)"
                          r"\s+(?:(?:still|now|already|also|not)\s+)?[a-z]+ing\b", re.IGNORECASE)


_PLUPERFECT = re.compile(r"^had\s+(?:(?:already|also|earlier|previously|been)\s+)*[a-z]+(?:ed|en|wn|t)\b",
                         re.IGNORECASE)


def telling(m: EventMention) -> float:
    """How a mention tells its event, as an editor leads with the news: a clause that states a
    happening 1; an event noun without a clause of its own ("An office Christmas party") 0.5; an
    ongoing state or backdrop in the progressive ("was walking", "were coping", "was casting a long
    shadow") 0: news writing sets the scene in the progressive and tells the news in the simple
    past or perfect ("was walking when she was struck"); so is what came before it, in the
    pluperfect ("Analysts had estimated $3.98bn"), and a speaker's words ("'It sounded like a
    freight train,' said a resident": a quote lead, whose news the report tells next)."""
    what = m.what or m.summary
    if m.quoted or _PROGRESSIVE.match(what) or _PLUPERFECT.match(what):
        return 0.0
    return 0.5 if what == m.summary else 1.0


# Headline words and the plain words a lead tells the same happening with ("Fourteen hurt" over
# "Fourteen people were injured", "Minister quits" over "resigned"): headlinese, by group.
_HEADLINESE_GROUPS = """
injure hurt wound injury | kill slay murder die death dead | resign quit resignation |
dismiss sack axe oust dismissal sacking | arrest nab detain | investigate probe inquiry investigation |
explode blast explosion | sentence jail imprison | marry wed wedding | raise hike increase |
cut slash reduce eliminate shed | appoint name nominate | seize capture grab | kidnap abduct snatch |
flee escape |
clash fight battle | crash collide collision | attack strike assault raid | win beat defeat victory |
close shut | reject rebuff snub
"""
_HEADLINESE: dict[str, frozenset[str]] = {
    w: group for group in (frozenset(g.split()) for g in _HEADLINESE_GROUPS.split("|")) for w in group}


def title_told(m: EventMention, title: TitleParse | None, terms: Callable[[str], frozenset[str]]) -> float:
    """How surely a mention of its article's lead tells the event the title names, as an editor
    matches headline and lead: its trigger is the title's first main predicate 1 (the same lemma,
    stem or event class, a derivation: "derails" / "derailment", "injured" / "injury", or the plain
    word for a headline word: "hurt" / "injured", ``_HEADLINESE``), a later main predicate 0.7 (a
    headline leads with its news), a predicate of a subordinate clause or of the title's aside
    0.5; times 0.6 + 0.4 x the share of the title's participants (subject and object heads, names)
    its clause names (for a generic verb, that share alone). 0 for an event noun without a clause
    or a backdrop in the progressive (``telling``), past the lead (``FRAME_SENTENCES``) or without
    a parsed title. ``terms``: a text's content words and stems."""
    if title is None or m.sentence >= FRAME_SENTENCES or not (title.predicates or title.others):
        return 0.0
    mine = terms(m.lemma) | terms(m.trigger)
    cls = lx.event_class(m.lemma)

    def names_it(lemma: str) -> bool:
        if lemma == m.lemma or lx.event_class(lemma) == cls or m.lemma in _HEADLINESE.get(lemma, ()):
            return True
        theirs = terms(lemma)
        return bool(theirs & mine) or any(
            min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)) for a in theirs for b in mine)

    named = [p for p in title.predicates if names_it(p)]
    if named:
        # a headline leads with its news: a second main clause ("..., 40 passengers rescued") after it
        told = 1.0 if named[0] == title.predicates[0] else 0.7
    else:
        named = [p for p in title.others if names_it(p)]
        if not named:
            return 0.0
        told = 0.5
    # A generic verb ("leaves the tracks", "takes control") tells which happening by its
    # participants alone: "A packed tram left 14 people" is not "tram leaves the tracks".
    base = 0.0 if all(p in lx.GENERIC_VERBS for p in named) else 0.6
    # An event noun without a clause ("looks at the derailment in Sheffield") names the event the
    # title tells; the clause that tells it happening is the lead's news ("telling").
    if telling(m) < 1.0:
        return 0.0
    parts = list(dict.fromkeys(p.lower() for p in (*title.subjects, *title.objects, *title.names)))
    if not parts:
        return told * base
    # its clause's own words, its place and its object side (``patients`` come from its parse; its
    # ``actors`` may be the sentence's names, when the parse gave it none)
    said = terms(m.summary) | terms(" ".join((m.place or "", *m.patients)))
    return told * (base + (1.0 - base) * sum(bool(terms(p) & said) for p in parts) / len(parts))


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
    w_lead, w_title, w_first, w_fresh, w_salience, w_telling, w_told, w_clause = (w[k] for k in (
        "lead", "title", "first_in_sentence", "fresh", "salience", "telling", "told", "main_clause"))
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
                     + w_first * (m.id in first_in_sentence) + w_telling * m.telling + w_told * m.told
                     + (w_clause / (1 + m.depth) if m.sentence < FRAME_SENTENCES else 0.0) + own)
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


# -- the title, as an editor reads it -------------------------------------------------------------

# Between a headline and the site's name: "Tram derails | Reuters", "Tram derails - BBC News".
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|•|·|»)\s+")
# A kicker before a colon that names no part of the story: "LIVE: ...", "Watch: ...".
_KICKERS = frozenset("""
live watch video videos breaking update updated exclusive opinion analysis comment editorial
explainer pictures photos photo audio podcast review factbox timeline q&a listen read revealed
""".split())
_SITE_WORDS = frozenset("the of and & on online news daily times post com co uk us".split())
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def _site_like(segment: str, outlet: str) -> bool:
    """Whether a segment cut off a title by a separator names the site, not the news: the outlet's
    name, a domain, or a short run of capitalised words ("BBC News", "Daily Mail Online")."""
    seg = _norm(segment)
    if not seg:
        return True
    name = _norm(outlet)
    if name and name != "unknown" and (seg == name or name in seg or seg in name):
        return True
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[a-z]{2,})+", segment.strip().lower()):
        return True
    words = segment.split()
    return len(words) <= 4 and all(w[:1].isupper() or w.lower() in _SITE_WORDS for w in words)


def clean_title(title: str, outlet: str = "", text: str = "") -> tuple[str, str]:
    """(headline, aside) of an article's title as a page gives it: the site's name cut off
    ("Tram derails | Reuters", "Sheffield tram crash: ... | Sheffield | The Guardian"); the aside is
    what tells the story around the news: a label before a colon ("Sheffield tram crash:
    investigators examine track": "Sheffield tram crash"; a kicker such as "LIVE:" is dropped) and
    what follows a semicolon ("Tram derails, injuring 14; services halted"). ("", "") where there is
    no title: an empty or bracketed placeholder ("(untitled)"), or a title that is only the start of
    the text (its first line stood in for a missing one), or the site's name alone."""
    t = " ".join(title.split())
    if not _WORD_RE.search(t) or (t[:1] in "([" and t[-1:] in ")]"):
        return "", ""
    if outlet and _norm(t) == _norm(outlet):  # the page's title was the site's name
        return "", ""
    parts = _SEPARATOR.split(t)
    while len(parts) > 1:
        longest = max(len(p.split()) for p in parts)
        if _site_like(parts[-1], outlet) and len(parts[-1].split()) < longest:
            parts.pop()
        elif _site_like(parts[0], outlet) and len(parts[0].split()) < longest:
            parts.pop(0)
        else:
            break
    t = " - ".join(parts)
    aside = []
    found = re.match(r"^([^:]{1,60}?)\s*:\s+(.+)$", t)
    if found and len(found.group(1).split()) <= 6 and len(found.group(2).split()) >= 2:
        label, t = found.group(1).strip(), found.group(2).strip()
        if not all(w in _KICKERS for w in _norm(label).split()):
            aside.append(label)
    first, semicolon, rest = t.partition("; ")
    if semicolon and len(first.split()) >= 2 and rest.strip():
        t = first
        aside.append(rest.strip())
    head = _norm(t)
    if text and head and _norm(text[: len(title) + 200]).startswith(head):
        return "", ""
    return t, "; ".join(aside)


def truecase(title: str, text: str) -> str:
    """A title in Title Case or CAPITALS written as a sentence would be, for the parser ("Shooting
    at Accounting Firm Leaves Woman Dead" -> "Shooting at accounting firm leaves woman dead"): each
    word after the first as the article's text writes it most often (a name stays capitalised); a
    title already in sentence case is returned as it is."""
    words = list(_WORD_RE.finditer(title))
    if not words:
        return title
    tail = [m.group() for m in words[1:] if len(m.group()) > 3]
    shouting = title.upper() == title
    if not shouting and (len(tail) < 3 or sum(w[:1].isupper() for w in tail) < 0.75 * len(tail)):
        return title
    counts: dict[str, int] = {}
    for w in _WORD_RE.findall(text[:50_000]):
        counts[w] = counts.get(w, 0) + 1

    def recase(m: re.Match[str]) -> str:
        w = m.group()
        lower, cap = w.lower(), w[:1].upper() + w[1:].lower()
        if m.start() == words[0].start():
            return w if not shouting or w in counts else cap
        if counts.get(lower, 0) >= max(counts.get(w, 0), counts.get(cap, 0)):
            return lower  # the text writes it in lower case, or does not have it: a common word
        if shouting:
            return w if counts.get(w, 0) > counts.get(cap, 0) else cap
        return w

    return _WORD_RE.sub(recase, title)


# Verbs whose clause only frames the event another verb tells: "Police say gunman shot three",
# "Obama set to name Gupta", "Firm plans to cut 500 jobs": the event is the framed one.
_FRAMING = lx.LIGHT_VERBS | lx.REPORTING_VERBS | frozenset("""
set plan vow expect threaten aim seek agree decide move hope promise pledge prepare begin start
""".split())
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_SUBJECT = frozenset({"nsubj", "csubj", "expl"})
_OBJECT = frozenset({"dobj", "obj", "dative", "attr", "oprd", "nsubjpass"})


def verb_forms(text: str) -> frozenset[str]:
    """The lower-case words of an article's lead-sized start, for telling a headline verb that the
    tagger took for a noun by the article's own use of it (``read_title``)."""
    return frozenset(w.lower() for w in _WORD_RE.findall(text[:10_000]))


def _used_as_verb(lemma: str, words: Set[str]) -> bool:
    """Whether the article writes ``lemma`` as a verb: "fired", "thwarted", "derailing", "pinned"."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return bool(words) and any(f in words for f in (
        lemma + "ed", lemma + "d", stem + "ing", lemma + lemma[-1:] + "ed", stem + "ed"))


def _predicate(tok: Token, words: Set[str]) -> bool:
    """A word of a title that can tell its event: a verb, an event noun ("Earthquake in Haiti"), or
    a headline verb in the present tense the tagger took for a noun ("Tram derails", "Ship thwarts
    attack", "Crossings resume"): its lemma is an event verb, derives an event noun ("derailment"),
    or the article's text (``words``: ``verb_forms``) writes it as a verb ("thwarted")."""
    lemma = tok.lemma_.lower()
    if not tok.is_alpha or len(tok.text) < 3 or tok.dep_ == "amod":
        return False
    if tok.pos_ == "VERB":
        return lemma not in lx.LIGHT_VERBS or lemma in lx.REPORTING_VERBS
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_:
        return False
    return lemma in lx.EVENT_NOUNS or _headline_verb(tok, words)


def _headline_verb(tok: Token, words: Set[str]) -> bool:
    """A title word tagged as a noun that is a verb of the headline (see ``_predicate``)."""
    lemma = tok.lemma_.lower()
    if lemma in lx.LIGHT_VERBS:
        return False
    # a headline's present tense: "derails", "thwarts"; a bare "resume" only as the title's root
    # ("Crossings resume after grounding"): "76ers fire coach" has too many nouns to tell
    if tok.dep_ == "ROOT" and tok.tag_ in ("NN", "NNP"):
        return lemma in lx.EVENT_VERBS or _used_as_verb(lemma, words)
    return tok.tag_ in ("NNS", "NNPS") and tok.text.lower() != lemma and (
        lemma in lx.EVENT_VERBS or _used_as_verb(lemma, words)
        or any(lemma + end in lx.EVENT_NOUNS for end in ("ment", "ion", "ing")))


def _verbal(tok: Token, words: Set[str]) -> bool:
    """A title predicate that is a verb, or a headline verb taken for a noun ("river floods towns")."""
    return tok.pos_ == "VERB" or _headline_verb(tok, words)


def _frames(tok: Token, words: Set[str]) -> bool:
    """A framing verb with the clause it frames ("say" of "Police say gunman shot three")."""
    return tok.lemma_.lower() in _FRAMING and any(
        c.dep_ in ("ccomp", "xcomp") and _predicate(c, words) for c in tok.children)


# Links that make a clause or a noun subordinate to the news: "injuring 14" (advcl), "after
# derailment" (pobj), "he caused" (a complement of a verb that is not framing).
_SUBORDINATE = frozenset({"advcl", "pcomp", "pobj", "prep", "npadvmod"})


def _subordinate(tok: Token) -> bool:
    """Whether a title's word tells something the news is said against: it or a clause above it
    is adverbial, follows a preposition or a subordinator ("as tram derails", "after 14 injured"),
    or is the complement of a verb that does not frame it ("denied he caused"). A clause before the
    verb it hangs on is a headline's juxtaposed clause ("Ship intercepts pirates, arms seized")."""
    while tok.head.i != tok.i:
        if tok.dep_ in _SUBORDINATE or any(c.dep_ == "mark" for c in tok.children):
            return True
        if tok.dep_ == "ccomp" and tok.i > tok.head.i and tok.head.lemma_.lower() not in _FRAMING:
            return True
        tok = tok.head
    return False


def _heads(head: Token, ents: Mapping[int, str]) -> str:
    """A participant as a word to match: the name its head is part of, else its head word ("" for
    a pronoun, a preposition or a function word)."""
    if head.i in ents:
        return ents[head.i]
    return head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN", "NUM") else ""


def _names_of(doc: Doc) -> list[Span]:
    """The names of a parsed title: its entities (none but the gazetteer's places where it was
    parsed without the recogniser, as ``annotate.parse_titles`` does: it was half of a title's parse
    time) and its runs of proper nouns ("Ellen DeGeneres", "Oscars")."""
    found = [e for e in doc.ents if e.label_ not in _NOT_NAMES]
    taken = {t.i for e in doc.ents for t in e}  # a date ("Monday") is no name
    start = None
    for t in (*doc, None):
        if t is not None and t.pos_ == "PROPN" and t.i not in taken:
            start = t.i if start is None else start
        elif start is not None:
            found.append(doc[start:t.i if t is not None else len(doc)])
            start = None
    return sorted(found, key=lambda n: n.start)


def _name(text: str) -> str:
    return re.sub(r"\s*['’]s$", "", text)


def read_title(article: str, doc: Doc | None, aside: Doc | None = None,
               words: Set[str] = frozenset()) -> TitleParse:
    """What the choice of the main event needs of a parsed title (``TitleParse``): its main
    predicates, the verbs of its main clauses (the framed event for a framing verb: "Police say
    gunman shot three" -> shot), else its event nouns; the verbs of its other clauses and of its
    aside; the subject and object sides of the main ones; the names of the headline and its aside.
    ``aside``: the parsed rest of the title (``clean_title``: a label, a second clause); ``words``:
    the article's words (``verb_forms``), for headline verbs tagged as nouns."""
    if doc is None or not len(doc):
        return TitleParse(article)
    names = [_name(n.text) for d in (doc, aside) if d is not None for n in _names_of(d)]
    ents = {t.i: _name(n.text) for n in _names_of(doc) for t in n}
    found = [t for t in doc if _predicate(t, words) and not _frames(t, words)]
    if not found:  # "Police say ...": a framing verb is the predicate when it is all there is
        found = [t for t in doc if t.dep_ == "ROOT" and t.pos_ == "VERB"]
    main = [t for t in found if _verbal(t, words) and not _subordinate(t)] or [
        t for t in found if not _subordinate(t)] or found[:1]
    # The other clauses' verbs ("injuring 14", "as tram derails"), not their event nouns: "after
    # derailment", "over oil spill", a label's "Sheffield tram crash" name the story the news is of.
    others = [t.lemma_.lower() for t in found if t not in main and _verbal(t, words)]
    if aside is not None:
        others += [t.lemma_.lower() for t in aside if _predicate(t, words) and _verbal(t, words)
                   and not _frames(t, words)]
    subjects: list[str] = []
    objects: list[str] = []
    for p in main:
        if p.pos_ != "VERB" and _headline_verb(p, words):
            # the tagger's parse of a verb it took for a noun says little: the words around it do
            left = [t for t in doc[:p.i] if t.pos_ in ("NOUN", "PROPN", "NUM")]
            right = []
            for t in doc[p.i + 1:]:
                if t.pos_ in ("ADP", "PUNCT", "VERB", "SCONJ", "CCONJ"):
                    break
                right.append(t)
            subjects += [_heads(t, ents) for t in left[-1:]]
            objects += [_heads(t, ents) for t in right if t.pos_ in ("NOUN", "PROPN", "NUM")][-1:]
            continue
        own = p  # "X fires Y, hires Z": Z's subject is X's; "Obama set to name Gupta": Obama
        while own.dep_ in ("conj", "xcomp", "ccomp") and own.head.i != own.i and not any(
                c.dep_ in _SUBJECT or c.dep_ == "nsubjpass" for c in own.children):
            own = own.head
        for c in own.children:
            if c.dep_ in _SUBJECT:
                subjects.append(_heads(c, ents))
            elif c.dep_ == "agent":
                subjects += [_heads(g, ents) for g in c.children if g.dep_ == "pobj"]
        for c in p.children:
            if c.dep_ in _OBJECT:
                objects.append(_heads(c, ents))
            elif p.pos_ != "VERB" and c.dep_ in ("compound", "poss", "nmod"):
                subjects.append(_heads(c, ents))  # "Tram derailment", "Jackson's death"
        if p.dep_ in ("acl", "relcl") and p.head.pos_ in ("NOUN", "PROPN"):
            # "Grandmother killed by ..." is told of her; "DeGeneres to host Oscars" by her
            (objects if p.tag_ == "VBN" else subjects).append(_heads(p.head, ents))

    def once(xs: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for x in xs if x))

    return TitleParse(article, doc.text, once(t.lemma_.lower() for t in main), once(others),
                      once(subjects), once(objects), once(names))
