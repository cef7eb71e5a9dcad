"""Event mentions from a parsed article: trigger, participants, time, place, modality, quantities.

A trigger is an eventive verb or noun. It becomes an event mention when it is clearly eventive (in
the lexicon) or carries a date; light verbs ("be", "have", "say") never do. Participants come from
the dependency parse (subject side = actors, object side = patients), falling back to the
sentence's named entities; the time comes from ``anchoring.anchor``.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ..models import EventMention, Timex, stable_id
from . import lexicon as lx
from .anchoring import Carry, anchor, in_phrase
from .eventness import MAP_CONFIDENCE, confidence
from .headline import build as build_headline
from .headline import label_ends, noun_phrase
from .quantities import quantity_from_span
from .syntax import clause_subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj", "poss", "compound", "amod"})
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "oprd", "dative"})
MAX_PER_SENTENCE = 6


def _is_trigger(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if not tok.is_alpha or len(tok.text) < 3:
        return False
    if tok.pos_ == "VERB":
        # Reporting verbs are kept as mentions (a report is an event that outlets tell too); a
        # frame ("said that ...") is rated below the map's threshold (nlp/eventness.py).
        return lemma not in lx.LIGHT_VERBS or lemma in lx.REPORTING_VERBS
    if tok.pos_ == "ADJ":
        return lemma in lx.STATE_ADJECTIVES
    return tok.pos_ == "NOUN" and lemma in lx.EVENT_NOUNS


def _has_subject(verb: Token) -> bool:
    """A named (not pronoun) subject, its own or, for a conjoined verb, the first verb's."""
    subj = clause_subject(verb)
    return subj is not None and subj.pos_ != "PRON"


def _has_argument(verb: Token) -> bool:
    """A named subject (its own or its first conjunct's) or an object: "rescuers searched the
    rubble", "to host the awards": a verb with something it is about."""
    if verb.dep_ in ("pcomp", "advcl") and verb.tag_ == "VBG":
        return True  # "died after slipping", "while climbing": a subordinate happening
    return _has_subject(verb) or any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children)


def _score(tok: Token, dated: bool, has_entity: bool) -> int:
    """Rank of a kept trigger within its sentence: eventive word +2, dated +2, main verb +1,
    named participant +1, inside a named entity -3."""
    lemma = tok.lemma_.lower()
    score = 0
    if lemma in lx.EVENT_VERBS or lemma in lx.EVENT_NOUNS:
        score += 2
    if dated:
        score += 2
    if tok.dep_ == "ROOT":
        score += 1
    if has_entity:
        score += 1
    if tok.ent_type_:
        score -= 3
    return score


def _entity_of(tok: Token, ents_by_token: dict[int, Span]) -> Span | None:
    return ents_by_token.get(tok.i)


def _sent_ents(sent: Span, ents_by_token: dict[int, Span]) -> list[Span]:
    """``sent.ents`` without its cost: Span.ents rebuilds doc.ents over the whole document on every
    call, which made long articles quadratic (a 1,800-sentence transcript took minutes). Fresh Span
    objects, as sent.ents gives, so identity checks against them behave as before."""
    from spacy.tokens import Span

    out: list[Span] = []
    for tok in sent:
        ent = ents_by_token.get(tok.i)
        if ent is not None and ent.start >= sent.start and ent.end <= sent.end \
                and (not out or out[-1].start != ent.start):
            out.append(Span(sent.doc, ent.start, ent.end, label=ent.label, kb_id=ent.kb_id))
    return out


def _ents_within(sent: Span, ents: list[Span], starts: list[int]) -> list[Span]:
    """``_sent_ents`` from the document's entities sorted by start (``starts`` their starts): the
    same spans, found by bisecting instead of visiting every token of the sentence."""
    from spacy.tokens import Span

    doc, end, out = sent.doc, sent.end, []
    for ent in ents[bisect_left(starts, sent.start):bisect_left(starts, end)]:
        if ent.end <= end:
            out.append(Span(doc, ent.start, ent.end, label=ent.label, kb_id=ent.kb_id))
    return out


_CLAUSE_OBJECTS = frozenset({"dobj", "obj", "dative"})


def _phrase_entities(head: Token, ents_by_token: dict[int, Span]) -> Iterator[Span]:
    """The entities of the phrase ``head`` heads, its head's first: "Australian actor Hugh Jackman"
    is Hugh Jackman, then Australia."""
    for tok in (head, *head.subtree):
        ent = _entity_of(tok, ents_by_token)
        if ent is not None:
            yield ent


