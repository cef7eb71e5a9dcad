"""Build throughput on Timeline17: articles/s and build time / spaCy parse time of the same texts.

    python benchmarks/throughput.py [--data ../shared/eval/timeline17] [--limit 2000] [--executor local]

Timeline17's InputDocs are PTB-tokenized plain text in ``<topic>/InputDocs/<date>/*.htm.txt``. They
are written to a temporary corpus of .txt files with front matter (published = the folder date,
outlet = the topic's outlet), a fixed-seed sample of ``--limit`` of them, then built with the
eventmap CLI code path (``api.build``) in this process, peak RSS read from the OS. The parse
baseline runs ``nlp.pipe`` over the same article bodies with the same model and batch size, in the
same run, so the ratio says how much the pipeline costs beyond spaCy itself. It parses with a fresh
instance of the model, cold as the build's annotate stage is: the build's own instance has these
texts in its tokenizer cache and their lexemes in its vocab, which made the parse ~5% cheaper
(98.5 vs 93.8 CPU s over the 500-article sample); ``--warm-baseline`` measures it that way, as
before 2026-11-26. Both are timed in wall
seconds and in CPU seconds (this process and its reaped children): on a shared machine other users'
load stretches wall time unevenly between the two runs, CPU time much less.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "timeline17"


def timeline17_files(data: Path) -> list[tuple[str, str, Path]]:
    """(topic, date, file) for every input document, in a fixed order."""
    root = data / "Data"
    if not root.is_dir():
        sys.exit(f"no Timeline17 data under {root}; pass --data PATH (the folder holding Data/)")
    found = []
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        found.append((path.parts[-4], path.parts[-2], path))
    return found


def write_corpus(data: Path, out: Path, limit: int, seed: int = 17) -> list[Path]:
    """Write ``limit`` sampled articles to ``out`` (nested samples: a smaller limit is a prefix)."""
    files = timeline17_files(data)
    random.Random(seed).shuffle(files)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n, (topic, day, path) in enumerate(files[:limit]):
        outlet = topic.split("_", 1)[1] if "_" in topic else topic
        body = path.read_text(encoding="utf-8", errors="replace")
        target = out / f"{n:05d}_{topic}_{path.name.split('.')[0]}.txt"
        target.write_text(f"---\npublished: {day}\noutlet: {outlet}\n---\n{body}", encoding="utf-8")
        written.append(target)
    return written


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux; children covers worker processes of the process executor. The
    # per-stage resets (STAGE_RSS) also reset ru_maxrss, so the build's peak is the largest of both.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own / 1024, kids / 1024, *STAGE_RSS.values())


def cpu_seconds() -> float:
    """User + system CPU of this process and its waited-for children (pool workers after shutdown)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


STAGE_CPU: dict[str, float] = {}
STAGE_RSS: dict[str, float] = {}  # peak RSS (MB) during each stage, where /proc allows resetting it


def _reset_peak_rss() -> bool:
    try:  # Linux: writing 5 to clear_refs resets VmHWM (the peak) to the current RSS
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_rss_now_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def time_stage_cpu() -> None:
    """Record each stage's CPU seconds in STAGE_CPU (the runner's own reports are wall seconds).

    Wraps every stage module's ``run``; the runner imports the modules by name, so it calls the
    wrapped function. Worker CPU of the process/Dask executors is not included.
    """
    import importlib

    from eventmap.pipeline.runner import STAGES

    for name in STAGES:
        module = importlib.import_module(f"eventmap.stages.{name}")
        if getattr(module.run, "cpu_timed", False):
            continue

        def timed(ctx, _run=module.run, _name=name):  # noqa: ANN001, ANN202
            began, reset = cpu_seconds(), _reset_peak_rss()
            try:
                return _run(ctx)
            finally:
                STAGE_CPU[_name] = cpu_seconds() - began
                if reset:
                    STAGE_RSS[_name] = _peak_rss_now_mb()

        timed.cpu_timed = True  # type: ignore[attr-defined]
        module.run = timed


