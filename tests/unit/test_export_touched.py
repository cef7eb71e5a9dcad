"""The events written since the export kept its parts (issue 16): the store's triggers record every
write of an event's row or report rows, an add reads back and compares only those, and the export is
the one made from scratch whatever wrote the rows, with or without the record."""

from __future__ import annotations

import io
import json
import marshal
import shutil
from pathlib import Path

import pytest

from eventmap.config import Settings
from eventmap.export import briefing
from eventmap.export.briefing import pool_ids
from eventmap.export.json_export import WorkingExport, build_export, dump_export, working_export
from eventmap.export.jsontext import dumps_indented
from eventmap.export.parts import code_key
from eventmap.store.sqlite import Store


@pytest.fixture()
def store(sample_build: dict, tmp_path: Path) -> Store:
    db = tmp_path / "copy.db"
    shutil.copy(sample_build["db"], db)
    with Store(db) as s:
        working_export(s, Settings.map_events, pool_ids, reuse=False)  # every part made and kept
        yield s


def _eventmap_json(work: WorkingExport) -> bytes:
    out = io.BytesIO()
    dump_export(work, out)
    return out.getvalue()


def test_kept_parts_leave_nothing_touched_and_writes_are_recorded(store: Store) -> None:
    assert store.export_touched() == set()
    (eid, data), (other, _) = store.db.execute("SELECT id, data FROM events LIMIT 2").fetchall()
    with store.db:
        store.db.execute("UPDATE events SET data = ? WHERE id = ?", (data, eid))  # the same row again
        store.db.execute("DELETE FROM event_reports WHERE event = ?", (other,))
    assert store.export_touched() == {eid, other}
    working_export(store, Settings.map_events, pool_ids, reuse=True)
    assert store.export_touched() == set()  # the parts stand for every row again


@pytest.mark.parametrize("triggers", [True, False])
def test_an_event_written_in_place_is_made_anew(store: Store, triggers: bool) -> None:
    eid, data = store.db.execute("SELECT id, data FROM events ORDER BY rowid LIMIT 1").fetchone()
    changed = json.loads(data)
    changed["summary"] = "a headline written by another stage"
    with store.db:
        if not triggers:  # a store whose record is gone: every row is read and compared
            names = store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
            for (name,) in names:
                store.db.execute(f"DROP TRIGGER {name}")
        store.db.execute("UPDATE events SET data = ? WHERE id = ?", (json.dumps(changed), eid))
        store.db.execute("DELETE FROM event_reports WHERE event IN (SELECT id FROM events LIMIT 3 OFFSET 1)")
    assert (store.export_touched() is None) is not triggers
    work = working_export(store, Settings.map_events, pool_ids, reuse=True)
    assert 1 <= work.encoded <= 4 and work.reused > 0
    whole = dumps_indented(build_export(store, Settings.map_events)).encode("utf-8")
    assert _eventmap_json(work) == whole
    assert "a headline written by another stage" in whole.decode("utf-8")


def _read_whole(work: WorkingExport) -> set[str]:
    return {e["id"] for e in work.pooled or ()} | {e["id"] for e in work.export["events"] if e["salient"]}


def test_the_static_halves_read_whole_are_kept_decoded_as_their_text_is(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefing, "POOL", 12)  # a pool smaller than the map: not every event read whole
    work = working_export(store, Settings.map_events, pool_ids, reuse=True)
    read = _read_whole(work)
    assert len(read) < len(work.export["events"])
    texts = {eid: text for eid, _, _, text in store.export_parts(code_key())}
    bodies = store.export_bodies()
    assert set(bodies) == read
    assert all(marshal.loads(body) == json.loads(texts[eid]) for eid, (body, _) in bodies.items())
    salient = {e["id"] for e in work.export["events"] if e["salient"]}
    assert work.statics.keys() == salient == {eid for eid, (_, compact) in bodies.items() if compact}
    assert all(work.statics[eid] == json.dumps(json.loads(texts[eid]), ensure_ascii=False,
                                               separators=(",", ":")) for eid in salient)
    # one of them rewritten in place: its kept half goes with its part, and the next add decodes it anew
    eid = sorted(read)[0]
    changed = json.loads(store.db.execute("SELECT data FROM events WHERE id = ?", (eid,)).fetchone()[0])
    changed["summary"] = "a headline written by another stage"
    with store.db:
        store.db.execute("UPDATE events SET data = ? WHERE id = ?", (json.dumps(changed), eid))
    work = working_export(store, Settings.map_events, pool_ids, reuse=True)
    ev = next(e for e in work.export["events"] if e["id"] == eid)
    assert ev["summary"] == "a headline written by another stage"
    assert marshal.loads(store.export_bodies()[eid][0])["summary"] == "a headline written by another stage"
    again = working_export(store, Settings.map_events, pool_ids, reuse=True)  # from the kept halves
    assert again.export == work.export
    whole = dumps_indented(build_export(store, Settings.map_events)).encode("utf-8")
    assert _eventmap_json(again) == whole


def test_the_events_are_read_in_the_order_of_sort_key(tmp_path: Path) -> None:
    """SQLite sorts them (``Store.event_order``): dated first by start, then undated, ties by id."""
    starts = [None, "", "2010-05-01", "2010-05", "2010-05-01T10:00", "2009", "Ünïcode", "2010-05-01", None,
              "~", "é"]
    with Store(tmp_path / "s.db") as s, s.db:
        rows = [(f"e{7 * i % 11}{'é' * (i % 3)}", start) for i, start in enumerate(starts)]
        s.db.executemany("INSERT INTO events (id, time_start, data) VALUES (?, ?, '{}')", rows)
        found = s.event_order()
    assert found == sorted(found, key=lambda r: (not r[1], r[1] or "", r[0]))


def _triggers(store: Store) -> int:
    return store.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]


def test_events_written_wholesale_count_as_all_touched_and_keep_their_triggers(store: Store) -> None:
    events = store.events()
    store.replace_events(events)  # a full merge: no row recorded, every event counts as written
    assert store.export_touched() is None and _triggers(store) == 6
    assert store.count("export_touched") == 1
    working_export(store, Settings.map_events, pool_ids, reuse=True)
    assert store.export_touched() == set()
    with pytest.raises(RuntimeError), store._wholesale():  # an error rolls the dropped triggers back in
        store.db.execute("DELETE FROM events")
        raise RuntimeError
    assert _triggers(store) == 6 and store.count("events") == len(events) and store.export_touched() == set()
    store.clear("merge")
    assert _triggers(store) == 6 and store.export_touched() is None and store.count("export_parts") == 0
