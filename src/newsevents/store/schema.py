"""The store's tables, declared once (SQLAlchemy Core). Migrations create and change them.

documents  one row per report read (coded or not), keyed by its content hash
events     each report's own events, as the coder wrote them (`record`), and what linking
           compares (`link`); link_keys is the index linking finds candidates in
incidents  one real-world event: the reconciled record of its events (`record` has `sources`)
stories    incidents that belong to one developing story, with its running total checked
reviews    an analyst's review of one incident: its status and the fields set by hand, kept
           under a pin (an id of its own), not the incident's row, which linking remakes
pins       which events a review holds together, by event id: they outlive the events' rows
audit      every review action: who, when, what field, the old value, the new, and why
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# JSON documents: JSONB on PostgreSQL, text on SQLite.
Json = sa.JSON().with_variant(JSONB(), "postgresql")

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(512), nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("status", sa.String(16), nullable=False),  # "coded" or "error"
    sa.Column("error", sa.Text),
    sa.Column("source", sa.Text),  # where it was read from: a path, "FILE line N"
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(255)),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text),  # what the coder read: every evidence offset points into it
    sa.Column("people", Json),  # full names of people the report names
    sa.Column("terms", Json),  # its distinctive words, weighted (newsevents.link.terms)
    sa.Column("running_totals", Json),  # a story's toll so far, told in this report
    sa.Column("warnings", Json),
    sa.Column("coder_version", sa.String(32)),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String(64), nullable=False, unique=True),
    sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), index=True),
    sa.Column("record", Json, nullable=False),  # the event as the coder wrote it
    sa.Column("link", Json, nullable=False),  # what linking compares (newsevents.link)
)

# Where linking finds an event's candidates: one row per (key, day) it is filed under,
# e.g. ("c:USA", day) and ("p:maria lopez", day); see LinkEvent.index_keys.
link_keys = sa.Table(
    "link_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("key", sa.String(300), nullable=False),
    sa.Column("day", sa.Integer, nullable=False),
    sa.Index("ix_link_keys_key_day", "key", "day"),
    sa.Index("ix_link_keys_event_id", "event_id"),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), index=True),
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("event_type", sa.String(64)),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("country", sa.String(128)),
    sa.Column("iso3", sa.String(3)),
    sa.Column("admin1", sa.String(255)),
    sa.Column("location", sa.String(255)),
    sa.Column("actors", sa.Text),  # actor1, actor2 and associates, for the actor filter
    sa.Column("fatalities", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("search", sa.Text),  # lower-cased words of notes, places, actors and titles
    sa.Column("record", Json, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # The record's coordinates (for a map's bounding box) and review status, as reviewed.
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("status", sa.String(16), nullable=False, server_default="machine"),
    # What the API's lists filter and sort by (migration 0004): each filter with the date a
    # page is read in, so a page is read from the index in its order; each sort on its own.
    sa.Index("ix_incidents_iso3_event_date", "iso3", "event_date"),
    sa.Index("ix_incidents_event_type_event_date", "event_type", "event_date"),
    sa.Index("ix_incidents_sub_event_type_event_date", "sub_event_type", "event_date"),
    sa.Index("ix_incidents_status_event_date", "status", "event_date"),
    sa.Index("ix_incidents_latitude_longitude_event_date", "latitude", "longitude", "event_date"),
    sa.Index(
        "ix_incidents_lower_admin1_event_date", sa.func.lower(sa.column("admin1")), "event_date"
    ),
    sa.Index(
        "ix_incidents_lower_country_event_date", sa.func.lower(sa.column("country")), "event_date"
    ),
    sa.Index("ix_incidents_fatalities", "fatalities"),
    sa.Index("ix_incidents_n_sources", "n_sources"),
    sa.Index("ix_incidents_updated_at", "updated_at"),
    sa.Index("ix_incidents_country", "country"),
)

# What a list of incidents shows of each (`newsevents serve`'s API and table): a few fields
# of its record, in a narrow table of their own, so a page of 50 reads 50 small rows rather
# than 50 whole records. Written with the record (store._reconcile); gone with the incident.
LIST_FIELDS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "arrests",
    "notes",
    "confidence",
    "status",
)

incident_list = sa.Table(
    "incident_list",
    metadata,
    sa.Column(
        "id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("summary", Json, nullable=False),  # LIST_FIELDS of its record
)

# One row: a number every change to the incidents table raises (by triggers, migration
# 0004), so a reader knows whether what it counted before still holds (web/queries.py).
store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("generation", sa.BigInteger, nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.String(64), nullable=False, index=True),
    sa.Column("record", Json, nullable=False),
)

# One review: its status ("reviewed" or "rejected"), the fields an analyst set (`fields`:
# name -> value, laid over the machine's record whatever the reports say later) and the id
# its incident keeps (`incident_id`), however often it is linked again.
reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("pin", sa.String(64), primary_key=True),
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("fields", Json, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(255), nullable=False),
)

# Events held together by a review: keyed by the event's id (events.event_id), not its row,
# so a pin outlives relinking and a report stored again.
pins = sa.Table(
    "pins",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("pin", sa.String(64), sa.ForeignKey("reviews.pin"), nullable=False, index=True),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(255), nullable=False),
    sa.Column("pin", sa.String(64), nullable=False, index=True),  # no key: a merge ends a pin
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("field", sa.String(64)),
    sa.Column("old", Json),
    sa.Column("new", Json),
    sa.Column("reason", sa.Text, nullable=False),
)
