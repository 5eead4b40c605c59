"""The analyst's desk: accept or reject an incident, edit its fields, merge two incidents or
split one, each change kept in the audit trail (who, when, what field, the old value, the new,
and why).

What an analyst decides outlives the machine (see `pins`): the incident's events are pinned
to its review, so relinking, a new report of the same event or a new version of a report
never undoes a merge or a split, and a field set by hand is laid over whatever the reports
say later. In ACLED's words an incident record is "an event": accept and reject apply to it.

Status: an incident no one reviewed is "machine"; accepting it, editing it, or merging or
splitting it makes it "reviewed" (a rejected one stays rejected through a merge or a split,
but an edit or an accept reviews it again); rejecting it makes it "rejected". A rejected
incident stays in the store and its exports, with its status.

Every action is one transaction under the store's write lock (the lock ingest links under).
A bad request changes nothing: ReviewError with the HTTP status the web app answers with.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsevents.errors import ReviewError
from newsevents.ingest.clean import fit_text
from newsevents.model import EVENT_TYPES
from newsevents.store import FILTER_INT_MAX, Store, _reconcile, _restory, _story_ids, pins
from newsevents.store.schema import audit as audit_table
from newsevents.store.schema import events, incidents, reviews, stories
from newsevents.store.schema import pins as pinned

__all__ = ["EDITABLE", "ReviewError", "accept", "audit", "edit", "merge", "reject", "split"]

_PLACE = ("location", "admin1", "admin2", "country", "latitude", "longitude")
_ACTORS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
_COUNTS = ("fatalities", "fatalities_low", "fatalities_high", "injuries", "arrests")
EDITABLE: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "event_date",
    *_PLACE,
    *_ACTORS,
    *_COUNTS,
    "notes",  # ACLED's notes: rewritten where the facts set by hand change what they say
)

# The most characters of a name an analyst writes: the incidents' columns where there is
# one (country 128, admin1 and location 255), else 255.
_TEXT_MAX = {
    name: (getattr(incidents.c[name].type, "length", None) if name in incidents.c else None) or 255
    for name in ("location", "admin1", "admin2", "country", *_ACTORS)
} | {"notes": 4000}
# The fields that may be set to nothing (null): the rest an event record always has.
_NULLABLE = {"admin1", "admin2", "latitude", "longitude", "assoc_actor_1", "actor2",
             "assoc_actor_2", *_COUNTS[1:]}  # fmt: skip
_ID_MAX = 64  # incidents.incident_id and events.event_id
WHO_MAX = 255  # audit.who
REASON_MAX = 10_000  # characters of a reason
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# ---- the actions ---------------------------------------------------------------------------


def accept(store: Store, incident_id: str, who: str, reason: str = "") -> dict[str, Any]:
    """Mark the incident reviewed (a rejected one too); returns its record after."""
    return _set_status(store, incident_id, "reviewed", "accept", who, reason)


def reject(store: Store, incident_id: str, who: str, reason: str = "") -> dict[str, Any]:
    """Mark the incident rejected (not an event to count); returns its record after."""
    return _set_status(store, incident_id, "rejected", "reject", who, reason)


def edit(
    store: Store, incident_id: str, changes: Mapping[str, Any], who: str, reason: str = ""
) -> dict[str, Any]:
    """Set fields of the incident by hand (EDITABLE: name -> value); they hold whatever its
    reports say later. The incident becomes reviewed. Type and sub-type are one choice: an
    edit of either holds both, and a type edited alone keeps its sub-type only where the
    sub-type is one of the type's. Returns the record after."""
    who, reason = _who(who), _reason(reason)
    with _writing(store) as conn:
        pk, record = _incident(conn, incident_id)
        values = _checked(changes, record)
        if {"event_type", "sub_event_type"} & set(values):  # one choice: both held
            values.setdefault("event_type", record["event_type"])
            values.setdefault("sub_event_type", record["sub_event_type"])
        now = datetime.now(UTC)
        pin, review = _ensure_pin(conn, pk, record, who, now)
        held = dict(review["fields"] or {})
        log = _Log(conn, pin, record["event_id"], who, reason, now)
        for name in EDITABLE:  # in a fixed order, whatever the order given
            if name in values and (name not in held or record.get(name) != values[name]):
                log("edit", name, record.get(name), values[name])
        held.update(values)
        if review["status"] != "reviewed":
            log("edit", "status", record["status"], "reviewed")
        _save(conn, pin, "reviewed", held, who, now)
        _reconcile(conn, pk, now)
        _restory(conn, {pk})
        return _record(conn, pk)


