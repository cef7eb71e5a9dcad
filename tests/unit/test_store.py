"""The SQLite store: migrations, idempotent inserts, per-stage clearing, read-only errors."""

from __future__ import annotations

import sqlite3

import pytest

from eventmap.errors import StoreError
from eventmap.models import Article, Duplicate, Event, Rejection, Timex
from eventmap.store.schema import MIGRATIONS
from eventmap.store.sqlite import Store


def _article(n: int) -> Article:
    return Article(id=f"art_{n}", title=f"T{n}", text=f"text {n}", outlet="O", path=f"{n}.txt")


def test_migrations_run_once_and_set_user_version(tmp_path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    Store(db).close()  # a second open must not re-run migration 1
    version = sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


def test_add_article_is_idempotent_and_ordered(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.add_article(_article(2)) is True
        assert store.add_article(_article(1)) is True
        assert store.add_article(_article(2)) is False
        assert [a.id for a in store.articles()] == ["art_2", "art_1"]


def test_records_round_trip_with_nested_dataclasses(tmp_path) -> None:
    t = Timex("in November", 0, 11, "DATE", "2024-11", "2024-11-01", "2024-11-30", "month")
    event = Event("evt_1", "Treaty ratified", "ratification", t, ("ent_a",), None, ("evm_1",),
                  ("art_1",), ("O",))
    with Store(tmp_path / "s.db") as store:
        store.replace_events([event])
        assert store.events() == [event]


def test_clear_removes_only_the_stage_tables(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_article(_article(1))
        store.add_article(_article(2))
        store.replace_duplicates([Duplicate("art_2", "art_1", "exact", 1.0)])
        store.reject(Rejection("bad.txt", "ingest", "empty file"))
        store.reject(Rejection("bad.txt", "ingest", "empty file"))  # same row is not repeated
        store.clear("dedup")
        assert store.duplicates() == {}
        assert len(store.articles()) == 2 and len(store.rejections()) == 1


def test_readonly_store_errors_say_what_to_do(tmp_path) -> None:
    with pytest.raises(StoreError, match="eventmap build"):
        Store(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable eventmap store"):
        Store(junk)


def test_newer_schema_is_refused(tmp_path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer eventmap"):
        Store(db)


def test_codec_writes_the_json_of_dataclasses_asdict() -> None:
    """The codec's shallow conversion gives exactly the JSON of ``dataclasses.asdict``."""
    import dataclasses
    import json

    from eventmap.models import EventMention, Quantity
    from eventmap.store.codec import dumps, loads

    t = Timex("2025-03-12", 3, 11, "DATE", "2025-03-12", "2025-03-12", "2025-03-12", "day")
    m = EventMention("m1", "a1", 0, "Ten “killed” on March 12", 4, 10, 0, "killed", "kill",
                     actors=("Police", "Army"), time=t, quantities=(Quantity("ten", 10.0, 10.0, 10.0, None),))
    assert dumps(m) == json.dumps(dataclasses.asdict(m), ensure_ascii=False, separators=(",", ":"))
    assert loads(EventMention, dumps(m)) == m
