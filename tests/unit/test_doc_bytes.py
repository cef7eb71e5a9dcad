"""Stored Docs: doc_to_bytes must give exactly the bytes DocBin.add + to_bytes give."""

from __future__ import annotations

import pytest

from eventmap.nlp.spacy_model import DOC_ATTRS, doc_from_bytes, doc_to_bytes, load_model

TEXTS = [
    "",
    "Putin visited Pyongyang on June 19, 2024, and signed a treaty with Kim Jong Un.",
    "BREAKING\n\nKURSK, Russia — Ukrainian troops crossed into Kursk Oblast on Aug. 6.  Officials "
    "said 10,000 troops had moved; “no evidence” was found, a spokesman told Reuters. _ ~ 🙂",
    "Él dijo: ¿qué? The 1953 armistice ended the fighting.\tSeoul and Washington disagreed.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_doc_to_bytes_equals_docbin(text: str) -> None:
    from spacy.tokens import DocBin

    doc = load_model("en_core_web_sm")(text)
    reference = DocBin(attrs=DOC_ATTRS, store_user_data=False)
    reference.add(doc)
    assert doc_to_bytes(doc) == reference.to_bytes()
    back = doc_from_bytes(doc_to_bytes(doc))
    assert back.text == doc.text
    assert [(t.lemma_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in back] == \
        [(t.lemma_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in doc]
    assert [(e.start, e.end, e.label_) for e in back.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
