"""What the API and the pages read from the store: incidents with filters, sorted and in pages,
and the counts per day and type the timeline draws. Every value reaches SQL as a parameter."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from newsevents.errors import FilterError
from newsevents.store import Filters, Store, filter_clauses, unix_seconds
from newsevents.store.schema import (
    LIST_FIELDS,
    documents,
    events,
    incident_list,
    incidents,
    store_state,
    stories,
)

# What a list shows of each incident (the whole record is at /api/incidents/{id}).
SUMMARY_FIELDS = tuple(name for name in LIST_FIELDS if name != "event_id")

# The orders a list may take: a column name, "-" before it for descending.
SORTS: Mapping[str, Any] = {
    "event_date": incidents.c.event_date,
    "fatalities": incidents.c.fatalities,
    "n_sources": incidents.c.n_sources,
    "updated_at": incidents.c.updated_at,
    "country": incidents.c.country,
    "event_type": incidents.c.event_type,
}
DEFAULT_SORT = "-event_date"
LIMIT_MAX = 10_000  # the most incidents one page holds (the map asks for many at once)


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0
    sort: str = DEFAULT_SORT

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= LIMIT_MAX:
            raise FilterError(f"limit must be between 1 and {LIMIT_MAX:,}, not {self.limit}")
        if not 0 <= self.offset <= 2**31 - 1:
            raise FilterError(f"offset must be between 0 and {2**31 - 1:,}, not {self.offset}")
        if self.sort.removeprefix("-") not in SORTS:
            raise FilterError(
                f"sort must be one of {', '.join(SORTS)} (with '-' before it for descending), "
                f"not {self.sort[:40]!r}"
            )

    def order_by(self) -> list[Any]:
        column = SORTS[self.sort.removeprefix("-")]
        if self.sort.startswith("-"):
            return [column.desc().nulls_last(), incidents.c.id.desc()]
        return [column.asc().nulls_last(), incidents.c.id.asc()]


def summary(record: Mapping[str, Any], story_id: str | None, n_sources: int) -> dict[str, Any]:
    out = {"incident_id": record.get("event_id")}
    out.update((name, record.get(name)) for name in SUMMARY_FIELDS)
    out["status"] = record.get("status") or "machine"
    out["n_sources"] = n_sources
    out["story_id"] = story_id
    return out


def list_incidents(
    store: Store, filters: Filters, page: Page, full: bool = False
) -> tuple[int, list[dict[str, Any]]]:
    """(how many incidents the filters select, the page of them): summaries, or with `full`
    the whole records (with `story_id` and `updated_at`, as `Store.incidents` gives them).

    The page's ids are chosen first, from the indexes alone (no sort carries a record), and
    only its rows are read; a summary is read from the narrow incident_list table, so no
    whole record is read for a list."""
    where = filter_clauses(filters)
    ids = (
        sa.select(incidents.c.id)
        .where(*where)
        .order_by(*page.order_by())
        .limit(page.limit)
        .offset(page.offset)
        .subquery()
    )
    content = incidents.c.record if full else incident_list.c.summary
    joined = ids.join(incidents, incidents.c.id == ids.c.id)
    if not full:
        joined = joined.join(incident_list, incident_list.c.id == ids.c.id)
    q = (
        sa.select(content, stories.c.story_id, incidents.c.n_sources, incidents.c.updated_at)
        .select_from(joined)
        .outerjoin(stories, incidents.c.story_id == stories.c.id)
        .order_by(*page.order_by())
    )
    with store.reading() as conn:
        total = COUNTS.total(conn, store.url, filters, where)
        rows = conn.execute(q).all() if page.offset < total else []
    if full:
        return total, [
            {**r.record, "story_id": r.story_id, "updated_at": unix_seconds(r.updated_at)}
            for r in rows
        ]
    return total, [summary(r.summary, r.story_id, r.n_sources) for r in rows]


class Counts:
    """How many incidents each filter selects, counted once per change to the incidents
    table (store_state.generation, raised by triggers), not once per request: a count reads
    every matching entry of an index, the one part of a page that grows with the store."""

    SIZE = 4096  # filters remembered (the least recently asked go first)

    def __init__(self) -> None:
        self._known: OrderedDict[tuple[str, Filters], tuple[int, int]] = OrderedDict()
        self._lock = threading.Lock()

    def total(self, conn: Any, url: str, filters: Filters, where: list[Any]) -> int:
        generation = conn.execute(sa.select(store_state.c.generation)).scalar_one()
        key = (url, filters)
        with self._lock:
            known = self._known.get(key)
            if known is not None and known[0] == generation:
                self._known.move_to_end(key)
                return known[1]
        total = int(
            conn.execute(
                sa.select(sa.func.count()).select_from(incidents).where(*where)
            ).scalar_one()
        )
        with self._lock:
            self._known[key] = (generation, total)
            self._known.move_to_end(key)
            while len(self._known) > self.SIZE:
                self._known.popitem(last=False)
        return total


COUNTS = Counts()


def timeline(store: Store, filters: Filters) -> dict[str, Any]:
    """Incidents per day and event type over the filters' span: {"days": [ISO dates, every
    day from the first to the last], "types": {type: [count per day]}, "total"}; by week or
    month ("bucket") where the span is long, so a bar stays wide enough to see."""
    where = filter_clauses(filters)
    q = (
        sa.select(incidents.c.event_date, incidents.c.event_type, sa.func.count())
        .where(*where, incidents.c.event_date.is_not(None))
        .group_by(incidents.c.event_date, incidents.c.event_type)
    )
    with store.reading() as conn:
        rows = conn.execute(q).all()
    if not rows:
        return {"bucket": "day", "days": [], "types": {}, "total": 0}
    first = min(r[0] for r in rows)
    last = max(r[0] for r in rows)
    span = (last - first).days + 1
    bucket = "day" if span <= 120 else "week" if span <= 3 * 365 else "month"

    def start(d: date) -> date:
        if bucket == "week":
            return d - timedelta(days=d.weekday())
        if bucket == "month":
            return d.replace(day=1)
        return d

    days: list[date] = []
    d = start(first)
    while d <= last:
        days.append(d)
        if bucket == "month":
            d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            d += timedelta(days=7 if bucket == "week" else 1)
    index = {d: i for i, d in enumerate(days)}
    types: dict[str, list[int]] = {}
    for day, kind, n in rows:
        counts = types.setdefault(kind or "Unknown", [0] * len(days))
        counts[index[start(day)]] += int(n)
    return {
        "bucket": bucket,
        "days": [d.isoformat() for d in days],
        "types": dict(sorted(types.items())),
        "total": sum(int(r[2]) for r in rows),
    }


# What a list of reports and one report both say of each.
_REPORT = (
    documents.c.doc_id,
    documents.c.status,
    documents.c.error,
    documents.c.outlet,
    documents.c.title,
    documents.c.url,
    documents.c.published,
    documents.c.language,
)


def source_list(store: Store, page: Page) -> tuple[int, list[dict[str, Any]]]:
    """The reports stored, newest first: what each is, and how many events the coder found."""
    n_events = (
        sa.select(events.c.document_id, sa.func.count().label("n"))
        .group_by(events.c.document_id)
        .subquery()
    )
    q = (
        sa.select(
            *_REPORT,
            sa.func.coalesce(n_events.c.n, 0).label("n_events"),
        )
        .outerjoin(n_events, n_events.c.document_id == documents.c.id)
        .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    with store.reading() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())
        rows = conn.execute(q).all()
    return total, [source_row(r) for r in rows]


def source_row(r: Any) -> dict[str, Any]:
    return {
        "doc_id": r.doc_id,
        "status": r.status,
        "error": r.error,
        "outlet": r.outlet,
        "title": r.title,
        "url": r.url,
        "published": r.published.isoformat() if r.published else None,
        "language": r.language,
        "n_events": int(r.n_events),
    }


def source(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One report with its text and the ids of its events and their incidents."""
    with store.reading() as conn:
        row = conn.execute(
            sa.select(
                documents.c.id,
                *_REPORT,
                documents.c.text,
                documents.c.warnings,
            ).where(documents.c.doc_id == doc_id)
        ).first()
        if row is None:
            return None
        found = conn.execute(
            sa.select(events.c.event_id, incidents.c.incident_id)
            .outerjoin(incidents, events.c.incident_id == incidents.c.id)
            .where(events.c.document_id == row.id)
            .order_by(events.c.id)
        ).all()
    return {
        "doc_id": row.doc_id,
        "status": row.status,
        "error": row.error,
        "outlet": row.outlet,
        "title": row.title,
        "url": row.url,
        "published": row.published.isoformat() if row.published else None,
        "language": row.language,
        "warnings": row.warnings or [],
        "events": [{"event_id": e, "incident_id": i} for e, i in found],
        "text": row.text,
    }


