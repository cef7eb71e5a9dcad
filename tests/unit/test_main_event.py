"""An article's main event as it tells it (nlp/main_event.py), on records written by hand (no model)."""

from __future__ import annotations

import dataclasses

from eventmap.models import Article, Event, EventMention
from eventmap.nlp.main_event import mention_frame
from eventmap.nlp.salience import rank


def _m(summary: str, what: str, actors: tuple[str, ...] = (), place: str | None = None, *, mid: str = "m",
       article: str = "a", sentence: int = 0, lemma: str = "x", confidence: float = 0.9) -> EventMention:
    start = sentence * 100
    return EventMention(id=mid, article=article, sentence=sentence, sentence_text=summary, start=start,
                        end=start + 3, sentence_start=start, trigger=lemma, lemma=lemma, summary=summary,
                        what=what, actors=actors, place=place, confidence=confidence)


def test_who_is_the_subject_as_told_even_when_it_names_no_one() -> None:
    f = mention_frame(_m("The health ministry confirmed its first case of the virus",
                         "confirmed its first case of the virus"))
    assert f.who == "The health ministry"
    assert f.what == "confirmed its first case of the virus"
    assert mention_frame(_m("A former employee opened fire", "opened fire")).who == "A former employee"


def test_who_is_the_name_a_long_subject_ends_on_and_both_names_of_a_coordination() -> None:
    f = mention_frame(_m("Rovers striker Danny Okoye was arrested", "was arrested",
                         ("Danny Okoye", "Rovers")))
    assert f.who == "Danny Okoye"
    f = mention_frame(_m("Merkel and Macron signed the accord", "signed the accord", ("Merkel", "Macron")))
    assert f.who == "Merkel and Macron"


def test_a_thing_that_does_it_is_who_but_a_thing_done_to_gives_its_clauses_names() -> None:
    # as annotators write it: the quake struck, the ferry slammed into the pier
    assert mention_frame(_m("A strong earthquake struck Tonga", "struck Tonga", ("Tonga",))).who \
        == "A strong earthquake"
    assert mention_frame(_m("A passenger ferry slammed into a pier on a Greek island",
                            "slammed into a pier on a Greek island", ("Greek",))).who == "A passenger ferry"
    # a thing something is done to is no doer: the clause's names are
    signed = _m("The accord was signed during Okafor's visit", "was signed during Okafor's visit",
                ("Okafor",))
    assert mention_frame(signed).who == "Okafor"
    # someone else's thing, or a time, is no doer either
    assert mention_frame(_m("Its revenue rose 9% at Corvex", "rose 9% at Corvex", ("Corvex",))).who \
        == "Corvex"
    assert mention_frame(_m("Whose van was hit in Storm Ida", "was hit in Storm Ida", ("Storm Ida",))).who \
        == "Storm Ida"
    assert mention_frame(_m("The current quarter fell short for Corvex", "fell short for Corvex",
                            ("Corvex",))).who == "Corvex"
    # a name of the sentence outside the clause is not the doer, unless the title names it too
    m = _m("A packed tram came off the tracks", "came off the tracks", ("Commuters",))
    assert mention_frame(m).who == "A packed tram"
    assert mention_frame(m, ["Commuters"]).who == "A packed tram"
    assert mention_frame(_m("Tram", "came off the tracks", ("Commuters",)), ["Commuters"]).who == "Commuters"


def test_a_pronoun_subject_falls_back_to_the_named_participants() -> None:
    she = _m("She resigned on Tuesday", "resigned on Tuesday", ("Jane Holt",))
    assert mention_frame(she).who == "Jane Holt"
    assert mention_frame(_m("The annual fair", "The annual fair")).who == ""


def test_a_passive_with_an_agent_that_names_someone_is_told_as_the_agents_act() -> None:
    f = mention_frame(_m("The notice was issued by the council's finance director",
                         "was issued by the council's finance director"))
    assert (f.who, f.what) == ("the council's finance director", "issued the notice")
    f = mention_frame(_m("Halvex has been bought by Corvane", "has been bought by Corvane",
                         ("Corvane", "Halvex")))
    assert (f.who, f.what) == ("Corvane", "bought Halvex")
    # neither a measure nor a thing is an agent: the subject stays the who
    assert mention_frame(_m("Shares were cut by 2%", "were cut by 2%")).who == "Shares"
    assert mention_frame(_m("The mayor was elected by a landslide", "was elected by a landslide")).who \
        == "The mayor"


