"""Build time against corpus size on Timeline17 (nested samples), with the fitted exponent.

    python benchmarks/scaling.py [--data ../shared/eval/timeline17] [--sizes 250 500 1000 2000]
                                 [--executor local|processes|dask] [--workers 2]

Each size is a fresh build in its own store. The exponent b is the least-squares slope of
log(time) on log(articles): b = 1 is linear; the whole-corpus stages (dedup, resolve, merge, link)
are listed separately because they are the ones that can grow faster than linearly.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, STAGE_CPU, run_build, write_corpus  # noqa: E402

WHOLE_CORPUS = ("dedup", "resolve", "merge", "link", "summarize", "render")


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(n) for n in sizes], [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    ap.add_argument("--executor", default="local", choices=("local", "processes", "dask"))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)

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