def _clause_roles(noun: Token, add: Callable[[list[str], Span], None], actors: list[str],
                  patients: list[str], ents_by_token: dict[int, Span]) -> None:
    """Participants an event noun with none of its own takes from the clause around it, before the
    sentence's names are guessed: "In a surprise attack, Ukrainian forces launched ..." (the noun
    heads the clause's "in" phrase, so the clause's subject did it) and "One such strike targeted the
    Directorate" (the noun is the clause's subject: what it acts on is its target, never its actor).
    The guess had made the target ("the Russian region") an actor that merged the attack with
    another of Russia's."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else noun.head
    if verb.pos_ not in ("VERB", "AUX"):
        return
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        deps, side = ("nsubj",), actors
    elif noun.dep_ == "nsubj":
        deps, side = _CLAUSE_OBJECTS, patients
    else:
        return
    for child in verb.children:
        if child.dep_ in deps:
            for ent in _phrase_entities(child, ents_by_token):
                add(side, ent)


def _participants(trigger: Token, sent: Span, ents_by_token: dict[int, Span],
                  place: Span | None, sent_ents: list[Span] | None = None,
                  ) -> tuple[list[str], list[str]]:
    """(actors, patients) of a trigger; ``sent_ents``, when given, is ``_sent_ents(sent, ...)``."""
    # "a visit to North Korea, the first visit in 24 years": an appositive names the same event.
    if trigger.dep_ == "appos" and trigger.head.pos_ == "NOUN":
        head = trigger.head
        return _participants(head, sent, ents_by_token, _place(head, sent, ents_by_token),
                             sent_ents)
    actors: list[str] = []
    patients: list[str] = []

    def add(target: list[str], ent: Span) -> None:
        # The place is compared by position: the same entity comes as different Span objects.
        is_place = place is not None and (ent.start, ent.end) == (place.start, place.end)
        if ent.label_ in ACTOR_LABELS and not is_place and ent.text not in actors + patients:
            target.append(ent.text)

    # "Putin made a visit": an event noun under a light verb takes that verb's subject as its actor.
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and \
            trigger.head.lemma_.lower() in lx.LIGHT_VERBS | lx.SUPPORT_VERBS:
        for child in trigger.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for tok in child.subtree:
                    ent = _entity_of(tok, ents_by_token)
                    if ent is not None:
                        add(actors, ent)
    for child in trigger.children:
        side = actors if child.dep_ in SUBJECT_DEPS else patients if child.dep_ in OBJECT_DEPS \
            or child.dep_ == "prep" else None
        if side is None:
            continue
        for ent in _phrase_entities(child, ents_by_token):
            add(side, ent)
    # A verb inside a relative or participial clause takes its head noun's phrase as subject.
    if not actors and trigger.dep_ in ("relcl", "acl") and trigger.head.i in ents_by_token:
        add(actors, ents_by_token[trigger.head.i])
    if not actors and not patients and trigger.pos_ == "NOUN":
        _clause_roles(trigger, add, actors, patients, ents_by_token)
    if not actors and not patients:
        for ent in _sent_ents(sent, ents_by_token) if sent_ents is None else sent_ents:
            if len(actors) < 3:
                add(actors, ent)
    return actors, patients


# Clauses of their own under a trigger: a place inside one is where that clause happens ("a developer
# whose body was found in bushland in the hinterland"), not where the trigger does.
_OWN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
# Where a preposition sets the trigger's own clause; the rest of a sentence only by the ones that
# locate ("outside the court in Brisbane"): its "to" and "from" go with other verbs ("aid to Russia").
_LOCATING_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off", "across", "throughout"})
_PLACE_PREPS = _LOCATING_PREPS | {"into", "to", "from"}
# A landmark (a mountain, a road, a sea) is also where things happen "on" or "along" it; a country
# "on" is mostly a target ("sanctions on Russia").
_LANDMARK_PREPS = frozenset({"on", "along", "down", "up", "over", "above", "below", "through", "around",
                             "beneath", "under"})


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's subtree in document order, without the clauses of its own that hang below it
    (``_OWN_CLAUSES``, and verbs conjoined to it: "struck Peru, then hit ...")."""
    stack, out = [trigger], []
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children
                     if c.dep_ not in _OWN_CLAUSES and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return sorted(out, key=lambda t: t.i)


