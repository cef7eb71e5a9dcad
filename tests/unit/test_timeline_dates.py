"""Which days a timeline keeps (nlp/timeline_dates.py), on small hand-written records."""

from __future__ import annotations

import datetime as dt

from eventmap.nlp.timeline_dates import auto_dates, choose_days, core_span, day_signals
from eventmap.nlp.timeline_select import TimelineArticle, TimelineSentence

D = dt.date


def _art(aid: str, published: dt.date | None, *sents: tuple[str, tuple[dt.date, ...]] | tuple,
         salience: float | None = None) -> TimelineArticle:
    return TimelineArticle(aid, published, tuple(
        TimelineSentence(s[0], i, s[1], s[2] if len(s) > 2 else salience) for i, s in enumerate(sents)))


def test_an_article_counts_once_per_day_however_often_it_names_it() -> None:
    vote = D(2023, 9, 4)
    long_one = _art("long", D(2023, 9, 5),
                    *[(f"The council vote on Monday was the {i}th of its kind.", (vote,)) for i in range(6)])
    pier = "Councillors voted on Monday to close the old ferry pier."
    short = [_art(f"s{i}", D(2023, 9, 5), (pier, (vote,))) for i in range(2)]
    sig = day_signals([long_one, *short])
    assert sig[vote].origins == {"long", "s0", "s1"}
    assert sig[vote].weight == 3.0  # no events known: each article counts 1
    assert sig[D(2023, 9, 5)].origins == {"long", "s0", "s1"}  # the day they were published


def test_later_references_and_the_window() -> None:
    landing = D(2022, 3, 1)
    arts = [_art("same-week", D(2022, 3, 2), ("The probe landed on Tuesday near the rim.", (landing,))),
            _art("month-on", D(2022, 4, 1),
                 ("Since the probe landed on March 1 it has sent 900 images.", (landing,)))]
    sig = day_signals(arts)
    assert sig[landing].later == {"month-on"}  # still named weeks after its news cycle
    assert sig[landing].score(later_weight=1.0) == 3.0 and sig[landing].score(0.0) == 2.0
    inside = day_signals(arts, start=D(2022, 3, 2), end=D(2022, 3, 31))
    assert set(inside) == {D(2022, 3, 2)}


def test_salient_events_weigh_more_than_incidental_mentions() -> None:
    strike, fair = D(2021, 6, 7), D(2021, 6, 8)
    arts = [_art("a", D(2021, 6, 9),
                 ("Dock workers went on strike on Monday across the port.", (strike,), 0.9),
                 ("A craft fair opened on Tuesday in the old market hall.", (fair,), 0.1)),
            _art("b", D(2021, 6, 9),
                 ("The strike that began on Monday halted all container traffic.", (strike,), 0.8),
                 ("The craft fair on Tuesday drew a few hundred visitors.", (fair,), 0.0))]
    sig = day_signals(arts)
    assert len(sig[strike].origins) == len(sig[fair].origins) == 2
    assert sig[strike].weight > sig[fair].weight
    assert abs(sig[strike].weight - (0.5 + 0.9 + 0.5 + 0.8)) < 1e-9


def test_spread_trades_a_busy_neighbour_for_a_quiet_landmark() -> None:
    base = D(2020, 1, 1)
    scores = {base: 20.0, base + dt.timedelta(days=1): 18.0, base + dt.timedelta(days=2): 17.0,
              base + dt.timedelta(days=90): 6.0}
    assert choose_days(scores, 2) == [base, base + dt.timedelta(days=1)]
    spread = choose_days(scores, 2, spread=0.5)
    assert spread == [base, base + dt.timedelta(days=90)]
    # a day with nothing to show gives its place to the next
    assert choose_days(scores, 2, usable=lambda d: d != base) == [base + dt.timedelta(days=1),
                                                                   base + dt.timedelta(days=2)]
    assert choose_days(scores, 0) == [] and choose_days({}, 3) == []


def test_auto_dates_grows_with_the_square_root_of_the_articles_within_bounds() -> None:
    days = [D(2019, 5, d) for d in range(1, 9)]
    arts = [_art(f"x{day.day}-{i}", day, ("The river rose again this morning at the weir.", ()))
            for day in days for i in range(3 if day.day <= 5 else 1)]
    assert auto_dates(day_signals(arts)) == 4  # 18 articles
    assert auto_dates(day_signals(arts[:2])) == 1  # only one day referred to at all
    many = [_art(f"y{i}", D(2019, 1, 1) + dt.timedelta(days=i % 200), ("The river rose.", ()))
            for i in range(2000)]
    assert auto_dates(day_signals(many)) == 30


def test_the_spread_scale_ignores_a_lone_background_day() -> None:
    story = {D(2024, 3, 1) + dt.timedelta(days=i): 10.0 for i in range(30)}
    assert core_span(story) == 28  # the middle 90% of the mass
    assert core_span({**story, D(1989, 6, 4): 0.5}) == 28
    assert core_span({}) == 1
