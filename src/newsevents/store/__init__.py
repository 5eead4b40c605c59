"""The event store: reports, their events, incidents and stories, in SQLite or PostgreSQL.

`Store(url)` opens (and creates or migrates) the database: a file path or `sqlite:///F` for
SQLite (WAL mode, no server), `postgresql://...` for PostgreSQL. Everything goes through
SQLAlchemy Core with bound parameters; the schema is in `schema.py`, its history in
`migrations/` (alembic).

What is written is made fit for either backend first (`safety.clean_report`): PostgreSQL refuses NUL
characters, lone surrogates and NaN in JSON that SQLite takes, and bounded columns are cut
to their length, so both accept and store the same reports.

Each report is stored, its events linked and the incidents it touches reconciled in one
transaction that holds the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
advisory lock), so two processes ingesting into one database take turns at linking, and a
process killed in the middle loses nothing it had committed. Coding, the slow part, runs
outside the lock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsevents.errors import FilterError, StoreError
from newsevents.link.linker import (
    RECALL_MAX,
    Commonness,
    LinkEvent,
    keep_pins,
    regroup,
    reuse,
    touched_by,
)
from newsevents.link.reconcile import Member, reconcile
from newsevents.link.stories import story_record
from newsevents.link.terms import PLACE_PREFIX, distinctive_terms
from newsevents.model import EVENT_TYPES
from newsevents.store import pins
from newsevents.store.safety import clean_report, cut, driver_reason, masked_url
from newsevents.store.schema import (
    LIST_FIELDS,
    documents,
    events,
    incident_list,
    incidents,
    link_keys,
    stories,
)

__all__ = [
    "FilterError",
    "Filters",
    "NewDocument",
    "Store",
    "StoreError",
    "content_hash",
    "database_url",
    "masked_url",
    "sqlite_file",
]

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK = 0x6E657773  # "news": the advisory lock linking holds on PostgreSQL
_STORY_LIMIT = 500  # the most incidents one story may gather (a guard, not a rule)


@dataclass
class NewDocument:
    """A report to store: what ingest read and the coder found in it."""

    doc_id: str
    content_hash: str
    status: str = "coded"  # or "error"
    error: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    text: str | None = None
    people: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    running_totals: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    coder_version: str | None = None

    def source_info(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True)
class Filters:
    """What `Store.incidents` selects; every field optional."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None  # a name or an ISO3 code
    admin1: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    actor: str | None = None  # part of an actor's name
    min_fatalities: int | None = None
    text: str | None = None  # words that must all occur in notes, places, actors, titles, quotes
    # West, south, east, north in degrees; a box whose west is east of its east crosses the
    # antimeridian (170, -20, -170, 20 holds Fiji on both sides of it).
    bbox: tuple[float, float, float, float] | None = None
    status: str | None = None  # "machine", "reviewed" or "rejected"

    def __post_init__(self) -> None:
        # Longer patterns are more than SQLite's LIKE takes; larger numbers overflow an integer.
        for name, value in (("actor", self.actor), ("text", self.text)):
            if value is not None and len(value) > FILTER_TEXT_MAX:
                raise FilterError(
                    f"the {name} filter is {len(value):,} characters long; "
                    f"it may be at most {FILTER_TEXT_MAX:,}"
                )
        n = self.min_fatalities
        if n is not None and not 0 <= n <= FILTER_INT_MAX:
            raise FilterError(f"min_fatalities must be between 0 and {FILTER_INT_MAX:,}, not {n}")
        if self.bbox is not None:
            _check_bbox(self.bbox)
        if self.status is not None and self.status not in pins.STATUSES:
            raise FilterError(
                f"status must be one of {', '.join(pins.STATUSES)}, not {self.status!r}"
            )


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """'west,south,east,north' in degrees, as a user types it (the API's bbox, events'
    --bbox); west > east is a box across the antimeridian. Checked by Filters."""
    if value is None or not value.strip():
        return None
    try:
        west, south, east, north = (float(p) for p in value.split(","))
    except ValueError:
        raise FilterError(
            f"bbox must be four numbers west,south,east,north (degrees), not {value[:60]!r}"
        ) from None
    return west, south, east, north


