"""Event headlines: subject + predicate + object (+ place), in the sentence's own words.

A headline is built from the dependency parse around one trigger, never by generating text: the
subject phrase (its relative clauses, appositions and parentheticals cut), the verb group (auxiliaries,
negation, particle), the object or complement, and at most one prepositional phrase that is not a
time ("deployed to Russia"). The chosen tokens keep their sentence order. Shapes handled:

- passive: "An armistice was signed" (the agent phrase kept when there is one);
- an event noun: "Stalin's 1937 deportation of 200,000 Koreans to Kazakhstan"; under a support verb
  the verb's clause tells it ("Putin made a historic visit to North Korea");
- a reduced relative: "the treaty, signed during ..." -> "The treaty was signed during ...";
- a relative clause: "an invasion that was launched ..." -> "An invasion was launched ...";
- coordination: a conjoined verb takes the first verb's subject ("... but later stood down");
- apposition: "Yoon Suk Yeol, the President of South Korea, declared ..." -> "Yoon Suk Yeol declared";
- quoted speech: quotation marks are dropped, the words kept;
- a clause after a colon or bullet: the label before the colon is not part of the event.

Names are resolved where that reads better: a whole noun phrase that is an alias ("the DPRK", "the
Kremlin") becomes the canonical name. Function words never end a headline and repeated words are
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon as lx
from .aliases import ALIASES, CAPITAL_METONYMS, canonical
from .eventness import occurrence_of
from .gazetteer import fold
from .syntax import clause_subject, first_conjunct

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Children that hang a whole clause or an aside off a phrase: never part of a headline.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "appos", "csubj", "mark",
                          "meta", "dep", "intj", "discourse", "preconj"})
_OBJECT_DEPS = ("dobj", "obj", "attr", "oprd", "dative", "acomp")
_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
# Modifiers a long phrase can lose whole, from the right.
_CUTTABLE = frozenset({"prep", "conj", "cc", "nmod", "npadvmod", "advmod", "xcomp", "acomp", "dobj",
                       "punct", "pobj"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_QUOTES = frozenset('"“”‘’«»„`\'')
# Words a headline may not end on.
_FUNCTION_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT", "PRON", "SYM"})
_TRAILING_WORDS = frozenset("""
a an the and or but nor to of in on at by for from with without into onto over under as than that
which who whom whose its their his her our your my this these those such very also not no both
either neither each every any some more most less least while whether if so
""".split())
SUBJECT_LIMIT = 8
OBJECT_LIMIT = 10
MAX_CHARS = 140


@dataclass(frozen=True)
class Headline:
    text: str  # "North Korean troops were deployed to Russia"
    what: str  # the predicate without its subject: "were deployed to Russia"


_TIME_NOUNS = frozenset("time times moment period while day days week weeks month months year years".split())


def _is_time(tok: Token, time_tokens: frozenset[int]) -> bool:
    return tok.i in time_tokens or tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in _TIME_NOUNS


_LABEL_ENDS = frozenset({":", "•", "▪", "◦", "·"})


def label_ends(sent: Span) -> list[int]:
    """Indices of the tokens of ``sent`` that end a label or open a bullet ("Nuclear Program:", "•"),
    in order: the words up to one name a section, not an event's participants."""
    out = []
    for k, tok in enumerate(sent):
        text = tok.text
        if text in _LABEL_ENDS or (k == 0 and text in ("-", "–", "*")):
            out.append(tok.i)
    return out


def _floor(trigger: Token, ends: list[int] | None) -> int:
    """The last label end before the trigger (``label_ends`` of its sentence), else just before
    its sentence."""
    if ends is None:
        ends = label_ends(trigger.sent)
    before = [i for i in ends if i < trigger.i]
    return before[-1] if before else trigger.sent.start - 1


