"""Incremental copy detection (`eventmap add`): the same copies as a full pass, from stored signatures."""

from __future__ import annotations

import random

from eventmap.models import Article
from eventmap.stages.dedup import find_duplicates, find_new_duplicates

WORDS = [f"w{i}" for i in range(3000)]


def article(aid: str, text: str, published: str = "2025-01-01") -> Article:
    return Article(id=aid, title=aid, text=text, outlet=f"outlet-{aid}", published=published)


def texts(seed: int, n: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400))) for _ in range(n)]


def run_new(old: list[Article], new: list[Article]):
    rows: list = []
    old_dups = {d.article: d for d in find_duplicates(old, near=0.8, contained=0.85, rows=rows)}
    by_id = {a.id: a for a in old}
    return find_new_duplicates(new, rows, old_dups, lambda ids: [by_id[i] for i in ids if i in by_id],
                               near=0.8, contained=0.85)


def test_new_copies_match_a_full_pass() -> None:
    base = texts(1)
    old = [article(f"a{i}", t) for i, t in enumerate(base)]
    words = base[3].split()
    edited = " ".join(w if k % 40 else "changed" for k, w in enumerate(words))
    new = [article("exact", base[0]), article("near", edited),
           article("truncated", " ".join(base[5].split()[:200])), article("fresh", texts(2, 1)[0]),
           article("copy-of-new", " ".join(texts(2, 1)[0].split()[:-20]))]
    found, rows, demoted = run_new(old, new)
    assert demoted == [] and len(rows) == len(new)
    full = {d.article: d for d in find_duplicates(old + new, near=0.8, contained=0.85)}
    assert {d.article: (d.origin, d.kind) for d in found} == {
        k: (d.origin, d.kind) for k, d in full.items()}
    assert {"exact", "truncated", "copy-of-new"} <= {d.article for d in found}
    assert "fresh" not in full


def test_a_longer_original_of_an_old_article_makes_it_a_copy() -> None:
    """The full story arriving after its truncated first version: the old one becomes the copy, and
    an old copy of the old one now points at the new original (one voice, as in a full pass)."""
    base = texts(3)
    first = " ".join(base[2].split()[:120])
    old = [article(f"a{i}", first if i == 2 else t) for i, t in enumerate(base)] + [article("repost", first)]
    found, rows, demoted = run_new(old, [article("original", base[2])])
    assert demoted == ["a2"] and len(rows) == 1
    assert {d.article: (d.origin, d.kind) for d in found} == {
        "a2": ("original", "contained"), "repost": ("original", "exact")}
    full = {d.article: d.origin for d in find_duplicates([*old, article("original", base[2])],
                                                          near=0.8, contained=0.85)}
    assert full == {"a2": "original", "repost": "original"}
