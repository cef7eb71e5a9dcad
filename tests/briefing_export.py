"""A small hand-written export (eventmap/1) for the briefing tests: an invented harbour-accord story.

Four articles from three outlets: [3] is a contained copy of [1]; [4] calls the troop deployment
that [2] reports as fact a fabrication, and its title and text carry a script tag.
"""

from __future__ import annotations

import re
from typing import Any

CITE = re.compile(r"\[(\d+)\]")


def _mention(article: str, sentence: str, trigger: str, modality: str = "asserted", *,
             time_text: str | None = None, quantities: list[dict] | None = None) -> dict[str, Any]:
    at = sentence.index(trigger)
    return {"article": article, "sentence": sentence, "sentence_start": 0, "start": at,
            "end": at + len(trigger), "trigger": trigger, "modality": modality, "time_text": time_text,
            "time_inherited": False, "quantities": quantities or []}


def _time(value: str, granularity: str, start: str, end: str) -> dict[str, Any]:
    return {"value": value, "start": start, "end": end, "granularity": granularity, "approximate": False}


SIGNED_1 = ("The two port authorities signed the harbour accord in Velmora on June 18, 2024, after "
            "eleven months of talks over shipping lanes.")
SIGNED_2 = ("After eleven months of talks, the port authorities signed the harbour accord in Velmora on "
            "June 18, 2024, officials said.")
SHIPS = ("Under the accord, 40 cargo ships a day will be allowed through the northern channel from "
         "next spring.")
TROOPS_2 = "Coast guard troops were deployed to the northern channel on July 2, 2024, to enforce the accord."
TROOPS_4 = ("Claims that coast guard troops were deployed to the channel are fabricated, according to "
            "the <script>alert('x')</script> harbour office.")
HISTORY = ("The harbour was first dredged in the 1920s, when the old fishing fleet still landed most "
           "of the town's catch.")
PIER = ("The breakwater at Velmora was rebuilt in 1934 after a winter storm destroyed most of the "
        "old stone pier.")
SUBSCRIBE = "Click here to subscribe to our newsletter and get the harbour briefing every week."
PROTEST = ("Fishermen protested outside the harbour office on July 3, 2024, saying the accord would "
           "close the channel to small boats.")


