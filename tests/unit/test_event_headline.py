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


def test_a_news_events_time_is_not_a_date_weeks_before_its_reports_from_another_clause() -> None:
    from eventmap.models import Timex

    june = Timex("June 2021", 0, 9, "DATE", "2021-06", "2021-06-01", "2021-06-30", "month")
    friday = Timex("on Friday", 0, 9, "DATE", "2026-05-29", "2026-05-29", "2026-05-29", "day")
    ms = [_mention(i, s) for i, s in enumerate(["A jury found the agent guilty", "The jury convicted him"])]
    lead = MentionRecord(id="m0", doc="a0", lemma="find", lead=True, published="2026-05-29")
    # "convicted him of the murder of a developer who disappeared in June 2021": the closest date
    stale = MentionRecord(id="m1", doc="a1", lemma="convict", time=june, time_explicit=True,
                          time_nearby=True, published="2026-05-29")
    assert make_event(ms, [lead, stale], {}).time is None
    # a date of the event's own phrase stands, and a stale closest date of an event no report leads
    # with (background) still dates it
    own = MentionRecord(id="m1", doc="a1", lemma="convict", time=friday, time_explicit=True,
                        published="2026-05-29")
    assert make_event(ms, [lead, own], {}).time == friday
    background = MentionRecord(id="m0", doc="a0", lemma="find", published="2026-05-29")
    assert make_event(ms, [background, stale], {}).time == june


def test_found_someone_guilty_is_the_verdicts_class_not_finding_a_body() -> None:
    from eventmap.nlp.event_coref import phrase_class
    from eventmap.stages.merge import mention_records

    def record(sentence: str) -> MentionRecord:
        at = sentence.index("found")
        m = EventMention(id="m", article="a", sentence=0, sentence_text=sentence, start=at, end=at + 5,
                         sentence_start=0, trigger="found", lemma="find", summary=sentence)
        return mention_records([m], {})[0]

    verdict = record("A jury has found a former Tarrow estate agent guilty of murder.")
    assert verdict.event_class == phrase_class("find", "guilty")
    assert record("Her remains were found by walkers near the reservoir.").event_class != verdict.event_class
