"""The date a paragraph carries from sentence to sentence (no model needed)."""

from __future__ import annotations

from eventmap.models import Timex
from eventmap.nlp.anchoring import Carry, last_date


def _year(value: str) -> Timex:
    return Timex(value, 0, 4, "DATE", value, f"{value}-01-01", f"{value}-12-31", "year")


def test_a_stated_date_carries_to_the_next_sentences() -> None:
    carry = Carry()
    carry.passed([_year("1961")])
    assert carry.at("The levee broke the same night.") == _year("1961")
    carry.passed([])
    assert carry.at("Thousands fled to the hills.") == _year("1961")


def test_a_sentence_that_moves_to_another_time_drops_the_carried_date() -> None:
    carry = Carry()
    carry.passed([_year("1961")])
    assert carry.at("In the following years, the town rebuilt its harbour.") is None
    carry.passed([])
    assert carry.at("The council joined a regional water board.") is None  # nor the ones after it
    carry.passed([_year("1999")])
    assert carry.at("Decades later, a new dam was planned.") is None


def test_a_new_paragraph_starts_undated() -> None:
    carry = Carry()
    carry.passed([_year("2003")])
    carry.new_paragraph()
    assert carry.at("Farmers protested.") is None


def test_a_clock_time_carries_its_day() -> None:
    t = Timex("3 p.m. on May 2, 2024", 0, 20, "TIME", "2024-05-02T15:00", "2024-05-02T15:00",
              "2024-05-02T15:00", "time")
    day = last_date([t])
    assert (day.type, day.value, day.granularity) == ("DATE", "2024-05-02", "day")


def _since(year: str, start: int) -> Timex:
    return Timex(year, start, start + 4, "DATE", year, f"{year}-01-01", "2024-12-03", "year", mod="AFTER")


class _Trigger:
    """What ``anchor`` reads of a token: its offset, text, place in the parse and its phrase (itself
    here: the root of its sentence)."""

    def __init__(self, idx: int) -> None:
        self.idx, self.text, self.i, self.dep_ = idx, "declared", 0, "ROOT"
        self.head = self

    @property
    def subtree(self) -> list[_Trigger]:
        return [self]

    sent = subtree  # a one-word sentence

    @property
    def ancestors(self) -> list[_Trigger]:
        return []


def test_a_bound_dates_an_event_only_when_nothing_else_does() -> None:
    """"On December 3 the president declared martial law for the first time since 1980": the
    declaration is of December 3; "since 1980" only bounds a span."""
    from eventmap.nlp.anchoring import anchor

    day = Timex("December 3", 3, 13, "DATE", "2024-12-03", "2024-12-03", "2024-12-03", "day")
    bound = _since("1980", 80)
    assert anchor(_Trigger(60), [day, bound], None) == (day, False)
    assert anchor(_Trigger(60), [bound], None) == (bound, False)


def test_a_bound_is_not_carried_to_the_next_sentences() -> None:
    carry = Carry()
    carry.passed([_since("2006", 40)])
    assert carry.at("Sanctions followed.") is None