def small_export() -> dict[str, Any]:
    articles = [
        {"id": "a1", "title": "Harbour accord signed after long talks", "outlet": "Northern Ledger",
         "url": "https://ledger.example/accord", "path": "001_accord.txt", "published": "2024-06-19",
         "duplicate_of": None, "duplicate_kind": None},
        {"id": "a2", "title": "Accord reached over harbour", "outlet": "Coastal Wire",
         "url": "https://wire.example/accord", "path": "002_wire.txt", "published": "2024-07-03",
         "duplicate_of": None, "duplicate_kind": None},
        {"id": "a3", "title": "Repost: harbour accord", "outlet": "Aggregator Daily", "url": None,
         "path": "003_repost.txt", "published": "2024-06-20", "duplicate_of": "a1",
         "duplicate_kind": "contained"},
        {"id": "a4", "title": "Harbour <script>alert(1)</script> review", "outlet": "History Review",
         "url": "javascript:alert(1)", "path": "004_history.txt", "published": None,
         "duplicate_of": None, "duplicate_kind": None},
    ]
    june18 = _time("2024-06-18", "day", "2024-06-18", "2024-06-18")
    july2 = _time("2024-07-02", "day", "2024-07-02", "2024-07-02")
    ships = {"text": "40", "value": 40.0, "low": 40.0, "high": 40.0, "unit": "ship", "qualifier": None}
    events = [
        {"id": "e1", "summary": "port authorities signed the harbour accord", "time": june18,
         "actors": ["n1", "n2"], "place": "n3", "articles": ["a1", "a2"], "independent_sources": 2,
         "storyline": "s1",
         "mentions": [_mention("a1", SIGNED_1, "signed", time_text="June 18, 2024"),
                      _mention("a2", SIGNED_2, "signed", time_text="June 18, 2024")]},
        {"id": "e2", "summary": "ships allowed through", "time": None, "actors": ["n1"], "place": None,
         "articles": ["a1"], "independent_sources": 1, "storyline": "s1",
         "mentions": [_mention("a1", SHIPS, "allowed", "planned", quantities=[ships])]},
        {"id": "e3", "summary": "troops deployed", "time": july2, "actors": ["n4"], "place": None,
         "articles": ["a2", "a4"], "independent_sources": 2, "storyline": "s2",
         "mentions": [_mention("a2", TROOPS_2, "deployed", time_text="July 2, 2024"),
                      _mention("a4", TROOPS_4, "deployed", "denied")]},
        {"id": "e4", "summary": "harbour dredged",
         "time": {**_time("192X", "decade", "1920-01-01", "1929-12-31")}, "actors": [], "place": "n3",
         "articles": ["a4"], "independent_sources": 1, "storyline": "s3",
         "mentions": [_mention("a4", HISTORY, "dredged", time_text="the 1920s")]},
        {"id": "e7", "summary": "breakwater rebuilt",
         "time": _time("1934", "year", "1934-01-01", "1934-12-31"),
         "actors": [], "place": "n3", "articles": ["a4"], "independent_sources": 1, "storyline": "s3",
         "mentions": [_mention("a4", PIER, "rebuilt", time_text="1934")]},
        {"id": "e5", "summary": "subscribe", "time": None, "actors": [], "place": None,
         "articles": ["a2"], "independent_sources": 1, "storyline": None,
         "mentions": [_mention("a2", SUBSCRIBE, "subscribe")]},
        {"id": "e6", "summary": "fishermen protested",
         "time": _time("2024-07-03", "day", "2024-07-03", "2024-07-03"), "actors": ["n5"], "place": None,
         "articles": ["a2"], "independent_sources": 1, "storyline": "s2",
         "mentions": [_mention("a2", PROTEST, "protested", time_text="July 3, 2024")]},
    ]
    entities = [{"id": "n1", "name": "Velmora Port Authority", "type": "ORG"},
                {"id": "n2", "name": "Sarn Port Authority", "type": "ORG"},
                {"id": "n3", "name": "Velmora", "type": "GPE"},
                {"id": "n4", "name": "Coast Guard", "type": "ORG"},
                {"id": "n5", "name": "Fishermen", "type": "NORP"}]
    return {
        "schema": "eventmap/1",
        "stats": {"articles": 4, "unique_articles": 3, "outlets": 4, "independent_origins": 3, "events": 7},
        "articles": articles, "entities": entities, "events": events, "links": [],
        "storylines": [{"id": "s1", "label": "accord", "events": ["e1", "e2"]},
                       {"id": "s2", "label": "deployment", "events": ["e3", "e6"]},
                       {"id": "s3", "label": "history", "events": ["e4", "e7"]}],
        "disagreements": [{"event": "e3", "kind": "modality", "topic": "deployment: Coast Guard",
                           "claims": [{"article": "a2", "text": TROOPS_2, "stance": "asserted",
                                       "outlet": "Coastal Wire"},
                                      {"article": "a4", "text": TROOPS_4, "stance": "disputed",
                                       "outlet": "History Review"}]}],
    }


def uncited_lines(markdown: str) -> list[str]:
    """Content lines of a briefing.md that do not end every sentence with a citation.

    Headings, the italic coverage/notes lines, disagreement group headings and the source list are
    not claims; every bullet must end in [n], and a prose paragraph must be a run of cited sentences.
    """
    bad = []
    in_sources = False
    for line in markdown.splitlines():
        text = line.strip()
        if text.startswith("## "):
            in_sources = text == "## Sources"
            continue
        if not text or in_sources or text.startswith(("#", "*")):
            continue
        if text.startswith("- "):
            if not re.search(r"(\[\d+\])+$", text):
                bad.append(line)
            continue
        # prose: split after each run of citations; every piece must end in one
        pieces = re.split(r"(?<=\])\s+(?=[^\[])", text)
        if any(not re.search(r"\[\d+\]$", p) for p in pieces):
            bad.append(line)
    return bad
