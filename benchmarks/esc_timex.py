"""ESC (Event StoryLine Corpus v1.5) TIMEX normalization: value accuracy of normalize() on gold spans.

Usage:
    python benchmarks/esc_timex.py [DATA_DIR] [--split all|dev|heldout] [--errors N]

DATA_DIR defaults to ../shared/eval/esc/annotated_cat_xml_v1.5. For each CAT XML file the DCT is
the TIME_DATE markable with DCT="TRUE"; every other TIME_* markable with tokens and a non-empty
gold value is normalized from its token text (tokens joined with light detokenization) and the
value compared as a string. A span normalize() returns None for counts as wrong. ``--split`` keeps
the files of one half of the file-name hash split that esc_anchoring.py uses (tune on dev).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _tml import read_cat, split_of  # noqa: E402

from eventmap.nlp.temporal import normalize  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "esc" / "annotated_cat_xml_v1.5"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.exists():
        print(f"data not found: {data} (skipping)")
        return 0
    total: Counter = Counter()
    correct: Counter = Counter()
    none = 0
    errors = []
    n_files = 0
    t0 = time.perf_counter()
    for path in sorted(data.rglob("*.xml")):
        if args.split != "all" and split_of(path.name) != args.split:
            continue
        try:
            dct, timexes = read_cat(path)
        except Exception as exc:  # a malformed file is reported, not fatal
            print(f"skip {path.name}: {exc}")
            continue
        n_files += 1
        for t in timexes:
            if t.dct or not t.value:
                continue
            total[t.tag] += 1
            got = normalize(t.text, dct)
            if got is None:
                none += 1
            if got is not None and got.value == t.value:
                correct[t.tag] += 1
            else:
                errors.append((path.name, dct, t.text, t.value, got.value if got else None))
    elapsed = time.perf_counter() - t0
    n = sum(total.values())
    c = sum(correct.values())
    print(f"ESC v1.5 TIMEX value accuracy of normalize() on gold spans (split={args.split}, "
          f"{n_files} files, {elapsed:.2f} s)")
    print("| tag | gold timexes | value correct | accuracy |\n|---|---|---|---|")
    for tag_ in sorted(total):
        print(f"| {tag_} | {total[tag_]} | {correct[tag_]} | "
              f"{correct[tag_] / total[tag_]:.3f} |")
    print(f"| all | {n} | {c} | {c / n if n else 0:.3f} |")
    print(f"not recognized as temporal (None): {none}")
    for e in errors[: args.errors]:
        print("\t".join(map(str, e)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
