"""Event extraction on hand-written sentences: triggers, participants, modality, quantities, time."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.models import EventMention
from eventmap.nlp.events import extract_events
from eventmap.nlp.spacy_model import load_model
from eventmap.nlp.temporal import tag

pytestmark = pytest.mark.slow
DCT = date(2025, 3, 14)


def _events(text: str) -> list[EventMention]:
    doc = load_model("en_core_web_sm")(text)
    return extract_events("art_test", doc, tag(text, DCT))


def _find(mentions: list[EventMention], lemma: str) -> EventMention:
    found = [m for m in mentions if m.lemma == lemma]
    assert found, f"no {lemma!r} among {[m.lemma for m in mentions]}"
    return found[0]


def test_dated_event_with_actors_place_and_offsets() -> None:
    text = "Police arrested the dam's safety manager in Viseu on March 14, 2025."
    m = _find(_events(text), "arrest")
    assert text[m.start:m.end] == m.trigger == "arrested"
    assert m.time is not None and m.time.value == "2025-03-14" and not m.time_inherited
    assert m.place == "Viseu"
    assert m.modality == "asserted"
    assert m.summary.startswith("Police arrested")



@pytest.mark.parametrize(("text", "lemma", "place"), [
    # a place of a relative clause on a participant is where that clause happens: the rest of the
    # sentence first, the relative clause only when nothing else places it
    ("Relatives who live in Perth wept outside the court in Ipswich after the jury convicted the builder.",
     "convict", "Ipswich"),
    ("A driver who struck a cyclist in Leeds has been charged.", "charge", "Leeds"),
    ("The singer, who grew up in Dundee, won the award at a ceremony in Glasgow.", "win", "Glasgow"),
    # a name that only modifies a participant is no place
    ("A jury found a former Gold Coast bus driver guilty of fraud.", "find", None),
    # the rest of the sentence sets a trigger of a subordinate clause
    ("Relatives wept outside the courthouse in Ipswich after the jury convicted the builder.",
     "convict", "Ipswich"),
    # a name premodifying the preposition's object
    ("The probe landed near the Sea of Crises crater.", "land", "the Sea of Crises"),
    # a landmark is where things happen "on" it
    ("Two climbers died on Mount Aspiring on Sunday.", "die", "Mount Aspiring"),
    ("Floodwater spread across Lincolnshire overnight.", "spread", "Lincolnshire"),
])
def test_the_place_a_preposition_sets_the_event_in(text: str, lemma: str, place: str | None) -> None:
    assert _find(_events(text), lemma).place == place

def test_eventive_noun_with_a_named_participant() -> None:
    m = _find(_events("The Ukrainian incursion into Kursk began in August 2024."), "incursion")
    assert m.time is not None and m.time.value == "2024-08"


@pytest.mark.parametrize(("text", "lemma", "modality"), [
    ("The Pentagon claims that several thousand troops traveled to Russia last year.", "travel", "alleged"),
    ("Officials denied that the company evacuated 40 workers before the collapse.", "evacuate", "denied"),
    ("Neither the company nor the agency has confirmed that workers were evacuated.", "evacuate", "denied"),
    ("The dam could collapse if the rain continues through April.", "collapse", "hypothetical"),
    ("Parliament will hold hearings on the disaster next month.", "hold", "planned"),
    ("The minister plans to visit Coimbra on Friday.", "visit", "planned"),
    ("According to local sources, the army shelled the village on Monday.", "shell", "reported"),
    ("A workshop planned for Lisbon was cancelled in 2019.", "cancel", "asserted"),
])
def test_modality(text: str, lemma: str, modality: str) -> None:
    assert _find(_events(text), lemma).modality == modality


def test_attributed_claims_keep_their_source() -> None:
    m = _find(_events("The Pentagon claims that North Korean troops were deployed to Kursk in November."),
              "deploy")
    assert m.modality == "alleged" and m.source == "The Pentagon"


def test_quantities_are_structured() -> None:
    m = _find(_events("Officials said more than 10,000 troops were deployed to the region in 2024."),
              "deploy")
    [q] = [q for q in m.quantities if q.unit == "troop"]
    assert (q.value, q.low, q.high, q.qualifier) == (10000, 10000, None, "more than")


def test_quantity_unit_is_the_counted_noun_not_the_next_word() -> None:
    m = _find(_events("Officials said over 60 North Korean ballistic missiles were fired at Kyiv in "
                      "2024."), "fire")
    [q] = m.quantities
    assert (q.value, q.unit, q.qualifier) == (60, "missile", "over")


def test_rates_and_list_items_lend_their_numbers_to_the_lead_sentence() -> None:
    text = ("Moscow reportedly paid the militia in 2024 through two channels:\n\n"
            "  • Cash: $1,500 USD per fighter, per week.\n\n"
            "  • Fuel shipments.\n\nA separate paragraph follows.")
    m = _find(_events(text), "pay")
    money = [q for q in m.quantities if q.unit and q.unit.startswith("USD")]
    assert [(q.value, q.unit) for q in money] == [(1500, "USD per fighter per week")]


def test_a_clock_time_passes_its_day_on_to_the_next_sentences() -> None:
    text = "The dam failed at 3 p.m. on March 12, 2025. Rescuers evacuated the village."
    evac = _find(_events(text), "evacuate")
    assert evac.time is not None and evac.time_inherited
    assert (evac.time.type, evac.time.value, evac.time.granularity) == ("DATE", "2025-03-12", "day")


def test_light_verbs_and_undated_ordinary_verbs_are_not_events() -> None:
    """Not map events: a light verb is never extracted; an undated one carrying no event stays below
    the map's confidence (nlp/eventness.py) when it is kept as a mention at all."""
    mentions = _events("The report seems long. Speakers were given three minutes each.")
    assert not {m.lemma for m in mentions} & {"seem", "be"}
    assert all(m.confidence < 0.5 for m in mentions if m.lemma == "give")


