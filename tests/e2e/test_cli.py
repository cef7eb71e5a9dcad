"""The command line as a user meets it: build with bad files, status, exports, errors."""

from __future__ import annotations

import json
import shutil

import pytest

from eventmap import api
from eventmap.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_with_bad_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for path in sorted(api.SAMPLE_CORPUS.glob("2025-03-1[2-4]*")):
        shutil.copy(path, root / path.name)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes(("Título\n" + "A notícia da manhã é sobre a barragem. " * 20)
                                      .encode("latin-1"))
    return root


def test_build_completes_and_rejects_bad_files_with_reasons(corpus_with_bad_files, tmp_path, capsys) -> None:
    db, out = tmp_path / "m.db", tmp_path / "out"
    assert main(["build", str(corpus_with_bad_files), "--db", str(db), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "3 rejected" in printed
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    reasons = {r["item"]: r["reason"] for r in export["rejections"]}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "not UTF-8" in reasons["latin1.txt"]
    good = [p for p in corpus_with_bad_files.iterdir() if p.name.startswith("2025")]
    assert export["stats"]["articles"] == len(good)

    # Re-running the same build is idempotent: same ids, same counts.
    assert main(["build", str(corpus_with_bad_files), "--db", str(db), "--out", str(out), "-q"]) == 0
    assert "earlier builds" not in capsys.readouterr().out  # the same inputs: nothing of before
    again = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in export["articles"]]
    assert [e["id"] for e in again["events"]] == [e["id"] for e in export["events"]]

    assert main(["status", "--db", str(db)]) == 0
    status = capsys.readouterr().out
    assert "annotate" in status and "latin1.txt" in status

    assert main(["export", "--db", str(db), "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8").startswith("<?xml")
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").startswith("id,date")


def test_a_build_says_when_the_store_holds_articles_of_earlier_builds(tmp_path, capsys) -> None:
    # The default store is the working folder's: a second corpus built there joins the first one's map.
    first, second = (sorted(api.SAMPLE_CORPUS.glob(f"2025-03-1{d}*"))[0] for d in (2, 4))
    db = tmp_path / "m.db"
    assert main(["build", str(first), "--db", str(db), "--out", str(tmp_path / "a"), "-q"]) == 0
    assert "earlier builds" not in capsys.readouterr().out
    assert main(["build", str(second), "--db", str(db), "--out", str(tmp_path / "b"), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "the map also holds 1 article of earlier builds" in printed and "--db" in printed


def test_errors_are_messages_with_exit_codes(tmp_path, capsys) -> None:
    assert main(["build", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["status", "--db", str(tmp_path / "missing.db")]) == 4
    assert "eventmap build" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("")
    code = main(["build", str(tmp_path / "empty"), "--db", str(tmp_path / "e.db"),
                 "--out", str(tmp_path / "o"), "-q"])
    assert code == 2 and "no articles could be read" in capsys.readouterr().err


def test_from_stage_recomputes_downstream(corpus_with_bad_files, tmp_path) -> None:
    db, out = tmp_path / "m.db", tmp_path / "out"
    assert main(["build", str(corpus_with_bad_files), "--db", str(db), "--out", str(out), "-q"]) == 0
    first = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    assert main(["build", "--from", "merge", "--db", str(db), "--out", str(out), "-q"]) == 0
    second = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in second["events"]] == [e["id"] for e in first["events"]]
