"""The map's detail pane lists why an event's mentions were merged (events[].merge_evidence), as text."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from eventmap.export.map_html import render_map

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "export_small.json"
HOSTILE = "<img src=x onerror=\"window.__pwned=3\">"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


def _with_evidence() -> dict[str, Any]:
    export = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    ev = next(e for e in export["events"] if e["id"] == "ev2")
    for n, m in enumerate(ev["mentions"]):
        m["id"] = f"m{n}"
    ev["merge_evidence"] = [
        {"mention": "m1", "score": 2.5, "threshold": 1.5, "correction": None,
         "signals": [{"kind": "class", "label": "same kind of event", "value": "deployment", "name": None,
                      "weight": 1.0},
                     {"kind": "actor", "label": "same actor", "value": "e_tor", "name": "Toravia " + HOSTILE,
                      "weight": 1.0}]},
        {"mention": "m0", "score": 0.0, "threshold": 0.0, "correction": 7,
         "signals": [{"kind": "person", "label": "merged by a person", "value": "ev2", "name": None,
                      "weight": 0.0}]},
    ]
    return export


def test_the_detail_pane_says_why_the_mentions_merged(open_page, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    path.write_text(render_map(_with_evidence()), encoding="utf-8")
    page = open_page(path.as_uri()).page
    page.click("#evlist .ev-item[data-event-id='ev2']")
    why = page.locator("#detail .why-merged")
    why.wait_for()
    text = why.inner_text()
    assert "why merged (2)" in text.lower()  # the heading is styled in capitals
    assert "same actor Toravia " + HOSTILE in text, text  # shown as text, never as markup
    assert "score 2.50 \u2265 1.50" in text
    assert "merged by a person (correction 7)" in text
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#detail .why-merged img").count() == 0
