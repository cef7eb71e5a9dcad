"""Which articles a whole-corpus stage still has to fold in, and whether it may do so locally.

``eventmap build`` recomputes dedup, resolve, merge and link over the whole store and marks each
with the highest article seq it covered. ``eventmap add`` runs them incrementally: a stage with a
mark takes only the articles after it; one without (an older store, a killed full run) recomputes
everything and sets its mark again.
"""

from __future__ import annotations

from ..models import Article
from .context import Context

WHOLE_CORPUS = ("dedup", "resolve", "merge", "link")


def pending(ctx: Context, stage: str) -> list[Article] | None:
    """Articles ``stage`` has not folded in, oldest first; None: recompute over the whole store."""
    if not ctx.incremental:
        return None
    mark = ctx.store.folded(stage)
    return None if mark is None else ctx.store.articles_after(mark)


def mark_all(ctx: Context, stage: str) -> None:
    """After a full recompute: the stage covers every article in the store."""
    with ctx.store.db:
        ctx.store.set_folded(stage, ctx.store.max_seq())