def test_where_is_the_mentions_own_place() -> None:
    assert mention_frame(_m("Floods hit Porto", "hit Porto", place="Porto")).where == "Porto"


def test_a_copy_takes_its_origins_main_event_and_frame() -> None:
    articles = [Article("a", "Council shuts bridge", "t", "One", published="2025-03-12"),
                Article("b", "Council shuts bridge", "t", "Two", published="2025-03-12")]
    ms = [_m("The council closed the bridge", "closed the bridge", place="Leeds", mid="c", lemma="close")]
    events = [Event("close", ms[0].summary, "close", None, (), None, ("c",), ("a",), ())]
    ranking = rank(events, {"c": ms[0]}, articles, {"b": "a"}, [], {}, {})
    assert ranking.main_event == {"a": "close", "b": "close"}
    assert ranking.main_frame["b"] == ranking.main_frame["a"]
    assert (ranking.main_frame["a"].what, ranking.main_frame["a"].where) == ("closed the bridge", "Leeds")


def test_the_export_frame_is_the_articles_own_not_the_merged_events() -> None:
    """Two outlets tell one arrest; each article's main event shows its own subject."""
    articles = [Article("a1", "Police arrest striker", "t", "One", published="2025-03-12"),
                Article("a2", "Footballer held after crash", "t", "Two", published="2025-03-12")]
    ms = [_m("Police arrested Rovers striker Danny Okoye", "arrested Rovers striker Danny Okoye",
             ("Police", "Danny Okoye"), mid="m1", article="a1", lemma="arrest"),
          _m("Officers held the footballer after a crash", "held the footballer after a crash",
             mid="m2", article="a2", lemma="hold")]
    event = Event("arrest", ms[0].summary, "arrest", None, ("ent_police", "ent_okoye", "ent_rovers"), None,
                  ("m1", "m2"), ("a1", "a2"), ())
    ranking = rank([event], {m.id: m for m in ms}, articles, {}, [], {}, {})
    assert ranking.main_event == {"a1": "arrest", "a2": "arrest"}
    assert ranking.main_frame["a1"].who == "Police"
    assert ranking.main_frame["a2"].who == "Officers"
    assert ranking.main_frame["a2"].what == "held the footballer after a crash"


def test_a_backdrop_in_the_progressive_tells_less_than_the_news_it_frames() -> None:
    from eventmap.nlp.main_event import telling

    assert telling(_m("A cyclist was riding home", "was riding home")) == 0.0
    assert telling(_m("Shoppers have been queuing for hours", "have been queuing for hours")) == 0.0
    assert telling(_m("A van struck a cyclist", "struck a cyclist")) == 1.0
    assert telling(_m("The morning ceremony", "The morning ceremony")) == 0.5
    # what came before the news, in the pluperfect, and a speaker's words in a quote lead
    assert telling(_m("Analysts had expected a loss", "had expected a loss")) == 0.0
    assert telling(_m("The bridge had been closed", "had been closed")) == 0.0
    quote = _m("It sounded like a train", "sounded like a train")
    assert telling(quote) == 1.0 and telling(dataclasses.replace(quote, quoted=True)) == 0.0
    # "A cyclist was riding home when a van struck her": the lead's news is the strike
    articles = [Article("a", "Rush-hour crash", "t", "One", published="2025-03-12")]
    ms = [_m("A cyclist was riding home", "was riding home", mid="ride", lemma="ride"),
          _m("A van struck a cyclist", "struck a cyclist", mid="strike", lemma="strike")]
    events = [Event(m.id, m.summary, m.lemma, None, (), None, (m.id,), ("a",), ()) for m in ms]
    assert rank(events, {m.id: m for m in ms}, articles, {}, [], {}, {}).main_event == {"a": "strike"}


