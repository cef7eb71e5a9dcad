"""Read-only JSON API and browser UI over one event-map export.

``create_app(load_export)`` builds the FastAPI app; ``load_export()`` returns the ``eventmap/1``
export dict and is called once per API request, so the server always shows the latest build.
``CachedStoreLoader(db)`` is the loader ``eventmap serve`` uses: it re-reads the store only when
its files changed.

Endpoints (all GET, JSON):

``/api/stats``, ``/api/events``, ``/api/events/{id}``, ``/api/entities``, ``/api/articles``,
``/api/storylines``, ``/api/disagreements``, ``/api/links``, ``/api/search?q=``.
``/api/map/head`` is what the page opens on (the story overview and the default view, as
``map.html`` embeds it) and ``/api/map/rest`` every other event, read when the reader asks.
``/api/events?known_on=YYYY-MM-DD`` answers what was known that day (events reported by then).
Lists take ``?offset=&limit=`` (limit 1..500) and answer
``{"items": [...], "total": n, "offset": o, "limit": l}``. Every error answers
``{"error": {"code": "...", "message": "..."}}``. ``/`` serves the UI (the same scripts as
``map.html``, reading from the API), ``/static`` its assets, ``/openapi.json`` the schema.
Write endpoints (``POST /api/ingest``) exist only with ``allow_ingest=True``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventmap.config import Settings
from eventmap.export.known import events_known_on
from eventmap.export.map_html import (
    CYTOSCAPE_RUNTIME_STYLE,
    STATIC_DIR,
    csp_hash,
    map_blocks,
    render_index,
)
from eventmap.export.map_layers import rest_is_empty

log = logging.getLogger(__name__)

MAX_LIMIT = 500
DEFAULT_LIMIT = 100

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' " + csp_hash(CYTOSCAPE_RUNTIME_STYLE),
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
}


class IngestDocument(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, max_length=64)


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=1000)


def error_response(status: int, message: str, code: str | None = None) -> JSONResponse:
    """The one error envelope, with the security headers (also on 500s)."""
    body = {"error": {"code": code or _ERROR_CODES.get(status, "error"), "message": message}}
    return JSONResponse(body, status_code=status, headers=dict(SECURITY_HEADERS))


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


def _list(export: Mapping[str, Any], key: str) -> list[Any]:
    value = export.get(key)
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _page(items: list[Any], offset: int, limit: int) -> dict[str, Any]:
    return {"items": items[offset : offset + limit], "total": len(items), "offset": offset,
            "limit": limit}


def _event_outlets(event: Mapping[str, Any], outlet_of: Mapping[str, str]) -> set[str]:
    outlets = {str(o) for o in event.get("outlets") or [] if o}
    for m in event.get("mentions") or []:
        if isinstance(m, Mapping) and str(m.get("article")) in outlet_of:
            outlets.add(outlet_of[str(m.get("article"))])
    return outlets


def _event_text(event: Mapping[str, Any]) -> str:
    parts = [str(event.get("summary") or "")]
    for m in event.get("mentions") or []:
        if isinstance(m, Mapping):
            parts.append(str(m.get("sentence") or ""))
    return "\n".join(parts).lower()


def create_app(
    load_export: Callable[[], dict[str, Any]],
    *,
    allow_ingest: bool = False,
    ingest: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None,
    labels: int = Settings.map_labels,
) -> FastAPI:
    """Build the app. ``ingest`` (optional) receives the posted documents when ``allow_ingest``;
    ``labels``: events labelled on the page's timeline."""
    app = FastAPI(
        title="eventmap",
        summary="Read-only JSON API over an event map",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    def export() -> dict[str, Any]:
        data = load_export()
        if not isinstance(data, Mapping):
            raise ApiError(500, "the export loader returned no data", "no_export")
        return dict(data)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        return error_response(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "internal server error; see the server log")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(render_index(api_base="/api", static_prefix="/static"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    Offset = Query(0, ge=0, description="items to skip")
    Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"page size (max {MAX_LIMIT})")

    layers: list[Any] = []  # [export, head, rest] of the last export the page asked for

    def map_layer(part: str) -> dict[str, Any]:
        data = load_export()
        if not isinstance(data, Mapping):
            raise ApiError(500, "the export loader returned no data", "no_export")
        if not layers or layers[0] is not data:  # the loader hands back the same dict until a build
            head, rest = map_blocks(data, labels=labels)
            head["view"]["rest"] = "none" if rest_is_empty(rest) else "api"
            layers[:] = [data, head, rest]
        return layers[1] if part == "head" else layers[2]

    @app.get("/api/map/head")
    def map_head() -> dict[str, Any]:
        """The story overview and the default view (the salient events and what they point at)."""
        return map_layer("head")

    @app.get("/api/map/rest")
    def map_rest() -> dict[str, Any]:
        """Every item beyond the default view."""
        return map_layer("rest")

    @app.get("/api/stats")
    def stats() -> dict[str, Any]:
        data = export()
        raw = data.get("stats")
        counts = {k: len(_list(data, k)) for k in
                  ("articles", "entities", "events", "links", "storylines", "disagreements")}
        return {"schema": data.get("schema"), "stats": raw if isinstance(raw, Mapping) else {},
                "counts": counts}

    @app.get("/api/events")
    def events(
        offset: int = Offset,
        limit: int = Limit,
        storyline: str | None = Query(None, description="storyline id"),
        entity: str | None = Query(None, description="entity id (actor or place)"),
        outlet: str | None = Query(None, description="outlet name"),
        known_on: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                     description="YYYY-MM-DD: only events reported by then, with "
                                     "only the reports made by then"),
    ) -> dict[str, Any]:
        data = export()
        items = [e for e in _list(data, "events") if isinstance(e, Mapping)]
        if known_on:
            items = events_known_on(items, known_on)
        if storyline:
            items = [e for e in items if str(e.get("storyline")) == storyline]
        if entity:
            items = [e for e in items
                     if entity in {str(a) for a in e.get("actors") or []}
                     or str(e.get("place")) == entity]
        if outlet:
            outlet_of = {str(a.get("id")): str(a.get("outlet") or "")
                         for a in _list(data, "articles") if isinstance(a, Mapping)}
            items = [e for e in items if outlet in _event_outlets(e, outlet_of)]
        return _page(items, offset, limit)

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> dict[str, Any]:
        data = export()
        for ev in _list(data, "events"):
            if isinstance(ev, Mapping) and str(ev.get("id")) == event_id:
                break
        else:
            raise ApiError(404, f"no event with id {event_id!r}")
        wanted = {str(a) for a in ev.get("articles") or []}
        wanted |= {str(m.get("article")) for m in ev.get("mentions") or []
                   if isinstance(m, Mapping)}
        return {
            "event": ev,
            "links": [lk for lk in _list(data, "links") if isinstance(lk, Mapping)
                      and event_id in (str(lk.get("source")), str(lk.get("target")))],
            "disagreements": [d for d in _list(data, "disagreements") if isinstance(d, Mapping)
                              and str(d.get("event")) == event_id],
            "articles": [a for a in _list(data, "articles") if isinstance(a, Mapping)
                         and str(a.get("id")) in wanted],
        }

    def simple_list(key: str) -> Callable[..., dict[str, Any]]:
        def handler(offset: int = Offset, limit: int = Limit) -> dict[str, Any]:
            return _page(_list(export(), key), offset, limit)

        handler.__name__ = f"list_{key}"
        handler.__doc__ = f"The export's {key}, paged."
        return handler

    for key in ("entities", "articles", "storylines", "disagreements", "links"):
        app.add_api_route(f"/api/{key}", simple_list(key), methods=["GET"], name=f"list_{key}")

    @app.get("/api/search")
    def search(
        q: str = Query(..., min_length=1, max_length=500, description="words, all must occur"),
        offset: int = Offset,
        limit: int = Limit,
    ) -> dict[str, Any]:
        terms = [t for t in q.lower().split() if t]
        if not terms:
            raise ApiError(422, "q: give at least one word", "invalid_request")
        hits = [e for e in _list(export(), "events") if isinstance(e, Mapping)
                and all(t in _event_text(e) for t in terms)]
        body = _page(hits, offset, limit)
        body["q"] = q
        return body

    if allow_ingest:
        _add_ingest(app, ingest)
    return app


def _add_ingest(app: FastAPI, ingest: Callable[[list[dict[str, Any]]], dict[str, Any]] | None
                ) -> None:
    @app.post("/api/ingest", status_code=202)
    async def ingest_documents(request: Request) -> dict[str, Any]:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":  # also forces a CORS preflight for cross-site posts
            raise ApiError(415, "send the documents as application/json")
        if ingest is None:
            raise ApiError(501, "ingest is enabled but no ingest function was given to the app")
        try:
            body = IngestRequest.model_validate_json(await request.body())
        except ValueError as exc:
            raise ApiError(422, f"invalid ingest body: {str(exc)[:300]}") from exc
        result = ingest([d.model_dump() for d in body.documents])
        return {"accepted": len(body.documents), "result": result}


class CachedStoreLoader:
    """``load_export`` for one SQLite store that rebuilds the export only when the store changed.

    Building the export reads every table, and the page makes several API calls per load, so the
    export is kept in memory and keyed on the store's files (``db``, ``db-wal``: size and mtime).
    A build (or ``build --from``) writes one of them, so the next request sees it; ``stat`` is cheap.
    An empty ``-wal`` counts as none: opening the store read-only creates one.
    """

    def __init__(self, db: str | Path, load: Callable[[Path], dict[str, Any]] | None = None) -> None:
        self.db = Path(db)
        if load is None:
            from eventmap.api import load_export as load
        self._load = load
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._data: dict[str, Any] | None = None
        self.loads = 0  # how many times the store was read (tests, logs)

    def fingerprint(self) -> tuple[Any, ...]:
        key: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = (self.db.parent / (self.db.name + suffix)).stat()
            except FileNotFoundError:
                st = None
            # a reader's own connection creates an empty -wal file: that is no change
            key.append((st.st_mtime_ns, st.st_size, st.st_ino) if st and st.st_size else None)
        return tuple(key)

    def __call__(self) -> dict[str, Any]:
        with self._lock:  # one reload at a time; concurrent requests wait for it and share it
            key = self.fingerprint()
            if self._data is None or key != self._key:
                self._data = self._load(self.db)
                self._key = key
                self.loads += 1
            return self._data


def serve(
    load_export: Callable[[], dict[str, Any]],
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_ingest: bool = False,
    log_level: str = "info",
    labels: int = Settings.map_labels,
) -> None:
    """Run the app with uvicorn until interrupted (binds to loopback unless told otherwise)."""
    import uvicorn

    uvicorn.run(create_app(load_export, allow_ingest=allow_ingest, labels=labels), host=host, port=port,
                log_level=log_level)
