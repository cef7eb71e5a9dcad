"""Exceptions raised by eventmap.

    EventmapError                 base: the CLI prints its message and exits with ``exit_code``
    ├── ConfigError               a setting is missing or invalid (exit 2)
    ├── InputError                nothing usable to read: no such path, no articles at all (exit 2)
    ├── ModelError                the spaCy model cannot be loaded (exit 3)
    ├── StoreError                the SQLite store is missing, locked or from a newer version (exit 4)
    ├── StageError                a stage failed as a whole (exit 5); one bad article never does this
    └── FetchError                a URL could not be fetched (turned into a rejection row by sources)

Errors say what to do next: every message should end with the command or setting that fixes it.
Per-article problems are *not* exceptions that escape a stage: they become rejection rows.
"""

from __future__ import annotations


class EventmapError(Exception):
    exit_code = 1


class ConfigError(EventmapError):
    exit_code = 2


class InputError(EventmapError):
    exit_code = 2


class ModelError(EventmapError):
    exit_code = 3


class StoreError(EventmapError):
    exit_code = 4


class StageError(EventmapError):
    exit_code = 5


class FetchError(EventmapError):
    exit_code = 6
