"""Timeline selection on small hand-written records: date ranking, candidates, centrality, redundancy."""

from __future__ import annotations

import datetime as dt

from eventmap.export.timeline import articles_from_export, make_timeline, render_markdown, to_json
from eventmap.models import Timex
from eventmap.nlp.timeline_select import (
    TimelineArticle,
    TimelineSentence,
    article_from_sentences,
    assign_days,
    rank_dates,
    select_timeline,
    timex_day,
)

D = dt.date


def _art(aid: str, published: dt.date | None, *sents: tuple[str, tuple[dt.date, ...]]) -> TimelineArticle:
    return TimelineArticle(aid, published, tuple(TimelineSentence(t, i, d) for i, (t, d) in enumerate(sents)))


def _corpus() -> list[TimelineArticle]:
    quake, aid_day, vote = D(2024, 5, 1), D(2024, 5, 3), D(2024, 5, 20)
    return [
        _art("a1", quake, ("A strong earthquake struck the coastal city of Porto Leve on Wednesday morning.",
                           (quake,)),
             ("Rescue teams searched collapsed buildings through the night for survivors.", ())),
        _art("a2", D(2024, 5, 2),
             ("The earthquake that hit Porto Leve on Wednesday killed at least forty people.", (quake,)),
             ("Aid agencies said tents and water would arrive on Friday from the capital.", (aid_day,))),
        _art("a3", aid_day,
             ("The first convoy of tents and water reached Porto Leve on Friday after the earthquake.",
              (aid_day, quake)),
             ("Survivors queued for hours at the stadium where the aid was handed out to families.", ())),
        _art("a4", D(2024, 5, 21),
             ("The city council voted on Monday to rebuild the harbour district destroyed in the quake.",
              (vote,)),),
    ]


def test_dates_rank_by_references_then_date() -> None:
    ranked = rank_dates(_corpus())
    # three articles refer to the quake day: a1 names it and was published on it, counted once
    assert ranked[0][0] == D(2024, 5, 1)
    assert ranked[0][1] == 3.0
    days = [d for d, _ in ranked]
    assert days.index(D(2024, 5, 3)) < days.index(D(2024, 5, 20))  # 2 articles vs 1
    # equal scores break on the earlier date
    scores = dict(ranked)
    assert scores[D(2024, 5, 2)] == scores[D(2024, 5, 20)] == 1.0
    assert days.index(D(2024, 5, 2)) < days.index(D(2024, 5, 20))
    inside = rank_dates(_corpus(), start=D(2024, 5, 2), end=D(2024, 5, 20))
    assert {d for d, _ in inside} == {D(2024, 5, 2), D(2024, 5, 3), D(2024, 5, 20)}


def test_timeline_is_in_date_order_and_every_sentence_names_or_was_published_on_its_day() -> None:
    corpus = _corpus()
    entries = select_timeline(corpus, dates=3, sentences=2)
    # 2024-05-02 ranks third but has no sentence of its own (a2's sentences name other days): the
    # next day in the ranking takes its place
    assert [e.date for e in entries] == [D(2024, 5, 1), D(2024, 5, 3), D(2024, 5, 20)]
    by_id = {a.id: a for a in corpus}
    for e in entries:
        assert 1 <= len(e.sentences) <= 2
        for text, article in e.sentences:
            sent = next(s for s in by_id[article].sentences if s.text == text)
            assert e.date in sent.days or (not sent.days and by_id[article].published == e.date)
    assert select_timeline(corpus, dates=0, sentences=2) == []


def test_selection_is_deterministic_whatever_the_input_order() -> None:
    corpus = _corpus()
    forward = select_timeline(corpus, dates=3, sentences=2)
    assert forward == select_timeline(corpus[::-1], dates=3, sentences=2)


def test_near_repeats_are_skipped_and_the_central_sentence_wins() -> None:
    day = D(2024, 6, 10)
    same = "The bridge over the Tamel river collapsed on Monday during the evening rush hour."
    corpus = [
        _art("b1", day, (same, (day,))),
        _art("b2", day, (same.replace("evening", "busy evening"), (day,))),  # syndicated rewording
        _art("b3", day, ("Engineers inspected the collapsed Tamel bridge on Monday and blamed "
                         "corroded cables.", (day,))),
        _art("b4", day, ("A local bakery also reported a record number of croissant sales this week.", ())),
    ]
    entry = select_timeline(corpus, dates=1, sentences=2)[0]
    texts = [t for t, _ in entry.sentences]
    assert len(texts) == 2
    assert not (same in texts and same.replace("evening", "busy evening") in texts)
    assert all("croissant" not in t for t in texts)  # off-topic: far from the day's centroid


def test_a_day_named_only_deep_in_an_article_still_gets_a_sentence() -> None:
    day = D(2024, 2, 1)
    filler = tuple((f"Background paragraph number {i} about the long history of the port.", ())
                   for i in range(12))
    corpus = [_art("c1", D(2024, 3, 1), *filler,
                   ("The port authority first approved the expansion plan on February 1, 2024.", (day,)),
                   ("The port authority confirmed on February 1, 2024 that dredging would start.", (day,)))]
    entries = select_timeline(corpus, dates=5, sentences=1, start=day, end=day)
    assert [e.date for e in entries] == [day]
    assert "February 1, 2024" in entries[0].sentences[0][0]


