"""Other export formats from the JSON document: GraphML (graph tools) and CSV (spreadsheets)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

FORMATS = ("json", "graphml", "csv")


def to_graph(export: dict[str, Any]):  # -> networkx.MultiDiGraph
    import networkx as nx

    g = nx.MultiDiGraph()
    for ent in export["entities"]:
        geo = ent.get("geo") or {}
        g.add_node(ent["id"], kind="entity", label=ent["name"], type=ent["type"] or "",
                   lat=geo.get("lat", ""), lon=geo.get("lon", ""))
    for ev in export["events"]:
        t = ev.get("time") or {}
        g.add_node(ev["id"], kind="event", label=ev["summary"], date=t.get("value") or "",
                   start=t.get("start") or "", storyline=ev.get("storyline") or "",
                   sources=ev.get("independent_sources", 0))
        for actor in ev["actors"]:
            if actor in g:
                g.add_edge(actor, ev["id"], kind="actor")
        if ev.get("place") and ev["place"] in g:
            g.add_edge(ev["id"], ev["place"], kind="place")
    for link in export["links"]:
        g.add_edge(link["source"], link["target"], kind=link["kind"], evidence=link.get("evidence") or "")
    return g


def write_export(export: dict[str, Any], fmt: str, out: Path) -> list[Path]:
    """Write ``export`` as ``fmt`` at ``out`` (a file, or a folder for csv); returns paths written."""
    if fmt == "json":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
        return [out]
    if fmt == "graphml":
        import networkx as nx

        out.parent.mkdir(parents=True, exist_ok=True)
        nx.write_graphml(to_graph(export), out)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    names = {a["id"]: a["name"] for a in export["entities"]}
    tables = {
        "events.csv": (["id", "date", "start", "end", "granularity", "summary", "actors", "place",
                        "outlets", "independent_sources", "storyline"],
                       [[e["id"], (e["time"] or {}).get("value"), (e["time"] or {}).get("start"),
                         (e["time"] or {}).get("end"), (e["time"] or {}).get("granularity"),
                         e["summary"], "; ".join(names.get(a, a) for a in e["actors"]),
                         names.get(e["place"], e["place"]), "; ".join(e["outlets"]),
                         e.get("independent_sources"), e.get("storyline")]
                        for e in export["events"]]),
        "mentions.csv": (["event", "article", "start", "end", "modality", "source", "time_text",
                          "sentence"],
                         [[e["id"], m["article"], m["start"], m["end"], m["modality"], m.get("source"),
                           m.get("time_text"), m["sentence"]]
                          for e in export["events"] for m in e["mentions"]]),
        "articles.csv": (["id", "title", "outlet", "published", "published_source", "url", "path",
                          "duplicate_of", "duplicate_kind"],
                         [[a[k] for k in ("id", "title", "outlet", "published", "published_source",
                                          "url", "path", "duplicate_of", "duplicate_kind")]
                          for a in export["articles"]]),
        "entities.csv": (["id", "name", "type", "aliases", "lat", "lon"],
                         [[x["id"], x["name"], x["type"], "; ".join(x["aliases"]),
                           (x.get("geo") or {}).get("lat"), (x.get("geo") or {}).get("lon")]
                          for x in export["entities"]]),
        "links.csv": (["source", "target", "kind", "evidence"],
                      [[lk["source"], lk["target"], lk["kind"], lk.get("evidence")]
                       for lk in export["links"]]),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = out / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
