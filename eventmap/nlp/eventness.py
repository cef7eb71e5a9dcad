"""How surely a trigger names something that happened, happens or will happen (0 to 1).

An event worth mapping is a predication: a finite clause with a subject ("Russia launched an
invasion"), its passive ("an armistice was signed"), a reduced relative that dates it ("the treaty,
signed on June 18"), or an event noun with participants or a date ("Stalin's 1937 deportation of
Koreans"). Not events: a bare noun phrase ("The war"), a state or an opinion in the present tense
("the alliance represents more than immediate utility"), a generic statement, a verb of evaluation
("underscores", "highlights"), a dangling participle or infinitive ("Leaving a void", "To understand
the dynamics"), a verb that only carries an event noun ("launched [an invasion]": the noun is the
event), and a reporting frame ("Reports indicate that ...": the reported clause is the event).

The signals are syntactic (tense, finiteness, subject, dependency role) so they carry across
stories; the word lists only name verbs of state and evaluation. ``MAP_CONFIDENCE`` (settings:
``min_event_confidence``) is where a mention becomes a map event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon as lx
from .syntax import auxiliaries, clause_subject, first_conjunct

if TYPE_CHECKING:
    from spacy.tokens import Token

MAP_CONFIDENCE = 0.5

# Verbs of state, relation, evaluation and cognition: they describe how things are, or what a writer
# makes of them, not a happening.
STATE_VERBS = frozenset("""
underscore highlight reflect represent mark depend remain view ensure encompass span extend involve
contain comprise require mean matter exist lie belong seem appear resemble constitute signal signify
illustrate demonstrate show suggest indicate imply reveal hint underline emphasize emphasise stress
complicate shape define characterize characterise depict portray describe frame consider regard
deem see understand know believe think hope fear doubt wonder expect want need wish prefer like love
hate focus aim tend sit face risk lack own possess hold include concern affect benefit serve
enable allow help bolster strengthen weaken undermine cement solidify deepen reinforce foster boost
drive dominate pose offer provide deliver remain leave raise fuel make keep continue prove render
align rely count value cost play delve explore unpack suppose disappoint impress please worry bother
excite thrill embarrass frustrate age weigh measure number total average base headquarter locate situate
""".split()) - lx.EVENT_VERBS

# Event nouns so general that, alone, they name a topic rather than one happening.
GENERIC_NOUNS = frozenset("war conflict crisis attack negotiation test fire vote election".split())
_PARTICIPANT_DEPS = frozenset({"poss", "compound", "amod", "nmod", "prep", "nummod"})


MODALS = frozenset("can could may might must should would ought need".split())
_FIRST_PERSON = frozenset("i we me us my our".split())
_ANAPHORS = frozenset("this that it these those".split())
_QUESTION_WORDS = frozenset("how why whether what which".split())


def _finite(verb: Token) -> bool:
    """A finite clause: a tensed verb form, or an auxiliary beside the verb ("to be deployed" is
    not: its "be" stands under the infinitive marker)."""
    if any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children):
        return False
    return "Fin" in verb.morph.get("VerbForm") or bool(auxiliaries(verb))


def _has_subject(verb: Token) -> bool:
    return clause_subject(verb, deps=("nsubj", "nsubjpass", "csubj", "expl")) is not None


def _governing_auxiliaries(noun: Token) -> list[Token]:
    """The auxiliaries of the verbs a noun stands under, up its clause chain (object of "expedite",
    open complement of "could help")."""
    out: list[Token] = []
    tok = noun
    for _ in range(4):
        head = tok.head
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
            if tok.dep_ != "pobj" or head.i == tok.i:
                break
            tok = head  # through a preposition
            continue
        out += auxiliaries(head)
        if head.dep_ not in ("xcomp", "conj"):
            break
        tok = head
    return out


def _past(verb: Token) -> bool:
    """Told in the simple past ("searched", "were pulled out") or the present perfect, the tense a
    news lead tells its happening in ("has been jailed", "have walked out"): in news, a happening."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "'s", "'ve")
                                      for a in auxiliaries(verb))


def _present_simple(verb: Token) -> bool:
    """"offers", "represents": a tensed present with no auxiliary reads as a state or a habit."""
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries(verb)


def _noun_has_participant(noun: Token) -> bool:
    for child in noun.children:
        if child.dep_ in ("poss",) or (child.dep_ in _PARTICIPANT_DEPS and child.ent_type_):
            return True
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "against", "into", "on", "in", "to",
                                                       "between", "with", "at", "from"):
            if any(t.ent_type_ or t.pos_ in ("PROPN", "NUM") for t in child.subtree):
                return True
            if child.lower_ in ("of", "by", "against", "between"):
                return True
    return False


