"""merge on a small corpus of two invented earthquakes, three articles each: one event per quake told
by several articles, two stories, a story per article (copies included) in the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow

ARTICLES = {
    "2031-02-10-northpost-velmora-quake.txt": (
        "Earthquake destroys Velmora bell tower\n\n"
        "A powerful earthquake struck Velmora on February 10, 2031, collapsing the old bell tower. "
        "Governor Ilse Tarnow said rescue teams were searching the rubble of the market square, and the "
        "road to the Aster valley was cut by landslides."),
    "2031-02-10-valleyherald-velmora-quake.txt": (
        "Velmora shaken by strong quake\n\n"
        "The earthquake that struck Velmora on February 10, 2031 brought down the town's bell tower, "
        "Governor Ilse Tarnow told reporters. Landslides blocked the Aster valley road while rescuers "
        "dug through the market square."),
    "2031-02-12-mountainwire-velmora-aftershocks.txt": (
        "Aftershocks rattle Velmora\n\n"
        "Aftershocks kept Velmora awake two days after the earthquake. Governor Ilse Tarnow opened "
        "shelters in the market square and promised to rebuild the bell tower of the Aster valley town."),
    "2031-07-02-coastaltimes-caldrosa-quake.txt": (
        "Earthquake sinks Caldrosa piers\n\n"
        "A strong earthquake struck Caldrosa on July 2, 2031, sinking two piers into the harbour. "
        "Mayor Rufo Anzar ordered the ferries to stay at sea while fires burned in the fish market."),
    "2031-07-02-harbourgazette-caldrosa-quake.txt": (
        "Caldrosa harbour closed after quake\n\n"
        "Mayor Rufo Anzar closed the Caldrosa harbour after the earthquake struck Caldrosa on July 2, "
        "2031. Two piers sank and fires spread through the fish market before crews put them out."),
    "2031-07-05-seaboardnews-caldrosa-reopens.txt": (
        "Caldrosa harbour reopens\n\n"
        "Caldrosa reopened its harbour to ferries three days after the earthquake. Mayor Rufo Anzar "
        "said the sunken piers would be rebuilt and fish market traders moved to tents on the seafront."),
}


@pytest.fixture(scope="module")
def quake_export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("quakes")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    # A repost of the first article on another site joins its origin's story.
    (corpus / "2031-02-11-reposter-velmora.txt").write_text(next(iter(ARTICLES.values())), encoding="utf-8")
    api.build([corpus], settings=load_settings(db=str(tmp / "m.db")), out=tmp / "out", progress=False)
    return json.loads(Path(tmp / "out" / "eventmap.json").read_text(encoding="utf-8"))


def _town(article: dict) -> str:
    return "velmora" if "velmora" in article["path"] else "caldrosa"


def test_two_earthquakes_make_two_stories(quake_export) -> None:
    stories = quake_export["stories"]
    assert len(stories) == 2
    by_story: dict[str, set[str]] = {}
    for article in quake_export["articles"]:
        assert article["story"] in {s["id"] for s in stories}
        by_story.setdefault(article["story"], set()).add(_town(article))
    assert sorted(map(sorted, by_story.values())) == [["caldrosa"], ["velmora"]]


def test_each_quake_is_one_event_told_by_several_articles(quake_export) -> None:
    towns = {a["id"]: _town(a) for a in quake_export["articles"]}
    for town, day in (("velmora", "2031-02-10"), ("caldrosa", "2031-07-02")):
        strikes = [e for e in quake_export["events"] if e["time"] and e["time"]["value"] == day
                   and {towns[a] for a in e["articles"]} == {town} and len(e["articles"]) >= 2]
        assert strikes, f"the {town} earthquake is not one event across outlets"
    # Nothing merges the two quakes: their days differ.
    for event in quake_export["events"]:
        assert len({towns[a] for a in event["articles"]}) == 1, event["summary"]