def _sets_place(tok: Token, label: str, preps: frozenset[str]) -> bool:
    """One of ``preps`` sets something at this token's phrase: "in Peru", "near Manzinus crater", "in
    the Moon's south polar region" (a landmark premodifying the preposition's object counts; a country
    does not: "in DPRK-Russia relations", "in Russia's war")."""
    if label != "GPE":
        preps = preps | _LANDMARK_PREPS
        if tok.dep_ in ("compound", "poss", "nmod") and tok.head.dep_ == "pobj":
            tok = tok.head
    return tok.head.dep_ == "prep" and tok.head.lower_ in preps


def _placed(tokens: Iterable[Token], ents_by_token: dict[int, Span],
            where: Callable[[Token, Span], bool]) -> Span | None:
    """The first place, by its root token, that ``where`` accepts."""
    for t in tokens:
        ent = ents_by_token.get(t.i)
        if ent is not None and t.i == ent.root.i and ent.label_ in PLACE_LABELS and where(t, ent):
            return ent
    return None


def _landmark_of(trigger: Token) -> Callable[[Token, Span], bool]:
    """A landmark or venue anywhere in the sentence, as sentences name them ("hijacked in the Gulf of
    Aden", "the crash on Route 94", "hit the Gulf Coast"), but not one that only modifies another
    noun ("its Vireo spacecraft", "a former Gold Coast agent") or that another verb acts on ("to
    protect Earth")."""
    def where(t: Token, ent: Span) -> bool:
        if ent.label_ == "GPE":
            return False
        if t.dep_ in ("compound", "amod", "poss", "nmod"):
            return _sets_place(t, ent.label_, _PLACE_PREPS)
        return not (t.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and t.head.i != trigger.i)
    return where


def _set_by(preps: frozenset[str]) -> Callable[[Token, Span], bool]:
    return lambda t, ent: _sets_place(t, ent.label_, preps)


def _outside_relatives(sent: Span) -> list[Token]:
    """The sentence's tokens but those of relative and participial clauses on its nouns: "the
    actress, who grew up in Ratnagiri, ..." says where she grew up, not where the sentence happens."""
    skip: set[int] = set()
    for tok in sent:
        if tok.dep_ in ("relcl", "acl") and tok.i not in skip:
            skip.update(t.i for t in tok.subtree)
    return [t for t in sent if t.i not in skip]


def _place(trigger: Token, sent: Span, ents_by_token: dict[int, Span]) -> Span | None:
    """Where the trigger happens: a place its own clause sets it in; else a landmark its sentence
    names, else a place the rest of its sentence sets something in ("said outside the court in
    Brisbane, after a jury found ..."), first outside the relative clauses on its nouns ("the
    actress, who grew up in Ratnagiri, won an award at a gala in Mumbai"), then inside them ("a
    driver who struck a woman in Queens has been charged")."""
    own = _placed(_clause_tokens(trigger), ents_by_token, _set_by(_PLACE_PREPS))
    if own is not None:
        return own
    landmark, located = _landmark_of(trigger), _set_by(_LOCATING_PREPS)
    for tokens_of in (lambda: _outside_relatives(sent), lambda: _undated_relatives(trigger)):
        tokens = tokens_of()  # the relatives only where the rest of the sentence placed nothing
        near = _placed(tokens, ents_by_token, landmark) or _placed(tokens, ents_by_token, located)
        if near is not None:
            return near
    return _bare_place(trigger, ents_by_token)


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "dative"})


def _undated_relatives(trigger: Token) -> list[Token]:
    """The relative clauses on the trigger's own subject and object that name no time of their own:
    "a driver who struck a woman in Queens has been charged" tells the scene; "the actress, who grew
    up in Ratnagiri and began in a 2019 series, won" tells a life, and "the film, which premiered
    at Busan last October, won" another event."""
    out: list[Token] = []
    for arg in trigger.children:
        if arg.dep_ not in _ARGUMENTS:
            continue
        for rel in arg.children:
            if rel.dep_ in ("relcl", "acl"):
                clause = list(rel.subtree)
                if not any(t.ent_type_ in ("DATE", "TIME") for t in clause):
                    out.extend(clause)
    return out


