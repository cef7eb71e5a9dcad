"""The map on real pipeline output, in headless chromium: the bundled sample, a hostile corpus, the seeds.

The data changes as extraction improves, so the checks compare the page with the export it was built
from (every dated event on the timeline, every placed entity on the map, every source sentence in the
detail) plus the few facts the corpora guarantee (sample_truth.json; the seeds' 1850s..2024 span).
Set EVENTMAP_SCREENSHOT=path.png to save the seed map as it opens (the default view) for the README.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                       reason="needs /usr/bin/chromium (apt-get install chromium)"),
]
pytest.importorskip("playwright.sync_api", reason="needs the playwright package")



def _known(outlet: Any) -> bool:
    return bool(outlet) and str(outlet).strip().lower() not in {"unknown", "none"}


def _dated(export: dict) -> list[dict]:
    return [e for e in export["events"]
            if isinstance(e.get("time"), dict) and (e["time"].get("start") or e["time"].get("value"))]


def _timeline(page: Any) -> tuple[list[dict], float]:
    items = page.eval_on_selector_all(
        "#timeline .tl-item",
        "els => els.map(e => ({id: e.getAttribute('data-event-id'), start: e.getAttribute('data-start'),"
        " x: Number(e.getAttribute('data-x'))}))")
    width = page.locator("#timeline .tl-svg").evaluate("e => e.getBoundingClientRect().width")
    return items, float(width)


def _drawn_places(page: Any, export: dict) -> set[str]:
    ids = page.eval_on_selector_all(".geo-points circle",
                                    "els => els.map(e => e.getAttribute('data-entity-id'))")
    name = {e["id"]: e["name"] for e in export["entities"]}
    return {name.get(i, i) for i in ids}


def _placed_with_events(export: dict) -> set[str]:
    used = {str(a) for ev in export["events"] for a in ev.get("actors") or []}
    used |= {str(ev["place"]) for ev in export["events"] if ev.get("place")}
    return {e["name"] for e in export["entities"] if e.get("geo") and e["id"] in used}


def _default_view(export: dict) -> dict:
    """The export as the map opens on it: its salient layer (every event, in an older export)."""
    return {**export, "events": [e for e in export["events"] if e.get("salient", True)]}


def _show_all(page: Any, on: bool = True) -> None:
    if page.locator("#f-all").is_checked() != on:
        page.click("#f-all")
        page.wait_for_timeout(300)


def _check_timeline_and_map(page: Any, export: dict) -> list[dict]:
    """The map opens on the salient events (list, timeline, places); "Show all events" brings back
    every event: each dated one drawn inside the timeline at 'Fit', undated ones listed."""
    for view in (_default_view(export), export):
        _show_all(page, view is export)
        items, width = _timeline(page)
        dated = _dated(view)
        assert sorted(i["id"] for i in items) == sorted(e["id"] for e in dated)
        assert all(0 <= i["x"] <= width for i in items), "an event is drawn outside the fitted timeline"
        undated = len(view["events"]) - len(dated)
        assert page.locator(".tl-undated .event-chip").count() == undated
        assert page.locator("#evlist .ev-item").count() == len(view["events"])
        assert _drawn_places(page, view) == _placed_with_events(view)
    return items


def _open_event(page: Any, event: dict) -> str:
    if page.locator(f"#evlist .ev-item[data-event-id='{event['id']}']").count() == 0:
        _show_all(page)
    page.click(f"#evlist .ev-item[data-event-id='{event['id']}']")
    page.locator("#detail .detail-title").wait_for()
    detail = page.locator("#detail")
    assert detail.locator(".mention").count() == len(event["mentions"])
    return detail.inner_text()


def _check_disagreement(page: Any, export: dict, dg: dict) -> None:
    event = next(e for e in export["events"] if e["id"] == dg["event"])
    text = _open_event(page, event)
    claims = page.locator("#detail .disagreements .claim")
    # The panel lists every disagreement keyed to this event, not only the one under test.
    shown = [c for d in export["disagreements"] if d.get("event") == event["id"] for c in d["claims"]]
    assert claims.count() == len(shown)
    for claim in dg["claims"]:
        assert " ".join(claim["text"].split()) in " ".join(text.split())


# ---------------------------------------------------------------- the bundled sample corpus


def test_sample_map_file(open_page: Any, sample_build: dict, sample_truth: dict) -> None:
    export = sample_build["export"]
    lp = open_page((sample_build["out"] / "map.html").as_uri())
    page = lp.page
    stats = [s.strip() for s in page.locator(".stat-v").all_inner_texts()]
    assert stats[0] == str(sample_truth["articles"]) and stats[-1] == str(len(export["events"]))

    items = _check_timeline_and_map(page, export)
    years = sorted(int(i["start"][:4]) for i in items)
    # the dam was built in the 1970s, an older flood on 1987-09-03, the breach on 2025-03-12
    assert years[0] <= 1987 and years[-1] >= 2025, years
    ticks = page.eval_on_selector_all(".tl-axis .tick text", "els => els.map(e => e.textContent)")
    assert any("2025" in t for t in ticks) and any(t.isdigit() and int(t) <= 1990 for t in ticks), ticks
    assert "Lisbon" in _drawn_places(page, export)
    truth_places = set(sample_truth["places"]) | set(sample_truth["countries"])
    assert len(_drawn_places(page, export) & truth_places) >= 2

    # an event reported by several outlets: one source card per mention, each outlet and sentence shown
    def outlets(ev: dict) -> set[str]:
        by_id = {a["id"]: a["outlet"] for a in export["articles"]}
        return {by_id[m["article"]] for m in ev["mentions"] if _known(by_id.get(m["article"]))}

    multi = max(export["events"], key=lambda e: len(outlets(e)))
    assert len(outlets(multi)) >= 2, "no event of the sample is reported by two outlets"
    text = _open_event(page, multi)
    shown = set(page.locator("#detail .mention .outlet").all_inner_texts())
    assert outlets(multi) <= shown
    for m in multi["mentions"]:
        assert " ".join(m["sentence"].split()) in " ".join(text.split())
    # the selected event is on screen in the timeline too
    if multi in _dated(export):
        assert page.locator(f".tl-item.selected[data-event-id='{multi['id']}']").is_visible()

    for dg in [d for d in export["disagreements"] if d.get("event")][:2]:
        _check_disagreement(page, export, dg)
    assert lp.errors == []
    assert all(u.startswith(("file:", "data:")) for u in lp.requests), lp.requests


def test_sample_served_from_the_store(open_page: Any, serve_app: Any, sample_build: dict) -> None:
    from eventmap.web.server import CachedStoreLoader, create_app

    export = sample_build["export"]
    loader = CachedStoreLoader(sample_build["db"])
    with serve_app(create_app(loader)) as url:
        lp = open_page(url + "/")
        page = lp.page
        _check_timeline_and_map(page, export)
        event = max(export["events"], key=lambda e: len(e["mentions"]))
        text = _open_event(page, event)
        assert event["mentions"][0]["sentence"].split()[0] in text
        assert lp.errors == []
        assert all(u.startswith(url) for u in lp.requests), lp.requests
        api_calls = [u for u in lp.requests if "/api/" in u]
        assert url + "/api/map/head" in api_calls  # the page opens on the head; the rest on demand
        assert loader.loads == 1, "the store was read more than once for one page load"
        # read-only unless ingestion is enabled
        assert page.request.post(url + "/api/ingest", data={"documents": []}).status in (404, 405)


# ---------------------------------------------------------------- hostile article text

HOSTILE = [
    ("hostile-a.txt", "Harbour Post", "2024-05-02",
     'Harbour festival opens in Porto Azul <img src=x onerror="window.__pwned=1">',
     'The mayor of Porto Azul opened the harbour festival on May 1, 2024, and said '
     '"</script><script>window.__pwned=2;document.title=\'PWNED\'</script>" was the slogan. '
     'Visitors crowded the quay in Porto Azul.'),
    ("hostile-b.txt", "Quay Gazette", "2024-05-03",
     "Porto Azul festival <script>window.__pwned=3</script> draws crowds",
     "The mayor of Porto Azul opened the harbour festival on May 1, 2024. "
     "A banner read <img src=y onerror=\"document.title='PWNED'\"> above the stage."),
]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    for name, outlet, published, title, body in HOSTILE:
        (corpus / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n"
                                   f"url: javascript:window.__pwned=4\n---\n{title}\n\n{body}\n",
                                   encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    api.build([corpus], settings=load_settings(db=str(out / "eventmap.db")), out=out, progress=False)
    return {"out": out, "db": out / "eventmap.db",
            "export": json.loads((out / "eventmap.json").read_text(encoding="utf-8"))}


def _check_hostile(page: Any, export: dict) -> None:
    assert export["events"], "no events extracted from the hostile articles"
    # prefer an event whose sentence carries a payload; any event shows its article's hostile title
    event = max(export["events"], key=lambda e: any("<img" in m["sentence"] or "</script>" in m["sentence"]
                                                    for m in e["mentions"]))
    text = _open_event(page, event)
    assert "<img" in text or "<script>" in text  # shown as text, never parsed
    for ev in export["events"][:10]:
        _open_event(page, ev)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "PWNED"
    assert page.locator("body img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_hostile_articles_run_nothing(open_page: Any, serve_app: Any, hostile_build: dict) -> None:
    from eventmap.web.server import CachedStoreLoader, create_app

    export = hostile_build["export"]
    assert any("<img" in a["title"] for a in export["articles"])
    lp = open_page((hostile_build["out"] / "map.html").as_uri())
    _check_hostile(lp.page, export)
    assert lp.errors == []
    with serve_app(create_app(CachedStoreLoader(hostile_build["db"]))) as url:
        lp = open_page(url + "/")
        _check_hostile(lp.page, export)
        assert lp.errors == []


# ---------------------------------------------------------------- the user's seeds (skipped when absent)


@pytest.fixture(scope="module")
def seed_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seeds-out")
    api.build([seeds_dir], settings=load_settings(db=str(out / "eventmap.db")), out=out, progress=False)
    return {"out": out, "export": json.loads((out / "eventmap.json").read_text(encoding="utf-8"))}


def test_seed_map(open_page: Any, seed_build: dict) -> None:
    export = seed_build["export"]
    lp = open_page((seed_build["out"] / "map.html").as_uri())
    page = lp.page
    items = _check_timeline_and_map(page, export)
    years = sorted(int(i["start"][:4]) for i in items)
    assert years[0] <= 1860 and years[-1] >= 2024, (years[0], years[-1])
    drawn = _drawn_places(page, export)
    assert "Pyongyang" in drawn

    troops = [d for d in export["disagreements"] if d.get("event")
              and any("troop" in c["text"].lower() for c in d["claims"])]
    assert troops, "the seeds' troop-deployment disagreement is missing from the export"
    _check_disagreement(page, export, troops[0])
    stances = " ".join(page.locator("#detail .disagreements .badge").all_inner_texts()).lower()
    assert "disputed" in stances or "denied" in stances
    assert page.locator(f".tl-item.selected[data-event-id='{troops[0]['event']}']").is_visible()
    assert lp.errors == []

    kursk = [e for e in export["entities"] if "kursk" in e["name"].lower()]
    if not any(e.get("geo") for e in kursk):
        pytest.xfail("the resolve stage has not geocoded Kursk yet (entities: "
                     f"{[(e['name'], e['type']) for e in kursk]}); the map can only draw placed entities")
    assert any("kursk" in n.lower() for n in drawn)


def _labelled(page: Any) -> int:
    return page.eval_on_selector_all(
        "#timeline .tl-item .tl-label", "els => els.filter(e => e.textContent.trim()).length")


def test_seed_map_opens_on_the_story(open_page: Any, seed_build: dict) -> None:
    """The default view (issue 16): the header says what the story is, the detail pane opens on the
    overview, the timeline labels at most 30 events, the graph shows the main storyline."""
    from eventmap.export.map_layers import main_storylines, story_label

    export = seed_build["export"]
    lp = open_page((seed_build["out"] / "map.html").as_uri())
    page = lp.page
    if os.environ.get("EVENTMAP_SCREENSHOT"):  # the README's picture: the map as it opens
        page.wait_for_timeout(400)
        page.screenshot(path=os.environ["EVENTMAP_SCREENSHOT"])
    assert page.inner_text("#title") == story_label(export)
    assert "3 Dec 2024" in page.inner_text("#subtitle")
    stats = export["stats"]
    assert [s.strip() for s in page.locator(".stat-v").all_inner_texts()] == [
        str(stats["articles"]), "0", str(stats["independent_origins"]), str(stats["events"])]  # no "unknown"

    overview = page.locator("#detail .overview")
    assert overview.count() == 1 and "the story in brief" in overview.inner_text().lower()
    sentences = {" ".join(m["sentence"].split()) for e in export["events"] for m in e["mentions"]}
    brief = overview.locator(".ov-sent").all_inner_texts()
    assert len(brief) >= 2 and all(any(s in t for t in sentences) for s in brief), brief
    assert overview.locator(".ov-brief .cite").count() >= len(brief)  # every sentence cited
    assert overview.locator(".ov-storyline").count() >= 3

    assert 0 < _labelled(page) <= 30
    lines = main_storylines(export)
    main = lines[0]["id"]
    assert page.get_attribute("#graph", "data-pick") == f"sl:{main}" == page.input_value("#g-pick")
    shown = [e for e in export["events"] if e.get("salient", True) and e.get("storyline") == main]
    assert int(page.get_attribute("#graph", "data-events")) == len(shown)
    assert page.get_attribute("#graph", "data-labels") == "all"
    # the picker switches it, and so does a storyline in the overview
    other = lines[1]["id"]
    page.select_option("#g-pick", f"sl:{other}")
    assert page.get_attribute("#graph", "data-pick") == f"sl:{other}"
    page.click(f"#detail .ov-storyline[data-storyline='{main}']")
    assert page.get_attribute("#graph", "data-pick") == f"sl:{main}"
    # "Show all events" brings back everything
    _show_all(page)
    assert page.locator("#evlist .ev-item").count() == len(export["events"])
    assert _labelled(page) <= 30
    assert lp.errors == []
