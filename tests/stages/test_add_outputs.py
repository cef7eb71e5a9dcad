"""The files an `add` rewrites are the files a full re-export of the same store writes, byte for byte.

An add re-encodes only the events it touched and reuses the parts of the others that the last
export kept in the store (``export.parts``); everything the whole map decides (salience, the salient
layer, main events, the briefing's pool) is computed again. The sample corpus minus its last file is
built, that file added, and the store then re-exported in full (``build --from summarize`` on a copy,
which makes every part anew). A small salient layer, a small briefing pool and a tiny inline limit
make most events stand outside what summarize and render read whole and put the rest in
``map-data.js``, so that the paths which differ from a full export are the ones compared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings
from eventmap.export import briefing
from eventmap.export.parts import EventPart
from eventmap.store.sqlite import Store

LAST = "viseu-residents-meeting.txt"  # sorts last in the sample folder, so it is ingested last
FILES = ("eventmap.json", "map.html", "map-data.js", "briefing.md", "briefing.html")
SMALL = {"map_events": 8, "map_inline_mb": 0.01}
POOL = 12  # events the briefing reads whole (2,000 by default)


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("add-outputs")
    corpus = tmp / "corpus"
    shutil.copytree(api.SAMPLE_CORPUS, corpus)
    (tmp / "held").mkdir()
    shutil.move(corpus / LAST, tmp / "held" / LAST)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(briefing, "POOL", POOL)
        settings = load_settings(db=str(tmp / "eventmap.db"), **SMALL)
        api.build([corpus], settings=settings, out=tmp / "out", progress=False)
        summary = api.add([tmp / "held" / LAST], settings=settings, out=tmp / "out", progress=False)
        shutil.copy(tmp / "eventmap.db", tmp / "full.db")
        full = load_settings(db=str(tmp / "full.db"), **SMALL)
        api.build([], settings=full, out=tmp / "full", start="summarize", progress=False)
    return {"tmp": tmp, "summary": summary}


def test_the_add_reuses_the_parts_of_untouched_events(added) -> None:
    render = {r.stage: r for r in added["summary"].reports}["render"]
    assert "events encoded anew)" in render.detail
    anew, total = (int(w) for w in render.detail.split("(")[-1].split()[:3:2])
    assert 0 < anew < total / 2, render.detail


@pytest.mark.parametrize("name", FILES)
def test_an_add_writes_the_files_of_a_full_export(added, name: str) -> None:
    tmp = added["tmp"]
    assert (tmp / "out" / name).read_bytes() == (tmp / "full" / name).read_bytes()


def test_the_map_holds_light_events_beyond_what_is_read_whole(added) -> None:
    """The comparison above covers the working export's light events: most events are outside the
    salient layer and the briefing's pool here."""
    import json

    export = json.loads((added["tmp"] / "out" / "eventmap.json").read_text(encoding="utf-8"))
    assert len(export["events"]) > 3 * (POOL + SMALL["map_events"])


def test_rebuilding_from_a_stage_drops_the_parts(added, tmp_path: Path) -> None:
    db = tmp_path / "eventmap.db"
    shutil.copy(added["tmp"] / "eventmap.db", db)
    with Store(db) as store:
        assert store.count("export_parts") > 0
        store.clear("link")
        assert store.count("export_parts") == 0


def test_a_part_stands_only_while_its_inputs_do(added) -> None:
    with Store(added["tmp"] / "eventmap.db") as store:
        from eventmap.export.parts import code_key

        part = EventPart.of_row(*store.export_parts(code_key())[0])
        info = {i: (name, kind) for i, name, kind in part.refs}
    assert part.valid(part.digest, part.reports, info)
    assert not part.valid("another row", part.reports, info)
    later = ("outlet", "article", "2024-01-01", "published")
    assert not part.valid(part.digest, (*part.reports, later), info)
    if part.refs:  # an actor renamed by a later resolve
        first = part.refs[0][0]
        assert not part.valid(part.digest, part.reports, {**info, first: ("Renamed", info[first][1])})
    with Store(added["tmp"] / "eventmap.db") as store:
        assert store.export_parts("code of another version") == []


def test_pieced_entries_are_the_whole_export_encoded(added) -> None:
    """Both files above piece events together the same way; this checks the pieces against the
    plain encoder of the complete export (``build_export``, what `eventmap export` gives)."""
    from eventmap.export.json_export import build_export
    from eventmap.export.jsontext import dumps_indented

    with Store(added["tmp"] / "eventmap.db", readonly=True) as store:
        whole = dumps_indented(build_export(store, SMALL["map_events"]))
    assert whole == (added["tmp"] / "out" / "eventmap.json").read_text(encoding="utf-8")


def test_kept_parts_read_back_as_the_parts_made_anew(added) -> None:
    """A part read back from the store (marshal's blob) equals, field by field, the one a full
    export made anew of the same event: reused and fresh parts piece the same files."""
    from eventmap.export.parts import code_key

    def parts(db: Path) -> dict[str, EventPart]:
        with Store(db, readonly=True) as store:
            return {r[0]: EventPart.of_row(*r) for r in store.export_parts(code_key())}

    after_add, full = parts(added["tmp"] / "eventmap.db"), parts(added["tmp"] / "full.db")
    assert after_add.keys() == full.keys() and after_add
    assert after_add == full
    one = next(iter(full.values()))
    assert EventPart.of_row(*one.row()) == one
