"""render_map: one self-contained page, data embedded safely, strict CSP."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from eventmap.export.map_html import csp_hash, json_for_html, render_index, render_map

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "export_small.json"


@pytest.fixture(scope="module")
def export() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(export: dict) -> str:
    return render_map(export)


def _data_block(page: str, block_id: str) -> str:
    m = re.search(
        r'<script type="application/json" id="' + block_id + r'">(.*?)</script>', page, re.S
    )
    assert m, block_id
    return m.group(1)


def _csp(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert m, "CSP meta missing"
    return m.group(1).replace("&#x27;", "'")


def test_fixture_contains_the_payloads(export: dict) -> None:
    text = json.dumps(export)
    assert "</script><script>" in text
    assert "<img src=x onerror" in text


def test_data_round_trips(page: str, export: dict) -> None:
    """The head (default view and overview) and the rest hold the export's items, each once."""
    head = json.loads(_data_block(page, "eventmap-data"))
    rest = json.loads(_data_block(page, "eventmap-rest")) if 'id="eventmap-rest"' in page else {}
    assert head["overview"]["title"] and head["view"]["labels"] == 30
    for key in ("events", "entities", "links", "storylines", "disagreements", "articles"):
        mine = [json.dumps(x, sort_keys=True) for x in head.get(key, []) + rest.get(key, [])]
        assert sorted(mine) == sorted(json.dumps(x, sort_keys=True) for x in export.get(key, [])), key
    assert {k: v for k, v in head.items() if k not in ("overview", "view") and not isinstance(v, list)} == \
        {k: v for k, v in export.items() if not isinstance(v, list)}


def test_payloads_appear_only_escaped(page: str) -> None:
    assert "<script>window.__pwned" not in page
    assert "</script><script>" not in page
    assert "<img src=x" not in page.lower()
    block = _data_block(page, "eventmap-data")
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003c/script\\u003e\\u003cscript\\u003e" in block
    # every <script ...> element is closed exactly once: nothing broke out of a data block
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"</script>", page))


def test_title_is_escaped(page: str) -> None:
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "&lt;/script&gt;" in title.group(1)
    h1 = re.search(r'<h1 id="title">(.*?)</h1>', page, re.S)
    assert h1 and "<" not in h1.group(1)


def test_csp_is_strict_and_hashes_every_inline_block(page: str) -> None:
    csp = _csp(page)
    directives = dict(
        (d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip()
    )
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp
    inline_scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(inline_scripts) >= 4
    for body in inline_scripts:
        assert csp_hash(body) in directives["script-src"]
    for body in re.findall(r"<style>(.*?)</style>", page, re.S):
        assert csp_hash(body) in directives["style-src"]


def test_self_contained_no_network_references(page: str) -> None:
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "cdn." not in page.lower()


def test_world_outline_embedded(page: str) -> None:
    world = json.loads(_data_block(page, "eventmap-world"))
    assert world["type"] == "Topology" and "countries" in world["objects"]


@pytest.mark.parametrize("value", [{}, None, {"events": [], "stats": {}}])
def test_empty_exports_render(value: dict | None) -> None:
    out = render_map(value)
    assert out.startswith("<!DOCTYPE html>")
    assert "<title>Event map" in out


def test_json_for_html_escapes_line_separators_and_nan() -> None:
    s = json_for_html({"a": "x\u2028y\u2029z</b>&", "n": float("nan")})
    assert "\u2028" not in s and "\u2029" not in s
    assert json.loads(s) == {"a": "x\u2028y\u2029z</b>&", "n": None}


def test_render_does_not_mutate_input(export: dict) -> None:
    before = copy.deepcopy(export)
    render_map(export)
    assert export == before


def test_render_index_points_at_api_and_static() -> None:
    out = render_index()
    assert '<meta name="eventmap-api" content="/api">' in out
    assert 'src="/static/app/main.js"' in out
    assert "eventmap-data" not in out


def test_title_falls_back_to_shared_article_title_then_top_entities(export: dict) -> None:
    from eventmap.export.map_html import _title

    assert _title(export).startswith("Harbour accord </script>")  # the export's own title wins
    untitled = {k: v for k, v in export.items() if k != "title"}
    one = copy.deepcopy(untitled)
    for a in one["articles"]:
        a["title"] = "Same story everywhere"
    assert _title(one) == "Same story everywhere"
    # several titles: the entities in the most events, a leading "the" dropped, no machine storyline label
    events = [{"id": f"e{i}", "actors": actors, "place": place} for i, (actors, place) in enumerate(
        [(["a", "b"], "c"), (["a"], "c"), (["a", "b"], None), (["d"], None)])]
    ents = [{"id": "a", "name": "the Penhascal Dam"}, {"id": "b", "name": "Viseu"},
            {"id": "c", "name": "Lisbon"}, {"id": "d", "name": "Brussels"}]
    many = {**untitled, "events": events, "entities": ents}
    assert _title(many) == "Penhascal Dam \u00b7 Viseu \u00b7 Lisbon"
    assert _title({}) == "Event map"
