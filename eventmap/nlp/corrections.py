"""A person's corrections of the merge, replayed on clusters of mentions after every clustering.

``split``: the mention leaves the cluster it shares with any of the event's other mentions (as they
were when the correction was made) and becomes an event of its own. ``merge``: the clusters holding
any mention of either event become one. Corrections apply in the order they were made, so a later
one overrides an earlier; one whose mentions are gone (their articles removed) does nothing.
Mention ids are content hashes, so a correction holds across ``build --from`` and ``add``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Correction, MergeEvidence, MergeSignal


def apply_corrections(clusters: Sequence[Sequence[int]], ids: Sequence[str],
                      corrections: Sequence[Correction],
                      evidence: dict[int, MergeEvidence] | None = None) -> list[list[int]]:
    """Clusters (lists of indices into ``ids``) with the corrections applied, in order of their
    first member. ``evidence`` (index -> why it joined) is updated: a split mention joined nothing,
    a person's merge is evidence of its own (signal ``person``)."""
    evidence = {} if evidence is None else evidence
    groups = [set(c) for c in clusters]
    where = {i: k for k, c in enumerate(groups) for i in c}
    index = {m: i for i, m in enumerate(ids)}
    for c in sorted(corrections, key=lambda c: c.id):
        if c.kind == "split" and c.mention in index:
            i = index[c.mention]
            group = groups[where[i]]
            others = {index[m] for m in c.members if m in index} - {i}
            if len(group) > 1 and group & others:
                group.discard(i)
                groups.append({i})
                where[i] = len(groups) - 1
                evidence.pop(i, None)
                evidence.pop(min(group), None)  # the cluster's new first member joined nothing
        elif c.kind == "merge":
            members = [index[m] for m in (*c.members, *c.others) if m in index]
            involved = sorted({where[i] for i in members}, key=lambda k: min(groups[k]))
            if len(involved) < 2:
                continue
            into = groups[involved[0]]
            for k in involved[1:]:
                moved = groups[k]
                for i in moved:
                    where[i] = involved[0]
                # Its first mention joined by the person's word; the others came with it, as they were.
                first = min(moved)
                evidence[first] = MergeEvidence(ids[first], 0.0, 0.0, (MergeSignal("person", c.event),), c.id)
                into |= moved
                groups[k] = set()
    return sorted((sorted(g) for g in groups if g), key=lambda g: g[0])
