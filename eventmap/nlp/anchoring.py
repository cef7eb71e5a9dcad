"""Which temporal expression an event mention is anchored to.

The rule: the TIMEX inside the trigger's own phrase (its syntactic subtree), else the closest one in
the sentence, else the last date of the paragraph so far (returned as inherited). Benchmarked against
the ESC TLINK gold in benchmarks/ (event-to-time anchoring accuracy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Timex

if TYPE_CHECKING:
    from spacy.tokens import Token


def closest(trigger: Token, timexes: list[Timex]) -> Timex | None:
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.start]
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.char_start - trigger.idx))


def anchor(trigger: Token, sentence_timexes: list[Timex],
           inherited: Timex | None) -> tuple[Timex | None, bool]:
    """(time, inherited?) for one trigger, given the TIMEXes of its sentence and the paragraph's
    last date so far."""
    own = [t for t in sentence_timexes
           if any(t.char_start <= d.idx < t.char_end for d in trigger.subtree)]
    time = closest(trigger, own) or closest(trigger, sentence_timexes)
    if time is not None:
        return time, False
    return inherited, inherited is not None