def occurrence_of(verb: Token) -> Token | None:
    """The event noun a verb of occurrence is about: "the signing took place", "the blast happened"."""
    lemma = verb.lemma_.lower()
    occurs = lemma in ("happen", "occur", "unfold") or (
        lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))
    if not occurs:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in lx.EVENT_NOUNS), None)


def _heading(tok: Token) -> bool:
    """The token's sentence is a line of its own with no verb and no closing punctuation (a piece
    of a sentence the parser split off mid-line is not a heading)."""
    words = [t for t in tok.sent if not t.is_space]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words) or words[-1].text in (".", "!", "?"):
        return False
    text = tok.doc.text
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    before = text[text.rfind("\n", 0, start) + 1:start]
    after = text[end:].split("\n", 1)[0]
    return not before.strip(" \t•*-–·") and not after.strip()


def supports_noun(verb: Token) -> bool:
    """The verb only carries the event noun that is its object ("launched an invasion"), its passive
    subject ("the invasion was launched"), its subject when it only says that it happened ("the
    signing took place in Geneva"), or the noun its relative clause describes ("an invasion that
    was launched in August")."""
    if occurrence_of(verb) is not None:
        return True
    if verb.lemma_.lower() not in lx.SUPPORT_VERBS | lx.LIGHT_VERBS:
        return False
    if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in lx.EVENT_NOUNS:
        return True
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in lx.EVENT_NOUNS
               for c in verb.children)


def confidence(tok: Token, *, dated: bool, has_entity: bool, modality: str = "asserted") -> float:
    """How surely ``tok`` (a candidate trigger) names a happening; see the module docstring."""
    lemma = tok.lemma_.lower()
    lexical = lemma in lx.EVENT_VERBS or lemma in lx.EVENT_NOUNS
    if tok.pos_ == "ADJ":
        score = 0.25  # "two people are dead": what an event left, told with it, not an event
    elif tok.pos_ == "NOUN":
        score = _noun_confidence(tok, dated)
    else:
        score = _verb_confidence(tok, lemma, dated)
        if not (lexical or dated or has_entity or _past(tok)):
            score = min(score, 0.45)  # "concerns are growing": no who, no when, no eventive word
        if lemma in lx.SUPPORT_VERBS | lx.LIGHT_VERBS and not (lexical or dated or has_entity):
            score = min(score, 0.45)  # "speakers were given three minutes": too light on its own
    if lexical:
        score += 0.1
    if has_entity:
        score += 0.05
    modals = auxiliaries(tok) + (auxiliaries(first_conjunct(tok)) if tok.dep_ == "conj" else [])
    if tok.pos_ == "NOUN":  # "could help to expedite [operations]": the noun's clause is modal
        modals = _governing_auxiliaries(tok)
    if modality == "hypothetical" or any(a.lower_ in MODALS for a in modals):
        score *= 0.5  # "could send", "must acknowledge": not (yet) a happening
    if any(c.dep_ == "neg" for c in tok.children):
        score = min(score, 0.35)  # "have not signed": what did not happen is not on the map
    return round(max(0.0, min(1.0, score)), 3)


# "found him guilty", "declared them not guilty": a verdict, not a frame around a clause.
VERDICT_VERBS = frozenset("find declare".split())
VERDICT_WORDS = frozenset("guilty innocent liable".split())
# Verbs of how a report came by a document, in the passive with its agent: "a memo seen by CNN",
# "emails obtained by the Guardian", "a draft reviewed by Reuters".
_SOURCING_VERBS = frozenset("see review obtain view read examine verify".split())
_TIME_UNITS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years
""".split())


def verdict(verb: Token) -> bool:
    """``verb`` finds or declares someone guilty (or not, or liable): "A jury has found the agent
    guilty of murder" (the parser makes "guilty" a complement clause of "found")."""
    return verb.lemma_.lower() in VERDICT_VERBS and any(
        c.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and c.lower_ in VERDICT_WORDS for c in verb.children)


def _timed_infinitive(verb: Token) -> Token | None:
    """The infinitive a "take" with a duration frames: "The jury took three days to convict him",
    "It took firefighters five hours to put out the blaze": the conviction and the putting out
    happened; "took" only measures them."""
    if verb.lemma_.lower() != "take" or not any(
            c.dep_ in ("dobj", "obj", "npadvmod") and c.lower_ in _TIME_UNITS for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
                 and any(a.tag_ == "TO" for a in c.children)), None)


