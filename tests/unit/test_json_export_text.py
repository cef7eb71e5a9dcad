"""eventmap.json is written by a faster encoder that must give json.dumps(indent=1)'s exact text."""

from __future__ import annotations

import json

import pytest

from eventmap.export.jsontext import Raw, dumps_indented, encode_at, entries_text

CASES = [
    {}, [], "", 0, -1.5, None, True, [[]], {"a": {}}, {"a": []}, (1, (2, 3)),
    [1.5, float("nan"), float("inf"), float("-inf"), -0.0, 1e-7, 10**30, True, False, None],
    {"é": "ü\n\"\\\u2028\x00", "nested": [{"x": [1, {"y": None}]}, "z"]},
    {1: 2, 2.5: 3, None: 4, False: 6}, {True: 5, "k": {float("nan"): 1}},
]


@pytest.mark.parametrize("obj", CASES)
def test_same_text_as_json_dumps(obj: object) -> None:
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=1)


def test_same_text_for_a_built_export(sample_build: dict) -> None:
    export = sample_build["export"]
    assert dumps_indented(export) == json.dumps(export, ensure_ascii=False, indent=1)
    assert dumps_indented(export) == (sample_build["out"] / "eventmap.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("obj", [{1j: 1}, [object()], {"a": {1, 2}}])
def test_unserializable_values_raise_type_error(obj: object) -> None:
    with pytest.raises(TypeError):
        dumps_indented(obj)


def test_same_text_when_written_in_pieces() -> None:
    big = {"events": [{"id": i, "mentions": [{"n": i, "s": "é"}]} for i in range(20_000)]}
    assert dumps_indented(big) == json.dumps(big, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("obj", [c for c in CASES if isinstance(c, dict) and c] + [
    {"id": "e1", "time": {"start": "2024", "approximate": True, "mod": None}, "salience": 0.1234,
     "features": {"a": 1.0, "b": float("nan")}, "n": 3, "deep": {"x": [1]}, "mixed": {"k": {"y": 2}}}])
def test_entries_and_raw_pieces_give_the_same_text(obj: dict) -> None:
    """An event's entry is pieced together (``entries_text``, ``Raw``): the same text at any depth."""
    for newline in ("\n", "\n  "):
        whole = json.dumps({"x": [obj]} if newline != "\n" else obj, ensure_ascii=False, indent=1)
        inner = newline + " "
        piece = "{" + inner + entries_text(obj, newline) + newline + "}"
        assert piece == encode_at(obj, newline)
        assert dumps_indented({"x": [Raw(piece)]} if newline != "\n" else Raw(piece)) == whole
