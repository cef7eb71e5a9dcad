"""A digest of some of eventmap's own source files: stored data that code made (merge's coreference
records, the export's event parts) is reused only while the digest of that code is the same."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def source_digest(files: Iterable[str], digest_size: int, preamble: bytes = b"") -> bytes:
    """blake2b of ``preamble``, then of each file (a path relative to the package) in order."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(preamble, digest_size=digest_size)
    for rel in files:
        h.update((root / rel).read_bytes())
    return h.digest()
