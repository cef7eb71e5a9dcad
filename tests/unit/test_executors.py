"""Executors: one map function, results in input order, work pulled lazily with a bounded window."""

from __future__ import annotations

import pytest

from eventmap.errors import ConfigError
from eventmap.pipeline.executors import Executor, ProcessExecutor, _windowed, make_executor


def square_plus(x: int, k: int) -> int:  # top-level: process workers must be able to import it
    return x * x + k


def test_local_map_keeps_order_and_passes_extra_args() -> None:
    assert list(Executor().map(square_plus, range(5), 1)) == [1, 2, 5, 10, 17]


def test_process_pool_gives_the_same_results_in_order() -> None:
    with ProcessExecutor(2) as ex:
        assert list(ex.map(square_plus, iter(range(20)), 3)) == [x * x + 3 for x in range(20)]


def test_window_bounds_work_in_flight() -> None:
    """The executor never pulls more than ``window`` items ahead of what the caller consumed."""
    pulled: list[int] = []

    def items():
        for i in range(100):
            pulled.append(i)
            yield i

    results = _windowed(lambda i: i, lambda f: f, items(), window=4)
    assert next(results) == 0
    assert len(pulled) == 4  # one consumed + three pending, not the whole corpus
    assert list(results) == list(range(1, 100))


def test_make_executor_names_and_unknown_name() -> None:
    assert make_executor("local").name == "local"
    with pytest.raises(ConfigError, match="local, processes, dask"):
        make_executor("threads")


def test_dask_local_cluster_on_loopback_keeps_order() -> None:
    """No --scheduler: the executor starts its own LocalCluster, bound to 127.0.0.1 only."""
    from eventmap.pipeline.executors import DaskExecutor

    with DaskExecutor(None, 2) as ex:
        assert ex.workers == 2
        assert all(addr.startswith("tcp://127.0.0.1:") for addr in ex.client.scheduler_info()["workers"])
        assert list(ex.map(pow, iter(range(20)), 2)) == [x * x for x in range(20)]
