"""The map in a browser at 100, 500 and 2,000 Timeline17 articles: file sizes, time to first render,
to the first click on an event, to a search over all events and to "Show all events".

    python benchmarks/map_browser.py --store BUILT.db [--sizes 100 500 2000] [--runs 3]
                                     [--add] [--screenshot docs/map-timeline17-2000.png]

``BUILT.db`` is a store built from the first articles of the fixed-seed Timeline17 sample (the one
``benchmarks/throughput.py --limit 2000 --keep DIR`` leaves in DIR). A smaller size is its first n
articles (``scaling.subset_store``) with the whole-corpus stages recomputed; then summarize and
render write the files as ``eventmap build --from summarize`` does (timed: "write files").

The page is opened from ``file://`` in Debian's headless Chromium (``/usr/bin/chromium``, through
Playwright; never downloaded), a fresh browser context per run. First render is the page's own
``performance.mark("eventmap-ready")`` (navigation start to the default view drawn: the header,
list, timeline, graph, map and overview); first click is a click on the top list item until its
detail is shown; search is typing a word only an event beyond the default view has, until that
event is listed (this reads ``map-data.js`` on a large map); show all is ticking "Show all events"
until the count says every event. Medians over ``--runs`` (each run a new context).

``--add`` also times rewriting the files after ``eventmap add`` of the next sampled article to the
largest map, in this process with the model loaded (as ``benchmarks/add_latency.py`` does).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaling import subset_store  # noqa: E402
from throughput import DEFAULT_DATA, cpu_seconds, write_corpus  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
WHOLE_CORPUS = ("dedup", "resolve", "merge", "link")
FILES = ("map.html", "map-data.js", "eventmap.json", "briefing.md")


def build_outputs(store: Path, n: int | None, work: Path) -> tuple[Path, dict[str, float]]:
    """The store's first ``n`` articles (all: None) as a built map in ``work``; seconds of its steps."""
    from eventmap.config import load_settings
    from eventmap.pipeline.context import Context, Progress
    from eventmap.store.sqlite import Store

    db = work / "eventmap.db"
    if n is None:
        with Store(store, readonly=True) as src:
            src.db.execute(f"VACUUM INTO '{db}'")
    else:
        subset_store(store, n, db)
    out = work / "out"
    times: dict[str, float] = {}
    with Store(db) as st:
        ctx = Context(settings=load_settings(db=str(db), progress=False), store=st,
                      progress=Progress(False), out_dir=out)
        began = time.perf_counter()
        if n is not None:
            for stage in WHOLE_CORPUS:  # stage by stage: `build --from dedup` would redo annotate too
                st.clear(stage)
                importlib.import_module(f"eventmap.stages.{stage}").run(ctx)
        times["whole-corpus stages"] = time.perf_counter() - began
        began, cpu = time.perf_counter(), cpu_seconds()
        for stage in ("summarize", "render"):
            importlib.import_module(f"eventmap.stages.{stage}").run(ctx)
        times["write files"] = time.perf_counter() - began
        times["write files CPU"] = cpu_seconds() - cpu
    return out, times


def hidden_word(export: dict[str, Any]) -> tuple[str, str] | None:
    """(event id, word): a word of an event beyond the default view that no default event has."""
    shown = " ".join(m["sentence"].lower() for e in export["events"] if e.get("salient", True)
                     for m in e["mentions"])
    rest = sorted((e for e in export["events"] if not e.get("salient", True)),
                  key=lambda e: -(e.get("salience") or 0))
    for e in rest[:200]:
        for word in re.findall(r"[a-z]{8,}", " ".join(m["sentence"].lower() for m in e["mentions"])):
            if word not in shown:
                return e["id"], word
    return None


