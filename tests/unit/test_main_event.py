"""An article's main event as it tells it (nlp/main_event.py), on records written by hand (no model)."""

from __future__ import annotations

from eventmap.models import Article, Event, EventMention
from eventmap.nlp.main_event import Candidate, choose, mention_frame
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


def test_a_thing_as_subject_gives_the_names_its_clause_or_its_title_holds() -> None:
    assert mention_frame(_m("A strong earthquake struck Tonga", "struck Tonga", ("Tonga",))).who == "Tonga"
    # a name of the sentence outside the clause is not the doer, unless the title names it too
    m = _m("A packed tram came off the tracks", "came off the tracks", ("Commuters",))
    assert mention_frame(m).who == "A packed tram"
    assert mention_frame(m, ["Commuters"]).who == "Commuters"


def test_a_pronoun_subject_falls_back_to_the_named_participants() -> None:
    she = _m("She resigned on Tuesday", "resigned on Tuesday", ("Jane Holt",))
    assert mention_frame(she).who == "Jane Holt"
    assert mention_frame(_m("The annual fair", "The annual fair")).who == ""


def test_where_is_the_mentions_own_place() -> None:
    assert mention_frame(_m("Floods hit Porto", "hit Porto", place="Porto")).where == "Porto"


def test_choose_takes_the_best_mention_and_its_frame_and_a_copy_takes_its_origins() -> None:
    lead = Candidate("e1", "a", 0, 0.0, True, 0.6, 0.3, ("Police", "arrested two men", ""))
    titled = Candidate("e2", "a", 1, 1.0, True, 1.0, 0.3, ("The council", "closed the bridge", "Leeds"))
    main, frames = choose([lead, titled], ["a", "b"], {"b": "a"})
    assert main == {"a": "e2", "b": "e2"}
    assert frames["a"].what == "closed the bridge" and frames["b"] == frames["a"]


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
