"""End to end on the bundled sample corpus: the JSON contract and facts the corpus states."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

ARTICLE_KEYS = {"id", "title", "outlet", "url", "path", "published", "published_source",
                "duplicate_of", "duplicate_kind"}
EVENT_KEYS = {"id", "summary", "time", "actors", "place", "articles", "outlets", "mentions", "storyline"}
MENTION_KEYS = {"article", "sentence", "start", "end", "modality", "time_text"}


def _by_path(export: dict) -> dict[str, dict]:
    return {a["path"]: a for a in export["articles"] if not a["path"].endswith(".jsonl")}


def test_export_follows_the_contract(sample_build) -> None:
    export = sample_build["export"]
    assert export["schema"] == "eventmap/1"
    assert {"articles", "unique_articles", "outlets", "independent_origins", "events"} <= set(export["stats"])
    for key in ("articles", "entities", "events", "links", "storylines", "disagreements"):
        assert isinstance(export[key], list), key
    assert all(ARTICLE_KEYS <= set(a) for a in export["articles"])
    assert export["events"], "no events extracted from the sample corpus"
    ids = {a["id"] for a in export["articles"]}
    entity_ids = {e["id"] for e in export["entities"]}
    for event in export["events"]:
        assert EVENT_KEYS <= set(event)
        assert set(event["articles"]) <= ids
        assert set(event["actors"]) <= entity_ids
        for m in event["mentions"]:
            assert MENTION_KEYS <= set(m) and m["article"] in ids
            assert m["modality"] in {"asserted", "reported", "alleged", "denied", "hypothetical", "planned"}
    for link in export["links"]:
        assert link["kind"] in {"before", "cause", "same_actors"}


def test_mention_offsets_point_at_the_trigger(sample_build) -> None:
    from eventmap.store.sqlite import Store

    with Store(sample_build["db"], readonly=True) as store:
        texts = {a.id: a.text for a in store.articles()}
    for event in sample_build["export"]["events"][:50]:
        for m in event["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["trigger"]
            assert texts[m["article"]][m["sentence_start"]:].startswith(m["sentence"])


def test_counts_and_copies_match_the_corpus(sample_build, sample_truth) -> None:
    export = sample_build["export"]
    stats = export["stats"]
    assert stats["articles"] == sample_truth["articles"]
    assert stats["unique_articles"] == sample_truth["unique_articles"]
    assert stats["independent_origins"] == sample_truth["unique_articles"]
    arts = _by_path(export)
    for dup in sample_truth["duplicates"]:
        copy, origin = arts[dup["copy"]], arts[dup["origin"]]
        marked = copy if copy["duplicate_of"] else origin  # exact twins: either may be the origin
        other = origin if marked is copy else copy
        assert marked["duplicate_of"] == other["id"]
        assert marked["duplicate_kind"] == dup["kind"]


def test_publication_dates(sample_build, sample_truth) -> None:
    arts = _by_path(sample_build["export"])
    inferred = sample_truth["inferred_published"]
    art = arts[inferred["path"]]
    assert (art["published"], art["published_source"]) == (inferred["published"], "inferred")
    html = [a for a in arts.values() if a["path"].endswith(".html")]
    assert html and all(a["published_source"] == "html" for a in html)


def test_known_events_have_their_dates(sample_build, sample_truth) -> None:
    events = sample_build["export"]["events"]
    found = []
    for fact in sample_truth["events"]:
        lemmas = set(fact["trigger_lemmas"])
        dated = [e for e in events if e["time"] and e["time"]["start"] and
                 e["time"]["start"] <= fact["date"] <= e["time"]["end"] and
                 (e["class"] in lemmas or any(m["trigger"].lower() in lemmas for m in e["mentions"]))]
        found.append(bool(dated))
    # The breach, the arrest and the historical flood must be found with their exact dates.
    names = [f["description"] for f in sample_truth["events"]]
    must = [i for i, n in enumerate(names) if any(k in n for k in ("breach", "arrest", "flood"))]
    assert all(found[i] for i in must), [names[i] for i in must if not found[i]]
    assert sum(found) >= len(found) // 2, dict(zip(names, found, strict=True))


def test_an_event_is_merged_across_outlets(sample_build) -> None:
    events = sample_build["export"]["events"]
    assert max(len(e["outlets"]) for e in events) >= 3


def test_places_are_geocoded_and_unknown_ones_stay_unplaced(sample_build, sample_truth) -> None:
    entities = {e["name"]: e for e in sample_build["export"]["entities"]}
    placed = [p for p in sample_truth["places"] if p in entities and entities[p]["geo"]]
    assert len(placed) >= 3, placed
    for name in sample_truth["unplaceable"]:
        if name in entities:
            assert entities[name]["geo"] is None


def test_outputs_are_written(sample_build) -> None:
    out = sample_build["out"]
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "[1]" in briefing and "Sources" in briefing
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "http://" not in html.split("<body", 1)[0]
