"""The tagger's public API (``api.tag_times``) and what happens when the tagger crashes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings
from eventmap.errors import EventmapError, InputError
from eventmap.nlp import temporal
from eventmap.nlp.temporal import TemporalTaggerError, normalize, tag


@pytest.mark.parametrize("dct", ["2024-12-05", dt.date(2024, 12, 5),
                                 dt.datetime(2024, 12, 5, 9, 30), "2024-12-05T09:30:00Z"])
def test_tag_times_takes_a_date_a_datetime_or_an_iso_string(dct: object) -> None:
    got = api.tag_times("The dam was inspected in November and again last Monday.", dct)
    assert [(t.text, t.value) for t in got] == [("November", "2024-11"),
                                                ("last Monday", "2024-12-02")]


def test_tag_times_without_a_date_leaves_deictic_times_open() -> None:
    assert [t.value for t in api.tag_times("The vote is in November.")] == ["XXXX-11"]


def test_tag_times_offsets_index_the_text() -> None:
    text = "Crews worked for three days before the bridge reopened on June 18, 2024."
    for t in api.tag_times(text, "2024-06-20"):
        assert text[t.char_start:t.char_end] == t.text


@pytest.mark.parametrize("dct", ["yesterday", "2024-13-45", 20241205])
def test_tag_times_rejects_a_dct_that_is_not_a_date(dct: object) -> None:
    with pytest.raises(InputError, match="ISO date"):
        api.tag_times("in November", dct)  # type: ignore[arg-type]


def test_tag_times_rejects_text_that_is_not_a_string() -> None:
    with pytest.raises(InputError):
        api.tag_times(b"in November")  # type: ignore[arg-type]


def _break_the_month_rule(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    def boom(m: re.Match, ctx: object) -> None:
        raise exc

    from eventmap.nlp import temporal_handlers

    rules = [(n, rx, boom if n == "month" else fn) for n, rx, fn in temporal_handlers.RULES]
    monkeypatch.setattr(temporal, "RULES", rules)


def test_a_crash_in_a_rule_is_raised_not_turned_into_no_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _break_the_month_rule(monkeypatch, KeyError("oops"))
    with pytest.raises(TemporalTaggerError, match="KeyError") as info:
        tag("The levee failed in November.", dt.date(2024, 12, 5))
    assert isinstance(info.value, EventmapError) and isinstance(info.value.cause, KeyError)
    assert "The levee failed" in str(info.value)  # says which text it crashed on
    with pytest.raises(TemporalTaggerError):
        normalize("in November", dt.date(2024, 12, 5))
    with pytest.raises(TemporalTaggerError):
        api.tag_times("in November", "2024-12-05")


def test_a_day_that_cannot_exist_is_no_match_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_the_month_rule(monkeypatch, ValueError("day is out of range for month"))
    assert tag("The levee failed in November.", dt.date(2024, 12, 5)) == []


def test_quarterly_is_not_a_timex() -> None:
    # it was in the set rule but not in its table: a KeyError, silently dropped until crashes
    # surfaced (44 of 2,613 Timeline17 articles); "quarterly dividend" is not annotated in TimeML
    assert tag("The firm raised its quarterly dividend.", None) == []


@pytest.mark.slow
def test_extract_reports_a_tagger_crash_as_a_rejection_and_keeps_building(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Dam inspected\n\nEngineers from the regional water authority inspected the old dam on "
        "Monday, June 17, 2024, and found deep cracks in its eastern wall, officials said.\n")
    (corpus / "bad.txt").write_text(
        "Levee fails\n\nThe river levee south of the town failed on June 18, 2024 after days "
        "of heavy rain, BOOM, and hundreds of families left their homes, officials said.\n")
    from eventmap.stages import extract

    real = extract.tag

    def fragile(text: str, dct: dt.date | None) -> list:
        if "BOOM" in text:
            raise TemporalTaggerError("temporal tagger crashed (KeyError: 'x') on a text")
        return real(text, dct)

    monkeypatch.setattr(extract, "tag", fragile)
    db = tmp_path / "m.db"
    api.build([corpus], settings=load_settings(db=str(db)), out=tmp_path / "out", progress=False)
    rows = [r for r in api.status(db)["rejections"] if r["stage"] == "extract"]
    assert len(rows) == 1 and rows[0]["item"] == "bad.txt"
    assert "temporal tagger crashed" in rows[0]["reason"] and "kept" in rows[0]["reason"]
    export = api.load_export(db)
    assert export["stats"]["articles"] == 2  # the build went on, both articles are in the map


def test_the_readme_example() -> None:
    got = api.tag_times("The dam was inspected in November and will reopen next Monday.",
                        dct="2024-12-05")
    assert [(t.text, t.type, t.value, t.start, t.end, t.granularity) for t in got] == [
        ("November", "DATE", "2024-11", "2024-11-01", "2024-11-30", "month"),
        ("next Monday", "DATE", "2024-12-09", "2024-12-09", "2024-12-09", "day")]
