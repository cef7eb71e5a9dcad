"""Event trigger detection on ECB+: precision / recall / F1 of eventmap's extracted event mentions
against the gold ACTION_* mentions, on the sentences ECB+ annotated (ECBplus_coreference_sentences.csv).

A predicted trigger is correct when its token is one of a gold event mention's tokens. Reported both
against all gold event types and against ACTION_OCCURRENCE only (eventmap does not extract reporting,
perception or state words as events, by design). Train/dev topics only; test topics are kept aside.

    python benchmarks/event_triggers.py [--ecb ../shared/eval/ecbplus] [--split dev|train|all]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from eventmap.nlp.events import extract_events
from eventmap.nlp.spacy_model import load_model

DEV = {2, 5, 12, 18, 21, 23, 34, 35}
TEST = set(range(36, 46))
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


Gold = list[tuple[str, set[int]]]


def load_doc(path: Path) -> tuple[str, dict[int, tuple[int, int]], dict[int, int], Gold]:
    """Text (one sentence per line), t_id -> char span, t_id -> sentence, gold (type, t_ids)."""
    root = ET.parse(path).getroot()
    lines: dict[int, list[tuple[int, str]]] = {}
    for tok in root.iter("token"):
        lines.setdefault(int(tok.get("sentence")), []).append((int(tok.get("t_id")), tok.text or ""))
    text, spans, sentence_of = "", {}, {}
    for sent in sorted(lines):
        for i, (tid, word) in enumerate(lines[sent]):
            if i:
                text += " "
            spans[tid] = (len(text), len(text) + len(word))
            sentence_of[tid] = sent
            text += word
        text += "\n"
    gold = []
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        if "ACTION" in m.tag:
            tids = {int(a.get("t_id")) for a in m.iter("token_anchor")}
            if tids:
                gold.append((m.tag, tids))
    return text, spans, sentence_of, gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ecb", type=Path, default=DEFAULT)
    ap.add_argument("--split", choices=["dev", "train", "all"], default="dev")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="count only mentions this sure to name a happening (the map's events: 0.5); "
                         "default: every extracted mention")
    args = ap.parse_args(argv)
    corpus = args.ecb / "ECB+"
    if not corpus.is_dir():
        print(f"ECB+ not found at {corpus}; pass --ecb PATH", file=sys.stderr)
        return 2
    annotated: dict[str, set[int]] = {}
    with open(args.ecb / "ECBplus_coreference_sentences.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            annotated.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))

    def wanted(topic: int) -> bool:
        if topic in TEST:
            return False
        return {"dev": topic in DEV, "train": topic not in DEV, "all": True}[args.split]

    nlp = load_model("en_core_web_sm")
    counts: dict[str, Counter] = {"all": Counter(), "occurrence": Counter()}
    missed: Counter = Counter()
    started, docs = time.perf_counter(), 0
    for topic_dir in sorted(corpus.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not topic_dir.name.isdigit() or not wanted(int(topic_dir.name)):
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            keep = annotated.get(path.stem)
            if not keep:
                continue
            text, spans, sentence_of, gold = load_doc(path)
            start_to_tid = {s: t for t, (s, _) in spans.items()}
            # No dates are scored here, and ECB+ gives no creation time; times still gate triggers
            # ("dated"), so tag with no anchor date: absolute dates are found, relative ones are not.
            from eventmap.nlp.temporal import tag

            mentions = extract_events("doc", nlp(text), tag(text, None))
            predicted = {start_to_tid[m.start] for m in mentions if m.start in start_to_tid
                         and sentence_of[start_to_tid[m.start]] in keep
                         and (args.min_confidence is None or m.confidence >= args.min_confidence)}
            docs += 1
            for name, gold_set in (("all", gold), ("occurrence",
                                                   [g for g in gold if g[0] == "ACTION_OCCURRENCE"])):
                in_scope = [tids for _, tids in gold_set if sentence_of[min(tids)] in keep]
                hit = [tids for tids in in_scope if tids & predicted]
                counts[name]["gold"] += len(in_scope)
                counts[name]["found"] += len(hit)
                counts[name]["pred"] += len(predicted)
                counts[name]["correct"] += sum(any(t in tids for _, tids in gold_set) for t in predicted)
            for _, tids in gold:
                if sentence_of[min(tids)] in keep and not tids & predicted:
                    tid = min(tids)
                    s, e = spans[tid]
                    missed[text[s:e].lower()] += 1
    seconds = time.perf_counter() - started
    print(f"ECB+ {args.split} topics: {docs} documents, {seconds:.1f}s")
    print(f"{'gold set':12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for name, c in counts.items():
        p = c["correct"] / c["pred"] if c["pred"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:12} {p:6.3f} {r:6.3f} {f:6.3f} {c['gold']:6d} {c['pred']:6d}")
    print("most missed gold triggers:", ", ".join(f"{w} {n}" for w, n in missed.most_common(25)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