def _phrase(head: Token, limit: int, floor: int, time_tokens: frozenset[int],
            skip: frozenset[str] = _CLAUSE_DEPS) -> list[Token]:
    """The head's subtree without clauses, asides, time phrases and parentheses, cut to ``limit``
    tokens."""
    dropped: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in skip or (child.dep_ == "prep" and _is_time_prep(child, time_tokens)) \
                    or (child.dep_ == "npadvmod" and _is_time(child, time_tokens)):
                dropped.update(t.i for t in child.subtree)
            else:
                stack.append(child)
    tokens = _without_parentheses([t for t in head.subtree if t.i not in dropped and t.i > floor])
    # A date the parser hung on the phrase's front ("8 February 2010 Dr Murray is charged", a
    # timeline entry's shape) is the event's time, shown apart, not part of who did it.
    while len(tokens) > 1 and tokens[0].i != head.i and (tokens[0].i in time_tokens or (
            tokens[0].is_punct and tokens[0].i - 1 in time_tokens)):
        tokens.pop(0)
    # Too long: drop whole modifiers from the right, innermost last first ("its first case of the
    # flu in the southern city [of Hyderabad]"), before cutting words.
    while len(tokens) > limit:
        kept = {t.i for t in tokens}
        cuttable = [t for t in tokens if t.i > head.i and t.dep_ in _CUTTABLE]
        if not cuttable:
            break
        last = max(cuttable, key=lambda t: t.i)
        cut = {t.i for t in last.subtree} & kept
        tokens = [t for t in tokens if t.i not in cut]
    tokens = tokens[:limit]
    while tokens and (tokens[-1].pos_ in _FUNCTION_POS or tokens[-1].lower_ in _TRAILING_WORDS) \
            and tokens[-1].i != head.i:
        tokens.pop()
    return tokens


def _without_parentheses(tokens: list[Token]) -> list[Token]:
    out, depth = [], 0
    for t in tokens:
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


def _is_time_prep(prep: Token, time_tokens: frozenset[int]) -> bool:
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(_is_time(o, time_tokens) for o in objs)


def _support_verb(trigger: Token) -> Token | None:
    """The verb whose clause tells an event noun, when that verb only carries it ("made a visit",
    "launched an invasion", "held talks", "the signing took place in Geneva")."""
    if trigger.pos_ != "NOUN":
        return None
    head = trigger.head
    if trigger.dep_ in ("dobj", "obj") and head.lemma_.lower() in lx.SUPPORT_VERBS | lx.LIGHT_VERBS:
        return head
    if trigger.dep_ == "nsubj" and (occ := occurrence_of(head)) is not None and occ.i == trigger.i:
        return head
    return None


# Adverbs that say how often it happened: "Reyes scored twice", "was charged again".
_COUNTING_ADVERBS = frozenset({"twice", "thrice", "again"})


def _verb_group(verb: Token) -> list[Token]:
    group = [c for c in verb.children if c.dep_ in _VERB_GROUP_DEPS
             or (c.dep_ == "advmod" and c.lower_ in _COUNTING_ADVERBS)]
    return sorted([*group, verb], key=lambda t: t.i)


