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
