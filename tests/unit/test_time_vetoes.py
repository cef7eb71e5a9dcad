"""Wrong times that keep one event apart (issues 14 + 15): tagger and anchoring errors whose time,
stated in a mention's own phrase, vetoes a merge with another report of the same happening.
Invented sentences, one test per error class."""

from __future__ import annotations

import datetime as dt

from eventmap.nlp.temporal import tag

DCT = dt.date(2021, 3, 12)


def _values(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, DCT)]


def test_a_day_of_the_month_is_no_tail_of_a_longer_number() -> None:
    # a headline's age, then the dateline on its own line: no "1 March" out of "81"
    text = "Retired Lighthouse Keeper Dies At 81\nMarch 11, 2021 9:15pm EST\nHe died at home."
    assert ("1\nMarch", "2021-03-01") not in _values(text)
    assert ("March 11, 2021", "2021-03-11") in _values(text)
    assert _values("The ferry sank on 11 March 2021.") == [("11 March 2021", "2021-03-11")]