def merge(
    store: Store, incident_id: str, other_id: str, who: str, reason: str = ""
) -> dict[str, Any]:
    """Make the other incident part of this one: every event of both is held in one incident
    from now on. The fields set by hand on this one hold; those set only on the other are
    taken (each in the audit). Returns the merged incident's record."""
    who, reason = _who(who), _reason(reason)
    with _writing(store) as conn:
        pk, record = _incident(conn, incident_id)
        other_pk, other = _incident(conn, other_id)
        if pk == other_pk:
            raise ReviewError(f"cannot merge incident {incident_id} with itself", 409)
        now = datetime.now(UTC)
        pin, review = _ensure_pin(conn, pk, record, who, now)
        other_pin, other_review = _ensure_pin(conn, other_pk, other, who, now)
        log = _Log(conn, pin, record["event_id"], who, reason, now)
        log("merge", "incident_id", other["event_id"], record["event_id"])
        held = dict(review["fields"] or {})
        theirs = other_review["fields"] or {}
        for name in EDITABLE:  # in a fixed order (JSONB keeps no order)
            if name in theirs and name not in held:
                log("merge", name, record.get(name), theirs[name])
                held[name] = theirs[name]
        if review["status"] == "machine":
            log("merge", "status", "machine", "reviewed")
        _Log(conn, other_pin, other["event_id"], who, reason, now)(
            "merge", "incident_id", other["event_id"], record["event_id"]
        )
        # Every event the other review held (those of reports since replaced too) is this one's.
        conn.execute(pinned.update().where(pinned.c.pin == other_pin).values(pin=pin))
        conn.execute(reviews.delete().where(reviews.c.pin == other_pin))
        status = "reviewed" if review["status"] == "machine" else review["status"]
        _save(conn, pin, status, held, who, now)
        stale = _story_ids(conn, {other_pk})
        conn.execute(events.update().where(events.c.incident_id == other_pk).values(incident_id=pk))
        conn.execute(incidents.delete().where(incidents.c.id == other_pk))
        _reconcile(conn, pk, now)
        _restory(conn, {pk}, stale)
        return _record(conn, pk)


