"""annotate: spaCy sentences, tokens, parse and entities for every unique article.

Work goes out in batches through the executor (a batch is a picklable list of (id, text)); each
worker loads the model once and returns Docs as bytes, and this process alone writes them to the
store. Long articles are split at paragraph breaks into chunks under ``max_chars`` and the chunk
Docs joined again, so offsets still index the full article text and nothing is dropped. spaCy gets the
pieces in groups of at most ``batch_size`` pieces and ``pipe_chars`` characters: parse memory grows
with the text parsed at once, and a batch of 16 long articles would otherwise be 16 chunks of
``max_chars`` in one ``nlp.pipe`` batch (a 2,000-article Timeline17 build peaked at 2.45 GB there).

Each article's title is parsed too, by the same model in the same worker, its site name and label
cut off first (``nlp.main_event.clean_title``), and kept as a ``TitleParse``: what the choice of
its main event reads of its headline. Titles are a few words each, parsed in one ``nlp.pipe`` per
batch. An article annotated before the store kept title parses gets one on the stage's next run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..models import Article, EntityMention, Sentence, TitleParse
from ..nlp.main_event import clean_title, read_title, truecase, verb_forms
from ..nlp.spacy_model import doc_to_bytes, load_model, model_label
from ..pipeline.context import Context
from ..pipeline.executors import Executor
from ..pipeline.runner import StageResult

if TYPE_CHECKING:
    from spacy.language import Language

_PARAGRAPH_END = re.compile(r"\n\s*\n")


def chunk_text(text: str, max_chars: int) -> list[str]:
    """Split at paragraph (else line, else space) breaks; the chunks concatenate to ``text``."""
    chunks: list[str] = []
    rest = text
    while len(rest) > max_chars:
        window = rest[:max_chars]
        cut = max((m.end() for m in _PARAGRAPH_END.finditer(window)), default=0)
        if cut == 0:
            cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or max_chars
        chunks.append(rest[:cut])
        rest = rest[cut:]
    chunks.append(rest)
    return chunks


def pipe_groups(texts: list[str], batch_size: int, pipe_chars: int) -> list[list[str]]:
    """Consecutive groups of at most ``batch_size`` texts and ``pipe_chars`` characters (a longer
    text goes alone); together they are ``texts`` in order."""
    groups: list[list[str]] = []
    chars = 0
    for text in texts:
        if not groups or len(groups[-1]) >= batch_size or chars + len(text) > pipe_chars:
            groups.append([])
            chars = 0
        groups[-1].append(text)
        chars += len(text)
    return groups


def annotate_batch(batch: list[tuple], model: str, batch_size: int, max_chars: int,
                   pipe_chars: int | None = None) -> list[tuple]:
    """Parse a batch of (article id, text): (article id, model, Doc bytes, sentences, entity
    mentions) each. An item (article id, text, (headline, aside)) (``clean_title``) gets its title's
    parse as a sixth element. Top-level so process and Dask workers can run it."""
    import numpy
    from spacy.tokens import Doc

    nlp = load_model(model)
    label = model_label(nlp)
    size = max(1, batch_size)
    pieces = [(item[0], chunk) for item in batch for chunk in chunk_text(item[1], max_chars)]
    groups = pipe_groups([c for _, c in pieces], size, pipe_chars or sum(len(c) for _, c in pieces))
    parsed = (doc for group in groups for doc in nlp.pipe(group, batch_size=size))
    docs: dict[str, list[Doc]] = {}
    for (aid, _), doc in zip(pieces, parsed, strict=True):
        doc.tensor = numpy.zeros((0,), dtype="float32")  # not stored; ~0.4 KB a token, freed now
        docs.setdefault(aid, []).append(doc)
    titles = parse_titles(nlp, [(item[0], item[1], item[2]) for item in batch if len(item) > 2], size)
    out: list[tuple] = []
    for item in batch:
        aid = item[0]
        parts = docs.pop(aid)
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        del parts
        sents = list(doc.sents)
        sentences = [Sentence(aid, i, s.start_char, s.end_char, s.text) for i, s in enumerate(sents)]
        # Sentence of each entity by bisecting sentence starts (no per-token dict).
        starts = [s.start for s in sents]
        mentions = [EntityMention(aid, bisect_right(starts, e.start) - 1, e.start_char, e.end_char,
                                  e.text, e.label_) for e in doc.ents]
        row = (aid, label, doc_to_bytes(doc), sentences, mentions)
        out.append(row + (titles[aid],) if len(item) > 2 else row)
    return out


def parse_titles(nlp: Language, items: list[tuple[str, str, tuple[str, str]]],
                 batch_size: int) -> dict[str, TitleParse]:
    """Article id -> its title's parse, for (article id, text, (headline, aside)) items: headline
    and aside written as sentences (``truecase``, by the article's own text), parsed in one pipe."""
    texts: list[str] = []
    for _, text, (headline, aside) in items:
        texts += [t for t in (truecase(headline, text), truecase(aside, text)) if t]
    # names come from proper nouns (``main_event._names_of``): the recogniser is half the cost
    docs = iter(nlp.pipe(texts, batch_size=max(1, batch_size), disable=["ner"]))
    out = {}
    for aid, text, (headline, aside) in items:
        head = next(docs) if headline else None
        rest = next(docs) if aside else None
        out[aid] = read_title(aid, head, rest, verb_forms(text) if head is not None else frozenset())
    return out


def _title_item(a: Article) -> tuple[str, str, tuple[str, str]]:
    return a.id, a.text, clean_title(a.title, a.outlet, a.text)


def _batches(ctx: Context, ids: list[str], size: int):
    """Read texts from the store one batch at a time, as the executor asks for them."""
    for i in range(0, len(ids), size):
        yield [_title_item(a) for a in ctx.store.articles_by_id(ids[i:i + size])]


def run(ctx: Context) -> StageResult:
    s = ctx.settings
    size = max(1, s.batch_size)
    _parse_old_titles(ctx, size)
    todo = ctx.store.unannotated_ids()
    if not todo:
        return StageResult(0, "articles parsed (all up to date)")
    executor = ctx.executor or Executor()
    done = 0
    # Each batch is written (one transaction per article) as soon as it comes back: a killed build
    # keeps every finished article and the next run picks up the rest.
    for results in executor.map(annotate_batch, _batches(ctx, todo, size), s.model, s.batch_size,
                                s.max_chars, s.pipe_chars):
        for aid, label, blob, sentences, mentions, title in results:
            ctx.store.put_annotation(aid, label, blob, sentences, mentions, title)
            done += 1
        ctx.progress("annotate", done, len(todo))
    return StageResult(done, "articles parsed")


def _parse_old_titles(ctx: Context, size: int) -> None:
    """Parse the titles of articles annotated before the store kept title parses (a store of an
    older eventmap): titles only, in this process."""
    old = ctx.store.untitled_ids()
    if not old:
        return
    nlp = load_model(ctx.settings.model)
    for i in range(0, len(old), 500):
        items = [_title_item(a) for a in ctx.store.articles_by_id(old[i:i + 500])]
        ctx.store.put_titles(parse_titles(nlp, items, size).values())
