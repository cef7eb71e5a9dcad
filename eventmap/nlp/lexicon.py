"""Word lists the extractor reads: eventive verbs and nouns, modality cues, causal signals.

Kept as plain tables so that extending coverage is a one-line change. Lemmas are lower case.
"""

from __future__ import annotations

from functools import cache

# Verbs that denote something happening in the world (not saying, seeming or possessing).
EVENT_VERBS = frozenset("""
abduct accept acquire adopt agree airstrike annex announce appoint approve arrest assassinate assault
attack award ban battle begin bomb break breach build burst call cancel capture cause ceasefire charge
clash close collapse collide conclude condemn conduct confirm convict crash cross cut damage declare
defeat deliver deploy deport destroy detain detonate devastate die dismiss displace divide drown elect
end enter erupt escalate escape establish evacuate execute expand expel explode extend fail fall fight
file find fire flee flood form found free fund halt hand hang harm hit hold host impose inaugurate
increase injure intervene invade investigate issue join kill kidnap land launch leave lose march meet
merge murder negotiate nominate occupy open order overthrow pass pay pledge plunge protest provide
raid raise ratify reach rebuild recapture reclaim reject release relocate repel rescue resign resume
retaliate retreat return rise rule sanction seize sell send sentence shell shoot shut sign sink split
start station storm strike submit succeed sue surrender suspend take tear test threaten train transfer
travel trigger vote visit wage warn win withdraw wound offer record score fix injure
""".split())

# Nouns that name events ("the incursion", "an armistice"), not things.
EVENT_NOUNS = frozenset("""
accident acquisition airstrike annexation armistice arrest assassination assault
attack battle blast blockade bombardment bombing breach ceasefire clash collapse conference conflict
coup counteroffensive counterattack crackdown crash crisis death defeat deployment deportation
detention disaster earthquake
election eruption escalation evacuation execution explosion famine fire flood hearing incursion
inauguration injury inquiry invasion investigation killing landslide launch meeting merger murder
negotiation offensive
outbreak protest raid ratification rebellion referendum release resignation revolution riot
shelling shooting siege signing spill strike summit surrender takeover test trial truce
uprising verdict victory visit vote war win withdrawal
abduction ambush appeal appointment arson avalanche bankruptcy boycott bribery burglary ceremony
collision concert conviction cyclone demonstration departure derailment dismissal drought embezzlement
epidemic festival fraud game genocide heatwave heist hijacking hurricane indictment interview
kidnapping lawsuit layoff leak manhunt massacre match nomination occupation outage overdose pandemic
party playoff premiere quake rally recall rescue retirement robbery ruling scandal sentencing
stabbing storm suicide suspension talks theft tornado tournament tsunami typhoon walkout wildfire
charge attempt firing hiring sacking transfer chase
""".split())

# Adjectives that state what an event left behind ("two people are dead", "five were injured"):
# extracted, for coreference and recall, but a state is never a map event on its own.
STATE_ADJECTIVES = frozenset("dead injured wounded missing hospitalized unconscious homeless".split())

# Verbs too light to be an event on their own, even when a date sits in the sentence.
LIGHT_VERBS = frozenset("""
be have do seem appear become remain include mean say tell think believe know want need get make
let use see look feel keep tend according continue try hope consider note add
""".split())

# Verbs that only carry the event their object names: "launched an invasion", "made a visit".
SUPPORT_VERBS = frozenset("""
launch begin start conduct carry hold stage wage mount undertake perform make pay give hold
""".split())

# Verbs whose lemma says little about which happening it is: "received an award" and "received
# a drug" share the class, and in a corpus about one person the actor too. For the merge an actor
# the whole corpus names is no evidence for them, nor are actors and names in reports more than
# two weeks after the event's first (event_coref.CorefPolicy.generic_needs_specific_actor,
# generic_window_days).
GENERIC_VERBS = frozenset("""
receive give take get make have go come put bring find see show hold leave keep begin start
continue use help want try call ask allow offer provide face expect seek return meet put set
""".split())

REPORTING_VERBS = frozenset("""
say tell report state announce confirm add note write explain testify told indicate show reveal
""".split())
ALLEGING_VERBS = frozenset("""
claim allege accuse suggest rumor rumour speculate assert insist contend purport
""".split())
DENYING_VERBS = frozenset("deny dismiss refute reject dispute debunk contradict".split())

DENIAL_CUES = (
    "fabricated", "debunked", "false", "untrue", "no evidence", "has not confirmed",
    "have not confirmed", "neither", "denied", "denies", "deny", "disputed", "hoax", "baseless",
    "unfounded",
)
ALLEGATION_CUES = (
    "alleged", "allegedly", "reportedly", "rumored", "rumoured", "purported", "claims", "claimed",
    "allegations", "unconfirmed", "suspected", "likely",
)
HYPOTHETICAL_MODALS = frozenset("could might may would should if unless".split())
# A trigger is planned when one of these verbs governs it ("plans to visit", "is set to sign") or,
# for a noun, modifies it ("the planned summit"), or when "will"/"shall" is its auxiliary.
PLANNING_VERBS = frozenset("plan intend schedule set expect aim vow pledge prepare propose".split())
PLANNING_MODIFIERS = frozenset("planned scheduled proposed upcoming forthcoming expected".split())
REPORTED_CUES = ("according to", "said", "says", "told", "reported", "sources")

