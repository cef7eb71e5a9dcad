"""Headlines and eventness on sentences written for these tests, one per syntactic shape."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.nlp.headline import past_tense

DCT = date(2025, 3, 14)


def test_past_tense_of_regular_and_irregular_verbs() -> None:
    assert [past_tense(v) for v in ("take", "plan", "carry", "visit", "stop", "agree", "seek")] == [
        "took", "planned", "carried", "visited", "stopped", "agreed", "sought"]


@pytest.fixture(scope="module")
def mentions():
    from eventmap.nlp.events import extract_events
    from eventmap.nlp.spacy_model import load_model
    from eventmap.nlp.temporal import tag

    nlp = load_model("en_core_web_sm")

    def run(text: str) -> list:
        return extract_events("a", nlp(text), tag(text, DCT), text)

    return run


def _headline(mentions, text: str, trigger: str) -> str:
    found = [m for m in mentions(text) if m.trigger == trigger]
    assert found, [(m.trigger, m.summary) for m in mentions(text)]
    return found[0].summary


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger,headline", [
    # a timeline entry: the date in front is the event's time, not part of its subject
    ("12 March 2024 Mayor Quintela is charged with fraud.", "charged",
     "Mayor Quintela is charged with fraud"),
    ("The 2019 referendum was won by the Greens.", "won", "The 2019 referendum was won by the Greens"),
    # passive, with and without its agent
    ("The bridge was closed by the county council on Monday.", "closed",
     "The bridge was closed by the county council"),
    ("An armistice was signed in the border town on July 2, 1961.", "signed",
     "An armistice was signed in the border town"),
    # an event noun alone, and under a support verb or a verb of occurrence
    ("The evacuation of 3,000 residents from Lower Arrin began before dawn.", "evacuation",
     "The evacuation of 3,000 residents from Lower Arrin"),
    ("President Okafor made a surprise visit to the flooded valley on Tuesday.", "visit",
     "President Okafor made a surprise visit to the flooded valley"),
    ("The signing of the water treaty took place in Lisbon.", "signing",
     "The signing of the water treaty took place in Lisbon"),
    # coordination: the second verb takes the first one's subject
    ("Rescuers searched the rubble and pulled out two survivors.", "pulled",
     "Rescuers pulled out two survivors"),
    # apposition and parentheses are left out
    ("Ana Ferreira, the leader of the Social Democrats, resigned on Friday.", "resigned",
     "Ana Ferreira resigned"),
    ("The utility (which runs the dam) opened an inquiry.", "opened", "The utility opened an inquiry"),
    # quoted speech keeps the words, not the quotation marks
    ("The minister said the “emergency fund” was released on Monday.", "released",
     "The emergency fund was released"),
    # a clause after a label and a colon, or a bullet
    ("Key decisions: The council voted to close the bridge.", "voted",
     "The council voted to close the bridge"),
    ("• Relief: The army delivered 40 tonnes of food to the camps.", "delivered",
     "The army delivered 40 tonnes of food to the camps"),
    # a reduced relative and a relative clause state their noun as the subject
    ("The dam, completed in 1962, failed after days of rain.", "completed", "The dam was completed"),
    ("Police found the van that was stolen in Braga.", "stolen", "The van was stolen in Braga"),
    # a participle chain after a noun is told in the past; a governing participle too
    ("The levy, approved in May and taking effect on June 1, 2025, angered farmers.", "taking",
     "The levy took effect"),
    ("Rebels stormed the town, trying to seize the airport.", "seize",
     "Rebels tried to seize the airport"),
    # a participle adding a consequence to a told happening is a happening, told in the past
    ("A strong earthquake struck the island on Tuesday, killing at least 40 people.", "killing",
     "A strong earthquake killed at least 40 people"),
    # a long object loses its rightmost modifiers whole, not words from the middle
    ("The ministry confirmed its first case of the new flu in the northern port city of Arrin.",
     "confirmed", "The ministry confirmed its first case of the new flu"),
    # an alias that is a whole noun phrase reads as its canonical name
    ("The DPRK launched a missile on Sunday.", "launched", "North Korea launched a missile"),
    # a compound preposition, or an adverb heading one, is kept with its object
    ("The 52-year-old walked out of the town hall just before noon on Monday.", "walked",
     "The 52-year-old walked out of the town hall"),
    ("The treasurer stepped away from the post on Friday.", "stepped",
     "The treasurer stepped away from the post"),
    # how often it happened stays ("scored twice", "charged again")
    ("Harlow's striker scored twice before half-time.", "scored", "Harlow's striker scored twice"),
    ("The former mayor was charged again on Monday with fraud.", "charged",
     "The former mayor was charged again with fraud"),
    # a pronoun object leaves the phrase out, not a dangling preposition
    ("Harlow scored early, but Dunmore rarely threatened after that.", "threatened", "Dunmore threatened"),
])
def test_headline_shapes(mentions, text, trigger, headline) -> None:
    assert _headline(mentions, text, trigger) == headline


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger,modality,source", [
    ("Reports indicate that 200 people were evacuated from the valley.", "evacuated", "reported", "Reports"),
    ("The dam collapsed early on Wednesday, officials said.", "collapsed", "reported", "officials"),
    ("According to police, the suspect fled the scene in a stolen van.", "fled", "reported", "police"),
    ("The company, which was founded in 1998, announced record profits.", "founded", "asserted", None),
    # a denying verb's object that is a claim: the claim is denied, by the verb's subject
    ("Lisbon rejected reports that 300 soldiers were deployed to the border.", "deployed", "denied",
     "Lisbon"),
    # "rejected" with an offer tells what was done with it: the offer was made
    ("In 2021, Norland offered to buy Pellow for about $2 billion in cash, an approach Pellow's board "
     "rejected.", "offered", "asserted", None),
])
def test_a_reporting_frame_gives_the_reported_event_with_its_source(mentions, text, trigger, modality,
                                                                     source) -> None:
    (m,) = [m for m in mentions(text) if m.trigger == trigger]
    assert (m.modality, m.source) == (modality, source)
    assert m.confidence >= 0.5
    frame = [m for m in mentions(text) if m.lemma in ("indicate", "say", "accord")]
    assert all(f.confidence < 0.5 for f in frame)


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger", [
    ("The war", "war"),  # a bare noun phrase
    ("The alliance represents more than immediate utility.", "represents"),  # a state
    ("This deal underscores the deepening ties between the two towns.", "underscores"),  # evaluation
    ("Leaving a void in the region, the mine closed.", "Leaving"),  # a dangling participle
    ("The council has not signed a peace deal with the rebels.", "signed"),  # what did not happen
    ("The army could send 5,000 soldiers to the border.", "send"),  # a possibility
    ("I witnessed their eagerness for collaboration in Lisbon.", "witnessed"),  # the writer's aside
    # a newsletter on its own doings
    ("Our team reviewed reports from forty outlets to bring you the full picture.", "reviewed"),
    ("The mayor shared that the town is considering new levies.", "shared"),  # a frame
    ("Russia launched a full-scale invasion of Ukraine.", "launched"),  # the invasion is the event
    ("This was the first incursion onto the island since 1945.", "incursion"),  # said of a told event
    ("The ferry's captain, aged 58, had sailed the route for years.", "aged"),  # an age, a state
    ("Casualties numbered in the hundreds.", "numbered"),  # a count
    ("The club had not lost in nine league matches.", "matches"),  # a number of happenings
    ("The merged firm will stay in Leeds, where Harcastle is based.", "based"),  # where a firm is
])
def test_not_events(mentions, text, trigger) -> None:
    found = [m for m in mentions(text) if m.trigger == trigger]
    assert all(m.confidence < 0.5 for m in found), [(m.trigger, m.confidence) for m in found]


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger", [
    ("Russia launched a full-scale invasion of Ukraine.", "invasion"),
    ("Rescuers searched the rubble.", "searched"),
    ("The treaty, ratified in November, commits both towns to share water.", "ratified"),
    ("The board will meet in Porto on Friday.", "meet"),
    ("Stalin's 1937 deportation of 200,000 Koreans left a lasting scar.", "deportation"),
])
def test_events(mentions, text, trigger) -> None:
    (m,) = [m for m in mentions(text) if m.trigger == trigger]
    assert m.confidence >= 0.5
