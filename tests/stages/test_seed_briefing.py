"""The seeds' briefing leads with the story (issue 16): every storyline heading names actors and an
action, and the years it states contain the events its sentences are dated by."""

from __future__ import annotations

import re

import pytest

from eventmap.export.briefing import build_briefing
from eventmap.export.briefing_dates import names_entity, span, years_of
from eventmap.export.briefing_text import clean

pytestmark = pytest.mark.slow
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def test_storyline_headings_say_who_did_what_and_when(seed_export) -> None:
    b = build_briefing(seed_export)
    stories = [s for s in b.sections if s.key == "storyline"]
    assert len(stories) >= 3
    named = [e for e in seed_export["entities"] if e["type"] in NAMED]
    by_sentence: dict[str, list[dict]] = {}
    for e in seed_export["events"]:
        for m in e["mentions"]:
            by_sentence.setdefault(clean(m["sentence"]), []).append(e)
    for sec in stories:
        title = sec.title
        head, _, dates = title.rpartition(" (") if title.endswith(")") else (title, "", "")
        assert any(names_entity(head, e) for e in named), f"no actor in {title!r}"
        # the action: the heading carries an event's headline, whose trigger it names
        told = [e for e in seed_export["events"]
                if (e.get("headline") or e["summary"]).rstrip("…")[:25] in head]
        assert told and any(re.search(r"(?<!\w)" + re.escape(m["trigger"]) + r"(?!\w)", head, re.I)
                            for e in told for m in e["mentions"]), f"no action in {title!r}"
        years = years_of(dates)
        dated = [i for i in sec.all_items() if i.time]
        assert bool(years) == bool(dated), title
        for item in dated:
            # the date is the item's own event's, as the export has it
            assert any(e["time"] == item.time for e in by_sentence.get(item.text, [])), item.text
            lo, hi = span(item.time)
            assert min(years) <= int(lo[:4]) and int(hi[:4]) <= max(years), (title, item.text, item.time)


def test_no_seed_sentence_is_dated_by_a_reference_point(seed_export) -> None:
    b = build_briefing(seed_export)
    for item in (i for s in b.sections for i in s.all_items()):
        if item.text.startswith(("Nearly three years after", "…Nearly three years after")):
            assert item.time is None and not years_of(item.label), item


def test_the_seed_article_at_odds_with_itself_is_shown_as_such(seed_export) -> None:
    sec = next(s for s in build_briefing(seed_export).sections if s.key == "disagreements")
    for group in sec.groups:
        sources = {n for i in group.items for n in i.cites} - {2}  # [2] is a copy of [1]
        assert len(sources) > 1 or "one source" in group.heading, group.heading
