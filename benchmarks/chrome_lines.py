"""What chrome removal (``eventmap.sources.clean``) takes out of real input, and what it costs.

    python benchmarks/chrome_lines.py                    # Timeline17 input docs + seeds in ../shared
    python benchmarks/chrome_lines.py articles/ a.html   # any files or folders eventmap reads
    python benchmarks/chrome_lines.py --sample 60 --no-parse

Prints, per corpus, the articles, their non-blank lines, the lines dropped and the parts cut from kept
lines (datelines, glued titles, credit sentences), then the same per chrome family, then ``--sample``
removed lines drawn at random (fixed seed) for a person to check. Timeline17's InputDocs are
PTB-tokenized one sentence a line (``-LRB-``, `` `` ``); they are untokenized with a few rules and read
whole, with no title (the files have none). Other inputs go through eventmap's own readers
(``parse_document`` with cleaning off), so the title and text are what ``build`` would clean.

Cost: ``clean_text`` over a fixed-seed sample of ``--limit`` Timeline17 articles (best CPU time of
three runs), against spaCy's ``nlp.pipe`` over the same texts (the build's model, a fresh instance,
batch size 16, CPU seconds), unless ``--no-parse``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventmap.models import Article
from eventmap.sources.clean import FAMILIES, Cleaned, clean_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
SEEDS = ROOT.parent / "shared" / "seeds"
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"', "\\/": "/"}
_CLITIC = re.compile(r" (n't|'s|'re|'ve|'m|'ll|'d)\b")


@dataclass(frozen=True)
class Doc:
    corpus: str
    name: str
    text: str
    title: str | None = None


def untokenize(line: str) -> str:
    """Enough of PTB undone for chrome shapes: brackets, quotes, spaces before punctuation."""
    words = [_PTB.get(w, w.replace("\\/", "/")) for w in line.split()]
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", " ".join(words))
    return _CLITIC.sub(r"\1", re.sub(r"([(\[{$#]) ", r"\1", text))


def timeline17_docs(data: Path) -> list[Doc]:
    root = data / "timeline17" / "Data"
    docs = []
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        text = "\n".join(untokenize(x) for x in lines if x.strip())
        if text:
            docs.append(Doc("timeline17", str(path.relative_to(root)), text))
    return docs


def eventmap_docs(paths: list[Path], corpus: str) -> list[Doc]:
    """Titles and texts as eventmap's readers give them, before cleaning."""
    from eventmap.sources.files import iter_files
    from eventmap.sources.parse import parse_document

    docs = []
    for raw in iter_files(paths, max_file_mb=20.0):
        if isinstance(raw, Article) or not hasattr(raw, "content"):
            continue  # a rejection row from the walk
        for art in parse_document(raw, clean=False):
            if isinstance(art, Article):
                docs.append(Doc(corpus, art.path or raw.item, art.text, art.title))
    return docs


def report(docs: list[Doc], cleaned: list[Cleaned], sample: int, seed: int) -> None:
    corpora = sorted({d.corpus for d in docs})
    print(f"{'corpus':12} {'articles':>8} {'lines':>8} {'dropped':>8} {'cut':>6} {'share':>7} "
          f"{'articles with removals':>23}")
    for corpus in corpora:
        pairs = [(d, c) for d, c in zip(docs, cleaned, strict=True) if d.corpus == corpus]
        lines = sum(sum(1 for x in d.text.split("\n") if x.strip()) for d, _ in pairs)
        dropped = sum(1 for _, c in pairs for r in c.removed if not r.partial)
        cut = sum(1 for _, c in pairs for r in c.removed if r.partial)
        touched = sum(1 for _, c in pairs if c.count)
        print(f"{corpus:12} {len(pairs):>8} {lines:>8} {dropped:>8} {cut:>6} {dropped / max(lines, 1):>7.2%} "
              f"{touched:>16} ({touched / max(len(pairs), 1):.0%})")
    by_family = Counter((r.family, r.partial) for c in cleaned for r in c.removed)
    print(f"\n{'family':12} {'dropped':>8} {'cut':>6}")
    for family in FAMILIES:
        if by_family[family, False] or by_family[family, True]:
            print(f"{family:12} {by_family[family, False]:>8} {by_family[family, True]:>6}")
    removed = [(d, r) for d, c in zip(docs, cleaned, strict=True) for r in c.removed]
    picked = random.Random(seed).sample(removed, min(sample, len(removed)))
    print(f"\n{len(picked)} removed lines drawn at random (seed {seed}) for a person to check "
          "('cut' = cut from a kept line):")
    for doc, r in sorted(picked, key=lambda p: (p[1].family, p[0].name)):
        text = r.text if len(r.text) <= 150 else r.text[:147] + "..."
        print(f"  [{r.family}{' cut' if r.partial else ''}] {text}    ({doc.corpus}: {doc.name})")


def cpu() -> float:
    return time.process_time()


def cost(texts: list[str], model: str, parse: bool) -> None:
    runs = []
    for _ in range(3):
        began = cpu()
        for text in texts:
            clean_text(text)
        runs.append(cpu() - began)
    chars = sum(map(len, texts))
    print(f"\ncost on {len(texts)} Timeline17 articles ({chars / 1e6:.1f} M characters): clean_text "
          f"{min(runs):.3f} CPU s (best of 3)", end="")
    if not parse:
        print()
        return
    from eventmap.nlp.spacy_model import load_model

    nlp = load_model.__wrapped__(model)  # a fresh instance, as the build's annotate stage parses cold
    began = cpu()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    parse_s = cpu() - began
    print(f"; spaCy {model} parse {parse_s:.1f} CPU s ({tokens:,} tokens); "
          f"clean/parse = {min(runs) / parse_s:.3%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, help="files or folders to read instead of ../shared")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding timeline17/")
    ap.add_argument("--limit", type=int, default=500, help="Timeline17 articles timed (fixed-seed sample)")
    ap.add_argument("--sample", type=int, default=40, help="removed lines printed for checking")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--no-parse", dest="parse", action="store_false", help="skip the spaCy baseline")
    args = ap.parse_args(argv)

    if args.paths:
        docs = eventmap_docs(args.paths, "given")
    else:
        if not (args.data / "timeline17" / "Data").is_dir():
            sys.exit(f"no Timeline17 data under {args.data}; pass --data PATH or files to read")
        docs = timeline17_docs(args.data)
        if SEEDS.is_dir():
            docs += eventmap_docs([SEEDS], "seeds")
    cleaned = [clean_text(d.text, title=d.title) for d in docs]
    report(docs, cleaned, args.sample, args.seed)
    timeline = [d.text for d in docs if d.corpus == "timeline17"]
    if timeline:
        random.Random(17).shuffle(timeline)
        cost(timeline[:args.limit], args.model, args.parse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
