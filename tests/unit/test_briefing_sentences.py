"""The briefing's sentence features kept in the store (issue 16): a briefing made from kept features is
the briefing made without them, only the sentences last asked for are kept, another code's are never
read, and a store that cannot hold them still gets its briefing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from briefing_export import small_export

from eventmap.config import Settings
from eventmap.export import briefing, briefing_sentences
from eventmap.export.briefing import build_briefing, pool_ids
from eventmap.export.briefing_sentences import SentenceFeatures, features
from eventmap.export.briefing_text import clean, quality
from eventmap.export.json_export import working_export
from eventmap.export.support import content_terms
from eventmap.store.sqlite import Store


def test_features_are_the_shown_text_its_terms_and_its_quality() -> None:
    raw = "• The  harbour accord was signed on Monday [3] by both cities."
    text, terms, q = features(raw)
    assert text == clean(raw) and terms == content_terms(text) and q == quality(text)


def test_a_briefing_from_kept_features_is_the_briefing_made_without(tmp_path: Path) -> None:
    export = small_export()
    plain = build_briefing(export)
    with Store(tmp_path / "s.db") as store:
        first = SentenceFeatures.of(store)
        assert not first.kept
        assert build_briefing(export, sentences=first) == plain
        first.keep(store)
        kept = SentenceFeatures.of(store)
        assert kept.kept == first.asked  # read back as they were made
        assert build_briefing(export, sentences=kept) == plain
        assert set(kept.asked) == set(kept.kept)  # every sentence it weighed came from the store


def test_only_the_sentences_last_asked_for_are_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        made = SentenceFeatures.of(store)
        made("First sentence of the old story, told at length here.")
        made("Second sentence of the old story, told at length here.")
        made.keep(store)
        again = SentenceFeatures.of(store)
        again("Second sentence of the old story, told at length here.")
        again("A new sentence that the last briefing did not weigh at all.")
        again.keep(store)
        assert set(SentenceFeatures.of(store).kept) == {
            "Second sentence of the old story, told at length here.",
            "A new sentence that the last briefing did not weigh at all."}


def test_features_kept_by_other_code_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.db") as store:
        made = SentenceFeatures.of(store)
        made("A sentence weighed by the code as it was before the change.")
        made.keep(store)
        monkeypatch.setattr(briefing_sentences, "code_key", lambda: "another code")
        other = SentenceFeatures.of(store)
        assert not other.kept
        other("A sentence weighed by the code as it is after the change.")
        other.keep(store)  # replaces the other code's
        assert store.count("briefing_sentences") == 1


def test_a_read_only_store_without_the_table_still_gets_its_briefing(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE briefing_sentences; DROP TABLE briefing_sentences_key; "
                      "PRAGMA user_version = 8;")
    con.close()
    export = small_export()
    with Store(db, readonly=True) as store:
        found = SentenceFeatures.of(store)
        assert not found.kept
        assert build_briefing(export, sentences=found) == build_briefing(export)
        found.keep(store)  # cannot be written: kept nowhere, no error


def test_the_working_export_pools_the_events_the_briefing_would(
        sample_build: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefing, "POOL", 12)  # a pool smaller than the map
    db = tmp_path / "copy.db"
    shutil.copy(sample_build["db"], db)
    with Store(db) as store:
        work = working_export(store, Settings.map_events, pool_ids, reuse=False)
    assert work.pooled is not None and len(work.pooled) < len(work.export["events"])
    assert work.pooled == briefing._pool(work.export)
    assert build_briefing(work.export, pooled=work.pooled) == build_briefing(work.export)
