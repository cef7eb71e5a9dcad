"""The briefing written by a real build: the sample corpus, and the user's seeds where present."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from briefing_export import uncited_lines

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow


def test_sample_build_writes_a_cited_markdown_and_html_briefing(sample_build) -> None:
    out, export = sample_build["out"], sample_build["export"]
    md = (out / "briefing.md").read_text(encoding="utf-8")
    page = (out / "briefing.html").read_text(encoding="utf-8")
    assert uncited_lines(md) == []
    for heading in ("The story in brief", "Key figures", "What changed recently", "Where sources disagree",
                    "Timeline", "Sources"):
        assert f"## {heading}" in md and f"<h2>{heading}</h2>" in page
    number = {a["id"]: i for i, a in enumerate(export["articles"], start=1)}
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", md.split("## Sources")[0])}
    assert cited and cited <= set(number.values())
    for a in export["articles"]:  # every copy is named in the coverage line
        if a["duplicate_of"]:
            assert f"[{number[a['id']]}] is a" in md.splitlines()[2]
    assert 'http-equiv="Content-Security-Policy"' in page and "<script" not in page.lower()
    # the prose and bullets of both files are the same items
    assert md.count("\n- ") == page.count("<li>") and page.count("<li id=\"src-") == len(export["articles"])


def test_a_language_model_that_is_down_is_a_warning_not_a_failure(sample_build, tmp_path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(sample_build["db"], db)
    settings = load_settings(db=str(db), llm_url="http://127.0.0.1:9/v1", llm_timeout=2.0)
    summary = api.build([], settings=settings, out=tmp_path, start="summarize", progress=False)
    report = next(r for r in summary.reports if r.stage == "summarize")
    assert report.detail.startswith("warning:") and "extractive" in report.detail
    md = (tmp_path / "briefing.md").read_text(encoding="utf-8")
    assert md == (sample_build["out"] / "briefing.md").read_text(encoding="utf-8")


def test_seed_briefing_counts_the_repost_and_shows_the_troop_dispute(seeds_dir, tmp_path) -> None:
    api.build([seeds_dir], settings=load_settings(db=str(tmp_path / "m.db")), out=tmp_path, progress=False)
    md = (tmp_path / "briefing.md").read_text(encoding="utf-8")
    export = json.loads((tmp_path / "eventmap.json").read_text(encoding="utf-8"))
    number = {a["path"][:4]: i for i, a in enumerate(export["articles"], start=1)}
    assert uncited_lines(md) == []
    coverage = md.splitlines()[2]
    assert "3 articles" in coverage and "2 independent origins" in coverage
    assert f"[{number['001_']}] is a contained copy of [{number['000_']}]" in coverage
    dispute = md.split("## Where sources disagree")[1].split("\n## ")[0]
    assert "did it happen?" in dispute and "disputes it" in dispute and "reports it as fact" in dispute
    assert "fabricated" in dispute and "North Korean troops were deployed" in dispute
