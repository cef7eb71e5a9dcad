"""Long articles are split at paragraph breaks into chunks that concatenate back to the text."""

from __future__ import annotations

import pytest

from eventmap.stages.annotate import annotate_batch, chunk_text


def test_chunks_concatenate_and_respect_the_limit() -> None:
    text = "\n\n".join(f"Paragraph {i} " + "word " * 40 for i in range(50))
    chunks = chunk_text(text, 500)
    assert "".join(chunks) == text
    assert all(len(c) <= 500 for c in chunks)
    assert all(c.endswith("\n\n") for c in chunks[:-1])  # cut after a paragraph break


def test_text_without_breaks_is_cut_at_spaces_or_hard() -> None:
    spaced = "word " * 300
    assert "".join(chunk_text(spaced, 100)) == spaced
    solid = "x" * 1000
    chunks = chunk_text(solid, 300)
    assert "".join(chunks) == solid and max(map(len, chunks)) == 300


@pytest.mark.slow
def test_a_chunked_article_keeps_offsets_into_the_full_text() -> None:
    text = "\n\n".join(f"The council met in Lisbon on March {i}, 2025. Officials voted."
                       for i in range(1, 29))
    [(aid, _, _, sentences, mentions)] = annotate_batch([("a1", text)], "en_core_web_sm", 8, 300)
    assert aid == "a1"
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert sum("Lisbon" == m.text for m in mentions) == 28
