"""Acceptance checks on the user's own example (../shared/seeds); skipped where it is absent."""

from __future__ import annotations

import json

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_export(seeds_dir, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("seeds")
    api.build([seeds_dir], settings=load_settings(db=str(out / "m.db")), out=out, progress=False)
    return json.loads((out / "eventmap.json").read_text(encoding="utf-8"))


def _article(export: dict, prefix: str) -> dict:
    return next(a for a in export["articles"] if a["path"].startswith(prefix))


def test_repost_is_a_contained_copy(seed_export) -> None:
    stats = seed_export["stats"]
    assert (stats["articles"], stats["unique_articles"], stats["independent_origins"]) == (3, 2, 2)
    original, repost = _article(seed_export, "000_"), _article(seed_export, "001_")
    assert repost["duplicate_of"] == original["id"] and repost["duplicate_kind"] == "contained"


def test_newsletter_date_is_inferred(seed_export) -> None:
    briefing = _article(seed_export, "002_")
    assert (briefing["published"], briefing["published_source"]) == ("2024-12-03", "inferred")


@pytest.mark.parametrize("day", ["2024-06-18", "1953-07-27"])
def test_events_carry_the_dates_the_articles_state(seed_export, day) -> None:
    assert any(e["time"] and e["time"]["value"] == day for e in seed_export["events"]), day
