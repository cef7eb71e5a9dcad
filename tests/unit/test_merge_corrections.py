"""Replaying a person's corrections on clusters of mention ids (nlp/corrections.py)."""

from __future__ import annotations

from eventmap.models import Correction, MergeEvidence, MergeSignal
from eventmap.nlp.corrections import apply_corrections

IDS = ["m0", "m1", "m2", "m3", "m4"]


def test_a_split_takes_the_mention_out_into_an_event_of_its_own() -> None:
    split = Correction(1, "split", "evt", mention="m1", members=("m0", "m2"))
    evidence = {1: MergeEvidence("m1", 2.0, 1.5), 2: MergeEvidence("m2", 2.0, 1.5)}
    assert apply_corrections([[0, 1, 2], [3, 4]], IDS, [split], evidence) == [[0, 2], [1], [3, 4]]
    assert 1 not in evidence and 2 in evidence


def test_a_split_does_nothing_once_the_mention_is_apart_or_gone() -> None:
    split = Correction(1, "split", "evt", mention="m1", members=("m0",))
    assert apply_corrections([[0], [1, 2]], IDS, [split]) == [[0], [1, 2]]
    gone = Correction(2, "split", "evt", mention="m9", members=("m0",))
    assert apply_corrections([[0, 1]], IDS, [gone]) == [[0, 1]]


def test_a_merge_joins_the_clusters_and_says_a_person_did_it() -> None:
    merge = Correction(3, "merge", "evtA", other="evtB", members=("m0",), others=("m3",))
    evidence: dict[int, MergeEvidence] = {4: MergeEvidence("m4", 2.0, 1.5)}
    assert apply_corrections([[0, 1], [2], [3, 4]], IDS, [merge], evidence) == [[0, 1, 3, 4], [2]]
    assert evidence[3] == MergeEvidence("m3", 0.0, 0.0, (MergeSignal("person", "evtA"),), 3)
    assert evidence[4].correction is None  # it came with m3, as it was


def test_later_corrections_override_earlier_ones() -> None:
    merge = Correction(1, "merge", "evtA", other="evtB", members=("m0",), others=("m2",))
    split = Correction(2, "split", "evtA", mention="m2", members=("m0", "m1"))
    assert apply_corrections([[0, 1], [2]], IDS, [split, merge]) == [[0, 1], [2]]
