"""Peak RSS and CPU of the annotate stage on the longest Timeline17 articles (issue 8: RSS <= 2 GB).

    python benchmarks/annotate_memory.py [--limit 2000] [--longest 40] [--data ../shared/eval/timeline17]

Takes the fixed-seed sample of ``--limit`` articles that ``throughput.py`` builds, keeps its
``--longest`` longest files (the 2,000-article sample holds articles of 590, 393, 246, 180 and 178 KB),
and runs ingest, dedup and annotate on them with the current settings (``EVENTMAP_*`` variables and
``eventmap.toml`` apply, e.g. ``EVENTMAP_PIPE_CHARS``). The annotate stage's peak RSS is read from the
OS after resetting the peak at the stage's start (``throughput.STAGE_RSS``), so the model, already
loaded by then only if an earlier stage loaded it, counts as it does in a build.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput  # noqa: E402


def write_longest(data: Path, out: Path, limit: int, longest: int) -> list[Path]:
    written = throughput.write_corpus(data, out, limit)
    keep = sorted(written, key=lambda p: p.stat().st_size, reverse=True)[:longest]
    for path in set(written) - set(keep):
        path.unlink()
    return keep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=throughput.DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--longest", type=int, default=40)
    args = ap.parse_args(argv)

    from eventmap.config import load_settings
    from eventmap.pipeline.context import Context, Inputs, Progress
    from eventmap.pipeline.runner import run_pipeline
    from eventmap.store.sqlite import Store

    with tempfile.TemporaryDirectory(prefix="eventmap-annmem-") as tmp:
        work = Path(tmp)
        files = write_longest(args.data, work / "corpus", args.limit, args.longest)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
        settings = load_settings(db=str(work / "eventmap.db"), progress=False)
        throughput.time_stage_cpu()
        began = time.perf_counter()
        with Store(settings.db) as store:
            ctx = Context(settings=settings, store=store, inputs=Inputs((work / "corpus",)),
                          progress=Progress(False))
            run_pipeline(ctx, stop="annotate")
        wall = time.perf_counter() - began
        print(f"| articles | {len(files)} longest of {args.limit} ({chars:,} chars) |")
        print(f"| settings | batch_size {settings.batch_size}, max_chars {settings.max_chars}, "
              f"pipe_chars {getattr(settings, 'pipe_chars', '-')} |")
        for stage in ("ingest", "dedup", "annotate"):
            print(f"| {stage} | {throughput.STAGE_CPU.get(stage, 0):.1f} s CPU, "
                  f"peak {throughput.STAGE_RSS.get(stage, 0):.0f} MB |")
        print(f"| process peak RSS | {throughput.peak_rss_mb():.0f} MB ({wall:.0f} s wall) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
