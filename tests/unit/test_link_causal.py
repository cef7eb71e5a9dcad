"""Signal linker on plain spans: direction, cross-sentence openings, temporal-only signals."""

from __future__ import annotations

import re

from eventmap.models import Timex
from eventmap.nlp.causal import signal_links, time_order


def _spans(text: str, *words: str) -> list[tuple[int, int]]:
    out = []
    for w in words:
        m = re.search(rf"\b{re.escape(w)}\b", text)
        assert m, w
        out.append((m.start(), m.end()))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def _pairs(text: str, *words: str, **kw) -> set[tuple[str, str, str]]:
    links = signal_links(text, _spans(text, *words), _sentences(text), **kw)
    return {(words[lk.cause], words[lk.effect], lk.kind) for lk in links}


def test_effect_first_signal_puts_the_later_clause_as_cause() -> None:
    text = "The army deployed troops to the border in response to the invasion."
    assert _pairs(text, "deployed", "invasion") == {("invasion", "deployed", "cause")}


def test_cause_first_verb_that_is_itself_a_mention_becomes_the_effect() -> None:
    text = ("The incursion into the province triggered the mutual defence clause of the old treaty, "
            "obliging the ally to provide help.")
    assert _pairs(text, "incursion", "triggered", "provide") == {("incursion", "triggered", "cause")}


def test_cause_first_verb_links_to_a_close_object_event() -> None:
    text = "The strike hit the plant on Monday, causing a blackout across the city."
    assert _pairs(text, "hit", "causing", "blackout") == {("hit", "blackout", "cause")}


def test_passive_caused_by_and_because() -> None:
    assert _pairs("The outage was caused by a flood.", "outage", "flood") == {("flood", "outage", "cause")}
    assert _pairs("Schools closed because the storm hit.", "closed", "hit") == {("hit", "closed", "cause")}


def test_sentence_opening_signal_links_to_the_previous_sentence() -> None:
    text = "Rebels seized the airport. As a result, the government declared an emergency."
    assert _pairs(text, "seized", "declared") == {("seized", "declared", "cause")}
    text = "Rebels seized the airport. This prompted an evacuation of the capital."
    assert ("seized", "evacuation", "cause") in _pairs(text, "seized", "evacuation")


def test_after_gives_order_not_cause_and_can_be_switched_off() -> None:
    text = "The ministers met in Vienna after the ceasefire collapsed."
    assert _pairs(text, "met", "collapsed") == {("collapsed", "met", "before")}
    assert _pairs(text, "met", "collapsed", temporal=False) == set()
    text = "After the talks failed, the rebels attacked the town."
    assert _pairs(text, "failed", "attacked") == {("failed", "attacked", "before")}


def test_no_signal_no_link_and_no_link_across_a_semicolon() -> None:
    assert _pairs("The army deployed troops and the rebels retreated.", "deployed", "retreated") == set()
    text = "The army deployed troops; in response to pressure, the rebels retreated."
    assert _pairs(text, "deployed", "retreated") == set()


def _t(start: str, end: str) -> Timex:
    return Timex(start, 0, 0, "DATE", start, start, end, "day")


def test_time_order_from_intervals() -> None:
    june, july = _t("2024-06-18", "2024-06-18"), _t("2024-07-01", "2024-07-31")
    assert time_order(june, july) == -1 and time_order(july, june) == 1
    assert time_order(_t("2024-01-01", "2024-12-31"), july) == 0
    assert time_order(None, july) == 0
