"""Newsdesk benchmark: main-event slots and story B3 on the invented pages of ``tests/fixtures/newsdesk``.

The fixture is 24 HTML news pages with their page chrome (8 events x 3 outlets). Every page and event
was invented and written for eventmap, and its gold (``gold.json``: per page the event slug, who / what /
where answer lists and the day of the main event) was annotated by hand before eventmap was ever run on
it (see the fixture's README). The pages imitate the style of real UK/US news pages, their chrome and
their traps (two Cumbrian storms 19 days apart, one club's cup win and league defeat five days apart,
reporting frames, wire datelines, a live page, a syndicated copy). It is a check that eventmap reads
text written like real pages; it is **not** a held-out figure: it is small, written for eventmap, and its
failures may be used to change eventmap.

The fixture's 24 HTML pages (not ``gold.json``) are built once with eventmap's defaults (``api.build``)
into a temporary folder (``--keep`` keeps it).

**Main event** (rules and code of ``benchmarks/main_event.py`` and ``_main_event_metric.py``): per slot,
the share of pages whose answer hits the gold: who / what / where when some rendering of the answer has
content-word F1 >= 0.5 with some gold alternative; when when the gold day lies inside the answer's
[start, end]. A page whose gold slot is empty (``trucking-merger--cnn``'s where) is not scored on it; the
table gives the number of pages scored per slot. Rows:
- eventmap main_event: ``main_event.system_answers`` (the article's ``main_event`` with its
  ``main_event_who`` / ``_what`` / ``_where``, the event's ``time.start``..``time.end``; a copy,
  ``duplicate_of``, is answered by its original), with the "earliest event" and "first event by
  position" rows it also gives;
- lead baseline: ``main_event.lead_answers`` on the text eventmap kept after removing the page chrome
  (each kept line split into sentences by spaCy; the first sentence with 4 content words,
  ``_main_event_gold.lead_sentences``, is the lead, so a standfirst line counts as the lead): who = its
  named entities, what = the sentence, where = the first GPE of the first 30 sentences, when = the
  publication day eventmap read off the page (``articles[].published``: the outlet's local day, where
  the meta timestamp in UTC can be the next day; 4 pages have no meta date). A wrong publication day
  there is wrong for both rows.

**Stories**: B3 precision / recall / F1 per article (``stories.b3``) of the articles' ``story`` against
the gold event slug, and the number of stories, for eventmap and for ``stories.py``'s TF-IDF average-link
baseline at its three fixed cuts (``stories.baseline`` on the title and the kept text of each page).

    python benchmarks/newsdesk.py                     # tables
    python benchmarks/newsdesk.py --show              # and per page: gold vs eventmap, hit marks, story
    python benchmarks/newsdesk.py --json /tmp/nd.json --keep /tmp/nd
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _main_event_gold import GoldDoc, lead_sentences  # noqa: E402
from _main_event_metric import stop_words  # noqa: E402
from main_event import (  # noqa: E402
    LEAD,
    SLOTS,
    SYSTEMS,
    Export,
    hits,
    lead_answers,
    load_nlp,
    system_answers,
)
from stories import BASELINE_CUTS, b3, baseline  # noqa: E402

DEFAULT_FIXTURE = HERE.parent / "tests" / "fixtures" / "newsdesk"
EVENTMAP = SYSTEMS[0]


def build(fixture: Path, work: Path) -> tuple[dict[str, Any], dict[str, Any], float]:
    """Build the fixture with eventmap's defaults; (eventmap.json, path -> stored Article, seconds)."""
    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.store.sqlite import Store

    db = work / "m.db"
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    pages = sorted(fixture.glob("*.html"))  # the pages, not gold.json (ingest would only reject it)
    api.build(pages, settings=load_settings(db=str(db), progress=False), out=work / "out", progress=False)
    secs = time.perf_counter() - t0
    data = json.loads((work / "out" / "eventmap.json").read_text(encoding="utf-8"))
    with Store(db, readonly=True) as store:
        stored = {Path(a.path or a.id).name: a for a in store.articles()}
    return data, stored, secs


