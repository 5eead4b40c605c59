"""The review layer: reviews, pins and the audit trail; each incident's coordinates (one index
for a map's bounding box) and review status, filled from its record for a store made before.

Downgrading drops them, and what analysts reviewed with them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")

_incidents = sa.table(
    "incidents",
    sa.column("id", sa.Integer),
    sa.column("record", Json),
    sa.column("latitude", sa.Float),
    sa.column("longitude", sa.Float),
    sa.column("status", sa.String),
)


def upgrade() -> None:
    op.add_column("incidents", sa.Column("latitude", sa.Float))
    op.add_column("incidents", sa.Column("longitude", sa.Float))
    op.add_column(
        "incidents",
        sa.Column("status", sa.String(16), nullable=False, server_default="machine"),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(_incidents.c.id, _incidents.c.record)).all()
    for pk, record in rows:
        conn.execute(
            _incidents.update()
            .where(_incidents.c.id == pk)
            .values(
                latitude=_coordinate(record.get("latitude"), 90),
                longitude=_coordinate(record.get("longitude"), 180),
                status=record.get("status") or "machine",
            )
        )
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_latitude_longitude", "incidents", ["latitude", "longitude"])
    op.create_table(
        "reviews",
        sa.Column("pin", sa.String(64)),
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fields", Json, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("pin", name="pk_reviews"),
    )
    op.create_index("ix_reviews_incident_id", "reviews", ["incident_id"])
    op.create_table(
        "pins",
        sa.Column("event_id", sa.String(64)),
        sa.Column("pin", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_pins"),
        sa.ForeignKeyConstraint(["pin"], ["reviews.pin"], name="fk_pins_pin_reviews"),
    )
    op.create_index("ix_pins_pin", "pins", ["pin"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(255), nullable=False),
        sa.Column("pin", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(64)),
        sa.Column("old", Json),
        sa.Column("new", Json),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )
    op.create_index("ix_audit_pin", "audit", ["pin"])
    op.create_index("ix_audit_incident_id", "audit", ["incident_id"])


def _coordinate(value: object, limit: float) -> float | None:
    """A record's latitude or longitude as a number in range, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if -limit <= value <= limit else None


def downgrade() -> None:
    op.drop_table("audit")
    op.drop_table("pins")
    op.drop_table("reviews")
    op.drop_index("ix_incidents_latitude_longitude", "incidents")
    op.drop_index("ix_incidents_status", "incidents")
    # SQLite (3.35 and later) drops a column in place where no index or key holds it.
    op.drop_column("incidents", "status")
    op.drop_column("incidents", "longitude")
    op.drop_column("incidents", "latitude")
