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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, run_build, write_corpus  # noqa: E402

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

    rows = []
    print("| articles | build s | articles/s | annotate s | extract s | whole-corpus stages s |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="eventmap-scale-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(args.data, corpus, n)
            began = time.perf_counter()
            seconds, summary = run_build(corpus, Path(tmp), args.executor, args.workers)
            seconds = time.perf_counter() - began
            by = {r.stage: r.seconds for r in summary.reports}
            whole = sum(by.get(s, 0.0) for s in WHOLE_CORPUS)
            rows.append((n, seconds, whole))
            print(f"| {n} | {seconds:.1f} | {n / seconds:.2f} | {by.get('annotate', 0):.1f} | "
                  f"{by.get('extract', 0):.1f} | {whole:.1f} |", flush=True)
    if len(rows) > 1:
        sizes = [r[0] for r in rows]
        print(f"\nfitted exponent, whole build: {fit_exponent(sizes, [r[1] for r in rows]):.3f}")
        print(f"fitted exponent, whole-corpus stages: {fit_exponent(sizes, [r[2] for r in rows]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
