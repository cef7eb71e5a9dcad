"""The briefing leads with the story (issue 16): Markdown without raw HTML, storyline headings that
say who did what and when, sentences dated by their own event, no article disagreeing with itself."""

from __future__ import annotations

import re

from briefing_export import small_export, uncited_lines

from eventmap.export.briefing import build_briefing
from eventmap.export.briefing_render import md_escape, render_markdown


def test_markdown_carries_no_raw_html_from_articles() -> None:
    md = render_markdown(build_briefing(small_export()))
    assert "<script" not in md.lower() and "<img" not in md.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md  # the title, shown as text
    assert uncited_lines(md) == []


def test_md_escape_keeps_plain_text_readable() -> None:
    assert md_escape("AT&T said <b>no</b> [1]") == "AT&T said &lt;b&gt;no&lt;/b&gt; \\[1\\]"
    assert md_escape("&#60;script&#62;") == "&amp;#60;script&amp;#62;"
    assert re.fullmatch(r"[\w ,.]+", md_escape("Plain words, nothing else."))
