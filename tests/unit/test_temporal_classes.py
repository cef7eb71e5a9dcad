"""Temporal tagger, one test group per error class seen on unseen news (issue 15).

Every sentence here is written for these tests; none comes from an evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.nlp.temporal import tag

FEB = dt.date(2013, 2, 14)  # a Thursday in February


def spans(text: str, dct: dt.date | None = FEB) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


# --- a bare month after a future cue is the coming one ----------------------------------------

@pytest.mark.parametrize("text,value", [
    ("The dock strike will last until May, the union said.", "2013-05"),
    ("The union announced that the strike will last until May.", "2013-05"),
    ("Engineers expect the bridge to stay shut until May.", "2013-05"),
    # a participle after the month ("markets untouched by") is not the clause's verb
    ("The carrier will add routes by August in a hunt for markets untouched by the slump.",
     "2013-08"),
    # a headline line break ends the sentence: its verbs do not reach the next line
    ("Ferry operator reported losses\nThe ferry will resume sailing in April.", "2013-04"),
])
def test_bare_month_after_a_future_cue_is_the_coming_one(text: str, value: str) -> None:
    months = [v for _, _, v in spans(text) if len(v) == 7]
    assert months == [value]


def test_bare_month_in_a_past_clause_stays_in_the_past() -> None:
    assert spans("In December, the council voted against the plan.")[0][2] == "2012-12"


# --- sets get set values, not durations -------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("He walks the dog every evening.", "XXXX-XX-XXTEV"),
    ("The bakery opens every morning at six.", "XXXX-XX-XXTMO"),
    ("Patrols pass every night.", "XXXX-XX-XXTNI"),
    ("The choir sings every Sunday morning.", "XXXX-WXX-7TMO"),
    ("The games are held every four years.", "P4Y"),
    ("The buses are serviced once every two weeks.", "P2W"),
    ("The river floods every few years.", "PXY"),
    ("The square fills up every summer.", "XXXX-SU"),
    ("The market runs every weekend.", "XXXX-WXX-WE"),
    ("The fair is held yearly.", "P1Y"),
])
def test_sets(text: str, value: str) -> None:
    ((_, type_, got),) = spans(text)
    assert (type_, got) == ("SET", value)


# --- "N years ago" keeps the unit's precision -------------------------------------------------

def test_years_ago_is_a_year_even_after_a_month() -> None:
    text = "In March the mill closed. It had opened three years ago."
    assert spans(text)[-1] == ("three years ago", "DATE", "2010")


def test_a_year_earlier_after_a_quarter_stays_a_quarter() -> None:
    text = "Profit rose in the third quarter from a loss a year earlier."
    assert spans(text)[-1][2] == "2011-Q3"


# --- a clock time and its day are one expression ----------------------------------------------

@pytest.mark.parametrize("text,expr,value", [
    ("The ferry docked at 09:30 GMT Monday.", "09:30 GMT Monday", "2013-02-11T09:30"),
    ("The probe launched at 14:05 GMT on Tuesday.", "14:05 GMT on Tuesday", "2013-02-12T14:05"),
    ("Voting closes at 8 p.m. EST Feb. 12.", "8 p.m. EST Feb. 12", "2013-02-12T20:00"),
    ("The generator failed at 7 p.m. last night.", "7 p.m. last night", "2013-02-13T19:00"),
    ("Tuesday at 21:15 local time", "Tuesday at 21:15 local time", "2013-02-12T21:15"),
])
def test_clock_time_with_its_day(text: str, expr: str, value: str) -> None:
    assert spans(text) == [(expr, "TIME", value)]


def test_a_bare_clock_reading_is_not_a_time() -> None:
    assert spans("The visitors led 3:16 at halftime.") == []


def test_a_lowercase_word_after_the_time_is_not_a_zone() -> None:
    assert spans("The shelter opened at 7 p.m. and closed at dawn.")[0][0] == "7 p.m."


# --- a month takes the year said later in the same phrase -------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Nobody forgot that March morning in 2009 when the levee broke.", "2009-03"),
    ("That May in 2011 was the wettest on record.", "2011-05"),
    ("On a cold November night of 2004 the mine flooded.", "2004-11"),
])
def test_month_with_its_year_later_in_the_phrase(text: str, value: str) -> None:
    assert spans(text)[0][2] == value


# --- "the past week" names the week; "for the past week" is a duration --------------------------

@pytest.mark.parametrize("text,expected", [
    ("Fuel prices climbed in the past week.", ("the past week", "DATE", "2013-W06")),
    ("The last month was the driest in years.", ("The last month", "DATE", "2013-01")),
    ("Imports doubled in the past year.", ("the past year", "DATE", "2012")),
    ("She has been in hospital for the past week.", ("the past week", "DURATION", "P1W")),
    ("Output fell over the past two weeks.", ("the past two weeks", "DURATION", "P2W")),
])
def test_the_past_week(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text)[0] == expected


# --- vague durations --------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Volunteers searched the hills for days.", ("days", "DURATION", "PXD")),
    ("The hearing lasted hours.", ("hours", "DURATION", "PTXH")),
    ("Crowds waited for hours outside the court.", ("hours", "DURATION", "PTXH")),
    ("The fire was out within minutes.", ("minutes", "DURATION", "PTXM")),
    ("The valley has been farmed for centuries.", ("centuries", "DURATION", "PXCE")),
])
def test_vague_durations(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text) == [expected]


def test_a_unit_in_a_compound_adjective_is_not_a_vague_duration() -> None:
    assert spans("The envoys met in hours-long sessions.") == []


# --- weekdays counted from the day the story is on --------------------------------------------

def test_the_previous_and_the_following_weekday() -> None:
    text = "Talks opened on Jan. 9, 2013. The following Monday they collapsed."
    assert spans(text)[-1] == ("The following Monday", "DATE", "2013-01-14")
    text = "The index ended the week 3% above the previous Friday."
    assert spans(text)[-1] == ("the previous Friday", "DATE", "2013-02-08")


# --- reported future: "would" points forward from the report ---------------------------------

def test_would_in_reported_speech_points_forward() -> None:
    text = "The mayor said on Wednesday that the bridge would reopen on Friday."
    assert spans(text) == [("Wednesday", "DATE", "2013-02-13"), ("Friday", "DATE", "2013-02-15")]


def test_would_have_is_not_a_future_cue() -> None:
    assert spans("The bridge would have reopened on Friday.")[0][2] == "2013-02-08"


# --- "March"/"May" after "for" at the end of a phrase are months ------------------------------

@pytest.mark.parametrize("text", ["The retrial is set for March.",
                                  "The vote, planned for May, was delayed."])
def test_march_and_may_after_for(text: str) -> None:
    assert [t for _, t, _ in spans(text)] == ["DATE"]


def test_may_as_a_name_or_a_verb_stays_untagged() -> None:
    assert spans("Rivals who call for May to resign may be disappointed.") == []


# --- weekday pairs and parts of the day -------------------------------------------------------

def test_weekday_pair_with_one_part_of_day_is_two_sets() -> None:
    assert spans("Night buses run on Friday and Saturday nights.") == [
        ("Friday", "SET", "XXXX-WXX-5TNI"), ("Saturday nights", "SET", "XXXX-WXX-6TNI")]


def test_that_afternoon_is_the_story_day() -> None:
    text = "The levee failed on Jan. 9, 2013. That afternoon, crews arrived."
    assert spans(text)[-1] == ("That afternoon", "TIME", "2013-01-09TAF")
    assert spans("That night the shelter filled.") == [("That night", "TIME", "2013-02-14TNI")]


def test_hyphenated_duration_leaves_the_article_out() -> None:
    assert spans("The three-day summit opens in Oslo.")[0] == ("three-day", "DURATION", "P3D")
    assert spans("The past three days were calm.")[0][0] == "The past three days"


def test_the_verb_right_before_a_month_outweighs_a_later_future_cue() -> None:
    text = "The dam was inspected in November and will reopen in March."
    assert [v for _, _, v in spans(text)] == ["2012-11", "2013-03"]


# --- "a year earlier": the amount in a narrative, the point in a comparison --------------------

@pytest.mark.parametrize("text,expected", [
    ("The mine flooded in 2009. A year earlier, its owners had cut the pumps.",
     ("A year", "DURATION", "P1Y")),
    ("Rescuers reached the village on Jan. 9, 2013. A few days later, the road reopened.",
     ("A few days", "DURATION", "PXD")),
    ("The reservoir was refilled three weeks after the breach.", ("three weeks", "DURATION", "P3W")),
    ("Exports reached $4.2 billion in 2011, up 8% from $3.9 billion a year earlier.",
     ("a year earlier", "DATE", "2010")),
    ("Turnout was 61%, compared with 55% a year earlier.", ("a year earlier", "DATE", "2012")),
    ("The plant closed two years ago.", ("two years ago", "DATE", "2011")),
])
def test_a_year_earlier(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text)[-1] == expected


# --- forward-looking prepositions and present-tense participles --------------------------------

OCT = dt.date(2013, 10, 14)


@pytest.mark.parametrize("text,value", [
    ("The coastal road stays shut until May.", "2014-05"),  # no tense cue: "until" looks ahead
    ("The museum is closed until March.", "2014-03"),  # "is closed" is not a past verb
    ("The coastal road was shut until May.", "2013-05"),
    ("Fares have doubled since November.", "2012-11"),
])
def test_forward_prepositions(text: str, value: str) -> None:
    assert spans(text, OCT)[0][2] == value


def test_quarters_count_in_quarters() -> None:
    assert spans("Sales fell in the past two quarters.") == [
        ("the past two quarters", "DURATION", "P2Q")]
    assert spans("Margins were thinner a quarter ago.")[0] == ("a quarter ago", "DATE", "2012-Q4")


# --- a month with "last year" / "next year" after it ------------------------------------------

MAR = dt.date(2013, 3, 22)  # a Friday


@pytest.mark.parametrize("text,value", [
    ("The dam was closed in April last year.", "2012-04"),
    ("The stadium opens in May next year.", "2014-05"),
    ("The flood peaked on 12 March last year.", "2012-03-12"),
    ("Repairs began in June of last year.", "2012-06"),
])
def test_month_with_last_or_next_year(text: str, value: str) -> None:
    assert spans(text, MAR)[0][2] == value


def test_half_an_hour() -> None:
    assert spans("The crossing takes half an hour.", MAR) == [("half an hour", "DURATION", "PT30M")]


def test_midnight_with_its_day_and_a_present_schedule() -> None:
    assert spans("The truce expires at midnight on Sunday.", MAR) == [
        ("midnight on Sunday", "TIME", "2013-03-24T24:00")]
    assert spans("The festival opens Saturday.", MAR) == [("Saturday", "DATE", "2013-03-23")]


def test_mid_march_is_a_month() -> None:
    assert spans("Fuel prices peaked in mid-March.", MAR) == [("mid-March", "DATE", "2013-03")]


def test_closing_attribution_with_its_own_day_is_not_the_clause_tense() -> None:
    text = "Ferries resume on Monday, the operator said on Thursday."
    assert spans(text, MAR) == [("Monday", "DATE", "2013-03-25"), ("Thursday", "DATE", "2013-03-21")]


def test_scheduled_for_a_weekday_is_the_coming_one() -> None:
    """"is scheduled for Tuesday", "is slated for Friday": a schedule points forward (FEB is a
    Thursday)."""
    assert spans("The council vote is scheduled for Tuesday.") == [("Tuesday", "DATE", "2013-02-19")]
    assert spans("The hearing is slated for Friday.") == [("Friday", "DATE", "2013-02-15")]


# --- a present-tense weekday: a scheduled event in the simple present is the coming one -------

@pytest.mark.parametrize("text,value", [
    ("The two foreign ministers meet Monday in Vienna.", "2013-02-18"),
    ("The envoy travels to Nairobi on Tuesday for talks.", "2013-02-19"),
    ("The home side faces the champions on Saturday.", "2013-02-16"),
    ("The assembly votes on the budget Wednesday.", "2013-02-20"),
    ("The delegation arrives in Oslo on Monday.", "2013-02-18"),
    ("The governor is due in the capital on Tuesday.", "2013-02-19"),
])
def test_present_tense_schedule_verb_before_a_weekday(text: str, value: str) -> None:
    assert [v for _, _, v in spans(text)] == [value]


@pytest.mark.parametrize("text,value", [
    # a past verb is still nearer
    ("The two foreign ministers met Monday in Vienna.", "2013-02-11"),
    # a noun, not a verb ("his visits"), and a stative verb after the date (a relative clause)
    ("His visits on Monday drew crowds.", "2013-02-11"),
    ("The merger follows Tuesday's offer by a rival, which holds a large stake.", "2013-02-12"),
    # an infinitive after "did not" carries no tense of its own
    ("The committee did not meet Monday.", "2013-02-11"),
])
def test_present_schedule_verb_needs_to_be_the_clause_verb(text: str, value: str) -> None:
    assert [v for _, _, v in spans(text)] == [value]


def test_until_a_weekday_without_a_tense_cue_is_the_coming_one() -> None:
    assert spans("Schools remain shut until Tuesday.") == [("Tuesday", "DATE", "2013-02-19")]
    assert spans("Schools were shut until Tuesday.") == [("Tuesday", "DATE", "2013-02-12")]


def test_a_future_cue_after_and_belongs_to_the_next_clause() -> None:
    """"posted a loss on Tuesday and will ...": the date's own verb is the past one before it."""
    text = "The brewer posted a loss on Tuesday and will cut jobs in the spring."
    assert spans(text)[0] == ("Tuesday", "DATE", "2013-02-12")
    # without a verb of its own before it, the later cue still decides
    assert spans("On Friday the brewer will cut jobs.")[0] == ("Friday", "DATE", "2013-02-15")


