"""Documents, their events, incidents and stories.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("record", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_story_id", "stories", ["story_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(255)),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text),
        sa.Column("people", Json),
        sa.Column("terms", Json),
        sa.Column("running_totals", Json),
        sa.Column("warnings", Json),
        sa.Column("coder_version", sa.String(32)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("doc_id", name="uq_documents_doc_id"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer),
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("story_id", sa.Integer),
        sa.Column("event_date", sa.Date),
        sa.Column("event_type", sa.String(64)),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("country", sa.String(128)),
        sa.Column("iso3", sa.String(3)),
        sa.Column("admin1", sa.String(255)),
        sa.Column("location", sa.String(255)),
        sa.Column("actors", sa.Text),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("search", sa.Text),
        sa.Column("record", Json, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_incidents_story_id_stories"),
    )
    op.create_index("ix_incidents_incident_id", "incidents", ["incident_id"])
    op.create_index("ix_incidents_story_id", "incidents", ["story_id"])
    op.create_index("ix_incidents_event_date", "incidents", ["event_date"])
    op.create_index("ix_incidents_iso3_event_date", "incidents", ["iso3", "event_date"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("incident_id", sa.Integer),
        sa.Column("record", Json, nullable=False),
        sa.Column("link", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("event_id", name="uq_events_event_id"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_events_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_events_incident_id_incidents"
        ),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_incident_id", "events", ["incident_id"])
    op.create_table(
        "link_keys",
        sa.Column("id", sa.Integer),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_keys"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_link_keys_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_link_keys_key_day", "link_keys", ["key", "day"])
    op.create_index("ix_link_keys_event_id", "link_keys", ["event_id"])


def downgrade() -> None:
    op.drop_table("link_keys")
    op.drop_table("events")
    op.drop_table("incidents")
    op.drop_table("documents")
    op.drop_table("stories")