def browse(page_url: str, export: dict[str, Any], runs: int, screenshot: Path | None) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    total = len(export["events"])
    probe = hidden_word(export)
    found: dict[str, list[float]] = {"first render": [], "first click": [], "search all": [], "show all": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for run in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(page_url, timeout=120_000)
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # drawn
            mark = page.evaluate("performance.getEntriesByName('eventmap-ready')[0].startTime")
            found["first render"].append(mark / 1000)
            if run == 0 and screenshot is not None:  # the map as it opens
                page.wait_for_timeout(500)
                page.screenshot(path=str(screenshot))
            first = page.locator("#evlist .ev-item").first
            began = time.perf_counter()
            first.click()
            page.locator("#detail .detail-title").wait_for(timeout=60_000)
            found["first click"].append(time.perf_counter() - began)
            if probe is not None:
                began = time.perf_counter()
                page.fill("#f-q", probe[1])
                page.locator(f"#evlist .ev-item[data-event-id='{probe[0]}']").wait_for(timeout=120_000)
                found["search all"].append(time.perf_counter() - began)
                page.fill("#f-q", "")
            began = time.perf_counter()
            page.click("#f-all")
            # a locator, not wait_for_function: the page's CSP forbids the eval that would need
            page.locator("#f-count").filter(has_text=f"Showing {total:,} of {total:,} events").wait_for(
                timeout=300_000)
            found["show all"].append(time.perf_counter() - began)
            if errors:
                print(f"  page errors: {errors[:3]}", file=sys.stderr)
            ctx.close()
        browser.close()
    return {k: statistics.median(v) for k, v in found.items() if v}


def time_add(store: Path, limit: int, data: Path, work: Path) -> dict[str, float]:
    """Seconds of `add` of the next sampled article with the files rewritten (warm, in-process)."""
    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.nlp.spacy_model import load_model
    from eventmap.store.sqlite import Store

    extra = write_corpus(data, work / "extra", limit + 1)[-1]
    db = work / "add.db"
    with Store(store, readonly=True) as src:
        src.db.execute(f"VACUUM INTO '{db}'")
    settings = load_settings(db=str(db), progress=False)
    load_model(settings.model)
    out = work / "add-out"
    # the files as the previous build left them, then the add rewrites them
    api.build([], settings=settings, out=out, start="summarize", progress=False)
    began = time.perf_counter()
    summary = api.add([extra], settings=settings, out=out, progress=False)
    took = time.perf_counter() - began
    stages = {r.stage: r.seconds for r in summary.reports}
    return {"add with files": took, "summarize": stages.get("summarize", 0.0),
            "render": stages.get("render", 0.0)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True, help="store of the first N sampled articles")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=2000,
                    help="how many sampled articles the store was built from")
    ap.add_argument("--add", action="store_true", help="also time rewriting the files after an add")
    ap.add_argument("--screenshot", type=Path, help="save the largest map's default view here")
    ap.add_argument("--keep", type=Path, help="build the maps in this folder instead of a temporary one")
    args = ap.parse_args(argv)
    if not args.store.is_file():
        sys.exit(f"no store at {args.store}; build one with benchmarks/throughput.py --keep DIR")
    if not CHROMIUM.exists():
        sys.exit("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    import sqlite3

    con = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    in_store = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    con.close()
    print("| articles | events | map.html MB | map-data.js MB | eventmap.json MB | write files s (CPU) | "
          "first render s | first click s | search all s | show all s |\n" + "|---" * 10 + "|")
    with tempfile.TemporaryDirectory(prefix="eventmap-mapbrowser-") as tmp:
        root = args.keep or Path(tmp)
        largest = max(args.sizes)
        for n in sorted(args.sizes):
            work = root / str(n)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            subset = None if n >= in_store else n
            out, times = build_outputs(args.store, subset, work)
            export = json.loads((out / "eventmap.json").read_text(encoding="utf-8"))
            sizes = {f: (out / f).stat().st_size / 1e6 if (out / f).exists() else 0.0 for f in FILES}
            shot = args.screenshot if n == largest else None
            b = browse((out / "map.html").resolve().as_uri(), export, args.runs, shot)
            print(f"| {len(export['articles'])} | {len(export['events'])} | {sizes['map.html']:.2f} | "
                  f"{sizes['map-data.js']:.1f} | {sizes['eventmap.json']:.1f} | {times['write files']:.1f} "
                  f"({times['write files CPU']:.1f}) | {b['first render']:.2f} | {b['first click']:.2f} | "
                  f"{b.get('search all', float('nan')):.2f} | {b['show all']:.2f} |", flush=True)
        if args.add:
            t = time_add(args.store, args.limit, args.data, root)
            print(f"\n| add 1 article, files rewritten ({args.limit} sampled articles) | "
                  f"{t['add with files']:.2f} s (summarize {t['summarize']:.2f}, render {t['render']:.2f}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