def texts(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """The text of each report named."""
    if not doc_ids:
        return {}
    with store.reading() as conn:
        rows = conn.execute(
            sa.select(documents.c.doc_id, documents.c.text).where(documents.c.doc_id.in_(doc_ids))
        ).all()
    return {d: t or "" for d, t in rows}


def event_list(store: Store, incident_id: str | None, page: Page) -> tuple[int, list[Any]]:
    """Events as the coder wrote them, each with its report's doc_id and its incident's id;
    those of one incident where `incident_id` is given."""
    q = (
        sa.select(events.c.record, documents.c.doc_id, incidents.c.incident_id)
        .join(documents, events.c.document_id == documents.c.id)
        .outerjoin(incidents, events.c.incident_id == incidents.c.id)
    )
    count = sa.select(sa.func.count()).select_from(events)
    if incident_id is not None:
        q = q.where(incidents.c.incident_id == incident_id)
        count = count.join(incidents, events.c.incident_id == incidents.c.id).where(
            incidents.c.incident_id == incident_id
        )
    q = q.order_by(events.c.id).limit(page.limit).offset(page.offset)
    with store.reading() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(q).all()
    return total, [{**r.record, "doc_id": r.doc_id, "incident_id": r.incident_id} for r in rows]


def story_list(store: Store, page: Page) -> tuple[int, list[dict[str, Any]]]:
    with store.reading() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar_one())
        rows = conn.execute(
            sa.select(stories.c.record).order_by(stories.c.id).limit(page.limit).offset(page.offset)
        ).scalars()
        return total, [dict(r) for r in rows]


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    with store.reading() as conn:
        row = conn.execute(
            sa.select(stories.c.id, stories.c.record).where(stories.c.story_id == story_id)
        ).first()
        if row is None:
            return None
        members = conn.execute(
            sa.select(incidents.c.record, incidents.c.n_sources)
            .where(incidents.c.story_id == row.id)
            .order_by(incidents.c.event_date, incidents.c.id)
        ).all()
    return {
        **dict(row.record),
        "incidents": [summary(m.record, story_id, m.n_sources) for m in members],
    }
