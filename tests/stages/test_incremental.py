"""Incremental `add`: only new articles are parsed, the map is updated locally, untouched ids stay.

The sample corpus minus its last file (in walk order) is built, then that file is added. A full build
of the whole corpus (the session's ``sample_build``) ingests the files in the same order. Merge folds
the new mentions in the way the full pass takes them in, so both maps have the same events with the
same mentions and ids, and the same signal links; storylines, stories and disagreements are updated
around the new article only, so they may differ from a full recompute in what the new article joins.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings
from eventmap.errors import StoreError
from eventmap.pipeline.folding import WHOLE_CORPUS
from eventmap.store.sqlite import Store

LAST = "viseu-residents-meeting.txt"  # sorts last in the sample folder, so it is ingested last


@pytest.fixture(scope="module")
def incremental(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("incremental")
    corpus = tmp / "corpus"
    shutil.copytree(api.SAMPLE_CORPUS, corpus)
    held = tmp / "held"
    held.mkdir()
    shutil.move(corpus / LAST, held / LAST)
    settings = load_settings(db=str(tmp / "eventmap.db"))
    api.build([corpus], settings=settings, out=tmp / "out", progress=False)
    before = json.loads((tmp / "out" / "eventmap.json").read_text(encoding="utf-8"))
    summary = api.add([held / LAST], settings=settings, out=tmp / "out", progress=False)
    after = json.loads((tmp / "out" / "eventmap.json").read_text(encoding="utf-8"))
    return {"before": before, "after": after, "summary": summary, "db": tmp / "eventmap.db"}


def test_only_the_new_article_is_parsed(incremental) -> None:
    reports = {r.stage: r for r in incremental["summary"].reports}
    assert reports["ingest"].items == 1
    assert reports["annotate"].items == 1
    assert reports["extract"].detail.endswith("from 1 articles")
    assert len(incremental["after"]["articles"]) == len(incremental["before"]["articles"]) + 1


def test_untouched_events_and_storylines_keep_their_ids(incremental) -> None:
    before, after = incremental["before"], incremental["after"]
    new_article = ({a["id"] for a in after["articles"]} - {a["id"] for a in before["articles"]}).pop()
    after_events = {e["id"]: e for e in after["events"]}

    def mention_ids(e: dict) -> set[str]:
        return {m["id"] for m in e["mentions"]}

    untouched = [e for e in before["events"] if mention_ids(e) == mention_ids(after_events.get(e["id"], e))]
    assert len(untouched) >= 0.9 * len(before["events"])
    # Every old event is still there under its id (new mentions may join it, none leave it).
    for e in before["events"]:
        assert e["id"] in after_events, e["summary"]
        assert {m["id"] for m in e["mentions"]} <= {m["id"] for m in after_events[e["id"]]["mentions"]}
    assert any(new_article in e["articles"] for e in after["events"])
    after_lines = {s["id"]: set(s["events"]) for s in after["storylines"]}
    kept = [s for s in before["storylines"] if after_lines.get(s["id"]) == set(s["events"])]
    assert len(kept) >= 0.5 * len(before["storylines"]), "most storylines should keep id and events"


def test_add_gives_the_events_of_a_full_build(incremental, sample_build) -> None:
    full, after = sample_build["export"], incremental["after"]

    def events(export: dict) -> dict[str, frozenset[str]]:
        return {e["id"]: frozenset(m["id"] for m in e["mentions"]) for e in export["events"]}

    assert events(after) == events(full)
    assert {(lk["source"], lk["target"], lk["kind"]) for lk in after["links"] if lk["signal"] != "dates"} == {
        (lk["source"], lk["target"], lk["kind"]) for lk in full["links"] if lk["signal"] != "dates"}
    assert len(after["entities"]) == len(full["entities"])


def test_whole_corpus_stages_fold_in_only_the_new_article(incremental) -> None:
    reports = {r.stage: r for r in incremental["summary"].reports}
    assert "of 1 new articles" in reports["dedup"].detail
    assert "of 1 new articles" in reports["resolve"].detail
    assert "of 1 new articles" in reports["merge"].detail
    assert "events placed" in reports["link"].detail


def test_new_events_join_storylines_and_stories(incremental) -> None:
    before, after = incremental["before"], incremental["after"]
    new_article = ({a["id"] for a in after["articles"]} - {a["id"] for a in before["articles"]}).pop()
    old_lines = {s["id"]: set(s["events"]) for s in before["storylines"]}
    for s in after["storylines"]:  # an old storyline keeps its id and every event it had
        assert s["id"] not in old_lines or old_lines[s["id"]] <= set(s["events"])
    assert set(old_lines) <= {s["id"] for s in after["storylines"]}
    in_line = {e for s in after["storylines"] for e in s["events"]}
    told = [e for e in after["events"] if e["articles"] == [new_article]]
    assert told and sum(e["id"] in in_line for e in told) >= 0.5 * len(told)
    by_id = {e["id"]: e for e in after["events"]}
    for s in after["storylines"]:  # storylines stay in time order
        starts = [by_id[e]["time"]["start"] for e in s["events"] if by_id[e]["time"]]
        assert starts == sorted(starts)
    story = {a["id"]: a["story"] for a in after["articles"]}[new_article]
    assert story in {s["id"] for s in before["stories"]}, "the meeting report joins an existing story"


def test_a_copy_of_an_old_article_is_folded_in_as_a_copy(tmp_path: Path, incremental) -> None:
    """A verbatim repost added later is marked a copy of its origin locally; nothing is re-parsed."""
    db = tmp_path / "eventmap.db"
    shutil.copy(incremental["db"], db)
    settings = load_settings(db=str(db))
    before = api.load_export(db)
    origin = before["articles"][0]
    text = (api.SAMPLE_CORPUS / Path(origin["path"]).name).read_text(encoding="utf-8")
    repost = tmp_path / "repost.txt"
    repost.write_text(re.sub(r"(?m)^url: .*$", "url: https://reposter.example/story",
                             re.sub(r"(?m)^outlet: .*$", "outlet: Reposter Daily", text, count=1), count=1),
                      encoding="utf-8")
    summary = api.add([repost], settings=settings, out=tmp_path / "out", progress=False)
    reports = {r.stage: r for r in summary.reports}
    assert reports["annotate"].items == 0
    after = api.load_export(db)
    copy = next(a for a in after["articles"] if a["outlet"] == "Reposter Daily")
    assert copy["duplicate_of"] == origin["id"]
    assert {e["id"] for e in after["events"]} == {e["id"] for e in before["events"]}


def test_first_reports_and_what_was_known_on_a_date(incremental) -> None:
    after = incremental["after"]
    published = {a["id"]: a["published"] for a in after["articles"]}
    for e in after["events"]:
        assert e["reports"], e["summary"]
        assert e["first_reported"] == min(r["reported"] for r in e["reports"])
        assert len({r["outlet"] for r in e["reports"]}) == len(e["reports"])  # one row per outlet
        for r in e["reports"]:
            if r["source"] == "published":
                assert r["reported"] == published[r["article"]]
    day = "2025-03-13"
    known = api.known_on(incremental["db"], day)
    assert known["events"] and len(known["events"]) < len(after["events"])
    assert all(r["reported"] <= day for e in known["events"] for r in e["reports"])
    assert api.known_on(incremental["db"], "1990-01-01")["events"] == []


def test_add_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="eventmap build"):
        api.add([api.SAMPLE_CORPUS], settings=load_settings(db=str(tmp_path / "none.db")), progress=False)


def test_the_server_answers_what_was_known_on_a_date(incremental) -> None:
    from fastapi.testclient import TestClient

    from eventmap.web.server import CachedStoreLoader, create_app

    client = TestClient(create_app(CachedStoreLoader(incremental["db"])))
    day = "2025-03-13"
    served = client.get("/api/events", params={"known_on": day, "limit": 500}).json()
    direct = api.known_on(incremental["db"], day)["events"]
    assert served["total"] == len(direct) > 0
    assert [e["id"] for e in served["items"]] == [e["id"] for e in direct]
    assert all(e["first_reported"] <= day for e in served["items"])
    everything = client.get("/api/events", params={"limit": 500}).json()["total"]
    assert served["total"] < everything
    bad = client.get("/api/events", params={"known_on": "13/03/2025"})
    assert bad.status_code == 422 and "known_on" in bad.json()["error"]["message"]


def test_a_new_original_of_an_old_article_takes_its_place(tmp_path: Path, incremental) -> None:
    """A longer original of an old article makes the old one a copy: locally, its mentions leave
    their events (an event told only by it goes, with its links and storyline places) and the new
    article is folded in; events of the other articles keep their ids and mentions."""
    db = tmp_path / "eventmap.db"
    shutil.copy(incremental["db"], db)
    before = api.load_export(db)
    origin = before["articles"][0]
    text = (api.SAMPLE_CORPUS / Path(origin["path"]).name).read_text(encoding="utf-8")
    longer = re.sub(r"(?m)^url: .*$", "url: https://longer.example/story", text, count=1) + (
        "\n\nThe regional authority said further updates would follow once the water had receded and "
        "engineers had inspected every bridge on the road between the villages and the district capital.\n")
    original = tmp_path / "longer.txt"
    original.write_text(longer, encoding="utf-8")
    summary = api.add([original], settings=load_settings(db=str(db)), progress=False)
    reports = {r.stage: r for r in summary.reports}
    assert "1 old articles now copies" in reports["dedup"].detail
    assert "1 old articles taken out" in reports["merge"].detail
    after = api.load_export(db)
    new_id = next(a["id"] for a in after["articles"] if a["url"] == "https://longer.example/story")
    old = next(a for a in after["articles"] if a["id"] == origin["id"])
    assert old["duplicate_of"] == new_id and old["story"] is not None
    assert not any(origin["id"] in e["articles"] for e in after["events"])
    assert any(new_id in e["articles"] for e in after["events"])
    ids = {e["id"] for e in after["events"]}
    for e in before["events"]:
        if origin["id"] not in e["articles"]:
            assert e["id"] in ids
    assert all(lk["source"] in ids and lk["target"] in ids for lk in after["links"])
    assert all(x in ids for s in after["storylines"] for x in s["events"])
    assert all(c["article"] != origin["id"] for d in after["disagreements"] for c in d["claims"])
    with Store(db) as store:
        assert all(store.folded(stage) == store.max_seq() for stage in WHOLE_CORPUS)
        assert store.merged_copies() == [] and store.take_journal() == {
            "gone": set(), "shrunk": set(), "retracted": set()}


def test_an_add_stopped_between_stages_resumes_to_the_same_map(tmp_path: Path, incremental) -> None:
    """Each whole-corpus stage moves its mark with its own writes: an add killed after merge leaves
    link to fold the article in on the next run, and the map equals an add that ran through."""
    from eventmap.api import _run

    db = tmp_path / "eventmap.db"
    shutil.copy(incremental["db"], db)
    with Store(db) as store:  # back to the map before the held-out article was added
        assert store.folded("link") == store.max_seq()
    article = tmp_path / "extra.txt"
    article.write_text(
        "Engineers inspect the Penhascal spillway\n\nEngineers from the national laboratory inspected the "
        "damaged Penhascal Dam spillway in Valdornelas on Tuesday, two weeks after the breach, and said "
        "the Hidrocentro Energia repairs would take months. Residents of Viseu were told the evacuation "
        "order would stay in place.\n", encoding="utf-8")
    stopped = _run([article], settings=load_settings(db=str(db)), out=None, stop="merge", incremental=True)
    assert [r.stage for r in stopped.reports][-1] == "merge"
    with Store(db) as store:
        assert store.folded("merge") == store.max_seq() > store.folded("link")
    api.add([article], settings=load_settings(db=str(db)), out=tmp_path / "out", progress=False)
    resumed = api.load_export(db)

    once = tmp_path / "once.db"
    shutil.copy(incremental["db"], once)
    api.add([article], settings=load_settings(db=str(once)), out=tmp_path / "out2", progress=False)
    straight = api.load_export(once)
    for key in ("events", "links", "storylines", "disagreements", "stories"):
        assert resumed[key] == straight[key], key


def test_adding_more_than_the_local_share_recomputes_to_a_full_build(tmp_path: Path, sample_build) -> None:
    """Half the corpus added at once is past ``local_add_share``: the whole-corpus stages recompute,
    and the map is the full build's."""
    files = sorted(api.SAMPLE_CORPUS.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:len(files) // 2]), (second, files[len(files) // 2:])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    settings = load_settings(db=str(tmp_path / "eventmap.db"))
    api.build([first], settings=settings, out=tmp_path / "out", progress=False)
    summary = api.add([second], settings=settings, out=tmp_path / "out", progress=False)
    assert not any("new articles" in r.detail for r in summary.reports if r.stage in WHOLE_CORPUS)
    after, full = api.load_export(settings.db), sample_build["export"]
    assert [e["id"] for e in after["events"]] == [e["id"] for e in full["events"]]
    # Storylines: the same threads (a recompute hands old storyline ids on, so ids may differ).
    assert {frozenset(s["events"]) for s in after["storylines"]} == {
        frozenset(s["events"]) for s in full["storylines"]}
    assert after["disagreements"] == full["disagreements"]


def test_an_add_with_nothing_new_keeps_the_files(tmp_path: Path, incremental) -> None:
    """Re-adding articles already in the map (a feed polled again) changes nothing and rewrites no
    file; after `add --no-render` brought something new, the next add rewrites them."""
    db, out = tmp_path / "eventmap.db", tmp_path / "out"
    shutil.copy(incremental["db"], db)
    settings = load_settings(db=str(db))
    api.build([], settings=settings, out=out, start="summarize", progress=False)
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = api.add([api.SAMPLE_CORPUS / LAST], settings=settings, out=out, progress=False)
    assert {r.stage: r.detail for r in again.reports}["render"] == "map unchanged: files kept"
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written
    extra = tmp_path / "extra.txt"
    extra.write_text("Valley schools reopen after the Penhascal flood\n\nSchools in Valdornelas reopened on "
                     "Monday after engineers declared the buildings safe, the district council said, three "
                     "weeks after the Penhascal Dam breach flooded the valley.\n", encoding="utf-8")
    api.add([extra], settings=settings, out=out, progress=False, render=False)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written
    later = api.add([api.SAMPLE_CORPUS / LAST], settings=settings, out=out, progress=False)
    assert {r.stage: r.detail for r in later.reports}["render"].startswith("files ->")
    assert "Valley schools reopen" in (out / "eventmap.json").read_text(encoding="utf-8")


def test_records_of_other_code_are_recomputed_on_the_next_add(tmp_path: Path, incremental) -> None:
    """A store whose coreference records other code wrote (its records mark differs) gets merge and
    link recomputed by its next add, as a build would; the next add after that folds in locally."""
    from eventmap.pipeline.folding import records_code

    corpus, held = tmp_path / "corpus", tmp_path / "held"
    shutil.copytree(api.SAMPLE_CORPUS, corpus)
    held.mkdir()
    shutil.move(corpus / LAST, held / LAST)
    settings = load_settings(db=str(tmp_path / "eventmap.db"))
    api.build([corpus], settings=settings, out=None, progress=False)
    with Store(Path(settings.db)) as store, store.db:
        assert store.folded("records-code") == records_code()
        store.set_folded("records-code", records_code() ^ 1)  # as if written by other code
    summary = api.add([held / LAST], settings=settings, out=None, progress=False)
    reports = {r.stage: r for r in summary.reports}
    assert "new articles" in reports["resolve"].detail  # the other stages still fold in
    assert "new articles" not in reports["merge"].detail and "placed" not in reports["link"].detail
    after = api.load_export(settings.db)
    assert [e["id"] for e in after["events"]] == [e["id"] for e in incremental["after"]["events"]]
    with Store(Path(settings.db), readonly=True) as store:
        assert store.folded("records-code") == records_code()