def _complements(verb: Token, floor: int, time_tokens: frozenset[int]) -> list[Token]:
    """Object (or complement), an open complement ("to re-engage with Pyongyang"), the agent of a
    passive, and the first prepositional phrase that is not a time and holds no clause."""
    out: list[Token] = []
    obj = next((c for c in verb.children if c.dep_ in _OBJECT_DEPS), None)
    if obj is not None and obj.tag_ not in ("WP", "WDT") and obj.lower_ not in _RELATIVE:
        out += _phrase(obj, OBJECT_LIMIT, floor, time_tokens)
    else:
        obj = None
    # An open complement, or a purpose clause when there is no object: "worked to catalyze talks".
    xcomp = next((c for c in verb.children if c.i > verb.i and (c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and obj is None and any(a.tag_ == "TO" for a in c.children)))), None)
    if xcomp is not None and len(out) < OBJECT_LIMIT:
        inner = [c for c in xcomp.children if c.dep_ in ("aux", "neg", "prt")]
        clause = sorted([*inner, xcomp], key=lambda t: t.i) + _complements(xcomp, floor, time_tokens)
        if len(out) + len(clause) <= OBJECT_LIMIT + 6:  # whole, or not at all
            out += clause
    ccomp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if obj is None and xcomp is None and ccomp is not None and verb.lemma_.lower() not in lx.REPORTING_VERBS:
        clause = _phrase(ccomp, OBJECT_LIMIT, floor, time_tokens, _CLAUSE_DEPS - {"mark"})
        if len(clause) <= OBJECT_LIMIT and not any(t.dep_ == "mark" for t in clause):
            out += clause  # "agreed to allow [Ukraine to leverage the technology]"
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        out += _phrase(agent, 7, floor, time_tokens)
    if obj is None or len(out) < 5:
        # a prepositional phrase, or an adverb heading one ("stepped away from the job")
        for prep in (c for c in verb.children if c.i > verb.i and (c.dep_ == "prep" or (
                c.dep_ == "advmod" and any(g.dep_ == "prep" for g in c.children)))):
            # its object, or that of a second preposition ("walked out of Downing Street")
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) or next(
                (o for c in prep.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"), None)
            if _is_time_prep(prep, time_tokens) or any(t.pos_ == "VERB" for t in prep.subtree) or obj is None:
                continue
            if obj.pos_ == "PRON":
                continue  # "threatened after that": a pronoun adds nothing a headline can show
            out += _phrase(prep, 9, floor, time_tokens)
            break
    return out


def _resolved(tokens: list[Token], subject: bool) -> dict[int, str]:
    """Token index -> replacement text for whole-phrase aliases ("the DPRK" -> "North Korea"); the
    other tokens of that phrase map to ''."""
    content = [t for t in tokens if t.pos_ != "DET"]
    if not content or content[0].ent_iob_ != "B":
        return {}
    doc, start = content[0].doc, content[0].i
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if [t.i for t in content] != list(range(start, end)):
        return {}
    text = doc[start:end].text
    key = fold(text.strip())
    if key not in ALIASES or (key in CAPITAL_METONYMS and not subject):
        return {}
    name, _ = canonical(text, content[0].ent_type_)
    out = {t.i: "" for t in tokens}
    out[tokens[0].i] = name
    return out


def _render(tokens: list[Token], replace: dict[int, str]) -> str:
    """Tokens in sentence order, spaced as in the text; quotes and stray punctuation dropped,
    repeated words said once."""
    out: list[str] = []
    prev: Token | None = None
    last_word = ""
    chosen = {t.i: t for t in tokens}
    for t in list(chosen.values()):  # a word split at its hyphens ("re-engage") comes whole
        if t.whitespace_ and (t.i == 0 or t.nbor(-1).whitespace_):
            continue
        doc = t.doc
        for step in (-1, 1):
            j = t.i
            while 0 <= j + 2 * step < len(doc) and doc[j + step].text == "-" and not \
                    doc[min(j, j + step)].whitespace_ and not doc[min(j + step, j + 2 * step)].whitespace_:
                chosen[j + step], chosen[j + 2 * step] = doc[j + step], doc[j + 2 * step]
                j += 2 * step
    for tok in sorted(chosen.values(), key=lambda t: t.i):
        text = replace.get(tok.i, tok.text)
        if not text or all(ch in _QUOTES for ch in text):
            prev = tok if text == "" else prev
            continue
        if tok.is_punct and tok.text not in ("-", "–", "%", "&", "/", "'s", "’s", ".") and tok.tag_ != "HYPH":
            continue
        if text.lower() == last_word:  # "Signed Signed", "Beginning Beginning"
            continue
        joined = prev is not None and tok.i == prev.i + 1 and not prev.whitespace_
        out.append(text if not out or joined else " " + text)
        prev, last_word = tok, text.lower()
    return "".join(out).strip()


def _tidy(text: str, capitalize: bool = True) -> str:
    """Trim what may not end a headline, fix the casing of shouted text, capitalize."""
    words = text.split()
    while words and (words[-1].lower().strip(".,;:") in _TRAILING_WORDS or
                     not any(ch.isalnum() for ch in words[-1])):
        words.pop()
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)
    letters = [ch for w in words for ch in w if ch.isalpha()]
    if len(words) > 2 and letters and sum(ch.isupper() for ch in letters) > 0.8 * len(letters):
        words = [w if len(w) <= 4 and w.isupper() and len(words) > 1 and w not in ("THE", "AND", "OF",
                                                                                 "INTO", "FOR")
                 else w.lower() for w in words]
    text = " ".join(words).rstrip(".")
    if len(text) > MAX_CHARS:
        return _tidy(text[:MAX_CHARS].rsplit(" ", 1)[0], capitalize)
    return text[:1].upper() + text[1:] if capitalize else text


def noun_phrase(head: Token, limit: int = SUBJECT_LIMIT) -> str:
    """A noun phrase in its own words, without its clauses and asides: "The company" for
    "The company, which was founded in 1998,"."""
    return _tidy(_render(_phrase(head, limit, head.sent.start - 1, frozenset()), {}), capitalize=False)


def _acl_subject(trigger: Token, floor: int, time_tokens: frozenset[int]) -> list[Token]:
    """The noun a reduced relative or relative clause describes, as the clause's subject."""
    return _phrase(trigger.head, 6, floor, time_tokens)


_IRREGULAR_PAST = dict(pair.split(":") for pair in """
arise:arose be:was bear:bore beat:beat become:became begin:began bend:bent bind:bound bite:bit
blow:blew break:broke bring:brought build:built burst:burst buy:bought cast:cast catch:caught
choose:chose come:came cost:cost cut:cut deal:dealt dig:dug do:did draw:drew drive:drove eat:ate
fall:fell feed:fed feel:felt fight:fought find:found flee:fled fly:flew forbid:forbade forget:forgot
freeze:froze get:got give:gave go:went grow:grew hang:hung have:had hear:heard hide:hid hit:hit
hold:held hurt:hurt keep:kept know:knew lay:laid lead:led leave:left lend:lent let:let light:lit
lose:lost make:made mean:meant meet:met overtake:overtook pay:paid put:put quit:quit ride:rode
ring:rang rise:rose run:ran say:said see:saw seek:sought sell:sold send:sent set:set shake:shook
shoot:shot shut:shut sing:sang sink:sank sit:sat slide:slid speak:spoke spend:spent spin:spun
split:split spread:spread stand:stood steal:stole stick:stuck strike:struck swear:swore swim:swam
swing:swung take:took teach:taught tear:tore tell:told think:thought throw:threw undertake:undertook
understand:understood wake:woke wear:wore win:won withdraw:withdrew write:wrote
""".split())


def past_tense(lemma: str) -> str:
    """The simple past of an English verb lemma ("take" -> "took", "plan" -> "planned"), for a
    participle that a headline must state as a finite verb."""
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    vowels = [i for i, ch in enumerate(lemma) if ch in "aeiou"]
    if len(lemma) >= 3 and len(vowels) == 1 and vowels[0] == len(lemma) - 2 and lemma[-1] not in "wxy":
        return lemma + lemma[-1] + "ed"  # one syllable ending consonant-vowel-consonant
    return lemma + "ed"


def _be(noun: Token) -> str:
    return "were" if noun.morph.get("Number") == ["Plur"] else "was"


def build(trigger: Token, time_tokens: frozenset[int] = frozenset(),
          actors: tuple[str, ...] = (), ends: list[int] | None = None) -> Headline:
    """The headline of the event ``trigger`` names. ``time_tokens``: token indices inside
    temporal expressions (left out); ``actors``: names for a subject the clause does not name;
    ``ends``: ``label_ends`` of the trigger's sentence, when the caller has them."""
    floor = _floor(trigger, ends)
    support = _support_verb(trigger)
    verb = support if support is not None else trigger
    if verb.pos_ in ("VERB", "AUX"):
        return _clause(verb, floor, time_tokens, actors)
    # An event noun on its own: its phrase, with who and what it involves; its time too when the
    # phrase would otherwise be the bare noun ("the armistice of 1953").
    tokens = _phrase(trigger, 14, floor, time_tokens)
    if all(t.i == trigger.i or t.pos_ == "DET" for t in tokens):
        tokens = _phrase(trigger, 14, floor, frozenset(), _CLAUSE_DEPS) or tokens
    text = _tidy(_render(tokens, {}))
    return Headline(text, text)


def _antecedent(verb: Token, floor: int, time_tokens: frozenset[int]) -> list[Token]:
    """For a pronoun subject in a subordinate or conjoined clause ("..., before they were
    terminated"), the governing clause's own subject phrase, if it names something."""
    head = verb.head
    for _ in range(4):
        if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return []
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ != "PRON" and subj.i > floor:
            return _phrase(subj, SUBJECT_LIMIT, floor, time_tokens)
        if subj is not None:
            return []
        verb, head = head, head.head
    return []


def _fit(group: list[Token], complements: list[Token], subject: list[Token],
         replace: dict[int, str]) -> list[Token]:
    """The complements, losing their rightmost modifier subtrees whole while the headline would run
    past MAX_CHARS ("... to impose strict sanctions [on North Korean products]")."""
    def length() -> int:
        return len(_render(subject + group + complements, replace))

    while length() > MAX_CHARS:
        kept = {t.i for t in complements}
        cuttable = [t for t in complements if t.dep_ in _CUTTABLE and t.head.i in kept]
        if not cuttable:
            break
        last = max(cuttable, key=lambda t: t.i)
        cut = {t.i for t in last.subtree}
        complements = [t for t in complements if t.i not in cut]
    return complements


def _clause(verb: Token, floor: int, time_tokens: frozenset[int], actors: tuple[str, ...]) -> Headline:
    subj = clause_subject(verb, through=("conj", "xcomp", "advcl"))
    subject: list[Token] = []
    replace: dict[int, str] = {}
    prefix = ""
    first = first_conjunct(verb)
    bare = not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if first.dep_ == "relcl" and (subj is None or subj.lower_ in _RELATIVE):
        subject = _acl_subject(first, floor, time_tokens)
    elif first.dep_ == "acl" and first.head.pos_ in ("NOUN", "PROPN") and subj is None:
        subject = _acl_subject(first, floor, time_tokens)
        if verb.tag_ == "VBN" and bare:
            prefix = _be(first.head)  # "the treaty, signed ..." -> "The treaty was signed ..."
        elif verb.tag_ == "VBG" and bare:  # "..., taking full effect" -> "The treaty took full effect"
            replace = {verb.i: past_tense(verb.lemma_.lower())}
    elif subj is not None and subj.pos_ == "PRON" and subj.lower_ not in ("we", "i", "you"):
        subject = _antecedent(subj.head, floor, time_tokens) or [subj]
    elif subj is not None and subj.i > floor:
        subject = _phrase(subj, SUBJECT_LIMIT, floor, time_tokens)
        replace = _resolved(subject, subject=True)
    group = _verb_group(verb)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and subj is not None and subj.head.i != verb.i:
        governor = verb.head  # "Russia, aiming to capture Kyiv": the seeker's verb comes first
        group = sorted([*_verb_group(governor), *group, *(c for c in verb.children if c.dep_ == "aux")],
                       key=lambda t: t.i)
        if governor.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in governor.children):
            replace[governor.i] = past_tense(governor.lemma_.lower())
    elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and bare and subj is not None and subj.head.i != verb.i:
        replace[verb.i] = past_tense(verb.lemma_.lower())  # "..., killing 40 people": killed 40 people
    complements = _fit(group, _complements(verb, floor, time_tokens), subject, replace)
    what = _render(group + complements, replace)
    if first.dep_ == "relcl" and first.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in _OBJECT_DEPS and c.lower_ in _RELATIVE for c in verb.children):
        # "a void that Russia has filled": the noun is what was filled
        what = f"{what} {_render(_acl_subject(first, floor, time_tokens), {})}"
    if prefix:
        what = f"{prefix} {what}"
    text = _render(subject, replace) if subject else " and ".join(actors[:2])
    text = f"{text} {what}".strip()
    return Headline(_tidy(text), _tidy(what, capitalize=False))
