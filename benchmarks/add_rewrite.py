"""CPU and wall seconds of rewriting the output files after `eventmap add` (summarize + render).

    python benchmarks/add_rewrite.py --store BUILT.db [--limit 2000] [--data ../shared/eval/timeline17]

As ``map_browser.py --add`` does: the store (built from the first ``--limit`` sampled Timeline17
articles, e.g. by ``throughput.py --keep DIR``) is copied, its files written by a full re-export
(``build --from summarize``, which also keeps the export's event parts in the store), then the
next sampled article is added in this process with the model loaded. Each stage is timed in CPU
seconds of this process and in wall seconds. Run it again with another checkout first on
``PYTHONPATH`` for a reference measured on the same machine in the same minutes (it is noisy).
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, write_corpus  # noqa: E402


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


class _Timed:
    """A stage module whose ``run`` records (CPU s, wall s) in ``times``."""

    def __init__(self, module: Any, times: dict[str, tuple[float, float]]) -> None:
        self.module, self.times = module, times

    def run(self, ctx: Any) -> Any:
        c, t = cpu(), time.perf_counter()
        try:
            return self.module.run(ctx)
        finally:
            self.times[self.module.__name__.rsplit(".", 1)[-1]] = (cpu() - c, time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=2000, help="sampled articles the store was built from")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)

    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.nlp.spacy_model import load_model
    from eventmap.pipeline import runner
    from eventmap.store.sqlite import Store

    times: dict[str, tuple[float, float]] = {}
    load = importlib.import_module
    runner.importlib = type("Timed", (), {"import_module": staticmethod(lambda n: _Timed(load(n), times))})
    with tempfile.TemporaryDirectory(prefix="eventmap-addrewrite-") as tmp:
        work = Path(tmp)
        extra = write_corpus(args.data, work / "extra", args.limit + 1)[-1]
        db = work / "add.db"
        with Store(args.store, readonly=True) as src:
            src.db.execute(f"VACUUM INTO '{db}'")
        settings = load_settings(db=str(db), progress=False)
        load_model(settings.model)
        out = work / "out"
        api.build([], settings=settings, out=out, start="summarize", progress=False)
        full = dict(times)
        times.clear()
        summary = api.add([extra], settings=settings, out=out, progress=False)
    print("| run | summarize CPU (wall) s | render CPU (wall) s | rewrite CPU (wall) s |\n|---|---|---|---|")
    for name, t in (("full re-export", full), ("after the add", times)):
        s, r = t["summarize"], t["render"]
        cells = [f"{c:.2f} ({w:.2f})" for c, w in (s, r, (s[0] + r[0], s[1] + r[1]))]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n" + "; ".join(f"{x.stage} {x.detail}" for x in summary.reports if x.stage == "render"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
