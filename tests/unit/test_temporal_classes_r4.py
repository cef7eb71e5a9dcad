"""Temporal tagger, fourth round of error classes on unseen news.

Every sentence here is written for these tests; none comes from an evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.nlp.temporal import tag

FRI = dt.date(2016, 5, 6)  # a Friday in May


def values(text: str, dct: dt.date | None = FRI) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


# --- a date after "since" has passed ------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    # in May, the coming October is nearer than the last one, but "since" looks back
    ("Rescuers have been searching for the boat since the Oct. 23 storm.", "2015-10-23"),
    ("Prices have risen steadily since the Nov. 2 election.", "2015-11-02"),
    ("Police have been looking for him since shortly after the Aug. 9 shooting.",
     "2015-08-09"),
    ("Fares have gone up again since their Sept. 1 increase.", "2015-09-01"),
])
def test_since_a_date_is_in_the_past(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_only_since_turns_a_nearer_future_date_back() -> None:
    assert values("The storm has not let up since the Oct. 23 landfall.") == [
        ("Oct. 23", "2015-10-23")]
    # without "since" the same dates keep their future reading
    assert values("The mayor will hold a vote on Nov. 2.") == [("Nov. 2", "2016-11-02")]
    assert values("The festival opens Oct. 23 in the old harbour.") == [("Oct. 23", "2016-10-23")]


# --- "the day before/after <a day>" is one date, a day off -------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The day before last Tuesday's vote, the mayor resigned.", "The day before last Tuesday",
     "2016-05-02"),
    ("The mayor resigned the day after Christmas.", "the day after Christmas", "2015-12-26"),
    ("The strike began the day before March 3.", "the day before March 3", "2016-03-02"),
])
def test_the_day_before_or_after_a_day(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


def test_a_counted_day_before_a_date_stays_an_amount() -> None:
    # "two days after X" counts days (a DURATION); only "the day after X" is the day itself
    assert values("Two days after Christmas, the snow came; the day after Christmas, it rained.") \
        == [("Two days", "P2D"), ("Christmas", "2015-12-25"),
            ("the day after Christmas", "2015-12-26")]


# --- "one day" meaning "some day" is no amount of time -------------------------------------------

@pytest.mark.parametrize("text", [
    "Residents say they may one day return home.",
    "She hopes to one day open a bakery in the village.",
    "He believes he will one day run the family firm.",
])
def test_one_day_as_some_day_is_not_a_duration(text: str) -> None:
    assert values(text) == []


def test_one_day_as_an_amount_stays_a_duration() -> None:
    assert values("The visit was cut to one day; the court may one day hear the case.") == [
        ("one day", "P1D")]
    assert values("They met for one day.") == [("one day", "P1D")]


# --- "the cars of tomorrow", "tomorrow's leaders": an era, not a day -----------------------------

@pytest.mark.parametrize("text", [
    "Designers showed the cars of tomorrow at the fair.",
    "The academy trains the engineers of tomorrow.",
    "Tomorrow's leaders will need more science.",
])
def test_generic_tomorrow_is_untagged(text: str) -> None:
    assert values(text) == []


def test_a_real_tomorrow_or_today_stays_a_day() -> None:
    assert values("As of today the cars of tomorrow are on show; tomorrow's meeting is short.") \
        == [("today", "2016-05-06"), ("tomorrow", "2016-05-07")]
    assert values("The results of today's vote are due by the end of tomorrow.") == [
        ("today", "2016-05-06"), ("tomorrow", "2016-05-07")]


# --- "the past three summers": "past" is an adjective, no PAST_REF --------------------------------

@pytest.mark.parametrize("text", [
    "The club has won the cup in each of the past three summers.",
    "She has spent the past two Christmases abroad.",
    "The past few weekends were wet.",
])
def test_past_before_a_count_is_not_past_ref(text: str) -> None:
    assert [v for _, v in values(text) if v == "PAST_REF"] == []


def test_the_past_as_a_noun_stays_past_ref() -> None:
    assert values("In the past one could cross freely; the past two winters were mild.") == [
        ("the past", "PAST_REF")]


# --- a plan told in the pluperfect lies in the past ---------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("The offer had been scheduled to expire on Tuesday.", "2016-05-03"),
    ("The hearing had been expected to end Tuesday, but it dragged on.", "2016-05-03"),
    ("The ministers had planned to meet on Wednesday.", "2016-05-04"),
])
def test_had_been_due_is_a_past_plan(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_present_plan_still_points_forward() -> None:
    assert values("The offer is scheduled to expire on Tuesday; it had been due to end Monday.") \
        == [("Tuesday", "2016-05-10"), ("Monday", "2016-05-02")]


# --- "mid-afternoon yesterday": a part of the day said before the day ---------------------------

@pytest.mark.parametrize("text,span,value", [
    ("In Tokyo at mid-afternoon yesterday, the index was flat.", "mid-afternoon yesterday",
     "2016-05-05TAF"),
    ("Late evening yesterday, the ferry docked.", "Late evening yesterday", "2016-05-05TEV"),
    ("The talks resume morning tomorrow, officials said.", "morning tomorrow", "2016-05-07TMO"),
])
def test_part_of_day_before_yesterday_today_tomorrow(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


# --- "in the morning" after a dated day is that day's morning ------------------------------------

def test_in_the_morning_after_a_dated_day() -> None:
    text = "Shares slid on Tuesday. Brokers bought in the morning but sold during the afternoon."
    assert values(text) == [("Tuesday", "2016-05-03"), ("the morning", "2016-05-03TMO"),
                            ("the afternoon", "2016-05-03TAF")]
    # a habit has no day to attach it to; "the morning of ..." and a clock time are other rules
    assert values("The bakery usually opens in the morning.") == []
    assert values("On May 2, the storm hit in the morning of a market day.") == [
        ("May 2", "2016-05-02")]
    assert values("On May 2 the ferry left at 4 in the morning.") == [
        ("May 2", "2016-05-02"), ("4 in the morning", "2016-05-02T04:00")]


# --- "Wednesday's ruling": an event that is over when named is the last such weekday ------------

@pytest.mark.parametrize("text,value", [
    ("Lawyers said they would appeal Wednesday's ruling.", "2016-05-04"),
    ("The family will challenge Tuesday's decision in court.", "2016-05-03"),
    ("Police will question witnesses to Thursday's shooting.", "2016-05-05"),
])
def test_possessive_weekday_of_a_done_event_is_past(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_possessive_weekday_of_a_plan_still_points_forward() -> None:
    assert values("They would attend Monday's meeting, but Wednesday's ruling will be appealed.") \
        == [("Monday", "2016-05-09"), ("Wednesday", "2016-05-04")]
    assert values("Wednesday's ruling is expected to favour the city.") == [
        ("Wednesday", "2016-05-11")]


# --- an amount of time per day or week is a rate, no duration ---------------------------------

@pytest.mark.parametrize("text", [
    "Guards watch the depot 24 hours a day, seven days a week.",
    "Junior doctors often work 12 hours a night.",
    "The clinic opens three days a week.",
])
def test_time_per_period_is_a_rate(text: str) -> None:
    assert [t for t in tag(text, FRI) if t.type == "DURATION"] == []


def test_an_amount_before_an_offset_stays_a_duration() -> None:
    assert values("The clinic opens three days a week; he was jailed for two days a week ago.") \
        == [("two days", "P2D"), ("a week ago", "2016-W17")]
