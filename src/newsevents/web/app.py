"""The application `newsevents serve` runs: the JSON API (api.py) and the pages, with the
headers that keep a hostile report's markup inert and one shape for every API error."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.errors import FilterError, StoreError
from newsevents.model import EVENT_TYPES
from newsevents.store import Store
from newsevents.store import review as reviews
from newsevents.store.show import FIELDS, show
from newsevents.web import api, queries
from newsevents.web.marks import runs

log = logging.getLogger("newsevents.web")

STATIC = Path(__file__).parent / "static"
# A file of the front-end libraries `make assets` (or the package's build) puts there.
VENDOR_BUILT = STATIC / "vendor" / "leaflet" / "leaflet.js"

# No script but the package's own files, no inline script or style, no plug-ins, no frames.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

# ACLED's event types, each with the colour the map and the timeline draw it in.
TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
OTHER_COLOUR = "#95a5a6"
assert set(TYPE_COLOURS) == set(EVENT_TYPES), "a colour for every event type"


def type_class(event_type: Any) -> str:
    """The CSS class that colours an event type (inline styles are refused by the CSP)."""
    names = list(TYPE_COLOURS)
    return f"t{names.index(event_type)}" if event_type in TYPE_COLOURS else "t-other"


TYPES_CSS = (
    "".join(f".{type_class(t)} {{ background: {c}; }}\n" for t, c in TYPE_COLOURS.items())
    + f".t-other {{ background: {OTHER_COLOUR}; }}\n"
)


class DropEmptyQuery:
    """Leaves out of the query the parameters given empty ("?from=&type=Riots"): a filter
    form sends every field, and an empty one means no filter."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and query and (b"=&" in query or query.endswith(b"=")):
            kept = [kv for kv in query.split(b"&") if kv and not kv.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds HEADERS to every response (a plain ASGI middleware: no cost per request beyond
    the headers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(store: Store, token: str | None = None, reviewer: str = "analyst") -> FastAPI:
    """The app over `store`; writes need `token` (None: no writes), and are made in the name
    of `reviewer` unless a request names another."""
    app = FastAPI(
        title="newsevents",
        version=__version__,
        description="Incidents coded from news reports, each field with its evidence.",
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN: /docs is ours
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.token = token
    app.state.reviewer = reviewer
    app.add_middleware(DropEmptyQuery)
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    pages = Pages(app)
    _errors(app, pages)
    pages.routes()
    return app


def app_from_environment() -> FastAPI:
    """The app of one of `serve --workers N`'s processes: its store, token file and reviewer
    from the environment `serve` set."""
    import os

    from newsevents.web.token import load_or_create

    token, _ = load_or_create(Path(os.environ["NEWSEVENTS_SERVE_TOKEN_FILE"]))
    store = Store(os.environ["NEWSEVENTS_SERVE_DB"])
    return create_app(store, token, reviewer=os.environ.get("NEWSEVENTS_SERVE_REVIEWER", "analyst"))


# ---- errors: one shape for the API, a page for a person ----------------------------------


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def _errors(app: FastAPI, pages: Pages) -> None:
    def answer(request: Request, status: int, code: str, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return api.json_response(error_body(status, code, message), status)
        return pages.render("error.html", request, {"status": status, "message": message}, status)

    @app.exception_handler(api.ApiError)
    async def _api(request: Request, e: api.ApiError) -> Response:
        return answer(request, e.status, e.code, e.message)

    @app.exception_handler(FilterError)
    async def _filter(request: Request, e: FilterError) -> Response:
        return answer(request, 400, "invalid_parameter", str(e))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError) -> Response:
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request"
        return answer(request, 422, "invalid_parameter", message)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, e: HTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(e.status_code, "http_error")
        message = "no such page" if e.status_code == 404 else str(e.detail)
        return answer(request, e.status_code, code, message)

    @app.exception_handler(StoreError)
    async def _store(request: Request, e: StoreError) -> Response:
        log.error("store: %s", e)
        return answer(request, 503, "store_unavailable", "the store cannot be read now")

    @app.exception_handler(Exception)
    async def _bug(request: Request, _e: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return answer(request, 500, "internal_error", "the server failed; its log says why")


# ---- pages --------------------------------------------------------------------------------

FILTER_NAMES = (
    "from",
    "to",
    "country",
    "admin1",
    "type",
    "actor",
    "min_fatalities",
    "q",
    "bbox",
    "status",
)


def safe_url(url: Any) -> str | None:
    """An http(s) URL a page may link to; anything else (javascript:, data:) is shown as text."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


class Pages:
    """Server-rendered pages; the filters of each are its URL's query, so a view can be
    shared by its address."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.env = Environment(
            loader=PackageLoader("newsevents.web", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            colours=TYPE_COLOURS,
            other_colour=OTHER_COLOUR,
            event_types=EVENT_TYPES,
            version=__version__,
            assets=VENDOR_BUILT.exists(),
        )
        self.env.filters["safe_url"] = safe_url
        self.env.filters["type_class"] = type_class

    def render(
        self, name: str, request: Request, context: Mapping[str, Any], status: int = 200
    ) -> HTMLResponse:
        query = {k: v for k, v in request.query_params.items() if k in FILTER_NAMES and v}
        html = self.env.get_template(name).render(
            request_path=request.url.path, query=query, query_string=urlencode(query), **context
        )
        return HTMLResponse(html, status_code=status)

    def routes(self) -> None:
        app = self.app

        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        def map_page(request: Request, f: api.FiltersDep) -> HTMLResponse:
            total, _ = queries.list_incidents(store(request), f, queries.Page(limit=1))
            return self.render("map.html", request, {"page": "map", "total": total})

        @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
        def timeline_page(request: Request, f: api.FiltersDep) -> HTMLResponse:
            return self.render(
                "timeline.html",
                request,
                {"page": "timeline", "chart": chart(queries.timeline(store(request), f))},
            )

        @app.get("/table", response_class=HTMLResponse, include_in_schema=False)
        def table_page(request: Request, f: api.FiltersDep, p: api.PageDep) -> HTMLResponse:
            total, items = queries.list_incidents(store(request), f, p)
            return self.render(
                "table.html",
                request,
                {"page": "table", "total": total, "items": items, "p": p, "sorts": queries.SORTS},
            )

        @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
        def incident_page(request: Request, incident_id: str) -> HTMLResponse:
            shown = show(store(request), incident_id)
            if shown is None or shown["kind"] != "incident":
                raise api.ApiError(404, "not_found", f"no incident {incident_id[:80]!r}")
            return self.render("incident.html", request, incident_view(store(request), shown))

        @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
        def docs_page(request: Request) -> HTMLResponse:
            return self.render("docs.html", request, {"page": "docs", "spec": app.openapi()})

        @app.get("/types.css", include_in_schema=False)
        def types_css() -> Response:
            return Response(TYPES_CSS, media_type="text/css")

        @app.get("/favicon.ico", include_in_schema=False)
        def favicon() -> Response:
            return RedirectResponse("/static/favicon.svg")


def store(request: Request) -> Store:
    found: Store = request.app.state.store
    return found


def incident_view(st: Store, shown: Mapping[str, Any]) -> dict[str, Any]:
    """What the incident page shows: the fields, each report's text in runs with the evidence
    quotes marked, the figures, the story, the audit trail and the events to split out."""
    inc = shown["incident"]
    evidence = shown["evidence"]
    texts = queries.texts(st, [s["doc_id"] for s in shown["sources"]])
    sources = []
    for s in shown["sources"]:
        mine = [e for e in evidence if e.get("doc_id") == s["doc_id"]]
        text_runs, cut = runs(texts.get(s["doc_id"], ""), mine)
        sources.append({**s, "runs": text_runs, "cut": cut, "n_quotes": len(mine)})
    reviewed = set((inc.get("review") or {}).get("fields") or ())
    fields = [
        (name, shown_value(inc.get(name)), name in reviewed) for name in FIELDS if name in inc
    ]
    _, members = queries.event_list(st, shown["id"], queries.Page(limit=1000, sort="event_date"))
    return {
        "page": "incident",
        "shown": shown,
        "inc": inc,
        "fields": fields,
        "sources": sources,
        "members": members,
        "audit": shown.get("audit") or reviews.audit(st, shown["id"]),
        "editable": reviews.EDITABLE,
    }


def shown_value(value: Any) -> str:
    """A field's value as the page writes it: a mapping as "key: value" pairs, a list one item
    after another, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {shown_value(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return " | ".join(shown_value(v) for v in value)
    return str(value)


def chart(data: Mapping[str, Any], width: int = 960, height: int = 320) -> dict[str, Any]:
    """The timeline as stacked bars, in SVG coordinates: one bar per day (or week, month),
    one block per event type, the highest bar the chart's height."""
    days: list[str] = data["days"]
    totals = [sum(counts[i] for counts in data["types"].values()) for i in range(len(days))]
    top = max(totals, default=0) or 1
    left, bottom = 40, 24
    plot_w, plot_h = width - left - 8, height - bottom - 8
    step = plot_w / max(len(days), 1)
    bars = []
    for i, day in enumerate(days):
        y = 8 + plot_h
        for kind, counts in data["types"].items():
            n = counts[i]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(
                {
                    "x": round(left + i * step, 2),
                    "y": round(y, 2),
                    "w": round(max(step - 1, 0.5), 2),
                    "h": round(h, 2),
                    "type": kind,
                    "colour": TYPE_COLOURS.get(kind, OTHER_COLOUR),
                    "title": f"{day}: {n} {kind}",
                }
            )
    ticks = []
    if days:
        every = max(1, len(days) // 8)
        ticks = [
            {"x": round(left + i * step + step / 2, 2), "label": days[i]}
            for i in range(0, len(days), every)
        ]
    return {
        **data,
        "width": width,
        "height": height,
        "bars": bars,
        "ticks": ticks,
        "top": top,
        "axis": {"left": left, "base": 8 + plot_h},
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "today": date.today().isoformat(),
    }
