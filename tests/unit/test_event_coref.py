"""The cross-document clustering core on hand-written mention records."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventmap.models import MergeEvidence, Timex
from eventmap.nlp.event_coref import NEWS, CorefPolicy, MentionRecord, class_key, cluster_records


def day(value: str) -> Timex:
    return Timex(value, 0, len(value), "DATE", value, value, value, "day")


def month(value: str) -> Timex:
    return Timex(value, 0, len(value), "DATE", value, f"{value}-01", f"{value}-30", "month")


def groups(records: list[MentionRecord], policy: CorefPolicy = NEWS) -> list[set[str]]:
    return [{records[i].id for i in c} for c in cluster_records(records, policy)]


def test_the_same_event_in_two_documents_merges() -> None:
    records = [
        MentionRecord("a1", "docA", "sign", actors=("ent_putin", "ent_nk"), time=day("2024-06-18"),
                      time_explicit=True),
        MentionRecord("b1", "docB", "signing", actors=("ent_putin",), time=month("2024-06"),
                      time_explicit=True),
    ]
    assert groups(records) == [{"a1", "b1"}]


def test_a_shared_specific_name_in_the_sentence_is_enough() -> None:
    # docA's parse found no actor, but its sentence names the same person docB's trigger has.
    filler = [MentionRecord(f"f{i}", "docC", "meet", actors=(f"ent_{i}",)) for i in range(30)]
    records = [MentionRecord("a1", "docA", "sign", context=("ent_putin",), time=day("2024-06-18"),
                             time_explicit=True),
               MentionRecord("b1", "docB", "sign", actors=("ent_putin",)), *filler]
    assert {"a1", "b1"} in groups(records)


def test_different_exact_days_never_merge() -> None:
    records = [
        MentionRecord("a1", "docA", "explode", actors=("ent_port",), time=day("2025-03-01"),
                      time_explicit=True),
        MentionRecord("b1", "docB", "explode", actors=("ent_port",), time=day("2025-03-04"),
                      time_explicit=True),
    ]
    assert groups(records) == [{"a1"}, {"b1"}]


def test_a_time_that_is_only_the_closest_of_its_sentence_does_not_rule_a_merge_out() -> None:
    """"Police said on March 4 that the port blast killed 12": March 4 is the statement's day; the
    blast's own day is another article's March 1. A time merely nearest the trigger is evidence,
    never a veto; the same day in the trigger's own phrase is one."""
    nearby = [
        MentionRecord("a1", "docA", "explode", actors=("ent_port",), time=day("2025-03-01"),
                      time_explicit=True),
        MentionRecord("b1", "docB", "explode", actors=("ent_port",), time=day("2025-03-04"),
                      time_explicit=True, time_nearby=True),
    ]
    assert groups(nearby) == [{"a1", "b1"}]


def test_different_participants_never_merge() -> None:
    records = [
        MentionRecord("a1", "docA", "arrest", actors=("ent_police", "ent_smith"), time=month("2025-03"),
                      time_explicit=True),
        MentionRecord("b1", "docB", "detain", actors=("ent_army", "ent_jones"), time=month("2025-03"),
                      time_explicit=True),
    ]
    assert class_key("arrest") == class_key("detain")
    assert groups(records) == [{"a1"}, {"b1"}]


def test_the_class_alone_is_not_enough_in_news_but_is_within_a_story_block() -> None:
    records = [MentionRecord("a1", "docA", "shoot", group="s1"), MentionRecord("b1", "docB", "shooting",
                                                                                 group="s1"),
               MentionRecord("c1", "docC", "shooting", group="s2")]
    assert groups(records) == [{"a1"}, {"b1"}, {"c1"}]
    assert groups(records, CorefPolicy(threshold=1.0)) == [{"a1", "b1"}, {"c1"}]


def test_hypothetical_mentions_stay_apart() -> None:
    records = [MentionRecord("a1", "docA", "invade", actors=("ent_x",)),
               MentionRecord("b1", "docB", "invade", actors=("ent_x",), hypothetical=True)]
    assert groups(records) == [{"a1"}, {"b1"}]