def _bare_place(trigger: Token, ents_by_token: dict[int, Span]) -> Span | None:
    """A one-word name right after the trigger's "in" / "at" that the small model tagged as a person
    or not at all: a town or venue it does not know ("touched down in Taylor", "won at Portmarnock").
    People are seldom "in" or "at" someone; a name of two words or more is left alone."""
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        for obj in prep.children:
            ent = ents_by_token.get(obj.i)
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and obj.is_title and not list(obj.children) \
                    and (ent is None or (ent.label_ == "PERSON" and len(ent) == 1)):
                return obj.doc[obj.i: obj.i + 1]
    return None


def _sentence_has(text: str, cues: Iterable[str]) -> str | None:
    lowered = f" {text.lower()} "
    return next((c for c, spaced, comma in _cue_forms(tuple(cues))
                 if spaced in lowered or comma in lowered), None)


@cache
def _cue_forms(cues: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple((c, f" {c} ", f" {c},") for c in cues)


ATTRIBUTION_VERBS = lx.REPORTING_VERBS | lx.ALLEGING_VERBS | lx.DENYING_VERBS


def _is_claimed(tok: Token) -> bool:
    """The complement of a saying, claiming or denying verb: "denied that the company evacuated"."""
    return tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in ATTRIBUTION_VERBS


def _is_planned(trigger: Token) -> bool:
    if any(c.dep_ == "amod" and c.lower_ in lx.PLANNING_MODIFIERS for c in trigger.children):
        return True
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in lx.PLANNING_VERBS


def _conditional(trigger: Token) -> bool:
    """Inside a condition: "if ...", "unless ...", "in case ..." on the trigger's clause or the
    clauses above it up to its sentence's root."""
    tok = trigger
    for _ in range(6):
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                return True
            if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "case" for g in c.children):
                return True
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return False
        if tok.dep_ not in ("advcl", "conj", "acl", "relcl", "ccomp", "pcomp", "pobj", "prep"):
            return False
        tok = tok.head
    return False


# "reject" and "dismiss" deny only a claim ("rejected the reports that ...", "dismissed the claims as
# baseless"); with an offer, a bid or a plan they tell what was done with it.
_REJECTING = frozenset({"reject", "dismiss"})
_CLAIM_NOUNS = re.compile(r"\b(?:claims?|allegations?|accusations?|reports?|suggestions?|assertions?|"
                          r"rumou?rs?|charges?|speculation|stories|story|account|notion|idea|as (?:false|"
                          r"baseless|untrue|fabricated|nonsense|unfounded))\b|\bthat\b", re.I)


def quoted(sentence: str, at: int) -> bool:
    """Whether offset ``at`` of ``sentence`` lies in direct speech: after an opening double quotation
    mark not yet closed, or in a sentence that a quotation opened before it runs on into and closes
    after ``at`` ("Jordan has waited for his chance and he took it."). Single quotes are left out:
    the same mark is the apostrophe."""
    before, after = sentence[:at], sentence[at:]
    if before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1:
        return True
    if "“" in before or "”" in before or '"' in before:
        return False
    if after.count("”") > after.count("“"):
        return True
    first = after.find('"')  # a straight mark that closes: after a word or a stop, not before one
    return first > 0 and after.count('"') % 2 == 1 and not after[first - 1].isspace() \
        and after[first - 1] != ":"


