"""Newcomer papercuts (issue 16): each test failed before its fix."""

from __future__ import annotations

import ipaddress
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventmap import api
from eventmap.cli import main
from eventmap.sources.fetch import AddressPolicy

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
WORDS = ("The harbour authority of Porto Azul opened the new ferry terminal on Monday after two years "
         "of building work, and the first ferries left the quay for the islands in the afternoon. ")


def _article(path: Path, title: str, *, outlet: str | None = None, words: str = WORDS * 3) -> None:
    front = f"---\noutlet: {outlet}\npublished: 2024-05-02\n---\n" if outlet else ""
    path.write_text(f"{front}{title}\n\n{words}\n", encoding="utf-8")


def test_no_articles_error_lists_only_this_runs_rejections(tmp_path, capsys) -> None:
    db = tmp_path / "m.db"
    for n in (1, 2, 3):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        (folder / f"short{n}.txt").write_text(f"Title {n}\n\nToo short.\n", encoding="utf-8")
        assert main(["build", str(folder), "--db", str(db), "--out", str(tmp_path / "o"), "-q"]) == 2
        err = capsys.readouterr().err
        assert f"short{n}.txt" in err
        assert not any(f"short{k}.txt" in err for k in (1, 2, 3) if k != n), err


def test_loopback_refusal_names_allow_host() -> None:
    reason = AddressPolicy().refusal("127.0.0.1", ipaddress.ip_address("127.0.0.1"))
    assert reason and "--allow-host 127.0.0.1" in reason
    named = AddressPolicy().refusal("intranet.local", ipaddress.ip_address("10.0.0.7"))
    assert named and "--allow-host intranet.local" in named


def test_unknown_outlet_is_not_an_outlet(tmp_path, capsys) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    _article(corpus / "a.txt", "Ferry terminal opens", outlet="Harbour Post")
    _article(corpus / "b.txt", "Porto Azul ferries sail", words=WORDS.replace("Monday", "Tuesday") * 3)
    out = tmp_path / "out"
    assert main(["build", str(corpus), "--db", str(tmp_path / "m.db"), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "from 1 outlet ->" in printed, printed
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    assert export["stats"]["outlets"] == 1
    assert "1 outlets" not in (out / "briefing.md").read_text(encoding="utf-8")


def test_status_into_a_closed_pipe_has_no_traceback(sample_build) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "eventmap.cli", "status", "--db", str(sample_build["db"])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # `eventmap status | head` once head has exited
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_demo_without_a_browser_says_where_the_map_is(tmp_path, capsys, monkeypatch) -> None:
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: False)
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert f"open {(out / 'map.html').resolve()}" in printed, printed
    assert "from 10 outlets" in printed, printed  # ten fictional outlets, not 11 with "unknown"
    assert "--no-open" in (ROOT / "README.md").read_text(encoding="utf-8")
    ignored = subprocess.run(["git", "check-ignore", "-q", "eventmap-demo/map.html"], cwd=ROOT)
    assert ignored.returncode == 0, "the demo's default output folder is not git-ignored"


def test_short_items_summary_says_how_to_keep_them(tmp_path, capsys) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    _article(corpus / "long.txt", "Ferry terminal opens", outlet="Harbour Post")
    _article(corpus / "item.txt", "Ferries sail", outlet="Harbour Post", words="Ferries sailed at noon.")
    assert main(["build", str(corpus), "--db", str(tmp_path / "m.db"), "--out", str(tmp_path / "o"),
                 "-q"]) == 0
    printed = capsys.readouterr().out
    assert "--min-words" in printed, printed


def test_summary_of_the_sample_counts_named_outlets(sample_build) -> None:
    assert sample_build["summary"].stats["outlets"] == len(
        {a["outlet"] for a in sample_build["export"]["articles"] if a["outlet"] != "unknown"})
    assert api.SAMPLE_CORPUS.is_dir()
