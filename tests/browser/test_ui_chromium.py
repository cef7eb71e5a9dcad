"""The event-map UI in a real headless chromium (Debian's /usr/bin/chromium via Playwright).

Skipped cleanly when chromium or the playwright package is missing. Never downloads a browser.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventmap.export.map_html import render_map

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "export_small.json"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1500, "height": 900},
        )
        yield ctx
        ctx.close()


class Page:
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
        self.page.wait_for_selector("body[data-ready='1']", timeout=15000)
        return self.page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server_url(export: dict[str, Any]) -> Iterator[str]:
    import uvicorn

    from eventmap.web.server import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: export), host="127.0.0.1",
                                          port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _check_event_detail(page: Any) -> None:
    page.click("#evlist .ev-item[data-event-id='ev2']")
    detail = page.locator("#detail")
    detail.locator(".mention").first.wait_for()
    text = detail.inner_text()
    assert "Toravian patrol boats deployed to Greyfen Cove" in text
    assert "Toravia deployed patrol boats to Greyfen Cove in November, the ministry claims." in text
    assert "Coastal Wire" in text and "History Review" in text
    badges = [b.strip().lower() for b in detail.locator(".mention .badge").all_inner_texts()]
    assert badges == ["alleged", "denied"]
    assert detail.locator(".disagreements .claim").count() == 2
    # the payloads are shown as text, never parsed
    assert "</script><script>window.__pwned=1" in text
    assert "<img src=x onerror=" in text
    assert detail.locator("img").count() == 0
    # a javascript: url is not made into a link; real links are isolated
    assert page.locator("a[href^='javascript']").count() == 0
    link = detail.locator("a.src-title").first
    assert link.get_attribute("href") == "https://history.example/harbour"
    assert link.get_attribute("rel") == "noopener noreferrer"


def _check_not_pwned(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "PWNED"
    assert page.locator("body img").count() == 0


def _check_views(page: Any) -> None:
    # the timeline spans 1852..2025 in one view; a decade span and a day dot are both drawn
    assert page.locator(".tl-item[data-event-id='ev3'] rect.tl-span").is_visible()
    assert page.locator(".tl-item[data-event-id='ev1'] circle.tl-dot").is_visible()
    # undated events are one collapsed control; opening it lists them
    assert "Talks could resume" not in page.locator(".tl-undated").inner_text()
    page.click(".tl-undated summary")
    assert "Talks could resume" in page.locator(".tl-undated").inner_text()
    # clicking in the timeline opens the detail too
    page.click(".tl-item[data-event-id='ev3'] text")
    page.locator("#detail .detail-title").filter(has_text="First harbour wall").wait_for()
    assert "the 1860s" in page.locator("#detail").inner_text()
    # world map: placed entities drawn, the unlocated place listed
    assert page.locator(".geo-points circle").count() == 3
    assert "Greyfen Cove" in page.locator(".geo-unplaced").inner_text()
    assert page.locator("#graph canvas").count() > 0
    # full-text search over sentences filters every view (locator waits: the CSP forbids eval)
    page.fill("#f-q", "fabricated")
    sync_api.expect(page.locator("#evlist .ev-item")).to_have_count(1)
    assert page.locator(".tl-item").count() == 1
    page.fill("#f-q", "")
    page.select_option("#f-storyline", "s2")
    sync_api.expect(page.locator("#evlist .ev-item")).to_have_count(2)
    page.fill("#f-from", "1860")
    sync_api.expect(page.locator("#evlist .ev-item")).to_have_count(1)
    page.click(".filter-foot .btn")
    sync_api.expect(page.locator("#evlist .ev-item")).to_have_count(6)


def test_file_map_offline(browser: Any, export: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    path.write_text(render_map(export), encoding="utf-8")
    p = Page(browser)
    page = p.open(path.as_uri())
    assert page.locator("#title").inner_text().startswith("Harbour accord </script>")
    # articles, outlets, independent origins, events
    assert [s.strip() for s in page.locator(".stat-v").all_inner_texts()] == ["4", "4", "3", "6"]
    _check_event_detail(page)
    _check_views(page)
    _check_not_pwned(page)
    assert p.errors == []  # no CSP violations, no script errors
    assert all(u.startswith(("file:", "data:")) for u in p.requests), p.requests
    page.close()


def test_served_ui(browser: Any, server_url: str) -> None:
    p = Page(browser)
    page = p.open(server_url + "/")
    assert [s.strip() for s in page.locator(".stat-v").all_inner_texts()] == ["4", "4", "3", "6"]
    _check_event_detail(page)
    _check_views(page)
    _check_not_pwned(page)
    assert p.errors == []
    assert all(u.startswith(server_url) for u in p.requests), p.requests
    assert any(u.endswith("/api/map/head") for u in p.requests)
    page.close()


def test_empty_export_does_not_crash(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(render_map({}), encoding="utf-8")
    p = Page(browser)
    page = p.open(path.as_uri())
    assert page.locator("#title").inner_text() == "Event map"
    assert "Showing 0 of 0 events" in page.locator("#f-count").inner_text()
    assert p.errors == []
    page.close()