def modality(trigger: Token, sent: Span, text: str | None = None) -> tuple[str, str | None]:
    """(modality, source of an attributed claim) for one trigger in its sentence (``text``: the
    sentence's text, when the caller has it)."""
    source = None
    below = trigger
    for anc in trigger.ancestors:
        lemma = anc.lemma_.lower()
        if below.dep_ in ("nsubj", "nsubjpass", "csubj", "agent"):
            break  # "The company, which was founded in 1998, announced ...": not what it announced
        below = anc
        if lemma in _REJECTING and not _CLAIM_NOUNS.search(text or sent.text):
            continue  # "an approach the board rejected": the offer was made, and turned down
        if lemma in ATTRIBUTION_VERBS:
            subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                source = noun_phrase(subj[0])
            # "has not confirmed", "neither X nor Y confirmed": a negated report is a denial.
            negated = any(c.dep_ == "neg" for c in anc.children) or any(
                t.lower_ in ("neither", "no", "nobody") for s in subj for t in s.subtree)
            if lemma in lx.DENYING_VERBS or negated:
                return "denied", source
            if anc.pos_ == "NOUN" and anc.dep_ in ("dobj", "obj") \
                    and anc.head.lemma_.lower() in lx.DENYING_VERBS:
                # "Moscow rejected reports that ...", "dismissed claims that ...": the claim is denied
                subj = [c for c in anc.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                return "denied", noun_phrase(subj[0]) if subj else source
            if lemma in lx.ALLEGING_VERBS:
                return "alleged", source
            return "reported", source
    text = sent.text if text is None else text
    if any(c.dep_ == "neg" for c in trigger.children) or _sentence_has(text, lx.DENIAL_CUES):
        return "denied", source
    if _sentence_has(text, lx.ALLEGATION_CUES):
        return "alleged", source
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass", "mark")}
    if aux & lx.HYPOTHETICAL_MODALS or _conditional(trigger):
        return "hypothetical", source
    if aux & {"will", "shall", "'ll"} or _is_planned(trigger):
        return "planned", source
    if "according to" in text.lower():
        idx = text.lower().index("according to")
        source = text[idx + len("according to"):].split(",")[0].strip(" .") or None
        return "reported", source
    return "asserted", source


BULLETS = ("•", "-", "*", "–", "·", "◦", "▪")


# Links that open a clause under the one they hang on: "after the river burst its banks" (advcl),
# "who was stabbed" (relcl), "a plan to build" (acl), "said that he would resign" (ccomp).
_CLAUSE_LINKS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "csubjpass", "pcomp", "parataxis"})


def clause_depth(tok: Token) -> int:
    """How many clauses down from its sentence's main clause a trigger stands: 0 in the main clause,
    a clause conjoined to it or what a reporting verb reports ("X said Y": Y, at 0, and "Y, police
    said" too: the frame is the one under it), 1 in a clause under it ("when a tram derailed"), and
    so on. A verb's infinitive complement ("tried to flee") stays in its clause."""
    depth = 0
    while tok.head.i != tok.i:
        if tok.dep_ in _CLAUSE_LINKS and not (
                tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in lx.REPORTING_VERBS):
            depth += 1
        tok = tok.head
    return depth


def _on_bullet_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start + 1].lstrip().startswith(BULLETS)


def _timexes_by_start(timexes: list[Timex]) -> tuple[list[Timex], list[int]] | None:
    """(timexes, their starts) when they come in text order (the tagger's), else None."""
    starts = [t.char_start for t in timexes]
    return (timexes, starts) if all(a <= b for a, b in pairwise(starts)) else None


