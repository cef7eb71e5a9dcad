"""One map function, three places to run it: this process, a process pool, or a Dask cluster.

Heavy stages hand ``Executor.map`` a top-level function and an *iterable* of picklable work items
(batches of article texts); results come back in input order and the stage writes them to the store
itself, so the store keeps a single writer whatever runs the work. Only ``window`` items are in
flight at once and items are pulled from the iterable lazily, so memory stays bounded however large
the corpus is (a stage can feed a generator that reads batches from the store as it goes).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ConfigError

EXECUTORS = ("local", "processes", "dask")


class Executor:
    """Runs work in this process, one item at a time (the default, and the baseline to compare)."""

    name = "local"
    workers = 1

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        for item in items:
            yield fn(item, *args)

    def close(self) -> None:
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _windowed(submit: Callable[[Any], Any], result: Callable[[Any], Any], items: Iterable[Any],
              window: int) -> Iterator[Any]:
    """Submit lazily, keep at most ``window`` futures pending, yield results in input order."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class ProcessExecutor(Executor):
    name = "processes"

    def __init__(self, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.workers = max(1, workers)
        self.pool = ProcessPoolExecutor(max_workers=self.workers)

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        # Two items per worker in flight: each has the next one queued, and memory stays bounded.
        return _windowed(lambda item: self.pool.submit(fn, item, *args), lambda f: f.result(),
                         items, 2 * self.workers)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskExecutor(Executor):
    name = "dask"

    def __init__(self, scheduler: str | None, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ConfigError("--executor dask needs `pip install 'dask[distributed]'`") from exc

        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                    "`dask scheduler` or drop --scheduler to use a local cluster"
                ) from exc
        else:
            # Loopback only: a local cluster is never reachable from the network.
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                        host="127.0.0.1", dashboard_address=None, processes=True)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        return _windowed(lambda item: self.client.submit(fn, item, *args, pure=False),
                         lambda f: f.result(), items, 2 * self.workers)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(name: str, *, workers: int = 2, scheduler: str | None = None) -> Executor:
    if name == "local":
        return Executor()
    if name == "processes":
        return ProcessExecutor(workers)
    if name == "dask":
        return DaskExecutor(scheduler, workers)
    raise ConfigError(f"unknown executor {name!r}; use one of: {', '.join(EXECUTORS)}")
