"""Build time against corpus size on Timeline17 (nested samples), with the fitted exponent.

    python benchmarks/scaling.py [--data ../shared/eval/timeline17] [--sizes 250 500 1000 2000]
                                 [--executor local|processes|dask] [--workers 2]

Each size is a fresh build in its own store. The exponent b is the least-squares slope of
log(time) on log(articles): b = 1 is linear; the whole-corpus stages (dedup, resolve, merge, link)
are listed separately because they are the ones that can grow faster than linearly.

    python benchmarks/scaling.py --store BUILT.db [--sizes 250 500 1000 2000]

measures only the whole-corpus stages, on nested subsets of a store that ``throughput.py --keep``
already built (its first n articles by ingest order, which is the sample order): per-article work
(annotate, extract) is linear by construction, and this costs minutes instead of a rebuild per size.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import (  # noqa: E402
    DEFAULT_DATA,
    STAGE_CPU,
    STAGE_RSS,
    cpu_seconds,
    run_build,
    time_stage_cpu,
    write_corpus,
)

WHOLE_CORPUS = ("dedup", "resolve", "merge", "link", "summarize", "render")


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(n) for n in sizes], [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def subset_store(store: Path, n: int, out: Path) -> None:
    """Copy ``store`` keeping its first ``n`` articles and their per-article rows."""
    import sqlite3

    from eventmap.store.sqlite import STAGE_TABLES, Store

    with Store(store, readonly=True) as src:  # a consistent copy, WAL included
        src.db.execute(f"VACUUM INTO '{out}'")
    con = sqlite3.connect(out)
    with con:
        con.execute("DELETE FROM articles WHERE seq NOT IN (SELECT seq FROM articles ORDER BY seq LIMIT ?)",
                    (n,))
        for stage in ("annotate", "extract"):
            for table in STAGE_TABLES[stage]:
                con.execute(f"DELETE FROM {table} WHERE article NOT IN (SELECT id FROM articles)")
        con.execute("DELETE FROM rejections")
    con.close()


def whole_corpus_on_subsets(store: Path, sizes: list[int]) -> int:
    import importlib

    from eventmap.config import load_settings
    from eventmap.pipeline.context import Context, Progress
    from eventmap.store.sqlite import Store

    time_stage_cpu()
    rows, peaks = [], []
    print("| articles | whole-corpus CPU s | " + " | ".join(f"{s} CPU s" for s in WHOLE_CORPUS) + " |")
    print("|---" * (2 + len(WHOLE_CORPUS)) + "|")
    # The first run (smallest size, not reported) pays one-time loads: gazetteer, lexicons, imports.
    for warm, n in [(True, sizes[0]), *((False, n) for n in sizes)]:
        with tempfile.TemporaryDirectory(prefix="eventmap-subset-") as tmp:
            db = Path(tmp) / "eventmap.db"
            subset_store(store, n, db)
            settings = load_settings(db=str(db), progress=False)
            STAGE_CPU.clear()
            began = cpu_seconds()
            with Store(db) as st:
                ctx = Context(settings=settings, store=st, progress=Progress(False),
                              out_dir=Path(tmp) / "out")
                # Stage by stage: ``build --from dedup`` would also clear and redo annotate/extract.
                for stage in WHOLE_CORPUS:
                    st.clear(stage)
                    importlib.import_module(f"eventmap.stages.{stage}").run(ctx)
                unique = st.count("articles") - st.count("duplicates")
            total = cpu_seconds() - began
            if warm:
                continue
            rows.append((n, total, dict(STAGE_CPU)))
            print(f"| {n} ({unique} unique) | {total:.1f} | "
                  + " | ".join(f"{STAGE_CPU.get(s, 0.0):.2f}" for s in WHOLE_CORPUS) + " |", flush=True)
            peaks.append(f"{n}: " + ", ".join(f"{s} {STAGE_RSS.get(s, 0):.0f}" for s in WHOLE_CORPUS))
    print("\npeak RSS per stage (MB): " + "; ".join(peaks))
    if len(rows) > 1:
        sizes_ = [r[0] for r in rows]
        print("\n| fitted exponent b (CPU ~ n^b) | b |\n|---|---|")
        print(f"| whole-corpus stages together | {fit_exponent(sizes_, [r[1] for r in rows]):.3f} |")
        for stage in WHOLE_CORPUS:
            print(f"| {stage} | {fit_exponent(sizes_, [max(r[2].get(stage, 0), 1e-3) for r in rows]):.3f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    ap.add_argument("--executor", default="local", choices=("local", "processes", "dask"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--store", type=Path, help="time only the whole-corpus stages on subsets of this store")
    args = ap.parse_args(argv)
    if args.store:
        return whole_corpus_on_subsets(args.store, args.sizes)

    stages = ("ingest", "dedup", "annotate", "extract", *WHOLE_CORPUS[1:])
    rows: list[tuple[int, float, float, dict[str, float]]] = []
    print("| articles | build s (wall) | build s (CPU) | articles/s | "
          + " | ".join(f"{s} CPU s" for s in stages) + " |")
    print("|---" * (4 + len(stages)) + "|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="eventmap-scale-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(args.data, corpus, n)
            seconds, cpu, summary = run_build(corpus, Path(tmp), args.executor, args.workers)
            by = dict(STAGE_CPU)  # per-stage CPU seconds: steadier than wall on a shared machine
            rows.append((n, seconds, cpu, by))
            print(f"| {n} | {seconds:.1f} | {cpu:.1f} | {n / seconds:.2f} | "
                  + " | ".join(f"{by.get(s, 0.0):.2f}" for s in stages) + " |", flush=True)
    if len(rows) > 1:
        sizes = [r[0] for r in rows]
        print("\n| fitted exponent b (time ~ n^b) | b |\n|---|---|")
        print(f"| whole build, wall | {fit_exponent(sizes, [r[1] for r in rows]):.3f} |")
        print(f"| whole build, CPU | {fit_exponent(sizes, [r[2] for r in rows]):.3f} |")
        whole = [sum(r[3].get(s, 0.0) for s in WHOLE_CORPUS) for r in rows]
        print(f"| whole-corpus stages together, CPU | {fit_exponent(sizes, whole):.3f} |")
        for stage in stages:
            times = [max(r[3].get(stage, 0.0), 1e-3) for r in rows]
            print(f"| {stage}, CPU | {fit_exponent(sizes, times):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
