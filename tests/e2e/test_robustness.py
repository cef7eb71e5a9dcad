"""Bad input never stops a build: each bad item gets a rejection with its reason, nothing valid is lost.

The corpus is written here (the 50 MB file too, in tmp_path): empty, binary, oversized, truncated
HTML, a wrong encoding, non-English, duplicated and malformed JSON/JSONL, next to valid articles.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from eventmap import api
from eventmap.config import load_settings

pytestmark = pytest.mark.slow


def article(topic: str, town: str, day: int) -> str:
    return (
        f"Council in {town} approves {topic} plan after long debate\n\n"
        f"The town council of {town} voted on Tuesday, March {day}, 2025, to approve the {topic} plan, "
        f"ending a debate that had divided residents for more than a year. The mayor of {town}, Ana "
        f"Costa, said the decision would allow work to begin in the spring and promised that the "
        f"{topic} project would be finished before the end of the following year. Opposition members "
        f"said the cost had doubled since the plan was first proposed and asked the regional auditor "
        f"to review the contracts. Residents who attended the meeting were divided, and several "
        f"said they would appeal the decision to the district court.\n"
    )


VALID = {
    "good-library.txt": article("library", "Tavira", 4),
    "good-bridge.md": "# " + article("bridge", "Lagos", 5),
    "nested/good-harbour.txt": article("harbour", "Olhao", 6),
}


def write_corpus(root: Path) -> dict[str, str]:
    """Write the corpus; returns bad item -> a word its rejection reason must contain."""
    for name, text in VALID.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    html_body = article("school", "Faro", 7).replace("\n\n", "</h1><p>")
    (root / "good-school.html").write_text(f"<html><head><title>School</title></head><body><h1>{html_body}"
                                           "</p></body></html>", encoding="utf-8")
    (root / "copy-of-library.txt").write_text(VALID["good-library.txt"], encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("  \n\n  ", encoding="utf-8")
    (root / "binary.txt").write_bytes(os.urandom(4096) + b"\x00" * 64)
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(256))
    with open(root / "huge.txt", "wb") as fh:  # 50 MB, over the 20 MB default limit
        block = article("stadium", "Evora", 8).encode() * 100
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    (root / "truncated.html").write_text("<html><head><title>Cut</title></head><body><p>The council vo",
                                         encoding="utf-8")
    (root / "latin1.txt").write_bytes(article("café", "Sétubal", 9).encode("cp1252"))
    (root / "french.txt").write_text(
        "Le conseil approuve la bibliothèque\n\n"
        + "Le conseil municipal a approuvé mardi le projet de bibliothèque après un long débat. " * 6,
        encoding="utf-8")
    (root / "broken.json").write_text('{"title": "Broken", "text": "The council', encoding="utf-8")
    good_line = json.dumps({"title": "Port", "outlet": "Coast Wire", "published": "2025-03-10",
                            "text": article("port", "Sines", 10)})
    other_line = json.dumps({"title": "Dam", "outlet": "Coast Wire", "text": article("dam", "Beja", 11)})
    lines = [good_line, "{not json", json.dumps({"title": "No text"}), json.dumps(["a", "list"]),
             other_line, good_line, good_line[: len(good_line) // 2]]
    (root / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return {
        "empty.txt": "empty", "blank.md": "empty", "binary.txt": "binary", "image.png": "unsupported",
        "huge.txt": "MB", "truncated.html": "", "latin1.txt": "UTF-8", "french.txt": "English",
        "broken.json": "JSON", "feed.jsonl#2": "JSON", "feed.jsonl#3": "text", "feed.jsonl#4": "object",
        "feed.jsonl#7": "JSON",
    }


@pytest.fixture(scope="module")
def robust(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("robust")
    corpus = tmp / "corpus"
    corpus.mkdir()
    bad = write_corpus(corpus)
    settings = load_settings(db=str(tmp / "eventmap.db"))
    summary = api.build([corpus], settings=settings, out=tmp / "out", progress=False)
    export = json.loads((tmp / "out" / "eventmap.json").read_text(encoding="utf-8"))
    return {"summary": summary, "export": export, "bad": bad}


def test_every_bad_item_has_a_rejection_with_a_reason(robust) -> None:
    reasons = {item: reason for item, _stage, reason in robust["summary"].rejections}
    for item, word in robust["bad"].items():
        assert item in reasons, f"{item} was dropped without a rejection ({sorted(reasons)})"
        assert reasons[item].strip() and word in reasons[item], (item, reasons[item])


def test_nothing_valid_is_lost(robust) -> None:
    paths = {a["path"] for a in robust["export"]["articles"]}
    assert set(VALID) | {"good-school.html", "copy-of-library.txt"} <= paths
    titles = {a["title"] for a in robust["export"]["articles"] if a["path"] == "feed.jsonl"}
    assert titles == {"Port", "Dam"}
    assert robust["export"]["events"], "the valid articles gave no events"


def test_duplicates_are_marked_not_dropped(robust) -> None:
    export = robust["export"]
    by_path = {a["path"]: a for a in export["articles"]}
    copy = by_path["copy-of-library.txt"]
    assert copy["duplicate_kind"] == "exact" or by_path["good-library.txt"]["duplicate_kind"] == "exact"
    reasons = {item: reason for item, _stage, reason in robust["summary"].rejections}
    # The JSONL line repeated verbatim is the same article: it must be accounted for, not vanish.
    assert "feed.jsonl#6" in reasons and "duplicate" in reasons["feed.jsonl#6"]
