"""Person names across articles: eventmap's entity resolution against ECB+'s participant chains.

Usage:
    python benchmarks/entity_coref.py [--data DIR] [--split dev|train]

Each document of the split is annotated and its entity mentions resolved as a build does
(``stages.annotate.annotate_batch``, ``stages.resolve.resolve_entities`` with the documents' title
lines). Scored: every gold HUMAN_PART_PER markable that spaCy also tagged PERSON (a system PERSON
mention ending where the markable ends), clustered by the entity id eventmap gives it, against the
markable's cross-document chain (else its in-document chain, else itself). CoNLL F1 (MUC, B3,
CEAF-e; scorch) over those mentions, so it measures resolution, not NER recall. Baselines on the
same mentions: the surface string as spaCy found it, and the surface without a possessive.

Run another checkout side by side with ``PYTHONPATH=<checkout> python benchmarks/entity_coref.py``:
the script does not put its own repository first on the path.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecbplus import DEFAULT_DATA, load_split  # noqa: E402
from scorch import scores  # noqa: E402


def conll(key: list[set], response: list[set]) -> dict[str, float]:
    muc, b3, ceafe = (scores.muc(key, response)[2], scores.b_cubed(key, response)[2],
                      scores.ceaf_e(key, response)[2])
    return {"MUC": muc, "B3": b3, "CEAF-e": ceafe, "CoNLL": (muc + b3 + ceafe) / 3}


def groups(labels: dict[str, str]) -> list[set]:
    out: dict[str, set] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return list(out.values())


def main(argv: list[str] | None = None) -> int:
    import eventmap
    from eventmap.config import load_settings
    from eventmap.nlp.aliases import strip_possessive
    from eventmap.stages.annotate import annotate_batch
    from eventmap.stages.resolve import resolve_entities

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    args = ap.parse_args(argv)
    docs = load_split(args.data, args.split)
    began = time.perf_counter()
    annotated = annotate_batch([(d.name, d.text) for d in docs], load_settings().model, 16, 100_000)
    mentions = [e for _, _, _, _, ems in annotated for e in ems]
    texts = {d.name: d.text for d in docs}
    # The first line of a document is its title (after the URL line of the *ecbplus pages).
    titles = {d.name: next((ln for ln in d.text.split("\n") if not ln.lower().startswith("http")), "")
              for d in docs}
    try:
        _, rows = resolve_entities(mentions, texts, titles=titles)
    except TypeError:  # a checkout from before titles were read
        _, rows = resolve_entities(mentions, texts)
    seconds = time.perf_counter() - began
    entity_of = {(a, s): e for a, s, e in rows}
    person_at = {(m.article, m.end): m for m in mentions if m.label == "PERSON"}
    gold: dict[str, str] = {}
    systems: dict[str, dict[str, str]] = {"eventmap": {}, "surface string": {}, "surface, no possessive": {}}
    for d in docs:
        for g in d.arguments:
            if not g.tag.startswith("HUMAN_PART_PER"):
                continue
            m = person_at.get((d.name, g.end))
            if m is None or (d.name, m.text) not in entity_of:
                continue
            gold[g.id] = g.cluster
            systems["eventmap"][g.id] = entity_of[(d.name, m.text)]
            systems["surface string"][g.id] = m.text
            systems["surface, no possessive"][g.id] = strip_possessive(m.text)
    print(f"ECB+ {args.split}: {len(docs)} documents, {len(gold)} person markables tagged PERSON by spaCy "
          f"({len(set(gold.values()))} gold chains); eventmap {Path(eventmap.__file__).parent}; "
          f"annotate + resolve {seconds:.0f} s")
    print(f"  {'system':<26} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6} {'entities':>9}")
    for name, pred in systems.items():
        r = conll(groups(gold), groups(pred))
        print(f"  {name:<26} {100 * r['MUC']:6.1f} {100 * r['B3']:6.1f} {100 * r['CEAF-e']:7.1f} "
              f"{100 * r['CoNLL']:6.1f} {len(set(pred.values())):9d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
