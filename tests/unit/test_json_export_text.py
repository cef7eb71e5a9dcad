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


def _dynamic(i: int, **changes: object) -> dict:
    d = {"id": f"e{i}", "time": {"value": "2024-06", "start": "2024-06-01", "end": "2024-06-30",
                                 "granularity": "month", "approximate": i % 2 == 0, "mod": None,
                                 "type": "DATE", "text": "in June", "source": "text"},
         "salience": 0.25 + i / 1000, "salient": i % 3 == 0,
         "salience_features": {"origins": 1.0, "lead": 0.5, "title": 0.0, "actors": 1.0 / (i + 1)},
         "place": None if i % 2 else "geo1", "place_source": None if i % 2 else "text",
         "independent_sources": i}
    d.update(changes)
    return d


@pytest.mark.parametrize("extra", [
    [],
    [_dynamic(7, time=None), _dynamic(8, salience_features={})],
    # equal values of other classes must not share a text (1 == 1.0 == True as dict keys)
    [_dynamic(9, salience_features={"origins": 1, "lead": 1.0, "title": True, "actors": 0})],
    [_dynamic(10, time={"value": "100%", "text": 'a "quoted" %s\nline', "approximate": 1})],
    # another shape (a nested list, another key order) takes the general writer
    [_dynamic(11, salience_features={"parts": [1, 2]})],
    [{"time": None, **_dynamic(12, time=None)}],
])
def test_dynamic_halves_written_straight_equal_entries_text(extra: list) -> None:
    from eventmap.export.parts import EVENT_NEWLINE, dynamic_texts

    ds = [_dynamic(i) for i in range(6)] + extra
    assert dynamic_texts(ds) == [entries_text(d, EVENT_NEWLINE) for d in ds]