def page_golds(gold: dict[str, Any], stored: dict[str, Any], nlp: Any) -> list[GoldDoc]:
    """One GoldDoc a page: the gold slots, and the kept text as the body the lead baseline reads."""
    stops = stop_words()
    out = []
    for file, g in gold["pages"].items():
        art = stored.get(file)
        lines = [x.strip() for x in (art.text if art else "").splitlines() if x.strip()]
        body = [s.text.strip() for d in nlp.pipe(lines) for s in d.sents if s.text.strip()]
        day = art.published if art else None
        out.append(GoldDoc(
            dataset="newsdesk", doc=file, file=file, title=art.title if art else "", body=body,
            outlet=art.outlet if art else "", url=art.url if art else None,
            published=dt.date.fromisoformat(day) if day else None,
            who=g["who"], what=g["what"], where=g["where"],
            when=dt.date.fromisoformat(g["when"]) if g.get("when") else None,
            lead=lead_sentences(body, stops), note={"event": g["event"]}))
    return out


def slot_table(rows: dict[str, list[dict[str, bool | None]]]) -> tuple[str, dict[str, dict[str, float]]]:
    lines = ["| system | " + " | ".join(SLOTS) + " |", "|---|" + "---:|" * len(SLOTS)]
    figures: dict[str, dict[str, float]] = {}
    scored: dict[str, int] = {}
    for system, hs in rows.items():
        cells = []
        for s in SLOTS:
            vals = [h[s] for h in hs if h[s] is not None]
            scored[s] = len(vals)
            if vals:
                figures.setdefault(system, {})[s] = round(sum(vals) / len(vals), 4)
                cells.append(f"{sum(vals) / len(vals):.2f} ({sum(vals)}/{len(vals)})")
            else:
                cells.append("-")
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    n = len(next(iter(rows.values()), []))
    lines.append("")
    lines.append(f"scored on: {', '.join(f'{s} {scored.get(s, 0)}' for s in SLOTS)} of {n} pages")
    return "\n".join(lines), figures


def article_stories(data: dict[str, Any]) -> dict[str, str]:
    """Page file -> story id (a copy with no story of its own takes its original's)."""
    by_id = {a["id"]: a for a in data.get("articles", [])}
    out = {}
    for a in data.get("articles", []):
        story = a.get("story")
        if not story and a.get("duplicate_of") in by_id:
            story = by_id[a["duplicate_of"]].get("story")
        if story:
            out[Path(a["path"]).name] = story
    return out


def story_table(gold: dict[str, str],
                rows: list[tuple[str, dict[str, str]]]) -> tuple[str, list[dict[str, Any]]]:
    lines = ["| system | P | R | F1 | stories |", "|---|---:|---:|---:|---:|"]
    figures = []
    for name, pred in rows:
        p, r, f = b3(gold, pred)
        n = len({pred[k] for k in gold if k in pred})
        lines.append(f"| {name} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {n} |")
        figures.append({"system": name, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "stories": n})
    unassigned = [k for k in gold if k not in rows[0][1]]
    lines.append("")
    lines.append(f"{len(gold)} pages, {len(set(gold.values()))} gold stories"
                 + (f"; no eventmap story: {', '.join(unassigned)}" if unassigned else ""))
    return "\n".join(lines), figures


def _mark(hit: bool | None) -> str:
    return "n/a" if hit is None else ("HIT" if hit else "miss")


def _short(values: Iterable[Any] | None) -> str:
    vals = [str(v) for v in values or [] if v]
    return " / ".join(dict.fromkeys(vals)) or "-"


