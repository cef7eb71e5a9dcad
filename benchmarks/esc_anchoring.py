"""ESC (Event StoryLine Corpus v1.5): event-to-time anchoring accuracy against the gold TLINKs.

Usage:
    python benchmarks/esc_anchoring.py [DATA_DIR] [--split all|dev|heldout] [--errors N]

DATA_DIR defaults to ../shared/eval/esc/annotated_cat_xml_v1.5. The document text is the CAT tokens
joined by spaces; the DCT is the TIME_DATE markable with DCT="TRUE".

Gold: every ACTION_* / NEG_ACTION_* mention that is the target of a TLINK whose source is a TIMEX
(the DCT included) with relType CONTAINS or SIMULTANEOUS, i.e. the event happened within that time.
Its gold anchors are those TIMEX values (a mention inside both "June 8" and "2012" has two; a
prediction equal to either is right).

Prediction: the gold mention's head token in our spaCy parse, our tagger's TIMEXes, and
``eventmap.nlp.anchoring.anchor`` called exactly as ``events.extract_events`` calls it (the TIMEX in
the trigger's phrase, else the closest in the sentence, else the last date of an earlier sentence).
A prediction is right when its TimeML value equals a gold anchor value (strict string match: "2012"
for a gold "2012-06-08" is wrong); "day-level" also accepts a value equal to a gold one once the
time of day is cut off ("2013-05-02" for "2013-05-02T22:03Z"). Baselines, on the same mentions:
  dct                   every event at the document date
  nearest-in-sentence   closest DATE/TIME of the sentence, else the DCT
Coverage = mentions given any time; "eventmap, else dct" fills unanchored mentions with the DCT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _tml import parse_date, split_of  # noqa: E402

from eventmap.nlp.anchoring import Carry, anchor, closest  # noqa: E402
from eventmap.nlp.temporal import tag  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "esc" / "annotated_cat_xml_v1.5"
ANCHOR_RELS = {"CONTAINS", "SIMULTANEOUS"}


@dataclass
class Doc:
    name: str
    text: str
    dct: dt.date | None
    dct_value: str
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)  # m_id -> char span
    gold: dict[str, set[str]] = field(default_factory=dict)  # m_id -> gold anchor values


def read(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    for tok in root.iter("token"):
        word = tok.text or ""
        offsets[tok.get("t_id") or ""] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word) + 1
    doc = Doc(path.name, " ".join(parts), None, "")
    values: dict[str, str] = {}
    for el in root.find("Markables") or []:
        mid = el.get("m_id") or ""
        if el.tag.startswith("TIME"):
            if el.get("DCT") == "TRUE" and doc.dct is None:
                doc.dct, doc.dct_value = parse_date(el.get("value") or ""), el.get("value") or ""
            if el.get("value"):
                values[mid] = el.get("value") or ""
        elif el.tag.startswith(("ACTION", "NEG_ACTION")):
            ids = [offsets[a.get("t_id")] for a in el.findall("token_anchor")
                   if a.get("t_id") in offsets]
            if ids:
                doc.mentions[mid] = (ids[0][0], ids[-1][1])
    for rel in root.find("Relations") or []:
        src, tgt = rel.find("source"), rel.find("target")
        if rel.tag != "TLINK" or src is None or tgt is None:
            continue
        s, t = src.get("m_id"), tgt.get("m_id")
        if rel.get("relType") in ANCHOR_RELS and s in values and t in doc.mentions:
            doc.gold.setdefault(t, set()).add(values[s])
    return doc


def predictions(doc: Doc, nlp) -> dict[str, dict[str, str | None]]:
    """m_id -> {system name: predicted value or None} for the gold-anchored mentions."""
    parsed = nlp(doc.text)
    timexes = tag(doc.text, doc.dct)
    head_of = {}
    for mid in doc.gold:
        s, e = doc.mentions[mid]
        span = parsed.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            head_of[mid] = span.root
    out: dict[str, dict[str, str | None]] = {}
    carry = Carry()
    for sent in parsed.sents:
        # as events.extract_events does: the sentence's TIMEXes, and the last date before it
        in_sent = [t for t in timexes if sent.start_char <= t.char_start < sent.end_char]
        carried = carry.at(sent.text.lstrip())
        for mid, tok in head_of.items():
            if not sent.start <= tok.i < sent.end:
                continue
            ours, _ = anchor(tok, in_sent, carried)
            near = closest(tok, in_sent)
            out[mid] = {
                "dct": doc.dct_value or None,
                "nearest-in-sentence": near.value if near else (doc.dct_value or None),
                "eventmap": ours.value if ours else None,
                "eventmap, else dct": ours.value if ours else (doc.dct_value or None),
            }
        carry.passed(in_sent)
    return out


def _day(value: str) -> str:
    return value.split("T")[0]


SYSTEMS = ("dct", "nearest-in-sentence", "eventmap", "eventmap, else dct")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong eventmap anchors")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.exists():
        print(f"data not found: {data} (skipping)")
        return 0
    from eventmap.nlp.spacy_model import load_model

    nlp = load_model("en_core_web_sm")
    correct: Counter = Counter()
    day_correct: Counter = Counter()
    covered: Counter = Counter()
    gold_n = unparsed = n_files = 0
    errors = []
    t0 = time.perf_counter()
    for path in sorted(data.rglob("*.xml")):
        if args.split != "all" and split_of(path.name) != args.split:
            continue
        try:
            doc = read(path)
        except ET.ParseError as exc:  # a malformed file is reported, not fatal
            print(f"skip {path.name}: {exc}")
            continue
        n_files += 1
        gold_n += len(doc.gold)
        preds = predictions(doc, nlp)
        unparsed += len(doc.gold) - len(preds)
        for mid, by_system in preds.items():
            for name, value in by_system.items():
                covered[name] += value is not None
                correct[name] += value in doc.gold[mid]
                day_correct[name] += value is not None and _day(value) in {
                    _day(g) for g in doc.gold[mid]}
            if by_system["eventmap"] not in doc.gold[mid]:
                s, e = doc.mentions[mid]
                errors.append((doc.name, doc.text[s:e], sorted(doc.gold[mid]),
                               by_system["eventmap"], doc.dct_value))
    elapsed = time.perf_counter() - t0
    print(f"ESC v1.5 event-to-time anchoring ({n_files} files, split={args.split}, "
          f"{gold_n} gold-anchored mentions, {unparsed} without a parse token, {elapsed:.1f} s)")
    print("| system | anchored | coverage | value correct | accuracy | day-level correct | day-level "
          "accuracy |\n|---|---|---|---|---|---|---|")
    n = gold_n or 1
    for name in SYSTEMS:
        print(f"| {name} | {covered[name]} | {covered[name] / n:.3f} | {correct[name]} | "
              f"{correct[name] / n:.3f} | {day_correct[name]} | {day_correct[name] / n:.3f} |")
    for e in errors[: args.errors]:
        print("\t".join(map(str, e)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
