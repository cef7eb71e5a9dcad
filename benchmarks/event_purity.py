"""Merged events at scale: how many of an event's articles are about another topic (snowballing).

    python benchmarks/event_purity.py OUT/eventmap.json [--top 10]

Reads the export of a build over articles of several Timeline17 topics, written by
``throughput.py`` / ``write_corpus`` (file names ``NNNNN_<topic>_<outlet>_<n>.txt``), so each
article's topic is known. An event told in articles of two topics is, with near certainty, two
happenings merged: the H1N1 flu's deaths and the Deepwater Horizon's eleven are not one killing.
Rows, over the events told in two or more articles: how many there are, how many span two or more
topics, and the share of their (event, article) pairs whose article is not of the event's
commonest topic (impurity, lower is better); then the largest events with their topics.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_TOPIC = re.compile(r"^\d+_([^_]+)_")


def topic_of(path: str | None) -> str | None:
    m = _TOPIC.match(Path(path or "").name)
    return m.group(1) if m else None


def purity(export: dict) -> tuple[dict[str, float], list[tuple[int, str, str, Counter]]]:
    topic = {a["id"]: topic_of(a.get("path")) for a in export["articles"]}
    multi = mixed = pairs = off = 0
    largest = []
    for e in export["events"]:
        topics = Counter(topic[a] for a in e["articles"] if topic.get(a))
        n = sum(topics.values())
        if n < 2:
            continue
        multi += 1
        mixed += len(topics) > 1
        pairs += n
        off += n - topics.most_common(1)[0][1]
        largest.append((n, e.get("class") or "", e.get("headline") or "", topics))
    largest.sort(key=lambda x: -x[0])
    row = {"events in 2+ articles": multi, "spanning 2+ topics": mixed,
           "share spanning": round(mixed / multi, 4) if multi else 0.0,
           "impurity (article pairs)": round(off / pairs, 4) if pairs else 0.0}
    return row, largest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", type=Path)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args(argv)
    row, largest = purity(json.loads(args.export.read_text(encoding="utf-8")))
    print("| " + " | ".join(row) + " |\n|" + "---|" * len(row))
    print("| " + " | ".join(str(v) for v in row.values()) + " |\n")
    for n, cls, headline, topics in largest[:args.top]:
        print(f"{n:5d} {cls:12s} {dict(topics.most_common(4))} {headline[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
