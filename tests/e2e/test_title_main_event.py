"""The title chooses the main event, as a news editor reads headline and lead: pages written for this
test in the style of UK and US news sites, with their chrome, where the first sentence sets a scene
and the news the title names comes after it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings
from eventmap.store.sqlite import Store

pytestmark = pytest.mark.slow

PAGES = {
    "gazette-ferry.html": """<!doctype html><html><head>
<title>Ferry runs aground off Orkney, 40 passengers rescued | Northshire Gazette</title>
<meta property="og:title" content="Ferry runs aground off Orkney, 40 passengers rescued">
<meta property="article:published_time" content="2025-06-08T11:02:00Z">
</head><body><nav>Home | News | Sport | Weather</nav><article>
<h1>Ferry runs aground off Orkney, 40 passengers rescued</h1>
<p>Share this article</p>
<p>It was meant to be a calm crossing on a bright Sunday morning in the north of Scotland.</p>
<p>The MV Skerry Star, a passenger ferry, ran aground on rocks off Hoy in Orkney shortly after 9am
on Sunday, the coastguard said.</p>
<p>Lifeboat crews from Stromness and Longhope rescued all 40 passengers within two hours.</p>
<p>Image caption: The ferry listing on the rocks off Hoy</p>
<p>Nobody was seriously hurt, although three passengers were treated for cold at a harbour in
Stromness, the island's health board said.</p>
<p>The operator said the ship's hull had been damaged and that crossings would be suspended until
an inspection is complete.</p>
<p>Read more: Island ferries face winter timetable cuts</p>
</article><footer>© Northshire Gazette 2025. All rights reserved.</footer></body></html>""",
    "valley-floods.html": """<!doctype html><html><head>
<title>Storm watch: Governor declares emergency as river floods towns - Valley Times</title>
<meta property="article:published_time" content="2025-04-15T18:30:00Z">
</head><body><header>Valley Times | Subscribe | Sign in</header><article>
<h1>Storm watch: Governor declares emergency as river floods towns</h1>
<p>By Dana Whitcombe, Staff Writer</p>
<p>Rain has been falling across the valley for nine straight days.</p>
<p>Governor Ana Ruiz declared a state of emergency on Tuesday after the Red River burst its banks
and flooded three towns in Harlan County.</p>
<p>About 2,000 residents were moved to shelters in school gyms, county officials said.</p>
<p>The National Guard will send trucks and boats to help with rescues, the governor said at a news
conference in the state capital.</p>
<p>Advertisement</p>
<p>Follow us on social media for the latest updates.</p>
</article></body></html>""",
    "courier-cyclist.html": """<!doctype html><html><head>
<title>Police say van driver fled after crash that left cyclist seriously hurt | The Daily Courier</title>
<meta property="article:published_time" content="2025-09-23T07:45:00Z">
</head><body><nav>News | Local | Crime | Weather | Sign in</nav><article>
<h1>Police say van driver fled after crash that left cyclist seriously hurt</h1>
<p>By Martha Keane, Crime Reporter</p>
<p>Updated 07:45 EDT, September 23, 2025</p>
<p>The driver of a white van fled the scene after striking a cyclist on Mill Road late on Monday,
police said.</p>
<p>The 34-year-old woman was taken to Mercy General Hospital with serious head injuries, a
spokesman for the Elmwood Police Department said.</p>
<p>Officers are searching for the van, which was last seen heading north on Route 9, and have
asked anyone with dashcam footage to come forward.</p>
<p>Advertisement</p>
<p>Mill Road has been the scene of three serious crashes this year, according to county records.</p>
<p>Copyright 2025 The Daily Courier. All rights reserved.</p>
</article></body></html>""",
}


@pytest.fixture(scope="module")
def titled_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("titled")
    corpus = root / "in"
    corpus.mkdir()
    for name, page in PAGES.items():
        (corpus / name).write_text(page, encoding="utf-8")
    db = root / "m.db"
    api.build([corpus], settings=load_settings(db=str(db), progress=False), out=root / "out", progress=False)
    export = json.loads((root / "out" / "eventmap.json").read_text(encoding="utf-8"))
    return {"db": db, "root": root, "export": export}


def _article(export: dict, part: str) -> dict:
    return next(a for a in export["articles"] if part in (a["path"] or ""))


def test_titles_are_parsed_at_annotate_time_without_the_site_name(titled_build) -> None:
    with Store(titled_build["db"]) as store:
        parses = {a.path: store.title_parses()[a.id] for a in store.articles()}
    ferry = next(p for path, p in parses.items() if "ferry" in path)
    assert ferry.headline == "Ferry runs aground off Orkney, 40 passengers rescued"
    assert "run" in ferry.predicates
    floods = next(p for path, p in parses.items() if "floods" in path)
    assert floods.headline == "Governor declares emergency as river floods towns"
    assert floods.predicates == ("declare",)
    assert "flood" in floods.others


def test_the_news_the_title_names_is_the_main_event_not_the_scene_set_before_it(titled_build) -> None:
    ferry = _article(titled_build["export"], "ferry")
    assert (ferry["main_event_what"] or "").startswith("ran "), ferry
    floods = _article(titled_build["export"], "floods")
    assert "declared a state of emergency" in (floods["main_event_what"] or ""), floods
    assert "Ana Ruiz" in (floods["main_event_who"] or ""), floods
    # "X, police said": the reported clause is the news, as the title's "Police say X" frames it
    cyclist = _article(titled_build["export"], "cyclist")
    assert (cyclist["main_event_what"] or "").startswith("fled the scene"), cyclist
    assert "driver" in (cyclist["main_event_who"] or ""), cyclist


def test_a_store_without_title_parses_gets_them_on_its_next_add(titled_build, tmp_path: Path) -> None:
    """A store built before title parses were kept (schema 6) opens, and the next ``eventmap add``
    parses the titles of its old articles as well as the new one's."""
    db = tmp_path / "old.db"
    db.write_bytes(Path(titled_build["db"]).read_bytes())
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE titles; PRAGMA user_version = 6;")  # schema 6: before migration 7's titles
    con.close()
    with Store(db) as store:  # migrates: the table is back, empty
        assert store.title_parses() == {}
        assert len(store.untitled_ids()) == len(PAGES)
    new = tmp_path / "new" / "wire.txt"
    new.parent.mkdir()
    new.write_text("---\noutlet: Northshire Wire\npublished: 2025-06-09\n---\n"
                   "Orkney ferry crossings resume after grounding\n\n"
                   "Ferry crossings between Orkney and the mainland resumed on Monday, a day after the "
                   "MV Skerry Star ran aground off Hoy, the operator said. Divers inspected the hull "
                   "overnight.\n",
                   encoding="utf-8")
    api.add([new], settings=load_settings(db=str(db), progress=False), out=tmp_path / "out", progress=False)
    with Store(db) as store:
        parses = store.title_parses()
        assert len(parses) == len(PAGES) + 1 and not store.untitled_ids()
        assert any(p.predicates == ("resume",) for p in parses.values())
    export = json.loads((tmp_path / "out" / "eventmap.json").read_text(encoding="utf-8"))
    assert (_article(export, "ferry")["main_event_what"] or "").startswith("ran ")
