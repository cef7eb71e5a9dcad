"""summarize and render share one export per pipeline run (it costs seconds on a large map)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventmap.config import load_settings
from eventmap.export import json_export
from eventmap.pipeline.context import Context, Progress
from eventmap.pipeline.runner import run_pipeline
from eventmap.store.sqlite import Store


def test_summarize_and_render_build_the_export_once(sample_build: dict, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(sample_build["db"], db)
    built = []
    real = json_export.working_export
    monkeypatch.setattr(json_export, "working_export",
                        lambda store, *a, **kw: built.append(1) or real(store, *a, **kw))
    out = tmp_path / "out"
    with Store(db) as store:
        ctx = Context(settings=load_settings(db=str(db)), store=store, progress=Progress(False),
                      out_dir=out)
        run_pipeline(ctx, start="summarize")
        assert len(built) == 1
        for name in ("eventmap.json", "briefing.md", "map.html"):
            assert (out / name).read_bytes() == (sample_build["out"] / name).read_bytes(), name
        # A stage that writes runs again on the same context: the next export is built afresh.
        run_pipeline(ctx, start="link")
        assert len(built) == 2
        run_pipeline(ctx, start="render")
        assert len(built) == 2  # nothing upstream ran since
    assert json.loads((out / "eventmap.json").read_text(encoding="utf-8")) == sample_build["export"]
