"""Disagreements from hand-built mentions: stance across events, one voice per origin, numbers, dates."""

from __future__ import annotations

import dataclasses

from eventmap.models import Article, Event, EventMention, Quantity, Timex
from eventmap.nlp.disagreements import find_disagreements, stance, unit_of

NK, RU = "ent_nk", "ent_ru"


def _m(mid: str, article: str, sentence: str, trigger: str, lemma: str, *, modality: str = "asserted",
       time: tuple[str, str, str] | None = None, quantities: tuple[Quantity, ...] = (),
       actors: tuple[str, ...] = (), summary: str = "", index: int = 0, offset: int = 0) -> EventMention:
    start = offset + sentence.index(trigger)
    timex = None
    if time:
        value, text_, gran = time
        at = offset + sentence.index(text_)
        timex = Timex(text_, at, at + len(text_), "DATE", value, value[:10] if len(value) >= 10 else
                      f"{value}-01"[:10], None, gran)
    return EventMention(mid, article, index, sentence, start, start + len(trigger), offset, trigger, lemma,
                        summary=summary or sentence[:60], actors=actors, time=timex, modality=modality,
                        quantities=quantities)


def _events(*ms: EventMention) -> list[Event]:
    return [Event(f"evt_{m.id}", m.summary, m.lemma, m.time, (), None, (m.id,), (m.article,), ("x",))
            for m in ms]


def _run(ms: list[EventMention], participants: dict[str, set[str]], origin: dict[str, str] | None = None,
         own: dict[str, set[str]] | None = None, published: str | None = None):
    articles = {a: Article(a, a, "", f"outlet-{a}", published=published) for a in {m.article for m in ms}}
    origin = origin or {a: a for a in articles}
    return find_disagreements(_events(*ms), {m.id: m for m in ms}, articles, origin, participants,
                              {NK: "North Korea", RU: "Russia"}, own)


DENIAL = ("Reports of North Korean troop deployments to Russia are widely debunked, and neither Moscow "
          "nor Pyongyang has confirmed them.")
ASSERTION = "In November, North Korean troops were deployed to Russia."


def test_stance_reads_dispute_cues_and_hedges() -> None:
    assert stance(_m("a", "A", DENIAL, "deployments", "deployment", modality="denied")) == "disputed"
    assert stance(_m("b", "B", ASSERTION, "deployed", "deploy")) == "asserted"
    hedged = "Analysts say the North could eventually send up to 100,000 soldiers."
    assert stance(_m("c", "C", hedged, "send", "send", modality="reported")) is None
    assert stance(_m("d", "D", "The army denied that it shelled the town.", "shelled", "shell",
                     modality="denied")) == "denied"


def test_assertion_and_dispute_in_two_events_make_one_modality_disagreement() -> None:
    a = _m("a", "A", DENIAL, "deployments", "deployment", modality="denied")
    b = _m("b", "B", ASSERTION, "deployed", "deploy", time=("2024-11", "November", "month"))
    found = _run([a, b], {"a": {NK, RU}, "b": {NK, RU}})
    assert [d.kind for d in found] == ["modality"]
    stances = {c.article: c.stance for c in found[0].claims}
    assert stances == {"A": "disputed", "B": "asserted"}
    assert set(found[0].events) == {"evt_a", "evt_b"} and "deployment" in found[0].topic


def test_copies_of_one_origin_are_one_voice() -> None:
    a = _m("a", "A", DENIAL, "deployments", "deployment", modality="denied")
    b = _m("b", "B", ASSERTION, "deployed", "deploy")
    # B is a copy of A: the "two outlets" are one voice, so there is nothing to disagree about.
    assert _run([a, b], {"a": {NK}, "b": {NK}}, origin={"A": "A", "B": "A"}) == []


def test_unrelated_participants_do_not_disagree() -> None:
    a = _m("a", "A", DENIAL, "deployments", "deployment", modality="denied")
    b = _m("b", "B", "South Korean troops were deployed to the parliament.", "deployed", "deploy")
    assert _run([a, b], {"a": {NK, RU}, "b": {"ent_sk"}}) == []


def test_different_numbers_for_the_same_count() -> None:
    s1 = "Officials claim that several thousand North Korean troops were deployed to Russia."
    s2 = "Reports indicate that more than 10,000 troops have been deployed to Russia."
    q1 = Quantity("several thousand", None, 2000.0, 9000.0, "north")
    q2 = Quantity("more than 10,000", 10000.0, 10000.0, None, "troop", "more than")
    a = _m("a", "A", s1, "deployed", "deploy", modality="alleged", quantities=(q1,))
    b = _m("b", "B", s2, "deployed", "deploy", modality="alleged", quantities=(q2,))
    found = _run([a, b], {"a": {NK, RU}, "b": {RU}})
    numbers = [d for d in found if d.kind == "number"]
    assert len(numbers) == 1
    assert {c.quantity for c in numbers[0].claims} == {"several thousand troops", "more than 10,000 troops"}
    assert unit_of(q1, s1) == "troops"
    # Overlapping ranges ("several thousand" vs "about 5,000") are no disagreement.
    q3 = Quantity("about 5,000", 5000.0, 5000.0, 5000.0, "troop", "about")
    c = _m("c", "C", "About 5,000 troops were deployed to Russia.", "deployed", "deploy", quantities=(q3,))
    assert not [d for d in _run([a, c], {"a": {NK, RU}, "c": {RU}}) if d.kind == "number"]