def split(
    store: Store, incident_id: str, event_ids: Sequence[str], who: str, reason: str = ""
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Take the events named (`ne-...`) out of the incident into an incident of their own;
    each side is held apart from now on. The incident keeps its id, its review and the
    events not named; the one split out is reviewed, with no field set by hand. Returns
    (the incident kept, the incident split out)."""
    who, reason = _who(who), _reason(reason)
    if isinstance(event_ids, str) or not isinstance(event_ids, Sequence):
        raise ReviewError("event_ids must be a list of event ids (ne-...)")
    with _writing(store) as conn:
        pk, record = _incident(conn, incident_id)
        members = list(
            conn.execute(
                sa.select(events.c.event_id).where(events.c.incident_id == pk).order_by(events.c.id)
            ).scalars()
        )
        out: list[str] = []
        for ident in event_ids:
            if not isinstance(ident, str) or ident not in members:
                raise ReviewError(f"{_shown(ident)} is not an event of incident {incident_id}")
            if ident not in out:
                out.append(ident)
        if not out:
            raise ReviewError(f"splitting incident {incident_id}: no event named", 409)
        if len(out) == len(members):
            raise ReviewError(
                f"splitting incident {incident_id}: every one of its {len(members)} events is "
                "named; name those to take out, and leave at least one",
                409,
            )
        kept = [e for e in members if e not in out]
        now = datetime.now(UTC)
        pin, review = _ensure_pin(conn, pk, record, who, now)
        new_pin = _new_pin()
        new_id = "ni-" + hashlib.sha1(new_pin.encode()).hexdigest()[:16]
        conn.execute(
            reviews.insert(),
            {
                "pin": new_pin,
                "incident_id": new_id,
                "status": "reviewed",
                "fields": {},
                "updated_at": now,
                "updated_by": who,
            },
        )
        conn.execute(pinned.update().where(pinned.c.event_id.in_(out)).values(pin=new_pin))
        log = _Log(conn, pin, record["event_id"], who, reason, now)
        log("split", "events", sorted(members), sorted(kept))
        if review["status"] == "machine":
            log("split", "status", "machine", "reviewed")
        _Log(conn, new_pin, new_id, who, reason, now)(
            "split", "incident_id", record["event_id"], new_id
        )
        status = "reviewed" if review["status"] == "machine" else review["status"]
        _save(conn, pin, status, dict(review["fields"] or {}), who, now)
        new_pk = conn.execute(
            incidents.insert().returning(incidents.c.id),
            {"incident_id": "", "fatalities": 0, "n_sources": 0, "record": {}, "updated_at": now},
        ).scalar_one()
        conn.execute(
            events.update()
            .where(events.c.incident_id == pk, events.c.event_id.in_(out))
            .values(incident_id=new_pk)
        )
        _reconcile(conn, pk, now)
        _reconcile(conn, new_pk, now)
        _restory(conn, {pk, new_pk})
        return _record(conn, pk), _record(conn, new_pk)


def audit(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """The incident's review history, oldest first: {"at" (ISO 8601, UTC), "who", "action",
    "field", "old", "new", "reason", "incident_id" (the incident acted on)}. The actions are
    accept, reject, edit, merge and split; an edit gives one entry per field it changed, and
    a change of status (field "status"). An incident merged into another or no longer there
    gives its history until then; [] for one no one reviewed."""
    ident = _ident(incident_id)
    with store.reading() as conn:
        found = pins.history(conn, ident)
    if found is None:
        raise ReviewError(f"no incident {incident_id}", 404)
    return found


# ---- in one transaction --------------------------------------------------------------------


@contextmanager
def _writing(store: Store) -> Iterator[Connection]:
    with store.engine.begin() as conn:
        store._lock(conn)
        yield conn


def _set_status(
    store: Store, incident_id: str, status: str, action: str, who: str, reason: str
) -> dict[str, Any]:
    who, reason = _who(who), _reason(reason)
    with _writing(store) as conn:
        pk, record = _incident(conn, incident_id)
        now = datetime.now(UTC)
        pin, review = _ensure_pin(conn, pk, record, who, now)
        _Log(conn, pin, record["event_id"], who, reason, now)(
            action, "status", record["status"], status
        )
        _save(conn, pin, status, dict(review["fields"] or {}), who, now)
        _reconcile(conn, pk, now)
        _restory(conn, {pk})  # a rejected incident leaves its story's totals
        return _record(conn, pk)


def _incident(conn: Connection, incident_id: Any) -> tuple[int, dict[str, Any]]:
    """The incident's row and record; 404 where there is none."""
    ident = _ident(incident_id)
    row = conn.execute(
        sa.select(incidents.c.id, incidents.c.record)
        .where(incidents.c.incident_id == ident)
        .order_by(incidents.c.id)
    ).first()
    if row is None:
        raise ReviewError(f"no incident {_shown(incident_id)}", 404)
    return row.id, dict(row.record)


