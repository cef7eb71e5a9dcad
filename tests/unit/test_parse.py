"""Ingest parsing: decoding, front matter, sidecars, JSONL, dates, rejections. No spaCy needed."""

from __future__ import annotations

import json

import pytest

from eventmap.models import Article, RawDocument, Rejection
from eventmap.sources.files import iter_files
from eventmap.sources.parse import (
    Unreadable,
    decode,
    infer_published,
    normalize_date,
    parse_document,
    split_front_matter,
)

BODY = ("The river authority said on Monday that the old bridge in the town would close for "
        "repairs after engineers found cracks in two of its piers during a routine inspection. ")


def _doc(content: bytes | str, kind: str = "text", **kw) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawDocument(item=kw.pop("item", "a.txt"), content=data, content_type=kind, path="a.txt", **kw)


def _one(doc: RawDocument) -> Article | Rejection:
    results = list(parse_document(doc))
    assert len(results) == 1
    return results[0]


def test_front_matter_gives_metadata_and_title() -> None:
    text = ("---\noutlet: River News\nurl: https://river.example/a\npublished: 2025-03-14\n---\n"
            f"Bridge shut\n\n{BODY}")
    art = _one(_doc(text))
    assert isinstance(art, Article)
    assert (art.title, art.outlet, art.url, art.published, art.published_source) == (
        "Bridge shut", "River News", "https://river.example/a", "2025-03-14", "metadata")
    assert art.text.startswith("The river authority")


def test_outlet_falls_back_to_url_domain_then_unknown() -> None:
    art = _one(_doc(f"Title\n{BODY}", meta={"url": "https://www.example.org/x"}))
    assert isinstance(art, Article) and art.outlet == "example.org"
    art = _one(_doc(f"Title\n{BODY}"))
    assert isinstance(art, Article) and art.outlet == "unknown" and art.published_source == "none"


def test_published_from_the_url_path_then_a_dateline() -> None:
    art = _one(_doc(f"Bridge shut\n{BODY}", meta={"url": "https://river.example/2013/03/11/bridge-shut"}))
    assert isinstance(art, Article) and (art.published, art.published_source) == ("2013-03-11", "url")
    # A stamp line above the story dates the page, and the stamp is still read when chrome removal
    # would take the line away.
    art = _one(_doc(f"Bridge shut\nUpdated 09:30 GMT, Tue 12 March 2013\n{BODY}"))
    assert isinstance(art, Article) and (art.published, art.published_source) == ("2013-03-12", "dateline")
    # Metadata wins over both.
    art = _one(_doc(f"---\npublished: 2013-03-14\n---\nBridge shut\nMarch 12, 2013 at 1:00pm\n{BODY}",
                    meta={"url": "https://river.example/2013/03/11/x"}))
    assert isinstance(art, Article) and (art.published, art.published_source) == ("2013-03-14", "metadata")


def test_a_sentence_that_names_a_date_is_not_a_dateline() -> None:
    from eventmap.sources.dates import dateline_date, url_date

    assert dateline_date("On 4 October 2013 the council voted to close the road.") is None
    assert dateline_date("The war began on June 25, 1950.") is None
    assert dateline_date("By the time of March 12, 2013, the road was shut.") is None
    assert dateline_date("4 October 2013, 18: 07 (GMT+05: 00)\nThe council voted.") == "2013-10-04"
    assert dateline_date("By Jane Roe and John Doe, March 12, 2013") == "2013-03-12"
    assert dateline_date("Mar 12 2013 | 4:36pm EDT") == "2013-03-12"
    assert dateline_date("on July 13, 2009 at 10:50 AM, updated July 29, 2009 at 12:16 PM") == "2009-07-13"
    assert dateline_date("10:55 P.M. FEB. 2, 2009") == "2009-02-02"
    assert url_date("https://x.example/news/2009/Feb/02/lineman-charged/") == "2009-02-02"
    assert dateline_date("February 30, 2013") is None  # no such day
    assert dateline_date("Published 3 January 2031", today=__import__("datetime").date(2026, 1, 1)) is None
    # Only the top of the page: a stamp deep in the text is a quoted or archived one.
    assert dateline_date("\n".join(["A line of the story."] * 6 + ["March 12, 2013"])) is None
    assert url_date("https://x.example/news/world-12345678") is None
    assert url_date("https://x.example/2099/01/01/future") is None