# --- a clock hour with its part of the day ("4 in the morning", "8 o'clock") ---------------------

@pytest.mark.parametrize("text,expected", [
    ("The ferry sails at 5 in the morning.", ("5 in the morning", "TIME", "2013-02-14T05:00")),
    ("The shelling stopped around 9:30 in the evening.",
     ("9:30 in the evening", "TIME", "2013-02-14T21:30")),
    ("The rally begins at 7 o'clock.", ("7 o'clock", "TIME", "2013-02-14T07:00")),
    ("Sirens sounded at 11 at night.", ("11 at night", "TIME", "2013-02-14T23:00")),
    ("The convoy left at 6 in the morning on Monday.",
     ("6 in the morning on Monday", "TIME", "2013-02-11T06:00")),
])
def test_clock_hour_with_part_of_day(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text) == [expected]


def test_a_count_before_in_the_morning_is_not_a_clock_time() -> None:
    assert spans("The team scored 3 in the morning session.") == []


# --- "year-ago results", "year-earlier profit": the compared period, which the story does not move to

def test_prenominal_year_ago_is_the_compared_period() -> None:
    text = ("The brewer earned $4 million in the third quarter, against year-earlier profit of "
            "$6 million. The year-ago results included a charge.")
    assert spans(text) == [("the third quarter", "DATE", "2012-Q3"),
                           ("year-earlier", "DATE", "2011-Q3"), ("year-ago", "DATE", "2011-Q3")]
    # with no reporting period before it, the year before the story's
    assert spans("The year-ago figures were restated.") == [("year-ago", "DATE", "2012")]


