"""Schema as an ordered list of migrations; ``PRAGMA user_version`` records how many have run.

Add a migration by appending to MIGRATIONS; never edit one that has shipped. Records are stored as
JSON (``data``) next to the columns that are queried or joined on, so adding a field to a dataclass
needs no migration while lookups stay indexed.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        path TEXT, url TEXT, outlet TEXT NOT NULL, title TEXT NOT NULL,
        published TEXT, added_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        item TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
        UNIQUE (item, stage, reason)
    );
    CREATE TABLE duplicates (
        article TEXT PRIMARY KEY REFERENCES articles(id),
        origin TEXT NOT NULL REFERENCES articles(id),
        kind TEXT NOT NULL, score REAL NOT NULL
    );
    CREATE TABLE annotations (
        article TEXT PRIMARY KEY REFERENCES articles(id),
        model TEXT NOT NULL, doc BLOB NOT NULL
    );
    CREATE TABLE sentences (
        article TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    );
    CREATE TABLE entity_mentions (
        article TEXT NOT NULL, sentence INTEGER NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX entity_mentions_article ON entity_mentions(article);
    CREATE TABLE timexes (article TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX timexes_article ON timexes(article);
    CREATE TABLE extracted (article TEXT PRIMARY KEY);
    CREATE TABLE event_mentions (
        id TEXT PRIMARY KEY, article TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX event_mentions_article ON event_mentions(article);
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, data TEXT NOT NULL);
    CREATE TABLE entity_aliases (
        article TEXT NOT NULL, surface TEXT NOT NULL, entity TEXT NOT NULL,
        PRIMARY KEY (article, surface, entity)
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY, time_start TEXT, storyline TEXT, data TEXT NOT NULL
    );
    CREATE TABLE links (source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
                        data TEXT NOT NULL, PRIMARY KEY (source, target, kind));
    CREATE TABLE storylines (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE disagreements (id INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT,
                                kind TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE stage_runs (
        stage TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
        status TEXT NOT NULL, seconds REAL, items INTEGER, detail TEXT
    );
    """,
    # 2: when each outlet first reported each event (report time, next to the event's own time), so
    # readers can ask what was known on a given date; refilled with the events table.
    """
    CREATE TABLE event_reports (
        event TEXT NOT NULL, outlet TEXT NOT NULL, article TEXT NOT NULL,
        reported TEXT NOT NULL, reported_source TEXT NOT NULL,
        PRIMARY KEY (event, outlet)
    );
    CREATE INDEX event_reports_reported ON event_reports(reported);
    """,
    # 3: stories (articles about one happening) and each article's story; refilled by merge.
    """
    CREATE TABLE stories (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE article_stories (article TEXT PRIMARY KEY, story TEXT NOT NULL);
    CREATE INDEX article_stories_story ON article_stories(story);
    """,
    # 4: what `eventmap add` needs to fold new articles in locally instead of recomputing the map:
    # how far each whole-corpus stage has folded (an article seq), each article's dedup signature,
    # each merged mention's coreference record with its event (indexed by event class) and evidence
    # keys, and what a local merge changed for link to follow up.
    """
    CREATE TABLE folded (stage TEXT PRIMARY KEY, seq INTEGER NOT NULL);
    CREATE TABLE dedup_signatures (
        article TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, shingles INTEGER NOT NULL,
        minhash BLOB NOT NULL, sample BLOB NOT NULL
    );
    CREATE INDEX dedup_signatures_fingerprint ON dedup_signatures(fingerprint);
    CREATE TABLE coref_records (
        mention TEXT PRIMARY KEY, article TEXT NOT NULL, event TEXT NOT NULL, cls TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX coref_records_article ON coref_records(article);
    CREATE INDEX coref_records_cls ON coref_records(cls);
    CREATE INDEX coref_records_event ON coref_records(event);
    CREATE TABLE coref_common (entity TEXT PRIMARY KEY);
    CREATE TABLE coref_keys (cls TEXT NOT NULL, key TEXT NOT NULL, event TEXT NOT NULL,
                             PRIMARY KEY (cls, key, event)) WITHOUT ROWID;
    CREATE INDEX events_storyline ON events(storyline);
    -- What a local merge changed for link to follow up: 'gone' and 'shrunk' events, 'retracted'
    -- articles (an old article that became a copy of a new one has its mentions taken out).
    CREATE TABLE fold_journal (kind TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (kind, item));
    """,
    # 5: a person's corrections of the merge (`eventmap split`, `eventmap merge`): no stage owns the
    # table, so `build --from ...` keeps it and every merge replays it (nlp/corrections.py).
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, event TEXT NOT NULL,
        at TEXT NOT NULL, data TEXT NOT NULL
    );
    """,
    # 6: each event's share of the export that its own rows decide (``export.parts``), kept so that
    # an add re-encodes only the events it touched; ``key`` names the code the parts were made by.
    # A cache: every ``Store.clear`` empties it, and nothing else depends on it.
    """
    CREATE TABLE export_parts (event TEXT PRIMARY KEY, digest TEXT NOT NULL, data TEXT NOT NULL,
                               text TEXT NOT NULL);
    CREATE TABLE export_parts_key (one INTEGER PRIMARY KEY CHECK (one = 1), key TEXT NOT NULL);
    """,
    # 7: each article's title as the annotate stage parsed it (``models.TitleParse``): what the
    # choice of its main event reads of its headline. An article annotated before this migration
    # has none until the annotate stage's next run parses its title (``annotate.run``).
    """
    CREATE TABLE titles (article TEXT PRIMARY KEY, data TEXT NOT NULL);
    """,
    # 8: the dynamic half each event's entry in the export was last written with (its values' digest,
    # ``export.parts.dynamic_key``, and its text), so that an add rewrites only the halves whose
    # values changed. A cache of the code of ``export_parts_key``: replaced with the parts.
    """
    CREATE TABLE IF NOT EXISTS export_dynamics (event TEXT PRIMARY KEY, key BLOB NOT NULL,
                                               text TEXT NOT NULL);
    """,
    # 9: what the briefing reads of each sentence it weighed last (``export.briefing_sentences``):
    # a function of the sentence's text and of the code ``briefing_sentences_key`` names, nothing
    # else. A cache: the briefing replaces it, and nothing depends on it.
    """
    CREATE TABLE IF NOT EXISTS briefing_sentences (sentence TEXT PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS briefing_sentences_key (one INTEGER PRIMARY KEY CHECK (one = 1),
                                                       key TEXT NOT NULL);
    """,
    # 10: the events whose row or report rows were written since the export last kept its parts
    # (``export.parts``): an add reads back and compares only theirs, not every event's row. Filled
    # by triggers, whatever writes the rows; emptied when the parts are kept. The parts kept before
    # there was this record go (a cache: the next export makes them anew).
    """
    CREATE TABLE IF NOT EXISTS export_touched (event TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS export_touched_events_insert AFTER INSERT ON events BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (new.id); END;
    CREATE TRIGGER IF NOT EXISTS export_touched_events_update AFTER UPDATE ON events BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (old.id);
        INSERT OR IGNORE INTO export_touched (event) VALUES (new.id); END;
    CREATE TRIGGER IF NOT EXISTS export_touched_events_delete AFTER DELETE ON events BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (old.id); END;
    CREATE TRIGGER IF NOT EXISTS export_touched_reports_insert AFTER INSERT ON event_reports BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (new.event); END;
    CREATE TRIGGER IF NOT EXISTS export_touched_reports_update AFTER UPDATE ON event_reports BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (old.event);
        INSERT OR IGNORE INTO export_touched (event) VALUES (new.event); END;
    CREATE TRIGGER IF NOT EXISTS export_touched_reports_delete AFTER DELETE ON event_reports BEGIN
        INSERT OR IGNORE INTO export_touched (event) VALUES (old.event); END;
    DELETE FROM export_parts;
    DELETE FROM export_dynamics;
    """,
    # 11: the static half of each event the last export read whole (the briefing's pool, the salient
    # layer), decoded (``export.json_export._statics``), and for an event of the salient layer its
    # compact JSON (the map's head), kept with the parts: an add decodes and encodes only the halves
    # it has not. A cache of the parts' own code: ``put_export_parts`` replaces and drops it.
    """
    CREATE TABLE IF NOT EXISTS export_bodies (event TEXT PRIMARY KEY, body BLOB NOT NULL, compact TEXT);
    """,
]
