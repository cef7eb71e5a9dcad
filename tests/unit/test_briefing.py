"""The briefing builder and its two renderers, on a small hand-written export."""

from __future__ import annotations

import re

from briefing_export import HISTORY, SHIPS, SIGNED_1, SUBSCRIBE, TROOPS_4, small_export, uncited_lines

from eventmap.export.briefing import Briefing, build_briefing
from eventmap.export.briefing_render import render_html, render_markdown
from eventmap.export.briefing_text import clean, fragment, quality, when


def _briefing() -> Briefing:
    return build_briefing(small_export())


def test_every_item_is_cited_with_a_valid_source_number() -> None:
    b = _briefing()
    items = [i for sec in b.sections for i in sec.all_items()]
    assert items
    for item in items:
        assert item.text.strip() and item.cites, item
        assert all(1 <= n <= len(b.sources) for n in item.cites), item
        assert all(n in item.cites for n, _ in item.evidence), item


def test_coverage_counts_the_copy_with_its_origin() -> None:
    b = _briefing()
    c = b.coverage
    assert (c.articles, c.origins, c.outlets, c.undated) == (4, 3, 4, 1)
    assert c.copies == ((3, 1, "contained"),)
    md = render_markdown(b)
    assert "4 articles across 4 outlets" in md and "3 independent origins" in md
    assert "[3] is a contained copy of [1]" in md
    assert "published 2024-06-19 to 2024-07-03, 1 undated" in md
    assert ("3. Repost: harbour accord — Aggregator Daily, 2024-06-20 (003_repost.txt) — "
            "contained copy of [1]") in md


def test_disagreement_section_shows_both_stances_with_outlets() -> None:
    sec = next(s for s in _briefing().sections if s.key == "disagreements")
    (group,) = sec.groups
    labels = [i.label for i in group.items]
    assert labels == ["Coastal Wire reports it as fact", "History Review disputes it"]
    assert [i.cites for i in group.items] == [(2,), (4,)]
    assert all(i.quote for i in group.items)


def test_corroborating_articles_are_cited_and_sentences_not_repeated() -> None:
    b = _briefing()
    signed = [i for sec in b.sections for i in sec.all_items() if i.text == clean(SIGNED_1)
              or "signed the harbour accord" in i.text and sec.key != "timeline"]
    assert signed and all(i.cites == (1, 2) for i in signed)  # [2] says the same of the same event
    # the brief may lead with a sentence that is also quoted under a disagreement; nothing else repeats
    whole = [i.text for sec in b.sections if sec.key not in ("timeline", "figures", "disagreements")
             for i in sec.all_items()]
    assert len(whole) == len(set(whole)), whole
    quoted = [i.text for sec in b.sections if sec.key in ("storyline", "recent", "disagreements")
              for i in sec.all_items()]
    assert len(quoted) == len(set(quoted)), quoted


def test_boilerplate_is_left_out_and_hedged_sentences_flagged() -> None:
    b = _briefing()
    md = render_markdown(b)
    assert "subscribe" not in md.lower() and SUBSCRIBE not in md
    ships = [i for sec in b.sections for i in sec.all_items() if "cargo ships" in i.text]
    assert ships and {i.note for i in ships} == {"planned"}
    assert any(i.text == clean(SHIPS) for i in ships)


def test_key_figures_carry_the_number_with_its_unit_and_source() -> None:
    figures = next(s for s in _briefing().sections if s.key == "figures")
    (item,) = figures.items
    assert item.label == "40 cargo ships" and item.cites == (1,)
    assert "40 cargo ships" in item.text


def test_recent_and_timeline_are_dated_and_in_order() -> None:
    b = _briefing()
    recent = next(s for s in b.sections if s.key == "recent")
    # the 2 July deployment is quoted under the disagreement, so not repeated here
    assert [i.label for i in recent.items] == ["18 June 2024", "3 July 2024"]
    timeline = next(s for s in b.sections if s.key == "timeline")
    labels = [i.label for i in timeline.items]
    assert labels == ["the 1920s", "1934", "18 June 2024", "2 July 2024", "3 July 2024"]
    deployed = next(i for i in timeline.items if i.label == "2 July 2024")
    assert deployed.cites == (2,)  # [4] denies it: a denial corroborates nothing
    assert any(i.text == clean(HISTORY) for i in timeline.items)