def test_a_verdict_and_what_a_timed_take_measures_are_happenings() -> None:
    # "found X guilty": a verdict, not a frame around the clause "X guilty"
    found = _find(_events("A jury has found a former Tarrow estate agent guilty of murdering his partner."),
                  "find")
    assert found.confidence >= 0.5
    # "took three days to convict": the conviction happened; "took" only measures it
    mentions = _events("The jury took three days to convict Dean Marsh of the murder of Ana Vell.")
    assert _find(mentions, "convict").confidence >= 0.5
    assert all(m.confidence < 0.5 for m in mentions if m.lemma == "take")
    # finding a thing is no verdict
    finding = _find(_events("Investigators found that the pilot had ignored the warnings."), "find")
    assert finding.confidence < 0.5


def test_a_lead_in_the_present_perfect_tells_a_happening() -> None:
    # "has been jailed": no date, no name, no word of the event lexicon, yet a news lead's happening
    # (it ranked below its subject's relative clause, "who stole £40,000", and fell off the map)
    ms = _events("A care worker who stole £40,000 from a pensioner has been jailed for four years.")
    assert _find(ms, "jail").confidence >= 0.5


def test_a_habit_told_as_a_series_of_infinitives_is_not_an_event() -> None:
    # "used to drive ..., open the boot, and empty a bucket": "open" parsed as a conjunct of "used"
    # shares no tense with it; the habit is background, not a happening
    ms = _events("Her father used to drive the old van to the beach, open the doors, and unload the nets.")
    assert all(m.confidence < 0.5 for m in ms if m.lemma in ("drive", "open", "unload"))


def test_a_town_the_model_does_not_know_is_the_events_place() -> None:
    # "Portmarnock" untagged, "Taylor" tagged a person: after "at" / "in" the trigger, a one-word
    # name is where it happened; a two-word person is not
    won = _find(_events("Ciaran Mulvey won the Irish Open at Portmarnock on Sunday."), "win")
    assert won.place == "Portmarnock"
    assert _find(_events("A tornado touched down in Taylor on Saturday night."), "touch").place == "Taylor"
    assert _find(_events("The minister confided in Sarah Jones on Monday."), "confide").place is None


def test_time_is_inherited_within_a_paragraph_only() -> None:
    text = ("On March 12, 2025, the spillway collapsed. Rescuers evacuated the village.\n\n"
            "Engineers inspected the dam.")
    mentions = _events(text)
    evac = _find(mentions, "evacuate")
    assert evac.time is not None and evac.time.value == "2025-03-12" and evac.time_inherited
    inspect = [m for m in mentions if m.lemma == "inspect"]
    assert all(m.time is None for m in inspect)


def test_destination_of_an_event_noun_is_not_its_actor() -> None:
    # The light verb's subject is the visitor; the place visited is the place, not a second actor,
    # and the appositive "the first visit" is the same visit with the same participants.
    text = "In June 2024, Putin made a historic visit to North Korea—the first visit in 24 years."
    visits = [m for m in _events(text) if m.lemma == "visit"]
    assert len(visits) == 2
    assert all(m.actors == ("Putin",) for m in visits), [m.actors for m in visits]
    assert visits[0].place == "North Korea"


def test_a_visit_and_troops_travelling_do_not_share_an_actor() -> None:
    troops = _find(_events("Several thousand North Korean troops traveled to Russia in June 2024."), "travel")
    visit = _find(_events("Putin made a state visit to North Korea in June 2024."), "visit")
    assert not set(troops.actors) & set(visit.actors), (troops.actors, visit.actors)



