"""Salience and main events on records built by hand (no model): what an editor would lead with."""

from __future__ import annotations

from eventmap.models import Article, Event, EventMention, Timex
from eventmap.nlp.salience import rank, salient_layer, title_idf


def _day(value: str) -> Timex:
    return Timex(value, 0, 0, "DATE", value, value, value, "day")


def _mention(mid: str, article: str, sentence: int, lemma: str, summary: str, *,
             confidence: float = 0.9, place: str | None = None, modality: str = "asserted") -> EventMention:
    start = sentence * 100
    return EventMention(id=mid, article=article, sentence=sentence, sentence_text=summary, start=start,
                        end=start + 5, sentence_start=start, trigger=lemma, lemma=lemma, summary=summary,
                        place=place, confidence=confidence, modality=modality)


def _event(eid: str, mentions: list[EventMention], time: Timex | None = None,
           actors: tuple[str, ...] = (), place: str | None = None) -> Event:
    return Event(eid, mentions[0].summary, mentions[0].lemma, time, actors, place,
                 tuple(m.id for m in mentions), tuple(dict.fromkeys(m.article for m in mentions)), ())


def _article(aid: str, title: str, published: str) -> Article:
    return Article(aid, title, "text", "Outlet", published=published)


def test_an_event_many_origins_tell_outranks_one_a_single_article_tells() -> None:
    articles = [_article(f"a{i}", "Dam fails", "2025-03-12") for i in range(4)]
    breach = [_mention(f"b{i}", f"a{i}", 0, "fail", "The dam failed") for i in range(4)]
    aside = [_mention("x", "a0", 9, "visit", "A minister visited a school")]
    events = [_event("breach", breach, _day("2025-03-12")), _event("aside", aside, _day("2025-03-12"))]
    mentions = {m.id: m for m in breach + aside}
    ranking = rank(events, mentions, articles, {}, [], {}, {})
    assert ranking.salience["breach"] > ranking.salience["aside"]
    assert salient_layer(ranking.salience, 1) == {"breach"}
    assert all(0.0 <= v <= 1.0 for v in ranking.salience.values())


def test_a_follow_ups_main_event_is_its_own_news_not_the_story_retold() -> None:
    """Ten days after the breach, an article's lead retells the breach in its first sentence and
    gives its news, the arrest its title names, in the second: the news is what is new."""
    articles = [_article("old", "Dam fails", "2025-03-12"), _article("new", "Police arrest dam manager",
                                                                        "2025-03-22")]
    breach = [_mention("b1", "old", 0, "fail", "The dam failed"),
              _mention("b2", "new", 0, "fail", "The dam failed")]
    arrest = [_mention("r1", "new", 1, "arrest", "Police arrested the dam's manager")]
    events = [_event("breach", breach, _day("2025-03-12")), _event("arrest", arrest, _day("2025-03-21"))]
    ranking = rank(events, {m.id: m for m in breach + arrest}, articles, {}, [], {}, {})
    assert ranking.main_event == {"old": "breach", "new": "arrest"}


def test_a_copy_is_about_what_its_origin_is_about() -> None:
    articles = [_article("orig", "Dam fails", "2025-03-12"), _article("copy", "Dam fails", "2025-03-12")]
    breach = [_mention("b1", "orig", 0, "fail", "The dam failed")]
    ranking = rank([_event("breach", breach)], {"b1": breach[0]}, articles, {"copy": "orig"}, [], {}, {})
    assert ranking.main_event["copy"] == "breach"


def test_title_words_most_titles_share_weigh_less() -> None:
    idf = title_idf([{"spill", "bp", "fine"}, {"spill", "bp", "cap"}, {"spill", "hearing"}])
    assert idf["spill"] < idf["bp"] < idf["fine"]


def test_an_unplaced_main_event_takes_the_place_its_lead_names() -> None:
    articles = [_article("a1", "Floods hit Porto", "2025-03-12")]
    flood = [_mention("f", "a1", 0, "flood", "Floods hit Porto", place="Porto")]
    arrest = [_mention("r", "a1", 1, "arrest", "Police arrested two men")]
    events = [_event("flood", flood, place="ent_porto"), _event("arrest", arrest)]
    ranking = rank(events, {m.id: m for m in flood + arrest}, articles, {}, [], {}, {}, {"ent_porto"})
    assert ranking.lead_place == {"a1": "ent_porto"}


def test_an_event_told_only_in_direct_speech_ranks_below_the_reports_own() -> None:
    from dataclasses import replace

    from eventmap.nlp.events import quoted

    told = _mention("m1", "a1", 2, "flood", "The river flooded the square")
    said = replace(_mention("m2", "a1", 2, "deserve", "The lads deserved that"), quoted=True)
    events = [_event("e1", [told]), _event("e2", [said])]
    ranking = rank(events, {m.id: m for m in (told, said)}, [_article("a1", "Match report", "2026-01-16")],
                   {"a1": "a1"}, [], {}, {})
    assert ranking.salience["e2"] < ranking.salience["e1"]
    sentence = 'Cole told reporters: "The lads deserved that.'
    assert quoted(sentence, sentence.index("deserved")) and not quoted(sentence, sentence.index("told"))
    run_on = "Jordan has waited for his chance and he took it.\u201d"
    assert quoted(run_on, run_on.index("took"))
    assert not quoted("Its \u201cstrategic review\u201d ended.", 30)
