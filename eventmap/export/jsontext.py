"""JSON text as eventmap.json is written: ``json.dump(..., ensure_ascii=False, indent=1)``, faster,
in pieces, and with pieces encoded earlier (``Raw``) written as they are."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from functools import cache
from json.encoder import encode_basestring
from typing import Any, TextIO


def _float_text(o: float) -> str:
    if o != o:
        return "NaN"
    if o in (float("inf"), float("-inf")):
        return "Infinity" if o > 0 else "-Infinity"
    return float.__repr__(o)


class Raw(str):
    """Text already encoded as it stands at its place in the document (``dump_indented`` writes it
    as it is): an event kept across adds (``export.parts``)."""

    __slots__ = ()


def dump_indented(obj: Any, fp: TextIO) -> None:
    """``json.dump(obj, fp, ensure_ascii=False, indent=1)``: the same text, in about 60% of the time
    and a fraction of the memory; a ``Raw`` string is written as it is.

    With an indent, the json module falls back to its pure-Python generator encoder and joins all of
    its pieces into one string first (at 2,000 articles eventmap.json is ~130 MB of text in tens of
    millions of pieces). This appends the same pieces to a list, writing it out every 64k pieces.
    """
    parts: list[str] = []

    def flush() -> None:
        fp.write("".join(parts))
        parts.clear()

    _encoder(parts, flush)(obj, "\n")
    flush()


def entries_text(d: dict[str, Any], newline: str) -> str:
    """The ``"key": value`` entries of ``d`` (no braces) as ``dump_indented`` writes them inside a
    dict whose closing brace stands after ``newline``. Scalars and dicts of scalars (an event's
    salience, time and features) take a short way, the latter through json's C encoder: this runs
    for every event of the map on every add."""
    parts: list[str] = []
    value = None
    inner = newline + " "
    sep = "," + inner
    for i, (k, v) in enumerate(d.items()):
        if i:
            parts.append(sep)
        parts.append(encode_basestring(k if isinstance(k, str) else _key_text(k)) + ": ")
        text = scalar_text(v)
        if text is None and v.__class__ is dict and v and all(
                k2.__class__ is str and (x is None or x.__class__ in _SCALARS) for k2, x in v.items()):
            deeper = inner + " "
            flat = flat_encoder(deeper).encode(v)  # "{" entries "}", each entry after the last's sep
            text = "{" + deeper + flat[1:-1] + inner + "}"
        if text is not None:
            parts.append(text)
            continue
        value = value or _encoder(parts, lambda: None)
        value(v, inner)
    return "".join(parts)


_SCALARS = frozenset({str, int, float, bool})


@cache
def flat_encoder(inner: str) -> json.JSONEncoder:
    """json's C encoder for a dict of scalars whose keys stand after ``inner`` (without an indent it
    writes the same numbers and strings as ``dump_indented``, and takes any item separator)."""
    return json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=("," + inner, ": "))


def scalar_text(v: Any) -> str | None:
    """A string, number, boolean or null as ``dump_indented`` writes it; None for anything else."""
    cls = v.__class__
    if cls is str:
        return encode_basestring(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if cls is int:
        return int.__repr__(v)
    if cls is float:
        return _float_text(v)
    return None


def encode_at(obj: Any, newline: str) -> str:
    """``obj`` as ``dump_indented`` writes it at the place whose closing bracket follows ``newline``."""
    parts: list[str] = []
    _encoder(parts, lambda: None)(obj, newline)
    return "".join(parts)


def _encoder(parts: list[str], flush: Callable[[], None]) -> Callable[[Any, str], None]:
    add, enc = parts.append, encode_basestring

    def value(o: Any, newline: str) -> None:
        if isinstance(o, str):
            add(o if o.__class__ is Raw else enc(o))
        elif o is None:
            add("null")
        elif o is True:
            add("true")
        elif o is False:
            add("false")
        elif isinstance(o, int):
            add(int.__repr__(o))
        elif isinstance(o, float):
            add(_float_text(o))
        elif isinstance(o, list | tuple):
            if not o:
                add("[]")
                return
            inner = newline + " "
            sep = "," + inner  # one string per container, as json's encoder does
            rows = _dict_rows(o, inner) if o.__class__ is list and o[0].__class__ is dict else None
            if rows is not None:
                add("[" + inner)
                for i in range(0, len(rows), 4096):
                    add(sep.join(rows[i:i + 4096]) if not i else sep + sep.join(rows[i:i + 4096]))
                    if len(parts) > 65536:
                        flush()
                add(newline + "]")
                return
            add("[" + inner)
            value(o[0], inner)
            for v in o[1:]:
                add(sep)
                value(v, inner)
                if len(parts) > 65536:
                    flush()
            add(newline + "]")
        elif isinstance(o, dict):
            if not o:
                add("{}")
                return
            inner = newline + " "
            sep, first = "," + inner, True
            add("{" + inner)
            for k, v in o.items():
                if first:
                    first = False
                else:
                    add(sep)
                add(enc(k if isinstance(k, str) else _key_text(k)))
                add(": ")
                value(v, inner)
            add(newline + "}")
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    return value


def _dict_rows(rows: list[Any], newline: str) -> list[str] | None:
    """Each dict of ``rows`` as ``value`` writes it where its closing brace follows ``newline``, or
    None unless every row is a dict with string keys. The export's entities, articles, links and
    disagreements are tens of thousands of dicts of a few shapes: one %-template per key order and
    a scalar written in place cost a third of a call of ``value`` per entry. A long list is filled
    column by column (``_rows_by_column``: the entities alone are 20k rows on every add); a short
    one (an event's mentions, on every event of a full export) row by row, without that set-up."""
    if {r.__class__ for r in rows} != {dict}:
        return None
    return _rows_by_column(rows, newline) if len(rows) >= _BY_COLUMN else _rows_one_by_one(rows, newline)


_BY_COLUMN = 256  # rows from which a list is filled column by column


def _rows_one_by_one(rows: list[dict[str, Any]], newline: str) -> list[str] | None:
    inner = newline + " "
    sep = "," + inner
    deeper = inner + " "
    inner_sep = "," + deeper
    enc = encode_basestring
    templates: dict[tuple[str, ...], str] = {}
    out = []
    for row in rows:
        keys = tuple(row)
        template = templates.get(keys)
        if template is None:
            if not all(k.__class__ is str for k in keys):
                return None
            template = templates[keys] = "{}" if not keys else "{" + inner + sep.join(
                enc(k).replace("%", "%%") + ": %s" for k in keys) + newline + "}"
        texts = []
        for v in row.values():
            cls = v.__class__
            if cls is str:
                texts.append(enc(v))
                continue
            if cls is list:  # an entity's aliases (most have none), a storyline's events
                if not v:
                    texts.append("[]")
                    continue
                if {x.__class__ for x in v} == {str}:
                    texts.append("[" + deeper + inner_sep.join(map(enc, v)) + inner + "]")
                    continue
            text = scalar_text(v)
            texts.append(text if text is not None else encode_at(v, inner))
        out.append(template % tuple(texts))
    return out


def _rows_by_column(rows: list[dict[str, Any]], newline: str) -> list[str] | None:
    """``_rows_one_by_one``'s texts, each column of a key order's rows written at once: a column of
    strings or ints by one ``map`` of a C function, not a Python call per value."""
    inner = newline + " "
    sep = "," + inner
    shapes: dict[tuple[str, ...], list[int]] = {}  # key order -> its rows
    for i, keys in enumerate(map(tuple, rows)):
        found = shapes.get(keys)
        if found is None:
            if not all(k.__class__ is str for k in keys):
                return None
            found = shapes[keys] = []
        found.append(i)
    out: list[str] = [""] * len(rows)
    for keys, at in shapes.items():
        if not keys:
            for i in at:
                out[i] = "{}"
            continue
        template = "{" + inner + sep.join(encode_basestring(k).replace("%", "%%") + ": %s" for k in keys) \
            + newline + "}"
        columns = zip(*(rows[i].values() for i in at), strict=True)
        texts = zip(*(_column_texts(column, inner) for column in columns), strict=True)
        for i, row in zip(at, texts, strict=True):
            out[i] = template % row
    return out


_NONE = type(None)


def _column_texts(values: tuple[Any, ...], newline: str) -> Iterable[str]:
    """Each value of a column of rows as ``_row_value`` writes it; strings, ints, and strings or
    nulls by map and C functions."""
    classes = set(map(type, values))
    if classes == {str}:
        return map(encode_basestring, values)
    if classes == {int}:
        return map(int.__repr__, values)
    if classes <= {str, _NONE}:
        return ["null" if v is None else encode_basestring(v) for v in values]
    # the rest one by one, but for the empty lists and nulls most rows have (aliases, a place)
    return ["null" if v is None else "[]" if v.__class__ is list and not v else _row_value(v, newline)
            for v in values]


def _row_value(v: Any, newline: str) -> str:
    """A value of a row (``_dict_rows``) where its container's closing bracket follows ``newline``."""
    cls = v.__class__
    if cls is str:
        return encode_basestring(v)
    if cls is list:  # an entity's aliases (most have none), a storyline's events
        if not v:
            return "[]"
        if {x.__class__ for x in v} == {str}:
            deeper = newline + " "
            return "[" + deeper + ("," + deeper).join(map(encode_basestring, v)) + newline + "]"
    text = scalar_text(v)
    return text if text is not None else encode_at(v, newline)


def dumps_indented(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1)`` by ``dump_indented``."""
    out = io.StringIO()
    dump_indented(obj, out)
    return out.getvalue()


def _key_text(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float_text(k)
    if k is True or k is False or k is None:
        return {True: "true", False: "false", None: "null"}[k]
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")

