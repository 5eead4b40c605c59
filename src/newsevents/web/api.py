"""The JSON API under /api: incidents (with the filters of `newsevents events`, a bounding box,
pages and sorting, as JSON, GeoJSON or ACLED's CSV), each incident whole with its figures,
events and audit trail, the coder's events, the reports (sources) and the stories; review
actions that need the bearer token.

Every error is one shape, {"error": {"status", "code", "message"}} (see app.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from newsevents.errors import ReviewError
from newsevents.store import Filters, Store, parse_bbox
from newsevents.store import review as reviews
from newsevents.store.export import COLUMNS, acled_row, feature
from newsevents.store.show import show
from newsevents.web import queries
from newsevents.web.token import matches

router = APIRouter(prefix="/api")

TEXT_MAX = 1000  # characters of a text filter (as Filters allows)
REASON_MAX = 2000  # characters of a reviewer's reason


class ApiError(Exception):
    """An answer in the one error shape: status, a code a program can test, a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# The dependencies below do no I/O: async, so FastAPI calls them on the server's own
# thread rather than handing each to a worker thread.
async def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


async def filters(
    date_from: Annotated[
        date | None, Query(alias="from", description="On or after (ISO date).")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="On or before (ISO date).")
    ] = None,
    country: Annotated[str | None, Query(max_length=128, description="Name or ISO3 code.")] = None,
    admin1: Annotated[
        str | None, Query(max_length=255, description="First-order division.")
    ] = None,
    event_type: Annotated[
        str | None, Query(alias="type", max_length=64, description="Event type or sub-type.")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=TEXT_MAX, description="Part of an actor's name.")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=TEXT_MAX,
            description="Words all found in notes, places, actors, titles, quotes.",
        ),
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, description="west,south,east,north in degrees.")
    ] = None,
    status: Annotated[Literal["machine", "reviewed", "rejected"] | None, Query()] = None,
) -> Filters:
    return Filters(
        date_from=date_from,
        date_to=date_to,
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        actor=actor or None,
        min_fatalities=min_fatalities,
        text=q or None,
        bbox=parse_bbox(bbox),
        status=status,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


async def page(
    limit: Annotated[int, Query(ge=1, le=queries.LIMIT_MAX)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    sort: Annotated[
        str,
        Query(
            max_length=40,
            description="One of " + ", ".join(queries.SORTS) + "; '-' before it for descending.",
        ),
    ] = queries.DEFAULT_SORT,
) -> queries.Page:
    return queries.Page(limit=limit, offset=offset, sort=sort)


PageDep = Annotated[queries.Page, Depends(page)]


def json_response(
    content: Any, status: int = 200, media_type: str = "application/json"
) -> Response:
    body = json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":"))
    return Response(body.encode(), status_code=status, media_type=media_type)


# A page this size or smaller, with no word or actor to look for, is answered in a few
# milliseconds from the indexes: on the server's own thread, with no hand-off to a worker
# thread. Searches read every row and go to a worker thread, so they hold up no one.
QUICK_LIMIT = 500


@router.get("/incidents", summary="Incidents, filtered, sorted and in pages")
async def list_incidents(
    store: StoreDep,
    f: FiltersDep,
    p: PageDep,
    format: Annotated[Literal["json", "geojson", "csv"], Query()] = "json",
) -> Response:
    """JSON: `{"total", "limit", "offset", "sort", "items"}`, each item an incident's summary;
    GeoJSON: a FeatureCollection of the same (with `total`); CSV: ACLED's columns and ours,
    one row per incident, as `newsevents export` writes them."""
    if format == "json" and p.limit <= QUICK_LIMIT and not (f.text or f.actor):
        return _list(store, f, p, format)
    return await run_in_threadpool(_list, store, f, p, format)


def _list(store: Store, f: Filters, p: queries.Page, format: str) -> Response:
    if format == "csv":
        total, records = queries.list_incidents(store, f, p, full=True)
        out = io.StringIO()
        from newsevents.output import csv_cell

        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for r in records:
            writer.writerow({k: csv_cell(v) for k, v in acled_row(r).items()})
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"X-Total-Count": str(total)},
        )
    total, items = queries.list_incidents(store, f, p)
    if format == "geojson":
        return json_response(
            {
                "type": "FeatureCollection",
                "total": total,
                "features": [feature(i, "incident_id") for i in items],
            },
            media_type="application/geo+json",
        )
    return json_response(
        {"total": total, "limit": p.limit, "offset": p.offset, "sort": p.sort, "items": items}
    )


def _incident(store: Store, incident_id: str) -> dict[str, Any]:
    shown = show(store, incident_id)
    if shown is None or shown["kind"] != "incident":
        raise ApiError(404, "not_found", f"no incident {incident_id[:80]!r}")
    return shown


@router.get("/incidents/{incident_id}", summary="One incident whole")
def get_incident(store: StoreDep, incident_id: str) -> Response:
    """Its coded fields, sources, figures with claimants, evidence in context, story and the
    story's other incidents, and its audit trail (as `newsevents show --format json`)."""
    return json_response(_incident(store, incident_id))


@router.get("/incidents/{incident_id}/figures", summary="An incident's figures")
def get_figures(store: StoreDep, incident_id: str) -> Response:
    """Every figure each report gave, per count, with its claimant, quote and whether a later
    one superseded it; and the best figure, low and high it gives."""
    shown = _incident(store, incident_id)
    inc = shown["incident"]
    return json_response(
        {
            "incident_id": incident_id,
            "fatalities": inc.get("fatalities"),
            "fatalities_low": inc.get("fatalities_low"),
            "fatalities_high": inc.get("fatalities_high"),
            "figures": shown["figures"],
        }
    )


