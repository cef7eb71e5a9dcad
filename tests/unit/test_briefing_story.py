"""The briefing leads with the story (issue 16): Markdown without raw HTML, storyline headings that
say who did what and when, sentences dated by their own event, no article disagreeing with itself."""

from __future__ import annotations

import re

from briefing_export import SIGNED_1, small_export, uncited_lines

from eventmap.export.briefing import build_briefing
from eventmap.export.briefing_dates import said_as_its_time, span, span_text
from eventmap.export.briefing_render import md_escape, render_markdown


def test_markdown_carries_no_raw_html_from_articles() -> None:
    md = render_markdown(build_briefing(small_export()))
    assert "<script" not in md.lower() and "<img" not in md.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md  # the title, shown as text
    assert uncited_lines(md) == []


def test_md_escape_keeps_plain_text_readable() -> None:
    assert md_escape("AT&T said <b>no</b> [1]") == "AT&T said &lt;b&gt;no&lt;/b&gt; \\[1\\]"
    assert md_escape("&#60;script&#62;") == "&amp;#60;script&amp;#62;"
    assert re.fullmatch(r"[\w ,.]+", md_escape("Plain words, nothing else."))


def _with(export: dict, *, events: list[dict] = (), disagreements: list[dict] = ()) -> dict:
    return {**export, "events": export["events"] + list(events),
            "disagreements": export["disagreements"] + list(disagreements)}


RECLAIMED = ("Nearly three years after the February 24, 2022 invasion, Ukraine has reclaimed some "
             "territory along the southern front, officials said.")


def test_a_reference_point_inside_a_sentence_does_not_date_it() -> None:
    day = {"value": "2022-02-24", "start": "2022-02-24", "end": "2022-02-24", "granularity": "day",
           "approximate": False}
    at = RECLAIMED.index("reclaimed")
    event = {"id": "e9", "summary": "Ukraine reclaimed territory", "time": day, "actors": [], "place": None,
             "articles": ["a2"], "independent_sources": 1, "storyline": "s2", "salience": 0.9,
             "mentions": [{"article": "a2", "sentence": RECLAIMED, "sentence_start": 0, "start": at,
                           "end": at + 9, "trigger": "reclaimed", "modality": "asserted",
                           "time_text": "February 24, 2022", "time_inherited": False, "quantities": []}]}
    b = build_briefing(_with(small_export(), events=[event]))
    items = [i for sec in b.sections for i in sec.all_items() if "reclaimed" in i.text]
    assert items, "the sentence should still be usable"
    assert all(i.time is None and "2022" not in i.label for i in items), items
    assert said_as_its_time("On February 24, 2022, Russia invaded.", "February 24, 2022", day)
    assert not said_as_its_time(RECLAIMED, "February 24, 2022", day)


def test_an_article_at_odds_with_itself_is_not_a_disagreement() -> None:
    self_dispute = {"event": "e1", "kind": "date", "topic": "signing: Velmora",
                    "claims": [{"article": "a1", "text": SIGNED_1, "stance": "asserted",
                                "time": "2024-06-18"},
                               {"article": "a3", "text": "The accord was signed in July.",
                                "stance": "asserted", "time": "2024-07"}]}  # a3 copies a1: one source
    b = build_briefing(_with(small_export(), disagreements=[self_dispute]))
    sec = next(s for s in b.sections if s.key == "disagreements")
    alone = [g for g in sec.groups if "Signing" in g.heading]
    assert len(alone) == 1 and "one source" in alone[0].heading, [g.heading for g in sec.groups]
    assert sec.groups[-1] is alone[0]  # after the real disagreements
    assert any("Deployment" in g.heading and "one source" not in g.heading for g in sec.groups)


def test_the_brief_draws_on_more_than_one_origin() -> None:
    b = build_briefing(small_export())
    brief = b.sections[0]
    assert brief.key == "brief" and len(brief.lead) >= 2
    origin = {1: 1, 2: 2, 3: 1, 4: 4}
    assert len({origin[n] for i in brief.lead for n in i.cites}) >= 2


def test_storyline_dates_cover_their_sentences() -> None:
    assert span_text([("2024-06-01", "2024-06-30"), ("2024-12-04", "2024-12-04")]) == "June–December 2024"
    assert span_text([("1950-06-01", "1950-06-30"), ("1953-07-27", "1953-07-27")]) == "1950–1953"
    assert span_text([("1920-01-01", "1929-12-31")]) == "the 1920s"
    assert span_text([("2024-06-18", "2024-06-18")]) == "18 June 2024"
    assert span({"start": "1980-01-01", "end": "2024-12-03", "mod": "AFTER"}) == ("2024-12-03", "2024-12-03")


def test_a_newsletter_counting_its_own_sources_is_no_key_figure() -> None:
    """"Our team read 56 articles from 37 outlets": the newsletter talking about itself, not a
    figure of the story."""
    from eventmap.export.briefing import build_briefing

    def event(eid: str, sentence: str, qtext: str, value: float, unit: str) -> dict:
        return {"id": eid, "summary": sentence, "headline": sentence, "salience": 0.5, "articles": ["a1"],
                "time": None, "storyline": None, "actors": [], "mentions": [{
                    "article": "a1", "sentence": sentence, "start": 0, "end": 5, "sentence_start": 0,
                    "modality": "asserted", "time_text": None,
                    "quantities": [{"text": qtext, "value": value, "low": value, "high": value,
                                    "unit": unit, "qualifier": None}]}]}

    export = {"articles": [{"id": "a1", "title": "Floods in the valley", "outlet": "Valley Post",
                            "published": "2025-03-12"}],
              "events": [event("e1", "Our newsroom read 56 reports from 37 different outlets for this.",
                               "37 different outlets", 37.0, "outlet"),
                         event("e2", "The flood forced 3,000 residents of the lower valley from their homes.",
                               "3,000 residents", 3000.0, "resident")]}
    figures = next(s for s in build_briefing(export).sections if s.key == "figures")
    texts = " ".join(i.text for i in figures.items)
    assert "3,000 residents" in texts and "37 different outlets" not in texts
