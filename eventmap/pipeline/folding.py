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
    """Articles ``stage`` has not folded in, oldest first; None: recompute over the whole store
    (a build, no mark, or more new articles than ``local_add_share`` of the store)."""
    if not ctx.incremental:
        return None
    mark = ctx.store.folded(stage)
    if mark is None:
        return None
    new = ctx.store.articles_after(mark)
    return new if len(new) <= ctx.settings.local_add_share * ctx.store.count("articles") else None


def mark_all(ctx: Context, stage: str) -> None:
    """After a full recompute: the stage covers every article in the store."""
    with ctx.store.db:
        ctx.store.set_folded(stage, ctx.store.max_seq())