def spacy_parse_seconds(corpus: Path, model: str, batch_size: int,
                        warm: bool = False) -> tuple[float, float, int]:
    """(wall s, CPU s, tokens) of nlp.pipe alone over the corpus bodies (model load excluded), with
    a fresh model instance unless ``warm`` (then the build's instance, caches filled by the build)."""
    from eventmap.nlp.spacy_model import load_model
    from eventmap.sources.parse import split_front_matter

    nlp = load_model(model) if warm else load_model.__wrapped__(model)
    texts = [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in sorted(corpus.glob("*.txt"))]
    began, cpu = time.perf_counter(), cpu_seconds()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - began, cpu_seconds() - cpu, tokens


def run_build(corpus: Path, work: Path, executor: str, workers: int) -> tuple[float, float, object]:
    """(wall s, CPU s, BuildSummary) of a fresh build, model load included."""
    from eventmap import api
    from eventmap.config import load_settings

    settings = load_settings(db=str(work / "eventmap.db"), executor=executor, workers=workers,
                             progress=False)
    time_stage_cpu()
    STAGE_CPU.clear()
    began, cpu = time.perf_counter(), cpu_seconds()
    summary = api.build([corpus], settings=settings, out=work / "out", progress=False)
    return time.perf_counter() - began, cpu_seconds() - cpu, summary


def add_one(data: Path, limit: int, work: Path) -> None:
    """Time `add` of the next sampled article to the built map; count events that kept their ids."""
    from eventmap import api
    from eventmap.config import load_settings

    extra = write_corpus(data, work / "extra", limit + 1)[-1]
    settings = load_settings(db=str(work / "eventmap.db"), progress=False)
    def event_mentions() -> dict[str, set[str]]:
        return {e["id"]: {m["id"] for m in e["mentions"]} for e in api.load_export(settings.db)["events"]}

    before = event_mentions()
    began = time.perf_counter()
    summary = api.add([extra], settings=settings, out=work / "out", progress=False)
    took = time.perf_counter() - began
    after = event_mentions()
    kept = sum(eid in after and mentions <= after[eid] for eid, mentions in before.items())
    print(f"| add 1 article | {took:.2f} s |")
    for r in summary.reports:
        print(f"| &nbsp; {r.stage} | {r.seconds:.2f} s ({r.items} {r.detail}) |")
    print(f"| events keeping their id after add | {kept} / {len(before)} "
          f"({len(after) - len(before):+d} events) |", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--executor", default="local", choices=("local", "processes", "dask"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-parse-baseline", action="store_true")
    ap.add_argument("--warm-baseline", action="store_true",
                    help="parse baseline with the build's model instance (caches warm), as before")
    ap.add_argument("--add-one", action="store_true", help="also time `add` of one new article")
    ap.add_argument("--keep", type=Path, help="build in this folder instead of a temporary one")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="eventmap-bench-") as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        files = write_corpus(args.data, corpus, args.limit)
        seconds, cpu, summary = run_build(corpus, work, args.executor, args.workers)
        rss = peak_rss_mb()
        stats = summary.stats
        print("| measure | value |\n|---|---|")
        print(f"| articles | {len(files)} (unique {stats['unique_articles']}, events {stats['events']}, "
              f"rejected {len(summary.rejections)}) |")
        print(f"| executor | {args.executor} ({args.workers} workers) |")
        print(f"| build | {seconds:.1f} s wall, {cpu:.1f} s CPU, {len(files) / seconds:.2f} articles/s |")
        for r in summary.reports:
            print(f"| &nbsp; {r.stage} | {r.seconds:.2f} s wall, {STAGE_CPU.get(r.stage, 0):.2f} s CPU, "
                  f"peak {STAGE_RSS.get(r.stage, 0):.0f} MB ({r.items} {r.detail}) |")
        print(f"| peak RSS (build) | {rss:.0f} MB |", flush=True)
        if args.add_one:
            add_one(args.data, args.limit, work)
        if not args.no_parse_baseline:
            from eventmap.config import load_settings

            s = load_settings()
            parse, parse_cpu, tokens = spacy_parse_seconds(corpus, s.model, s.batch_size,
                                                           args.warm_baseline)
            kind = "build's model, warm" if args.warm_baseline else "fresh model, cold"
            print(f"| spaCy parse only ({kind}) | {parse:.1f} s wall, {parse_cpu:.1f} s CPU "
                  f"({tokens} tokens, {tokens / parse:.0f} tok/s) |")
            print(f"| build / parse | {seconds / parse:.2f} wall, {cpu / parse_cpu:.2f} CPU |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
