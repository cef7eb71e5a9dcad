"""Temporal tagger, fifth round of error classes on unseen news.

Every sentence here is written for these tests; none comes from an evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.nlp.temporal import tag

WED = dt.date(2017, 3, 15)  # a Wednesday in March


def values(text: str, dct: dt.date | None = WED) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


# --- how long a thing has lasted: "the 8-month-old truce" ----------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("Gunmen broke the 11-day-old truce near the border.", "11-day-old", "P11D"),
    ("A two-week-old strike has closed the harbour.", "two-week-old", "P2W"),
    ("The three-month-old blockade of the city goes on.", "three-month-old", "P3M"),
])
def test_an_old_thing_is_a_duration(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


@pytest.mark.parametrize("text", [
    "A 37-year-old farmer was arrested at the scene.",
    "The 70-year-old treaty was signed again.",  # years: an age, as TimeBank has it
    "Her 9-month-old daughter was unhurt.",
    "The 10-day-old baby was taken to hospital.",
    "The 5-week-old was treated for smoke inhalation.",
])
def test_an_age_is_no_duration(text: str) -> None:
    assert values(text) == []


# --- "five consecutive quarters": a count of units with an adjective between ---------------------

@pytest.mark.parametrize("text,span,value", [
    ("The chain has lost money for four consecutive quarters.", "four consecutive quarters",
     "P4Q"),
    ("Exports fell for two straight years.", "two straight years", "P2Y"),
    ("Rescuers dug for three full days.", "three full days", "P3D"),
    ("The vote came after six successive weeks of protest.", "six successive weeks", "P6W"),
])
def test_a_count_of_straight_units_is_one_duration(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


# --- "the fall" that is a drop or a collapse is no season ----------------------------------------

@pytest.mark.parametrize("text", [
    "The fall of the old regime surprised the envoys.",
    "Since the fall of the capital, the rebels have regrouped.",
    "The fall in copper prices hit the miners.",
    "Exporters welcomed the fall in the currency.",
    "The junior clerk became the fall guy for the losses.",
    "The fall from grace was swift.",
])
def test_a_fall_that_is_a_drop_is_no_season(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize("text,span,value", [
    ("The museum will reopen in the fall.", "the fall", "2017-FA"),
    ("Voters will decide in the fall in a referendum.", "the fall", "2017-FA"),
    ("The harvest was poor in the fall of 2014.", "the fall of 2014", "2014-FA"),
])
def test_the_season_fall_is_kept(text: str, span: str, value: str) -> None:
    assert values(text) == [(span, value)]


# --- a schedule: "is set for Friday", "the summit ends Friday" point forward ---------------------

@pytest.mark.parametrize("text,value", [
    ("The final vote is set for Friday.", "2017-03-17"),
    ("The appeal hearing is set for Feb. 20.", "2018-02-20"),
    ("The trade fair ends on Saturday.", "2017-03-18"),
    ("The peace conference concludes Thursday in Oslo.", "2017-03-16"),
])
def test_a_schedule_points_forward(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_past_ending_stays_past() -> None:
    assert values("The trade fair ended on Saturday.") == [("Saturday", "2017-03-11")]


# --- an aim or a likelihood told in the present points forward -----------------------------------

@pytest.mark.parametrize("text,value", [
    ("Negotiators hope to sign the accord Friday.", "2017-03-17"),
    ("The union threatens to walk out on Monday.", "2017-03-20"),
    ("A verdict is likely Thursday.", "2017-03-16"),
    ("Memorial services are scheduled Saturday in the town hall.", "2017-03-18"),
])
def test_an_aim_or_a_likelihood_points_forward(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_past_aim_keeps_the_past_day() -> None:
    assert values("The union threatened to walk out on Monday.") == [("Monday", "2017-03-13")]


# --- a present copula right before a day: "the deadline is Friday" ------------------------------

@pytest.mark.parametrize("text,value", [
    ("The filing deadline is Friday.", "2017-03-17"),
    ("The memorial is on Sunday.", "2017-03-19"),
    ("Officials said the deadline is Monday.", "2017-03-20"),
    ("The anniversary is April 2.", "2017-04-02"),
])
def test_a_day_after_is_is_to_come(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_a_day_after_was_has_passed() -> None:
    assert values("The filing deadline was Friday.") == [("Friday", "2017-03-10")]


# --- the verb of the day's own clause outranks a cue past a comma -------------------------------

def test_the_own_clause_verb_outranks_a_cue_past_a_comma() -> None:
    assert values("The envoy, who flies to Rome on Friday, said she was hopeful.") == [
        ("Friday", "2017-03-17")]
    assert values("The envoy, who flew to Rome on Friday, says she is hopeful.") == [
        ("Friday", "2017-03-10")]


def test_a_cue_past_a_comma_still_counts_without_an_own_verb() -> None:
    # no verb of its own before the day: the report's tense after the comma decides
    assert values("On Friday, the envoy flew to Rome.") == [("Friday", "2017-03-10")]
    assert values("On Friday, the envoy will fly to Rome.") == [("Friday", "2017-03-17")]


# --- a plural subject's present schedule: "voters go to the polls Sunday" -----------------------

@pytest.mark.parametrize("text,value", [
    ("Voters go to the polls Sunday in a snap election.", "2017-03-19"),
    ("Polls open Sunday at dawn.", "2017-03-19"),
    ("Three officers go on trial Monday.", "2017-03-20"),
    ("The peace talks begin Thursday in Vienna.", "2017-03-16"),
    ("Their hunger strikes end Friday.", "2017-03-17"),
])
def test_a_plural_present_schedule_points_forward(text: str, value: str) -> None:
    assert [v for _, v in values(text)][:1] == [value]


def test_an_open_shop_or_a_past_end_stays_past() -> None:
    assert values("The shops were open Sunday.") == [("Sunday", "2017-03-12")]
    assert values("The peace talks ended Thursday.") == [("Thursday", "2017-03-09")]


# --- a year by its last two digits: "in '96" -----------------------------------------------------

@pytest.mark.parametrize("text,dct,expected", [
    ("The club last won the cup in '94.", WED, [("'94", "1994")]),
    ("She has coached the side since '09.", WED, [("'09", "2009")]),
    ("Output fell from '91 to '93.", WED, [("'91", "1991"), ("'93", "1993")]),
    ("The lease runs until '02.", dt.date(1998, 6, 1), [("'02", "2002")]),
])
def test_a_two_digit_year_after_a_preposition(text: str, dct: dt.date,
                                              expected: list[tuple[str, str]]) -> None:
    assert values(text, dct) == expected


def test_a_decade_or_a_quoted_title_is_no_short_year() -> None:
    assert values("Music of the '70s filled the hall.") == [("'70s", "197X")]
    assert values("He appeared on ''48 Hours'' once.") == []


# --- a plan told as first made and since changed: "was originally scheduled to ... in September" ---

def test_an_original_plan_is_no_future_cue() -> None:
    # DCT Wednesday 15 March 2017: the plan's September is last year's, the nearer one
    assert values("The bridge was originally scheduled to open in September.") == [("September", "2016-09")]
    assert values("The trials were initially due to finish in January.") == [("January", "2017-01")]
    # a plan with no such word keeps pointing forward
    assert values("The bridge was scheduled to open in September.") == [("September", "2017-09")]


def test_a_reduced_relative_of_expectation_points_forward() -> None:
    # DCT Wednesday 15 March 2017: "a meeting ..., expected on Monday" is the coming Monday
    meeting = "Diplomats have requested a closed-door meeting, expected on Monday."
    assert values(meeting) == [("Monday", "2017-03-20")]
    assert values("The ruling, expected Friday, could reshape the market.") == [("Friday", "2017-03-17")]
    assert values("Shares fell on Monday, as expected.") == [("Monday", "2017-03-13")]
