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
    new = ctx.store.articles_after(mark) if mark is not None else None
    if new is None or len(new) > ctx.settings.local_add_share * ctx.store.count("articles"):
        return None
    return new


def mark_all(ctx: Context, stage: str) -> None:
    """After a full recompute: the stage covers every article in the store."""
    with ctx.store.db:
        ctx.store.set_folded(stage, ctx.store.max_seq())


def files_current(ctx: Context, stage: str, *names: str) -> bool:
    """On an add, whether ``stage``'s output files already show the whole map: it wrote them after
    the last article came in (its own mark, set by ``mark_all`` after writing) and they are there.
    An add that brought nothing new keeps them: rewriting a large map's files costs far more than
    the add; one after ``add --no-render`` rewrites them."""
    return ctx.incremental and ctx.out_dir is not None and ctx.store.folded(stage) == ctx.store.max_seq() \
        and all((ctx.out_dir / name).is_file() for name in names)