def test_an_event_noun_takes_its_participants_from_the_clause_not_the_sentences_names() -> None:
    # "In a raid, X did Y": the clause's subject did the raid; the region it targets is no actor.
    raid = _find(_events("In a dawn raid on May 2, 2025, Veldish commandos seized the Arvanian port of "
                         "Kessa Bay."), "raid")
    assert raid.actors == ("Veldish",), raid.actors
    # "The strike hit X": what a subject event noun hits is its target, never its actor.
    strike = _find(_events("One such strike hit the Arvanian Ministry of Defence in Kessa."), "strike")
    assert "the Arvanian Ministry of Defence" not in strike.actors, strike.actors
    assert "the Arvanian Ministry of Defence" in strike.patients, strike.patients

def test_an_event_extraction_crash_on_one_article_is_a_rejection_row_not_a_failed_build(
        tmp_path, monkeypatch) -> None:
    """A parse no rule foresaw costs that article its events (its times are kept), says so in a
    rejection row, and the build goes on with the other articles."""
    from eventmap import api
    from eventmap.config import load_settings
    from eventmap.stages import extract

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Bridge reopens\n\nThe county reopened the old stone bridge over the Arrin on Monday, June 17, "
        "2024, after engineers repaired its central arch, officials said.\n", encoding="utf-8")
    (corpus / "odd.txt").write_text(
        "Ferry halted\n\nThe river ferry at Lower Arrin stopped running on June 18, 2024 after its "
        "winch broke, QUIRK, and commuters queued for the bus, officials said.\n", encoding="utf-8")
    real = extract.extract_events

    def fragile(article_id, doc, timexes, text=None):
        if "QUIRK" in (text or doc.text):
            raise IndexError("a parse no rule foresaw")
        return real(article_id, doc, timexes, text)

    monkeypatch.setattr(extract, "extract_events", fragile)
    db = tmp_path / "m.db"
    api.build([corpus], settings=load_settings(db=str(db)), out=tmp_path / "out", progress=False)
    rows = [r for r in api.status(db)["rejections"] if r["stage"] == "extract"]
    assert len(rows) == 1 and rows[0]["item"] == "odd.txt"
    assert "event extraction failed (IndexError" in rows[0]["reason"]
    export = api.load_export(db)
    assert export["stats"]["articles"] == 2 and export["events"]
    odd = next(a["id"] for a in export["articles"] if a["path"] == "odd.txt")
    assert not any(m["article"] == odd for e in export["events"] for m in e["mentions"])


def test_a_date_inside_another_verbs_clause_does_not_date_the_event() -> None:
    # "2022" dates the closure, in a relative clause of the subject; the sentencing is Wednesday's
    # (DCT is Friday 14 March 2025), though "2022" stands nearer the trigger.
    for text in ("On Wednesday, the owner of a Leeds bakery that closed in 2022 was sentenced to four years.",
                 "The owner of a Leeds bakery that closed in 2022 was sentenced Wednesday to four years."):
        m = _find(_events(text), "sentence")
        assert m.time is not None and m.time.value == "2025-03-12", text
        assert _find(_events(text), "close").time.value == "2022"


def test_a_date_in_a_coordinated_clause_with_its_own_subject_is_that_clauses() -> None:
    # "May 2023" is the charge's; the collapse, told in the first clause, is left undated, not May's
    text = "The chain collapsed a month later, and its founder was charged in May 2023."
    ms = _events(text)
    assert _find(ms, "charge").time.value == "2023-05"
    assert _find(ms, "collapse").time is None
    # a clause sharing its subject keeps the date ("was arrested and charged on Monday")
    both = _events("The driver was arrested and charged on Monday.")
    assert _find(both, "arrest").time.value == _find(both, "charge").time.value == "2025-03-10"


def test_direct_speech_is_marked_quoted() -> None:
    # a speaker's words (a quotation opened before the trigger, or one that ran on from the sentence
    # before and closes after it) rank below what the report itself tells (nlp/salience.QUOTED_FACTOR)
    text = ('Dunmore lost 3-0 at Harlow on Friday, and Ian Cole admitted his side had "come down to earth". '
            '"We were beaten by a better side on the night.')
    ms = _events(text)
    assert not _find(ms, "lose").quoted
    assert _find(ms, "come").quoted and _find(ms, "beat").quoted


def test_how_the_press_came_by_a_document_is_no_happening() -> None:
    # "a memo reviewed by the Herald": the memo's content is the news, not the reviewing
    mentions = _events("In the memo, which was reviewed by the Herald, Ms Dorn said the firm would cut "
                       "900 jobs.")
    assert all(m.confidence < 0.5 for m in mentions if m.lemma == "review")
    seen = _events("Emails seen by the Courier show the council delayed the repairs.")
    assert all(m.confidence < 0.5 for m in seen if m.lemma == "see")
