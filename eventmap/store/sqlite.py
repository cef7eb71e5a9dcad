"""The embedded store: one SQLite file, WAL mode, one writer, many readers.

Each stage owns some tables. Per-article stages (annotate, extract) add rows for articles that have
none yet, which is what makes builds resumable and incremental; whole-corpus stages (dedup, resolve,
merge, link) replace their tables inside one transaction on a build, and on ``eventmap add`` update
the rows the new articles touch (``store.local``), so a reader never sees half a stage.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..models import (
    Article,
    Claim,
    Correction,
    Disagreement,
    Duplicate,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Link,
    Rejection,
    Sentence,
    Story,
    Storyline,
    Timex,
    TitleParse,
)
from .codec import dumps, from_dict
from .local import LocalUpdates
from .schema import MIGRATIONS

T = TypeVar("T")
# (event, kind, events, topic, claims) of a disagreement (``Store.disagreement_fields``)
DisagreementFields = tuple[str | None, str, list[str], str, list[dict[str, str | None]]]

# Tables each stage writes, so ``build --from STAGE`` can clear exactly what it will redo.
STAGE_TABLES: dict[str, tuple[str, ...]] = {
    "ingest": ("articles",),
    "dedup": ("duplicates", "dedup_signatures"),
    "annotate": ("annotations", "sentences", "entity_mentions", "titles"),
    "extract": ("extracted", "timexes", "event_mentions"),
    "resolve": ("entities", "entity_aliases"),
    "merge": ("events", "event_reports", "stories", "article_stories", "coref_records", "coref_common",
              "coref_keys", "fold_journal"),
    "link": ("links", "storylines", "disagreements"),
    "summarize": (),
    "render": (),
}


# in export_touched: every event was written (``Store._wholesale``); no event id is empty
_ALL_TOUCHED = ""
# schema 10's triggers, which record the events whose rows were written (``export_touched``)
_TOUCH_TRIGGERS = tuple(f"export_touched_{table}_{op}" for table in ("events", "reports")
                        for op in ("insert", "update", "delete"))


def _json_rows(rows: Iterable[tuple[str]]) -> list[Any]:
    """The JSON values of one-column rows, decoded as one array: json's C decoder once, not a call per
    row (an add reads 20k entities, and the articles, links and storylines, every time)."""
    texts = [row[0] for row in rows]
    return json.loads("[" + ",".join(texts) + "]") if texts else []


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(LocalUpdates):
    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}; run `eventmap build PATH --db {self.path}` first"
            )
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=10000")
            self.db.execute("PRAGMA foreign_keys=OFF")
            if not readonly:
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} is not a usable eventmap store ({exc}); pass another --db file"
            ) from exc

    # -- lifecycle ---------------------------------------------------------------------------
    def _check_version(self) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} was written by a newer eventmap (schema {version}); upgrade eventmap"
            )
        return version

    def _migrate(self) -> None:
        version = self._check_version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db:
                self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.db:
            yield self.db

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read several tables as of one moment (a read transaction), whatever a writer does meanwhile."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def clear(self, stage: str) -> None:
        with self._wholesale() if "events" in STAGE_TABLES[stage] else self.db:
            for table in STAGE_TABLES[stage]:
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM stage_runs WHERE stage = ?", (stage,))
            self.db.execute("DELETE FROM folded WHERE stage = ?", (stage,))
            # the export's parts were made from these tables' rows (rows re-extracted in place too)
            self.db.execute("DELETE FROM export_parts")
            self.db.execute("DELETE FROM export_bodies")

    @contextmanager
    def _wholesale(self) -> Iterator[None]:
        """One transaction that writes every event's rows: without the per-row record of the writes
        (schema 10's triggers are dropped and made again inside it; with them, a full merge's 30k
        events and report rows took 1.7 CPU s more, row by row), every event recorded as written
        at once (``_ALL_TOUCHED``). An error rolls the triggers back in with the rest."""
        with self.db:
            if not self.db.in_transaction:
                self.db.execute("BEGIN")  # the DROP below would otherwise run outside the transaction
            marks = ", ".join("?" * len(_TOUCH_TRIGGERS))
            saved = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                    f"AND name IN ({marks})", _TOUCH_TRIGGERS).fetchall()
            for name, _ in saved:
                self.db.execute(f"DROP TRIGGER {name}")
            yield
            for _, sql in saved:
                self.db.execute(sql)
            if saved:
                self.db.execute("INSERT OR IGNORE INTO export_touched (event) VALUES (?)", (_ALL_TOUCHED,))

    # -- generic helpers -----------------------------------------------------------------------
    def _load(self, cls: type[T], sql: str, params: Iterable[object] = ()) -> list[T]:
        return [from_dict(cls, d) for d in _json_rows(self.db.execute(sql, tuple(params)))]

    def _replace(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Delete and refill ``table``; callers wrap this in ``with self.db`` (one transaction)."""
        marks = ", ".join("?" for _ in columns)
        self.db.execute(f"DELETE FROM {table}")
        self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    # -- ingest --------------------------------------------------------------------------------
    def add_article(self, article: Article) -> bool:
        """Insert unless an article with this id exists; returns whether it was new."""
        with self.db:
            seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles (id, seq, path, url, outlet, title, published, "
                "added_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, seq, article.path, article.url, article.outlet, article.title,
                 article.published, _now(), dumps(article)),
            )
        return cur.rowcount == 1

    def articles(self) -> list[Article]:
        return self._load(Article, "SELECT data FROM articles ORDER BY seq")

    def article(self, article_id: str) -> Article | None:
        found = self._load(Article, "SELECT data FROM articles WHERE id = ?", (article_id,))
        return found[0] if found else None

    def reject(self, rejection: Rejection) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO rejections (item, stage, reason, at) VALUES (?, ?, ?, ?)",
                (rejection.item, rejection.stage, rejection.reason, _now()),
            )

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT item, stage, reason FROM rejections ORDER BY id")
        return [Rejection(*row) for row in rows]

    # -- dedup ---------------------------------------------------------------------------------
    def replace_duplicates(self, duplicates: Iterable[Duplicate]) -> None:
        with self.db:
            self._replace("duplicates", ("article", "origin", "kind", "score"),
                          ((d.article, d.origin, d.kind, d.score) for d in duplicates))

    def duplicates(self) -> dict[str, Duplicate]:
        rows = self.db.execute("SELECT article, origin, kind, score FROM duplicates")
        return {row[0]: Duplicate(*row) for row in rows}

    # -- annotate ------------------------------------------------------------------------------
    def unannotated(self) -> list[Article]:
        return self._load(
            Article,
            "SELECT data FROM articles WHERE id NOT IN (SELECT article FROM duplicates) "
            "AND id NOT IN (SELECT article FROM annotations) ORDER BY seq",
        )

    def unannotated_ids(self) -> list[str]:
        """Ids only (not texts), so a large corpus is read batch by batch with ``articles_by_id``."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM duplicates) "
            "AND id NOT IN (SELECT article FROM annotations) ORDER BY seq")
        return [row[0] for row in rows]

    def articles_by_id(self, ids: list[str]) -> list[Article]:
        """The given articles in the given order (missing ids are skipped)."""
        marks = ", ".join("?" for _ in ids)
        found = {a.id: a for a in self._load(Article, f"SELECT data FROM articles WHERE id IN ({marks})",
                                             ids)} if ids else {}
        return [found[i] for i in ids if i in found]

    def extraction_inputs(self, ids: list[str]) -> list[tuple[str, str, str | None, bytes]]:
        """(article id, text, published, stored Doc) for a batch of annotated articles, in order."""
        blobs = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            blobs.update(self.db.execute(
                f"SELECT article, doc FROM annotations WHERE article IN ({marks})", chunk))
        return [(a.id, a.text, a.published, blobs[a.id]) for a in self.articles_by_id(ids)
                if a.id in blobs]

    def put_annotation(self, article: str, model: str, doc: bytes,
                       sentences: list[Sentence], mentions: list[EntityMention],
                       title: TitleParse | None = None) -> None:
        """``title``: its title's parse (kept as it was where None)."""
        with self.db:
            if title is not None:
                self.db.execute("INSERT OR REPLACE INTO titles (article, data) VALUES (?, ?)",
                                (article, dumps(title)))
            self.db.execute("DELETE FROM sentences WHERE article = ?", (article,))
            self.db.execute("DELETE FROM entity_mentions WHERE article = ?", (article,))
            self.db.executemany(
                "INSERT INTO sentences (article, idx, data) VALUES (?, ?, ?)",
                ((article, s.index, dumps(s)) for s in sentences),
            )
            self.db.executemany(
                "INSERT INTO entity_mentions (article, sentence, data) VALUES (?, ?, ?)",
                ((article, m.sentence, dumps(m)) for m in mentions),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO annotations (article, model, doc) VALUES (?, ?, ?)",
                (article, model, doc),
            )

    def untitled_ids(self) -> list[str]:
        """Annotated articles whose title has no parse (annotated before the store kept them)."""
        rows = self.db.execute(
            "SELECT a.article FROM annotations a JOIN articles r ON r.id = a.article "
            "WHERE a.article NOT IN (SELECT article FROM titles) ORDER BY r.seq")
        return [row[0] for row in rows]

    def put_titles(self, titles: Iterable[TitleParse]) -> None:
        """Title parses of articles annotated before: the kept export parts were made without them."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO titles (article, data) VALUES (?, ?)",
                                ((t.article, dumps(t)) for t in titles))
            self.db.execute("DELETE FROM export_parts")

    def title_parses(self) -> dict[str, TitleParse]:
        """Article -> its title's parse (none from a store of schema 6 opened read-only)."""
        try:
            return {t.article: t for t in self._load(TitleParse, "SELECT data FROM titles")}
        except sqlite3.OperationalError:
            return {}

    def annotation(self, article: str) -> bytes | None:
        row = self.db.execute("SELECT doc FROM annotations WHERE article = ?", (article,)).fetchone()
        return row[0] if row else None

    def sentences(self, article: str) -> list[Sentence]:
        return self._load(
            Sentence, "SELECT data FROM sentences WHERE article = ? ORDER BY idx", (article,)
        )

    def entity_mentions(self, article: str | None = None) -> list[EntityMention]:
        if article is None:
            return self._load(EntityMention, "SELECT data FROM entity_mentions ORDER BY rowid")
        return self._load(
            EntityMention, "SELECT data FROM entity_mentions WHERE article = ? ORDER BY rowid",
            (article,),
        )

    # -- extract -------------------------------------------------------------------------------
    def unextracted(self) -> list[str]:
        rows = self.db.execute(
            "SELECT a.article FROM annotations a JOIN articles r ON r.id = a.article "
            "WHERE a.article NOT IN (SELECT article FROM extracted) ORDER BY r.seq"
        )
        return [row[0] for row in rows]

    def put_extraction(self, article: str, timexes: list[Timex],
                       mentions: list[EventMention]) -> None:
        with self.db:
            self.db.execute("DELETE FROM timexes WHERE article = ?", (article,))
            self.db.execute("DELETE FROM event_mentions WHERE article = ?", (article,))
            self.db.executemany(
                "INSERT INTO timexes (article, data) VALUES (?, ?)",
                ((article, dumps(t)) for t in timexes),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO event_mentions (id, article, data) VALUES (?, ?, ?)",
                ((m.id, article, dumps(m)) for m in mentions),
            )
            self.db.execute("INSERT OR REPLACE INTO extracted (article) VALUES (?)", (article,))

    def timexes(self, article: str) -> list[Timex]:
        return self._load(
            Timex, "SELECT data FROM timexes WHERE article = ? ORDER BY rowid", (article,)
        )

    def event_mentions(self) -> list[EventMention]:
        return self._load(
            EventMention,
            "SELECT m.data FROM event_mentions m JOIN articles a ON a.id = m.article "
            "ORDER BY a.seq, m.rowid",
        )

    # -- resolve / merge / link ----------------------------------------------------------------
    def replace_entities(self, entities: list[Entity],
                         aliases: Iterable[tuple[str, str, str]]) -> None:
        """``aliases``: (article id, surface form, entity id) for every resolved mention."""
        with self.db:
            self._replace("entities", ("id", "name", "type", "data"),
                          ((e.id, e.name, e.type, dumps(e)) for e in entities))
            self._replace("entity_aliases", ("article", "surface", "entity"), aliases)

    def entities(self) -> list[Entity]:
        return self._load(Entity, "SELECT data FROM entities ORDER BY rowid")

    def entity_fields(self) -> list[tuple[str, str, str, tuple[str, ...], float | None, float | None, int]]:
        """(id, name, type, aliases, lat, lon, mentions) of each entity, in ``entities``' order and with
        the values an ``Entity`` read back holds (its defaults for absent fields), without making one:
        the export reads all of them on every add (20k at 2,000 articles, 0.3 s as Entity objects)."""
        out = []
        for d in _json_rows(self.db.execute("SELECT data FROM entities ORDER BY rowid")):
            aliases = d.get("aliases", ())
            out.append((d["id"], d["name"], d["type"], aliases if aliases is None else tuple(aliases),
                        d.get("lat"), d.get("lon"), d.get("mentions", 0)))
        return out

    def entity_aliases(self) -> dict[tuple[str, str], str]:
        rows = self.db.execute("SELECT article, surface, entity FROM entity_aliases")
        return {(a, s): e for a, s, e in rows}

    def replace_events(self, events: list[Event]) -> None:
        with self._wholesale():
            self._replace("events", ("id", "time_start", "storyline", "data"),
                          ((e.id, e.time.start if e.time else None, e.storyline, dumps(e))
                           for e in events))
            self._replace("event_reports", ("event", "outlet", "article", "reported", "reported_source"),
                          self.first_reports(events))

    def first_reports(self, events: list[Event]) -> list[tuple[str, str, str, str, str]]:
        """(event, outlet, article, date, source): each outlet's earliest article on each event.

        The report date is the article's publication date, else the day eventmap ingested it
        ("ingested"), so an undated article still says when the map first knew of the event.
        """
        meta = {aid: (outlet, published, added[:10], seq) for aid, outlet, published, added, seq in
                self.db.execute("SELECT id, outlet, published, added_at, seq FROM articles")}
        rows: dict[tuple[str, str], tuple] = {}
        for e in events:
            for aid in e.articles:
                if aid not in meta:
                    continue
                outlet, published, added, seq = meta[aid]
                key = (published or added, seq)
                best = rows.get((e.id, outlet))
                if best is None or key < best[0]:
                    rows[(e.id, outlet)] = (key, aid, "published" if published else "ingested")
        return [(ev, outlet, aid, key[0], source) for (ev, outlet), (key, aid, source) in rows.items()]

    def event_reports(self, until: str | None = None) -> list[tuple[str, str, str, str, str]]:
        """(event, outlet, article, reported, source) rows, those reported on or before ``until``."""
        sql = "SELECT event, outlet, article, reported, reported_source FROM event_reports"
        params: tuple = ()
        if until is not None:
            sql, params = sql + " WHERE reported <= ?", (until,)
        return [tuple(row) for row in self.db.execute(sql + " ORDER BY reported, event, outlet", params)]

    def events(self) -> list[Event]:
        return self._load(Event, "SELECT data FROM events ORDER BY rowid")

    def event_rows(self) -> list[tuple[str, str | None, str]]:
        """(id, time start, stored JSON) of every event, undecoded."""
        return self.db.execute("SELECT id, time_start, data FROM events").fetchall()

    def event_order(self) -> list[tuple[str, str | None]]:
        """(id, time start) of every event, its row unread, in the export's order (``json_export.
        sort_key``: dated first by start, then by id; sorted by SQLite, whose BINARY order of UTF-8
        is Python's order of strings)."""
        return self.db.execute("SELECT id, time_start FROM events ORDER BY (time_start IS NULL OR "
                               "time_start = ''), COALESCE(time_start, ''), id").fetchall()

    def event_data_by_id(self, ids: Iterable[str]) -> dict[str, str]:
        """Event -> its stored JSON, undecoded, for these events (missing ids are skipped)."""
        return dict(self._in("SELECT id, data FROM events WHERE id IN ({marks})", ids))

    def report_rows(self, events: Iterable[str] | None = None) -> dict[str, list[tuple[str, str, str, str]]]:
        """Event -> its (outlet, article, reported, source) rows, earliest first (then by outlet), of
        every event or of ``events``."""
        out: dict[str, list[tuple[str, str, str, str]]] = {}
        sql = "SELECT event, outlet, article, reported, reported_source FROM event_reports"
        rows = self.db.execute(sql) if events is None else self._in(sql + " WHERE event IN ({marks})", events)
        for event, outlet, article, reported, source in rows:
            out.setdefault(event, []).append((outlet, article, reported, source))
        for rows in out.values():  # as event_reports orders them: (event, outlet) is the key
            rows.sort(key=lambda r: (r[2], r[0]))
        return out

    def export_parts(self, key: str) -> list[tuple[str, str, bytes, bytes]]:
        """(event, digest, data, text) of the kept parts made by code ``key`` (none by other code);
        ``data`` is a blob in that code's format (``export.parts``), ``text`` its UTF-8 bytes (as
        eventmap.json holds them: an add writes them as they are, never decoded)."""
        found = self.db.execute("SELECT key FROM export_parts_key").fetchone()
        if found is None or found[0] != key:
            return []
        return self.db.execute("SELECT event, digest, data, CAST(text AS BLOB) FROM export_parts").fetchall()

    def export_bodies(self) -> dict[str, tuple[bytes, str | None]]:
        """Event -> (its static half as the last export decoded it (marshal's bytes), its compact JSON
        where it was in the salient layer) of the events it read whole: kept with the parts, which
        replace and drop them (``put_export_parts``)."""
        return {event: (body, compact) for event, body, compact in
                self.db.execute("SELECT event, body, compact FROM export_bodies")}

    def export_touched(self) -> set[str] | None:
        """The events whose row or report rows were written since the export parts were last kept
        (schema 10's triggers record them); None where every event may have changed: all written at
        once (``_wholesale``), or nothing records them (a store of an older schema read-only, or one
        whose triggers are gone)."""
        try:
            marks = ", ".join("?" * len(_TOUCH_TRIGGERS))
            found = self.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                                    f"AND name IN ({marks})", _TOUCH_TRIGGERS).fetchone()[0]
            if found != len(_TOUCH_TRIGGERS):
                return None
            touched = {row[0] for row in self.db.execute("SELECT event FROM export_touched")}
            return None if _ALL_TOUCHED in touched else touched
        except sqlite3.OperationalError:
            return None

    def export_dynamics(self, key: str) -> dict[str, tuple[bytes, bytes]]:
        """Event -> (values key, UTF-8 text) of the dynamic half its entry was last written with by
        code ``key`` (none from a store of schema 7 opened read-only)."""
        found = self.db.execute("SELECT key FROM export_parts_key").fetchone()
        if found is None or found[0] != key:
            return {}
        try:
            rows = self.db.execute("SELECT event, key, CAST(text AS BLOB) FROM export_dynamics").fetchall()
        except sqlite3.OperationalError:  # no such table: an older store, not migrated (read-only)
            return {}
        return {event: (k, text) for event, k, text in rows}

    def put_export_parts(self, key: str, rows: Iterable[tuple[str, str, bytes, bytes]],
                         drop: Iterable[str] = (), *, replace: bool,
                         dynamics: Iterable[tuple[str, bytes, str]] = (),
                         bodies: Iterable[tuple[str, bytes, str | None]] = (),
                         drop_bodies: Iterable[str] = ()) -> None:
        """Keep parts made by code ``key``: ``rows`` (event, digest, data, text) anew, ``drop`` gone,
        ``dynamics`` (event, values key, text): the dynamic halves the entries were written with this
        time (``export_dynamics``), ``bodies`` (event, blob, compact) static halves kept anew and
        ``drop_bodies`` those that go (``export_bodies``); ``replace``: the kept ones all go first
        (another code's)."""
        drop = list(drop)
        with self.db:
            if replace:
                self.db.execute("DELETE FROM export_parts")
                self.db.execute("DELETE FROM export_dynamics")
                self.db.execute("DELETE FROM export_bodies")
            self.db.executemany("DELETE FROM export_parts WHERE event = ?", ((e,) for e in drop))
            self.db.executemany("DELETE FROM export_dynamics WHERE event = ?", ((e,) for e in drop))
            self.db.executemany("DELETE FROM export_bodies WHERE event = ?",
                                ((e,) for e in (*drop, *drop_bodies)))
            self.db.executemany("INSERT OR REPLACE INTO export_bodies (event, body, compact) "
                                "VALUES (?, ?, ?)", bodies)
            self.db.executemany("INSERT OR REPLACE INTO export_parts (event, digest, data, text) "
                                "VALUES (?, ?, ?, CAST(? AS TEXT))", rows)
            self.db.executemany("INSERT OR REPLACE INTO export_dynamics (event, key, text) VALUES (?, ?, ?)",
                                dynamics)
            self.db.execute("INSERT OR REPLACE INTO export_parts_key (one, key) VALUES (1, ?)", (key,))
            self.db.execute("DELETE FROM export_touched")  # the parts stand for every event's rows now

    def briefing_sentences(self, key: str) -> list[tuple[str, bytes]]:
        """(sentence, data) of the sentences the last briefing weighed, as code ``key`` made them
        (none by other code); ``data``: that code's blob (``export.briefing_sentences``). Raises
        sqlite3.OperationalError on a store of an older schema opened read-only."""
        found = self.db.execute("SELECT key FROM briefing_sentences_key").fetchone()
        if found is None or found[0] != key:
            return []
        return self.db.execute("SELECT sentence, data FROM briefing_sentences").fetchall()

    def put_briefing_sentences(self, key: str, rows: Iterable[tuple[str, bytes]], drop: Iterable[str] = (),
                               *, replace: bool) -> None:
        """Keep sentences weighed by code ``key``: ``rows`` (sentence, data) anew, ``drop`` gone;
        ``replace``: the kept ones all go first (another code's)."""
        with self.db:
            if replace:
                self.db.execute("DELETE FROM briefing_sentences")
            self.db.executemany("DELETE FROM briefing_sentences WHERE sentence = ?", ((s,) for s in drop))
            self.db.executemany("INSERT OR REPLACE INTO briefing_sentences (sentence, data) VALUES (?, ?)",
                                rows)
            self.db.execute("INSERT OR REPLACE INTO briefing_sentences_key (one, key) VALUES (1, ?)", (key,))

    def add_correction(self, correction: Correction) -> Correction:
        """Record a person's correction; returns it with its id and time."""
        at = _now()
        with self.db:
            cur = self.db.execute("INSERT INTO corrections (kind, event, at, data) VALUES (?, ?, ?, '{}')",
                                  (correction.kind, correction.event, at))
            saved = dataclasses.replace(correction, id=int(cur.lastrowid or 0), at=at)
            self.db.execute("UPDATE corrections SET data = ? WHERE id = ?", (dumps(saved), saved.id))
        return saved

    def corrections(self) -> list[Correction]:
        return self._load(Correction, "SELECT data FROM corrections ORDER BY id")

    def replace_stories(self, stories: list[Story], article_story: dict[str, str]) -> None:
        """``article_story``: every article (duplicates included) -> its story id."""
        with self.db:
            self._replace("stories", ("id", "data"), ((st.id, dumps(st)) for st in stories))
            self._replace("article_stories", ("article", "story"), sorted(article_story.items()))

    def stories(self) -> list[Story]:
        return self._load(Story, "SELECT data FROM stories ORDER BY rowid")

    def article_stories(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT article, story FROM article_stories").fetchall())

    def replace_links(self, links: list[Link], storylines: list[Storyline],
                      disagreements: list[Disagreement]) -> None:
        with self.db:
            self._replace("links", ("source", "target", "kind", "data"),
                          ((lk.source, lk.target, lk.kind, dumps(lk)) for lk in links))
            self._replace("storylines", ("id", "data"), ((s.id, dumps(s)) for s in storylines))
            self._replace("disagreements", ("event", "kind", "data"),
                          ((d.event, d.kind, dumps(d)) for d in disagreements))

    def links(self) -> list[Link]:
        return self._load(Link, "SELECT data FROM links ORDER BY rowid")

    def storylines(self) -> list[Storyline]:
        return self._load(Storyline, "SELECT data FROM storylines ORDER BY rowid")

    def disagreements(self) -> list[Disagreement]:
        return self._load(Disagreement, "SELECT data FROM disagreements ORDER BY id")

    def disagreement_fields(self) -> list[DisagreementFields]:
        """(event, kind, events, topic, claims) of each disagreement, in ``disagreements``' order and with
        the values a ``Disagreement`` read back holds, each claim a dict of a ``Claim``'s fields (its
        defaults for absent ones), without making them: the export reads ~30k claims on every add."""
        claim = [(f.name, f.default) for f in dataclasses.fields(Claim)]
        topic = next(f.default for f in dataclasses.fields(Disagreement) if f.name == "topic")
        return [(d["event"], d["kind"], list(d.get("events", ())), d.get("topic", topic),
                 [{name: c[name] if default is dataclasses.MISSING else c.get(name, default)
                   for name, default in claim} for c in d["claims"]])
                for d in _json_rows(self.db.execute("SELECT data FROM disagreements ORDER BY id"))]

    # -- stage bookkeeping ---------------------------------------------------------------------
    def stage_started(self, stage: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO stage_runs (stage, started, status) VALUES (?, ?, 'running')",
                (stage, _now()),
            )

    def stage_finished(self, stage: str, status: str, seconds: float, items: int,
                       detail: str = "") -> None:
        with self.db:
            self.db.execute(
                "UPDATE stage_runs SET finished = ?, status = ?, seconds = ?, items = ?, "
                "detail = ? WHERE stage = ?",
                (_now(), status, seconds, items, detail, stage),
            )

    def stage_runs(self) -> list[dict]:
        cur = self.db.execute(
            "SELECT stage, started, finished, status, seconds, items, detail FROM stage_runs"
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]
