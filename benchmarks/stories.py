"""Story clustering on real streams (B3 against topic labels), with a TF-IDF average-link baseline.

Usage:
    python benchmarks/stories.py [--set ecbplus timeline17] [--per-topic 60] [--work DIR] [--rebuild]
    python benchmarks/stories.py --set none --fixture tests/fixtures/storystream --rebuild

Streams (read from ../shared/eval at run time, written as a corpus of .txt files with front matter):
  ecbplus     every document of the ECB+ dev topics (2, 5, 12, 18, 21, 23, 34, 35), or with
              ``--ecb-split train`` of the 25 train topics (never tuned on; the test topics
              36-45 are never read) as one stream, no publication dates (ECB+ gives none), the URL
              line of the *ecbplus documents as the article's url. Gold: the topic, and the seminal
              event (topic + the ecb / ecbplus half: two happenings of one kind per topic).
  timeline17  ``--per-topic`` articles (seeded sample) of each Timeline17 topic here (bpoil, H1N1,
              haiti, MJ, Finan; the outlet folders of a topic pooled) mixed into one corpus, dated by
              their folder. Gold: the topic (a topic runs for months and holds many happenings, so
              topic labels reward coarse stories; the ECB+ seminal level rewards fine ones).

The stream is built once with eventmap's defaults up to merge (``api`` build, stop after merge) into
``--work``; each run then recomputes the stories from that store with the current
``merge.build_stories`` (what ``eventmap build --from merge`` would do), so the clustering can be
changed without re-parsing. ``--rebuild`` parses again (needed when extraction or entities change).

With ``--add-share F`` the last F of the stream (by publication date, then name) is also folded in
by ``eventmap add``, a few articles at a time, onto a store built from the rest: the "eventmap add"
row scores the stories as ``merge.place_stories`` left them (what a live feed gets between rebuilds).

Baseline: sublinear TF-IDF of the title and text words (no entities, no dates), cosine distance,
scipy average linkage cut at a fixed distance, three cuts shown (the best cut is an oracle figure).
B3 precision, recall and F1 are per article (Bagga & Baldwin 1998).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecbplus import split_topics  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
TIMELINE17_TOPICS = ("bpoil", "H1N1", "haiti", "MJ", "Finan")
BASELINE_CUTS = (0.8, 0.9, 0.95)
WORD = re.compile(r"[^\W\d_]{3,}")
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def untokenize(tokens: list[str]) -> str:
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    return TreebankWordDetokenizer().detokenize([_PTB.get(t, t) for t in tokens])


def _front(body: str, **meta: str | None) -> str:
    lines = [f"{k}: {v}" for k, v in meta.items() if v]
    return ("---\n" + "\n".join(lines) + "\n---\n" if lines else "") + body + "\n"


def write_ecbplus(data: Path, corpus: Path, split: str = "dev") -> dict[str, dict[str, str]]:
    """Every document of the split's topics as a .txt; returns file name -> {"topic": .., "seminal": ..}."""
    gold: dict[str, dict[str, str]] = {}
    corpus.mkdir(parents=True, exist_ok=True)
    for topic in split_topics(split):
        for path in sorted((data / "ECB+" / str(topic)).glob("*.xml")):
            sentences: dict[int, list[str]] = defaultdict(list)
            for tok in ET.parse(path).getroot().findall("token"):
                sentences[int(tok.get("sentence"))].append(tok.text or "")
            lines = [sentences[k] for k in sorted(sentences)]
            url = None
            if lines and lines[0] and lines[0][0].lower().startswith("http"):
                url = "".join(lines.pop(0))
            body = "\n\n".join(untokenize(toks) for toks in lines if toks)
            name = f"{path.stem}.txt"
            (corpus / name).write_text(_front(body, url=url, outlet="ecb" if url is None else None),
                                       encoding="utf-8")
            half = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            gold[name] = {"topic": str(topic), "seminal": f"{topic}{half}"}
    return gold


def write_timeline17(data: Path, corpus: Path, per_topic: int, seed: int = 17) -> dict[str, dict[str, str]]:
    gold: dict[str, dict[str, str]] = {}
    corpus.mkdir(parents=True, exist_ok=True)
    for topic in TIMELINE17_TOPICS:
        files = sorted((data / "Data").glob(f"{topic}_*/InputDocs/*/*.txt"))
        random.Random(f"{seed}:{topic}").shuffle(files)
        for path in sorted(files[:per_topic]):
            folder, day = path.parts[-4], path.parts[-2]
            lines = [untokenize(x.split()) for x in path.read_text(encoding="utf-8", errors="replace")
                     .splitlines() if x.strip()]
            if not lines:
                continue
            name = f"{folder}_{day}_{path.name.split('.')[0]}.txt"
            (corpus / name).write_text(_front("\n\n".join(lines), outlet=folder.split("_", 1)[1],
                                              published=day), encoding="utf-8")
            gold[name] = {"topic": topic}
    return gold


