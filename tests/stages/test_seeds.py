"""Acceptance checks on the user's own example (../shared/seeds); skipped where it is absent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _article(export: dict, prefix: str) -> dict:
    return next(a for a in export["articles"] if a["path"].startswith(prefix))


def test_repost_is_a_contained_copy(seed_export) -> None:
    stats = seed_export["stats"]
    assert (stats["articles"], stats["unique_articles"], stats["independent_origins"]) == (3, 2, 2)
    original, repost = _article(seed_export, "000_"), _article(seed_export, "001_")
    assert repost["duplicate_of"] == original["id"] and repost["duplicate_kind"] == "contained"


def test_newsletter_date_is_inferred(seed_export) -> None:
    briefing = _article(seed_export, "002_")
    assert (briefing["published"], briefing["published_source"]) == ("2024-12-03", "inferred")


@pytest.mark.parametrize("day", ["2024-06-18", "1953-07-27"])
def test_events_carry_the_dates_the_articles_state(seed_export, day) -> None:
    assert any(e["time"] and e["time"]["value"] == day for e in seed_export["events"]), day


# --- issue 3: dates, modality and quantities the articles state ---------------------------------


def _mention_events(export: dict, trigger: str, needle: str) -> list[dict]:
    """Events with a mention of ``trigger`` in a sentence containing ``needle``."""
    return [e for e in export["events"] for m in e["mentions"]
            if m["trigger"].lower() == trigger and needle in m["sentence"]]


@pytest.mark.parametrize("trigger,needle,value", [
    ("signed", "state visit to the DPRK on June 18, 2024", "2024-06-18"),
    ("ratified", "ratified in November", "2024-11"),
    ("taking", "taking full effect on December 4, 2024", "2024-12-04"),
    ("deportation", "1937 deportation", "1937"),
    ("signed", "an armistice was signed", "1953-07-27"),
    ("launched", "Kursk Oblast", "2024-08-06"),
])
def test_events_are_dated_as_stated(seed_export, trigger, needle, value) -> None:
    events = _mention_events(seed_export, trigger, needle)
    assert events, (trigger, needle)
    assert all(e["time"] and e["time"]["value"] == value for e in events), [
        e["time"] for e in events]


def test_migrants_in_the_1860s_are_a_decade(seed_export) -> None:
    (event, *_) = _mention_events(seed_export, "sought", "1860s")
    t = event["time"]
    assert (t["value"], t["start"], t["end"], t["granularity"]) == (
        "186X", "1860-01-01", "1869-12-31", "decade")


def test_pentagon_troop_claim_is_alleged(seed_export) -> None:
    mentions = [m for e in _mention_events(seed_export, "traveled", "Pentagon claims")
                for m in e["mentions"] if "Pentagon claims" in m["sentence"]]
    assert mentions and {m["modality"] for m in mentions} == {"alleged"}
    assert {m["time_text"] for m in mentions if m["trigger"] == "traveled"} == {"earlier this year"}


def test_earlier_this_year_without_publication_date_is_2024_approximate(seeds_dir) -> None:
    """The opinion piece has no date line: "earlier this year" is read against the last date the
    article gave (December 4, 2024), as an approximate year."""
    from eventmap.nlp.events import extract_events
    from eventmap.nlp.spacy_model import load_model
    from eventmap.nlp.temporal import tag

    text = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    timexes = tag(text, None)
    (t,) = [t for t in timexes if t.text.lower() == "earlier this year"]
    assert (t.value, t.start, t.approximate) == ("2024", "2024-01-01", True)
    doc = load_model("en_core_web_sm")(text)
    (m,) = [m for m in extract_events("a", doc, timexes)
            if m.lemma == "travel" and "Pentagon" in m.sentence_text]
    assert (m.time.value, m.time.approximate, m.modality) == ("2024", True, "alleged")


@pytest.mark.parametrize("needle,text,value,unit,qualifier", [
    ("more than 10,000 troops", "more than 10,000", 10000.0, "troop", "more than"),
    ("over 60 North Korean KN-23", "60", 60.0, "missile", "over"),
    ("compensated North Korea", "$2,000", 2000.0, "USD per soldier per month", None),
    ("several thousand DPRK troops", "several thousand", None, "troop", None),
])
def test_quantities_are_numbers_with_units(seed_export, needle, text, value, unit, qualifier) -> None:
    found = [q for e in seed_export["events"] for m in e["mentions"] if needle in m["sentence"]
             for q in m["quantities"] if q["text"].startswith(text)]
    assert found, needle
    assert {(q["value"], q["unit"], q["qualifier"]) for q in found} == {(value, unit, qualifier)}


# --- issue 4: one event, many outlets ------------------------------------------------------------


def _paths(export: dict, event: dict) -> set[str]:
    paths = {a["id"]: a["path"][:3] for a in export["articles"]}
    return {paths[m["article"]] for m in event["mentions"]}


@pytest.mark.parametrize("cls,month", [("signing", "2024-06"), ("invasion", "2024-08")])
def test_treaty_signing_and_kursk_incursion_are_one_event_each(seed_export, cls, month) -> None:
    """The June 2024 treaty signing and the August 2024 Kursk incursion, told by the opinion piece
    (000) and the newsletter (002), are each one event with mentions from both; the repost (001)
    is a copy and adds none."""
    events = [e for e in seed_export["events"] if e["class"] == cls and e["time"]
              and e["time"]["value"].startswith(month)]
    assert len(events) == 1, [(e["summary"], e["time"]["value"]) for e in events]
    assert _paths(seed_export, events[0]) == {"000", "002"}


def test_events_on_different_dates_stay_apart(seed_export) -> None:
    """The 1953 armistice signing is not the 2024 treaty signing, whatever the shared verb."""
    signings = [e for e in seed_export["events"] if e["class"] == "signing" and e["time"]]
    days = [e["time"]["value"] for e in signings]
    assert "1953-07-27" in days and any(d.startswith("2024-06") for d in days)


@pytest.mark.parametrize("name", ["Pyongyang", "Kursk", "Seoul"])
def test_places_have_coordinates(seed_export, name) -> None:
    (entity,) = [e for e in seed_export["entities"] if e["name"] == name]
    assert entity["geo"] and entity["geo"]["lat"] and entity["geo"]["lon"]


def test_the_two_originals_are_one_story_and_the_repost_joins_it(seed_export) -> None:
    stories = {a["path"][:3]: a["story"] for a in seed_export["articles"]}
    assert stories["000"] == stories["001"] == stories["002"]
    (story,) = [s for s in seed_export["stories"] if s["id"] == stories["000"]]
    assert len(story["articles"]) == 2 and "North Korea" in story["label"]


def test_troops_travelling_is_not_merged_into_putins_visit(seed_export) -> None:
    def event_of(needle: str, trigger: str) -> dict:
        return next(e for e in seed_export["events"] for m in e["mentions"]
                    if needle in m["sentence"] and m["trigger"] == trigger)

    travel = event_of("Pentagon claims", "traveled")
    visit = event_of("state visit", "visit")
    assert travel["id"] != visit["id"]
    assert travel["time"]["value"] == "2024" and travel["time"]["approximate"]


# --- issue 13: events worth mapping ---------------------------------------------------------------

_FUNCTION_WORDS = frozenset("""a an the and or but nor to of in on at by for from with without into over as
than that which who whose its their his her this these those not""".split())
_CHROME = ("forwarded to you", "click here", "subscribe", "participate", "sign up", "opens in new window")


def _default_events(export: dict) -> list[dict]:
    return [e for e in export["events"] if e["salient"]]


def test_the_default_map_holds_at_most_60_events(seed_export) -> None:
    default = _default_events(seed_export)
    assert 0 < len(default) <= 60
    assert len(default) == seed_export["stats"]["salient_events"]
    # ... and they are the most salient ones
    cutoff = min(e["salience"] for e in default)
    assert all(e["salience"] <= cutoff for e in seed_export["events"] if not e["salient"])


def test_every_default_headline_reads_as_a_headline(seed_export) -> None:
    from eventmap.nlp import lexicon
    from eventmap.nlp.spacy_model import load_model

    nlp = load_model("en_core_web_sm")
    problems = []
    for e in _default_events(seed_export):
        headline = e["headline"]
        doc = nlp(headline)
        words = [t.lower_ for t in doc if t.is_alpha]
        finite = any("Fin" in t.morph.get("VerbForm") for t in doc)
        event_noun = any(t.lemma_.lower() in lexicon.EVENT_NOUNS for t in doc)
        if not headline[:1].isupper():
            problems.append(("not capitalised", headline))
        if not (finite or event_noun):
            problems.append(("no finite verb or event noun", headline))
        if words and words[-1] in _FUNCTION_WORDS:
            problems.append(("ends in a function word", headline))
        if any(a == b for a, b in zip(words, words[1:], strict=False)):
            problems.append(("repeated word", headline))
    assert not problems, problems


@pytest.mark.parametrize("headline", [
    "The treaty was signed during Vladimir Putin’s state visit to the DPRK",
    "The treaty was ratified",
    "The treaty took full effect",
    "Putin made a historic visit to North Korea",
    "North Korean troops were deployed to Russia",
    "Several thousand DPRK troops traveled to Russia",
    "The Ukrainian incursion into Kursk",
    "Russia launched a full-scale invasion of Ukraine",
    "Ukraine has reclaimed some territory",
    "Ukraine has employed British-made Storm Shadow missiles",
    "Russia and China conducted a joint military exercise",
    "The Korean People’s Army launched a surprise attack on South Korea",
    "President Yoon Suk Yeol of South Korea has declared emergency martial law",
])
def test_seed_headlines(seed_export, headline) -> None:
    assert headline in {e["headline"] for e in _default_events(seed_export)}


def test_no_reporting_frame_or_chrome_events(seed_export) -> None:
    from eventmap.nlp import lexicon

    frames = lexicon.REPORTING_VERBS | lexicon.ALLEGING_VERBS
    for e in seed_export["events"]:
        assert e["class"] not in frames or any(m["trigger"].lower() in ("announced", "confirmed")
                                               for m in e["mentions"]), e["headline"]
        assert not e["headline"].lower().startswith(("reports indicate", "reports suggest")), e["headline"]
        for m in e["mentions"]:
            assert not any(c in m["sentence"].lower() for c in _CHROME), m["sentence"]


def test_reported_troop_numbers_keep_their_source(seed_export) -> None:
    """"Reports indicate that more than 10,000 troops ... have been deployed": the deployment is the
    event, reported, with "Reports" as its source; the frame itself is no event."""
    (m,) = [m for e in seed_export["events"] for m in e["mentions"]
            if m["trigger"] == "deployed" and "more than 10,000" in m["sentence"]]
    assert (m["modality"], m["source"]) == ("reported", "Reports")


def test_every_article_has_a_main_event_and_dated_events_say_where_their_time_is_from(seed_export) -> None:
    events = {e["id"]: e for e in seed_export["events"]}
    main = {a["path"][:3]: events[a["main_event"]] for a in seed_export["articles"]}
    assert set(main) == {"000", "001", "002"}
    assert main["000"]["class"] == "signing" and main["000"]["time"]["value"] == "2024-06-18"
    assert main["001"]["id"] == main["000"]["id"]  # the repost is about what its original is about
    # the newsletter is about the troops, not about its own doings ("Our technology mapped events")
    assert main["002"]["salient"] and "technology" not in main["002"]["headline"].lower()
    dated = [e for e in _default_events(seed_export) if e["time"] and e["time"].get("start")]
    assert len(dated) >= 21
    assert {e["time"]["source"] for e in seed_export["events"] if e["time"]} <= {"text", "publication"}
    assert all(0.0 <= e["salience"] <= 1.0 for e in seed_export["events"])


def test_years_come_from_the_text_that_states_them(seed_export) -> None:
    """"The collapse of the Soviet Union in 1992 ..." does not date what Russia did "in the first
    years of the post-Soviet era" and after; an event dated 1994 has 1994 in its sentence."""
    events = seed_export["events"]
    partnership = [e for e in events if "Partnership for Peace" in e["headline"]]
    assert partnership and all((e["time"] or {}).get("value") != "1992" for e in partnership)
    for e in events:
        if (e["time"] or {}).get("value") == "1994":
            assert any("1994" in m["sentence"] for m in e["mentions"]), e["headline"]
