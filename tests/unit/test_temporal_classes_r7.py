"""Temporal tagger, seventh round of error classes (from a second blind set of invented news).

Every sentence here is written for these tests; none comes from an evaluation corpus or fixture.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.nlp.temporal import tag

TUE = dt.date(2023, 10, 24)  # a Tuesday in late October
MAY = dt.date(2019, 5, 14)  # a Tuesday in mid-May


def values(text: str, dct: dt.date | None = TUE) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


# --- a race time of three units is one amount ----------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("She won the hill race in 1 hour 12 minutes 9 seconds.", "1 hour 12 minutes 9 seconds",
     "PT1H12M9S"),
    ("The yacht's crossing took 2 days 6 hours 40 minutes.", "2 days 6 hours 40 minutes",
     "P2DT6H40M"),
])
def test_three_units_make_one_duration(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


def test_units_out_of_order_stay_apart() -> None:
    assert values("It took 20 minutes 2 hours 5 seconds.") == [
        ("20 minutes", "PT20M"), ("2 hours 5 seconds", "PT2H5S")]


# --- "that fall on" after a plural is the verb ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Deliveries that fall on a bank holiday are made late.",
    "Claims that fall outside the scheme are refused.",
])
def test_a_plural_that_fall_is_a_verb(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "The mill closed that fall on short notice.",
    "It was cold that fall on the farm.",
])
def test_that_fall_after_a_verb_stays_a_season(text: str) -> None:
    assert values(text) == [("that fall", "2023-FA")]


# --- a season told ahead is the coming one -------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("The new line will open in the spring.", "2024-SP"),
    ("The savings should reach shoppers by the summer.", "2024-SU"),
    ("Repairs are to finish before the spring.", "2024-SP"),
])
def test_a_season_gone_by_with_a_forward_cue_is_next_years(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_season_gone_by_in_the_past_stays_this_years() -> None:
    assert values("Prices rose sharply in the summer.") == [("the summer", "2023-SU")]


def test_the_current_season_with_a_forward_cue_stays() -> None:
    assert values("Work will slow in the summer.", dt.date(2023, 7, 10)) == [("the summer", "2023-SU")]


# --- "every Christmas Day": a holiday in every year is a set -------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The keeper has opened the gates every New Year's Day since 1990.", "every New Year's Day",
     "XXXX-01-01"),
    ("Each Halloween the square fills with lanterns.", "Each Halloween", "XXXX-10-31"),
    ("The band plays in the park every Easter.", "every Easter", "P1Y"),
])
def test_every_holiday_is_a_set(text: str, span: str, value: str) -> None:
    out = [(t.text, t.type, t.value) for t in tag(text, TUE)]
    assert out[0] == (span, "SET", value)


def test_a_holiday_alone_is_still_a_date() -> None:
    assert values("The shop stayed open on Boxing Day.") == [("Boxing Day", "2022-12-26")]


# --- a clock time and a day written before its month are one expression --------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The appeal will be heard at 2pm on 9 November.", "2pm on 9 November", "2023-11-09T14:00"),
    ("Gates open at 8.30am on 3rd of March 2024.", "8.30am on 3rd of March 2024",
     "2024-03-03T08:30"),
    ("The vote closes at 17:00 on 30 October.", "17:00 on 30 October", "2023-10-30T17:00"),
])
def test_a_clock_time_on_a_day_month_is_one_time(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


# --- a modal of likelihood looks ahead (not for a weekday) ---------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Officials said the road could reopen in January.", "2024-01"),
    ("The board might approve the budget in December.", "2023-12"),
    ("Analysts warned that the shortage may last until February.", "2024-02"),
])
def test_a_modal_puts_a_near_month_ahead(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_modal_with_have_looks_back() -> None:
    assert values("The fire could have started in September.") == [("September", "2023-09")]


def test_a_modal_is_no_cue_for_a_weekday() -> None:
    # "said Sunday ... could": the Sunday of the report, not the coming one
    assert values("The minister said Sunday that talks could resume soon.")[0] == (
        "Sunday", "2023-10-22")


def test_a_modal_puts_a_holiday_ahead() -> None:
    assert values("Shoppers could face empty shelves at Christmas.") == [("Christmas", "2023-12-25")]


# --- "the previous quarter" after a quarter is the one before it ---------------------------------

def test_the_previous_quarter_counts_from_the_quarter_named() -> None:
    assert values("Exports rose 2 percent in the second quarter from the previous quarter.", MAY) == [
        ("the second quarter", "2019-Q2"), ("the previous quarter", "2019-Q1")]


def test_the_prior_quarter_counts_from_the_quarter_named() -> None:
    assert values("Sales fell in the first quarter. In the prior quarter they had risen.", MAY) == [
        ("the first quarter", "2019-Q1"), ("the prior quarter", "2018-Q4")]


def test_the_story_stays_in_its_quarter_after_the_previous_one() -> None:
    out = values("Orders grew in the first quarter from the preceding quarter. During the quarter, "
                 "the firm hired 40 staff.", MAY)
    assert out == [("the first quarter", "2019-Q1"), ("the preceding quarter", "2018-Q4"),
                   ("the quarter", "2019-Q1")]


def test_the_previous_quarter_with_no_quarter_before_is_the_dct_ones() -> None:
    assert values("Margins were thin in the previous quarter.", MAY) == [
        ("the previous quarter", "2019-Q1")]


# --- an expectation held now looks ahead ---------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Most traders expect a rebound in the third quarter.", "2019-Q3"),
    ("The agency predicts a wet spell in the fourth quarter.", "2019-Q4"),
])
def test_a_present_expectation_puts_a_quarter_ahead(text: str, value: str) -> None:
    assert [v for _, v in values(text, MAY)] == [value]


def test_an_expectation_puts_a_weekday_ahead() -> None:
    assert values("Brokers expect the figures on Friday.") == [("Friday", "2023-10-27")]


# --- a present schedule: "go on sale" ------------------------------------------------------------

def test_tickets_go_on_sale_on_a_coming_day() -> None:
    assert values("Season tickets go on sale Thursday.") == [("Thursday", "2023-10-26")]


def test_tickets_that_went_on_sale_stay_past() -> None:
    assert values("Season tickets went on sale Thursday.") == [("Thursday", "2023-10-19")]


# --- "starting" / "effective" before a date: the start of what was announced ---------------------

@pytest.mark.parametrize("text,value", [
    ("The union agreed to a pay deal effective Nov. 1.", "2023-11-01"),
    ("The park announced new hours starting Saturday.", "2023-10-28"),
    ("Rebels declared a truce beginning at 6 a.m. on Friday.", "2023-10-27T06:00"),
])
def test_a_start_after_an_announcement_lies_ahead(text: str, value: str) -> None:
    assert [v for _, v in values(text)][-1] == value


def test_was_effective_stays_past() -> None:
    assert values("The cut was effective Oct. 2.") == [("Oct. 2", "2023-10-02")]


# --- "spent the past week" says how long ---------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Engineers have spent the past week testing the pumps.", "P1W"),
    ("She spent the last month on the road.", "P1M"),
])
def test_spent_the_past_unit_is_a_duration(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_in_the_past_week_is_still_the_week() -> None:
    assert values("Prices climbed in the past week.") == [("the past week", "2023-W42")]


# --- "would take effect": the base form of a forward verb ----------------------------------------

@pytest.mark.parametrize("text,value", [
    ("The ministers said the new tariff would take effect on Jan. 1.", "2024-01-01"),
    ("The accord is expected to enter into force in April.", "2024-04"),
])
def test_taking_effect_lies_ahead(text: str, value: str) -> None:
    assert [v for _, v in values(text, dt.date(2023, 7, 3))] == [value]


def test_a_rule_that_did_not_take_effect_stays_past() -> None:
    assert values("The levy did not take effect until March.", dt.date(2023, 7, 3)) == [
        ("March", "2023-03")]


# --- "are open on Saturday": a present copula and an adjective before a day ----------------------

def test_a_present_copula_and_adjective_put_a_day_ahead() -> None:
    assert values("Extra buses are available on Thursday.") == [("Thursday", "2023-10-26")]


def test_a_past_copula_and_adjective_keep_a_day_past() -> None:
    assert values("Extra buses were available on Thursday.") == [("Thursday", "2023-10-19")]


# --- a weekday coordinated with one before it points the same way --------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Spare slots are open on Friday and Sunday.", [("Friday", "2023-10-27"), ("Sunday", "2023-10-29")]),
    ("Crews worked on Saturday and Sunday.", [("Saturday", "2023-10-21"), ("Sunday", "2023-10-22")]),
])
def test_a_coordinated_weekday_follows_the_first(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


# --- a passive past right before a month: the month is gone, even when it is near ahead ----------

@pytest.mark.parametrize("text,value", [
    ("The coach, who was appointed in December, kept the squad.", "2022-12"),
    ("The merger was approved on Dec. 12 by both boards.", "2022-12-12"),
])
def test_a_passive_past_puts_a_near_month_behind(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_planned_passive_may_still_lie_ahead() -> None:
    assert values("A ruling was expected in December.") == [("December", "2023-12")]
