"""Which articles a whole-corpus stage still has to fold in, and whether it may do so locally.

``eventmap build`` recomputes dedup, resolve, merge and link over the whole store and marks each
with the highest article seq it covered. ``eventmap add`` runs them incrementally: a stage with a
mark takes only the articles after it; one without (an older store, a killed full run) recomputes
everything and sets its mark again.

merge and link fold new mentions into what the store keeps of the old ones (their coreference
records: event classes, keys, stories), whose meaning is the code's. A store whose records other
code wrote (``records_code`` differs) is recomputed by both on its next add, as a build would: an
old "murder" class record would never meet a new mention filed under "killing".
"""

from __future__ import annotations

from functools import cache

from ..code_digest import source_digest
from ..models import Article
from .context import Context

WHOLE_CORPUS = ("dedup", "resolve", "merge", "link")
# The stages whose stored records only their own code can extend, and that code's files.
RECORDS_STAGES = ("merge", "link")
_RECORDS_FILES = ("nlp/event_coref.py", "nlp/mention_records.py", "nlp/lexicon.py", "nlp/stories.py",
                  "stages/merge.py")
_RECORDS_MARK = "records-code"  # kept in the folded-marks table, as a stage's mark is


@cache
def records_code() -> int:
    """A number that changes with the code that writes merge's records (a mark is an integer)."""
    return int.from_bytes(source_digest(_RECORDS_FILES, 4), "big") >> 1


def pending(ctx: Context, stage: str) -> list[Article] | None:
    """Articles ``stage`` has not folded in, oldest first; None: recompute over the whole store
    (a build, no mark, or more new articles than ``local_add_share`` of the store)."""
    if not ctx.incremental:
        return None
    if stage in RECORDS_STAGES and ctx.store.folded(_RECORDS_MARK) != records_code():
        return None  # records of other code: recompute, as a build does
    mark = ctx.store.folded(stage)
    new = ctx.store.articles_after(mark) if mark is not None else None
    if new is None or len(new) > ctx.settings.local_add_share * ctx.store.count("articles"):
        return None
    return new


def mark_all(ctx: Context, stage: str) -> None:
    """After a full recompute: the stage covers every article in the store. The last of the
    ``RECORDS_STAGES`` also marks the records as this code's (a run killed before it leaves them
    marked as other code's, so the next add recomputes both again)."""
    with ctx.store.db:
        ctx.store.set_folded(stage, ctx.store.max_seq())
        if stage == RECORDS_STAGES[-1]:
            ctx.store.set_folded(_RECORDS_MARK, records_code())


def files_current(ctx: Context, stage: str, *names: str) -> bool:
    """On an add, whether ``stage``'s output files already show the whole map: it wrote them after
    the last article came in (its own mark, set by ``mark_all`` after writing) and they are there.
    An add that brought nothing new keeps them: rewriting a large map's files costs far more than
    the add; one after ``add --no-render`` rewrites them."""
    return ctx.incremental and ctx.out_dir is not None and ctx.store.folded(stage) == ctx.store.max_seq() \
        and all((ctx.out_dir / name).is_file() for name in names)
