"""The heavy stages give the same map whether they run here, in a process pool, or on a Dask cluster.

The Dask runs use a LocalCluster on loopback, both ways the CLI reaches one: created by the executor
(no ``--scheduler``) and reached through its ``tcp://`` address (``--scheduler``). The store stays
single-writer: workers only parse and extract, this process writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow


def _comparable(export: dict) -> str:
    return json.dumps(export, sort_keys=True, ensure_ascii=False)


def _build(tmp: Path, **settings: object) -> dict:
    s = load_settings(db=str(tmp / "eventmap.db"), **settings)
    summary = api.build([api.SAMPLE_CORPUS], settings=s, out=tmp / "out", progress=False)
    reports = {r.stage: r for r in summary.reports}
    assert reports["annotate"].items == summary.stats["unique_articles"]
    return api.load_export(tmp / "eventmap.db")


@pytest.mark.parametrize("executor", ["processes", "dask"])
def test_executor_build_equals_local_build(executor: str, tmp_path: Path, sample_build) -> None:
    export = _build(tmp_path, executor=executor, workers=2)
    assert export["events"], "the build found no events"
    assert _comparable(export) == _comparable(api.load_export(sample_build["db"]))


def test_dask_scheduler_address_through_the_cli(tmp_path: Path, sample_build) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                      processes=True) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        db = tmp_path / "eventmap.db"
        run = subprocess.run([sys.executable, "-m", "eventmap.cli", "build", str(api.SAMPLE_CORPUS),
                              "--db", str(db), "--out", str(tmp_path / "out"), "--executor", "dask",
                              "--scheduler", address, "-q"], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        # The cluster did the heavy work: its scheduler saw tasks of both stage functions.
        assert {"annotate_batch", "extract_batch"} <= set(cluster.scheduler.task_prefixes)
    assert _comparable(api.load_export(db)) == _comparable(api.load_export(sample_build["db"]))

