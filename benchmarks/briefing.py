"""Briefing quality on Timeline17: citations that hold, a support check that bites, content vs leads.

    python benchmarks/briefing.py [--data ../shared/eval/timeline17] [--topics H1N1_bbc,MJ_bbc,...]
                                  [--per-topic 40]

For each topic folder, a fixed-seed sample of ``--per-topic`` input documents is written as .txt
files with front matter (published = the folder date, outlet = the folder's outlet) and built with
``api.build``; the briefing is then rebuilt from the export in this process. Measured:

- citations: share of briefing items whose text (each piece between ellipses) occurs verbatim in at
  least one of the articles it cites; should be 1.000.
- support check (the gate the optional LLM rewrite goes through): share of the extractive prose items
  it accepts against their own citations (should be 1.000), and share it rejects of three synthetic
  unsupported rewrites of each item: a number changed, a name from elsewhere in the briefing put in,
  and another section's sentence given this item's citations.
- content: ROUGE-1 F1 (lowercased word unigrams, stop words removed) of the briefing's sentences
  against the journalists' reference timeline(s) of the topic, beside two baselines with the same
  number of sentences from the same sample: the lead sentence of the latest articles, and of randomly
  chosen articles. The reference covers the whole topic, so all three are low; what matters is the
  comparison on the same sample.
- speed: briefing build time as a ratio of the export build time, same process.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "timeline17"
DEFAULT_TOPICS = "H1N1_bbc,MJ_bbc,haiti_bbc,bpoil_bbc"


def write_topic(data: Path, topic: str, out: Path, limit: int, seed: int = 17) -> list[Path]:
    files = sorted((data / "Data" / topic / "InputDocs").glob("*/*.txt"))
    if not files:
        sys.exit(f"no input documents for {topic} under {data}/Data; pass --data PATH (holding Data/)")
    random.Random(seed).shuffle(files)
    out.mkdir(parents=True, exist_ok=True)
    outlet = topic.split("_", 1)[1] if "_" in topic else topic
    written = []
    for n, path in enumerate(files[:limit]):
        body = path.read_text(encoding="utf-8", errors="replace")
        target = out / f"{n:04d}_{path.parent.name}.txt"
        front = f"---\npublished: {path.parent.name}\noutlet: {outlet}\n---\n"
        target.write_text(front + body, encoding="utf-8")
        written.append(target)
    return written


def reference(data: Path, topic: str) -> str:
    lines = []
    for path in sorted((data / "Data" / topic / "timelines").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip() and not re.fullmatch(r"\d{4}-\d{2}-\d{2}|-+", line.strip()):
                lines.append(line)
    return "\n".join(lines)


def _unigrams(text: str) -> Counter[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    text = re.sub(r"-[LR][RSC]B-", " ", text)
    return Counter(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS)


def rouge1_f(candidate: str, ref: str) -> float:
    c, r = _unigrams(candidate), _unigrams(ref)
    hit = sum((c & r).values())
    if not hit:
        return 0.0
    p, rec = hit / sum(c.values()), hit / sum(r.values())
    return 2 * p * rec / (p + rec)


def lead_sentence(path: Path) -> str:
    from eventmap.sources.parse import split_front_matter

    body = split_front_matter(path.read_text(encoding="utf-8"))[1]
    lines = [ln.strip() for ln in body.splitlines() if len(ln.split()) >= 8]
    return lines[0] if lines else ""


def check_integrity(briefing, texts: dict[int, str]) -> tuple[int, int]:
    ok = total = 0
    for sec in briefing.sections:
        for item in sec.all_items():
            total += 1
            pieces = [p.strip(" .,;:") for p in item.text.split("…") if p.strip(" .,;:")]
            ok += any(all(p in texts.get(n, "") for p in pieces) for n in item.cites)
    return ok, total


def perturbations(briefing, export: dict) -> dict[str, list[tuple[str, tuple[int, ...], tuple]]]:
    """Per prose item: (sentence, cites, section items) for the original and each unsupported edit.

    The name put in is a one-word person, place or organisation name from the map's entities that
    the item's cited sentences do not contain.
    """
    from eventmap.export.support import names

    prose = [(sec, it) for sec in briefing.sections if sec.key in ("brief", "storyline", "recent")
             for it in sec.lead + sec.items]
    every_name = sorted({e["name"] for e in export.get("entities") or []
                         if e.get("type") in ("PERSON", "GPE", "ORG", "LOC", "NORP")
                         and re.fullmatch(r"[A-Z][a-z]{3,}", e["name"] or "")})
    out: dict[str, list] = {"original": [], "number changed": [], "name put in": [], "other sentence": []}
    for i, (sec, it) in enumerate(prose):
        items = sec.lead + sec.items
        out["original"].append((it.text, it.cites, items))
        m = re.search(r"\b\d[\d,]*\b", it.text)
        if m:
            changed = int(m.group(0).replace(",", "")) + 7
            edited = it.text[:m.start()] + str(changed) + it.text[m.end():]
            out["number changed"].append((edited, it.cites, items))
        evidence = " ".join(t for _, t in it.evidence)
        present = names(evidence)
        foreign = next((n for n in every_name if n.lower() not in evidence.lower()
                        and n.lower()[:4] not in {p[:4] for p in present}), None)
        if foreign:
            words = it.text.split()
            at = next((j for j in range(1, len(words)) if words[j][:1].isupper()), len(words) // 2)
            words.insert(at, foreign)
            out["name put in"].append((" ".join(words), it.cites, items))
        other = prose[(i + len(prose) // 2) % len(prose)][1] if len(prose) > 1 else None
        if other is not None and not set(other.cites) & set(it.cites):
            out["other sentence"].append((other.text, it.cites, items))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--topics", default=DEFAULT_TOPICS)
    ap.add_argument("--per-topic", type=int, default=40)
    args = ap.parse_args(argv)

    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.export.briefing import build_briefing
    from eventmap.export.briefing_llm import check
    from eventmap.export.briefing_text import clean
    from eventmap.export.json_export import build_export
    from eventmap.sources.parse import split_front_matter
    from eventmap.store.sqlite import Store

    min_support = load_settings().llm_min_support
    gate: dict[str, list[int]] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="eventmap-brief-") as tmp:
        for topic in args.topics.split(","):
            work = Path(tmp) / topic
            files = write_topic(args.data, topic, work / "corpus", args.per_topic)
            settings = load_settings(db=str(work / "m.db"), progress=False)
            api.build([work / "corpus"], settings=settings, out=work / "out", progress=False)
            with Store(settings.db) as store:
                t0 = time.perf_counter()
                export = build_export(store)
                t_export = time.perf_counter() - t0
            t0 = time.perf_counter()
            briefing = build_briefing(export)
            t_brief = time.perf_counter() - t0

            by_path = {p.name: p for p in files}
            texts = {}
            for n, a in enumerate(export["articles"], start=1):
                body = split_front_matter(by_path[Path(a["path"]).name].read_text(encoding="utf-8"))[1]
                texts[n] = clean(body)
            ok, total = check_integrity(briefing, texts)

            for kind, cases in perturbations(briefing, export).items():
                passed = sum(check(s, c, items, min_support)[0] for s, c, items in cases)
                tally = gate.setdefault(kind, [0, 0])
                tally[0] += passed if kind == "original" else len(cases) - passed
                tally[1] += len(cases)

            sentences = [it.text for sec in briefing.sections if sec.key in ("brief", "storyline", "recent")
                         for it in sec.lead + sec.items]
            k = len(sentences)
            latest = sorted(files, key=lambda p: (p.stem.split("_")[1], p.name), reverse=True)[:k]
            randomly = random.Random(5).sample(files, min(k, len(files)))
            ref = reference(args.data, topic)
            rows.append((topic, len(files), total, ok, k, rouge1_f(" ".join(sentences), ref),
                         rouge1_f(" ".join(lead_sentence(p) for p in latest), ref),
                         rouge1_f(" ".join(lead_sentence(p) for p in randomly), ref),
                         t_brief, t_export))

    print("| topic | articles | items | cited text found | prose sentences | ROUGE-1 F1 briefing "
          "| latest leads | random leads | briefing / export time |")
    print("|---|---|---|---|---|---|---|---|---|")
    for topic, n, total, ok, k, rb, rl, rr, tb, te in rows:
        print(f"| {topic} | {n} | {total} | {ok}/{total} = {ok / max(1, total):.3f} | {k} | {rb:.3f} "
              f"| {rl:.3f} | {rr:.3f} | {tb * 1000:.0f} ms / {te * 1000:.0f} ms = {tb / te:.2f} |")
    print()
    print(f"| support check (min_support {min_support}) | cases | accepted / rejected as it should |")
    print("|---|---|---|")
    for kind, (good, count) in gate.items():
        verdict = "accepted" if kind == "original" else "rejected"
        print(f"| {kind} | {count} | {verdict} {good}/{count} = {good / max(1, count):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
