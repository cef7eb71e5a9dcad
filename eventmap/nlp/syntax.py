"""Small questions about a clause that extraction, eventness and headlines all ask of the parse.

spaCy makes a new Token object on every access, so tokens are compared by index (``tok.i``), never
by identity.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
_CHAIN = 6  # how far up a chain of conjoined or governing verbs to look


def first_conjunct(verb: Token) -> Token:
    """The first verb of a coordination ("pushed back ... but later launched": "pushed")."""
    for _ in range(_CHAIN):
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def clause_subject(verb: Token, *, through: Collection[str] = ("conj",),
                   deps: Collection[str] = SUBJECTS) -> Token | None:
    """The verb's subject (a child with one of ``deps``), else the subject of the verb it depends on
    by one of ``through``: a conjoined verb shares the first one's subject ("troops were deployed
    ... and stood down"); with ``through=("conj", "xcomp", "advcl")`` an open complement or an
    adverbial participle takes its governing verb's ("sought to re-engage": the seeker re-engages)."""
    for _ in range(_CHAIN):
        subj = next((c for c in verb.children if c.dep_ in deps), None)
        if subj is not None:
            return subj
        if verb.dep_ not in through or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = verb.head
    return None


def auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries, without the infinitive marker ("to leave" is not finite)."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]


# Dependencies that open a clause of its own: a word below one belongs to that clause's verb.
EMBEDDED_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "parataxis"})


def in_own_clause(trigger: Token, tok: Token) -> bool:
    """Whether ``tok`` hangs on ``trigger`` without an embedded clause between them ("the startup
    that collapsed in 2022 was sentenced": "2022" is the collapse's, not the sentencing's)."""
    while tok.i != trigger.i:
        if tok.head.i == tok.i:
            return False
        # a capitalised word inside a sentence heads no clause: a name parsed as a verb ("beat
        # Championship side Reading Albion at Marsh Lane": "Reading")
        if tok.dep_ in EMBEDDED_CLAUSES and not (tok.is_title and not tok.is_sent_start) \
                and not (tok.head.i == trigger.i and tok.dep_ in ("relcl", "acl") and trigger.pos_ != "VERB"):
            return False  # (a clause on an event noun tells that event: "the quake that hit Sumatra")
        tok = tok.head
    return True
