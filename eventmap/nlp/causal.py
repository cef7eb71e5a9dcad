"""Cause/effect and order between event mentions from explicit signals in the text.

Works on plain spans so that it can run on the pipeline's mentions and on gold mentions (ESC):
``signal_links(text, mentions, sentences)`` takes the document text, the mentions' character spans
and the sentence spans, and returns index pairs with the signal and the sentence that shows it.

- Within a sentence, a signal sits between its two events. "A in response to B", "A because B",
  "A as a result of B" put the effect first; "A triggered / prompted / led to B" put the cause first.
  The event closest to the signal on each side is taken (the signal's own phrase). When the signal
  verb is itself a mention and no event follows it closely ("the incursion triggered the clause"),
  the effect is that mention: the triggering is what the cause brought about.
- A sentence-opening signal ("As a result, ...", "In response, ...", "This prompted ...") links the
  previous sentence's main event to the first event after the signal.
- "after" / "following" / "before" give temporal order only (kind "before"), never cause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Timex

# signal -> (direction, kind). effect_first: "A <signal> B" means B caused A.
SIGNALS: dict[str, tuple[str, str]] = {
    "in response to": ("effect_first", "cause"),
    "in retaliation for": ("effect_first", "cause"),
    "in reaction to": ("effect_first", "cause"),
    "as a result of": ("effect_first", "cause"),
    "as a consequence of": ("effect_first", "cause"),
    "in the wake of": ("effect_first", "cause"),
    "because of": ("effect_first", "cause"),
    "because": ("effect_first", "cause"),
    "due to": ("effect_first", "cause"),
    "owing to": ("effect_first", "cause"),
    "resulted from": ("effect_first", "cause"),
    "caused by": ("effect_first", "cause"),
    "triggered by": ("effect_first", "cause"),
    "prompted by": ("effect_first", "cause"),
    "sparked by": ("effect_first", "cause"),
    "triggered": ("cause_first", "cause"),
    "triggering": ("cause_first", "cause"),
    "triggers": ("cause_first", "cause"),
    "prompted": ("cause_first", "cause"),
    "prompting": ("cause_first", "cause"),
    "prompts": ("cause_first", "cause"),
    "led to": ("cause_first", "cause"),
    "leading to": ("cause_first", "cause"),
    "leads to": ("cause_first", "cause"),
    "caused": ("cause_first", "cause"),
    "causing": ("cause_first", "cause"),
    "resulted in": ("cause_first", "cause"),
    "resulting in": ("cause_first", "cause"),
    "sparked": ("cause_first", "cause"),
    "sparking": ("cause_first", "cause"),
    "forced": ("cause_first", "cause"),
    "forcing": ("cause_first", "cause"),
    "after": ("effect_first", "before"),
    "following": ("effect_first", "before"),
    "before": ("cause_first", "before"),
    "prior to": ("cause_first", "before"),
}
# At the start of a sentence these point back to the previous sentence's event.
OPENING = re.compile(
    r"^\W*(as a result|as a consequence|in response|in retaliation|consequently|because of (?:this|that)"
    r"|(?:this|that|these|which|the move|the decision|the attack|the incident|it)\s+(?:\w+\s+){0,2}?"
    r"(?:triggered|prompted|led to|caused|sparked|forced|resulted in))\b", re.I)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(s) for s in sorted(SIGNALS, key=len, reverse=True))
                      + r")\b", re.I)
WINDOW = 160  # characters: a signal joins events of one clause complex, not a whole paragraph
NEAR = 60  # "causing major destruction": the object event is close to the signal verb
CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s")


@dataclass(frozen=True)
class SignalLink:
    cause: int  # index into the mentions given (for kind "before": the earlier event)
    effect: int
    kind: str  # "cause" | "before"
    signal: str
    evidence: str  # the sentence (or two) that shows the link


def _sentence_of(spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]) -> list[int]:
    out = []
    for start, _ in spans:
        out.append(next((i for i, (s, e) in enumerate(sentences) if s <= start < e), -1))
    return out


def signal_links(text: str, mentions: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]],
                 *, temporal: bool = True, main: dict[int, int] | None = None) -> list[SignalLink]:
    """Links between ``mentions`` (character spans in ``text``) shown by explicit signals.

    ``main`` optionally names, per sentence index, the mention that stands for that sentence when a
    later sentence opens with "As a result" (default: the sentence's first mention).
    """
    sent_of = _sentence_of(mentions, sentences)
    by_sentence: dict[int, list[int]] = {}
    for i in sorted(range(len(mentions)), key=lambda i: mentions[i][0]):
        by_sentence.setdefault(sent_of[i], []).append(i)
    found: dict[tuple[int, int], SignalLink] = {}

    def add(cause: int, effect: int, kind: str, signal: str, evidence: str) -> None:
        if cause != effect and (cause, effect) not in found and (effect, cause) not in found:
            found[(cause, effect)] = SignalLink(cause, effect, kind, signal.lower(), evidence)

    for s_index, (s_start, s_end) in enumerate(sentences):
        members = by_sentence.get(s_index, [])
        sentence = text[s_start:s_end]
        opening = OPENING.match(sentence)
        previous = by_sentence.get(s_index - 1)
        if opening and previous and members:
            cause = (main or {}).get(s_index - 1, previous[0])
            after = [i for i in members if mentions[i][0] >= s_start + opening.end()]
            verb = [i for i in members if mentions[i][0] < s_start + opening.end()
                    and mentions[i][1] > s_start + opening.start(1)]
            effect = verb[0] if verb else after[0] if after else None
            if effect is not None:
                prev_text = text[sentences[s_index - 1][0]:sentences[s_index - 1][1]].strip()
                add(cause, effect, "cause", opening.group(1), f"{prev_text} {sentence.strip()}")
        if len(members) < 1:
            continue
        for match in _PATTERN.finditer(sentence):
            signal = match.group(1).lower()
            direction, kind = SIGNALS[signal]
            if kind == "before" and not temporal:
                continue
            p0, p1 = s_start + match.start(1), s_start + match.end(1)
            if opening and match.start(1) < opening.end():
                continue
            own = [i for i in members if mentions[i][0] < p1 and mentions[i][1] > p0]
            left = [i for i in members if mentions[i][1] <= p0 and p0 - mentions[i][1] <= WINDOW
                    and not CLAUSE_BREAK.search(text[mentions[i][1]:p0])]
            right = [i for i in members if mentions[i][0] >= p1 and mentions[i][0] - p1 <= WINDOW
                     and not CLAUSE_BREAK.search(text[p1:mentions[i][0]])]
            evidence = sentence.strip()
            if not right:
                continue
            if left:
                a, b = left[-1], right[0]
            elif direction == "effect_first" and match.start(1) < 3:
                # "Because/After X, Y": the cause opens the sentence, the effect follows its comma.
                comma = text.find(",", mentions[right[0]][1], s_end)
                tail = [i for i in right if comma >= 0 and mentions[i][0] > comma]
                if not tail:
                    continue
                add(right[0], tail[0], kind, signal, evidence)
                continue
            else:
                continue
            if direction == "effect_first":
                add(b, a, kind, signal, evidence)
            elif own and kind == "cause" and mentions[b][0] - p1 > NEAR:
                add(a, own[0], kind, signal, evidence)  # "triggered the clause": the triggering
            else:
                add(a, b, kind, signal, evidence)
    return list(found.values())


def time_order(a: Timex | None, b: Timex | None) -> int:
    """-1 when ``a`` ends before ``b`` starts, 1 for the reverse, 0 when the normalized intervals
    overlap or either is missing (then dates alone cannot order the two)."""
    if a is None or b is None or not a.start or not b.start:
        return 0
    if (a.end or a.start) < b.start:
        return -1
    if (b.end or b.start) < a.start:
        return 1
    return 0
