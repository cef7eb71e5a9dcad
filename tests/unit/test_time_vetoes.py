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


def _nlp():
    from eventmap.nlp.spacy_model import load_model

    return load_model("en_core_web_sm")


def _anchored(text: str, trigger: str) -> tuple[str | None, bool]:
    """(the value anchored to the trigger word, whether that TIMEX is in the trigger's phrase)."""
    from eventmap.nlp.anchoring import anchor, in_phrase

    doc = _nlp()(text)
    tok = next(t for t in doc if t.text == trigger)
    time, _ = anchor(tok, tag(text, DCT), None)
    return (time.value, in_phrase(tok, time)) if time is not None else (None, False)


def test_a_date_behind_another_verbs_clause_is_not_in_the_triggers_phrase() -> None:
    # the year dates the robbery, the day the stabbing: neither may veto the release or the report
    assert _anchored("Prosecutors released new footage in the trial of two men accused of robbing "
                     "a jeweller in May 2019.", "released") == ("2019-05", False)
    assert _anchored("Officials said a guard was stabbed on Friday.", "said") == ("2021-03-12", False)
    assert _anchored("Officials said a guard was stabbed on Friday.", "stabbed") == ("2021-03-12", True)


def test_a_date_before_a_noun_dates_that_noun_not_the_trigger() -> None:
    assert _anchored("The driver was sentenced over a 2019 bus crash case.", "sentenced") == ("2019", False)
    assert _anchored("The Hawks will face the winner of Sunday's semifinal.", "face")[1] is False
    # the noun's own date stays in its phrase
    assert _anchored("Nobody was charged over the 2019 crash.", "crash") == ("2019", True)


def test_on_a_tie_the_date_after_the_verb_dates_it() -> None:
    # "two years ago" ends the subject's relative clause; the trial starts on Monday
    assert _anchored("The trial of a nurse who allegedly poisoned three patients two years ago starts "
                     "Monday.", "starts")[0] == "2021-03-15"  # the coming Monday, not 2019
