"""`eventmap add` of one article to a built map: seconds per add, per stage, warm and cold.

    python benchmarks/add_latency.py --store BUILT.db [--data ../shared/eval/timeline17] [--limit 2000]
                                     [--articles 20]

``BUILT.db`` is a store built from the first ``--limit`` sampled Timeline17 articles (e.g. the one
``benchmarks/throughput.py --limit 2000 --keep DIR`` leaves in DIR). Each of the next ``--articles``
sampled articles is added alone to a fresh copy of that store, in this process with the spaCy model
already loaded (as in a long-running process: ``eventmap serve``, a feed poller) and without
rewriting the output files (``render=False``, what ``eventmap add --no-render`` does). Then one add
is timed with the files rewritten, and one through the CLI in a new process (imports and model load
included). Copying the store is not timed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, write_corpus  # noqa: E402


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True, help="a store built from the first --limit articles")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--articles", type=int, default=20)
    args = ap.parse_args(argv)
    if not args.store.is_file():
        sys.exit(f"no store at {args.store}; build one with benchmarks/throughput.py --keep DIR")

    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.nlp.spacy_model import load_model

    with tempfile.TemporaryDirectory(prefix="eventmap-add-") as tmp:
        work = Path(tmp)
        files = write_corpus(args.data, work / "extra", args.limit + args.articles)[args.limit:]
        db = work / "eventmap.db"
        load_model(load_settings().model)
        rows, stages = [], defaultdict(list)
        print("| article | chars | mentions | add s | slowest stages |\n|---|---|---|---|---|")
        for path in files:
            shutil.copy(args.store, db)
            settings = load_settings(db=str(db), progress=False)
            began = time.perf_counter()
            summary = api.add([path], settings=settings, out=work / "out", progress=False, render=False)
            took = time.perf_counter() - began
            rows.append(took)
            for r in summary.reports:
                stages[r.stage].append(r.seconds)
            extract = next((r for r in summary.reports if r.stage == "extract"), None)
            slow = sorted(summary.reports, key=lambda r: -r.seconds)[:3]
            print(f"| {path.name} | {len(path.read_text(encoding='utf-8'))} | "
                  f"{extract.items if extract else '?'} | {took:.2f} | "
                  + ", ".join(f"{r.stage} {r.seconds:.2f}" for r in slow) + " |", flush=True)
        print(f"\n| adds (warm, store only) | {len(rows)} |\n|---|---|")
        print(f"| median | {statistics.median(rows):.2f} s |")
        print(f"| 90th percentile | {quantile(rows, 0.9):.2f} s |")
        print(f"| max | {max(rows):.2f} s |\n| under 2 s | {sum(t < 2 for t in rows)} of {len(rows)} |")
        per_stage = ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in stages.items())
        print(f"| median per stage | {per_stage} |")

        typical = sorted(zip(rows, files, strict=True))[len(rows) // 2][1]
        shutil.copy(args.store, db)
        settings = load_settings(db=str(db), progress=False)
        began = time.perf_counter()
        summary = api.add([typical], settings=settings, out=work / "out", progress=False)
        print(f"| median article with the files rewritten (warm) | {time.perf_counter() - began:.2f} s ("
              + ", ".join(f"{r.stage} {r.seconds:.2f}" for r in summary.reports[-2:]) + ") |")
        shutil.copy(args.store, db)
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eventmap.cli", "add", str(typical), "--db", str(db),
                        "--no-render", "-q"], check=True, stdout=subprocess.DEVNULL)
        print(f"| median article through the CLI, new process, no files (cold) | "
              f"{time.perf_counter() - began:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
