"""Gold main events for ``benchmarks/main_event.py``, built at run time from ../shared/eval.

The rules are stated in ``main_event.py``'s docstring; this module implements them. Nothing read here
is written into the repository.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ecbplus import EcbDoc, GoldMention, load_split
from _tml import parse_date

# named-entity labels that can answer "who" (the lead baseline uses the same) and "where"
WHO_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
                        "LAW"})
TITLE_WHO_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
WHERE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ANCHOR_RELS = frozenset({"CONTAINS", "SIMULTANEOUS"})
UNTITLED = "(untitled)"  # the title line of a document that has no headline
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"'}


@dataclass
class GoldDoc:
    dataset: str
    doc: str  # the corpus document ("5_1ecbplus", "bpoil_bbc/2010-04-23/2073.htm.txt")
    file: str  # the file written for the build: articles[].path
    title: str
    body: list[str]  # untokenized sentences after the title
    outlet: str
    url: str | None
    published: dt.date | None
    who: list[str]
    what: list[str]
    where: list[str]
    when: dt.date | None
    lead: list[str] = field(default_factory=list)  # sentences the lead baseline reads, in order
    note: dict[str, Any] = field(default_factory=dict)  # how each slot was made


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
           "Sept", "Oct", "Nov", "Dec"}
_DAY_WORDS = _MONTHS | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def untokenize(line: str) -> str:
    """PTB-tokenized text back to plain text ("Sam 's Club -LRB- Ala. -RRB-" -> "Sam's Club (Ala.)")."""
    s = " ".join(_PTB.get(t, t) for t in line.split())
    s = re.sub(r" ([,.:;!?%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$#]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'m|'ll|'d)\b", r"\1", s, flags=re.IGNORECASE)
    return s


def _content_count(line: str, stops: frozenset[str]) -> int:
    return sum(1 for w in re.findall(r"[A-Za-z]{3,}", line) if w.lower() not in stops and w not in _DAY_WORDS)


def lead_sentences(lines: Iterable[str], stops: frozenset[str]) -> list[str]:
    """Sentences with at least 4 content words of 3+ letters, month and weekday names aside:
    datelines ("Updated: May 24, 2005, 3:23 PM ET", "Posted August 2nd, 2013 at 5:19 pm") are skipped."""
    return [x for x in lines if _content_count(x, stops) >= 4]


# --------------------------------------------------------------------------------------------- ECB+

@dataclass
class EscDoc:
    dct: dt.date | None
    times: list[tuple[frozenset[int], str]]  # (token indices, day) of TIME_DATE / TIME_OF_THE_DAY
    anchors: list[tuple[frozenset[int], str]]  # (event token indices, day value of a TIMEX containing it)


def read_esc(path: Path) -> EscDoc:
    """ESC's TIME_DATE / TIME_OF_THE_DAY values (day level only) and TIMEX -> event anchors
    (CONTAINS / SIMULTANEOUS).

    Token indices are positions in the file's token list, identical to ECB+'s (checked on the dev
    documents: same tokens in the same order)."""
    root = ET.parse(path).getroot()
    index = {tok.get("t_id"): i for i, tok in enumerate(root.iter("token"))}
    tokens: dict[str, frozenset[int]] = {}
    day: dict[str, str] = {}
    events: set[str] = set()
    dct = None
    for el in root.find("Markables") or []:
        mid = el.get("m_id") or ""
        tokens[mid] = frozenset(index[a.get("t_id")] for a in el.findall("token_anchor")
                                if a.get("t_id") in index)
        if el.tag in ("TIME_DATE", "TIME_OF_THE_DAY"):
            value = el.get("value") or ""
            d = parse_date(value) if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
            if el.get("DCT") == "TRUE" and dct is None:
                dct = d
            if d is not None:
                day[mid] = d.isoformat()
        elif el.tag.startswith(("ACTION", "NEG_ACTION")):
            events.add(mid)
    times = [(tokens[m], v) for m, v in day.items() if tokens.get(m)]
    anchors = []
    for rel in root.find("Relations") or []:
        if rel.tag != "TLINK" or rel.get("relType") not in ANCHOR_RELS:
            continue
        src, tgt = rel.find("source"), rel.find("target")
        if src is None or tgt is None:
            continue
        s, t = src.get("m_id") or "", tgt.get("m_id") or ""
        if s in day and t in events and tokens.get(t):
            anchors.append((tokens[t], day[s]))
    return EscDoc(dct, times, anchors)


def _is_cross(m: GoldMention) -> bool:
    return not m.cluster.startswith(("INTRA_", "SINGLE_"))


def _rank(docs: list[EcbDoc], pick: Callable[[EcbDoc], list[GoldMention]],
          seminal: dict[str, set[int]], prefer: Callable[[str], int] = lambda tag: 0) -> list[str]:
    """Cross-document chains by the number of documents mentioning them; ties: the tag preference,
    then documents mentioning them in a sentence with the seminal action, then mentions, then id."""
    n_docs: Counter[str] = Counter()
    n_with: Counter[str] = Counter()
    n_ment: Counter[str] = Counter()
    tag: dict[str, int] = {}
    for d in docs:
        ms = [m for m in pick(d) if _is_cross(m)]
        n_docs.update({m.cluster for m in ms})
        n_with.update({m.cluster for m in ms if m.sentence in seminal.get(d.name, ())})
        n_ment.update(m.cluster for m in ms)
        for m in ms:
            tag[m.cluster] = min(tag.get(m.cluster, 9), prefer(m.tag))
    return sorted(n_docs, key=lambda c: (-n_docs[c], tag[c], -n_with[c], -n_ment[c], c))


def _actions(d: EcbDoc) -> list[GoldMention]:
    return [m for m in d.events if m.tag.startswith("ACTION")]


def _humans(d: EcbDoc) -> list[GoldMention]:
    return [m for m in d.arguments if m.tag.startswith("HUMAN_PART")]


def _nonhumans(d: EcbDoc) -> list[GoldMention]:
    return [m for m in d.arguments if m.tag.startswith("NON_HUMAN_PART")]


def _texts(ms: Iterable[GoldMention]) -> list[str]:
    out: list[str] = []
    for m in sorted(ms, key=lambda m: m.tokens[0]):
        t = untokenize(m.text)
        if t not in out:
            out.append(t)
    return out


def _outer(ms: list[GoldMention]) -> list[GoldMention]:
    """Markables not nested inside another of the list, in document order."""
    spans = [set(m.tokens) for m in ms]
    keep = [m for i, m in enumerate(ms)
            if not any(j != i and spans[i] < spans[j] for j in range(len(ms)))]
    seen: set[tuple[int, ...]] = set()
    out = []
    for m in sorted(keep, key=lambda m: m.tokens[0]):
        if m.tokens not in seen:
            seen.add(m.tokens)
            out.append(m)
    return out


def ecbplus_gold(eval_root: Path, stops: frozenset[str]) -> list[GoldDoc]:
    """One GoldDoc per ECB+ dev document (topics 2,5,12,18,21,23,34,35 only)."""
    docs = load_split(eval_root / "ecbplus", "dev")
    esc_root = eval_root / "esc" / "annotated_cat_xml_v1.5"
    by_sub: dict[str, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        by_sub[d.subtopic].append(d)
    out: list[GoldDoc] = []
    for sub in sorted(by_sub, key=lambda s: (int(re.match(r"\d+", s).group()), s)):  # type: ignore[union-attr]
        group = by_sub[sub]
        act = _rank(group, _actions, {}, prefer=lambda tag: 0 if tag == "ACTION_OCCURRENCE" else 1)[0]
        seminal = {d.name: {m.sentence for m in d.events if m.cluster == act} for d in group}
        core_min = (len(group) + 1) // 2
        n_docs = Counter(c for d in group
                         for c in {m.cluster for m in d.events + d.arguments if _is_cross(m)})
        core = {c for c, n in n_docs.items() if n >= core_min}
        humans = _rank(group, _humans, seminal, prefer=lambda tag: 1 if tag == "HUMAN_PART_GENERIC" else 0)
        shared_h = [c for c in humans if n_docs[c] >= 2]
        who_chain = shared_h[0] if shared_h else next(iter(_rank(group, _nonhumans, seminal)), None)
        locs = _rank(group, lambda d: [m for m in d.arguments if m.tag.startswith("LOC")], seminal)
        times = _rank(group, lambda d: [m for m in d.arguments if m.tag == "TIME_DATE"], seminal)
        loc_chain = locs[0] if locs and n_docs[locs[0]] >= 2 else None
        time_chain = times[0] if times and n_docs[times[0]] >= 2 else None
        golds = []
        for d in group:
            esc_path = esc_root / str(d.topic) / f"{d.name}.xml.xml"
            esc = read_esc(esc_path) if esc_path.is_file() else None
            golds.append(_ecb_doc(d, esc, act, core, who_chain, loc_chain, time_chain, stops))
        _drop_outlying_days(golds)
        out.extend(golds)
    return out


def _drop_outlying_days(golds: list[GoldDoc]) -> None:
    """The seminal event has one day: a gold day over 31 days from the sub-topic's median day is an
    ESC slip (18_1ecbplus gives 2010 for an April 2007 shooting) and is left unscored."""
    days = sorted(g.when for g in golds if g.when is not None)
    if len(days) < 3:
        return
    median = days[len(days) // 2]
    for g in golds:
        if g.when is not None and abs((g.when - median).days) > 31:
            g.note["when_source"] = f"dropped: {g.when.isoformat()} is far from the sub-topic's {median}"
            g.when = None


def _ecb_doc(d: EcbDoc, esc: EscDoc | None, act: str, core: set[str], who_chain: str | None,
             loc_chain: str | None, time_chain: str | None, stops: frozenset[str]) -> GoldDoc:
    lines = d.text.split("\n")
    url = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url, lines = lines[0].replace(" ", ""), lines[1:]
    plain = [untokenize(x) for x in lines]
    if len(plain) > 1 and not re.search(r"[.!?]\W*$", plain[0]):
        title, body = plain[0], plain[1:]
    else:  # no headline: ECB documents often start with the lead sentence, some are one sentence long
        title, body = UNTITLED, plain
    lead = lead_sentences(body, stops)
    note: dict[str, Any] = {"subtopic": d.subtopic, "action_chain": act, "who_chain": who_chain,
                            "where_chain": loc_chain, "time_chain": time_chain}
    what: list[str] = []
    acts = sorted((m for m in d.events if m.cluster == act), key=lambda m: m.tokens[0])
    if acts:
        first = acts[0]
        same = [m for m in d.events + d.arguments
                if m.sentence == first.sentence and m.tag.startswith(("ACTION", "HUMAN", "NON_HUMAN"))]
        with_args = _outer([first] + [m for m in same if m.cluster in core])
        with_who = _outer([first] + [m for m in same if who_chain is not None and m.cluster == who_chain])
        no_who = [m for m in with_args if m is first or m.cluster != who_chain]
        what = list(dict.fromkeys(" ".join(_texts([m])[0] for m in ms)
                                  for ms in (with_args, with_who, no_who)))
        note["what_trigger"] = untokenize(first.text)
    who = _texts(m for m in d.arguments if who_chain is not None and m.cluster == who_chain)
    where = _texts(m for m in d.arguments if loc_chain is not None and m.cluster == loc_chain)
    when, note["when_source"] = _ecb_when(d, esc, act, time_chain)
    return GoldDoc("ecbplus", d.name, f"{d.name}.txt", title, body, url.split("/")[2] if url and
                   url.count("/") >= 2 else "ecb", url, esc.dct if esc else None, who, what, where, when,
                   lead, note)


def _ecb_when(d: EcbDoc, esc: EscDoc | None, act: str, time_chain: str | None) -> tuple[dt.date | None, str]:
    """The seminal time chain's ESC value in this document, else an ESC TIMEX anchoring a mention
    of the seminal action (CONTAINS/SIMULTANEOUS, the DCT included); day-level values only."""
    if esc is None:
        return None, "no ESC annotation"
    for m in sorted((m for m in d.arguments if m.cluster == time_chain), key=lambda m: m.tokens[0]):
        for toks, value in esc.times:
            if toks & set(m.tokens):
                return dt.date.fromisoformat(value), "time chain"
    for m in sorted((m for m in d.events if m.cluster == act), key=lambda m: m.tokens[0]):
        for toks, value in esc.anchors:
            if toks & set(m.tokens):
                return dt.date.fromisoformat(value), "ESC anchor of the action"
    return None, "no day-level time"


# ---------------------------------------------------------------------------------------- Timeline17

_TERM = {".", "?", "!"}
_OPEN = {":", "``", "`", "--", "-", ";", "|", ",", "-LRB-"}
_CLOSE = {"'", "''", "-RRB-"}
_NOT_TITLE = re.compile(  # datelines, bylines, photo captions
    r"\d+:\d+|\b(GMT|EDT|EST|BST|PDT|PST|JST|UTC|[Uu]pdated|Reuters|AP|AFP)\b|\||^By |^\W|--"
    r"|\b[A-Z]{3,}\b ,|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d"
    r"|^In this\b|\b([Pp]hoto|[Pp]ictured|[Ss]hown|[Ff]ile)\b|^[A-Z][a-z]{2,4}\.? \d{1,2} :")


def _caps_ratio(toks: list[str], stops: frozenset[str]) -> float:
    words = [w for w in toks if w.isalpha() and w.lower() not in stops]
    return sum(w[0].isupper() for w in words) / len(words) if len(words) >= 2 else 0.0


def split_title(lines: list[str], tagger: Any, stops: frozenset[str]) -> tuple[str, list[str]] | None:
    """The title glued to the front of a Timeline17 article, and the rest; None when unsure.

    Most first lines are "<title> <caption or standfirst> <first sentence>" with no punctuation
    between (BBC, Guardian), or a dateline, a byline or a photo caption with no title at all. The title
    is the first line itself when it is short, has a verb and ends without a full stop (a title line
    of its own); else it ends at the first token boundary where a capitalized word follows a word that
    can end a headline (not a stop word, not a verb before a proper noun), before any full stop, and
    the part before it has a verb (POS-tagged on its own) and is not a dateline or byline. A Title Case
    head is skipped (its end cannot be told from capitals).
    """
    toks = lines[0].split()
    if not toks or not (toks[0][0].isupper() or toks[0][0].isdigit()):
        return None

    def tag(words: list[str]) -> Any:
        from spacy.tokens import Doc

        return tagger(Doc(tagger.vocab, words=words))

    if (len(lines) > 1 and 3 <= len(toks) <= 20 and toks[-1] not in {".", ":", ","}
            and _caps_ratio(toks, stops) <= 0.75 and not _NOT_TITLE.search(lines[0])
            and any(t.pos_ in {"VERB", "AUX"} for t in tag(toks))):
        return " ".join(toks), lines[1:]
    for t in range(3, min(len(toks) - 3, 27)):
        cur, prev = toks[t], toks[t - 1]
        if prev in _TERM:
            return None
        if not (cur[0].isupper() and cur[0].isalpha()) or cur == "I" or prev in _OPEN:
            continue
        if prev.isdigit() and cur in _MONTHS:
            continue
        head = toks[:t]
        if _caps_ratio(head, stops) > 0.75:
            return None
        if _NOT_TITLE.search(" ".join(head)) or (prev.lower() in stops and prev not in _CLOSE):
            continue
        tagged = tag(head)
        if not any(x.pos_ in {"VERB", "AUX"} for x in tagged):
            continue
        last = tagged[-1]
        rest = tag(toks[t:t + 8])
        if rest[0].pos_ == "PROPN" and (prev[0].isupper() or last.pos_ in {"VERB", "ADJ", "ADP"}):
            continue
        if (last.text in _CLOSE or last.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
                or (last.pos_ == "VERB" and cur.lower() in stops)
                or (last.pos_ == "ADJ" and tagged[-2].pos_ in {"AUX", "ADV", "VERB"})):
            return " ".join(head), [" ".join(toks[t:])] + lines[1:]
    return None


def timeline17_gold(eval_root: Path, nlp: Any, stops: frozenset[str], sample: int,
                    seed: int) -> tuple[list[GoldDoc], dict[str, int]]:
    """A seeded sample of Timeline17 articles whose title could be split off (see ``split_title``).

    Articles are drawn in a seeded random order over all topic folders until ``sample`` have a title;
    returns the gold documents and counts (articles, tried, titled)."""
    base = eval_root / "timeline17" / "Data"
    if not base.is_dir():
        raise SystemExit(f"no Timeline17 data at {base}; pass the eval folder holding timeline17/")
    files = sorted(base.glob("*/InputDocs/*/*.txt"))
    order = files[:]
    random.Random(seed).shuffle(order)
    out: list[GoldDoc] = []
    tried = 0
    seen_titles: set[str] = set()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler"]):
        for path in order:
            if len(out) >= sample:
                break
            tried += 1
            lines = [x for x in path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
            if len(lines) < 2:
                continue
            split = split_title(lines, nlp, stops)
            if split is None or split[0] in seen_titles:
                continue
            seen_titles.add(split[0])
            topic, day = path.parts[-4], path.parts[-2]
            rel = f"{topic}/{day}/{path.name}"
            title = untokenize(re.sub(r"( cents)+$", "", split[0]))  # a Guardian bullet glyph
            body = [untokenize(x) for x in split[1]]
            out.append(GoldDoc("timeline17", rel, f"{topic}__{day}__{path.name}", title, body,
                               topic.split("_", 1)[1], None, dt.date.fromisoformat(day), [], [title], [],
                               dt.date.fromisoformat(day), lead_sentences(body, stops)))
    ents = [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(g.title for g in out)]
    for g, es in zip(out, ents, strict=True):
        who = [t for t, lab in es if lab in TITLE_WHO_LABELS]
        g.who = list(dict.fromkeys(([" ".join(who)] if len(who) > 1 else []) + who))
        g.where = list(dict.fromkeys(t for t, lab in es if lab in WHERE_LABELS))
        rest = g.title
        for t in who:
            rest = rest.replace(t, " ")
        if who and rest.strip():
            g.what.append(" ".join(rest.split()))  # the predicate without "who", as in ECB+'s (c)
        g.note = {"title_entities": es}
    return out, {"articles": len(files), "tried": tried, "titled": len(out)}
