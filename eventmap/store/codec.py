"""Dataclass <-> JSON for store rows: one generic codec instead of a hand-written one per record."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_dict(obj: Any) -> Any:
    """``dataclasses.asdict`` without its deep copy of every leaf (4x faster on mention records,
    which merge writes by the hundred thousand); the same JSON."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: _plain(getattr(obj, name)) for name in _names(type(obj))}
    return obj


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return to_dict(value)


def dumps(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


Builder = typing.Callable[[Any], Any] | None  # None: the JSON value is used as it is


@cache
def _builder(tp: Any) -> Builder:
    """How to rebuild a value of type ``tp`` from JSON, worked out once per type: reading the
    type hints for every field of every row was most of the time whole-corpus stages spent
    loading events and mentions."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _builder(inner[0]) if len(inner) == 1 else None
    if origin is tuple:
        (item_tp, *_rest) = typing.get_args(tp)
        item = _builder(item_tp)
        if item is None:
            return tuple
        return lambda value: tuple(None if v is None else item(v) for v in value)
    if dataclasses.is_dataclass(tp):
        return lambda value: from_dict(tp, value)
    return None


@cache
def _fields(cls: type) -> dict[str, Builder]:
    hints = _hints(cls)
    return {f.name: _builder(hints[f.name]) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]


def _build(tp: Any, value: Any) -> Any:
    build = _builder(tp)
    return value if value is None or build is None else build(value)


def from_dict(cls: type[T], data: dict) -> T:
    fields = _fields(cls)
    return cls(**{k: v if v is None or (b := fields[k]) is None else b(v)
                  for k, v in data.items() if k in fields})


def loads(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))
