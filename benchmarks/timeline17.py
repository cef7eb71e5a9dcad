"""Timeline summarization on Timeline17, leave one topic out: date F1 and alignment ROUGE-1/2 (tilse).

For each ``Data/<topic_outlet>/`` folder: the input articles are ``InputDocs/<YYYY-MM-DD>/*.txt``
(PTB-tokenized, one sentence a line, folder = publication date), untokenized here, copies folded as
``eventmap build`` folds them; the gold is each ``timelines/*.txt``. The standard protocol (Martschat
& Markert 2018; Ghalandari & Ifrim 2020): per reference timeline, the system makes as many dates as
the reference has, with the reference's mean sentences per date (rounded), choosing among days
inside the reference's first..last date. Nothing else is taken from the gold.

**Leave one topic out** (the headline): a topic is bpoil, H1N1, haiti, MJ or Finan (all its outlets'
folders). For each topic, the parameters swept here (``GRID``: ``spread`` and ``later_weight`` of
``eventmap.nlp.timeline_select``) are set on the other four topics, by the mean over those topics of
``date F1 / 0.60 + alignment ROUGE-1 / 0.12`` (each against the issue's goal; sweeps use tilse's
fast Python ROUGE), and the held-out topic is scored with those values and the ROUGE-1.5.5 perl.
The in-sample row (the shipped defaults, ``eventmap.config``, on all topics) is printed beside it.

Scores come from tilse (ROUGE-1.5.5 perl, stemming, stopwords removed, as in the papers):
``align_date_content_costs_many_to_one`` ("alignment ROUGE", the DATEWISE paper's headline metric),
with ``--all-metrics`` also ``concat`` and ``agreement``, plus date F1. "pub-lead" (days with most
articles published, each article's first sentence) is the baseline; "auto" is eventmap choosing the
number of dates and sentences itself (``eventmap timeline`` with no ``--dates``), the reference's
first..last date still given.

    pip install -r benchmarks/requirements.txt
    python benchmarks/timeline17.py                       # leave-one-topic-out, all 11 timelines
    python benchmarks/timeline17.py --fast                # the same with tilse's Python ROUGE
    python benchmarks/timeline17.py --in-sample --topics bpoil_bbc   # defaults only, some folders
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from _timeline17_data import METRICS, SHORT, load_topic, reference, score

from eventmap.config import Settings
from eventmap.nlp.timeline_select import LATER_WEIGHT, TimelineArticle, TimelineEntry, select_timeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
GRID: dict[str, tuple[float, ...]] = {"spread": (0.0, 0.1, 0.2, 0.5), "later_weight": (0.0, 0.5, 1.0)}
DEFAULTS = {"spread": Settings.timeline_spread, "later_weight": LATER_WEIGHT}
GOALS = {"date_f1": 0.60, "align_date_content_costs_many_to_one/r1": 0.12}
Params = tuple[tuple[str, float], ...]


def load_topic_via_store(folder: Path, work: Path, salience: bool = True) -> list[TimelineArticle]:
    """The full pipeline path: write the untokenized articles with front matter, `eventmap build`
    them (spaCy sentences, stored times, events and their salience, duplicates folded), and read
    records back from the store. A store already built in ``work`` is reused."""
    from _timeline17_data import untokenize

    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.export.timeline import articles_from_store
    from eventmap.store.sqlite import Store

    corpus = work / folder.name
    db = work / f"{folder.name}.db"
    if not db.exists():
        corpus.mkdir(parents=True, exist_ok=True)
        for day_dir in sorted((folder / "InputDocs").iterdir()):
            for path in sorted(day_dir.glob("*.txt")):
                lines = [untokenize(x) for x in path.read_text(encoding="utf-8", errors="replace")
                         .splitlines() if x.strip()]
                if lines:
                    # one sentence a line in the source; blank lines keep them apart for the parser
                    body = "\n\n".join(lines)
                    (corpus / f"{day_dir.name}-{path.name}").write_text(
                        f"---\noutlet: {folder.name}\npublished: {day_dir.name}\n---\n{body}\n",
                        encoding="utf-8")
        api.build([corpus], settings=load_settings(db=str(db), progress=False), out=work / "out",
                  progress=False)
    with Store(db, readonly=True) as store:
        return articles_from_store(store, salience=salience)[0]


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


class Run:
    """The timelines of the chosen folders, with selections and scores cached per parameter set."""

    def __init__(self, folders: list[Path], pipeline: Path | None, metrics: tuple[str, ...],
                 salience: bool = True) -> None:
        self.metrics = metrics
        self.timelines: list[tuple[str, Path, list[dt.date], int]] = []  # topic, reference, dates, k
        self.articles: dict[Path, list[TimelineArticle]] = {}
        self.read_s = 0.0
        self.select_s = 0.0
        self.selections = 0
        self._scores: dict[tuple, dict[str, float]] = {}
        for folder in folders:
            t0 = time.perf_counter()
            arts = load_topic_via_store(folder, pipeline, salience) if pipeline else load_topic(folder)
            self.read_s += time.perf_counter() - t0
            for ref in sorted((folder / "timelines").glob("*.txt")):
                dates, k = reference(ref)
                self.timelines.append((folder.name.split("_")[0], ref, dates, k))
                self.articles[ref] = arts

    @property
    def topics(self) -> list[str]:
        return sorted({t for t, *_ in self.timelines})

    def scores(self, ref: Path, params: Params | str, fast: bool) -> dict[str, float]:
        key = (ref, params, fast)
        if key not in self._scores:
            _, _, dates, k = next(t for t in self.timelines if t[1] == ref)
            arts = self.articles[ref]
            t0 = time.perf_counter()
            if params == "pub-lead":
                entries = pub_lead(arts, dates=len(dates), sentences=k, start=dates[0], end=dates[-1])
            elif params == "auto":  # the defaults, with the budget chosen from the corpus, not given
                entries = select_timeline(arts, dates=None, sentences=None, start=dates[0], end=dates[-1])
            else:
                entries = select_timeline(arts, dates=len(dates), sentences=k, start=dates[0],
                                          end=dates[-1], **dict(params))
                self.select_s += time.perf_counter() - t0
                self.selections += 1
            self._scores[key] = score(entries, ref, fast=fast, metrics=self.metrics)
        return self._scores[key]

    def topic_mean(self, topic: str, params: Params | str, fast: bool) -> dict[str, float]:
        rows = [self.scores(ref, params, fast) for t, ref, *_ in self.timelines if t == topic]
        return {key: statistics.mean(r[key] for r in rows) for key in rows[0]}


def objective(s: dict[str, float]) -> float:
    return sum(s[key] / goal for key, goal in GOALS.items())


def best_on(run: Run, topics: list[str]) -> Params:
    """The grid point with the best mean objective over ``topics`` (fast ROUGE); ties: the defaults."""
    grid: list[Params] = [tuple(zip(GRID, values, strict=True))
                          for values in itertools.product(*GRID.values())]
    return max(grid, key=lambda p: (statistics.mean(objective(run.topic_mean(t, p, True)) for t in topics),
                                    p == _defaults()))


def leave_one_topic_out(run: Run, fast: bool) -> dict[str, tuple[Params, dict[str, float]]]:
    """Topic -> (the parameters chosen on the other topics, the held-out topic's scores)."""
    out = {}
    for held in run.topics:
        rest = [t for t in run.topics if t != held]
        if not rest:
            break
        best = best_on(run, rest)
        out[held] = (best, run.topic_mean(held, best, fast))
        print(f"  {held}: chosen on {'+'.join(rest)}: {_fmt(best)}", file=sys.stderr, flush=True)
    return out


def _defaults() -> Params:
    return tuple((k, float(DEFAULTS[k])) for k in GRID)


def _fmt(p: Params | str) -> str:
    return p if isinstance(p, str) else " ".join(f"{k}={v:g}" for k, v in p)


def _cols(s: dict[str, float], metrics: tuple[str, ...]) -> str:
    return f"{s['date_f1']:>7.3f} " + " ".join(f"{s[m + '/r1']:>7.3f} {s[m + '/r2']:>7.3f}" for m in metrics)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval folder holding timeline17/")
    p.add_argument("--topics", nargs="*", help="topic/outlet folders to run (default: all)")
    p.add_argument("--fast", action="store_true", help="score everything with tilse's Python ROUGE")
    p.add_argument("--in-sample", action="store_true", help="only the shipped defaults, no sweep")
    p.add_argument("--all-metrics", action="store_true", help="also concat and agreement ROUGE")
    p.add_argument("--no-baseline", action="store_true", help="skip the pub-lead reference run")
    p.add_argument("--pipeline", type=Path, metavar="WORKDIR",
                   help="read the articles through `eventmap build` (spaCy, the store, event salience) "
                   "in WORKDIR instead of tagging the given sentences directly (slow: minutes per topic)")
    p.add_argument("--no-salience", action="store_true",
                   help="with --pipeline: leave event salience out of the records (to measure what it adds)")
    args = p.parse_args(argv)
    base = args.data / "timeline17" / "Data"
    if not base.is_dir():
        print(f"no Timeline17 data at {base}; pass --data PATH (the folder holding timeline17/)",
              file=sys.stderr)
        return 2
    folders = sorted(d for d in base.iterdir() if d.is_dir() and (not args.topics or d.name in args.topics))
    metrics = METRICS if args.all_metrics else METRICS[:1]
    run = Run(folders, args.pipeline, metrics, salience=not args.no_salience)
    n_articles = sum(len(run.articles[ref]) for _, ref, *_ in run.timelines)
    head = f"{'':28} {'date F1':>7} " + " ".join(f"{SHORT[m] + ' R1':>7} {'R2':>7}" for m in metrics)

    if not args.in_sample and len(run.topics) > 1:
        print("Leave one topic out (parameters set on the other topics, scored on this one):")
        print(f"{'topic':28}" + head[28:] + "  chosen on the others")
        loto = leave_one_topic_out(run, args.fast)
        for topic, (params, s) in loto.items():
            print(f"{topic:28} {_cols(s, metrics)}  {_fmt(params)}")
        mean = {k: statistics.mean(s[k] for _, s in loto.values()) for k in next(iter(loto.values()))[1]}
        print(f"{'MEAN (' + str(len(loto)) + ' topics)':28} {_cols(mean, metrics)}")
        print(f"chosen on all {len(run.topics)} topics: {_fmt(best_on(run, run.topics))}\n", flush=True)

    systems: list[Params | str] = [_defaults(), "auto"] + ([] if args.no_baseline else ["pub-lead"])
    print(f"In sample (defaults {_fmt(_defaults())}), per timeline:")
    print(f"{'timeline':22} {'dates':>5}" + head[28:] + "   (dates: the reference's, or as chosen)")
    for system in systems:
        for _, ref, *_ in run.timelines:
            s = run.scores(ref, system, args.fast)
            name = ref.parent.parent.name[:22 if system == _defaults() else 13]
            name += "" if system == _defaults() else f" {system}"
            print(f"{name:22} {s['dates']:>5} {_cols(s, metrics)}", flush=True)
        for label, keys in (("topics", run.topics), ("timelines", None)):
            rows = ([run.topic_mean(t, system, args.fast) for t in keys] if keys else
                    [run.scores(ref, system, args.fast) for _, ref, *_ in run.timelines])
            mean = {k: statistics.mean(r[k] for r in rows) for k in rows[0]}
            tag = system if isinstance(system, str) else "eventmap"
            print(f"{'MEAN ' + str(len(rows)) + ' ' + label + ' ' + tag:28} {_cols(mean, metrics)}")
    reading = "eventmap build (spaCy, store)" if args.pipeline else "load (cached tagging)"
    print(f"\n{len(run.timelines)} timelines, {n_articles} articles read; {reading} {run.read_s:.1f}s; "
          f"{run.selections} selections {run.select_s:.1f}s "
          f"({run.select_s / max(1, run.selections):.2f}s each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
