"""`eventmap timeline` on the bundled sample corpus: dates in order, every sentence cited and real."""

from __future__ import annotations

import json
import re

import pytest

from eventmap.cli import main
from eventmap.store.sqlite import Store

pytestmark = pytest.mark.slow


def test_timeline_json_dates_in_order_and_every_sentence_cites_its_article(sample_build, tmp_path) -> None:
    db = sample_build["db"]
    out = tmp_path / "tl.json"
    assert main(["timeline", "--db", str(db), "--dates", "6", "--sentences", "2", "--format", "json",
                 "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    days = [d["date"] for d in data["dates"]]
    assert len(days) == 6 and days == sorted(days) and len(set(days)) == 6
    sources = {s["n"]: s for s in data["sources"]}
    assert sorted(sources) == list(range(1, len(sources) + 1))
    export_ids = {a["id"]: a for a in sample_build["export"]["articles"]}
    with Store(db, readonly=True) as store:
        texts = {aid: " ".join(store.article(aid).text.split()) for aid in export_ids}
    for day in data["dates"]:
        assert 1 <= len(day["sentences"]) <= 2
        for s in day["sentences"]:
            assert s["article"] in export_ids and sources[s["source"]]["id"] == s["article"]
            assert export_ids[s["article"]]["duplicate_of"] is None
            assert s["text"] in texts[s["article"]], s  # the article's own words, never rewritten
    # the story's central days: the breach (Wednesday 12 March) and the arrest (Friday 14 March)
    assert {"2025-03-12", "2025-03-14"} <= set(days)


def test_timeline_markdown_cites_each_line_and_lists_sources(sample_build, capsys) -> None:
    assert main(["timeline", "--db", str(sample_build["db"]), "--dates", "4", "--sentences", "1"]) == 0
    md = capsys.readouterr().out
    heads = re.findall(r"^## (\d{4}-\d{2}-\d{2})$", md, flags=re.M)
    assert len(heads) == 4 and heads == sorted(heads)
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(bullets) == 4
    listed = set(re.findall(r"^\[(\d+)\] ", md, flags=re.M))
    for line in bullets:
        cited = re.fullmatch(r"- .+ \[(\d+)\]", line)
        assert cited and cited.group(1) in listed, line


def test_timeline_errors_say_what_to_run(tmp_path, capsys) -> None:
    assert main(["timeline", "--db", str(tmp_path / "missing.db")]) == 4
    assert "eventmap build" in capsys.readouterr().err
    with Store(tmp_path / "empty.db"):
        pass  # a store with the schema and no articles
    assert main(["timeline", "--db", str(tmp_path / "empty.db")]) == 4
    assert "holds no articles" in capsys.readouterr().err
    assert main(["timeline", "--db", str(tmp_path / "empty.db"), "--dates", "-1"]) == 2
    assert "at least 1, or 0" in capsys.readouterr().err


def test_timeline_without_a_budget_lets_the_corpus_choose(sample_build, tmp_path) -> None:
    out = tmp_path / "auto.json"
    assert main(["timeline", "--db", str(sample_build["db"]), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    days = [d["date"] for d in data["dates"]]
    assert 3 <= len(days) <= 30 and days == sorted(days)
    assert all(1 <= len(d["sentences"]) <= 3 for d in data["dates"])
    assert {"2025-03-12", "2025-03-14"} <= set(days)  # the breach and the arrest


def test_store_records_carry_the_salience_of_the_events_they_tell(sample_build) -> None:
    from eventmap.export.timeline import articles_from_store

    with Store(sample_build["db"], readonly=True) as store:
        records, _ = articles_from_store(store)
    sal = [s.salience for r in records for s in r.sentences]
    assert all(v is not None and 0.0 <= v <= 1.0 for v in sal)
    assert max(sal) > 0.3 and min(sal) == 0.0  # salient events, and sentences that tell none