@router.get("/incidents/{incident_id}/events", summary="The coder's events of an incident")
def get_incident_events(store: StoreDep, incident_id: str, p: PageDep) -> Response:
    _incident(store, incident_id)
    total, items = queries.event_list(store, incident_id, p)
    return json_response({"total": total, "limit": p.limit, "offset": p.offset, "items": items})


@router.get("/incidents/{incident_id}/audit", summary="An incident's audit trail")
def get_audit(store: StoreDep, incident_id: str) -> Response:
    """Every review action on it, oldest first: who, when, action, field, old, new, reason."""
    _incident(store, incident_id)
    return json_response({"incident_id": incident_id, "audit": reviews.audit(store, incident_id)})


@router.get("/events", summary="Events as the coder wrote them")
def list_events(
    store: StoreDep,
    p: PageDep,
    incident: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    total, items = queries.event_list(store, incident, p)
    return json_response({"total": total, "limit": p.limit, "offset": p.offset, "items": items})


@router.get("/events/{event_id}", summary="One event as the coder wrote it")
def get_event(store: StoreDep, event_id: str) -> Response:
    shown = show(store, event_id)
    if shown is None or shown["kind"] != "event":
        raise ApiError(404, "not_found", f"no event {event_id[:80]!r}")
    return json_response(shown)


@router.get("/sources", summary="The reports stored")
def list_sources(store: StoreDep, p: PageDep) -> Response:
    total, items = queries.source_list(store, p)
    return json_response({"total": total, "limit": p.limit, "offset": p.offset, "items": items})


@router.get("/sources/{doc_id:path}", summary="One report with its text")
def get_source(store: StoreDep, doc_id: str) -> Response:
    found = queries.source(store, doc_id) if len(doc_id) <= 512 else None
    if found is None:
        raise ApiError(404, "not_found", f"no report {doc_id[:80]!r}")
    return json_response(found)


@router.get("/stories", summary="Stories: incidents reports tell of together")
def list_stories(store: StoreDep, p: PageDep) -> Response:
    total, items = queries.story_list(store, p)
    return json_response({"total": total, "limit": p.limit, "offset": p.offset, "items": items})


@router.get("/stories/{story_id}", summary="One story with its incidents")
def get_story(store: StoreDep, story_id: str) -> Response:
    found = queries.story(store, story_id) if len(story_id) <= 64 else None
    if found is None:
        raise ApiError(404, "not_found", f"no story {story_id[:80]!r}")
    return json_response(found)


# ---- review: writes need the bearer token ----------------------------------------------


def reviewer(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The token is checked; the default reviewer's name is given back."""
    token: str | None = request.app.state.token
    if token is None:
        raise ApiError(
            403, "read_only", "this server takes no writes (it was started without a token)"
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "writes need the header Authorization: Bearer TOKEN")
    if not matches(given.strip(), token):
        raise ApiError(401, "unauthorized", "the bearer token is wrong")
    name: str = request.app.state.reviewer
    return name


ReviewerDep = Annotated[str, Depends(reviewer)]


class Review(BaseModel):
    reason: str = Field("", max_length=REASON_MAX)
    reviewer: str | None = Field(None, max_length=100, description="Who; else the server's user.")


class Edit(Review):
    fields: dict[str, Any] = Field(description="Field names and their new values.")


class Merge(Review):
    other: str = Field(max_length=64, description="The incident merged into this one.")


class Split(Review):
    events: list[str] = Field(description="The ids of the events (ne-...) split out.")


def _act(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except ReviewError as e:
        code = {404: "not_found", 409: "conflict"}.get(e.status, "invalid_review")
        raise ApiError(e.status, code, str(e)) from e


@router.post("/incidents/{incident_id}/accept", summary="Accept an incident")
def accept(store: StoreDep, who: ReviewerDep, incident_id: str, body: Review) -> Response:
    record = _act(lambda: reviews.accept(store, incident_id, body.reviewer or who, body.reason))
    return json_response(record)


@router.post("/incidents/{incident_id}/reject", summary="Reject an incident")
def reject(store: StoreDep, who: ReviewerDep, incident_id: str, body: Review) -> Response:
    record = _act(lambda: reviews.reject(store, incident_id, body.reviewer or who, body.reason))
    return json_response(record)


@router.patch("/incidents/{incident_id}", summary="Edit an incident's fields")
def edit(store: StoreDep, who: ReviewerDep, incident_id: str, body: Edit) -> Response:
    """The fields edited are never overwritten by coding or linking again."""
    record = _act(
        lambda: reviews.edit(store, incident_id, body.fields, body.reviewer or who, body.reason)
    )
    return json_response(record)


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one")
def merge(store: StoreDep, who: ReviewerDep, incident_id: str, body: Merge) -> Response:
    record = _act(
        lambda: reviews.merge(store, incident_id, body.other, body.reviewer or who, body.reason)
    )
    return json_response(record)


@router.post("/incidents/{incident_id}/split", summary="Split events out of an incident")
def split(store: StoreDep, who: ReviewerDep, incident_id: str, body: Split) -> Response:
    """The events named become an incident of their own: `{"kept", "split"}`."""
    kept, apart = _act(
        lambda: reviews.split(store, incident_id, body.events, body.reviewer or who, body.reason)
    )
    return json_response({"kept": kept, "split": apart})
