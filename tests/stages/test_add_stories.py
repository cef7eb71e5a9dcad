"""`eventmap add` places each new article in a story as the full clustering would (merge.place_stories):
a new report of a happening joins its story; a report of another happening of the same kind, a
month later, starts its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow

LAUNCH = ("{title}\n\nNorvania fired a Hawkspear ballistic missile from the Tarvel launch site on {day}, "
          "the defence ministry in Ostrel said. The missile flew {km} kilometres before falling into the "
          "Gray Sea, and Marshal Oren Daskal watched the launch. {extra}")
FIRST = {
    "2031-03-03-northwire-launch.txt": LAUNCH.format(
        title="Norvania fires Hawkspear missile", day="March 3, 2031", km=900,
        extra="Elsland called an emergency meeting of its security council."),
    "2031-03-03-baltic-launch.txt": LAUNCH.format(
        title="Hawkspear test alarms Elsland", day="March 3, 2031", km=900,
        extra="Elsland's prime minister Ines Varro condemned the test."),
    "2031-03-04-harbour-launch.txt": LAUNCH.format(
        title="Elsland protests Norvanian missile test", day="March 3, 2031", km=900,
        extra="Ines Varro summoned the Norvanian ambassador over the launch."),
    "2031-03-04-ledger-dam.txt": (
        "Velmora dam reopens\n\nThe Velmora dam on the Aster river reopened on March 4, 2031 after "
        "repairs, Governor Ilse Tarnow said, and the valley road to Caldrosa was cleared of rubble."),
}
SAME = ("2031-03-05-eastpost-launch.txt", LAUNCH.format(
    title="Elsland demands answers on Hawkspear launch", day="March 3, 2031", km=900,
    extra="Ines Varro told parliament the Hawkspear had flown over Elsland's fishing grounds."))
LATER = ("2031-04-09-eastpost-second-launch.txt", LAUNCH.format(
    title="Norvania fires another missile", day="April 8, 2031", km=1400,
    extra="The second test in five weeks used a new mobile launcher."))


def _dated(name: str, text: str) -> str:
    """Front matter with the publication day the file name starts with."""
    return f"---\npublished: {name[:10]}\n---\n{text}"


def _story_of(out: Path, name: str) -> str:
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    return next(a["story"] for a in export["articles"] if a["path"].endswith(name))


def test_add_joins_the_happenings_story_and_starts_one_for_another(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FIRST.items():
        (corpus / name).write_text(_dated(name, text), encoding="utf-8")
    settings = load_settings(db=str(tmp_path / "m.db"), progress=False)
    out = tmp_path / "out"
    api.build([corpus], settings=settings, out=out, progress=False)
    launch = _story_of(out, "2031-03-03-northwire-launch.txt")
    assert launch == _story_of(out, "2031-03-04-harbour-launch.txt")
    assert launch != _story_of(out, "2031-03-04-ledger-dam.txt")
    new = tmp_path / "new"
    new.mkdir()
    for name, text in (SAME, LATER):
        (new / name).write_text(_dated(name, text), encoding="utf-8")
        api.add([new / name], settings=settings, out=out, progress=False)
    assert _story_of(out, SAME[0]) == launch, "a new report of the launch joins its story"
    assert _story_of(out, LATER[0]) != launch, "a launch five weeks later is another story"
