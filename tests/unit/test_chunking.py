"""Long articles are split at paragraph breaks into chunks that concatenate back to the text."""

from __future__ import annotations

import pytest

from eventmap.stages.annotate import annotate_batch, chunk_text, pipe_groups


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


def test_pipe_groups_bound_pieces_and_characters() -> None:
    texts = ["a" * n for n in (10, 20, 30, 100, 5, 5, 5, 5, 40)]
    groups = pipe_groups(texts, 3, 50)
    assert [t for g in groups for t in g] == texts
    assert all(len(g) <= 3 for g in groups)
    assert all(sum(map(len, g)) <= 50 or len(g) == 1 for g in groups)
    assert ["a" * 100] in groups  # longer than the budget: parsed alone
    assert pipe_groups([], 3, 50) == []


@pytest.mark.slow
def test_grouping_pieces_by_characters_leaves_the_docs_unchanged() -> None:
    batch = [(f"a{i}", "\n\n".join(f"Talks {i} resumed in Geneva on May {d}, 2024, officials said."
                                   for d in range(1, 2 + 3 * i))) for i in range(6)]
    whole = annotate_batch(batch, "en_core_web_sm", 16, 300)
    assert annotate_batch(batch, "en_core_web_sm", 16, 300, pipe_chars=400) == whole
    assert annotate_batch(batch, "en_core_web_sm", 2, 300, pipe_chars=1) == whole