def show(g: GoldDoc, answer: dict[str, Any], h: dict[str, bool | None], lead_h: dict[str, bool | None],
         story: str | None, published: str | None) -> str:
    when = answer.get("when") or []
    sys_when = f"{when[0]}..{when[1]}" if len(when) > 1 and when[1] and when[1] != when[0] else (
        str(when[0]) if when else "-")
    if answer.get("time_source"):
        sys_when += f" ({answer['time_source']})"
    out = [f"### {g.file}  story {story or '-'} (gold {g.note['event']}); published {published}; "
           f"lead hits: " + " ".join(f"{s} {_mark(lead_h[s])}" for s in SLOTS)]
    if answer.get("missing"):
        out.append(f"  eventmap: {answer['missing']}")
    for s in SLOTS:
        gold = g.when.isoformat() if s == "when" and g.when else _short(getattr(g, s))
        system = sys_when if s == "when" else _short(answer.get(s))
        out.append(f"  {s:5} {_mark(h[s]):4}  eventmap: {system}   || gold: {gold}")
    return "\n".join(out)


def main(argv: Iterable[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE,
                   help="the newsdesk folder (pages and gold.json)")
    p.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    p.add_argument("--show", action="store_true", help="per page: gold vs eventmap, hit marks, story id")
    p.add_argument("--json", type=Path, help="write the figures and per-page answers here")
    args = p.parse_args(list(argv) if argv is not None else None)
    gold_path = args.fixture / "gold.json"
    if not gold_path.is_file():
        print(f"no gold.json in {args.fixture}", file=sys.stderr)
        return 2
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    nlp = load_nlp()
    with tempfile.TemporaryDirectory(prefix="newsdesk_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data, stored, secs = build(args.fixture, work)
    ex = Export(data)
    golds = page_golds(gold, stored, nlp)
    lead = lead_answers(golds, nlp)
    stories = article_stories(data)
    published = {Path(a["path"]).name: a.get("published") for a in data.get("articles", [])}

    rows: dict[str, list[dict[str, bool | None]]] = {s: [] for s in SYSTEMS}
    pages, shown = [], []
    for g, la in zip(golds, lead, strict=True):
        answers = system_answers(g, ex)
        answers[LEAD] = la
        record: dict[str, Any] = {"file": g.file, "event": g.note["event"], "story": stories.get(g.file),
                                  "published": published.get(g.file),
                                  "gold": {"who": g.who, "what": g.what, "where": g.where,
                                           "when": g.when.isoformat() if g.when else None}, "systems": {}}
        for system in SYSTEMS:
            h = hits(g, answers.get(system, {}))
            rows[system].append(h)
            record["systems"][system] = {**answers.get(system, {}), "hits": h}
        pages.append(record)
        if args.show:
            shown.append(show(g, answers[EVENTMAP], record["systems"][EVENTMAP]["hits"],
                              record["systems"][LEAD]["hits"], stories.get(g.file), published.get(g.file)))

    order = [EVENTMAP, LEAD] + [s for s in SYSTEMS if s not in (EVENTMAP, LEAD)]
    slots_md, slot_figures = slot_table({s: rows[s] for s in order})

    gold_story = {f: g["event"] for f, g in gold["pages"].items()}
    texts = {f: (a.title + "\n\n" + a.text) for f, a in stored.items() if f in gold_story}
    story_rows = [("eventmap (defaults)", stories)]
    story_rows += [(f"TF-IDF average link, cut {cut}", baseline(texts, cut)) for cut in BASELINE_CUTS]
    stories_md, story_figures = story_table(gold_story, story_rows)

    stats = data.get("stats", {})
    print(f"# newsdesk ({args.fixture}): {len(golds)} pages, eventmap build {secs:.0f} s wall; "
          f"{stats.get('events', len(data.get('events', [])))} events, "
          f"{sum(1 for a in data.get('articles', []) if a.get('duplicate_of'))} copies, "
          f"{len(data.get('rejections', []))} rejected\n")
    print("## Main event: share of pages whose slot hits the gold\n")
    print(slots_md + "\n")
    print("## Stories: B3 per article against the gold event\n")
    print(stories_md)
    if args.show:
        print("\n## Per page (eventmap main_event)\n")
        print("\n".join(shown))
    if args.json:
        args.json.write_text(json.dumps({"main_event": slot_figures, "stories": story_figures,
                                         "pages": pages}, indent=1, ensure_ascii=False, default=str),
                             encoding="utf-8")
        print(f"\nfigures and per-page answers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