def test_a_later_mention_ties_two_earlier_clusters() -> None:
    # b1 has only its paragraph's date, a1 only its actor: b2 shares both and joins them.
    records = [
        MentionRecord("a1", "docA", "incursion", actors=("ent_ua",), time=month("2024-08"),
                      time_explicit=True),
        MentionRecord("b1", "docB", "incursion", time=day("2024-08-06")),
        MentionRecord("b2", "docB", "incursion", actors=("ent_ua",), time=day("2024-08-06")),
    ]
    assert groups(records) == [{"a1", "b1", "b2"}]


def test_order_of_clusters_follows_first_mentions() -> None:
    records = [MentionRecord("a1", "docA", "flood", place="ent_dao"),
               MentionRecord("a2", "docA", "resign", actors=("ent_ceo",)),
               MentionRecord("b1", "docB", "flood", place="ent_dao")]
    assert groups(records) == [{"a1", "b1"}, {"a2"}]


def test_reporting_verbs_need_more_than_their_class() -> None:
    records = [MentionRecord("a1", "docA", "say", group="s"), MentionRecord("b1", "docB", "say", group="s"),
               MentionRecord("c1", "docC", "say", actors=("ent_mayor",), group="s"),
               MentionRecord("d1", "docD", "say", actors=("ent_mayor",), group="s")]
    assert groups(records, CorefPolicy(threshold=1.0)) == [{"a1"}, {"b1"}, {"c1", "d1"}]


def test_vectors_merge_classes_that_mean_the_same() -> None:
    # "jolted" and "shook" are no family of the lexicon: only their vectors tell they mean the same.
    records = [MentionRecord("a1", "docA", "jolt", group="s"),
               MentionRecord("b1", "docB", "shake", group="s"),
               MentionRecord("c1", "docC", "fire", group="s")]
    vectors = [[1.0, 0.1], [0.9, 0.2], [0.0, 1.0]]
    policy = CorefPolicy(threshold=1.0, cross_class=0.9)
    assert [{records[i].id for i in c} for c in cluster_records(records, policy, vectors)] == [
        {"a1", "b1"}, {"c1"}]
    assert groups(records, CorefPolicy(threshold=1.0)) == [{"a1"}, {"b1"}, {"c1"}]


def test_api_clusters_given_mentions_and_ignores_texts_without_the_embedding_package(monkeypatch) -> None:
    from eventmap import api
    from eventmap.nlp import embeddings

    monkeypatch.setattr(embeddings, "encoder", lambda: None)
    records = [MentionRecord("a1", "docA", "jolt", group="s"),
               MentionRecord("b1", "docB", "shake", group="s")]
    policy = CorefPolicy(threshold=1.0, cross_class=0.5)
    assert api.cluster_mentions(records, policy=policy, texts=["jolted", "shook"]) == [["a1"], ["b1"]]


@pytest.mark.slow
def test_api_mention_records_parse_given_spans() -> None:
    from eventmap import api

    texts = {"a": "Rebels attacked the garrison in Tobruk on Monday, killing nine soldiers.",
             "b": "Nine soldiers died when rebels attacked a garrison in Tobruk.",
             "c": "Voters in Lisbon elected a new mayor on Sunday."}
    spans = [("a1", "a", 7, 15, None), ("b1", "b", 31, 39, None), ("c1", "c", 17, 24, None)]
    records = api.mention_records(texts, spans)
    assert [r.lemma for r in records] == ["attack", "attack", "elect"]
    assert records[0].place == records[1].place is not None  # Tobruk, as one id
    assert api.cluster_mentions(records) == [["a1", "b1"], ["c1"]]


