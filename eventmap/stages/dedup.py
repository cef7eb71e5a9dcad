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
from collections.abc import Callable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..models import Article, Duplicate
from ..pipeline.context import Context
from ..pipeline.folding import mark_all, pending
from ..pipeline.runner import StageResult

SHINGLE = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hash scheme, named so stored MinHash values are read back alike
SAMPLE_MOD = 8  # keep shingles whose hash % SAMPLE_MOD == 0 in the containment index
_WORD = re.compile(r"\w+")
KIND_ORDER = {"exact": 0, "near": 1, "contained": 2}


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def _minhash(sh: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


def _sample(sh: set[str]) -> set[int]:
    hashed = {int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in sh}
    picked = {h for h in hashed if h % SAMPLE_MOD == 0}
    return picked or set(sorted(hashed)[:4])  # very short texts: keep a few anyway


def _fingerprint(text: str) -> str:
    return hashlib.sha1(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()


SignatureRow = tuple[str, str, int, bytes, bytes]  # article, fingerprint, shingles, MinHash, sample


def signature_row(aid: str, text: str, sh: set[str], mh: MinHash | None, sample: set[int]) -> SignatureRow:
    """What ``add`` needs of an old article to find its copies without re-reading its text."""
    values = mh.hashvalues if mh is not None else np.zeros(NUM_PERM, dtype=np.uint64)
    return (aid, _fingerprint(text), len(sh), values.astype(np.uint64).tobytes(),
            np.array(sorted(sample), dtype=np.uint64).tobytes())


def find_duplicates(articles: list[Article], *, near: float, contained: float,
                    rows: list[SignatureRow] | None = None) -> list[Duplicate]:
    """Return one Duplicate per copy; the origin is the longer, then earlier, article.

    ``rows``, when given, receives every article's signature (for ``find_new_duplicates`` later).
    """
    if len(articles) < 2:
        if rows is not None:
            rows.extend(signature_row(a.id, a.text, sh := shingles(a.text), _minhash(sh) if sh else None,
                                      _sample(sh) if sh else set()) for a in articles)
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

    if rows is not None:
        rows.extend(signature_row(a.id, a.text, sets[a.id], hashes.get(a.id), samples.get(a.id, set()))
                    for a in articles)
    # Chains (a copy of a copy) point at the root origin, so copies are one voice.
    for copy, dup in list(found.items()):
        origin, seen = dup.origin, {copy}
        while origin in found and origin not in seen:
            seen.add(origin)
            origin = found[origin].origin
        found[copy] = Duplicate(copy, origin, dup.kind, dup.score)
    return sorted(found.values(), key=lambda d: order[d.article])


class _Seen:
    """The old articles' signatures as the indexes ``find_duplicates`` builds, plus new ones as added.

    The containment postings are one sorted array of sampled shingle hashes with the article each
    came from: counting an article's shared samples is a search, not a dict of lists per hash.
    """

    def __init__(self, rows: list[SignatureRow], near: float) -> None:
        self.lsh = MinHashLSH(threshold=near, num_perm=NUM_PERM)
        self.fingerprints: dict[str, str] = {}
        self.ids: list[str] = []
        self.sizes: dict[str, int] = {}  # shingles per article
        self.samples: dict[str, int] = {}
        parts: list[np.ndarray] = []
        owners: list[np.ndarray] = []
        for aid, fp, size, values, sample in rows:
            hashes = np.frombuffer(sample, dtype=np.uint64)
            self._index(aid, fp, size, np.frombuffer(values, dtype=np.uint64), len(hashes))
            parts.append(hashes)
            owners.append(np.full(len(hashes), len(self.ids) - 1, dtype=np.int64))
        self._sort(np.concatenate(parts) if parts else np.zeros(0, np.uint64),
                   np.concatenate(owners) if owners else np.zeros(0, np.int64))

    def _index(self, aid: str, fp: str, size: int, values: np.ndarray, samples: int) -> None:
        self.fingerprints.setdefault(fp, aid)
        self.ids.append(aid)
        self.sizes[aid] = size
        self.samples[aid] = samples
        if size:
            # LeanMinHash: no permutations built per signature (6x faster to index 2,000)
            self.lsh.insert(aid, LeanMinHash(seed=7, hashvalues=values, scheme=SCHEME))

    def _sort(self, hashes: np.ndarray, owners: np.ndarray) -> None:
        order = np.argsort(hashes, kind="stable")
        self.hashes, self.owners = hashes[order], owners[order]

    def add(self, aid: str, fp: str, size: int, values: np.ndarray, sample: np.ndarray) -> None:
        self._index(aid, fp, size, values, len(sample))
        self._sort(np.concatenate([self.hashes, sample]),
                   np.concatenate([self.owners, np.full(len(sample), len(self.ids) - 1, dtype=np.int64)]))

    def shared(self, sample: np.ndarray) -> Counter[str]:
        """Article -> how many of ``sample``'s hashes it has too."""
        lo = np.searchsorted(self.hashes, sample, side="left")
        hi = np.searchsorted(self.hashes, sample, side="right")
        hits = np.concatenate([self.owners[i:j] for i, j in zip(lo, hi, strict=True)]) if len(sample) \
            else np.zeros(0, np.int64)
        return Counter({self.ids[k]: int(n) for k, n in zip(*np.unique(hits, return_counts=True),
                                                             strict=True)})


def find_new_duplicates(new: list[Article], rows: list[SignatureRow], old_dups: dict[str, Duplicate],
                        load: Callable[[list[str]], list[Article]], *, near: float, contained: float,
                        ) -> tuple[list[Duplicate], list[SignatureRow], list[str]]:
    """Copies among ``new`` articles, checked against the old ones' signatures and each other.

    The same tests and choice of origin (the longer, then earlier) as ``find_duplicates``; only
    candidates' texts are read back for verification. A new article can be the original of an old
    one (the full story after its truncated first version): the old one becomes its copy, and old
    copies of that one point at the new original. Returns every duplicate row to write (new and
    changed), the new signatures, and the old articles that became copies (their mentions leave
    the map: ``merge`` takes them out).
    """
    seen = _Seen(rows, near)
    rank_of: dict[str, tuple] = {}
    texts: dict[str, set[str]] = {}
    found: dict[str, Duplicate] = {}
    out_rows: list[SignatureRow] = []

    def better(kind: str, score: float, than: Duplicate | None) -> bool:
        # As in the full pass: an exact match, else the best near copy, else the best containment.
        return than is None or (KIND_ORDER[kind], -score) < (KIND_ORDER[than.kind], -than.score)

    def shingles_of(ids: list[str]) -> None:
        for a in load([i for i in ids if i not in texts]):
            texts[a.id] = shingles(a.text)
            rank_of[a.id] = (-len(a.text), a.published or "9999", len(rank_of))

    for n, a in enumerate(new):
        mine = shingles(a.text)
        texts[a.id] = mine
        rank_of[a.id] = (-len(a.text), a.published or "9999", 10**9 + n)  # after every old article
        mh, sample = (_minhash(mine), _sample(mine)) if mine else (None, set())
        row = signature_row(a.id, a.text, mine, mh, sample)
        marks: list[tuple[str, str, str, float]] = []  # (copy, origin, kind, score)
        exact = seen.fingerprints.get(row[1])
        if exact is not None:
            marks.append((a.id, exact, "exact", 1.0))
        near_ids = [o for o in (seen.lsh.query(mh) if mh is not None else ()) if o != exact]
        hits = seen.shared(np.frombuffer(row[4], dtype=np.uint64))
        # Containment candidates by their sampled share first (either may hold the other): reading
        # back every article sharing a common phrase's hash was most of the time.
        floor = 0.7 * contained  # of the sample: room for its noise, as in find_duplicates
        inside = [o for o, n in hits.items() if seen.sizes[o] > len(mine) and n >= floor * len(sample)]
        around = [o for o, n in hits.items() if len(mine) > seen.sizes[o] and n >= floor * seen.samples[o]]
        shingles_of([*([exact] if exact else []), *near_ids, *inside, *around])
        for other in near_ids:
            jaccard = len(mine & texts[other]) / len(mine | texts[other])
            if jaccard >= near:
                marks.append((a.id, other, "near", jaccard))
        for other in inside:
            share = len(mine & texts[other]) / len(mine)
            if share >= contained:
                marks.append((a.id, other, "contained", share))
        for other in around:
            share = len(mine & texts[other]) / len(texts[other])
            if share >= contained:
                marks.append((other, a.id, "contained", share))
        for copy, origin, kind, score in marks:
            if rank_of[copy] < rank_of[origin]:
                copy, origin = origin, copy
            if copy in old_dups:
                continue  # already an old copy: it keeps its origin (or follows it to this one)
            if better(kind, score, found.get(copy)):
                found[copy] = Duplicate(copy, origin, kind, round(score, 3))
        seen.add(a.id, row[1], row[2], np.frombuffer(row[3], dtype=np.uint64),
                 np.frombuffer(row[4], dtype=np.uint64))
        out_rows.append(row)
    # Chains point at the root origin, as in a full build (old copies of a demoted article too).
    roots = {**old_dups, **found}
    out = []
    for copy, dup in roots.items():
        origin, hops = dup.origin, {copy}
        while origin in roots and origin not in hops:
            hops.add(origin)
            origin = roots[origin].origin
        if copy in found or origin != dup.origin:
            out.append(Duplicate(copy, origin, dup.kind, dup.score))
    olds = set(rank_of) - {a.id for a in new}
    return out, out_rows, sorted(c for c in found if c in olds)


def _detail(dups: list[Duplicate], how: str = "") -> str:
    kinds = {k: sum(d.kind == k for d in dups) for k in ("exact", "near", "contained")}
    return how + "copies (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")"


def run(ctx: Context) -> StageResult:
    s = ctx.settings
    new = pending(ctx, "dedup")
    if new is not None:
        old_dups = ctx.store.duplicates()
        dups, rows, demoted = find_new_duplicates(
            new, ctx.store.signatures(), old_dups, ctx.store.articles_by_id,
            near=s.near_dup_threshold, contained=s.containment_threshold)
        with ctx.store.db:
            ctx.store.add_duplicates(dups)
            ctx.store.put_signatures(rows, replace=False)
            ctx.store.set_folded("dedup", ctx.store.max_seq())
        also = f", {len(demoted)} old articles now copies of new originals" if demoted else ""
        return StageResult(len(dups), _detail(dups, f"of {len(new)} new articles: ") + also)
    rows = []
    dups = find_duplicates(ctx.store.articles(), near=s.near_dup_threshold,
                           contained=s.containment_threshold, rows=rows)
    with ctx.store.db:
        ctx.store.put_signatures(rows, replace=True)
    ctx.store.replace_duplicates(dups)
    mark_all(ctx, "dedup")
    return StageResult(len(dups), _detail(dups))
