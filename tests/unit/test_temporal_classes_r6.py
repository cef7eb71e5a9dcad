"""Temporal tagger, sixth round of error classes (from a blind set of invented news).

Every sentence here is written for these tests; none comes from an evaluation corpus or fixture.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.nlp.temporal import tag

TUE = dt.date(2023, 10, 24)  # a Tuesday in late October
THU = dt.date(2023, 11, 16)  # a Thursday in November


def values(text: str, dct: dt.date | None = TUE) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


# --- a duration of two units is one amount -------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The winner crossed the line after 41 minutes and 7 seconds.", "41 minutes and 7 seconds",
     "PT41M7S"),
    ("The final went on for four hours and 25 minutes.", "four hours and 25 minutes", "PT4H25M"),
    ("He served six years and two months of the sentence.", "six years and two months", "P6Y2M"),
    ("The rescue took 2 days 5 hours.", "2 days 5 hours", "P2DT5H"),
])
def test_two_units_make_one_duration(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


def test_a_larger_second_unit_is_two_durations() -> None:
    assert values("It took 15 minutes and 3 hours.") == [("15 minutes", "PT15M"), ("3 hours", "PT3H")]


# --- "a second" as an ordinal, "Future" in a name, a count after "from ... to" -------------------

def test_a_second_after_is_an_ordinal() -> None:
    assert values("Patients get one jab at first and a second after eight weeks.") == [
        ("eight weeks", "P8W")]


@pytest.mark.parametrize("text", [
    "The grant came from the Regional Growth Future Fund.",
    "Future Holdings shares slipped.",
])
def test_future_in_a_name_is_no_reference(text: str) -> None:
    assert values(text) == []


def test_future_starting_a_sentence_is_still_a_reference() -> None:
    assert values("Future talks were called off.") == [("Future", "FUTURE_REF")]


def test_a_count_after_to_is_no_short_year() -> None:
    assert values("Closures rose from three in 2019 to 27 last year.") == [
        ("2019", "2019"), ("last year", "2022")]


def test_a_dashed_short_year_stays_a_year() -> None:
    assert [v for _, v in values("Output fell in 2019-21.")] == ["2019", "2021"]


# --- holidays: Bonfire Night; "ahead of", "the run-up to" look forward ---------------------------

def test_bonfire_night() -> None:
    assert values("Fireworks sales peaked on Bonfire Night 2021.") == [
        ("Bonfire Night 2021", "2021-11-05")]


@pytest.mark.parametrize("text,value", [
    ("Police issued a safety notice ahead of Halloween.", "2023-10-31"),
    ("Police issued a safety notice ahead of Halloween and Bonfire Night.", "2023-11-05"),
    ("Shops were busy in the run-up to Christmas, the survey found.", "2023-12-25"),
])
def test_ahead_of_a_holiday_is_the_coming_one(text: str, value: str) -> None:
    assert values(text)[-1][1] == value


def test_ahead_of_a_holiday_long_past_is_the_last_one() -> None:
    # in January, a report about trade ahead of Christmas is about the Christmas just gone
    assert values("Toy sales slumped ahead of Christmas, retailers said.", dt.date(2024, 1, 22)) == [
        ("Christmas", "2023-12-25")]


# --- weekends: "this weekend" is the current week's; "before the weekend" the coming one ---------

@pytest.mark.parametrize("text,span,value", [
    ("Heavy rain may reach the valley this weekend.", "this weekend", "2023-W46-WE"),
    ("Lawmakers must agree a deal before the weekend.", "the weekend", "2023-W46-WE"),
    ("Dealers cut positions ahead of the weekend.", "the weekend", "2023-W46-WE"),
    ("The storm hit the coast over the weekend.", "the weekend", "2023-W45-WE"),
])
def test_weekends(text: str, span: str, value: str) -> None:
    assert values(text, THU) == [(span, value)]


# --- quarters named by their months, report halves, "the end of the decade" ----------------------

@pytest.mark.parametrize("text,span,value", [
    ("Net profit doubled in the July-September quarter.", "the July-September quarter", "2023-Q3"),
    ("Sales in the October-December quarter of 2021 fell.", "the October-December quarter of 2021",
     "2021-Q4"),
    ("The plant will double output by H2 2025.", "H2 2025", "2025-H2"),
])
def test_quarters_and_halves_by_name(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


def test_months_that_are_no_quarter_stay_months() -> None:
    assert [v for _, v in values("Rain fell in the June-August quarter.")] != ["2023-Q3"]


def test_the_end_of_the_decade_before_a_clause() -> None:
    assert values("It will be the end of the decade before the line opens.") == [
        ("end of the decade", "202")]


def test_the_last_decade_has_no_x() -> None:
    assert values("Prices doubled in the last decade.") == [("the last decade", "201")]


# --- a month as a reporting period: "data for April is due on Tuesday" ---------------------------

@pytest.mark.parametrize("text,dct,value", [
    ("Factory output data for September is due on Friday.", dt.date(2023, 10, 24), "2023-09"),
    ("Retail sales for December will be published next week.", dt.date(2024, 1, 15), "2023-12"),
    ("Its export figures for March are due on April 9.", dt.date(2024, 3, 28), "2024-03"),
    ("Trade figures for May are due on June 12.", dt.date(2024, 5, 30), "2024-05"),
])
def test_a_reported_month_has_begun(text: str, dct: dt.date, value: str) -> None:
    assert values(text, dct)[0][1] == value


def test_may_the_modal_stays_untagged() -> None:
    assert values("Officials said the figures for may change next week.")[:1] != [("may", "2023-05")]


# --- an infinitive after a directive, waiting for a day, a warning for one: forward --------------

@pytest.mark.parametrize("text,value", [
    ("The judge ordered him to report to prison by March 2.", "2024-03-02"),
    ("Ministers urged the unions to resume talks on Friday.", "2023-10-27"),
    ("The council voted last night to close the bridge from December 4.", "2023-12-04"),
    ("Investors are waiting for the jobs report on Friday.", "2023-10-27"),
    ("Forecasters issued a frost warning for Thursday.", "2023-10-26"),
    ("An amber alert is in place through Saturday.", "2023-10-28"),
    ("The dividend is payable after the annual meeting in February.", "2024-02"),
])
def test_forward_cues(text: str, value: str) -> None:
    assert values(text)[-1][1] == value


def test_expected_to_points_to_a_coming_quarter() -> None:
    text = "The firm said it expected margins to recover in the third quarter."
    assert values(text, dt.date(2024, 3, 11)) == [("the third quarter", "2024-Q3")]


@pytest.mark.parametrize("text,value", [
    # the date between the verb and its infinitive is the verb's own: a past agreement
    ("The airline agreed in June to buy two jets.", "2023-06"),
    ("Shareholders voted on Monday to replace the board.", "2023-10-23"),
    # "waiting to be seen" waits for nothing on a date
    ("Some 5,000 people were waiting to be seen at the end of August.", "2023-08"),
    # "the order to" is a noun's: no directive verb
    ("The mill shut after the order to stop work on October 2.", "2023-10-02"),
])
def test_no_forward_cue(text: str, value: str) -> None:
    assert values(text)[-1][1] == value


# --- the day of a clock time with none of its own ------------------------------------------------

def test_a_plan_named_before_is_no_day_for_a_clock_time() -> None:
    text = "Building permits are due on Friday.  The index was up 1.1% by midday."
    assert values(text) == [("Friday", "2023-10-27"), ("midday", "2023-10-24T12:00")]


def test_a_day_gone_is_no_day_for_a_coming_clock_time() -> None:
    text = "The river peaked on Sunday.  Officials said they would decide by 6 p.m. whether to reopen."
    assert values(text)[-1] == ("6 p.m.", "2023-10-24T18:00")


def test_since_a_clock_time_is_today() -> None:
    text = "Crews left on Monday night.  Villagers have had alerts every hour since 5am."
    assert values(text)[-1] == ("5am", "2023-10-24T05:00")


def test_the_day_of_the_sentence_before_outlives_a_year() -> None:
    text = ("The minister will unveil the budget on Thursday, after two delays earlier this year.\n\n"
            "She is expected to speak shortly after 11:30 BST.")
    assert values(text)[-1] == ("11:30 BST", "2023-10-26T11:30")


def test_a_day_after_a_clock_range_is_both_ends() -> None:
    assert values("The hall opens from 9 a.m. to 2 p.m. on Saturday.") == [
        ("9 a.m.", "2023-10-28T09:00"), ("2 p.m. on Saturday", "2023-10-28T14:00")]


# --- "until" / "through" a date after a past verb: the nearer one --------------------------------

@pytest.mark.parametrize("text,value", [
    ("The suspect was bailed until December 14.", "2023-12-14"),
    ("Forecasters said the heat was set to last through Thursday.", "2023-10-26"),
    ("The gallery was shut until Monday, staff said.", "2023-10-23"),
    ("She lived in Lisbon until March.", "2023-03"),
])
def test_until_a_date_is_the_nearer_one(text: str, value: str) -> None:
    assert values(text)[-1][1] == value


# --- a quarter forecast looks ahead; a cue past "that" is another clause's -----------------------

@pytest.mark.parametrize("text,span,value", [
    ("The broker lifted its Q4 copper forecast.", "Q4", "2024-Q4"),
    ("The group kept its third-quarter guidance.", "third-quarter", "2024-Q3"),
    ("Q4 sales rose 3%.", "Q4", "2023-Q4"),
])
def test_a_quarter_forecast_is_to_come(text: str, span: str, value: str) -> None:
    assert values(text, dt.date(2024, 2, 20)) == [(span, value)]


def test_a_cue_past_that_belongs_to_the_reported_clause() -> None:
    text = "The ministers said after a call on Monday that they would cut output."
    assert values(text) == [("Monday", "2023-10-23")]


# --- years later than a year the text gave: a point ----------------------------------------------

def test_years_later_than_a_year_is_that_year() -> None:
    text = "The band formed in 1994 and released its first album three years later."
    assert values(text) == [("1994", "1994"), ("three years later", "1997")]


def test_days_later_stay_an_amount() -> None:
    assert values("The ship sank in 1994. Five days later, divers found it.")[-1] == (
        "Five days", "P5D")


# --- "cut", "hit", "put", "shut" with an object: a past verb -------------------------------------

@pytest.mark.parametrize("text,value", [
    ("The central bank cut rates on September 14 and meets again on November 2.", "2023-09-14"),
    ("The storm, which hit Florida on August 30, is expected to weaken.", "2023-08-30"),
])
def test_a_past_that_is_its_present(text: str, value: str) -> None:
    assert values(text)[0][1] == value


@pytest.mark.parametrize("text,value", [
    ("The central bank will cut rates in March.", "2024-03"),
    ("Markets priced in a rate cut in December.", "2023-12"),
])
def test_a_modal_or_a_noun_cut_is_no_past(text: str, value: str) -> None:
    assert values(text)[0][1] == value


def test_a_directive_after_the_date_is_the_date_of_the_asking() -> None:
    assert values("Jurors on Monday asked to hear the tape again.") == [("Monday", "2023-10-23")]