def write_fixture(fixture: Path, corpus: Path) -> dict[str, dict[str, str]]:
    """A fixture's .txt articles copied into ``corpus`` (its gold.json stays out of the build); gold:
    file name -> {"event": slug}."""
    import json
    import shutil

    gold = json.loads((fixture / "gold.json").read_text(encoding="utf-8"))["articles"]
    corpus.mkdir(parents=True, exist_ok=True)
    for p in sorted(fixture.glob("*.txt")):
        if p.name in gold and not (corpus / p.name).exists():
            shutil.copy(p, corpus / p.name)
    return {name: {"event": slug} for name, slug in gold.items()}


def build_store(corpus: Path, db: Path, rebuild: bool) -> float:
    from eventmap import api
    from eventmap.config import load_settings

    if db.exists() and not rebuild:
        return 0.0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    api._run([corpus], settings=load_settings(db=str(db), progress=False), out=None, stop="merge",
             progress=False)
    return time.perf_counter() - began


def eventmap_stories(db: Path) -> tuple[dict[str, str], dict[str, str], float]:
    """(file name -> story id, story id -> label, seconds) from the current build_stories."""
    from eventmap.config import Settings
    from eventmap.stages.merge import build_stories, lead_mentions, store_leads
    from eventmap.store.sqlite import Store

    with Store(db, readonly=True) as store:
        articles = store.articles()
        dups, events, aliases, entities = (store.duplicates(), store.events(), store.entity_aliases(),
                                           store.entities())
        leads = store_leads(store)
        kept = [m for m in store.event_mentions() if m.confidence >= Settings.min_event_confidence]
        leads_of = lead_mentions(kept)
    began = time.perf_counter()
    stories, article_story = build_stories(articles, dups, events, aliases, entities, leads=leads,
                                           leads_of=leads_of)
    seconds = time.perf_counter() - began
    name_of = {a.id: Path(a.path or a.id).name for a in articles}
    return ({name_of[a]: s for a, s in article_story.items()}, {s.id: s.label for s in stories}, seconds)


def baseline(texts: dict[str, str], cut: float) -> dict[str, str]:
    """TF-IDF (sublinear tf, smoothed idf, l2) + average linkage on cosine distance, cut at ``cut``."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    names = sorted(texts)
    counts = [Counter(w for w in WORD.findall(texts[n].lower())) for n in names]
    df = Counter(t for c in counts for t in c)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    x = np.zeros((len(names), len(vocab)), dtype="float32")
    for i, c in enumerate(counts):
        for t, k in c.items():
            x[i, vocab[t]] = (1 + math.log(k)) * (math.log((1 + len(names)) / (1 + df[t])) + 1)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    dist = np.clip(1.0 - x @ x.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=cut, criterion="distance")
    return {n: str(k) for n, k in zip(names, labels, strict=True)}


def stored_stories(db: Path) -> dict[str, str]:
    from eventmap.store.sqlite import Store

    with Store(db, readonly=True) as store:
        name_of = {a.id: Path(a.path or a.id).name for a in store.articles()}
        return {name_of[a]: s for a, s in store.article_stories().items() if a in name_of}


def build_then_add(corpus: Path, work: Path, share: float, batch: int = 4) -> tuple[Path, float]:
    """A store of the stream's first (1 - share), then the rest added ``batch`` files at a time."""
    import shutil

    from eventmap import api
    from eventmap.config import load_settings

    def key(p: Path) -> tuple[str, str]:
        head = p.read_text(encoding="utf-8")[:200]
        found = re.search(r"^published: (\S+)", head, re.M)
        return (found.group(1) if found else "", p.name)

    files = sorted(corpus.glob("*.txt"), key=key)
    cut = int(round(len(files) * (1 - share)))
    first, rest = work / f"{corpus.name}-first", work / f"{corpus.name}-rest"
    for folder in (first, rest):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for p in files[:cut]:
        shutil.copy(p, first / p.name)
    db = work / f"{corpus.name}-add.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    settings = load_settings(db=str(db), progress=False)
    began = time.perf_counter()
    api._run([first], settings=settings, out=None, stop="merge", progress=False)
    for k in range(cut, len(files), batch):
        paths = []
        for p in files[k:k + batch]:
            shutil.copy(p, rest / p.name)
            paths.append(rest / p.name)
        api.add(paths, settings=settings, out=None, progress=False, render=False)
    return db, time.perf_counter() - began