def _check_bbox(bbox: Any) -> None:
    if not isinstance(bbox, tuple | list) or len(bbox) != 4:
        raise FilterError("bbox must be four numbers: west, south, east, north")
    for name, value, limit in zip(
        ("west", "south", "east", "north"), bbox, (180, 90, 180, 90), strict=True
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not -limit <= value <= limit
        ):
            raise FilterError(
                f"bbox {name} must be a number from {-limit} to {limit}, not {value!r}"
            )
    if bbox[1] > bbox[3]:
        raise FilterError(f"bbox south ({bbox[1]}) is north of its north ({bbox[3]})")


FILTER_TEXT_MAX = 1000  # characters of the actor and text filters
FILTER_INT_MAX = 2**31 - 1  # the largest min_fatalities (the column is a 32-bit integer)


def content_hash(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def database_url(target: str) -> str:
    """A URL for a path or a URL: 'news.db' -> 'sqlite:///news.db'."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL ('sqlite:///news.db': 'news.db'; '' for 'sqlite://', a store
    in memory), else None."""
    if not url.startswith("sqlite"):
        return None
    return url.split(":///", 1)[1] if ":///" in url else ""


class Store:
    def __init__(self, target: str = "newsevents.db") -> None:
        self.url = database_url(target)
        self._target = target
        try:
            self.engine = _engine(self.url)
            self.migrate()
        except (sa.exc.SQLAlchemyError, OSError, ValueError) as e:
            reason = driver_reason(e, self.url, target)
            raise StoreError(f"cannot open the store {self.display_url}: {reason}") from e

    @property
    def display_url(self) -> str:
        """The store as it was named (a path stays a path) with any password hidden: what
        a message may show."""
        return masked_url(self._target)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Create the tables or bring them to the newest schema (under the write lock)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            self._lock(conn)
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def _lock(self, conn: Connection) -> None:
        if self.dialect == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK)))

    # ---- writing ----------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        with self.reading() as conn:
            row = conn.execute(
                sa.select(documents.c.id).where(documents.c.content_hash == content_hash)
            ).first()
        return row is not None

    def add(self, doc: NewDocument, records: Sequence[Mapping[str, Any]] = ()) -> str:
        """Store one report and its events and link them. Returns
        'added',
        'replaced': a new version of a report with this doc_id (a report that could not be
            read replaces only an earlier one that could not be read either),
        'unchanged': this very report is stored already, or
        'kept': the report could not be read (status 'error') and a version of it that was
            coded is stored: that version stays as it is, with its events and incidents.

        It is stored as both backends can hold it: NUL characters are taken out (evidence
        offsets follow), lone surrogates become U+FFFD, NaN in an event becomes null, an
        outlet is cut to its column's length. A doc_id longer than its column (512
        characters) is refused (StoreError)."""
        doc, records = clean_report(doc, records)
        with self.engine.begin() as conn:
            self._lock(conn)
            if conn.execute(
                sa.select(documents.c.id).where(documents.c.content_hash == doc.content_hash)
            ).first():
                return "unchanged"
            old = conn.execute(
                sa.select(documents.c.id, documents.c.status).where(
                    documents.c.doc_id == doc.doc_id
                )
            ).first()
            if doc.status == "error" and old is not None and old.status != "error":
                return "kept"
            orphaned: set[int] = set()
            before: list[tuple[str, Any, str | None]] = []
            if old is not None:
                before = pins.old_events(conn, old.id)
                orphaned = _remove_document(conn, old.id)
            doc_pk = conn.execute(
                documents.insert().returning(documents.c.id),
                {
                    "doc_id": doc.doc_id,
                    "content_hash": doc.content_hash,
                    "status": doc.status,
                    "error": doc.error,
                    "source": doc.source,
                    "title": doc.title,
                    "url": doc.url,
                    "outlet": doc.outlet,
                    "published": doc.published,
                    "language": doc.language,
                    "text": doc.text,
                    "people": doc.people,
                    "terms": doc.terms,
                    "running_totals": doc.running_totals,
                    "warnings": doc.warnings,
                    "coder_version": doc.coder_version,
                    "ingested_at": datetime.now(UTC),
                },
            ).scalar_one()
            new: list[LinkEvent] = []
            for record in records:
                # The link features do not hold the row id; the event gets it once inserted.
                ev = LinkEvent.of(
                    0, record, doc.doc_id, doc.published, doc.people, doc.terms, doc.language
                )
                pk = conn.execute(
                    events.insert().returning(events.c.id),
                    {
                        "event_id": record["event_id"],
                        "document_id": doc_pk,
                        "record": dict(record),
                        "link": ev.as_json(),
                    },
                ).scalar_one()
                ev = dataclasses.replace(ev, key=pk)
                _file(conn, ev)
                new.append(ev)
            if before:  # what was reviewed of the old version holds its new events
                pins.carry(conn, before, records)
            _link(conn, new, orphaned)
        return "replaced" if old is not None else "added"

    def relink(self) -> dict[str, int]:
        """Cluster every stored event again, from the records and link features stored, with
        nothing coded again: after the linker or its weights change, or to give a store the
        incidents that do not depend on the order its reports came in.

        The reports are linked one by one in the order of their publication date (reports
        with none last), then doc_id, each against those linked before it, as an ingest in
        that order would: the incidents and stories after `relink` are a function of the
        reports stored alone, whatever was ingested, replaced or relinked before, and the
        analysts' reviews (store.pins): the events a review holds end in one incident again,
        with its id, status and the fields set by hand. What linking compares is read again
        from each stored record and report text first, so a store coded by an earlier
        version is linked with today's features. One transaction: a relink that stops
        leaves the store as it was. Returns the counts."""
        with self.engine.begin() as conn:
            self._lock(conn)
            _refresh_link_features(conn)
            conn.execute(incidents.update().values(story_id=None))
            conn.execute(events.update().values(incident_id=None))
            conn.execute(stories.delete())
            conn.execute(incidents.delete())
            order = conn.execute(
                sa.select(documents.c.id).order_by(
                    documents.c.published.asc().nulls_last(), documents.c.doc_id
                )
            ).scalars()
            for doc_pk in list(order):
                new, _ = _load(conn, events.c.document_id == doc_pk)
                if new:
                    _link(conn, new, set())
        return self.counts()

    # ---- reading ----------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection that only reads: on SQLite it takes no write lock (see _engine), so
        the API's readers neither queue behind each other nor behind an ingest."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_READING: True})
            yield conn

    def counts(self) -> dict[str, int]:
        with self.reading() as conn:

            def n(q: Any) -> int:
                return int(conn.execute(q).scalar_one())

            return {
                "reports": n(sa.select(sa.func.count()).select_from(documents)),
                "unreadable": n(
                    sa.select(sa.func.count())
                    .select_from(documents)
                    .where(documents.c.status == "error")
                ),
                "events": n(sa.select(sa.func.count()).select_from(events)),
                "incidents": n(sa.select(sa.func.count()).select_from(incidents)),
                "stories": n(sa.select(sa.func.count()).select_from(stories)),
            }

    def incidents(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        """Incident records in date order, each with its `sources`, `figures`, `story_id` and
        `updated_at` (when the incident last changed, in Unix seconds: ACLED's timestamp)."""
        q = (
            sa.select(incidents.c.record, stories.c.story_id, incidents.c.updated_at)
            .outerjoin(stories, incidents.c.story_id == stories.c.id)
            .where(*filter_clauses(filters or Filters()))
            .order_by(incidents.c.event_date, incidents.c.id)
        )
        with self.reading() as conn:
            for record, story_id, updated_at in conn.execute(q):
                yield {**record, "story_id": story_id, "updated_at": unix_seconds(updated_at)}

    def stories(self) -> Iterator[dict[str, Any]]:
        with self.reading() as conn:
            for (record,) in conn.execute(sa.select(stories.c.record).order_by(stories.c.id)):
                yield dict(record)

    def errors(self) -> Iterator[tuple[str, str | None, str | None]]:
        """(doc_id, source, reason) of each report that could not be read."""
        q = sa.select(documents.c.doc_id, documents.c.source, documents.c.error).where(
            documents.c.status == "error"
        )
        with self.reading() as conn:
            rows = conn.execute(q.order_by(documents.c.id)).all()
        return ((doc_id, source, error) for doc_id, source, error in rows)


_TYPES = {t.casefold(): t for t in EVENT_TYPES}
_SUB_TYPES = {s.casefold(): s for subs in EVENT_TYPES.values() for s in subs}


def filter_clauses(f: Filters) -> list[Any]:
    """The WHERE clauses of the incidents `f` selects (each value a bound parameter): what
    `Store.incidents`, the API and the pages filter by."""
    out: list[Any] = []
    if f.date_from:
        out.append(incidents.c.event_date >= f.date_from)
    if f.date_to:
        out.append(incidents.c.event_date <= f.date_to)
    # Each compared as its index holds it (migration 0004), so a page is read in date order
    # from an index: a country by its ISO3 code where the name is known, a type or sub-type
    # (ACLED's names are unique across both) as ACLED writes it.
    if f.country:
        c = f.country.strip()
        code = c.upper() if len(c) == 3 and c.isascii() and c.isalpha() else pins.country_code(c)
        out.append(
            incidents.c.iso3 == code if code else sa.func.lower(incidents.c.country) == c.lower()
        )
    if f.admin1:
        out.append(sa.func.lower(incidents.c.admin1) == f.admin1.strip().lower())
    if f.event_type:
        t = f.event_type.strip().casefold()
        if t in _TYPES:
            out.append(incidents.c.event_type == _TYPES[t])
        elif t in _SUB_TYPES:
            out.append(incidents.c.sub_event_type == _SUB_TYPES[t])
        else:
            out.append(sa.false())
    if f.actor:
        out.append(incidents.c.actors.contains(f.actor.strip().lower(), autoescape=True))
    if f.min_fatalities is not None:
        out.append(incidents.c.fatalities >= f.min_fatalities)
    for word in (f.text or "").lower().split():
        out.append(incidents.c.search.contains(word, autoescape=True))
    if f.bbox is not None:
        west, south, east, north = (float(v) for v in f.bbox)
        lon = incidents.c.longitude
        out.append(incidents.c.latitude.between(south, north))
        # West east of east: the box crosses the antimeridian and holds both its ends.
        out.append(lon.between(west, east) if west <= east else sa.or_(lon >= west, lon <= east))
    if f.status is not None:
        out.append(incidents.c.status == f.status)
    return out


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    path = sqlite_file(url)
    if path and path != ":memory:":
        parent = Path(path).parent
        if not parent.is_dir():
            raise OSError(f"no such folder {parent}")
    engine = sa.create_engine(url, connect_args={"timeout": _BUSY_SECONDS})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # transactions begin where we say, as we say
        cur = dbapi.cursor()
        cur.execute(f"PRAGMA busy_timeout={_BUSY_SECONDS * 1000}")
        _wal(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # Pages read through the address space, not a read() call each: a scan of a large
        # store's incidents takes two thirds of the time.
        cur.execute(f"PRAGMA mmap_size={_MMAP_BYTES}")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_READING):
            # A reader (Store.reading) takes no lock up front: in WAL mode it reads the last
            # committed state while a writer works, and readers never wait for each other.
            conn.exec_driver_sql("BEGIN")
            return
        # Take the write lock at the start: two writers never deadlock upgrading a read lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# How long a writer waits for another to let go of the SQLite file.
_BUSY_SECONDS = 60
_MMAP_BYTES = 1 << 30
_READING = "newsevents_reading"  # the execution option of Store.reading's connections


def _wal(cur: Any, wait: float = _BUSY_SECONDS) -> None:
    """Put the file in WAL mode. Switching needs the file to itself for an instant, and SQLite
    answers 'locked' at once, without waiting, while another process writes to a new file in
    the old mode (two ingests starting together): try again until the file is free."""
    deadline = time.monotonic() + wait
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def unix_seconds(moment: datetime) -> int:
    """Unix seconds of a stored time (SQLite gives it back without its zone, which is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _key(k: tuple[str, str, int]) -> str:
    return f"{k[0]}:{k[1]}"[:300]


def _runs(days: Mapping[str, set[int]]) -> Iterator[tuple[str, int, int]]:
    """Each key's days as runs of consecutive days: the ranges one query each covers (an
    event dated months before its report is looked for around both days, not between)."""
    for key, found in days.items():
        ordered = sorted(found)
        start = prev = ordered[0]
        for d in ordered[1:]:
            if d != prev + 1:
                yield key, start, prev
                start = d
            prev = d
        yield key, start, prev


def _remove_document(conn: Connection, doc_pk: int) -> set[int]:
    """Delete a report and its events; the incidents they were in (to be clustered again)."""
    rows = conn.execute(
        sa.select(events.c.id, events.c.incident_id).where(events.c.document_id == doc_pk)
    ).all()
    ids = [r.id for r in rows]
    if ids:
        conn.execute(link_keys.delete().where(link_keys.c.event_id.in_(ids)))
        conn.execute(events.delete().where(events.c.id.in_(ids)))
    conn.execute(documents.delete().where(documents.c.id == doc_pk))
    return {r.incident_id for r in rows if r.incident_id is not None}


def _link(conn: Connection, new: Sequence[LinkEvent], orphaned: set[int]) -> None:
    """Link a report's new events; cluster again the incidents a replaced report left.

    The events those incidents have left look for their candidates as new events do: the
    report that went may be all that kept them from another incident (its pair with one of
    that incident's events was a veto, or pulled the average under MEAN_LINK), and a fresh
    ingest of the reports left would join them."""
    left: list[LinkEvent] = []
    if orphaned:
        left, _ = _load(conn, events.c.incident_id.in_(orphaned))
    seekers = [*new, *left]
    days: dict[str, set[int]] = {}
    for ev in seekers:
        for k in ev.block_keys():
            days.setdefault(_key(k), set()).add(k[2])
    new_keys = {e.key for e in new}
    # Only events linked already are candidates: while `relink` goes through the reports,
    # those after the one it links are stored but not yet linked, as if not yet ingested.
    linked_keys = sa.select(link_keys.c.event_id).join(
        events, sa.and_(events.c.id == link_keys.c.event_id, events.c.incident_id.is_not(None))
    )
    block_ids: set[int] = set()
    for key, lo, hi in _runs(days):
        block_ids.update(
            conn.execute(
                linked_keys.where(link_keys.c.key == key, link_keys.c.day.between(lo, hi))
            ).scalars()
        )
    for kind, value, lo, hi in {r for e in seekers for r in e.recall_ranges()}:
        found = set(
            conn.execute(
                linked_keys.distinct()
                .where(link_keys.c.key == _key((kind, value, lo)), link_keys.c.day.between(lo, hi))
                .limit(RECALL_MAX + 1)
            ).scalars()
        )
        if len(found) <= RECALL_MAX:
            block_ids |= found
    block_ids -= new_keys
    block, incident_of = _load(conn, events.c.id.in_(block_ids)) if block_ids else ([], {})
    common = Commonness.of([*block, *new], incident_of)
    touched = touched_by(seekers, block, incident_of, common) | orphaned
    # An event a review holds pulls in the incident its review's other events are in.
    held = pins.pins_of_rows(conn, [e.key for e in seekers])
    touched |= pins.incidents_of_pins(conn, held.values())
    members: list[LinkEvent] = []
    if touched:
        members, owners = _load(conn, events.c.incident_id.in_(touched))
        incident_of.update(owners)
    groups = regroup(new, members, common)
    pool = {e.key: e for e in [*members, *new]}
    pin_of = pins.pins_of_rows(conn, pool)
    if pin_of:
        groups = keep_pins(groups, pin_of, pool, common)
    now = datetime.now(UTC)
    assigned = reuse(touched, groups, incident_of)
    kept: set[int] = set()
    for inc, keys in assigned:
        if inc is None:
            inc = conn.execute(
                incidents.insert().returning(incidents.c.id),
                {
                    "incident_id": "",
                    "fatalities": 0,
                    "n_sources": 0,
                    "record": {},
                    "updated_at": now,
                },
            ).scalar_one()
        kept.add(inc)
        conn.execute(events.update().where(events.c.id.in_(keys)).values(incident_id=inc))
    for inc in kept:  # once every event is where it now belongs
        _reconcile(conn, inc, now)
    gone = touched - kept
    stale: set[int] = set()
    if gone:
        # Their stories are told again from the incidents left in them.
        stale = _story_ids(conn, gone)
        conn.execute(incidents.delete().where(incidents.c.id.in_(gone)))
    _restory(conn, kept, stale)


def _file(conn: Connection, ev: LinkEvent) -> None:
    """File a stored event in the index linking finds candidates in (link_keys)."""
    keys = ev.index_keys()
    if keys:
        conn.execute(
            link_keys.insert(),
            [{"event_id": ev.key, "key": _key(k), "day": k[2]} for k in keys],
        )


def _refresh_link_features(conn: Connection) -> None:
    """Every event's link features and index keys, read again from its record and its
    report (the report's distinctive words from its text)."""
    conn.execute(link_keys.delete())
    doc_pks = list(conn.execute(sa.select(documents.c.id).order_by(documents.c.id)).scalars())
    for doc_pk in doc_pks:
        doc = conn.execute(
            sa.select(
                documents.c.doc_id,
                documents.c.published,
                documents.c.people,
                documents.c.text,
                documents.c.language,
                documents.c.terms,
            ).where(documents.c.id == doc_pk)
        ).one()
        # The words again from the text; the places as the coder read them at ingest.
        places = {t: w for t, w in (doc.terms or {}).items() if t.startswith(PLACE_PREFIX)}
        terms = distinctive_terms(doc.text or "", doc.language) | places
        conn.execute(documents.update().where(documents.c.id == doc_pk).values(terms=terms))
        rows = conn.execute(
            sa.select(events.c.id, events.c.record).where(events.c.document_id == doc_pk)
        ).all()
        for pk, record in rows:
            ev = LinkEvent.of(
                pk, record, doc.doc_id, doc.published, doc.people or (), terms, doc.language
            )
            conn.execute(events.update().where(events.c.id == pk).values(link=ev.as_json()))
            _file(conn, ev)


def _load(conn: Connection, where: Any) -> tuple[list[LinkEvent], dict[int, int]]:
    rows = conn.execute(
        sa.select(events.c.id, events.c.incident_id, events.c.link)
        .where(where)
        .order_by(events.c.id)
    )
    out, owners = [], {}
    for pk, inc, link in rows:
        out.append(LinkEvent.from_json(pk, link))
        if inc is not None:
            owners[pk] = inc
    return out, owners


def _reconcile(conn: Connection, inc: int, now: datetime) -> None:
    """The incident's record from its events, with its review laid over it (pins.apply), and
    the columns the filters read from it."""
    rows = conn.execute(
        sa.select(
            events.c.event_id,
            events.c.record,
            documents.c.doc_id,
            documents.c.url,
            documents.c.outlet,
            documents.c.title,
            documents.c.published,
        )
        .join(documents, events.c.document_id == documents.c.id)
        .where(events.c.incident_id == inc)
    ).all()
    members = [
        Member(
            r.record,
            {
                "doc_id": r.doc_id,
                "url": r.url,
                "outlet": r.outlet,
                "title": r.title,
                "published": r.published.isoformat() if r.published else None,
            },
        )
        for r in rows
    ]
    pin = pins.pin_of(pins.pins_of(conn, [r.event_id for r in rows]))
    record = pins.apply(reconcile(members), pins.review_of(conn, pin))
    actors = " | ".join(
        str(record[f]) for f in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2") if record[f]
    )
    search = " ".join(
        str(v)
        for v in (
            record["notes"],
            record["location"],
            record["admin2"],
            record["admin1"],
            record["country"],
            actors,
            *(s.get("title") for s in record["sources"]),
            *dict.fromkeys(e["quote"] for e in record["evidence"]),
        )
        if v
    ).lower()
    conn.execute(
        incidents.update()
        .where(incidents.c.id == inc)
        .values(
            event_date=date.fromisoformat(record["event_date"]) if record["event_date"] else None,
            **{
                name: cut(_text(record[field]), incidents.c[name])
                for name, field in _INCIDENT_COLUMNS.items()
            },
            actors=actors.lower(),
            fatalities=min(max(int(record["fatalities"] or 0), 0), FILTER_INT_MAX),
            n_sources=len(record["sources"]),
            search=search,
            record=record,
            updated_at=now,
            latitude=_coordinate(record.get("latitude"), 90),
            longitude=_coordinate(record.get("longitude"), 180),
            status=record["status"],
        )
    )
    conn.execute(incident_list.delete().where(incident_list.c.id == inc))
    conn.execute(incident_list.insert(), {"id": inc, "summary": list_summary(record)})


def list_summary(record: Mapping[str, Any]) -> dict[str, Any]:
    """What a list shows of an incident (schema.LIST_FIELDS of its record)."""
    return {name: record.get(name) for name in LIST_FIELDS}


def _coordinate(value: Any, limit: float) -> float | None:
    """A latitude or longitude as a number in range, else None (not on the map)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if -limit <= value <= limit else None


# The incident's columns (String(n) each: cut to fit) and the record's fields they are of.
_INCIDENT_COLUMNS = {
    "incident_id": "event_id",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "country": "country",
    "iso3": "iso3",
    "admin1": "admin1",
    "location": "location",
}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _incidents_of_documents(conn: Connection, doc_pks: Iterable[int]) -> set[int]:
    return set(
        conn.execute(
            sa.select(events.c.incident_id).where(
                events.c.document_id.in_(list(doc_pks)), events.c.incident_id.is_not(None)
            )
        ).scalars()
    )


def _documents_of_incidents(conn: Connection, incs: Iterable[int]) -> set[int]:
    return set(
        conn.execute(
            sa.select(events.c.document_id).where(events.c.incident_id.in_(list(incs)))
        ).scalars()
    )


def _restory(conn: Connection, changed: set[int], stale: set[int] | None = None) -> None:
    """Regroup into stories the incidents connected to those that changed, and those left in
    `stale` stories (whose incidents were deleted): incidents a report tells of together are
    one story."""
    old_stories = _story_ids(conn, changed) | (stale or set())
    pending = set(changed) | set(
        conn.execute(
            sa.select(incidents.c.id).where(incidents.c.story_id.in_(old_stories))
        ).scalars()
    )
    components = []
    while pending:
        seed = pending.pop()
        component, frontier = {seed}, {seed}
        while frontier and len(component) < _STORY_LIMIT:
            docs = _documents_of_incidents(conn, frontier)
            frontier = _incidents_of_documents(conn, docs) - component
            component |= frontier
        pending -= component
        components.append(component)
    everyone = set().union(*components) if components else set()
    old_stories |= _story_ids(conn, everyone)
    if old_stories:
        conn.execute(
            incidents.update().where(incidents.c.story_id.in_(old_stories)).values(story_id=None)
        )
        conn.execute(stories.delete().where(stories.c.id.in_(old_stories)))
    for component in components:
        if len(component) < 2:
            continue
        rows = conn.execute(
            sa.select(incidents.c.record).where(incidents.c.id.in_(component))
        ).scalars()
        records = {r["event_id"]: r for r in rows}
        totals = []
        for doc_id, published, running in conn.execute(
            sa.select(documents.c.doc_id, documents.c.published, documents.c.running_totals).where(
                documents.c.id.in_(_documents_of_incidents(conn, component))
            )
        ):
            for t in running or ():
                totals.append(
                    {
                        "value": t["value"],
                        "quote": t["quote"],
                        "doc_id": doc_id,
                        "published": published.isoformat() if published else None,
                    }
                )
        story = story_record(records, totals)
        story_pk = conn.execute(
            stories.insert().returning(stories.c.id),
            {"story_id": story["story_id"], "record": story},
        ).scalar_one()
        conn.execute(
            incidents.update().where(incidents.c.id.in_(component)).values(story_id=story_pk)
        )


def _story_ids(conn: Connection, incs: Iterable[int]) -> set[int]:
    return set(
        conn.execute(
            sa.select(incidents.c.story_id).where(
                incidents.c.id.in_(list(incs)), incidents.c.story_id.is_not(None)
            )
        ).scalars()
    )
