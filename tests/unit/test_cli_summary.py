"""The build's summary line (cli._print_summary), on summaries written by hand (no model, no store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventmap import api
from eventmap.cli import _print_summary


def _summary(outlets: int) -> api.BuildSummary:
    stats = {"articles": 3, "unique_articles": 2, "independent_origins": 2, "outlets": outlets, "events": 120}
    return api.BuildSummary(db=Path("x.db"), out=None, reports=(), stats=stats, rejections=())


@pytest.mark.parametrize(("outlets", "said"), [
    (0, "3 articles (2 unique, 2 independent origins) (no outlet named) -> 120 events"),
    (1, "3 articles (2 unique, 2 independent origins) from 1 outlet -> 120 events"),
    (4, "3 articles (2 unique, 2 independent origins) from 4 outlets -> 120 events"),
])
def test_the_summary_counts_outlets_and_says_so_when_no_page_names_one(
        outlets: int, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    _print_summary(_summary(outlets))
    assert capsys.readouterr().out.splitlines()[0] == said