def b3(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    items = [i for i in gold if i in pred]
    g_members: dict[str, set[str]] = defaultdict(set)
    p_members: dict[str, set[str]] = defaultdict(set)
    for i in items:
        g_members[gold[i]].add(i)
        p_members[pred[i]].add(i)
    p = r = 0.0
    for i in items:
        g, s = g_members[gold[i]], p_members[pred[i]]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    p, r = p / max(1, len(items)), r / max(1, len(items))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, gold: dict[str, dict[str, str]], levels: tuple[str, ...], db: Path,
           corpus: Path, added: tuple[Path, float] | None = None) -> None:
    ours, labels, seconds = eventmap_stories(db)
    # Scored on the articles the build kept (a one-sentence ECB+ document has no words left once its
    # line is the title and is rejected as too short), the baseline on the same ones.
    rejected = len(gold) - len(ours)
    gold = {k: v for k, v in gold.items() if k in ours}
    texts = {p.name: p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in corpus.glob("*.txt")
             if p.name in gold}
    rows = [("eventmap (defaults)", ours, seconds)]
    if added is not None:
        rows.append(("eventmap add (last share added)", stored_stories(added[0]), added[1]))
    for cut in BASELINE_CUTS:
        began = time.perf_counter()
        rows.append((f"TF-IDF average link, cut {cut}", baseline(texts, cut), time.perf_counter() - began))
    print(f"\n{name}: {len(gold)} articles scored ({rejected} rejected by the build), " +
          ", ".join(f"{len({g[lv] for g in gold.values()})} {lv}s" for lv in levels))
    print(f"  {'system':<32} {'level':<8} {'P':>6} {'R':>6} {'F1':>6} {'stories':>8} {'s':>6}")
    for system, pred, secs in rows:
        for lv in levels:
            p, r, f = b3({k: g[lv] for k, g in gold.items()}, pred)
            print(f"  {system:<32} {lv:<8} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f} "
                  f"{len(set(pred.values())):8d} {secs:6.2f}")
    sizes = Counter(ours.values())
    print("  largest eventmap stories: " + "; ".join(
        f"{labels.get(s, '?')} ({n})" for s, n in sizes.most_common(5)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=EVAL)
    ap.add_argument("--set", nargs="+", default=["ecbplus", "timeline17"],
                    choices=["ecbplus", "timeline17", "none"])
    ap.add_argument("--ecb-split", default="dev", choices=["dev", "train"],
                    help="ECB+ topics to stream: dev (the floor and window were set on it) or train "
                         "(never tuned on: the out-of-sample check)")
    ap.add_argument("--per-topic", type=int, default=60)
    ap.add_argument("--work", type=Path, default=Path("/tmp/eventmap-stories"))
    ap.add_argument("--rebuild", action="store_true", help="parse the stream again (else reuse the store)")
    ap.add_argument("--fixture", type=Path, action="append", default=[],
                    help="also (or, with --set none, only) a folder of .txt articles with a gold.json "
                         "({'articles': {file: event slug}}), e.g. tests/fixtures/storystream")
    ap.add_argument("--add-share", type=float, default=0.0,
                    help="also build the stream without its last share and `eventmap add` that share")
    args = ap.parse_args(argv)
    streams = [(name, None) for name in args.set if name != "none"] + [(f.name, f) for f in args.fixture]
    for name, fixture in streams:
        corpus = args.work / f"{name}-corpus"
        if fixture is not None:
            gold = write_fixture(fixture, corpus)
            levels = ("event",)
        elif name == "ecbplus":
            if args.ecb_split != "dev":
                corpus = args.work / f"{name}-{args.ecb_split}-corpus"
            gold = write_ecbplus(args.data / "ecbplus", corpus, args.ecb_split)
            levels: tuple[str, ...] = ("topic", "seminal")
        else:
            corpus = args.work / f"{name}-{args.per_topic}-corpus"
            gold = write_timeline17(args.data / "timeline17", corpus, args.per_topic)
            levels = ("topic",)
        db = corpus.with_suffix(".db")
        seconds = build_store(corpus, db, args.rebuild)
        if seconds:
            print(f"{name}: built {len(gold)} articles up to merge in {seconds:.0f} s ({db})")
        added = build_then_add(corpus, args.work, args.add_share) if args.add_share else None
        report(name, gold, levels, db, corpus, added)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