def _ident(incident_id: Any) -> str:
    """An id the store may be asked about: one no stored id can be (too long, a NUL) is
    not sent to the database, and names no incident."""
    if (
        not isinstance(incident_id, str)
        or not incident_id.strip()
        or len(incident_id.strip()) > _ID_MAX
        or fit_text(incident_id) != incident_id
    ):
        raise ReviewError(f"no incident {_shown(incident_id)}", 404)
    return incident_id.strip()


def _shown(value: Any) -> str:
    """A value fit for a one-line message."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _new_pin() -> str:
    return "np-" + secrets.token_hex(8)


def _ensure_pin(
    conn: Connection, pk: int, record: Mapping[str, Any], who: str, now: datetime
) -> tuple[str, dict[str, Any]]:
    """The incident's pin and review, made where it has none (status "machine" until the
    action sets one, and the incident's id as the one it keeps); every event of the incident
    is pinned to it, those that joined since it was reviewed too."""
    members = list(
        conn.execute(sa.select(events.c.event_id).where(events.c.incident_id == pk)).scalars()
    )
    held = pins.pins_of(conn, members)
    pin = pins.pin_of(held)
    review = pins.review_of(conn, pin)
    if pin is None or review is None:
        pin = pin or _new_pin()
        review = {
            "pin": pin,
            "incident_id": record["event_id"],
            "status": "machine",
            "fields": {},
            "updated_at": now,
            "updated_by": who,
        }
        conn.execute(reviews.insert(), review)
    loose = [e for e in members if e not in held]
    if loose:
        conn.execute(pinned.insert(), [{"event_id": e, "pin": pin} for e in loose])
    return pin, review


def _save(
    conn: Connection, pin: str, status: str, fields: Mapping[str, Any], who: str, now: datetime
) -> None:
    conn.execute(
        reviews.update()
        .where(reviews.c.pin == pin)
        .values(status=status, fields=dict(fields), updated_at=now, updated_by=who)
    )


class _Log:
    """Writes the audit rows of one action on one incident."""

    def __init__(
        self, conn: Connection, pin: str, incident_id: str, who: str, reason: str, at: datetime
    ) -> None:
        self.conn, self.pin, self.incident_id = conn, pin, incident_id
        self.who, self.reason, self.at = who, reason, at

    def __call__(self, action: str, field: str | None, old: Any, new: Any) -> None:
        self.conn.execute(
            audit_table.insert(),
            {
                "at": self.at,
                "who": self.who,
                "pin": self.pin,
                "incident_id": self.incident_id,
                "action": action,
                "field": field,
                "old": old,
                "new": new,
                "reason": self.reason,
            },
        )


def _record(conn: Connection, pk: int) -> dict[str, Any]:
    """The incident's record as Store.incidents gives it."""
    row = conn.execute(
        sa.select(incidents.c.record, stories.c.story_id, incidents.c.updated_at)
        .outerjoin(stories, incidents.c.story_id == stories.c.id)
        .where(incidents.c.id == pk)
    ).one()
    updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    return {**row.record, "story_id": row.story_id, "updated_at": int(updated.timestamp())}


# ---- what an analyst may write -------------------------------------------------------------


def _who(who: Any) -> str:
    if not isinstance(who, str) or not who.strip():
        raise ReviewError("who must name the analyst")
    if len(who.strip()) > WHO_MAX:
        raise ReviewError(f"who is {len(who.strip()):,} characters long; it may be {WHO_MAX}")
    return fit_text(who.strip())


def _reason(reason: Any) -> str:
    """The reason as given (only what neither backend can hold, NUL and lone surrogates,
    made fit as a report's text is)."""
    if reason is None:
        return ""
    if not isinstance(reason, str):
        raise ReviewError("reason must be text")
    if len(reason) > REASON_MAX:
        raise ReviewError(f"reason is {len(reason):,} characters long; it may be {REASON_MAX:,}")
    return fit_text(reason)


