"""How far a local `eventmap add` drifts from recomputing the map: events, links, storylines, claims.

    python benchmarks/add_drift.py --store BUILT.db [--data ../shared/eval/timeline17] [--limit 2000]
                                   [--nth 4]

``BUILT.db`` is a store built from the first ``--limit`` sampled Timeline17 articles (as for
``add_latency.py``). The ``--nth`` next sampled article is added locally to one copy; on a second
copy of the result, dedup and resolve..link are recomputed over the whole store (the annotations
are kept). The table compares the two maps part by part.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, write_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--nth", type=int, default=4, help="which of the next sampled articles to add")
    args = ap.parse_args(argv)
    if not args.store.is_file():
        sys.exit(f"no store at {args.store}; build one with benchmarks/throughput.py --keep DIR")

    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.pipeline.context import Context, Progress
    from eventmap.pipeline.runner import run_pipeline
    from eventmap.stages import dedup
    from eventmap.store.sqlite import Store

    with tempfile.TemporaryDirectory(prefix="eventmap-drift-") as tmp:
        work = Path(tmp)
        extra = write_corpus(args.data, work / "extra", args.limit + args.nth)[-1]
        local, full = work / "local.db", work / "full.db"
        shutil.copy(args.store, local)
        api.add([extra], settings=load_settings(db=str(local), progress=False), progress=False, render=False)
        shutil.copy(local, full)
        settings = load_settings(db=str(full), progress=False)
        with Store(full) as store:
            ctx = Context(settings=settings, store=store, progress=Progress(False))
            store.clear("dedup")
            dedup.run(ctx)  # `build --from dedup` would also redo annotate and extract
            run_pipeline(ctx, start="resolve", stop="link")
        a, f = api.load_export(local), api.load_export(full)

    def events(x: dict) -> set:
        return {(e["id"], frozenset(m["id"] for m in e["mentions"])) for e in x["events"]}

    def links(x: dict) -> set:
        return {(lk["source"], lk["target"], lk["kind"]) for lk in x["links"] if lk["signal"] != "dates"}

    def lines(x: dict) -> set:
        return {frozenset(s["events"]) for s in x["storylines"]}

    def claims(x: dict) -> set:
        return {(d["kind"], frozenset((c["article"], c["text"]) for c in d["claims"]))
                for d in x["disagreements"]}

    def stories(x: dict) -> set:
        return {frozenset(s["articles"]) for s in x["stories"]}

    print(f"added {extra.name}\n")
    print("| part of the map | local add | full recompute | identical |\n|---|---|---|---|")
    for name, part in (("events (id and mentions)", events), ("signal links", links),
                       ("storylines (event sets)", lines), ("disagreements (kind and claims)", claims),
                       ("stories (article sets)", stories)):
        pa, pf = part(a), part(f)
        print(f"| {name} | {len(pa)} | {len(pf)} | {len(pa & pf)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
