"""The main-event benchmark's slot metrics (benchmarks/_main_event_metric.py): content-word F1 and the
interval rule for "when". No model needed."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from _main_event_metric import (  # noqa: E402
    best_f1,
    content_words,
    f1,
    period,
    scorable,
    text_hit,
    when_hit,
)


def test_content_words_drop_stop_words_punctuation_and_plural_s() -> None:
    words = content_words("The ferry's crew rescued 40 passengers -LRB- and two dogs -RRB- on the lake.")
    assert words == {"ferry": 1, "crew": 1, "rescued": 1, "40": 1, "passenger": 1, "dog": 1,
                     "lake": 1}
    assert content_words("Troops") == content_words("troop")
    assert content_words("the parties") == {"party": 1}
    assert content_words("He was there with them.") == {}


def test_content_words_keep_us_and_join_dotted_acronyms() -> None:
    expected = {"usa": 1, "envoy": 1}
    assert content_words("U.S. envoy") == content_words("US envoy") == content_words("USA envoy") == expected
    assert content_words("tell us") == {"tell": 1}


def test_f1_compares_multisets() -> None:
    assert f1("Harbour pilots strike in Rotterdam", "pilots strike at Rotterdam harbour") == 1.0
    # system: harbour pilot strike; gold: pilot strike strike -> common pilot, strike
    assert f1("harbour pilots strike", "pilots strike, strike") == pytest.approx(2 / 3)
    assert f1("", "pilots strike") == 0.0
    assert f1("the of and", "the of and") == 0.0


def test_hit_needs_f1_of_one_half_with_some_gold_answer() -> None:
    gold = ["the mayor of Lisbon", "Carla Mendes"]
    assert text_hit(["Mayor Carla Mendes"], gold)  # 2 of 3 words against "Carla Mendes": F1 0.8
    assert not text_hit(["the city council"], gold)
    # two words, one shared with a two-word gold: P = R = 0.5 -> F1 0.5, a hit
    assert text_hit(["Lisbon council"], ["Lisbon mayor"])
    assert not text_hit(["Lisbon city council"], ["Lisbon mayor"])  # F1 0.4
    assert best_f1(["", "mayor"], gold) == pytest.approx(2 / 3)


def test_gold_without_content_words_is_not_scorable() -> None:
    assert not scorable(["he", "them"])
    assert scorable(["he", "the tram driver"])
    assert not scorable([])


def test_when_the_gold_day_inside_the_interval() -> None:
    day = dt.date(2021, 3, 14)
    assert when_hit(day, "2021-03-14", "2021-03-14")
    assert not when_hit(day, "2021-03-13", "2021-03-13")
    assert when_hit(day, "2021-03-01", "2021-03-31")
    assert when_hit(day, "2021-03")  # a month answer covers the month
    assert when_hit(day, "2021")
    assert not when_hit(day, "2020-12-01", "2021-03-13")
    assert when_hit(day, "2021-03-14T09:30")
    assert not when_hit(day, None)
    assert not when_hit(None, "2021-03-14")


def test_period_of_partial_dates() -> None:
    assert period("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period("1999") == (dt.date(1999, 1, 1), dt.date(1999, 12, 31))
    assert period("XXXX-02") is None
    assert period("2024-13-01") is None