def _random_records(n: int, seed: int) -> list[MentionRecord]:
    import random

    rng = random.Random(seed)
    lemmas, ents = ["attack", "meet", "sign", "say"], [f"ent_{i}" for i in range(12)]
    days = [day(f"2024-06-{d:02d}") for d in (1, 2, 3)]
    out = []
    for i in range(n):
        t = rng.choice([None, *days])
        out.append(MentionRecord(
            f"m{i}", f"doc{i // 5}", rng.choice(lemmas), actors=tuple(rng.sample(ents, rng.randint(0, 2))),
            context=tuple(rng.sample(ents, rng.randint(0, 2))), place=rng.choice([None, "ent_p1", "ent_p2"]),
            time=t, time_explicit=t is not None and rng.random() < 0.7, hypothetical=rng.random() < 0.05))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_extending_only_clusters_sharing_a_key_gives_the_same_result(seed: int) -> None:
    """What `eventmap add` relies on: clusters sharing no evidence key with the new records cannot
    take them, so loading only the others from the store changes nothing."""
    from eventmap.nlp.event_coref import common_entities, extend_clusters, shared_keys

    records = _random_records(160, seed)
    old, new = records[:120], records[120:]
    common = common_entities(old)
    clusters = [(f"evt{k}", [old[i] for i in c]) for k, c in enumerate(cluster_records(old))]
    wanted = {(r.event_class, key) for r in new if not r.hypothetical for key in shared_keys(r, common)}
    sharing = [(name, ms) for name, ms in clusters
               if any((m.event_class, key) in wanted for m in ms for key in shared_keys(m, common))]
    assert len(sharing) < len(clusters)
    assert extend_clusters(sharing, new, common) == extend_clusters(clusters, new, common)


def test_extend_clusters_joins_old_events_or_starts_new_ones() -> None:
    from eventmap.nlp.event_coref import extend_clusters

    old = [("evt_a", [MentionRecord("a1", "docA", "sign", actors=("ent_putin",))])]
    new = [MentionRecord("b1", "docB", "sign", actors=("ent_putin",)),  # shared actor: joins evt_a
           MentionRecord("b2", "docB", "sign", actors=("ent_kim",)),  # other actor: never merges
           MentionRecord("c1", "docC", "sign", actors=("ent_kim",), place="ent_seoul"),
           MentionRecord("c2", "docC", "sign", actors=("ent_putin",), hypothetical=True)]
    assert extend_clusters(old, new, frozenset()) == ["evt_a", 0, 0, 1]


# Same-lemma events at different times: the times come from the temporal tagger on sentences
# written for these tests, relative expressions resolved against each article's date.
def _charge(rid: str, doc: str, sentence: str, published: str, trigger: str = "charged") -> MentionRecord:
    from eventmap import api

    times = [t for t in api.tag_times(sentence, dct=published) if t.start]
    return MentionRecord(rid, doc, "charge", actors=("ent_fenwick",), time=times[0] if times else None,
                         time_explicit=bool(times), published=published)


def test_three_years_ago_is_not_this_weeks_charge() -> None:
    old = _charge("old", "docA", "Three years ago, Dario Fenwick was charged with fraud in Velmora.",
                  "2031-03-14")
    new = _charge("new", "docB", "Dario Fenwick was charged with fraud this week.", "2031-03-14")
    assert old.time is not None and old.time.value == "2028"
    assert groups([old, new]) == [{"old"}, {"new"}]


def test_an_undated_charge_is_not_one_from_years_before_its_article() -> None:
    # "Fenwick was charged" with no time of its own, in a 2031 report: not the 2028 charge.
    old = _charge("old", "docA", "Three years ago, Dario Fenwick was charged with fraud.", "2031-03-14")
    undated = _charge("undated", "docB", "Dario Fenwick was charged with fraud, prosecutors said.",
                      "2031-03-14")
    assert undated.time is None
    assert groups([old, undated]) == [{"old"}, {"undated"}]
    assert groups([undated, old]) == [{"undated"}, {"old"}]  # either way round
    # A recent explicit time and an undated mention of the same week's report do merge.
    recent = _charge("recent", "docC", "Dario Fenwick was charged with fraud on Tuesday.", "2031-03-14")
    assert {"undated", "recent"} in groups([undated, recent])


def test_charged_again_on_a_stated_date_is_not_the_earlier_conviction() -> None:
    first = _charge("first", "docA", "Dario Fenwick was charged with fraud on May 2, 2029.", "2029-05-03")
    again = _charge("again", "docB", "Dario Fenwick was charged again on July 23, 2031.", "2031-07-24")
    assert groups([first, again]) == [{"first"}, {"again"}]


