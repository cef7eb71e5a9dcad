"""Coreference records for event mentions someone else found (gold or another tool's spans).

Given a parsed document and a character span, the record takes the span's syntactic head as the
trigger, its participants and place from the same dependency rules extraction uses, and every named
entity of the sentence as context. Names become ids through the alias tables, so "DPRK" and "North
Korea" agree without running the resolve stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..models import stable_id
from .aliases import canonical
from .event_coref import MentionRecord, phrase_class
from .events import _participants, _place
from .gazetteer import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CONTEXT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})


def name_id(text: str, label: str) -> str:
    name, _ = canonical(text, label)
    return stable_id("ent", fold(name))


def span_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of [start, end) whose syntactic head lies outside it (the span's root)."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return (roots or tokens)[-1] if len(tokens) > 1 else tokens[0]


def record_for_span(mention_id: str, doc_id: str, doc: Doc, start: int, end: int,
                    group: str | None = None, story: str | None = None) -> MentionRecord | None:
    head = span_head(doc, start, end)
    if head is None:
        return None
    sent = head.sent
    ents_by_token = {t.i: e for e in doc.ents for t in e}
    place = _place(head, sent, ents_by_token)
    actors, _ = _participants(head, sent, ents_by_token, place)
    # The sentence-entity fallback re-creates spans, so the place can come back as an actor.
    actors = [a for a in actors if place is None or a != place.text]
    labels = {e.text: e.label_ for e in sent.ents}
    lemma = head.lemma_.lower()
    # The word after the head names the happening with it when it is the verb's particle ("passed
    # away") or the span holds it ("found guilty"): a span "found" alone, beside its own "guilty",
    # is the finding.
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    following = after.text if after is not None and (after.idx < end or after.dep_ == "prt") else ""
    return MentionRecord(
        id=mention_id, doc=doc_id, lemma=lemma, cls=phrase_class(lemma, following),
        actors=tuple(dict.fromkeys(name_id(a, labels.get(a, "ORG")) for a in actors)),
        context=tuple(dict.fromkeys(name_id(e.text, e.label_) for e in sent.ents
                                    if e.label_ in CONTEXT_LABELS)),
        place=name_id(place.text, place.label_) if place is not None else None,
        group=group, story=story,
    )


def records_for_spans(docs: dict[str, Doc],
                      spans: Iterable[tuple[str, str, int, int, str | None]]) -> list[MentionRecord]:
    """``spans``: (mention id, doc id, start, end, group). Spans with no token are left out."""
    out = []
    for mention_id, doc_id, start, end, group in spans:
        record = record_for_span(mention_id, doc_id, docs[doc_id], start, end, group)
        if record is not None:
            out.append(record)
    return out
