"""Pages with their chrome (tests/fixtures/chrome, written for eventmap in the style of five outlets, a
newsletter and a wire feed) build into a map with no chrome events and report what was removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap import api
from eventmap.cli import main
from eventmap.config import load_settings
from eventmap.sources.clean import chrome_family

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "chrome"
# Pieces of the chrome on those pages (none is a phrase of their stories)
CHROME = ("Share this", "Copy this link", "new window", "Image copyright", "Image caption", "Media caption",
          "Media playback", "Photograph:", "Pictured:", "View gallery", "/SWNS", "REUTERS/", "(Reuters)",
          "(CNN)", "Licensing", "Sign up", "newsletter", "Privacy Notice", "forwarded to you", "participate",
          "Related", "Explore more", "Most viewed", "Read more", "READ MORE", "Advertisement", "Ad Feedback",
          "Link Copied", "Follow us", "Follow BBC", "Do you have a story", "Comments 112", "By Harriet",
          "correspondent", "Reporting by", "contributed to this report", "Our Standards", "minute read",
          "Updated", "PUBLISHED", "Last modified", "cookies", "Copyright", "©", "All rights reserved",
          "Unsubscribe", "Suggested Topics")
# People named only in bylines and photo credits: they must not become actors
CREDITED = ("Harriet Vale", "Lucy Brennan", "Martin Selby", "Tom Okafor", "Nadia Petrov", "Alan Marsh",
            "Priya Nandakumar", "Alex Drummond")


@pytest.fixture(scope="module")
def chrome_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("chrome")
    db = out / "m.db"
    api.build([CORPUS], settings=load_settings(db=str(db)), out=out, progress=False)
    export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
    return {"db": db, "out": out, "export": export}


def test_every_page_is_an_article_with_its_chrome_counted(chrome_build) -> None:
    articles = chrome_build["export"]["articles"]
    assert len(articles) == len(list(CORPUS.iterdir())) == 7
    assert all(a["removed_lines"] >= 5 for a in articles), [(a["path"], a["removed_lines"]) for a in articles]
    assert not chrome_build["export"]["rejections"]


def test_no_event_is_made_of_chrome(chrome_build) -> None:
    events = chrome_build["export"]["events"]
    assert len(events) >= 10
    for event in events:
        for mention in event["mentions"]:
            sentence = mention["sentence"]
            assert chrome_family(sentence) is None, sentence
            assert not [c for c in CHROME if c.lower() in sentence.lower()], sentence


def test_bylines_and_photo_credits_are_not_entities(chrome_build) -> None:
    names = {e["name"] for e in chrome_build["export"]["entities"]}
    names |= {a for e in chrome_build["export"]["entities"] for a in e["aliases"]}
    assert not [n for n in names if any(c in n for c in CREDITED)], names


def test_article_sentences_with_chrome_words_are_kept(chrome_build) -> None:
    export = chrome_build["export"]
    sentences = {m["sentence"] for e in export["events"] for m in e["mentions"]}
    text = " ".join(sentences)
    for kept in ("share the images with investigators", "signed up to a council text service",
                 "Shares in its parent company fell", "follow up on their concerns"):
        assert kept in text, kept


def test_status_and_export_report_the_removed_lines(chrome_build, capsys) -> None:
    info = api.status(chrome_build["db"])
    exported = {a["id"]: a["removed_lines"] for a in chrome_build["export"]["articles"]}
    assert info["removed"]["total"] == sum(exported.values()) > 50
    assert {a["id"]: a["removed_lines"] for a in info["removed"]["articles"]} == exported
    assert main(["status", "--db", str(chrome_build["db"])]) == 0
    printed = capsys.readouterr().out
    assert f"page chrome removed at ingest: {info['removed']['total']} lines in 7 of 7 articles" in printed
    assert "  - guardian-tram-derailment.html: " in printed


def test_status_caps_its_list(chrome_build, capsys, monkeypatch) -> None:
    monkeypatch.setattr("eventmap.cli.STATUS_LIST", 3)
    assert main(["status", "--db", str(chrome_build["db"])]) == 0
    assert "  ... and 4 more (`eventmap status --json` lists all)" in capsys.readouterr().out


def test_rebuilding_is_idempotent(chrome_build, tmp_path) -> None:
    first = chrome_build["export"]
    api.build([CORPUS], settings=load_settings(db=str(chrome_build["db"])), out=tmp_path, progress=False)
    again = json.loads((tmp_path / "eventmap.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in first["articles"]]
    assert api.status(chrome_build["db"])["counts"]["articles"] == 7
