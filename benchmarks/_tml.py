"""Helpers shared by the temporal benchmarks: read TimeML (.tml) and CAT XML gold files.

Only reads the evaluation data; nothing from it is copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace(
        "&apos;", "'").replace("&amp;", "&")


def parse_date(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_tml(path: Path) -> TmlDoc:
    """Plain text of <TEXT> with gold TIMEX3 offsets into it (tags removed, entities unescaped)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    m = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    if m:
        dct = parse_date(dict(_ATTR.findall(m.group(0))).get("value", ""))
    t0 = raw.find("<TEXT>")
    t1 = raw.find("</TEXT>")
    body = raw[t0 + len("<TEXT>"): t1] if t0 >= 0 and t1 > t0 else ""
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict] | None = None
    timexes: list[GoldTimex] = []
    for tm in _TAG.finditer(body):
        chunk = _unescape(body[pos: tm.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tm.end()
        closing, name = tm.group(1), tm.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tm.group(3))))
        elif open_timex is not None:
            s, attrs = open_timex
            open_timex = None
            timexes.append(GoldTimex(s, length, "", attrs.get("type", ""), attrs.get("value", "")))
    chunk = _unescape(body[pos:])
    out.append(chunk)
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start: t.end]
    return TmlDoc(path.stem, text, dct, timexes)


def split_of(name: str) -> str:
    """Deterministic dev/held-out assignment by a hash of the file name (about half each)."""
    return "dev" if hashlib.md5(name.encode()).digest()[0] % 2 == 0 else "heldout"


@dataclass
class CatTimex:
    text: str
    tag: str
    value: str
    dct: bool


def read_cat(path: Path) -> tuple[dt.date | None, list[CatTimex]]:
    """Gold timexes of a CAT XML file as (DCT, [span text, tag, value]); span text = tokens joined."""
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): (t.text or "") for t in root.iter("token")}
    out: list[CatTimex] = []
    dct = None
    markables = root.find("Markables")
    if markables is None:
        return None, []
    for el in markables:
        if not el.tag.startswith("TIME"):
            continue
        ids = [a.get("t_id") for a in el.findall("token_anchor")]
        is_dct = el.get("DCT") == "TRUE"
        value = el.get("value") or ""
        if is_dct and dct is None:
            dct = parse_date(value)  # the DCT markable may have no tokens
        if not ids:
            continue
        text = _join_tokens([tokens.get(i, "") for i in ids])
        out.append(CatTimex(text, el.tag, value, is_dct))
    return dct, out


def _join_tokens(toks: list[str]) -> str:
    s = " ".join(toks)
    s = re.sub(r" ([,.:;!?%)])", r"\1", s)
    s = re.sub(r"([($]) ", r"\1", s)
    s = re.sub(r" ('s|n't)\b", r"\1", s)
    s = re.sub(r"(\d)([:.]) (\d\d)", r"\1\2\3", s)  # "1: 32" -> "1:32"
    s = re.sub(r"\b([ap])\. m\b", r"\1.m", s)  # "p. m." -> "p.m."
    return s