def test_the_main_clause_tells_the_news_over_a_clause_under_it() -> None:
    """'Fourteen people were injured when a tram that had left the depot derailed': the injuries
    (main clause, depth 0) over the leaving told two clauses under it, though that is the surer
    mention of the sentence."""
    articles = [Article("a", "Rush-hour accident in Sheffield", "t", "One", published="2025-03-12")]
    text = "Fourteen people were injured when a tram that had left the depot derailed"
    injured = EventMention(id="m2", article="a", sentence=0, sentence_text=text, start=20, end=28,
                           sentence_start=0, trigger="injured", lemma="injure",
                           summary="Fourteen people were injured", what="were injured", confidence=0.9)
    left = EventMention(id="m1", article="a", sentence=0, sentence_text=text, start=50, end=54,
                        sentence_start=0, trigger="left", lemma="leave", summary="a tram had left the depot",
                        what="had left the depot", confidence=0.95, depth=2)
    events = [Event("a_injure", injured.summary, "injure", None, (), None, ("m2",), ("a",), ()),
              Event("z_leave", left.summary, "leave", None, (), None, ("m1",), ("a",), ())]
    ranking = rank(events, {"m1": left, "m2": injured}, articles, {}, [], {}, {})
    assert ranking.main_event == {"a": "a_injure"}
    assert ranking.main_frame["a"].what == "were injured"
    # depth alone decides here: the same clause told in the simple past (the pluperfect is backdrop)
    flat = {"m1": dataclasses.replace(left, depth=0, summary="a tram left the depot", what="left the depot"),
            "m2": injured}
    assert rank(events, flat, articles, {}, [], {}, {}).main_event == {"a": "z_leave"}


def test_clause_depth_counts_clauses_under_the_main_one_but_not_a_reporting_frame() -> None:
    from eventmap.nlp.events import clause_depth
    from eventmap.nlp.spacy_model import load_model

    nlp = load_model("en_core_web_sm")
    depth = {t.text: clause_depth(t)
             for t in nlp("Fourteen people were injured when a tram derailed, officials said.")}
    assert (depth["injured"], depth["derailed"]) == (0, 1)
    depth = {t.text: clause_depth(t) for t in nlp("Police said a man was stabbed outside a pub on Friday.")}
    assert depth["stabbed"] == 0
    depth = {t.text: clause_depth(t) for t in nlp("The council approved a plan to build a new bridge.")}
    assert (depth["approved"], depth["build"]) == (0, 1)


def test_the_title_says_who_when_the_headline_kept_only_a_modifier_of_the_subject() -> None:
    """'Rovers striker Danny Okoye was arrested' headlined 'Rovers was arrested': under a title that
    names him, who is Danny Okoye; a name after the trigger is no part of the subject."""
    text = "Rovers striker Danny Okoye was arrested on Saturday night."
    cut = EventMention(id="m", article="a", sentence=0, sentence_text=text, start=31, end=39,
                       sentence_start=0, trigger="arrested", lemma="arrest", summary="Rovers was arrested",
                       what="was arrested", actors=("Danny Okoye",))
    assert mention_frame(cut, ["Danny Okoye"]).who == "Danny Okoye"
    assert mention_frame(cut).who == "Rovers"  # no title names him: the headline's subject stands
    text = "The doctor visited Okoye at his home."
    after = EventMention(id="n", article="a", sentence=0, sentence_text=text, start=11, end=18,
                         sentence_start=0, trigger="visited", lemma="visit", summary="The doctor visited",
                         what="visited", actors=("Okoye",))
    assert mention_frame(after, ["Okoye"]).who == "The doctor"


def test_where_falls_back_to_the_wire_datelines_place_then_the_leads() -> None:
    from eventmap.export.json_export import _main_frame
    from eventmap.nlp.main_event import Frame

    info = {"ent_us": ("United States", "GPE")}
    said = Frame("Meridian Freight", "agreed to merge", "")
    # "NEW YORK, June 2 (Reuters) - Meridian Freight said it had agreed to merge ...": filed there
    assert _main_frame(said, "ent_us", info, "New York")["main_event_where"] == "New York"
    assert _main_frame(said, "ent_us", info, None)["main_event_where"] == "United States"
    # its own place first ("lifted off from Kourou")
    own = Frame("A rocket", "lifted off", "Kourou")
    assert _main_frame(own, None, info, "Paris")["main_event_where"] == "Kourou"
