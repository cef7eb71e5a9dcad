"""What the briefing reads of each source sentence, kept in the store from one add to the next.

The briefing weighs every sentence of its pool (~8,000 at 2,000 articles) by the text it shows
(``briefing_text.clean``), its content terms (``support.content_terms``) and how well it stands
alone (``briefing_text.quality``): functions of the sentence's text alone, about a third of the
briefing's time, and nearly the same sentences on every add. ``SentenceFeatures`` hands them to
the builder from what the store kept (``Store.briefing_sentences``) and makes the missing ones;
summarize keeps this briefing's sentences for the next add (``keep``). Kept features are read only
while the digest of the code that makes them (``code_key``) is the one they were made by.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
from functools import cache
from importlib import metadata

from ..code_digest import source_digest
from ..store.sqlite import Store
from .briefing_text import clean, quality
from .support import content_terms

# (shown text, its content terms, its quality: None where it is never used)
Features = tuple[str, frozenset[str], float | None]


def features(raw: str) -> Features:
    """The features of one source sentence, made from its text."""
    text = clean(raw)
    return text, frozenset(content_terms(text)), quality(text)


@cache
def code_key() -> str:
    """The code the features are made by: its files, the stop words (spaCy's list) and the format."""
    files = ("export/briefing_sentences.py", "export/briefing_text.py", "export/support.py", "nlp/lexicon.py")
    try:
        spacy = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy = "none"
    preamble = f"marshal {marshal.version} python {sys.version_info[:2]} spacy {spacy}".encode()
    return source_digest(files, 16, preamble).hex()


class SentenceFeatures:
    """raw sentence -> ``Features``: the kept ones, else made (and remembered as new); records which
    sentences were asked for, so that only those are kept for the next add."""

    def __init__(self, kept: dict[str, Features] | None = None) -> None:
        self.kept = kept or {}
        self.asked: dict[str, Features] = {}

    def __call__(self, raw: str) -> Features:
        found = self.asked.get(raw)
        if found is None:
            found = self.kept.get(raw)
            if found is None:
                found = features(raw)
            self.asked[raw] = found
        return found

    @classmethod
    def of(cls, store: Store) -> SentenceFeatures:
        """With the features the store kept for this code (none from a store without them)."""
        try:
            rows = store.briefing_sentences(code_key())
        except sqlite3.OperationalError:  # a store of an older schema, opened read-only
            rows = []
        return cls({raw: marshal.loads(data) for raw, data in rows})

    def keep(self, store: Store) -> None:
        """Keep the sentences asked for (only those) in the store for the next add; a store that
        cannot be written keeps what it had."""
        new = [(raw, marshal.dumps(f)) for raw, f in self.asked.items() if raw not in self.kept]
        gone = [raw for raw in self.kept if raw not in self.asked]
        if not new and not gone:
            return
        try:
            store.put_briefing_sentences(code_key(), new, gone, replace=not self.kept)
        except sqlite3.OperationalError:  # read-only: the next briefing makes them again
            pass