def test_sections_come_in_the_briefing_order_with_storylines_in_time_order() -> None:
    sections = _briefing().sections
    keys = [s.key for s in sections]
    assert keys == ["brief", "storyline", "storyline", "figures", "recent", "disagreements", "timeline"]
    # a heading says who did what (the headline, its actors first when it names none) and when
    stories = [s.title for s in sections if s.key == "storyline"]
    assert stories == ["Velmora: Harbour dredged (the 1920s)",
                       "Velmora Port Authority and Sarn Port Authority: Ships allowed through"]
    assert [s.ref for s in sections if s.key == "storyline"] == ["s3", "s1"]


def test_markdown_lines_are_all_cited_and_output_is_deterministic() -> None:
    md = render_markdown(_briefing())
    assert uncited_lines(md) == []
    assert md == render_markdown(build_briefing(small_export()))
    assert re.search(r"^## The story in brief$", md, re.M) and "## Key figures" in md
    assert "## What changed recently" in md and "## Where sources disagree" in md and "## Timeline" in md


def test_html_escapes_article_text_and_loads_nothing() -> None:
    page = render_html(_briefing())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(" in page  # the title and the disputed quote, shown as text
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src &#x27;none&#x27;" in page
    assert "javascript:" not in page.split("<body", 1)[1].replace("javascript:alert(1)</span>", "")
    assert not re.search(r"""(?:src|href)=["'](?:https?:|//)""", page)
    assert page.count('class="cite"') >= 8 and 'id="src-4"' in page


def test_empty_export_still_renders() -> None:
    b = build_briefing({"schema": "eventmap/1", "stats": {}, "articles": [], "events": [],
                        "storylines": [], "disagreements": [], "entities": []})
    md = render_markdown(b)
    assert "No disagreements" in md and uncited_lines(md) == []
    assert "<html" in render_html(b)


def test_fragment_and_dates_read_as_written() -> None:
    long = ("The council, which met for six hours on Tuesday in the old town hall by the harbour, "
            "voted to close the northern channel to all fishing boats, a decision that angered the "
            "fishermen who have used it for generations.")
    cut = fragment(long, long.index("voted"))
    assert "voted to close the northern channel" in cut and cut.startswith("…")
    assert when({"value": "2024-11", "granularity": "month"}) == "November 2024"
    assert when({"value": "186X", "granularity": "decade"}) == "the 1860s"
    assert when({"value": "1980", "granularity": "year", "mod": "AFTER"}) == "since 1980"
    # parts of a day and of a year as a reader writes them, never the TIMEX value ("2025-11-02TAF")
    assert when({"value": "2025-11-02TAF", "granularity": "day"}) == "2 November 2025, afternoon"
    assert when({"value": "2025-11-02TNI", "granularity": "day"}) == "2 November 2025, night"
    assert when({"value": "2025-SU", "granularity": "season"}) == "summer 2025"
    assert when({"value": "2025-Q3", "granularity": "quarter"}) == "the third quarter of 2025"
    assert clean("• Nuclear Program: Beginning in 1950 [3], it [grew].") == (
        "Nuclear Program: Beginning in 1950 , it (grew).")
    assert TROOPS_4.startswith("Claims")
    hanging = ("The government approved an emergency aid package worth many millions on Tuesday for the "
               "families and businesses of the valley, which flooded several parishes a week ago.")
    cut = fragment(hanging, hanging.index("flooded"))
    assert cut.startswith("The government approved") and "which flooded" in cut  # not "…which flooded"
    assert quality("At 1:38 pm on 10 Jun 2010, Harbourwatcher wrote: the accord is a disgrace.") is None
    assert quality("I think the accord will be signed by the port authorities next week.") < quality(SIGNED_1)
