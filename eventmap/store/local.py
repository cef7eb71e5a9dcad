"""Store reads and writes for local updates (``eventmap add``): rows by article or id, not whole tables.

A whole-corpus stage records in ``folded`` the highest article ``seq`` it has taken in. On ``add`` a
stage with such a mark folds in only the articles after it, and moves the mark in the same
transaction as its writes, so a killed ``add`` resumes where it stopped and never folds twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from ..models import (
    Article,
    Disagreement,
    Duplicate,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Link,
    Story,
    Storyline,
)
from .codec import dumps, loads

T = TypeVar("T")
CHUNK = 500  # ids per ``IN (...)``: SQLite caps bound parameters


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _marks(ids: Sequence[Any]) -> str:
    return ", ".join("?" for _ in ids)


class LocalUpdates:
    """Mixed into ``Store``; ``self.db`` is its connection."""

    db: sqlite3.Connection
    _load: Callable[..., list[Any]]  # Store's: rows of one JSON column decoded as ``cls``
    first_reports: Callable[[list[Event]], list[tuple[str, str, str, str, str]]]  # Store's

    def _in(self, sql: str, ids: Iterable[str], *before: object) -> list[Any]:
        """Rows of ``sql`` for ``ids`` in chunks SQLite can bind; each ``{marks}`` in ``sql`` takes the
        chunk (``before`` binds the placeholders ahead of the first)."""
        out: list[Any] = []
        times = sql.count("{marks}")
        for chunk in _chunks(list(ids)):
            bound = [*before, *list(chunk) * times]
            out += self.db.execute(sql.format(marks=_marks(chunk)), bound).fetchall()
        return out

    def _by(self, cls: type[T], sql: str, ids: Sequence[str]) -> list[T]:
        """Records (one JSON column) whose key is in ``ids``; ``sql`` has one ``{marks}`` placeholder."""
        return [loads(cls, row[0]) for row in self._in(sql, dict.fromkeys(ids))]

    # -- marks -----------------------------------------------------------------------------------
    def folded(self, stage: str) -> int | None:
        row = self.db.execute("SELECT seq FROM folded WHERE stage = ?", (stage,)).fetchone()
        return row[0] if row else None

    def set_folded(self, stage: str, seq: int) -> None:
        """Callers inside a transaction get the mark moved with their writes."""
        self.db.execute("INSERT OR REPLACE INTO folded (stage, seq) VALUES (?, ?)", (stage, seq))

    def max_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]

    def articles_after(self, seq: int) -> list[Article]:
        return self._load(Article, "SELECT data FROM articles WHERE seq > ? ORDER BY seq", (seq,))

    # -- dedup -----------------------------------------------------------------------------------
    def signatures(self) -> list[tuple[str, str, int, bytes, bytes]]:
        """(article, fingerprint, shingle count, MinHash values, containment sample) per article."""
        return self.db.execute("SELECT article, fingerprint, shingles, minhash, sample FROM dedup_signatures "
                               "ORDER BY rowid").fetchall()

    def put_signatures(self, rows: Iterable[tuple[str, str, int, bytes, bytes]], *, replace: bool) -> None:
        """Callers wrap this in ``with self.db``."""
        if replace:
            self.db.execute("DELETE FROM dedup_signatures")
        self.db.executemany("INSERT OR REPLACE INTO dedup_signatures (article, fingerprint, shingles, "
                            "minhash, sample) VALUES (?, ?, ?, ?, ?)", rows)

    def add_duplicates(self, duplicates: Iterable[Duplicate]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO duplicates (article, origin, kind, score) VALUES "
                            "(?, ?, ?, ?)", ((d.article, d.origin, d.kind, d.score) for d in duplicates))

    # -- by article ------------------------------------------------------------------------------
    def outlets_of(self, articles: Iterable[str]) -> dict[str, str]:
        return dict(self._in("SELECT id, outlet FROM articles WHERE id IN ({marks})", sorted(set(articles))))

    def entity_mentions_of(self, articles: Sequence[str]) -> list[EntityMention]:
        return self._by(EntityMention, "SELECT data FROM entity_mentions WHERE article IN ({marks}) "
                                       "ORDER BY rowid", articles)

    def event_mentions_of(self, articles: Sequence[str]) -> list[EventMention]:
        found = self._by(EventMention, "SELECT data FROM event_mentions WHERE article IN ({marks}) "
                                       "ORDER BY rowid", articles)
        order = {a: i for i, a in enumerate(articles)}
        return sorted(found, key=lambda m: order[m.article])  # stable: rowid order within an article

    def event_mentions_by_id(self, ids: Sequence[str]) -> dict[str, EventMention]:
        return {m.id: m for m in self._by(EventMention, "SELECT data FROM event_mentions WHERE id IN "
                                                        "({marks})", ids)}

    def aliases_of(self, articles: Sequence[str]) -> dict[tuple[str, str], str]:
        rows = self._in("SELECT article, surface, entity FROM entity_aliases WHERE article IN ({marks})",
                        articles)
        return {(a, surface): e for a, surface, e in rows}

    def articles_naming(self, entities: Sequence[str]) -> list[tuple[str, str]]:
        """(article, entity) for every article naming one of ``entities``."""
        return self._in("SELECT DISTINCT article, entity FROM entity_aliases WHERE entity IN ({marks})",
                        entities)

    # -- resolve ---------------------------------------------------------------------------------
    def entities_by_id(self, ids: Sequence[str]) -> dict[str, Entity]:
        return {e.id: e for e in self._by(Entity, "SELECT data FROM entities WHERE id IN ({marks})", ids)}

    def entity_names(self, etype: str) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM entities WHERE type = ?", (etype,))]

    def put_entities(self, entities: Iterable[Entity], aliases: Iterable[tuple[str, str, str]]) -> None:
        """Update or add entities (an updated one keeps its row) and add alias rows."""
        for e in entities:
            cur = self.db.execute("UPDATE entities SET name = ?, type = ?, data = ? WHERE id = ?",
                                  (e.name, e.type, dumps(e), e.id))
            if cur.rowcount == 0:
                self.db.execute("INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                                (e.id, e.name, e.type, dumps(e)))
        self.db.executemany("INSERT OR IGNORE INTO entity_aliases (article, surface, entity) "
                            "VALUES (?, ?, ?)", aliases)

    # -- merge -----------------------------------------------------------------------------------
    def put_coref(self, rows: Iterable[tuple[str, str, str, str, str]], keys: Iterable[tuple[str, str, str]],
                  common: Iterable[str] = (), *, replace: bool) -> None:
        """(mention, article, event, class, record JSON) rows, (class, evidence key, event) rows, and
        the entities too frequent to be evidence (set with ``replace``)."""
        if replace:
            for table in ("coref_records", "coref_common", "coref_keys", "fold_journal"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany("INSERT INTO coref_common (entity) VALUES (?)", ((e,) for e in common))
        self.db.executemany("INSERT OR REPLACE INTO coref_records (mention, article, event, cls, data) "
                            "VALUES (?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT OR IGNORE INTO coref_keys (cls, key, event) VALUES (?, ?, ?)", keys)

    def coref_rows(self, wanted: dict[str, set[str]]) -> list[tuple[str, str, str]]:
        """(event, mention, record JSON) of the events of each class holding one of its keys, in merge
        order (events as in the events table, members as merged)."""
        events: set[str] = set()
        for cls, keys in wanted.items():
            events.update(row[0] for row in self._in(
                "SELECT event FROM coref_keys WHERE cls = ? AND key IN ({marks})", sorted(keys), cls))
        out = self.coref_of_events(sorted(events))
        rank = {eid: i for i, eid in enumerate(self._event_order(events))}
        return sorted(out, key=lambda row: rank[row[0]])  # stable: members keep their order

    def _event_order(self, ids: set[str]) -> list[str]:
        return [eid for _, eid in sorted(self._in("SELECT rowid, id FROM events WHERE id IN ({marks})",
                                                  sorted(ids)))]

    def coref_of_events(self, events: Sequence[str]) -> list[tuple[str, str, str]]:
        """(event, mention, record JSON) of these events, members in merge order."""
        return self._in("SELECT event, mention, data FROM coref_records WHERE event IN ({marks}) "
                        "ORDER BY rowid", events)

    def merged_copies(self) -> list[str]:
        """Articles that are copies but still have mentions merged into events: old articles a new,
        longer original arrived for (``eventmap add``); merge takes their mentions out."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT article FROM coref_records WHERE article IN (SELECT article FROM duplicates) "
            "ORDER BY article")]

    def retract_coref(self, articles: Sequence[str]) -> list[tuple[str, str]]:
        """Delete these articles' coreference records; returns their (mention, event) pairs."""
        out = self._in("SELECT mention, event FROM coref_records WHERE article IN ({marks})", articles)
        self._in("DELETE FROM coref_records WHERE article IN ({marks})", articles)
        return out

    def drop_events(self, ids: Sequence[str]) -> None:
        for table, column in (("events", "id"), ("event_reports", "event"), ("coref_keys", "event")):
            self._in(f"DELETE FROM {table} WHERE {column} IN ({{marks}})", ids)

    def journal(self, kind: str, items: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO fold_journal (kind, item) VALUES (?, ?)",
                            ((kind, i) for i in items))

    def take_journal(self) -> dict[str, set[str]]:
        """What merge left for link, emptied (callers wrap this in the transaction of their writes)."""
        out: dict[str, set[str]] = {"gone": set(), "shrunk": set(), "retracted": set()}
        for kind, item in self.db.execute("SELECT kind, item FROM fold_journal"):
            out.setdefault(kind, set()).add(item)
        self.db.execute("DELETE FROM fold_journal")
        return out

    def coref_common(self) -> frozenset[str]:
        return frozenset(row[0] for row in self.db.execute("SELECT entity FROM coref_common"))

    def event_of_mentions(self, mentions: Sequence[str]) -> dict[str, str]:
        return dict(self._in("SELECT mention, event FROM coref_records WHERE mention IN ({marks})", mentions))

    def events_by_id(self, ids: Sequence[str]) -> dict[str, Event]:
        return {e.id: e for e in self._by(Event, "SELECT data FROM events WHERE id IN ({marks})", ids)}

    def put_events(self, events: Iterable[Event]) -> None:
        """Update events in place (their row, hence their order, stays) or append new ones."""
        for e in events:
            row = (e.time.start if e.time else None, e.storyline, dumps(e), e.id)
            if self.db.execute("UPDATE events SET time_start = ?, storyline = ?, data = ? WHERE id = ?",
                               row).rowcount == 0:
                self.db.execute("INSERT INTO events (time_start, storyline, data, id) "
                                "VALUES (?, ?, ?, ?)", row)

    def put_reports(self, events: list[Event]) -> None:
        """Refill these events' first reports (each outlet's earliest article on each)."""
        rows = self.first_reports(events)
        ids = [e.id for e in events]
        self._in("DELETE FROM event_reports WHERE event IN ({marks})", ids)
        self.db.executemany("INSERT INTO event_reports (event, outlet, article, reported, reported_source) "
                            "VALUES (?, ?, ?, ?, ?)", rows)

    def stories_by_id(self, ids: Sequence[str]) -> dict[str, Story]:
        return {s.id: s for s in self._by(Story, "SELECT data FROM stories WHERE id IN ({marks})", ids)}

    def story_of(self, articles: Sequence[str]) -> dict[str, str]:
        return dict(self._in("SELECT article, story FROM article_stories WHERE article IN ({marks})",
                             articles))

    def put_stories(self, stories: Iterable[Story], article_story: dict[str, str]) -> None:
        """Update or add stories (one left without articles is removed) and articles' stories."""
        for st in stories:
            if not st.articles:
                self.db.execute("DELETE FROM stories WHERE id = ?", (st.id,))
                continue
            if self.db.execute("UPDATE stories SET data = ? WHERE id = ?", (dumps(st), st.id)).rowcount == 0:
                self.db.execute("INSERT INTO stories (id, data) VALUES (?, ?)", (st.id, dumps(st)))
        self.db.executemany("INSERT OR REPLACE INTO article_stories (article, story) VALUES (?, ?)",
                            article_story.items())

    # -- link ------------------------------------------------------------------------------------
    def links_of(self, events: Sequence[str]) -> list[Link]:
        rows = self._in("SELECT data FROM links WHERE source IN ({marks}) OR target IN ({marks})", events)
        links = (loads(Link, r[0]) for r in rows)
        return list({(lk.source, lk.target, lk.kind): lk for lk in links}.values())

    def storyline_members(self, storyline: str) -> list[tuple[str, str | None]]:
        """(event id, start) of a storyline's events, from the columns (no record decoded)."""
        return self.db.execute("SELECT id, time_start FROM events WHERE storyline = ?",
                               (storyline,)).fetchall()

    def entity_mentions_in(self, sentences: Iterable[tuple[str, int]]) -> list[EntityMention]:
        """Entity mentions of the given (article, sentence index) pairs."""
        by_article: dict[str, set[int]] = {}
        for article, sentence in sentences:
            by_article.setdefault(article, set()).add(sentence)
        out: list[EntityMention] = []
        for article, wanted in by_article.items():
            rows = self._in("SELECT data FROM entity_mentions WHERE article = ? AND sentence IN ({marks}) "
                            "ORDER BY rowid", sorted(wanted), article)  # type: ignore[arg-type]
            out += [loads(EntityMention, r[0]) for r in rows]
        return out

    def add_links(self, links: Iterable[Link]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO links (source, target, kind, data) VALUES (?, ?, ?, ?)",
                            ((lk.source, lk.target, lk.kind, dumps(lk)) for lk in links))

    def drop_date_links(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Remove 'before' links made from dates (not from signal words) between these events."""
        self.db.executemany("DELETE FROM links WHERE source = ? AND target = ? AND kind = 'before' AND "
                            "json_extract(data, '$.signal') = 'dates'", pairs)

    def drop_links_of(self, events: Sequence[str], articles: Sequence[str]) -> None:
        """Remove links to or from these events, and links shown by these articles' sentences."""
        self._in("DELETE FROM links WHERE source IN ({marks}) OR target IN ({marks})", events)
        self._in("DELETE FROM links WHERE json_extract(data, '$.article') IN ({marks})", articles)

    def storylines_with(self, events: Sequence[str]) -> dict[str, Storyline]:
        rows = self._in("SELECT data FROM storylines WHERE EXISTS (SELECT 1 FROM json_each(data, "
                        "'$.events') WHERE value IN ({marks}))", events)
        return {line.id: line for line in (loads(Storyline, r[0]) for r in rows)}

    def drop_storylines(self, ids: Sequence[str]) -> None:
        self._in("DELETE FROM storylines WHERE id IN ({marks})", ids)

    def storylines_by_id(self, ids: Sequence[str]) -> dict[str, Storyline]:
        found = self._by(Storyline, "SELECT data FROM storylines WHERE id IN ({marks})", ids)
        return {s.id: s for s in found}

    def put_storylines(self, lines: Iterable[Storyline]) -> None:
        for s in lines:
            if self.db.execute("UPDATE storylines SET data = ? WHERE id = ?", (dumps(s), s.id)).rowcount == 0:
                self.db.execute("INSERT INTO storylines (id, data) VALUES (?, ?)", (s.id, dumps(s)))

    def disagreements_about(self, events: Sequence[str]) -> list[tuple[int, Disagreement]]:
        """(row id, disagreement) of those whose claims come from one of ``events`` (JSON-filtered in
        SQLite: only those are decoded)."""
        rows = self._in("SELECT id, data FROM disagreements WHERE EXISTS (SELECT 1 FROM json_each(data, "
                        "'$.events') WHERE value IN ({marks}))", events)
        return sorted({rid: loads(Disagreement, data) for rid, data in rows}.items())

    def swap_disagreements(self, drop: Iterable[int], add: Iterable[Disagreement]) -> None:
        self.db.executemany("DELETE FROM disagreements WHERE id = ?", ((i,) for i in drop))
        self.db.executemany("INSERT INTO disagreements (event, kind, data) VALUES (?, ?, ?)",
                            ((d.event, d.kind, dumps(d)) for d in add))