def extract_events(article_id: str, doc: Doc, timexes: list[Timex],
                   text: str | None = None) -> list[EventMention]:
    """Event mentions of a parsed article; ``text``, when the caller has it, is ``doc.text`` (the
    article text the Doc was parsed from), saving a join over every token."""
    from spacy.symbols import ADJ, NOUN, POS, VERB

    ents = list(doc.ents)
    ents_by_token = {t.i: e for e in ents for t in e}
    ent_starts = [e.start for e in ents]
    actor_tokens = frozenset(i for i, e in ents_by_token.items() if e.label_ in ACTOR_LABELS)
    # Only verbs, nouns and a few adjectives can be triggers (_is_trigger): visit just those tokens.
    pos = doc.to_array(POS).tolist() if len(doc) else []
    maybe_triggers = [i for i, p in enumerate(pos) if p == VERB or p == NOUN or p == ADJ]
    ordered = _timexes_by_start(timexes)
    if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.text
    mentions: list[EventMention] = []
    carry = Carry()
    # Mentions of a sentence ending in ":" that introduces a bulleted list: bullet lines without
    # an event of their own ("• Financial payments: $2,000 per soldier, per month") lend it
    # their numbers.
    lead: list[int] = []
    for s_index, sent in enumerate(doc.sents):
        if "\n\n" in text[max(0, sent.start_char - 2):sent.start_char + 1]:
            carry.new_paragraph()  # a new paragraph does not inherit the last one's date
        if ordered is not None:
            in_sent = ordered[0][bisect_left(ordered[1], sent.start_char):
                                 bisect_left(ordered[1], sent.end_char)]
        else:
            in_sent = [t for t in timexes if sent.start_char <= t.char_start < sent.end_char]
        timex_tokens: set[int] = set()
        dating_tokens: set[int] = set()
        if in_sent:
            dating = [t for t in in_sent if t.type in ("DATE", "TIME") and t.start]
            for tok in sent:
                if any(t.char_start <= tok.idx < t.char_end for t in in_sent):
                    timex_tokens.add(tok.i)
                    # Durations ("three minutes") and sets do not place an event in time.
                    if any(t.char_start <= tok.idx < t.char_end for t in dating):
                        dating_tokens.add(tok.i)
        scored = []
        for i in maybe_triggers[bisect_left(maybe_triggers, sent.start):
                                bisect_left(maybe_triggers, sent.end)]:
            tok = doc[i]
            if not _is_trigger(tok) or i in timex_tokens:
                continue
            # One walk of the subtree for both tests, stopped once both are answered. (The walk
            # cannot be skipped by looking between left_edge and right_edge: spaCy's subtree can
            # reach past them in a non-projective parse.)
            dated = has_entity = False
            for d in tok.subtree:
                if d.i in actor_tokens:
                    has_entity = True
                    if dated or not dating_tokens:
                        break
                if d.i in dating_tokens:
                    dated = True
                    if has_entity:
                        break
            dated = dated or (tok.dep_ == "ROOT" and bool(dating_tokens))
            lemma = tok.lemma_.lower()
            lexical = lemma in lx.EVENT_VERBS or lemma in lx.EVENT_NOUNS or lemma in lx.STATE_ADJECTIVES
            # An eventive word is enough; any other verb needs a date, a named participant, or to
            # tell what happened in the past tense with a subject ("rescuers searched the rubble").
            if lexical or (tok.pos_ == "VERB" and (dated or has_entity or _is_claimed(tok)
                                                   or _has_argument(tok))):
                scored.append((_score(tok, dated, has_entity), tok, dated, has_entity))
        sent_ents = _ents_within(sent, ents, ent_starts)
        quantities = tuple(q for e in sent_ents if e.label_ in NUMBER_LABELS
                           and (q := quantity_from_span(e)) is not None)
        bullet = _on_bullet_line(text, sent.start_char)
        if not bullet:
            lead = []
        elif lead and not scored and quantities:
            for i in lead:
                extra = tuple(q for q in quantities if q not in mentions[i].quantities)
                mentions[i] = dataclasses.replace(mentions[i],
                                                  quantities=mentions[i].quantities + extra)
        first = len(mentions)
        sent_text = text[sent.start_char:sent.end_char]  # == sent.text, without joining its tokens
        time_tokens = frozenset(timex_tokens)
        carried = carry.at(sent_text.lstrip())
        rated = []
        for score, tok, dated, has_entity in scored:
            mood, source = modality(tok, sent, sent_text)
            rated.append((confidence(tok, dated=dated, has_entity=has_entity, modality=mood),
                          score, tok, mood, source))
        # Events first, then the rest by rank: a sentence keeps at most MAX_PER_SENTENCE mentions.
        rated.sort(key=lambda r: (r[0] < MAP_CONFIDENCE, -r[1], r[2].i))
        ends = label_ends(sent) if rated else []
        for conf, _, tok, mood, source in rated[:MAX_PER_SENTENCE]:
            place = _place(tok, sent, ents_by_token)
            actors, patients = _participants(tok, sent, ents_by_token, place, sent_ents)
            time, time_inherited = anchor(tok, in_sent, carried)
            headline = build_headline(tok, time_tokens, tuple(actors), ends)
            sentence_start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
            mentions.append(EventMention(
                id=stable_id("evm", article_id, str(tok.idx)),
                article=article_id, sentence=s_index, sentence_text=sent_text.strip(),
                sentence_start=sentence_start,
                start=tok.idx, end=tok.idx + len(tok.text), trigger=tok.text,
                lemma=tok.lemma_.lower(), summary=headline.text,
                actors=tuple(actors), patients=tuple(patients),
                place=place.text if place is not None else None,
                time=time, time_inherited=time_inherited,
                time_nearby=time is not None and not time_inherited and not in_phrase(tok, time),
                modality=mood, source=source, quantities=quantities,
                what=headline.what, confidence=conf, depth=clause_depth(tok),
                quoted=quoted(sent_text.strip(), tok.idx - sentence_start),
            ))
        if sent_text.rstrip().endswith(":") and not bullet:
            lead = list(range(first, len(mentions)))
        carry.passed(in_sent)
    return mentions
