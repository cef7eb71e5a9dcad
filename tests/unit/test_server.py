"""JSON API: every endpoint, paging, error envelope, security headers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventmap.web.server import create_app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "export_small.json"


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client(export: dict[str, Any]) -> TestClient:
    return TestClient(create_app(lambda: export))


def _envelope(resp: Any, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body


@pytest.mark.parametrize("key", ["events", "entities", "articles", "storylines",
                                 "disagreements", "links"])
def test_list_endpoints_return_everything(client: TestClient, export: dict, key: str) -> None:
    r = client.get(f"/api/{key}")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(export[key])
    assert body["items"] == export[key]
    assert body["offset"] == 0 and body["limit"] == 100


def test_stats(client: TestClient, export: dict) -> None:
    body = client.get("/api/stats").json()
    assert body["stats"] == export["stats"]
    assert body["schema"] == "eventmap/1"
    assert body["counts"]["events"] == len(export["events"])


def test_paging(client: TestClient, export: dict) -> None:
    ids = [e["id"] for e in export["events"]]
    got: list[str] = []
    offset = 0
    while True:
        body = client.get(f"/api/events?offset={offset}&limit=4").json()
        assert body["total"] == len(ids) and body["limit"] == 4
        got += [e["id"] for e in body["items"]]
        if not body["items"]:
            break
        offset += len(body["items"])
    assert got == ids
    assert client.get("/api/events?offset=99").json()["items"] == []
    assert client.get("/api/events?limit=500").status_code == 200


@pytest.mark.parametrize("query", ["limit=501", "limit=0", "offset=-1", "limit=abc"])
def test_bad_paging_is_422_envelope(client: TestClient, query: str) -> None:
    _envelope(client.get(f"/api/events?{query}"), 422, "invalid_request")


def test_event_filters(client: TestClient) -> None:
    def ids(q: str) -> list[str]:
        return [e["id"] for e in client.get(f"/api/events?{q}").json()["items"]]

    assert ids("storyline=s2") == ["ev3", "ev4"]
    assert ids("entity=e_port") == ["ev1", "ev3", "ev5"]  # place counts
    assert ids("entity=e_min") == ["ev1", "ev5", "ev6"]
    assert ids("outlet=History%20Review") == ["ev2", "ev3", "ev4"]


def test_event_detail(client: TestClient) -> None:
    body = client.get("/api/events/ev2").json()
    assert body["event"]["summary"].startswith("Toravian patrol boats")
    assert {a["id"] for a in body["articles"]} == {"a2", "a4"}
    assert [d["kind"] for d in body["disagreements"]] == ["modality"]
    assert body["links"] == [{"source": "ev1", "target": "ev2", "kind": "cause",
                              "evidence": "in response to"}]


def test_event_404_envelope(client: TestClient) -> None:
    body = _envelope(client.get("/api/events/nope"), 404, "not_found")
    assert "nope" in body["error"]["message"]


def test_unknown_paths_404_envelope(client: TestClient) -> None:
    _envelope(client.get("/api/nothing-here"), 404, "not_found")
    _envelope(client.get("/no/such/page"), 404, "not_found")


def test_search(client: TestClient) -> None:
    body = client.get("/api/search?q=harbour wall").json()
    assert [e["id"] for e in body["items"]] == ["ev3"]
    # sentences are searched too, case-insensitively
    assert [e["id"] for e in client.get("/api/search?q=FABRICATED").json()["items"]] == ["ev2"]
    assert client.get("/api/search?q=zzzz").json()["total"] == 0
    _envelope(client.get("/api/search"), 422, "invalid_request")
    _envelope(client.get("/api/search?q=%20%20"), 422, "invalid_request")


def test_no_write_endpoints_by_default(client: TestClient) -> None:
    _envelope(client.post("/api/ingest", json={"documents": [{"text": "x"}]}), 404, "not_found")
    _envelope(client.delete("/api/events/ev1"), 405, "method_not_allowed")


def test_ingest_only_when_allowed(export: dict) -> None:
    seen: list[list[dict]] = []

    def fake_ingest(docs: list[dict]) -> dict:
        seen.append(docs)
        return {"queued": len(docs)}

    c = TestClient(create_app(lambda: export, allow_ingest=True, ingest=fake_ingest))
    r = c.post("/api/ingest", json={"documents": [{"text": "A dam failed.", "title": "t"}]})
    assert r.status_code == 202, r.text
    assert r.json()["accepted"] == 1 and seen[0][0]["text"] == "A dam failed."
    _envelope(c.post("/api/ingest", content="{}", headers={"content-type": "text/plain"}),
              415, "unsupported_media_type")
    _envelope(c.post("/api/ingest", json={"documents": []}), 422, "invalid_request")
    # without a function the route answers 501 rather than pretending
    c2 = TestClient(create_app(lambda: export, allow_ingest=True))
    _envelope(c2.post("/api/ingest", json={"documents": [{"text": "x"}]}), 501,
              "not_implemented")


def test_500_envelope_when_loader_fails() -> None:
    def broken() -> dict:
        raise RuntimeError("database is locked")

    c = TestClient(create_app(broken), raise_server_exceptions=False)
    r = c.get("/api/events")
    body = _envelope(r, 500, "internal_error")
    assert "database" not in body["error"]["message"]  # no internals leaked
    assert r.headers["x-content-type-options"] == "nosniff"


def test_empty_export() -> None:
    c = TestClient(create_app(lambda: {}))
    assert c.get("/api/events").json() == {"items": [], "total": 0, "offset": 0, "limit": 100}
    assert c.get("/api/stats").json()["stats"] == {}
    assert c.get("/api/search?q=x").json()["total"] == 0


def test_security_headers_and_index(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert 'name="eventmap-api" content="/api"' in r.text
    api = client.get("/api/events")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["cache-control"] == "no-store"


def test_static_assets(client: TestClient) -> None:
    r = client.get("/static/app/main.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/vendor/countries-110m.json").status_code == 200
    _envelope(client.get("/static/../server.py"), 404, "not_found")


def test_openapi_kept_docs_disabled(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/search" in spec["paths"]
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_cached_store_loader_reloads_only_when_the_store_changes(tmp_path: Path) -> None:
    import os

    from eventmap.web.server import CachedStoreLoader

    db = tmp_path / "eventmap.db"
    db.write_bytes(b"v1")
    reads: list[bytes] = []

    def load(path: Path) -> dict[str, Any]:
        reads.append(path.read_bytes())
        return {"schema": "eventmap/1", "events": [{"id": str(len(reads))}]}

    loader = CachedStoreLoader(db, load)
    client = TestClient(create_app(loader))
    for _ in range(5):
        assert client.get("/api/events").json()["items"] == [{"id": "1"}]
    assert loader.loads == 1
    # a build appends to the WAL file: the next request sees the new export
    (tmp_path / "eventmap.db-wal").write_bytes(b"wal")
    assert client.get("/api/events").json()["items"] == [{"id": "2"}]
    db.write_bytes(b"v2 longer")
    os.utime(db, ns=(1, 1))
    assert client.get("/api/events").json()["items"] == [{"id": "3"}]
    assert client.get("/api/stats").status_code == 200
    assert loader.loads == 3 and reads[-1] == b"v2 longer"
