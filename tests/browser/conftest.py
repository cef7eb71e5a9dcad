"""Shared browser-test fixtures: Debian's chromium driven by Playwright, and a loopback uvicorn.

Never downloads a browser: tests that need one skip when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless chromium context per module (1400x900, the README screenshot's size)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with tempfile.TemporaryDirectory(prefix="eventmap-chromium-") as profile, \
            sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        yield ctx
        ctx.close()


class LoggedPage:
    """A page plus what it logged: console errors, page errors, requested URLs."""

    def __init__(self, ctx: Any) -> None:
        self.page = ctx.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=20000)
        return self.page


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Callable[[str], LoggedPage]]:
    pages: list[LoggedPage] = []

    def _open(url: str) -> LoggedPage:
        lp = LoggedPage(chromium)
        pages.append(lp)
        lp.open(url)
        return lp

    yield _open
    for lp in pages:
        lp.page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 15 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def serve_app() -> Callable[[Any], Any]:
    """``with serve_app(app) as url:`` runs ``app`` on loopback for the block."""
    return running_server
