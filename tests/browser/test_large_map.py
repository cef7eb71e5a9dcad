"""A map too large to carry whole: map.html holds the default view, map-data.js the rest (issue 16).

The sample corpus is rendered with the inline limit at 0, so its rest goes to the sidecar; the page
must open offline from file:// with the default view, read the rest with a script element when the
reader searches or ticks "Show all events", and refuse a sidecar of another build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from eventmap.export.map_html import SIDECAR, write_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                       reason="needs /usr/bin/chromium (apt-get install chromium)"),
]
pytest.importorskip("playwright.sync_api", reason="needs the playwright package")


@pytest.fixture(scope="module", params=["rest", "whole"])
def split_map(request: pytest.FixtureRequest, sample_build: dict,
              tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sidecar as the rest alone (compact), or as the bytes of eventmap.json (the render stage)."""
    out = tmp_path_factory.mktemp("split-map")
    whole = None
    if request.param == "whole":
        whole = out / "eventmap.json"
        shutil.copy(sample_build["out"] / "eventmap.json", whole)
    written = write_map(sample_build["export"], out, inline_mb=0, whole=whole)
    assert [p.name for p in written] == ["map.html", SIDECAR]
    return {"out": out, "export": sample_build["export"], "mode": request.param}


def _hidden_word(export: dict) -> tuple[dict, str]:
    """An event beyond the default view and a word only its sentences have among the events."""
    shown = " ".join(m["sentence"].lower() for e in export["events"] if e.get("salient", True)
                     for m in e["mentions"])
    for e in sorted((e for e in export["events"] if not e.get("salient", True)), key=lambda e: e["id"]):
        for word in re.findall(r"[a-z]{7,}", " ".join(m["sentence"].lower() for m in e["mentions"])):
            if word not in shown:
                return e, word
    pytest.skip("every event of the sample is in its default view")


def test_map_html_holds_the_default_view_only(split_map: dict) -> None:
    page = (split_map["out"] / "map.html").read_text(encoding="utf-8")
    assert 'id="eventmap-rest"' not in page
    assert "script-src 'sha256-" in page.replace("&#x27;", "'") and "'self'" in page.replace("&#x27;", "'")
    side = (split_map["out"] / SIDECAR).read_text(encoding="utf-8")
    assert side.startswith("EM.receiveRest(")
    hidden, _ = _hidden_word(split_map["export"])
    said = f'"id": "{hidden["id"]}"' if split_map["mode"] == "whole" else f'\\"id\\":\\"{hidden["id"]}\\"'
    assert said in side and f'"id":"{hidden["id"]}"' not in page


def test_search_and_show_all_read_the_sidecar(open_page: Any, split_map: dict) -> None:
    export = split_map["export"]
    lp = open_page((split_map["out"] / "map.html").as_uri())
    page = lp.page
    default = [e for e in export["events"] if e.get("salient", True)]
    assert page.locator("#evlist .ev-item").count() == len(default)
    assert f"of {len(export['events'])} events" in page.inner_text("#f-count")
    hidden, word = _hidden_word(export)
    page.fill("#f-q", word)
    page.locator(f"#evlist .ev-item[data-event-id='{hidden['id']}']").wait_for(timeout=10000)
    page.click(f"#evlist .ev-item[data-event-id='{hidden['id']}']")
    page.locator("#detail .detail-title").wait_for()
    assert page.locator("#detail .mention").count() == len(hidden["mentions"])
    page.fill("#f-q", "")
    page.click("#f-all")
    total = len(export["events"])  # locators, not wait_for_function: the page's CSP forbids eval
    page.locator("#f-count").filter(has_text=f"Showing {total:,} of {total:,} events").wait_for()
    assert page.locator("#evlist .ev-item").count() == total
    assert lp.errors == []
    assert all(u.startswith(("file:", "data:")) for u in lp.requests), lp.requests
    assert any(u.endswith("/" + SIDECAR) for u in lp.requests)


def test_a_sidecar_of_another_build_is_refused(open_page: Any, split_map: dict, tmp_path: Path,
                                               sample_build: dict) -> None:
    shutil.copy(split_map["out"] / "map.html", tmp_path / "map.html")
    other = dict(sample_build["export"], stats={**sample_build["export"]["stats"], "events": 0})
    write_map(other, tmp_path / "x", inline_mb=0) if (tmp_path / "x").mkdir() is None else None
    shutil.copy(tmp_path / "x" / SIDECAR, tmp_path / SIDECAR)
    lp = open_page((tmp_path / "map.html").as_uri())
    lp.page.click("#f-all")
    lp.page.locator("#f-count").filter(has_text="another build").wait_for()
    assert lp.page.locator("#evlist .ev-item").count() == len(
        [e for e in sample_build["export"]["events"] if e.get("salient", True)])
