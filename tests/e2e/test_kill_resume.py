"""Crash safety: a build killed with SIGKILL resumes to the same map, and readers survive a writer.

Per-article stages commit each article in its own transaction and whole-corpus stages replace their
tables in one, so a kill at any point leaves a consistent store; re-running skips finished work.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventmap import api
from eventmap.web.server import CachedStoreLoader, create_app

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "eventmap.cli"]


def _count(db: Path, table: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or the table is not there yet
        return 0


def _comparable(export: dict) -> str:
    return json.dumps(export, sort_keys=True, ensure_ascii=False)


def _build_cmd(db: Path, out: Path) -> list[str]:
    # One article per spaCy batch: the parse of an article then cannot depend on which others shared
    # its batch (it does, slightly, at larger sizes), so resumed and uninterrupted builds must agree.
    return [*CLI, "build", str(api.SAMPLE_CORPUS), "--db", str(db), "--out", str(out), "--batch-size", "1",
            "-q"]


def test_sigkill_mid_build_then_resume_equals_uninterrupted(tmp_path: Path) -> None:
    db = tmp_path / "eventmap.db"
    cmd = _build_cmd(db, tmp_path / "out")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db, "annotations") < 3:  # well into annotate: some articles done, most not
        assert proc.poll() is None, "build ended before it could be killed: " + proc.stderr.read().decode()
        assert time.monotonic() < deadline, "annotate never started"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _count(db, "annotations")
    unique = _count(db, "articles") - _count(db, "duplicates")
    assert 0 < done_before < unique, "the kill should land mid-annotate"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    resumed = api.load_export(db)
    runs = {r["stage"]: r for r in api.status(db)["stages"]}
    assert runs["annotate"]["items"] == unique - done_before  # finished articles were not parsed again
    whole = subprocess.run(_build_cmd(tmp_path / "whole.db", tmp_path / "whole"), capture_output=True,
                           text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr
    assert _comparable(resumed) == _comparable(api.load_export(tmp_path / "whole.db"))
    out = json.loads((tmp_path / "out" / "eventmap.json").read_text(encoding="utf-8"))
    assert _comparable(out) == _comparable(resumed)


NEW_ARTICLE = """---
outlet: Valley Courier
published: 2025-04-05
---
Engineers begin draining Penhascal reservoir after dam breach

Engineers began lowering the water level of the Penhascal reservoir on Saturday, April 5, 2025, three
weeks after part of the dam on the Dão river collapsed and flooded the village of Valdornelas. The
civil protection agency said the draining would take about ten days and that residents downstream
had been warned. The operator said inspectors from the national dam safety authority would examine
the spillway once the water was low enough, and the inquiry into the breach would receive their
findings. Families who lost their homes in the flood met officials in Viseu to ask about compensation.
"""


def _consistent(export: dict) -> None:
    articles = {a["id"] for a in export["articles"]}
    events = {e["id"] for e in export["events"]}
    for e in export["events"]:
        assert set(e["articles"]) <= articles
        assert all(m["article"] in articles for m in e["mentions"])
    assert all(lk["source"] in events and lk["target"] in events for lk in export["links"])
    assert all(set(s["events"]) <= events for s in export["storylines"])


def test_reads_during_add_see_a_consistent_store(tmp_path: Path, sample_build) -> None:
    db = tmp_path / "eventmap.db"
    shutil.copy(sample_build["db"], db)
    new = tmp_path / "new"
    new.mkdir()
    (new / "draining.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    before = len(api.load_export(db)["articles"])
    proc = subprocess.Popen([*CLI, "add", str(new), "--db", str(db), "--out", str(tmp_path / "out"), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # The app `eventmap serve` runs, with its store loader, answering requests while add writes.
    loader = CachedStoreLoader(db)
    client = TestClient(create_app(loader))
    reads = 0
    while proc.poll() is None:
        _consistent(loader())
        answer = client.get("/api/stats")
        assert answer.status_code == 200, answer.text
        assert answer.json()["counts"]["articles"] in (before, before + 1)
        reads += 1
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert reads > 0
    assert client.get("/api/stats").json()["counts"]["articles"] == before + 1  # the server saw the add
    after = api.load_export(db)
    _consistent(after)
    assert len(after["articles"]) == before + 1