# Explicit causal signals between two events, with the direction they imply.
# "A in response to B": B causes A  -> ("effect_first").  "A led to B": A causes B -> "cause_first".
CAUSAL_SIGNALS: dict[str, str] = {
    "in response to": "effect_first",
    "in retaliation for": "effect_first",
    "as a result of": "effect_first",
    "because of": "effect_first",
    "because": "effect_first",
    "due to": "effect_first",
    "following": "effect_first",
    "after": "effect_first",
    "prompted": "cause_first",
    "triggered": "cause_first",
    "led to": "cause_first",
    "caused": "cause_first",
    "resulted in": "cause_first",
    "sparked": "cause_first",
    "forced": "cause_first",
}

# Verbs whose nominal and verbal forms name the same event, for merging across wording.
SYNONYMS: dict[str, str] = {
    "invade": "invasion", "incursion": "invasion", "invasion": "invasion",
    "sign": "signing", "signing": "signing",
    "ratify": "ratification", "ratification": "ratification",
    "deploy": "deployment", "deployment": "deployment", "send": "deployment", "station": "deployment",
    "attack": "attack", "assault": "attack", "strike": "attack", "airstrike": "attack",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest",
    "evacuate": "evacuation", "evacuation": "evacuation",
    "resign": "resignation", "resignation": "resignation",
    "visit": "visit", "travel": "visit",
    "collapse": "collapse", "breach": "collapse", "burst": "collapse", "break": "collapse",
    "flood": "flood",
    "kill": "killing", "killing": "killing", "die": "death", "death": "death",
    "elect": "election", "election": "election", "vote": "vote",
    "launch": "launch", "begin": "begin", "start": "begin",
    "investigate": "inquiry", "investigation": "inquiry", "inquiry": "inquiry", "hearing": "inquiry",
    "deport": "deportation", "deportation": "deportation",
    "withdraw": "withdrawal", "withdrawal": "withdrawal",
    "protest": "protest", "march": "protest",
    "meet": "meeting", "meeting": "meeting", "summit": "meeting",
}


# Words of general English that name one kind of happening, for the merge only (``event_coref.
# class_key``): a mention's class is its family's first word. Looked up by lemma and by Snowball
# stem, so inflected or mis-lemmatized forms ("Dies" in a title, "kills") find their family too.
# Only synonyms, derivations and one happening told from two sides (a killing is the victim's death):
# a happening and what may follow it ("shooting" / "death", "charge" / "conviction") stay apart.
# A line that starts with spaces goes on the line above.
EVENT_FAMILIES = [line.split() for line in """
killing kill killing murder slay slaying homicide assassinate assassination manslaughter death die dead
      dying perish succumb fatality decease deceased pass_away
shooting shoot shooting shot gunfire gunshot gun gun_down
earthquake earthquake quake tremor temblor
fire fire blaze inferno wildfire bushfire
outage outage blackout downtime
loss lose loss
explosion explode explosion blast detonate detonation blow_up
injury injure injury wound hurt injured wounded
victory win victory triumph beat defeat
charge charge accuse accusation indict indictment
conviction convict conviction guilty find_guilty declare_guilty
acquittal acquit acquittal
fraud fraud embezzle embezzlement swindle scam defraud
robbery rob robbery heist theft steal burglary burgle loot holdup
arrest arrest detain detention apprehend nab
escape escape flee breakout abscond
fix fix patch repair plug remedy
destruction destroy destruction demolish raze wreck
kidnapping kidnap kidnapping abduct abduction
stabbing stab stabbing
crash crash collide collision
sentence sentence sentencing jail imprison imprisonment
dismissal dismiss dismissal sack sacking oust ouster
hire hire rehire recruit
acquisition acquire acquisition takeover buyout purchase take_over
merger merge merger
election elect election ballot balloting
storm storm hurricane cyclone typhoon
protest protest demonstration demonstrate
cancellation cancel cancellation call_off scrap
resignation step_down quit
collapse collapse give_way
""".replace("\n      ", " ").strip().splitlines()]

# A verb and the word after it that name another happening than the verb alone ("found guilty" is
# a conviction, "passed away" a death, "checked out" of a clinic is not "checked in"; "found dead"
# is not here: finding a body is its own happening, the death another): the pair's
# class (``event_coref.class_key`` of "find_guilty"), looked up by the verb's lemma and that word.
PHRASAL_EVENTS = frozenset("""
find_guilty declare_guilty pass_away step_down gun_down
check_out take_over blow_up call_off give_way
""".split())

def event_class(lemma: str) -> str:
    """The merge key for a trigger lemma: its synonym class, else the lemma itself."""
    return SYNONYMS.get(lemma, lemma)


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: importing spaCy costs seconds, and most
    commands (status, export, serve, add up to parsing) never need it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