def test_a_compared_year_does_not_become_the_reference() -> None:
    """Two comparisons with "a year earlier" in a row both name the same year."""
    text = ("Sales rose to $9 million in the second quarter from $7 million a year earlier. "
            "Costs also climbed from a year earlier.")
    assert [v for _, _, v in spans(text)] == ["2012-Q2", "2011-Q2", "2011-Q2"]
    text = "Profit fell in 2011 compared with a year earlier. The next year it recovered."
    assert [v for _, _, v in spans(text)] == ["2011", "2010", "2012"]


@pytest.mark.parametrize("text", [
    "It was below the year-earlier $3 million.",      # the amount is the compared thing
    "The year-earlier nine months were weaker.",     # the duration is the expression
])
def test_year_earlier_before_an_amount_is_not_a_date(text: str) -> None:
    assert all(v != "2012" and not v.startswith("2011") for _, _, v in spans(text))


# --- "last Oct. 23", "the week of March 6", "next year's first quarter": one date each -----------

@pytest.mark.parametrize("text,expected", [
    ("The pier burned down last Oct. 23 during a storm.", ("Oct. 23", "DATE", "2012-10-23")),
    ("The pier reopened last Jan. 9.", ("Jan. 9", "DATE", "2013-01-09")),
    ("The runoff is planned for next March 3.", ("March 3", "DATE", "2014-03-03")),
    ("The runoff is planned for next June 3.", ("June 3", "DATE", "2013-06-03")),
])
def test_last_or_next_before_a_month_day(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text, MAR) == [expected]


