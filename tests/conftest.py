"""Shared fixtures: the bundled sample corpus built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_TRUTH = ROOT / "tests" / "e2e" / "sample_truth.json"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the bundled sample corpus once; returns {"export", "out", "db", "summary"}."""
    out = tmp_path_factory.mktemp("sample")
    settings = load_settings(db=str(out / "eventmap.db"))
    summary = api.build([api.SAMPLE_CORPUS], settings=settings, out=out, progress=False)
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    return {"export": export, "out": out, "db": out / "eventmap.db", "summary": summary}


@pytest.fixture(scope="session")
def sample_truth() -> dict:
    return json.loads(SAMPLE_TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present on this machine")
    return seeds


@pytest.fixture(scope="session")
def seed_export(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds built once per session (for the acceptance checks of several issues)."""
    out = tmp_path_factory.mktemp("seeds")
    api.build([seeds_dir], settings=load_settings(db=str(out / "m.db")), out=out, progress=False)
    return json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
