"""Why each mention of an event was merged with the others, for people: the export's
``events[].merge_evidence`` and the map's "why merged" list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..models import MergeEvidence

LABELS = {"class": "same kind of event", "actor": "same actor", "name": "same name in both sentences",
          "place": "same place", "date": "same date", "time": "overlapping specific times",
          "story": "same story", "similarity": "similar wording", "person": "merged by a person",
          "far": "published weeks apart (needs more)", "time_conflict": "times at odds"}


def evidence_dicts(evidence: Sequence[MergeEvidence], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """One entry per merged mention: the score against the threshold and each signal, with entity ids
    named (``names``) and a readable label."""
    return [{
        "mention": ev.mention, "score": ev.score, "threshold": ev.threshold, "correction": ev.correction,
        "signals": [{"kind": s.kind, "label": LABELS.get(s.kind, s.kind), "value": s.value,
                     "name": names.get(s.value), "weight": s.weight} for s in ev.signals],
    } for ev in evidence]
