"""The bundled sample corpus (one dam failure and its three weeks of aftermath) keeps its stories
under the story clustering of issue 14, each with a readable label, and its merged events say why."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_the_sample_keeps_a_few_large_stories_with_readable_labels(sample_build) -> None:
    export = sample_build["export"]
    stories = export["stories"]
    assert 1 <= len(stories) <= 4, [(s["label"], len(s["articles"])) for s in stories]
    unique = [a for a in export["articles"] if a["duplicate_of"] is None]
    assert min(len(s["articles"]) for s in stories) >= 3
    assert sum(len(s["articles"]) for s in stories) == len(unique)
    for s in stories:
        assert any(name in s["label"] for name in ("Penhascal", "Valdornelas", "Viseu")), s["label"]
    assert all(a["story"] for a in export["articles"]), "every article, copies included, has a story"


def test_merged_events_of_the_sample_say_why(sample_build) -> None:
    merged = [e for e in sample_build["export"]["events"] if len(e["mentions"]) > 1]
    assert merged
    for e in merged:
        assert len(e["merge_evidence"]) >= 1
        assert all(ev["signals"] and ev["score"] >= ev["threshold"] for ev in e["merge_evidence"])
