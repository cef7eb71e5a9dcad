"""A person's corrections of the merge (`eventmap split`, `eventmap merge`) on the invented earthquake
corpus: recorded in the store, replayed by every later build (`build --from ...`) and kept by `add`;
and the evidence of each merge in the JSON export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api, cli
from eventmap.config import load_settings
from eventmap.review import merge_events, split_event
from eventmap.store.sqlite import Store

pytestmark = pytest.mark.slow

ARTICLES = {
    "2031-02-10-northpost-quake.txt": (
        "Earthquake topples Velmora bell tower\n\n"
        "A powerful earthquake struck Velmora on February 10, 2031, toppling the old bell tower. Governor "
        "Ilse Tarnow said rescue teams were searching the market square."),
    "2031-02-10-valleyherald-quake.txt": (
        "Velmora shaken by strong quake\n\n"
        "The earthquake that struck Velmora on February 10, 2031 brought down the bell tower, Governor Ilse "
        "Tarnow told reporters, while rescuers dug through the market square."),
    "2031-02-11-mountainwire-bridge.txt": (
        "Aster bridge reopens\n\n"
        "Engineers reopened the Aster valley bridge on February 11, 2031 after repairs, the roads agency "
        "said. Mayor Rufo Anzar thanked the crews."),
}
LATE = ("2031-02-13-ridgeline-velmora.txt",
        "Velmora counts the cost\n\nThe earthquake that struck Velmora on February 10, 2031 destroyed "
        "the bell tower, Governor Ilse Tarnow said on Thursday, as engineers checked the valley road.")


def _export(out: Path) -> dict:
    return json.loads((out / "eventmap.json").read_text(encoding="utf-8"))


def _event_of(export: dict, mention: str) -> dict:
    return next(e for e in export["events"] if mention in {m["id"] for m in e["mentions"]})


@pytest.fixture()
def built(tmp_path: Path) -> tuple[object, Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = load_settings(db=str(tmp_path / "m.db"), out=str(tmp_path / "out"), progress=False)
    api.build([corpus], settings=settings, out=tmp_path / "out", progress=False)
    return settings, tmp_path / "out", tmp_path


def _merged(export: dict) -> dict:
    """The Velmora strike: one event told by two articles."""
    return next(e for e in export["events"] if e["time"] and e["time"]["value"] == "2031-02-10"
                and len(e["articles"]) >= 2)


def test_each_merge_keeps_its_evidence_in_the_export(built) -> None:
    _, out, _ = built
    event = _merged(_export(out))
    assert event["merge_evidence"], "a merged event says why its mentions merged"
    mentions = {m["id"] for m in event["mentions"]}
    for ev in event["merge_evidence"]:
        assert ev["mention"] in mentions and ev["score"] >= ev["threshold"] and ev["correction"] is None
        kinds = {s["kind"] for s in ev["signals"]}
        assert "class" in kinds and kinds & {"actor", "name", "place", "date", "time"}
        assert all(s["label"] for s in ev["signals"])
    named = [s for ev in event["merge_evidence"] for s in ev["signals"] if s["kind"] in ("actor", "name")]
    assert all(s["name"] for s in named), "entity signals carry the entity's name"


def test_a_split_survives_a_rebuild_and_an_add(built) -> None:
    settings, out, tmp = built
    event = _merged(_export(out))
    mention = event["mentions"][-1]["id"]
    done = split_event(settings, event["id"], mention)
    after = _export(out)
    alone = _event_of(after, mention)
    assert [m["id"] for m in alone["mentions"]] == [mention] and alone["id"] in done.events
    with Store(settings.db, readonly=True) as store:
        (correction,) = store.corrections()
    assert correction.kind == "split" and correction.mention == mention
    api.build([], settings=settings, out=out, start="merge", progress=False)
    assert [m["id"] for m in _event_of(_export(out), mention)["mentions"]] == [mention]
    api.build([], settings=settings, out=out, start="dedup", progress=False)
    assert [m["id"] for m in _event_of(_export(out), mention)["mentions"]] == [mention]
    late = tmp / LATE[0]
    late.write_text(LATE[1], encoding="utf-8")
    api.add([late], settings=settings, out=out, progress=False)
    kept = _export(out)
    late_id = next(a["id"] for a in kept["articles"] if a["path"].endswith(LATE[0]))
    joined = [(e, m["id"]) for e in kept["events"] for m in e["mentions"][1:] if m["article"] == late_id]
    assert joined, "the added report's quake joins an event told before it"
    for e, m in joined:  # and says why, as a full build would
        assert m in {ev["mention"] for ev in e["merge_evidence"]}
    assert [m["id"] for m in _event_of(kept, mention)["mentions"]][:1] == [mention]
    first = event["mentions"][0]["id"]
    assert first not in {m["id"] for m in _event_of(kept, mention)["mentions"]}
    api.build([], settings=settings, out=out, start="merge", progress=False)  # the added article too
    rebuilt = _export(out)
    assert _event_of(rebuilt, mention)["id"] != _event_of(rebuilt, first)["id"]


def test_a_merge_survives_a_rebuild_and_says_a_person_made_it(built) -> None:
    settings, out, _ = built
    export = _export(out)
    strike = _merged(export)
    other = next(e for e in export["events"] if e["id"] != strike["id"] and len(e["mentions"]) == 1)
    merge_events(settings, strike["id"], other["id"])
    for start in (None, "merge"):
        if start:
            api.build([], settings=settings, out=out, start=start, progress=False)
        joined = _event_of(_export(out), other["mentions"][0]["id"])
        assert strike["mentions"][0]["id"] in {m["id"] for m in joined["mentions"]}
        by_person = [ev for ev in joined["merge_evidence"] if ev["correction"] is not None]
        assert [s["kind"] for ev in by_person for s in ev["signals"]] == ["person"]


def test_the_commands_say_what_to_do_with_a_wrong_id(built, capsys) -> None:
    settings, out, _ = built
    assert cli.main(["split", "evt_nosuch", "--mention", "evm_x", "--db", settings.db, "-q"]) != 0
    assert "event ids are in `eventmap export`" in capsys.readouterr().err
    strike = _merged(_export(out))
    assert cli.main(["split", strike["id"], "--mention", "evm_x", "--db", settings.db, "-q"]) != 0
    assert "its mentions are" in capsys.readouterr().err
    assert cli.main(["merge", strike["id"], strike["id"], "--db", settings.db, "-q"]) != 0
