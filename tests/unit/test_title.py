"""An article's title read as an editor reads it (nlp/main_event.py: clean_title, truecase,
read_title, title_told), on titles and sentences written for these tests."""

from __future__ import annotations

import pytest

from eventmap.models import EventMention, TitleParse
from eventmap.nlp.main_event import clean_title, title_told, truecase
from eventmap.nlp.salience import _terms


def test_the_site_name_is_cut_off_a_title() -> None:
    assert clean_title("Ferry runs aground off Orkney | Northshire Gazette", "Northshire Gazette") == (
        "Ferry runs aground off Orkney", "")
    assert clean_title("Ferry runs aground off Orkney - BBC News")[0] == "Ferry runs aground off Orkney"
    assert clean_title("Ferry runs aground off Orkney | Scotland | The Herald Online")[0] == (
        "Ferry runs aground off Orkney")
    assert clean_title("northshire.example - Ferry runs aground off Orkney")[0] == (
        "Ferry runs aground off Orkney")
    # a dash inside the headline is the headline's
    assert clean_title("Pensioner hurt in hit - and - run on ring road")[0] == (
        "Pensioner hurt in hit - and - run on ring road")


def test_a_label_and_a_second_clause_are_the_titles_aside() -> None:
    assert clean_title("Orkney ferry: coastguard rescues 40 passengers | The Herald", "The Herald") == (
        "coastguard rescues 40 passengers", "Orkney ferry")
    assert clean_title("LIVE: Governor declares emergency as river floods towns") == (
        "Governor declares emergency as river floods towns", "")
    assert clean_title("Ferry runs aground off Orkney; crossings suspended") == (
        "Ferry runs aground off Orkney", "crossings suspended")


def test_no_headline_from_a_placeholder_or_the_texts_first_line() -> None:
    assert clean_title("(untitled)") == ("", "")
    assert clean_title("") == ("", "")
    assert clean_title("Northshire Gazette", "Northshire Gazette") == ("", "")
    text = "The council voted on Monday to close the old swimming baths, ending a ten-year campaign."
    assert clean_title(text[:60], "", text) == ("", "")


def test_title_case_is_written_as_the_text_writes_each_word() -> None:
    text = "A fire broke out at a Leeds warehouse on Monday. Firefighters said the warehouse was empty."
    assert truecase("Fire Breaks Out At Leeds Warehouse", text) == "Fire breaks out at Leeds warehouse"
    assert truecase("FIRE AT LEEDS WAREHOUSE", text) == "Fire at Leeds warehouse"
    assert truecase("Fire at Leeds warehouse", text) == "Fire at Leeds warehouse"  # sentence case stays


def _m(summary: str, lemma: str, *, trigger: str | None = None, what: str | None = None,
       sentence: int = 0) -> EventMention:
    return EventMention(id=f"m{sentence}{lemma}", article="a", sentence=sentence, sentence_text=summary,
                        start=sentence * 100, end=sentence * 100 + 3, sentence_start=sentence * 100,
                        trigger=trigger or lemma, lemma=lemma, summary=summary,
                        what=summary.split(" ", 2)[-1] if what is None else what)


def test_a_lead_mention_telling_the_titles_predicate_and_participants_is_told() -> None:
    title = TitleParse("a", "Ferry runs aground off Orkney", ("run",), (), ("ferry",), (), ("Orkney",))
    full = title_told(_m("The ferry ran aground off Orkney", "run", trigger="ran"), title, _terms)
    half = title_told(_m("A boat ran into difficulty", "run", trigger="ran"), title, _terms)
    assert full == pytest.approx(1.0)
    assert half == pytest.approx(0.6)
    assert title_told(_m("The coastguard rescued 40 passengers", "rescue"), title, _terms) == 0.0
    # past the lead, or with no parsed title, nothing
    assert title_told(_m("The ferry ran aground off Orkney", "run", sentence=7), title, _terms) == 0.0
    assert title_told(_m("The ferry ran aground off Orkney", "run"), None, _terms) == 0.0


def test_derivations_and_headline_words_match_the_plain_words_of_the_lead() -> None:
    derail = TitleParse("a", "Tram derails", ("derail",), (), ("tram",))
    assert title_told(_m("A tram left the rails", "leave"), derail, _terms) == 0.0
    assert title_told(_m("The tram derailed", "derail", trigger="derailed"), derail, _terms) == 1.0
    hurt = TitleParse("a", "Six hurt in crash", ("hurt",), ("crash",), ("six",))
    assert title_told(_m("Six people were injured", "injure", trigger="injured"), hurt, _terms) == 1.0
    cuts = TitleParse("a", "Mill to cut 400 jobs", ("cut",), (), ("mill",), ("job",))
    # "eliminate" is the plain word for the headline's "cut" (job cuts)
    assert title_told(_m("The mill will eliminate 400 jobs", "eliminate", trigger="eliminate"), cuts,
                      _terms) >= 0.8
    assert title_told(_m("The mill will hire 400 workers", "hire", trigger="hire"), cuts, _terms) == 0.0
    # a predicate of a subordinate clause counts half
    assert title_told(_m("Two cars crashed", "crash", trigger="crashed"), hurt, _terms) == pytest.approx(0.3)


def test_a_generic_verb_tells_by_its_participants_and_an_event_noun_does_not_tell() -> None:
    leave = TitleParse("a", "Tram leaves the tracks", ("leave",), (), ("tram",), ("track",))
    assert title_told(_m("A packed tram left 14 people", "leave", trigger="left"), leave, _terms) == 0.5
    assert title_told(_m("The tram left the tracks", "leave", trigger="left"), leave, _terms) == 1.0
    quake = TitleParse("a", "Earthquake strikes Tonga", ("strike",), ("earthquake",), ("earthquake",),
                       ("Tonga",))
    noun = _m("The earthquake near Tonga", "earthquake", what="The earthquake near Tonga")
    assert title_told(noun, quake, _terms) == 0.0  # it names the event; a clause tells it
