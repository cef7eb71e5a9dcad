"""Local files and folders -> RawDocument (or a Rejection saying why a file cannot be read).

Nothing here parses article structure; it only decides what each file is and reads its bytes, so
one unreadable file becomes one rejection row and the walk goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..models import RawDocument, Rejection

CONTENT_TYPES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
WARC_SUFFIXES = (".warc", ".warc.gz")
_SKIP_NAMES = {"README.md", "LICENSE", "LICENSE.md", ".DS_Store"}


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _is_sidecar(path: Path) -> bool:
    """A ``name.json`` beside ``name.txt`` (or .md/.html) holds that article's metadata."""
    if path.suffix.lower() != ".json":
        return False
    return any(path.with_suffix(ext).exists() for ext, kind in CONTENT_TYPES.items() if kind != "json")


def load_sidecar(path: Path) -> dict:
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _walk(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def iter_files(paths: list[Path], *, max_file_mb: float) -> Iterator[RawDocument | Rejection]:
    """Yield one RawDocument per readable article file under ``paths``.

    ``path`` on each document is relative to the folder it was found in (the corpus root), or the
    file name when a single file was given, as the JSON export contract asks.
    """
    from .warc import read_warc  # web ingest is optional work; import only when a WARC shows up

    max_bytes = int(max_file_mb * 1024 * 1024)
    for given in paths:
        root = given if given.is_dir() else given.parent
        for path in _walk(given):
            rel = path.relative_to(root).as_posix()
            if path.name in _SKIP_NAMES or _is_sidecar(path):
                continue
            if _is_warc(path):
                yield from read_warc(path, root)
                continue
            kind = CONTENT_TYPES.get(path.suffix.lower())
            if kind is None:
                yield Rejection(
                    rel,
                    "ingest",
                    f"unsupported file type {path.suffix or '(none)'}; "
                    "use .txt, .md, .html, .json, .jsonl or .warc.gz",
                )
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    yield Rejection(
                        rel,
                        "ingest",
                        f"file is {size / 1e6:.1f} MB, over the "
                        f"{max_file_mb:g} MB limit (raise --max-file-mb to read it)",
                    )
                    continue
                content = path.read_bytes()
            except OSError as exc:
                yield Rejection(rel, "ingest", f"cannot read file: {exc.strerror or exc}")
                continue
            yield RawDocument(item=rel, content=content, content_type=kind, path=rel, meta=load_sidecar(path))