def _checked(changes: Any, record: Mapping[str, Any]) -> dict[str, Any]:
    """The changes, each value checked and in its stored form; ReviewError (400) naming the
    first field that is not editable or whose value is not one it may have."""
    if not isinstance(changes, Mapping) or not changes:
        raise ReviewError("no change given: name at least one field and its new value")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE:
            raise ReviewError(
                f"cannot edit {_shown(name)}: the fields an analyst may edit are "
                + ", ".join(EDITABLE)
            )
        out[name] = _value(name, value)
    if {"event_type", "sub_event_type"} & set(out):
        kind = out.get("event_type", record.get("event_type"))
        sub = out.get("sub_event_type", record.get("sub_event_type"))
        if kind not in EVENT_TYPES:
            raise ReviewError(f"give an event_type with the sub_event_type: {_listed(EVENT_TYPES)}")
        if sub not in EVENT_TYPES[kind]:
            raise ReviewError(
                f"sub_event_type {sub!r} is not one of event_type {kind!r}'s: give a "
                f"sub_event_type of {_listed(EVENT_TYPES[kind])}"
            )
    # A range set by hand holds the figure: low <= fatalities <= high.
    review = record.get("review")
    reviewed = set(review.get("fields") or ()) if isinstance(review, Mapping) else set()
    after = {**record, **out}
    best, low, high = (after.get(f) for f in ("fatalities", "fatalities_low", "fatalities_high"))
    by_hand = {f for f in ("fatalities_low", "fatalities_high") if f in out or f in reviewed}
    if "fatalities_low" in by_hand and low is not None and low > best:
        raise ReviewError(f"fatalities_low {low} is more than fatalities {best}")
    if "fatalities_high" in by_hand and high is not None and high < best:
        raise ReviewError(f"fatalities_high {high} is less than fatalities {best}")
    return out


def _listed(names: Any) -> str:
    return ", ".join(repr(n) for n in names)


def _value(name: str, value: Any) -> Any:
    """One field's value checked, in its stored form."""
    if value is None:
        if name in _NULLABLE:
            return None
        raise ReviewError(f"{name} cannot be empty")
    if name == "event_type":
        if value not in EVENT_TYPES:
            raise ReviewError(
                f"event_type {_shown(value)} is not ACLED's: one of {_listed(EVENT_TYPES)}"
            )
        return value
    if name == "sub_event_type":
        if not any(value in subs for subs in EVENT_TYPES.values()):
            raise ReviewError(
                f"sub_event_type {_shown(value)} is not one of ACLED's sub-event types"
            )
        return value
    if name == "event_date":
        day = _day(value)
        if day is None:
            raise ReviewError(f"event_date {_shown(value)} is not a date (YYYY-MM-DD)")
        if day > date.today():
            raise ReviewError(f"event_date {day.isoformat()} is after today")
        return day.isoformat()
    if name in ("latitude", "longitude"):
        limit = 90 if name == "latitude" else 180
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not -limit <= value <= limit
        ):
            raise ReviewError(
                f"{name} must be a number from {-limit} to {limit}, not {_shown(value)}"
            )
        return float(value)
    if name in _COUNTS:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= FILTER_INT_MAX
        ):
            raise ReviewError(
                f"{name} must be a whole number from 0 to {FILTER_INT_MAX:,}, not {_shown(value)}"
            )
        return value
    # A name (a place or an actor) or the notes.
    if not isinstance(value, str) or not value.strip():
        what = "text" if name == "notes" else "a name (text)"
        raise ReviewError(f"{name} must be {what}, not {_shown(value)}")
    text = value.strip()
    if fit_text(text) != text:
        raise ReviewError(f"{name} holds a NUL character or a lone surrogate")
    if len(text) > _TEXT_MAX[name]:
        raise ReviewError(f"{name} is {len(text):,} characters long; it may be {_TEXT_MAX[name]}")
    return text


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
