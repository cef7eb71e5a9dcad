"""One map function, three places to run it: this process, a process pool, or a Dask cluster.

Heavy stages hand ``Executor.map`` a top-level function and a list of picklable work items (batches
of article texts); results come back in order and the stage writes them to the store itself, so the
store keeps a single writer whatever runs the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ConfigError

EXECUTORS = ("local", "processes", "dask")


class Executor:
    name = "local"

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        for item in items:
            yield fn(item, *args)

    def close(self) -> None:
        pass


class ProcessExecutor(Executor):
    name = "processes"

    def __init__(self, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=workers)

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        futures = [self.pool.submit(fn, item, *args) for item in items]
        for future in futures:
            yield future.result()

    def close(self) -> None:
        self.pool.shutdown()


class DaskExecutor(Executor):
    name = "dask"

    def __init__(self, scheduler: str | None, workers: int) -> None:
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                        host="127.0.0.1", dashboard_address=None, processes=True)
            self.client = Client(self.cluster)

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Any]:
        futures = [self.client.submit(fn, item, *args, pure=False) for item in items]
        for future in futures:
            yield future.result()

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
