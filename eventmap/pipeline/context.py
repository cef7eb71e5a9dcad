"""What every stage receives: settings, the store, the inputs, a progress reporter and an executor."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..store.sqlite import Store
from .executors import Executor

if TYPE_CHECKING:
    from ..export.json_export import WorkingExport


@dataclass(frozen=True)
class Inputs:
    """What the user pointed the build at. Only ``ingest`` reads this."""

    paths: tuple[Path, ...] = ()
    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow_private: bool = False
    # Hosts, addresses or CIDRs exempt from the private-address rule: one intranet host (or the tests'
    # 127.0.0.1 server) without opening all private space the way allow_private does.
    allow_hosts: tuple[str, ...] = ()


class Progress:
    """Plain, throttled progress lines on stderr (no terminal tricks, so logs stay readable)."""

    def __init__(self, enabled: bool = True, every: float = 2.0) -> None:
        self.enabled = enabled
        self.every = every
        self._last = float("-inf")  # the first line always shows (monotonic time may start near 0)

    def __call__(self, stage: str, done: int, total: int | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < self.every):
            return
        self._last = now
        of = f"/{total}" if total else ""
        print(f"  {stage}: {done}{of}", file=sys.stderr, flush=True)

    def say(self, message: str) -> None:
        if self.enabled:
            print(message, file=sys.stderr, flush=True)


@dataclass
class Context:
    settings: Settings
    store: Store
    inputs: Inputs = field(default_factory=Inputs)
    progress: Progress = field(default_factory=Progress)
    executor: Executor | None = None
    out_dir: Path | None = None
    # ``eventmap add``: whole-corpus stages fold the new articles in locally where they can (see
    # ``pipeline.folding``) instead of recomputing over the whole store.
    incremental: bool = False
    # what this run rejected (the store keeps every run's rejections): the "nothing read" error lists these
    rejected: list[Any] = field(default_factory=list)
    # ids of the articles this run's inputs gave, new or already stored: a build tells apart the store's
    # articles of earlier builds, which the map also holds
    read: set[str] = field(default_factory=set)
    _export: tuple[tuple, WorkingExport] | None = field(default=None, init=False, repr=False)

    def export(self) -> dict[str, Any]:
        """The store as the ``eventmap/1`` export, as summarize and render read it: the events they
        read whole (the map's salient layer, the briefing's pool) are whole, the others carry their
        ranking fields only (``json_export.WorkingExport``). Callers must not modify the dict."""
        return self.working_export().export

    def working_export(self) -> WorkingExport:
        """The export with every event's encoded entry, built once for the stages that only read it.

        summarize and render both need it (seconds to build on a large map) and neither writes the
        map's tables, so the second gets the first's. The copy is kept only while the recorded runs
        of the stages that write (every stage before summarize) are the ones it was built after: a
        stage run again on the same context (a new row: timestamps, and wall seconds to the
        microsecond) rebuilds it. On ``eventmap add`` the event parts the last export kept in the
        store are reused where their rows are unchanged; any other run makes them all anew.
        """
        from ..export.briefing import pool_ids
        from ..export.json_export import working_export

        key = tuple(tuple(r.values()) for r in self.store.stage_runs()
                    if r["stage"] not in _READ_ONLY_STAGES)
        if self._export is None or self._export[0] != key:
            self._export = (key, working_export(self.store, self.settings.map_events, pool_ids,
                                                reuse=self.incremental))
        return self._export[1]


# Stages that only read the store, so an export built before them stays valid (Context.export).
_READ_ONLY_STAGES = frozenset({"summarize", "render"})