def test_the_week_of_a_day_is_that_week() -> None:
    assert spans("The trial should open the week of April 8.", MAR) == [
        ("the week of April 8", "DATE", "2013-W15")]
    assert spans("Tickets go on sale the week of Jan. 6, 2014.", MAR) == [
        ("the week of Jan. 6, 2014", "DATE", "2014-W02")]


def test_a_years_quarter_is_one_quarter() -> None:
    assert spans("The merger may close in next year's second quarter.", MAR) == [
        ("next year's second quarter", "DATE", "2014-Q2")]
    assert spans("Last year's fourth quarter was the weakest.", MAR) == [
        ("Last year's fourth quarter", "DATE", "2012-Q4")]
    # "last year's results" keeps "last year"
    assert spans("Last year's results were restated.", MAR) == [("Last year", "DATE", "2012")]


def test_a_day_that_year_takes_the_year_the_text_gave() -> None:
    # "on 25 June that year" in a report written two years on: the year told before, not the dct's.
    text = "The ferry company was founded in 2009. Its first boat sank on 14 June that year."
    got = [(t.text, t.value) for t in tag(text, dt.date(2011, 10, 26))]
    assert ("14 June", "2009-06-14") in got and ("that year", "2009") in got
    text = "The mill opened in 1998. It flooded in March of the same year."
    assert ("March", "1998-03") in [(t.text, t.value) for t in tag(text, dt.date(2011, 10, 26))]
