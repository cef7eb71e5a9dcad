"""dedup: exact, near-duplicate and contained copies (syndication), each pointing at its origin.

Jaccard similarity (MinHash LSH) finds reposts that were lightly edited; it misses a truncated
repost, whose shingles are a small *subset* of the original's. Containment (share of the shorter
article's shingles found in the longer one) finds those. Its candidates come from an inverted index
over a consistent 1-in-8 sample of shingle hashes: a copy's sampled shingles are (nearly) a subset
of its origin's, whatever the two lengths. (datasketch's LSH Ensemble was tried first: its size
partitions degenerate on small corpora and it missed a real 0.89-contained repost.)
Candidates from both indexes are verified on the exact shingle sets before anything is marked.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from datasketch import MinHash, MinHashLSH

from ..models import Article, Duplicate
from ..pipeline.context import Context
from ..pipeline.runner import StageResult

SHINGLE = 5
NUM_PERM = 128
SAMPLE_MOD = 8  # keep shingles whose hash % SAMPLE_MOD == 0 in the containment index
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def _minhash(sh: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


def _sample(sh: set[str]) -> set[int]:
    hashed = {int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in sh}
    picked = {h for h in hashed if h % SAMPLE_MOD == 0}
    return picked or set(sorted(hashed)[:4])  # very short texts: keep a few anyway


def _fingerprint(text: str) -> str:
    return hashlib.sha1(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()


def find_duplicates(articles: list[Article], *, near: float,
                    contained: float) -> list[Duplicate]:
    """Return one Duplicate per copy; the origin is the longer, then earlier, article."""
    if len(articles) < 2:
        return []
    order = {a.id: i for i, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}

    def rank(aid: str) -> tuple:
        a = by_id[aid]
        return (-len(a.text), a.published or "9999", order[aid])

    found: dict[str, Duplicate] = {}

    def mark(copy: str, origin: str, kind: str, score: float) -> None:
        if copy == origin:
            return
        if rank(copy) < rank(origin):
            copy, origin = origin, copy
        best = found.get(copy)
        if best is None or score > best.score:
            found[copy] = Duplicate(copy, origin, kind, round(score, 3))

    fingerprints: dict[str, str] = {}
    for a in articles:
        fp = _fingerprint(a.text)
        if fp in fingerprints:
            mark(a.id, fingerprints[fp], "exact", 1.0)
        else:
            fingerprints[fp] = a.id

    sets = {a.id: shingles(a.text) for a in articles}
    hashes = {aid: _minhash(sh) for aid, sh in sets.items() if sh}
    lsh = MinHashLSH(threshold=near, num_perm=NUM_PERM)
    for aid, mh in hashes.items():
        lsh.insert(aid, mh)
    samples = {aid: _sample(sh) for aid, sh in sets.items() if sh}
    postings: dict[int, list[str]] = defaultdict(list)
    for aid, sample in samples.items():
        for h in sample:
            postings[h].append(aid)

    for aid, mh in hashes.items():
        mine = sets[aid]
        for other in lsh.query(mh):
            if other != aid and other not in found:
                jaccard = len(mine & sets[other]) / len(mine | sets[other])
                if jaccard >= near:
                    mark(aid, other, "near", jaccard)
        hits = Counter(o for h in samples[aid] for o in postings[h] if o != aid)
        for other, shared in hits.items():
            # The sample estimates containment; 0.7 of the threshold leaves room for its noise.
            if shared < 0.7 * contained * len(samples[aid]) or len(sets[other]) <= len(mine):
                continue
            share = len(mine & sets[other]) / len(mine)
            if share >= contained and aid not in found:
                mark(aid, other, "contained", share)

    # Chains (a copy of a copy) point at the root origin, so copies are one voice.
    for copy, dup in list(found.items()):
        origin, seen = dup.origin, {copy}
        while origin in found and origin not in seen:
            seen.add(origin)
            origin = found[origin].origin
        found[copy] = Duplicate(copy, origin, dup.kind, dup.score)
    return sorted(found.values(), key=lambda d: order[d.article])


def run(ctx: Context) -> StageResult:
    articles = ctx.store.articles()
    dups = find_duplicates(articles, near=ctx.settings.near_dup_threshold,
                           contained=ctx.settings.containment_threshold)
    ctx.store.replace_duplicates(dups)
    kinds = {k: sum(d.kind == k for d in dups) for k in ("exact", "near", "contained")}
    detail = "copies (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")"
    return StageResult(len(dups), detail)