def test_a_weekend_holds_its_friday_night() -> None:
    # "The deaths this weekend" (written on Sunday) counts Friday's fall; a Thursday stays outside.
    from eventmap.nlp.event_coref import times_compatible

    weekend = _charge("w", "docA", "Fenwick was charged this weekend.", "2031-03-16").time
    friday = _charge("f", "docB", "Fenwick was charged on Friday.", "2031-03-16").time
    thursday = _charge("t", "docC", "Fenwick was charged on Thursday.", "2031-03-16").time
    assert weekend is not None and weekend.value.endswith("-WE") and friday.value == "2031-03-14"
    assert times_compatible(weekend, friday) and times_compatible(friday, weekend)
    assert not times_compatible(weekend, thursday)


def test_compatible_specific_times_are_evidence() -> None:
    # "on Tuesday" lies in "last week": with a shared name in the sentence that is enough to merge,
    # and the evidence says which signals matched.
    from eventmap.nlp.event_coref import cluster_records

    a = _charge("a", "docA", "Fenwick was charged on Tuesday.", "2031-03-14")
    b = _charge("b", "docB", "Fenwick was charged last week.", "2031-03-17")
    a, b = (MentionRecord(r.id, r.doc, r.lemma, context=("ent_fenwick",), time=r.time,
                          time_explicit=r.time_explicit, published=r.published) for r in (a, b))
    assert a.time.granularity == "day" and b.time.granularity == "week"
    evidence: dict = {}
    assert [sorted(c) for c in cluster_records([a, b], NEWS, evidence=evidence)] == [[0, 1]]
    kinds = {s.kind for s in evidence[1].signals}
    assert kinds == {"class", "name", "time"} and evidence[1].score >= evidence[1].threshold


def test_merge_evidence_names_the_signals_of_each_join() -> None:
    from eventmap.nlp.event_coref import cluster_records

    signed = day("2024-06-18")
    records = [MentionRecord(rid, doc, "sign", actors=("ent_putin",), time=signed, time_explicit=True)
               for rid, doc in (("a1", "docA"), ("b1", "docB"))]
    evidence: dict = {}
    cluster_records(records, NEWS, evidence=evidence)
    assert list(evidence) == [1]
    signals = {(s.kind, s.value) for s in evidence[1].signals}
    assert {("actor", "ent_putin"), ("date", "2024-06-18")} <= signals
    assert evidence[1].score == 2.5 and evidence[1].mention == "b1"


def test_a_generic_verb_and_the_corpus_protagonist_alone_do_not_merge() -> None:
    # "Vance received an award" and "Vance received a sedative": in a corpus about Vance, the
    # shared actor says nothing for so light a verb; for "charged" it still counts.
    star = frozenset({"ent_vance"})
    award = MentionRecord("a", "docA", "receive", actors=("ent_vance",))
    drug = MentionRecord("b", "docB", "receive", actors=("ent_vance",))
    assert [sorted(c) for c in cluster_records([award, drug], NEWS, common=star)] == [[0], [1]]
    assert [sorted(c) for c in cluster_records([award, drug], NEWS, common=frozenset())] == [[0, 1]]
    one = MentionRecord("c", "docA", "charge", actors=("ent_vance",))
    two = MentionRecord("d", "docB", "charge", actors=("ent_vance",))
    assert [sorted(c) for c in cluster_records([one, two], NEWS, common=star)] == [[0, 1]]


# Synonyms split by event class: words of one family of general English are one class, found by
# lemma or by stem; a derivation the stemmer leaves apart ("explosion" / "explode") is joined.
def test_synonyms_and_derivations_share_a_class() -> None:
    for a, b in [("fraud", "embezzlement"), ("murder", "killing"), ("quake", "earthquake"),
                 ("heist", "robbery"), ("blaze", "fire"), ("convict", "guilty"), ("beat", "victory"),
                 ("explosion", "explode"), ("injury", "injure"), ("collision", "collide"),
                 ("kills", "kill"), ("dies", "death"),  # "Dies" in a title, lemmatized as itself
                 ("lose", "loss"), ("outage", "blackout"),
                 ("death", "killing")]:  # a killing told from the victim's side
        assert class_key(a) == class_key(b), (a, b)
    # A happening and what may follow it, or two kinds, stay apart.
    for a, b in [("shooting", "death"), ("charge", "conviction"), ("arrest", "escape"), ("lose", "victory")]:
        assert class_key(a) != class_key(b), (a, b)


