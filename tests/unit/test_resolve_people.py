"""Person names across articles (stages/resolve.py): titles, a short name in its own article, what
the articles agree on. Invented names and texts; no spaCy needed (mentions are given)."""

from __future__ import annotations

from eventmap.models import EntityMention
from eventmap.nlp.aliases import strip_title
from eventmap.stages.resolve import resolve_entities


def _resolve(docs: dict[str, tuple[str, list[str]]], titles: dict[str, str] | None = None) -> dict:
    """docs: article -> (text, the PERSON surfaces spaCy found in it); returns (article, surface) ->
    canonical entity name."""
    mentions, texts = [], {}
    for art, (text, names) in docs.items():
        texts[art] = text
        for name in names:
            at = text.index(name)
            mentions.append(EntityMention(art, 0, at, at + len(name), name, "PERSON"))
    entities, rows = resolve_entities(mentions, texts, place=False, titles=titles)
    name_of = {e.id: e.name for e in entities}
    return {(a, s): name_of[e] for a, s, e in rows}


def test_titles_are_not_part_of_the_name() -> None:
    assert strip_title("Dr Ilse Varga") == "Ilse Varga"
    assert strip_title("President Okafor") == "Okafor"
    assert strip_title("Det. Sgt. Rui Lemos") == "Rui Lemos"
    assert strip_title("Judge") == "Judge"  # a title alone stays
    assert strip_title("King Aldric") == "King Aldric"  # a regnal name is title and name


def test_a_short_name_takes_the_full_name_of_its_own_article() -> None:
    # Two Varga sisters in the corpus: across articles "Varga" is ambiguous, within each it is not.
    got = _resolve({
        "a": ("Ilse Varga won the race. Varga thanked her coach.", ["Ilse Varga", "Varga"]),
        "b": ("Nora Varga lost the final. Dr Varga later withdrew.", ["Nora Varga", "Dr Varga"]),
    })
    assert got[("a", "Varga")] == "Ilse Varga"
    assert got[("b", "Dr Varga")] == "Nora Varga"


def test_a_short_name_takes_the_full_name_its_title_spells_out() -> None:
    docs = {
        "a": ("Ilse Varga won the race.", ["Ilse Varga"]),
        "b": ("Nora Varga lost the final.", ["Nora Varga"]),
        "c": ("Varga was cheered at the finish line.", ["Varga"]),
    }
    assert _resolve(docs)[("c", "Varga")] == "Varga"  # ambiguous: left alone
    assert _resolve(docs, titles={"c": "Ilse Varga cheered home"})[("c", "Varga")] == "Ilse Varga"


def test_a_short_name_no_article_resolves_takes_what_the_others_agree_on() -> None:
    docs = {f"m{i}": (f"Ilse Varga spoke. Varga left at {i}.", ["Ilse Varga", "Varga"]) for i in range(4)}
    docs["n"] = ("Nora Varga arrived late.", ["Nora Varga"])
    docs["x"] = ("Varga signed the contract on Friday.", ["Varga"])
    assert _resolve(docs)[("x", "Varga")] == "Ilse Varga"  # 4 of 4 articles that resolved it
    # Split agreement (2 and 2) is no agreement.
    for i in (2, 3):
        docs[f"m{i}"] = (f"Nora Varga spoke. Varga left at {i}.", ["Nora Varga", "Varga"])
    assert _resolve(docs)[("x", "Varga")] == "Varga"


def test_a_name_the_tagger_cut_short_is_the_longer_name_its_text_goes_on_to_spell() -> None:
    # the tagger took "Mun Jae" out of "Mun Jae Sol of Aldria" in one sentence, the whole name in another
    text = ("Mun Jae Sol of Aldria has declared a curfew. Mun Jae Sol, the president, spoke on radio. "
            "Mun said the army would keep order.")
    got = _resolve({"a": (text, ["Mun Jae", "Mun Jae Sol", "Mun"])})
    assert got[("a", "Mun Jae")] == "Mun Jae Sol"
    assert got[("a", "Mun")] == "Mun Jae Sol"  # one full name once the cut one is folded in


def test_a_longer_name_the_text_does_not_go_on_with_is_the_taggers_slip() -> None:
    # a title-case headline glued a verb to the name once; the article says "Dana Pryce" throughout
    text = "Dana Pryce Returns To Host Awards\nDana Pryce will host. Dana Pryce said she was thrilled."
    mentions = [EntityMention("a", 0, 0, 18, "Dana Pryce Returns", "PERSON"),
                EntityMention("a", 1, 34, 44, "Dana Pryce", "PERSON")]
    entities, rows = resolve_entities(mentions, {"a": text}, place=False)
    assert {e.name for e in entities} == {"Dana Pryce Returns", "Dana Pryce"}


def test_a_cut_name_takes_the_longest_name_the_text_spells_out() -> None:
    text = "Tal Oren Bay Lin met Tal Oren Kee. Later Tal Oren Bay Lin spoke first."
    mentions = [EntityMention("a", 0, 0, 16, "Tal Oren Bay Lin", "PERSON"),
                EntityMention("a", 0, 21, 33, "Tal Oren Kee", "PERSON"),
                EntityMention("a", 1, 41, 49, "Tal Oren", "PERSON"),
                EntityMention("a", 1, 41, 53, "Tal Oren Bay", "PERSON")]
    entities, rows = resolve_entities(mentions, {"a": text}, place=False)
    assert {e.name for e in entities} == {"Tal Oren Bay Lin", "Tal Oren Kee"}