def _verb_confidence(verb: Token, lemma: str, dated: bool) -> float:
    if lemma in STATE_VERBS:
        return 0.15
    if _timed_infinitive(verb) is not None:
        return 0.2  # the infinitive is the event
    if verb.dep_ in ("advcl", "xcomp") and getattr(_timed_infinitive(verb.head), "i", None) == verb.i:
        return 0.8 if _finite(verb.head) and _has_subject(verb.head) else 0.4
    if verb.dep_ in ("amod", "compound", "nmod", "npadvmod"):
        return 0.1  # a participle used as an adjective: "the recognized borders"
    if supports_noun(verb):
        return 0.2  # the noun mention is the event
    children = list(verb.children)
    has_object = any(c.dep_ in ("dobj", "obj") for c in children)
    if lemma in lx.REPORTING_VERBS | lx.ALLEGING_VERBS and not (has_object and lemma in lx.EVENT_VERBS):
        return 0.25  # "said", "claims": a report frames the event it tells ("announced a merger" is one)
    if any(c.dep_ == "ccomp" for c in children) and not has_object and not verdict(verb):
        return 0.3  # a frame ("shared that ...", "warned that ..."): its clause is the event
    if lemma in lx.PLANNING_VERBS and any(c.dep_ == "xcomp" for c in children):
        return 0.3  # "plans to visit": the visit is the (planned) event
    subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in _FIRST_PERSON or any(
            c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in subj.children)):
        return 0.3  # the writer's own doings ("I witnessed", "we decided to omit", "our team mapped")
    if verb.dep_ in ("ccomp", "xcomp", "advcl", "pcomp", "csubj") and any(
            c.lower_ in _QUESTION_WORDS and c.dep_ in ("advmod", "mark", "dobj", "nsubj") for c in children):
        return 0.3  # an indirect question ("to understand how North Korea has evolved") asserts nothing
    if lemma in _SOURCING_VERBS and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in children):
        return 0.2  # how the press came by a document ("a memo seen by the BBC"): its content is the news
    head = first_conjunct(verb)
    if verb.sent.root.i == verb.i and verb.tag_ == "VBG" and not _has_subject(verb):
        return 0.1  # a heading: "Building a Strategic Partnership"
    if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
        # "the treaty, signed on June 18": a reduced or full relative about a noun.
        if head.dep_ == "relcl" and _finite(verb):
            return 0.7
        if head.tag_ == "VBN" or head.dep_ == "relcl":
            return 0.75 if dated else 0.4
        return 0.6 if dated else 0.3
    # A base form cannot share a tensed verb's tense: "used to drive the car to the dunes, open the
    # boot, and empty a bucket" is one habit (a series of infinitives parsed as conjuncts of "used").
    series = verb.dep_ == "conj" and verb.tag_ == "VB" and head.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG")
    if _finite(verb) or (verb.dep_ == "conj" and _finite(head) and not series):
        if not _has_subject(verb):
            return 0.35
        if _present_simple(verb) and not dated:
            return 0.3  # a state or a generic statement
        if verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() not in lx.PLANNING_VERBS:
            return 0.4
        return 0.8
    # Non-finite: infinitives, gerunds, participles. A participle that adds a consequence to a told
    # happening is one too ("the quake struck Haiti, killing thousands").
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i and _finite(verb.head) and \
            any(c.dep_ in ("dobj", "obj") for c in verb.children) and lemma in lx.EVENT_VERBS:
        return 0.5
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lx.PLANNING_VERBS:
        return 0.6  # "plans to visit": the planned event
    if verb.dep_ == "xcomp":
        return 0.3  # part of its governing verb's event ("sought to re-engage")
    if verb.dep_ in ("advcl", "pcomp") and dated and verb.tag_ == "VBN":
        return 0.55
    return 0.25


def _noun_confidence(noun: Token, dated: bool) -> float:
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in lx.SUPPORT_VERBS | lx.LIGHT_VERBS:
        return 0.75 if _has_subject(head) else 0.4
    if noun.dep_ == "nsubj" and (occ := occurrence_of(head)) is not None and occ.i == noun.i:
        return 0.75
    if noun.dep_ == "ROOT" and _heading(noun):
        return 0.1  # a heading or a caption: a line of its own without a verb
    if noun.dep_ in ("compound", "appos"):
        return 0.1  # part of a name, or a second name for the event its head names
    if noun.dep_ == "attr" and head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in _ANAPHORS for c in head.children):
        return 0.3  # "This was the first incursion since 1945": said of an event already told
    if noun.tag_ == "NNS" and not dated and any(
            c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in noun.children):
        return 0.3  # "unbeaten in seven league matches", "11 counts": a number of happenings
    participant = _noun_has_participant(noun)
    if participant and dated:
        return 0.7
    if participant:
        return 0.3 if noun.lemma_.lower() in GENERIC_NOUNS else 0.55
    if noun.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod") for c in noun.children):
        return 0.3  # "attacks", "protests", undated and unowned: a kind of happening, not one
    if dated and noun.lemma_.lower() not in GENERIC_NOUNS:
        return 0.5
    return 0.2