def test_timex_day_keeps_only_sure_single_days() -> None:
    def tx(value: str, gran: str = "day", **kw: object) -> Timex:
        return Timex(text="x", char_start=0, char_end=1, type="DATE", value=value, granularity=gran, **kw)

    assert timex_day(tx("2024-05-01")) == D(2024, 5, 1)
    assert timex_day(tx("2024-05-01T14:00", "time")) == D(2024, 5, 1)
    assert timex_day(tx("2024-05", "month")) is None
    assert timex_day(tx("2024-05-01", approximate=True)) is None
    assert timex_day(tx("2024-05-01", mod="BEFORE")) is None
    assert timex_day(tx("XXXX-XX-XX")) is None
    assert assign_days([0, 10], [Timex("x", 12, 13, "DATE", "2024-05-01", granularity="day")]) == \
        [(), (D(2024, 5, 1),)]


def test_article_from_sentences_resolves_times_against_the_publication_day() -> None:
    art = article_from_sentences("x", D(2024, 3, 6), [
        "Police said on Monday that the bridge had collapsed.",  # 2024-03-06 is a Wednesday
        "Rain is expected in April.",
        "Officials met today to discuss repairs."])
    assert art.sentences[0].days == (D(2024, 3, 4),)
    assert art.sentences[1].days == ()  # a month is not a day
    assert art.sentences[2].days == (D(2024, 3, 6),)


FERRY = "A passenger ferry sank off Cape Roxo on Tuesday night, officials said."


def test_rendering_cites_every_sentence_and_records_from_an_export() -> None:
    day = D(2025, 1, 7)
    export = {
        "articles": [{"id": "art_1", "title": "Ferry sinks", "outlet": "Harbour News",
                      "published": "2025-01-08", "url": None, "path": "a.txt", "duplicate_of": None},
                     {"id": "art_2", "title": "Copy", "outlet": "Copycat", "published": "2025-01-08",
                      "url": None, "path": "b.txt", "duplicate_of": "art_1"}],
        "events": [{"time": {"value": "2025-01-07", "granularity": "day", "approximate": False},
                    "mentions": [{"article": a, "start": 0, "sentence": FERRY} for a in ("art_1", "art_2")]}],
    }
    records = articles_from_export(export)
    assert [r.id for r in records] == ["art_1"]  # the duplicate is not counted twice
    assert records[0].sentences[0].days == (day,)
    meta = {"art_1": {"title": "Ferry sinks", "outlet": "Harbour News", "published": "2025-01-08",
                      "url": None, "path": "a.txt"}}
    tl = make_timeline(records, meta, dates=3, sentences=1)
    md = render_markdown(tl)
    assert "## 2025-01-07" in md and "officials said. [1]" in md
    assert "[1] Ferry sinks (Harbour News, 2025-01-08): a.txt" in md
    data = to_json(tl)
    assert data["dates"][0]["sentences"][0] == {"text": FERRY, "article": "art_1", "source": 1}
    empty = render_markdown(make_timeline([], {}, dates=3, sentences=1))
    assert "No dated sentences" in empty


def test_a_sentence_telling_a_salient_event_beats_an_incidental_one() -> None:
    day = D(2024, 9, 2)
    corpus = [TimelineArticle("d1", day, (
        TimelineSentence("The airport closed its runway on Monday after a fuel leak.", 0, (day,), 0.9),
        TimelineSentence("The airport cafe changed its hours on Monday as well.", 1, (day,), 0.05),
    ))]
    entry = select_timeline(corpus, dates=1, sentences=1)[0]
    assert "runway" in entry.sentences[0][0]


def test_with_no_budget_given_the_corpus_chooses_dates_and_sentences() -> None:
    busy, quiet = D(2024, 7, 1), D(2024, 7, 9)
    lines = ["The dam's spillway gates were opened on Monday to relieve the swollen reservoir.",
             "Engineers opened the spillway on Monday as the reservoir reached its record level.",
             "Villages downstream were evacuated on Monday before the spillway was opened.",
             "Farmers said the water released on Monday flooded fields along the lower valley.",
             "The dam operator defended opening the gates on Monday, citing the safety of the wall."]
    corpus = [_art(f"m{i}", D(2024, 7, 2), (text, (busy,))) for i, text in enumerate(lines)]
    review = "A review of the dam's gates was ordered on Tuesday by the ministry."
    corpus.append(_art("q", D(2024, 7, 10), (review, (quiet,))))
    entries = select_timeline(corpus, dates=None, sentences=None)
    # two busy days (5 articles each; 2 July only by publication) and two quiet ones: at least three
    # dates are tried; the days with no sentence of their own (2 and 10 July) give their place away
    assert [e.date for e in entries] == [busy, quiet]
    assert len(entries[0].sentences) == 2  # five independent articles: two sentences
    assert len(entries[1].sentences) == 1


def test_records_from_an_export_carry_event_salience() -> None:
    export = {
        "articles": [{"id": "art_1", "published": "2025-01-08", "duplicate_of": None}],
        "events": [{"time": {"value": "2025-01-07", "granularity": "day", "approximate": False},
                    "salience": 0.7, "mentions": [{"article": "art_1", "start": 0, "sentence": FERRY}]},
                   {"time": None, "salience": 0.2,
                    "mentions": [{"article": "art_1", "start": 5, "sentence": FERRY}]}],
    }
    (record,) = articles_from_export(export)
    assert record.sentences[0].salience == 0.7  # the sentence's most salient event
