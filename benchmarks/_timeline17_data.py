"""Timeline17 for ``benchmarks/timeline17.py``: reading the topics (cached tagging, copies folded),
the reference timelines, and tilse scoring (the ROUGE-1.5.5 perl, or tilse's fast reimplementation
for parameter sweeps)."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import re
import statistics
import sys
from pathlib import Path
from typing import Any

from eventmap.config import Settings
from eventmap.models import Article, Timex
from eventmap.nlp.timeline_select import TimelineArticle, TimelineEntry, article_from_tagged
from eventmap.sources.clean import clean_text

CACHE = Path.home() / ".cache" / "eventmap-bench" / "timeline17"
METRICS = ("align_date_content_costs_many_to_one", "concat", "agreement")
SHORT = {"align_date_content_costs_many_to_one": "align m:1", "concat": "concat", "agreement": "agree"}
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_TAGGER = ("temporal.py", "temporal_core.py", "temporal_durations.py", "temporal_handlers.py",
           "temporal_rules.py")
_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
_NOTED: set[Path] = set()
Tagged = tuple[str, dt.date, list[str], list[Timex]]


def untokenize(line: str) -> str:
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    words = [_PTB.get(t, t.replace("\\/", "/").replace("\\*", "*")) for t in line.split()]
    return TreebankWordDetokenizer().detokenize(words)


def _tagger_hash() -> str:
    """Hash of the temporal tagger's and the chrome cleaner's sources: a cached tagging is reused
    only by the same code."""
    import eventmap.nlp.temporal as temporal
    import eventmap.sources.clean as clean

    h = hashlib.sha1(b"untokenize-2 copies-1")
    for f in [Path(temporal.__file__).with_name(name) for name in _TAGGER] + [Path(clean.__file__)]:
        if f.exists():
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _read_topic(folder: Path) -> list[tuple[str, dt.date, list[str]]]:
    out = []
    for day_dir in sorted((folder / "InputDocs").iterdir()):
        try:
            published = dt.date.fromisoformat(day_dir.name)
        except ValueError:
            continue
        for path in sorted(day_dir.glob("*.txt")):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            # page chrome out, as ingest does (wire datelines and stamps, captions, credits)
            text = clean_text("\n".join(untokenize(x) for x in lines if x.strip())).text
            sents = [x for x in text.splitlines() if x.strip()]
            if sents:
                out.append((f"{day_dir.name}/{path.name}", published, sents))
    return out


def _tag_topic(folder: Path) -> list[Tagged]:
    from eventmap.nlp.temporal import tag

    return [(aid, pub, sents, tag("\n".join(sents), pub)) for aid, pub, sents in _read_topic(folder)]


def _copies(raw: list[Tagged]) -> set[str]:
    """Ids of syndicated or repeated copies, as ``eventmap build``'s dedup stage finds them."""
    from eventmap.stages.dedup import find_duplicates

    arts = [Article(aid, sents[0], "\n".join(sents), "", published=pub.isoformat())
            for aid, pub, sents, _ in raw]
    dups = find_duplicates(arts, near=Settings.near_dup_threshold,
                           contained=Settings.containment_threshold)
    return {d.article for d in dups}


def load_topic(folder: Path, cache: Path | None = CACHE, *, fold_copies: bool = True
               ) -> list[TimelineArticle]:
    """Each input document as an article with its sentences tagged for the days they name; copies
    (exact, near, contained, as the dedup stage finds them) left out, as the store path does.

    The tagging and the copies are cached per topic in ``cache``, keyed on the tagger's source, so
    selection can be rerun in seconds; ``cache=None`` tags afresh."""
    file = cache / f"{folder.name}-{_tagger_hash()}.pkl" if cache else None
    data: dict[str, Any] | None = None
    if file is not None and file.exists():
        data = pickle.loads(file.read_bytes())
    if data is None:
        raw = _tag_topic(folder)
        data = {"raw": raw, "copies": _copies(raw)}
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(pickle.dumps(data))
    skip = data["copies"] if fold_copies else set()
    return [article_from_tagged(aid, pub, sents, timexes) for aid, pub, sents, timexes in data["raw"]
            if aid not in skip]


def read_reference(path: Path) -> Any:
    """tilse's reader; a day whose date line is malformed (MJ_bbc has "2011-04-0") is left out,
    since tilse would file it under the date None and fail on sorting."""
    from tilse.data.timelines import Timeline

    with path.open(encoding="utf-8", errors="replace") as f:
        tl = Timeline.from_file(f)
    if None in tl.dates_to_summaries:
        del tl.dates_to_summaries[None]
        if path not in _NOTED:
            _NOTED.add(path)
            print(f"note: {path.parent.parent.name}: a reference day without a valid date is left out",
                  file=sys.stderr)
    return tl


def reference(path: Path) -> tuple[list[dt.date], int]:
    """Dates of a reference timeline and its mean sentences per date (the protocol's k)."""
    tl = read_reference(path)
    dates = sorted(tl.get_dates())
    k = round(statistics.mean(len(tl[d]) for d in dates))
    return dates, max(1, k)


def _ptb(text: str) -> str:
    return " ".join(_TOKEN.findall(text))


def score(entries: list[TimelineEntry], ref_path: Path, *, fast: bool = False,
          metrics: tuple[str, ...] = METRICS) -> dict[str, float]:
    """tilse's scores of a predicted timeline against one reference; ``fast``: tilse's Python ROUGE
    (approximate, for sweeps; the system's text is split into tokens as the reference is)."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import dates as tilse_dates
    from tilse.evaluation import rouge

    ref = read_reference(ref_path)
    prep = _ptb if fast else (lambda t: t)
    pred = Timeline({e.date: [prep(t) for t, _ in e.sentences] for e in entries})
    truth = GroundTruth([ref])
    ev = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"},
                                      rouge_computation="reimpl" if fast else "original")
    out = {}
    for metric in metrics:
        res = getattr(ev, f"evaluate_{metric}")(pred, truth)
        out[f"{metric}/r1"] = res["rouge_1"]["f_score"]
        out[f"{metric}/r2"] = res["rouge_2"]["f_score"]
    out["date_f1"] = tilse_dates.evaluate_dates(pred, truth)["f_score"] if entries else 0.0
    out["dates"] = len(entries)
    return out