def test_history_an_article_recalls_is_no_number_at_odds_with_the_news() -> None:
    # "Hundreds of homes have been flooded" (the news, undated) and "after Storm Desmond in December
    # 2015, when more than 5,000 homes were flooded" (history, ten years before the article): two
    # floods, not two counts of one.
    news = "Hundreds of homes have been flooded in Cumbria after the storm."
    past = "After Storm Desmond in December 2015, more than 5,000 homes across Cumbria were flooded."
    q1 = Quantity("Hundreds", None, 200.0, 999.0, "home")
    q2 = Quantity("more than 5,000", 5000.0, 5000.0, None, "home", "more than")
    a = _m("a", "A", news, "flooded", "flood", quantities=(q1,))
    b = _m("b", "B", past, "flooded", "flood", quantities=(q2,), time=("2015-12", "December 2015", "month"))
    assert not [d for d in _run([a, b], {"a": {"ent_cumbria"}, "b": {"ent_cumbria"}}, published="2025-11-03")
                if d.kind == "number"]
    # the same two counts said of this week's flood are at odds
    b_now = _m("b", "B", past.replace("December 2015", "November 2025"), "flooded", "flood",
               quantities=(q2,), time=("2025-11", "November 2025", "month"))
    assert [d for d in _run([a, b_now], {"a": {"ent_cumbria"}, "b": {"ent_cumbria"}}, published="2025-11-03")
            if d.kind == "number"]


def test_different_dates_for_one_signing_even_in_one_article() -> None:
    s1 = "The treaty was signed on June 18, 2024 in Pyongyang."
    s2 = "Delegations were exchanged after the treaty was signed in July."
    a = _m("a", "A", s1, "signed", "sign", time=("2024-06-18", "June 18, 2024", "day"),
           summary="The treaty was signed", actors=())
    b = _m("b", "A", s2, "signed", "sign", time=("2024-07", "July", "month"), summary="The treaty was signed",
           index=5, offset=500)
    found = _run([a, b], {"a": set(), "b": set()})
    assert [d.kind for d in found] == ["date"]
    assert {c.time for c in found[0].claims} == {"2024-06-18", "2024-07"}


def test_clock_times_measures_and_the_size_of_a_place_are_no_counts_at_odds() -> None:
    # "at 6.50am local time" against "at 7.12am local time": the hour of two launches, no count;
    # "1,100km" against "680 miles" (one flight, two units), "91mph" at one hill against "78mph" at
    # another: measures of different aspects; "a town of 9,000 people": its size
    assert unit_of(Quantity("6.50am", 6.5, 6.5, 6.5, "time"), "launched at 6.50am local time") is None
    assert unit_of(Quantity("about 1,100km", 1100.0, 1100.0, 1100.0, None),
                   "flew about 1,100km before falling") is None
    assert unit_of(Quantity("roughly 680", 680.0, 680.0, 680.0, None),
                   "or roughly 680 miles, before falling") is None
    assert unit_of(Quantity("91mph", 91.0, 91.0, 91.0, None), "A gust of 91mph was recorded") is None
    assert unit_of(Quantity("about 9,000", 9000.0, 9000.0, 9000.0, "people"),
                   "The storm hit Marlow, a town of about 9,000 people, on Sunday.") is None
    assert unit_of(Quantity("Two", 2.0, 2.0, 2.0, None), "Two people were killed.") == "people"
    km, miles = Quantity("about 1,100km", 1100.0, 1100.0, 1100.0, None), Quantity(
        "roughly 680 miles", 680.0, 680.0, 680.0, None)
    a = _m("a", "A", "The rocket flew about 1,100km before falling.", "flew", "fly", quantities=(km,))
    b = _m("b", "B", "The rocket flew roughly 680 miles before falling.", "flew", "fly", quantities=(miles,))
    assert [d for d in _run([a, b], {"a": set(), "b": set()}) if d.kind == "number"] == []


def test_a_date_only_near_the_trigger_in_another_clause_makes_no_date_claim() -> None:
    # "September" is the launch's, not the finding's: the tagger gave "found" the sentence's closest
    # date (time_nearby), which dates the event on the map but claims nothing against another outlet
    s1 = "The probe was due to launch in September, before a faulty valve was found during tests."
    s2 = "Engineers found a faulty valve on October 2."
    a = _m("a", "A", s1, "found", "find", time=("2026-09", "September", "month"), summary="a valve was found")
    a = dataclasses.replace(a, time_nearby=True)
    b = _m("b", "B", s2, "found", "find", time=("2025-10-02", "October 2", "day"),
           summary="Engineers found a valve")
    assert _run([a, b], {"a": set(), "b": set()}) == []
    # the same dates, each in its trigger's own phrase, do disagree
    assert [d.kind for d in _run([dataclasses.replace(a, time_nearby=False), b],
                                 {"a": set(), "b": set()})] == ["date"]


def test_signings_decades_apart_are_different_events_not_a_date_disagreement() -> None:
    a = _m("a", "A", "The treaty was signed on June 18, 2024.", "signed", "sign",
           time=("2024-06-18", "June 18, 2024", "day"), summary="The treaty was signed")
    b = _m("b", "B", "A treaty was signed on July 27, 1953.", "signed", "sign",
           time=("1953-07-27", "July 27, 1953", "day"), summary="A treaty was signed")
    assert _run([a, b], {"a": set(), "b": set()}) == []