def test_published_inferred_from_text() -> None:
    text = f"Update\n{BODY}As of today, December 3rd, the talks that began in 2023 resumed in 2024."
    art = _one(_doc(text))
    assert isinstance(art, Article)
    assert (art.published, art.published_source) == ("2024-12-03", "inferred")
    assert infer_published("As of today, March 24th, crews worked. It is 2025.") == "2025-03-24"
    assert infer_published("No date here at all.") is None


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("Caf\xe9 na pra\xe7a, not utf-8 at all".encode("latin-1"), "not UTF-8"),
])
def test_unreadable_bytes_are_rejected_with_reason(content: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        decode(content)
    result = _one(_doc(content))
    assert isinstance(result, Rejection) and reason in result.reason


def test_short_and_non_english_texts_are_rejected() -> None:
    short = _one(_doc("Title\nToo short to be news."))
    assert isinstance(short, Rejection) and "too short" in short.reason
    german = ("Titel\n" + "Die Regierung hat am Montag beschlossen, dass die alte Brücke in der Stadt "
              "wegen Reparaturen geschlossen wird, nachdem Ingenieure Risse gefunden haben. " * 3)
    rejected = _one(_doc(german))
    assert isinstance(rejected, Rejection) and "not English" in rejected.reason


def test_jsonl_keeps_good_lines_and_rejects_bad_ones() -> None:
    lines = [json.dumps({"title": "One", "text": BODY, "outlet": "A", "published": "2025-01-02"}),
             "{not json",
             json.dumps({"title": "No text"}),
             json.dumps({"title": "Two", "body": BODY + " More.", "source": "B"})]
    results = list(parse_document(_doc("\n".join(lines), "jsonl", item="f.jsonl")))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "Rejection", "Rejection", "Article"]
    assert results[1].item == "f.jsonl#2" and "not valid JSON" in results[1].reason
    assert results[3].outlet == "B"


def test_html_page_uses_trafilatura_metadata() -> None:
    html = ("<html><head><title>Bridge shut | River News</title>"
            "<meta property='og:site_name' content='River News'>"
            "<meta property='article:published_time' content='2025-03-15T08:00:00Z'></head><body>"
            "<nav>Home | World | Sport</nav><article><h1>Bridge shut</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article><footer>Copyright</footer></body></html>")
    art = _one(_doc(html, "html"))
    assert isinstance(art, Article)
    assert art.outlet == "River News" and art.published == "2025-03-15"
    assert art.published_source == "html" and "Copyright" not in art.text


def test_a_published_time_with_milliseconds_beats_a_related_story_date() -> None:
    # "2025-11-02T19:20:44.000Z" is how some outlets write article:published_time; htmldate cannot
    # read it and took the first date of the body instead: a related story's.
    html = ("<html><head><title>Bridge shut | River News</title>"
            "<meta property='article:published_time' content='2025-11-02T19:20:44.000Z'></head><body>"
            f"<article><h1>Bridge shut</h1><p>{BODY}</p><p>{BODY}</p>"
            "<section><h2>More on this story</h2><ul><li><a href='#'>Cracks found in old bridge</a>"
            "<span class='date'>Published 31 October 2025</span></li></ul></section></article></body></html>")
    art = _one(_doc(html, "html"))
    assert isinstance(art, Article)
    assert (art.published, art.published_source) == ("2025-11-02", "html")


def test_a_copyright_year_is_no_publication_day_and_a_wire_dateline_gives_it() -> None:
    # With no date field, htmldate's wide search reads the footer's "(c) 2026" as 1 January 2026;
    # the wire dateline says the day, the footer only the year.
    page = ("<html><head><title>Ferry grounded | Coast Wire</title></head><body><article>"
            "<h1>Ferry grounded</h1>"
            f"<p>OBAN, March 3 (Reuters) - A ferry ran aground near Oban on Tuesday. {BODY}</p><p>{BODY}</p>"
            "</article><footer><p>\u00a9 2026 Coast Wire Ltd</p></footer></body></html>")
    art = _one(_doc(page, "html"))
    assert isinstance(art, Article)
    assert (art.published, art.published_source) == ("2026-03-03", "dateline")
    # without a dateline the page stays undated rather than dated to New Year's Day
    art = _one(_doc(page.replace("OBAN, March 3 (Reuters) - ", ""), "html"))
    assert isinstance(art, Article) and art.published != "2026-01-01"


def test_normalize_date_and_front_matter_edge_cases() -> None:
    assert normalize_date("2025-03-15T08:00:00Z") == "2025-03-15"
    assert normalize_date("2025-02-30") is None
    assert normalize_date("yesterday") is None
    meta, body = split_front_matter("no front matter\nbody")
    assert meta == {} and body.startswith("no front matter")


def test_iter_files_skips_sidecars_and_rejects_unknown_types(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"Title\n{BODY}", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"outlet": "Side"}), encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(f"# Heading\n{BODY}", encoding="utf-8")
    items = list(iter_files([tmp_path], max_file_mb=1))
    docs = {i.item: i for i in items if isinstance(i, RawDocument)}
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert set(docs) == {"a.txt", "sub/b.md"}
    assert docs["a.txt"].meta == {"outlet": "Side"}
    assert len(rejected) == 1 and "unsupported file type .docx" in rejected[0].reason


def test_iter_files_rejects_files_over_the_size_limit(tmp_path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * 300_000)
    [rejection] = list(iter_files([tmp_path], max_file_mb=1))
    assert isinstance(rejection, Rejection) and "over the 1 MB limit" in rejection.reason
