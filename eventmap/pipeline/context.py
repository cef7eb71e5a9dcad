"""What every stage receives: settings, the store, the inputs, a progress reporter and an executor."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..store.sqlite import Store
from .executors import Executor


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
