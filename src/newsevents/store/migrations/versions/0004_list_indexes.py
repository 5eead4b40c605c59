"""What the API's lists (`newsevents serve`) read: indexes for each filter (event type,
sub-event type, status, bounding box, admin1 and country names as compared, lower-cased)
with the event date a page is read in, one index per sort order, and `incident_list`, a
narrow table of what a list shows of each incident (filled here from the records). A page
of 50 of 100,000 incidents is then read from an index in its order, and 50 small rows,
instead of sorting every row and reading whole records. `store_state.generation` is
raised by triggers at every change to the incidents table, so the API counts the incidents
a filter selects once per change, not once per request.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PLAIN = {
    "ix_incidents_event_type_event_date": ["event_type", "event_date"],
    "ix_incidents_sub_event_type_event_date": ["sub_event_type", "event_date"],
    "ix_incidents_status_event_date": ["status", "event_date"],
    "ix_incidents_latitude_longitude_event_date": ["latitude", "longitude", "event_date"],
    "ix_incidents_fatalities": ["fatalities"],
    "ix_incidents_n_sources": ["n_sources"],
    "ix_incidents_updated_at": ["updated_at"],
    "ix_incidents_country": ["country"],
}
_CHANGES = ("INSERT", "UPDATE", "DELETE")
_LOWER = {
    "ix_incidents_lower_admin1_event_date": "admin1",
    "ix_incidents_lower_country_event_date": "country",
}


def upgrade() -> None:
    from newsevents.store.schema import LIST_FIELDS, Json

    listed = op.create_table(
        "incident_list",
        sa.Column(
            "id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("summary", Json, nullable=False),
    )
    conn = op.get_bind()
    records = sa.table("incidents", sa.column("id", sa.Integer), sa.column("record", Json))
    rows = conn.execute(sa.select(records.c.id, records.c.record)).all()
    for i in range(0, len(rows), 1000):
        op.bulk_insert(
            listed,
            [
                {"id": pk, "summary": {name: (record or {}).get(name) for name in LIST_FIELDS}}
                for pk, record in rows[i : i + 1000]
            ],
        )
    # These two lead the new ones: status and the bounding box with the date.
    op.drop_index("ix_incidents_status", table_name="incidents")
    op.drop_index("ix_incidents_latitude_longitude", table_name="incidents")
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("generation", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO store_state (id, generation) VALUES (1, 0)")
    bump = "UPDATE store_state SET generation = generation + 1 WHERE id = 1"
    if conn.dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION newsevents_incidents_changed() RETURNS trigger AS $$ "
            f"BEGIN {bump}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER incidents_changed AFTER INSERT OR UPDATE OR DELETE ON incidents "
            "FOR EACH STATEMENT EXECUTE FUNCTION newsevents_incidents_changed()"
        )
    else:
        for change in _CHANGES:
            op.execute(
                f"CREATE TRIGGER incidents_{change.lower()} AFTER {change} ON incidents "
                f"BEGIN {bump}; END"
            )
    for name, columns in _PLAIN.items():
        op.create_index(name, "incidents", columns)
    for name, column in _LOWER.items():
        op.create_index(name, "incidents", [sa.text(f"lower({column})"), "event_date"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER incidents_changed ON incidents")
        op.execute("DROP FUNCTION newsevents_incidents_changed()")
    else:
        for change in _CHANGES:
            op.execute(f"DROP TRIGGER incidents_{change.lower()}")
    op.drop_table("store_state")
    op.drop_table("incident_list")
    for name in (*_PLAIN, *_LOWER):
        op.drop_index(name, table_name="incidents")
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_latitude_longitude", "incidents", ["latitude", "longitude"])
