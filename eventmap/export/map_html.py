"""Single-file HTML event map.

``render_map(export)`` turns the JSON export (the ``eventmap/1`` dict) into one self-contained HTML
page: the UI scripts and styles from ``eventmap/web/static`` are inlined, the map and the world
outline are embedded as ``application/json`` blocks, and a Content-Security-Policy meta tag allows
exactly those inline blocks (by sha256 hash) and nothing else: no network, no eval, no CDN.

The page opens on the story (``map_layers.overview``) and the default view (``map_layers.split``'s
head). ``write_map(export, out_dir)`` writes it for any size: a small map carries the rest inline as
a second block, read after the first render; a large one writes it to ``map-data.js`` next to
``map.html``, which the page loads with a ``<script>`` element when the reader searches or asks for
every event (``fetch`` of a ``file://`` URL fails in browsers; a script of the page's own origin,
allowed by ``script-src 'self'``, does not), so the page still works offline from its folder.

``render_index(...)`` builds the same page for the web server, where the scripts are served from
``/static`` and the data comes from the JSON API.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
import shutil
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .briefing import Briefing

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"

VENDOR_JS = ("vendor/d3.min.js", "vendor/topojson-client.min.js", "vendor/cytoscape.min.js")
SIDECAR = "map-data.js"  # the rest of a large map, next to map.html
APP_JS = (
    "app/core.js",
    "app/data.js",
    "app/overview.js",
    "app/timeline.js",
    "app/graph.js",
    "app/geo.js",
    "app/detail.js",
    "app/main.js",
)
APP_CSS = ("app/app.css",)
WORLD_JSON = "vendor/countries-110m.json"
# cytoscape inserts this one <style> element at run time; allow it by hash
CYTOSCAPE_RUNTIME_STYLE = ".__________cytoscape_container { position: relative; }"

_SCRIPT_CLOSE = re.compile(r"</(script)", re.IGNORECASE)
_STYLE_CLOSE = re.compile(r"</(style)", re.IGNORECASE)


def json_for_html(obj: Any) -> str:
    """Serialise ``obj`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&`` and U+2028/U+2029 are written as ``\\uXXXX`` escapes (valid JSON, parsed
    back to the same characters), so no string in the data can close the element or open a
    comment. Non-finite floats become ``null`` (``JSON.parse`` rejects ``NaN``).
    """
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                          default=str)
    except ValueError:
        text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False, default=str)
    return _html_safe(text)


def _compact_json(obj: Any) -> str:
    """``json_for_html``'s JSON, before its escapes (ValueError for a non-finite number)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)


def _html_safe(text: str) -> str:
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_EVENTS = "\x00events\x00"  # a mark for the head's events (json writes its NULs \u0000)


def _head_json(head: Mapping[str, Any], statics: Mapping[str, str] | None) -> str:
    """``json_for_html(head)``, with the static half of each of its events written from ``statics``
    (event id -> compact JSON of it, ``json_export.WorkingExport.statics``) where it has one: an
    event is its dynamic half (``parts.DYNAMIC_KEYS``) and then its static half's keys, so its text
    is the two texts joined. The salient layer is ~3 MB of JSON at 2,000 articles; its static
    halves change only with the events. Anything else is encoded as ``json_for_html`` does."""
    from .parts import DYNAMIC_KEYS

    events = head.get("events")
    if not statics or not isinstance(events, list):
        return json_for_html(head)
    try:
        texts = []
        for e in events:
            static = statics.get(e.get("id")) if e.__class__ is dict else None
            if static is None or tuple(e)[:len(DYNAMIC_KEYS)] != DYNAMIC_KEYS:
                texts.append(_compact_json(e))
                continue
            dynamic = _compact_json({k: e[k] for k in DYNAMIC_KEYS})
            texts.append(dynamic if static == "{}" else dynamic[:-1] + "," + static[1:])
        text = _compact_json({**head, "events": _EVENTS})
    except ValueError:  # a non-finite number: json_for_html writes it null
        return json_for_html(head)
    mark = _compact_json(_EVENTS)
    if text.count(mark) != 1:
        return json_for_html(head)
    return _html_safe(text.replace(mark, "[" + ",".join(texts) + "]"))


def _finite(obj: Any) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, Mapping):
        return {str(k): _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def csp_hash(source: str) -> str:
    """The CSP source expression (``'sha256-...'``) for an inline block's exact text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=32)
def _read_static(rel: str) -> str:
    return (STATIC_DIR / rel).read_text(encoding="utf-8")


def _inline_js(rel: str) -> str:
    text = _read_static(rel)
    if "<!--" in text:
        raise ValueError(f"{rel}: cannot inline a script containing '<!--'")
    return _SCRIPT_CLOSE.sub(r"<\\/\1", text)


def _inline_css(rel: str) -> str:
    return _STYLE_CLOSE.sub(r"<\\/\1", _read_static(rel))


def _items(export: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = export.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _title(export: Mapping[str, Any]) -> str:
    """The export's title, the one title its articles share, else its most involved entities.

    Same rule as ``EM.storyTitle`` in core.js (which sets the title again at load). A storyline
    label is no title: storylines are machine-named and the first is not the main one.
    """
    if isinstance(export.get("title"), str) and export["title"].strip():
        return export["title"].strip()
    titles = {str(a["title"]).strip() for a in _items(export, "articles")
              if a.get("title") and not a.get("duplicate_of")}
    if len(titles) == 1:
        return titles.pop()
    counts: Counter[str] = Counter()
    for ev in _items(export, "events"):
        ids = [str(a) for a in ev.get("actors") or [] if a is not None]
        if ev.get("place") is not None:
            ids.append(str(ev["place"]))
        counts.update(dict.fromkeys(ids, 1))  # once per event, first-seen order (as in core.js)
    name_of = {str(e.get("id")): str(e.get("name") or e.get("id")) for e in _items(export, "entities")}
    names: list[str] = []
    # most events first; ties in first-seen order, as JavaScript's stable sort does
    for ent_id, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
        name = re.sub(r"^the\s+", "", name_of.get(ent_id, ent_id), flags=re.IGNORECASE).strip()
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
        if len(names) == 3:
            break
    return " \u00b7 ".join(names) if names else "Event map"


_BODY = """<body>
<header class="top">
  <span class="brand">eventmap</span>
  <div class="story-head"><h1 id="title">{title}</h1><div id="subtitle" class="subtitle"></div></div>
  <div id="stats" class="stats"></div>
</header>
<div id="app">
  <aside id="side" aria-label="Filters and events">
    <div id="filters"></div>
    <div id="evlist" role="list"></div>
  </aside>
  <main id="views">
    <section class="panel" id="p-timeline"><h2>Timeline</h2>
      <div id="timeline" class="view"></div></section>
    <section class="panel" id="p-graph"><h2>Events &amp; actors</h2>
      <div id="graph" class="view"></div></section>
    <section class="panel" id="p-map"><h2>Places</h2>
      <div id="geomap" class="view"></div></section>
  </main>
  <aside id="detail" aria-label="Event detail" aria-live="polite"></aside>
</div>
"""


def _briefing_of(export: Mapping[str, Any]) -> Briefing | None:
    from .briefing import build_briefing

    try:
        return build_briefing(export)
    except (KeyError, TypeError, ValueError, AttributeError):  # a partial export: no overview text
        return None


def map_blocks(export: Mapping[str, Any] | None, *, briefing: Briefing | None = None,
               labels: int = 30) -> tuple[dict[str, Any], dict[str, Any]]:
    """(head, rest) as the page reads them: the head with the overview and the view settings."""
    from .map_layers import overview, split

    data: Mapping[str, Any] = export if isinstance(export, Mapping) else {}
    head, rest = split(data)
    head["overview"] = overview(data, briefing if briefing is not None else _briefing_of(data))
    head["view"] = {"labels": labels, "events_total": len(data.get("events") or ()), "rest": "none"}
    return head, rest


def render_map(export: Mapping[str, Any] | None, *, briefing: Briefing | None = None, labels: int = 30,
               sidecar: str | None = None) -> str:
    """Return one HTML page showing ``export`` (works from ``file://``, offline).

    Everything is inline unless ``sidecar`` names the file the rest was written to (``write_map``).
    """
    head, rest = map_blocks(export, briefing=briefing, labels=labels)
    return _page(head, None if sidecar else rest, sidecar)[0]


def write_map(export: Mapping[str, Any], out_dir: Path, *, briefing: Briefing | None = None,
              labels: int = 30, inline_mb: float = 2.0, whole: Path | None = None,
              statics: Mapping[str, str] | None = None) -> list[Path]:
    """Write ``map.html``, and ``map-data.js`` for a map over ``inline_mb``.

    ``whole``: the map's ``eventmap.json``, already written. Its size decides, and the sidecar
    carries its bytes as they are (JSON is a JavaScript expression; the page skips what it has):
    encoding a large map a second time cost more than the rest of the page. ``statics``: event id ->
    the compact JSON of its static half (``json_export.WorkingExport.statics``), spliced in.
    """
    from .map_layers import compact, rest_is_empty

    head, rest = map_blocks(export, briefing=briefing, labels=labels)
    limit = inline_mb * 1_000_000
    if whole is not None:
        large = not rest_is_empty(rest) and whole.stat().st_size > limit
        rest_text = ""
    else:
        rest_text = "" if rest_is_empty(rest) else _compact_finite(rest)
        large = len(rest_text.encode("utf-8")) > limit
    side = out_dir / SIDECAR
    written = [out_dir / "map.html"]
    if not large:
        page, _ = _page(head, rest, None, statics)
        side.unlink(missing_ok=True)  # a stale rest from a larger build must not be read
    else:
        page, tok = _page(head, None, SIDECAR, statics)
        with side.open("wb") as fh:  # bytes: the whole map is copied as it is, not decoded
            fh.write(f"EM.receiveRest({compact(tok)}, ".encode())
            if whole is not None:
                with whole.open("rb") as src:
                    shutil.copyfileobj(src, fh, 1 << 20)
            else:
                fh.write(compact(rest_text).encode("utf-8"))
            fh.write(b");\n")
        written.append(side)
    (out_dir / "map.html").write_text(page, encoding="utf-8")
    return written


def _compact_finite(obj: Any) -> str:
    from .map_layers import compact

    try:
        return compact(obj)
    except ValueError:
        return compact(_finite(obj))


def _page(head: dict[str, Any], rest: dict[str, Any] | None, sidecar: str | None,
          statics: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(the page, its token): the head inline, the rest inline (``rest``) or in ``sidecar``;
    ``statics``: see ``write_map``."""
    from .map_layers import rest_is_empty, token

    if sidecar:
        head = {**head, "view": {**head["view"], "rest": sidecar}}
    elif rest is not None and not rest_is_empty(rest):
        head = {**head, "view": {**head["view"], "rest": "inline"}}
    head_text = _head_json(head, statics)
    tok = token(head_text)
    if sidecar:
        view = head["view"]
        head = {**head, "view": {**view, "token": tok}}
        if next(reversed(head)) == "view" and view and "token" not in view:
            # the same text as encoding the head again (0.2 s at 2,000 articles): the view is the
            # head's last entry and the token its own last, so the text ends with them
            head_text = head_text[:-2] + ',"token":' + json_for_html(tok) + "}}"
        else:
            head_text = _head_json(head, statics)
    data: Mapping[str, Any] = head
    title = str((head.get("overview") or {}).get("title") or _title(data))
    scripts = [_inline_js(rel) for rel in VENDOR_JS + APP_JS]
    styles = [_inline_css(rel) for rel in APP_CSS]
    # a sidecar is a script of the page's own origin (its folder): 'self' lets only such scripts in
    own = " 'self'" if sidecar else ""
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts) + own,
            "style-src " + " ".join([csp_hash(s) for s in styles]
                                    + [csp_hash(CYTOSCAPE_RUNTIME_STYLE)]),
            "img-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="eventmap">',
        f"<title>{html.escape(title)} \u2014 eventmap</title>",
    ]
    parts += [f"<style>{s}</style>" for s in styles]
    parts.append("</head>")
    parts.append(_BODY.format(title=html.escape(title)))
    parts.append(f'<script type="application/json" id="eventmap-data">{head_text}</script>')
    if rest is not None and not rest_is_empty(rest) and not sidecar:
        parts.append(f'<script type="application/json" id="eventmap-rest">{json_for_html(rest)}</script>')
    parts.append(
        '<script type="application/json" id="eventmap-world">'
        f"{json_for_html(json.loads(_read_static(WORLD_JSON)))}</script>"
    )
    parts += [f"<script>{s}</script>" for s in scripts]
    parts.append("</body>\n</html>\n")
    return "\n".join(parts), tok


def render_index(*, api_base: str = "/api", static_prefix: str = "/static") -> str:
    """The server's page: the same UI, scripts from ``static_prefix``, data from ``api_base``.

    Its Content-Security-Policy is sent as an HTTP header by the server (``'self'`` sources).
    """
    sp = html.escape(static_prefix.rstrip("/"), quote=True)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="eventmap-api" content="{html.escape(api_base.rstrip("/"), quote=True)}">',
        f'<meta name="eventmap-world" content="{sp}/{WORLD_JSON}">',
        "<title>Event map \u2014 eventmap</title>",
    ]
    parts += [f'<link rel="stylesheet" href="{sp}/{rel}">' for rel in APP_CSS]
    parts.append("</head>")
    parts.append(_BODY.format(title="Event map"))
    parts += [f'<script src="{sp}/{rel}"></script>' for rel in VENDOR_JS + APP_JS]
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
