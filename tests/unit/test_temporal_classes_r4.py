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