def test_embezzlement_and_fraud_of_one_person_merge_in_news() -> None:
    records = [MentionRecord("a", "docA", "embezzle", actors=("ent_quillon",)),
               MentionRecord("b", "docB", "fraud", actors=("ent_quillon",)),
               MentionRecord("c", "docC", "fraud", actors=("ent_marbeck",))]
    assert groups(records) == [{"a", "b"}, {"c"}]


def test_the_death_of_a_named_victim_is_the_killing_another_report_tells() -> None:
    killed = MentionRecord("a", "docA", "kill", actors=("ent_halvard",))
    death = MentionRecord("b", "docB", "death", actors=("ent_halvard",))
    other = MentionRecord("c", "docC", "die", actors=("ent_ostrov",))
    assert groups([killed, death, other]) == [{"a", "b"}, {"c"}]


def test_found_guilty_is_a_conviction_and_passed_away_a_death() -> None:
    from eventmap.nlp.event_coref import phrase_class

    assert phrase_class("find", "guilty") == class_key("convict")
    assert phrase_class("pass", "away,") == class_key("die")
    assert phrase_class("check", "out") != class_key("check")
    assert phrase_class("find", "dead") == ""  # finding a body is its own happening
    assert phrase_class("find", "the") == ""
    # a dam that "gave way" collapsed; speakers "given three minutes" are not part of it
    assert phrase_class("give", "way") == class_key("collapse") != class_key("give")
    found = MentionRecord("a", "docA", "find", cls=phrase_class("find", "guilty"), actors=("ent_orrin",))
    convicted = MentionRecord("b", "docB", "convict", actors=("ent_orrin",))
    assert groups([found, convicted]) == [{"a", "b"}]


def test_pipeline_records_read_the_word_after_the_trigger() -> None:
    from eventmap.models import EventMention
    from eventmap.stages.merge import mention_records

    text = "A jury found Orrin Vale guilty on Monday. Vale was found guilty of theft."
    start = text.index("found guilty")
    m = EventMention("m1", "art1", 1, text[42:], start, start + 5, 42, "found", "find")
    record = mention_records([m], {})[0]
    assert record.event_class == class_key("convict")


def _said(rid: str, doc: str, sentence: str, published: str | None) -> MentionRecord:
    from eventmap import api

    times = [t for t in api.tag_times(sentence, dct=published) if t.start]
    time = times[-1] if times else None
    return MentionRecord(rid, doc, "die", actors=("ent_marsh",), time=time, time_explicit=time is not None,
                         published=published)


def test_a_decade_describing_a_participant_does_not_rule_a_merge_out() -> None:
    # "the 1970s chess champion ... has died" is not dated the 1970s: a decade never vetoes.
    old = _said("a", "docA", "Rosalind Marsh, the 1970s chess champion who ran a bakery, has died.", None)
    new = _said("b", "docB", "Rosalind Marsh died on Thursday at her home.", "2031-05-09")
    assert old.time is not None and old.time.granularity == "decade"
    assert groups([old, new]) == [{"a", "b"}]


def test_a_weekday_read_against_an_earlier_year_does_not_rule_a_merge_out() -> None:
    # With no article date, "Thursday" is read in 1976, the last year the text named: a guess.
    guess = _said("a", "docA", "Marsh won the national title in 1976. Marsh died early Thursday.", None)
    dated = _said("b", "docB", "Rosalind Marsh died on Thursday at her home.", "2031-05-09")
    assert guess.time is not None and guess.time.anchor == "narrative"
    assert groups([guess, dated]) == [{"a", "b"}]
    # Two firm days that differ still keep two deaths apart.
    other = _said("c", "docC", "Rosalind Marsh died on Thursday at her home.", "2031-05-23")
    assert groups([dated, other]) == [{"b"}, {"c"}]


def test_a_clock_time_on_the_day_its_text_stated_keeps_two_happenings_apart() -> None:
    # "... struck on Friday. ... It hit at 11.22am": the clock time takes Friday from the sentence
    # before (a narrative anchor), as sure as that day: ten days apart, two earthquakes.
    first = _said("a", "docA", "A quake struck Varosh on Friday. It hit at 11.22am local time.", "2031-03-14")
    second = _said("b", "docB", "A quake struck Kelund on Monday. It hit at 7.41am local time.", "2031-03-24")
    assert first.time is not None and first.time.granularity == "time" and first.time.anchor == "narrative"
    first, second = (replace(r, lemma="hit", actors=(), context=("ent_usgs",)) for r in (first, second))
    assert groups([first, second]) == [{"a"}, {"b"}]


