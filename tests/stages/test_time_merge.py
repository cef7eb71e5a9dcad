"""Same-lemma events at different times stay apart through the whole pipeline (issue 14): relative
times are resolved against each article's date, and an undated mention is bounded by its article's
date. Sentences written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow

ARTICLES = {
    "a.txt": ("2031-03-14", "Fenwick charged in Caldrosa\n\nProsecutors in Caldrosa charged the banker Dario "
              "Fenwick with fraud on Tuesday. Three years ago, Dario Fenwick was charged with fraud in "
              "Velmora, a case that collapsed."),
    "b.txt": ("2031-03-14", "Banker faces fraud charge\n\nThe banker Dario Fenwick was charged with fraud, "
              "prosecutors in Caldrosa said, and he was released on bail."),
    "c.txt": ("2031-07-24", "Fenwick charged again\n\nThe banker Dario Fenwick was charged again on July 23, "
              "2031, this time with bribery, prosecutors in Caldrosa said. The court set a trial date for "
              "the autumn and kept his passport."),
}


def test_charges_years_and_months_apart_are_different_events(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (day, text) in ARTICLES.items():
        (corpus / name).write_text(f"---\npublished: {day}\n---\n{text}", encoding="utf-8")
    api.build([corpus], settings=load_settings(db=str(tmp_path / "m.db")), out=tmp_path / "out",
              progress=False)
    export = json.loads((tmp_path / "out" / "eventmap.json").read_text(encoding="utf-8"))
    charges = [e for e in export["events"] if any("charged" in m["sentence"] for m in e["mentions"])
               and e["class"] in {"charge", "charging"}]
    by_time: dict[str, set[str]] = {}
    for e in charges:
        for m in e["mentions"]:
            key = "again" if "again" in m["sentence"] else "years ago" if "Three years" in m["sentence"] \
                else "this week"
            by_time.setdefault(key, set()).add(e["id"])
    assert {"again", "years ago", "this week"} <= set(by_time), (by_time, [e["summary"] for e in charges])
    assert not by_time["years ago"] & by_time["this week"], "the 2028 charge merged with this week's"
    assert not by_time["again"] & (by_time["this week"] | by_time["years ago"])
    old = next(e for e in charges if e["id"] in by_time["years ago"])
    assert old["time"]["value"] == "2028"
