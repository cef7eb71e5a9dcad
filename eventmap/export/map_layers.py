"""What the map page opens on, and the rest it reads when asked.

``overview(export, briefing)``: the story the page opens on, the same for ``map.html`` and
``eventmap serve``: its label, publication dates, counts (outlets never count the placeholder
"unknown"), the briefing's "story in brief" with its citations, and the main storylines (most
salience first, with the briefing's headings).

``split(export, ...)``: the export as two layers. The head is the default view, the salient events
and everything they point at (their articles, entities, links, storylines, disagreements), with
the overview; the rest is every other event and what only it points at. ``map.html`` carries the
head inline and reads the rest lazily (``map_html.write_map``); the server answers both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..models import UNKNOWN_OUTLET
from .briefing import Briefing

# Layer keys whose items are merged by id when the page receives the rest.
ITEM_KEYS = ("articles", "entities", "events", "links", "storylines", "stories", "disagreements")
MAIN_STORYLINES = 8  # storylines the overview lists


def _items(export: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = export.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def story_label(export: Mapping[str, Any]) -> str:
    """What the story is: the export's title, the one title its articles share, else the label of
    its largest story (and how many others there are), else its most involved entities."""
    from .map_html import _title

    if isinstance(export.get("title"), str) and export["title"].strip():
        return export["title"].strip()
    titles = {str(a["title"]).strip() for a in _items(export, "articles")
              if a.get("title") and not a.get("duplicate_of")}
    stories = sorted(_items(export, "stories"),
                     key=lambda s: (-len(s.get("articles") or ()), str(s.get("id"))))
    if len(titles) != 1 and stories and stories[0].get("label"):
        more = len(stories) - 1
        others = f" and {more} other stor{'ies' if more > 1 else 'y'}" if more else ""
        return str(stories[0]["label"]) + others
    return _title(export)


def main_storylines(export: Mapping[str, Any], k: int = MAIN_STORYLINES) -> list[dict[str, Any]]:
    """The storylines that carry the most salience of the default view, most first."""
    events = _items(export, "events")
    default = [e for e in events if e.get("salient", True)]
    mass: dict[str, float] = {}
    count: dict[str, int] = {}
    for e in default:
        sid = e.get("storyline")
        if sid:
            mass[str(sid)] = mass.get(str(sid), 0.0) + float(e.get("salience") or 0.0) + 1e-6
            count[str(sid)] = count.get(str(sid), 0) + 1
    label = {str(s.get("id")): str(s.get("label") or s.get("id")) for s in _items(export, "storylines")}
    size = {str(s.get("id")): len(s.get("events") or ()) for s in _items(export, "storylines")}
    ranked = sorted(mass, key=lambda sid: (-mass[sid], sid))[:k]
    return [{"id": sid, "label": label.get(sid, sid), "salient": count[sid], "events": size.get(sid, 0)}
            for sid in ranked]


def overview(export: Mapping[str, Any], briefing: Briefing | None) -> dict[str, Any]:
    """The story the map opens on (see the module docstring). ``briefing`` may be None (no text)."""
    articles = _items(export, "articles")
    stats = export.get("stats") if isinstance(export.get("stats"), Mapping) else {}
    days = sorted(str(a["published"]) for a in articles if a.get("published"))
    outlets = {str(a.get("outlet")) for a in articles
               if a.get("outlet") and a.get("outlet") != UNKNOWN_OUTLET}
    number = {i: str(a.get("id")) for i, a in enumerate(articles, start=1)}
    brief: list[dict[str, Any]] = []
    headings: dict[str, str] = {}
    if briefing is not None:
        for sec in briefing.sections:
            if sec.key == "brief":
                brief = [{"text": i.text, "note": i.note,
                          "cites": [number[n] for n in i.cites if n in number]} for i in sec.lead]
            elif sec.key == "storyline" and sec.ref:
                headings[sec.ref] = sec.title
    storylines = main_storylines(export)
    for s in storylines:
        s["heading"] = headings.get(s["id"], s["label"])
    return {
        "title": story_label(export),
        "first": days[0] if days else None, "last": days[-1] if days else None,
        "articles": int(stats.get("articles", len(articles))),
        "outlets": int(stats.get("outlets", len(outlets))),
        "independent_origins": int(stats.get("independent_origins", len(articles))),
        "events": int(stats.get("events", len(_items(export, "events")))),
        "stories": len(_items(export, "stories")),
        "brief": brief,
        "storylines": storylines,
        "graph_storyline": storylines[0]["id"] if storylines else None,
    }


def _refs(events: Iterable[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
    """The article and entity ids the events point at."""
    arts: set[str] = set()
    ents: set[str] = set()
    for e in events:
        arts.update(str(a) for a in e.get("articles") or ())
        arts.update(str(m.get("article")) for m in e.get("mentions") or () if isinstance(m, Mapping))
        ents.update(str(a) for a in e.get("actors") or () if a is not None)
        if e.get("place") is not None:
            ents.add(str(e["place"]))
    return arts, ents


def split(export: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(head, rest): the default view and what it points at; every other item (see the module doc).

    An export without ``salient`` flags (an older one) has everything in its head."""
    events = _items(export, "events")
    head_ids = {str(e.get("id")) for e in events if e.get("salient", True)}
    head_events = [e for e in events if str(e.get("id")) in head_ids]
    arts, ents = _refs(head_events)
    storyline_ids = {str(e.get("storyline")) for e in head_events if e.get("storyline")}

    def side(key: str, keep: Any) -> tuple[list[Any], list[Any]]:
        mine, other = [], []
        for item in _items(export, key):
            (mine if keep(item) else other).append(item)
        return mine, other

    h_events, r_events = head_events, [e for e in events if str(e.get("id")) not in head_ids]
    h_arts, r_arts = side("articles", lambda a: True)  # every article: small, and the sources need them
    h_ents, r_ents = side("entities", lambda e: str(e.get("id")) in ents)
    h_links, r_links = side("links", lambda lk: str(lk.get("source")) in head_ids
                            or str(lk.get("target")) in head_ids)
    h_lines, r_lines = side("storylines", lambda s: str(s.get("id")) in storyline_ids)
    h_dis, r_dis = side("disagreements", lambda d: str(d.get("event")) in head_ids)
    # stories: the head names them (label, size) with their head events; the rest has them whole
    h_stories = [{**{k: v for k, v in s.items() if k != "events"},
                  "events": [x for x in s.get("events") or () if str(x) in head_ids]}
                 for s in _items(export, "stories")]
    r_stories = list(_items(export, "stories"))
    head = {k: v for k, v in export.items() if k not in ITEM_KEYS and k != "rejections"}
    head.update(articles=h_arts, entities=h_ents, events=h_events, links=h_links, storylines=h_lines,
                stories=h_stories, disagreements=h_dis)
    rest = {"articles": r_arts, "entities": r_ents, "events": r_events, "links": r_links,
            "storylines": r_lines, "stories": r_stories, "disagreements": r_dis}
    return head, rest


def rest_is_empty(rest: Mapping[str, Any]) -> bool:
    return not any(rest.get(k) for k in ("events", "entities", "links", "storylines", "disagreements"))


def token(text: str) -> str:
    """Ties a page to the rest written with it (a stale ``map-data.js`` is refused)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def compact(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
