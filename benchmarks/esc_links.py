"""ESC (Event StoryLine Corpus v1.5): causal links (PLOT_LINK) and temporal order (TLINK) on gold mentions.

Usage:
    python benchmarks/esc_links.py [DATA_DIR] [--split all|dev|heldout] [--errors N] [--no-inherit]

DATA_DIR defaults to ../shared/eval/esc/annotated_cat_xml_v1.5. The document text is the CAT tokens
joined by spaces; gold event mentions are the ACTION_* / NEG_ACTION_* markables.

Causal: eventmap.nlp.causal.signal_links on the gold mentions against PLOT_LINK pairs (PRECONDITION:
source causes target; FALLING_ACTION: target causes source). Scored as unordered pairs (the usual
ESC event-causality setting), intra-sentence and all; "dir" counts the pairs whose direction is right.

Temporal order: gold intervals come from the TIMEX->event TLINKs (CONTAINS/SIMULTANEOUS/BEGUN_ON/... put
the event inside the timex; AFTER puts it before the timex, BEFORE after it), with the gold timex
values. Gold order = two events whose gold intervals do not overlap; gold simultaneity = identical
intervals; overlapping intervals of unequal extent (a day inside a year, an open AFTER bound) cannot
decide an order, so predictions on them are left out of precision. Predicted order = our tagger's
normalized time for each mention (closest DATE/TIME in its sentence, else the last date of an earlier
sentence, as extraction does), ordered when the intervals do not overlap (causal.time_order).
Precision counts predictions on pairs the gold can decide (both events anchored); recall is over all
gold-ordered pairs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _tml import parse_date, split_of  # noqa: E402

from eventmap.models import Timex  # noqa: E402
from eventmap.nlp.causal import signal_links, time_order  # noqa: E402
from eventmap.nlp.temporal import tag  # noqa: E402
from eventmap.nlp.temporal_core import _value_interval  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "esc" / "annotated_cat_xml_v1.5"
INSIDE = {"CONTAINS", "SIMULTANEOUS", "BEGUN_ON", "BEGINS_ON", "ENDED_ON", "ENDS_ON", "OVERLAP"}


@dataclass
class Doc:
    name: str
    text: str
    dct: dt.date | None
    sentences: list[tuple[int, int]]
    mentions: dict[str, tuple[int, int, int]]  # m_id -> (start, end, sentence)
    causal: dict[frozenset, tuple[str, str]] = field(default_factory=dict)  # pair -> (cause, effect)
    bounds: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)


def read(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, list[int]] = {}
    pos = 0
    for tok in root.iter("token"):
        word, sent = tok.text or "", int(tok.get("sentence") or 0)
        offsets[tok.get("t_id") or ""] = (pos, pos + len(word), sent)
        sentences.setdefault(sent, [pos, pos + len(word)])[1] = pos + len(word)
        parts.append(word)
        pos += len(word) + 1
    text = " ".join(parts)
    markables = {el.get("m_id"): el for el in root.find("Markables") or []}
    mentions, timexes, dct = {}, {}, None
    for mid, el in markables.items():
        ids = [offsets[a.get("t_id")] for a in el.findall("token_anchor") if a.get("t_id") in offsets]
        if el.tag.startswith("TIME") and el.get("DCT") == "TRUE" and dct is None:
            dct = parse_date(el.get("value") or "")
        if el.tag.startswith("TIME") and el.get("value"):
            timexes[mid] = el.get("value")
        if ids and (el.tag.startswith("ACTION") or el.tag.startswith("NEG_ACTION")):
            mentions[mid] = (ids[0][0], ids[-1][1], ids[0][2])
    ordered = [tuple(v) for _, v in sorted(sentences.items())]
    doc = Doc(path.name, text, dct, ordered, mentions)  # type: ignore[arg-type]
    for rel in root.find("Relations") or []:
        src, tgt = rel.find("source"), rel.find("target")
        if src is None or tgt is None:
            continue
        s, t, rtype = src.get("m_id"), tgt.get("m_id"), rel.get("relType") or ""
        if rel.tag == "PLOT_LINK" and s in mentions and t in mentions and s != t:
            doc.causal[frozenset((s, t))] = (t, s) if rtype == "FALLING_ACTION" else (s, t)
        elif rel.tag == "TLINK" and s in timexes and t in mentions:
            span = _value_interval(timexes[s])
            if span is None:
                continue
            lo, hi = span[0], span[1]
            if rtype == "AFTER":  # the timex is after the event
                lo, hi = dt.date.min, lo - dt.timedelta(days=1)
            elif rtype == "BEFORE":
                lo, hi = hi + dt.timedelta(days=1), dt.date.max
            elif rtype not in INSIDE:
                continue
            old = doc.bounds.get(t, (dt.date.min, dt.date.max))
            doc.bounds[t] = (max(old[0], lo), min(old[1], hi))
    return doc


def predicted_times(doc: Doc, inherit: bool = True) -> dict[str, Timex | None]:
    timexes = [t for t in tag(doc.text, doc.dct) if t.type in ("DATE", "TIME") and t.start]
    out: dict[str, Timex | None] = {}
    for mid, (start, _, sent) in doc.mentions.items():
        s0, s1 = doc.sentences[sent] if sent < len(doc.sentences) else (0, 0)
        own = [t for t in timexes if s0 <= t.char_start < s1]
        earlier = [t for t in timexes if t.char_start < s0]
        if own:
            out[mid] = min(own, key=lambda t: abs(t.char_start - start))
        else:
            out[mid] = earlier[-1] if earlier and inherit else None
    return out


def prf(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--no-inherit", action="store_true",
                    help="undated mentions stay undated (no date from an earlier sentence)")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.exists():
        print(f"data not found: {data} (skipping)")
        return 0
    docs = [read(p) for p in sorted(data.rglob("*.xml"))
            if args.split == "all" or split_of(p.name) == args.split]
    c: Counter = Counter()
    errors: list[str] = []
    for doc in docs:
        ids = list(doc.mentions)
        spans = [(doc.mentions[m][0], doc.mentions[m][1]) for m in ids]
        for variant, temporal in (("signals", False), ("signals+after", True)):
            links = signal_links(doc.text, spans, doc.sentences, temporal=temporal)
            for lk in links:
                a, b = ids[lk.cause], ids[lk.effect]
                intra = doc.mentions[a][2] == doc.mentions[b][2]
                gold = doc.causal.get(frozenset((a, b)))
                for scope in ("all", "intra") if intra else ("all",):
                    c[(variant, scope, "pred")] += 1
                    if gold:
                        c[(variant, scope, "tp")] += 1
                        c[(variant, scope, "dir")] += gold == (a, b)
                if variant == "signals" and not gold and len(errors) < args.errors:
                    cause, effect = spans[lk.cause], spans[lk.effect]
                    errors.append(f"FP {lk.signal}: {doc.text[cause[0]:cause[1]]} -> "
                                  f"{doc.text[effect[0]:effect[1]]} | {lk.evidence[:160]}")
        for pair in doc.causal:
            a, b = tuple(pair)
            c[("gold", "all")] += 1
            c[("gold", "intra")] += doc.mentions[a][2] == doc.mentions[b][2]
        # temporal order
        times = predicted_times(doc, not args.no_inherit)
        for a, b in combinations(ids, 2):
            ga, gb = doc.bounds.get(a), doc.bounds.get(b)
            # None: the gold cannot decide (unanchored, or overlapping intervals of unequal extent)
            gold_order = None
            if ga and gb:
                gold_order = -1 if ga[1] < gb[0] else 1 if gb[1] < ga[0] else 0 if ga == gb else None
            pred = time_order(times.get(a), times.get(b))
            c["t_gold"] += bool(gold_order)
            if pred and gold_order is not None:
                c["t_pred"] += 1
                c["t_tp"] += pred == gold_order
                c["t_same"] += gold_order == 0
            elif pred:
                c["t_pred_undecidable"] += 1
    print(f"ESC v1.5 links on gold mentions ({len(docs)} files, split={args.split})")
    print("| task | variant | scope | gold | predicted | correct | P | R | F1 | direction right |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for variant in ("signals", "signals+after"):
        for scope in ("intra", "all"):
            tp, pred, gold = c[(variant, scope, "tp")], c[(variant, scope, "pred")], c[("gold", scope)]
            d = c[(variant, scope, "dir")]
            print(f"| causal (PLOT_LINK) | {variant} | {scope}-sentence | {gold} | {pred} | {tp} | "
                  f"{prf(tp, pred, gold)} | {d}/{tp} |")
    print(f"| temporal order | normalized times | all pairs | {c['t_gold']} | {c['t_pred']} | {c['t_tp']} | "
          f"{prf(c['t_tp'], c['t_pred'], c['t_gold'])} | - |")
    print(f"(predicted orders on pairs the gold puts at the same time, counted wrong: {c['t_same']}; "
          f"on pairs the gold cannot decide, left out of precision: {c['t_pred_undecidable']})")
    for e in errors:
        print(e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