def test_an_absolute_year_does_not_date_the_undated_mentions_of_later_reports() -> None:
    # A 2031 trial report's undated "the murder" tells the 2027 murder another article dates: the
    # horizon of undated mentions holds only against times measured back from the article's date
    # ("three years ago", test above), not against a year the text names.
    old = _said("a", "docA", "Tobin Vellor was convicted of the 2027 murder of a shopkeeper.", "2031-05-09")
    trial = _said("b", "docB", "Tobin Vellor stood trial for the murder, prosecutors said.", "2031-05-02")
    old, trial = (MentionRecord(r.id, r.doc, "murder", actors=r.actors, time=r.time,
                                time_explicit=r.time_explicit, published=r.published) for r in (old, trial))
    assert old.time is not None and old.time.anchor == "absolute" and trial.time is None
    assert groups([old, trial]) == [{"a", "b"}]


def test_a_generic_verb_and_a_shared_actor_months_apart_are_two_happenings() -> None:
    # "Vance gave a concert" in January and "Vance gave an interview" in June: a topic's actors
    # recur across months of coverage, so for so light a verb they count only near the first report.
    def groups(records: list[MentionRecord], policy: CorefPolicy = NEWS) -> list[set[str]]:
        # Vance is no corpus-wide protagonist here (``common`` empty): only the dates differ.
        return [{records[i].id for i in c} for c in cluster_records(records, policy, common=frozenset())]

    concert = MentionRecord("a", "docA", "give", actors=("ent_vance",), published="2031-01-05")
    days_later = MentionRecord("b", "docB", "give", actors=("ent_vance",), published="2031-01-09")
    interview = MentionRecord("c", "docC", "give", actors=("ent_vance",), published="2031-06-10")
    assert groups([concert, days_later, interview]) == [{"a", "b"}, {"c"}]
    # A specific verb's actor months later needs one more piece of evidence (``far_days``): the
    # trial report that names the court too is the same charge.
    charged = MentionRecord("d", "docD", "charge", actors=("ent_vance",), context=("ent_court",),
                            published="2031-01-05")
    trial = MentionRecord("e", "docE", "charge", actors=("ent_vance",), context=("ent_court",),
                          published="2031-06-10")
    assert groups([charged, trial]) == [{"d", "e"}]
    # With no bound, as before.
    assert groups([concert, interview], CorefPolicy(generic_window_days=None, far_days=None)) == [{"a", "c"}]


def test_months_apart_the_class_and_one_shared_name_are_chance() -> None:
    # A 2008 column's "Bush spent on the war" and a 2010 comment's "Bush spent his term on vacation":
    # across months of a topic, one shared actor is chance; within the fortnight it merges as before.
    def ids(records: list[MentionRecord]) -> list[set[str]]:
        return [{records[i].id for i in c} for c in cluster_records(records, NEWS, common=frozenset())]

    column = MentionRecord("a", "docA", "spend", actors=("ent_bush",), published="2028-10-02")
    comment = MentionRecord("b", "docB", "spend", actors=("ent_bush",), published="2030-06-20")
    next_week = MentionRecord("c", "docC", "spend", actors=("ent_bush",), published="2028-10-09")
    assert ids([column, comment]) == [{"a"}, {"b"}]
    assert ids([column, next_week]) == [{"a", "c"}]
    # undated reports are never far: the rule needs both days
    assert ids([column, replace(comment, published=None)]) == [{"a", "b"}]
    # the actor and the event's own date together still join a report written months later
    when = Timex("on 30 September", 0, 15, "DATE", "2028-09-30", "2028-09-30", "2028-09-30", "day")
    dated = [replace(column, time=when, time_explicit=True), replace(comment, time=when, time_explicit=True)]
    assert ids(dated) == [{"a", "b"}]
    evidence: dict[int, MergeEvidence] = {}
    cluster_records(dated, NEWS, common=frozenset(), evidence=evidence)
    assert ("far", -1.0) in [(s.kind, s.weight) for s in evidence[1].signals]


