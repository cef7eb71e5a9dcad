"""The newsdesk pages (tests/fixtures/newsdesk: 24 invented pages with their chrome, 8 events told by
3 outlets each, gold written before any run) build into a map whose stories, main-event days, places
and wire datelines hold. `benchmarks/newsdesk.py` scores the same build slot by slot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings
from eventmap.sources.clean import chrome_family

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "newsdesk"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def newsdesk(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("newsdesk")
    pages = sorted(CORPUS.glob("*.html"))
    api.build(pages, settings=load_settings(db=str(out / "m.db")), out=out, progress=False)
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    by_page = {Path(a["path"]).name: a for a in export["articles"]}
    return {"export": export, "pages": by_page, "events": {e["id"]: e for e in export["events"]}}


def test_every_page_is_read_and_one_events_pages_share_a_story(newsdesk) -> None:
    pages = newsdesk["pages"]
    assert set(pages) == set(GOLD["pages"]) and not newsdesk["export"]["rejections"]
    for event in GOLD["events"]:
        stories = {pages[p]["story"] for p, g in GOLD["pages"].items() if g["event"] == event}
        assert len(stories) == 1, (event, stories)
    # two storms over one county 19 days apart are two stories (the two matches of one club five days
    # apart are still one: a known miss, see RESULTS.md)
    hollis = pages["storm-hollis-cumbria--bbc.html"]["story"]
    assert hollis != pages["storm-ines-cumbria--bbc.html"]["story"]


def test_each_pages_main_event_is_dated_to_its_day(newsdesk) -> None:
    for page, gold in GOLD["pages"].items():
        event = newsdesk["events"][newsdesk["pages"][page]["main_event"]]
        time = event["time"] or {}
        assert (time.get("start") or "")[:10] <= gold["when"] <= (time.get("end") or "")[:10], (page, time)


def test_a_wire_dateline_gives_its_place(newsdesk) -> None:
    pages = newsdesk["pages"]
    assert pages["trucking-merger--reuters.html"]["dateline"] == "New York"
    assert pages["trucking-merger--reuters.html"]["main_event_where"] == "New York"
    assert pages["solar-founder-sentenced--apnews.html"]["dateline"] == "Phoenix"
    assert pages["minister-resigns--bbc.html"]["dateline"] is None  # no wire dateline there


def test_no_event_is_made_of_chrome(newsdesk) -> None:
    for event in newsdesk["export"]["events"]:
        for mention in event["mentions"]:
            assert chrome_family(mention["sentence"]) is None, mention["sentence"]
