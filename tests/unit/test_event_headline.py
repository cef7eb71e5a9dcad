"""Which mention's headline a merged event takes (stages/merge.make_event): the one that tells it as
its mentions do. Invented headlines; no spaCy needed."""

from __future__ import annotations

from eventmap.models import EventMention
from eventmap.nlp.event_coref import MentionRecord
from eventmap.stages.merge import make_event


def _mention(i: int, summary: str, what: str = "", modality: str = "asserted") -> EventMention:
    return EventMention(id=f"m{i}", article=f"a{i}", sentence=0, sentence_text=summary + ".", start=0, end=1,
                        sentence_start=0, trigger="x", lemma="explode", summary=summary,
                        what=what or summary.split(" ", 2)[-1], modality=modality)


def _event(summaries: list[str]) -> str:
    ms = [_mention(i, s) for i, s in enumerate(summaries)]
    records = [MentionRecord(id=m.id, doc=m.article, lemma="explode") for m in ms]
    return make_event(ms, records, {}).summary


def test_a_merged_event_takes_the_headline_its_mentions_tell() -> None:
    # one report the merge let in names another blast; its length is the closest to 60 characters
    assert _event([
        "The Marlow Point rig exploded",
        "A fatal explosion took place at the company's Gransby refinery",
        "The Marlow Point rig exploded off the Cressel coast",
        "The Marlow Point drilling rig exploded overnight",
    ]) == "The Marlow Point rig exploded off the Cressel coast"


def test_a_headline_opening_on_a_pronoun_or_a_subordinator_tells_too_little_alone() -> None:
    assert _event([
        "That exploded",
        "When the Marlow Point rig exploded",
        "The Marlow Point rig exploded",
    ]) == "The Marlow Point rig exploded"


def test_two_mentions_keep_the_telling_rule() -> None:
    # too few to say what the mentions share: asserted, with a subject, closest to 60 characters
    assert _event(["The rig exploded", "The Marlow Point drilling rig exploded off the coast"]) == \
        "The Marlow Point drilling rig exploded off the coast"
