"""Timeline summarization on Timeline17: alignment ROUGE-1/2 F1 and date F1 with the tilse package.

For each ``Data/<topic_outlet>/`` folder: the input articles are ``InputDocs/<YYYY-MM-DD>/*.txt``
(PTB-tokenized, one sentence a line, folder = publication date), untokenized here; the gold is each
``timelines/*.txt``. The standard protocol (Martschat & Markert 2018; Ghalandari & Ifrim 2020):
per reference timeline, the system makes as many dates as the reference has, with the reference's
mean sentences per date (rounded), choosing among days inside the reference's first..last date.
Nothing else is taken from the gold; every other parameter is global (``eventmap.nlp.timeline_select``).

Scores come from tilse (ROUGE-1.5.5 perl, stemming, stopwords removed, as in the papers):
``align_date_content_costs_many_to_one`` ("alignment ROUGE", the DATEWISE paper's headline metric),
``concat`` and ``agreement``, plus date F1. A reference run in the same process, "pub-lead" (days with
most articles published, each article's first sentence), gives the baseline and the speed ratio.

    pip install -r benchmarks/requirements.txt
    python benchmarks/timeline17.py                       # all topics in ../shared/eval/timeline17
    python benchmarks/timeline17.py --topics bpoil_bbc    # one topic
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventmap.nlp.timeline_select import (
    TimelineArticle,
    TimelineEntry,
    article_from_sentences,
    select_timeline,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
METRICS = ("align_date_content_costs_many_to_one", "concat", "agreement")
_NOTED: set[Path] = set()
SHORT = {"align_date_content_costs_many_to_one": "align m:1", "concat": "concat", "agreement": "agree"}


def untokenize(line: str) -> str:
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    return TreebankWordDetokenizer().detokenize([_PTB.get(t, t) for t in line.split()])


def load_topic(folder: Path) -> list[TimelineArticle]:
    """Each input document as an article with its sentences tagged for the days they name."""
    articles = []
    for day_dir in sorted((folder / "InputDocs").iterdir()):
        try:
            published = dt.date.fromisoformat(day_dir.name)
        except ValueError:
            continue
        for path in sorted(day_dir.glob("*.txt")):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            sents = [untokenize(x) for x in lines if x.strip()]
            if sents:
                articles.append(article_from_sentences(f"{day_dir.name}/{path.name}", published, sents))
    return articles


def load_topic_via_store(folder: Path, work: Path) -> list[TimelineArticle]:
    """The full pipeline path: write the untokenized articles with front matter, `eventmap build`
    them (spaCy sentences, stored times, duplicates folded), and read records back from the store."""
    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.export.timeline import articles_from_store
    from eventmap.store.sqlite import Store

    corpus = work / folder.name
    corpus.mkdir(parents=True, exist_ok=True)
    for day_dir in sorted((folder / "InputDocs").iterdir()):
        for path in sorted(day_dir.glob("*.txt")):
            lines = [untokenize(x) for x in path.read_text(encoding="utf-8", errors="replace").splitlines()
                     if x.strip()]
            if lines:
                # one sentence a line in the source; blank lines keep them apart for the parser
                body = "\n\n".join(lines)
                (corpus / f"{day_dir.name}-{path.name}").write_text(
                    f"---\noutlet: {folder.name}\npublished: {day_dir.name}\n---\n{body}\n", encoding="utf-8")
    db = work / f"{folder.name}.db"
    api.build([corpus], settings=load_settings(db=str(db), progress=False), out=work / "out", progress=False)
    with Store(db, readonly=True) as store:
        return articles_from_store(store)[0]


def pub_lead(articles: list[TimelineArticle], *, dates: int, sentences: int,
             start: dt.date, end: dt.date) -> list[TimelineEntry]:
    """Baseline: the days with most articles; each day's articles' first sentences, by article id."""
    days = Counter(a.published for a in articles if a.published and start <= a.published <= end)
    top = sorted(days, key=lambda d: (-days[d], d))[:dates]
    out = []
    for d in sorted(top):
        firsts = [(a.sentences[0].text, a.id) for a in sorted(articles, key=lambda a: a.id)
                  if a.published == d and a.sentences]
        out.append(TimelineEntry(d, tuple(firsts[:sentences]), float(days[d])))
    return out


def read_reference(path: Path) -> Any:
    """tilse's reader; a day whose date line is malformed (MJ_bbc has "2011-04-0") is left out,
    since tilse would file it under the date None and fail on sorting."""
    from tilse.data.timelines import Timeline

    with path.open(encoding="utf-8", errors="replace") as f:
        tl = Timeline.from_file(f)
    if None in tl.dates_to_summaries:
        del tl.dates_to_summaries[None]
        if path not in _NOTED:
            _NOTED.add(path)
            print(f"note: {path.parent.parent.name}: a reference day without a valid date is left out",
                  file=sys.stderr)
    return tl


def score(entries: list[TimelineEntry], ref_path: Path) -> dict[str, float]:
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import dates as tilse_dates
    from tilse.evaluation import rouge

    ref = read_reference(ref_path)
    pred = Timeline({e.date: [t for t, _ in e.sentences] for e in entries})
    truth = GroundTruth([ref])
    ev = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})
    out = {}
    for metric in METRICS:
        res = getattr(ev, f"evaluate_{metric}")(pred, truth)
        out[f"{metric}/r1"] = res["rouge_1"]["f_score"]
        out[f"{metric}/r2"] = res["rouge_2"]["f_score"]
    out["date_f1"] = tilse_dates.evaluate_dates(pred, truth)["f_score"] if entries else 0.0
    return out


def reference(path: Path) -> tuple[list[dt.date], int]:
    """Dates of a reference timeline and its mean sentences per date (the protocol's k)."""
    tl = read_reference(path)
    dates = sorted(tl.get_dates())
    k = round(statistics.mean(len(tl[d]) for d in dates))
    return dates, max(1, k)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval folder holding timeline17/")
    p.add_argument("--topics", nargs="*", help="topic folders to run (default: all)")
    p.add_argument("--no-baseline", action="store_true", help="skip the pub-lead reference run")
    p.add_argument("--pipeline", type=Path, metavar="WORKDIR",
                   help="read the articles through `eventmap build` (spaCy, the store) in WORKDIR "
                   "instead of tagging the given sentences directly (slow: minutes per topic)")
    args = p.parse_args(argv)
    base = args.data / "timeline17" / "Data"
    if not base.is_dir():
        print(f"no Timeline17 data at {base}; pass --data PATH (the folder holding timeline17/)",
              file=sys.stderr)
        return 2
    topics = sorted(d for d in base.iterdir() if d.is_dir() and (not args.topics or d.name in args.topics))
    systems = {"datewise": select_timeline} | ({} if args.no_baseline else {"pub-lead": pub_lead})
    rows: dict[str, list[dict[str, float]]] = {s: [] for s in systems}
    secs = {"load+tag": 0.0} | {s: 0.0 for s in systems}
    n_articles = 0
    head = (f"{'topic':24} {'system':9} {'dates':>5} {'k':>2} " + " ".join(
        f"{SHORT[m] + ' R1':>12} {SHORT[m] + ' R2':>12}" for m in METRICS) + f" {'date F1':>8}")
    print(head)
    for folder in topics:
        t0 = time.perf_counter()
        articles = load_topic_via_store(folder, args.pipeline) if args.pipeline else load_topic(folder)
        secs["load+tag"] += time.perf_counter() - t0
        n_articles += len(articles)
        for ref_path in sorted((folder / "timelines").glob("*.txt")):
            ref_dates, k = reference(ref_path)
            for name, fn in systems.items():
                t0 = time.perf_counter()
                entries = fn(articles, dates=len(ref_dates), sentences=k, start=ref_dates[0],
                             end=ref_dates[-1])
                secs[name] += time.perf_counter() - t0
                s = score(entries, ref_path)
                rows[name].append(s)
                print(f"{folder.name[:24]:24} {name:9} {len(ref_dates):>5} {k:>2} " + " ".join(
                    f"{s[m + '/r1']:>12.3f} {s[m + '/r2']:>12.3f}" for m in METRICS)
                    + f" {s['date_f1']:>8.3f}", flush=True)
    print("-" * len(head))
    for name, scores in rows.items():
        if scores:
            mean = {key: statistics.mean(s[key] for s in scores) for key in scores[0]}
            print(f"{'MEAN (' + str(len(scores)) + ' timelines)':24} {name:9} {'':>5} {'':>2} " + " ".join(
                f"{mean[m + '/r1']:>12.3f} {mean[m + '/r2']:>12.3f}" for m in METRICS)
                + f" {mean['date_f1']:>8.3f}")
    reading = "eventmap build (spaCy, store)" if args.pipeline else "load + untokenize + temporal tagging"
    print(f"\n{n_articles} articles; {reading} {secs['load+tag']:.1f}s "
          f"({1000 * secs['load+tag'] / max(1, n_articles):.1f} ms/article)")
    for name in systems:
        print(f"selection '{name}': {secs[name]:.2f}s")
    # speed as a ratio against a reference run in this process: reading the same articles
    print(f"datewise selection time / reading time: {secs['datewise'] / max(secs['load+tag'], 1e-9):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