def test_two_leads_weeks_apart_in_two_stories_are_two_happenings() -> None:
    # "Valdoria has fired a missile into the sea" leads a report on 3 March and another on 2 April:
    # the same class, actor, names and place, but each lead tells its own days' news
    def ids(records: list[MentionRecord]) -> list[set[str]]:
        return [{records[i].id for i in c} for c in cluster_records(records, NEWS, common=frozenset())]

    march = MentionRecord("a", "docA", "fire", actors=("ent_valdoria",), context=("ent_navy",),
                          place="ent_sea", published="2031-03-03", story="s1", lead=True)
    april = MentionRecord("b", "docB", "fire", actors=("ent_valdoria",), context=("ent_navy",),
                          place="ent_sea", published="2031-04-02", story="s2", lead=True)
    assert ids([march, april]) == [{"a"}, {"b"}]
    # the April report's recall of the March launch, below its lead, may still join it
    assert ids([march, replace(april, lead=False)]) == [{"a", "b"}]
    # and so may two leads of one story, or a fortnight apart
    assert ids([march, replace(april, story="s1")]) == [{"a", "b"}]
    assert ids([march, replace(april, published="2031-03-10")]) == [{"a", "b"}]
    # or a lead that dates its event to the day the cluster's reports give ("fired on 3 March")
    on = Timex("on 3 March", 0, 10, "DATE", "2031-03-03", "2031-03-03", "2031-03-03", "day")
    dated = [replace(march, time=on, time_explicit=True), replace(april, time=on, time_explicit=True)]
    assert ids(dated) == [{"a", "b"}]


def test_a_flood_years_before_the_reports_is_history_not_their_news() -> None:
    # 2031 reports of a flood in Harrowby, undated; "Harrowby was also flooded in 2019" is history
    def ids(records: list[MentionRecord]) -> list[set[str]]:
        return [{records[i].id for i in c} for c in cluster_records(records, NEWS, common=frozenset())]

    y2019 = Timex("in 2019", 0, 7, "DATE", "2019", "2019-01-01", "2019-12-31", "year", anchor="absolute")
    news = MentionRecord("a", "docA", "flood", actors=("ent_harrowby",), published="2031-11-03")
    more = MentionRecord("b", "docB", "flood", actors=("ent_harrowby",), published="2031-11-04")
    past = MentionRecord("c", "docC", "flood", actors=("ent_harrowby",), published="2031-11-04",
                         time=y2019, time_explicit=True)
    assert ids([news, more, past]) == [{"a", "b"}, {"c"}]
    assert ids([past, news]) == [{"c"}, {"a"}]  # either way round
    # two reports' "in 2019" tell the same history; a trial two years on retells its crime
    assert ids([past, replace(past, id="d", doc="docD")]) == [{"c", "d"}]
    y2029 = replace(y2019, value="2029", start="2029-01-01", end="2029-12-31")
    assert ids([news, replace(past, time=y2029)]) == [{"a", "c"}]


def test_a_large_event_counts_only_evidence_its_reports_share() -> None:
    # Twelve reports of a rig explosion name BP and the Gulf; one of them also names the United
    # States. A flu death that names only the United States is not that event, though it shares
    # one name with one of its twelve reports; a report naming BP is.
    rig = [MentionRecord(f"r{i}", f"doc{i}", "killing", actors=("ent_bp",), context=("ent_gulf",),
                         published="2030-04-21") for i in range(12)]
    rig[3] = replace(rig[3], actors=("ent_bp", "ent_us"))
    flu = MentionRecord("flu", "docF", "killing", actors=("ent_us",), published="2030-04-25")
    late = MentionRecord("bp", "docG", "killing", actors=("ent_bp",), published="2030-04-26")
    clusters = cluster_records([*rig, flu, late], NEWS, common=frozenset())
    assert [len(c) for c in clusters] == [13, 1]
    assert 12 in clusters[1]
    # single link (support_share 0) takes the flu death in, as before
    single = cluster_records([*rig, flu, late], replace(NEWS, support_share=0.0), common=frozenset())
    assert [len(c) for c in single] == [14]
