"""File the events of a store made before recall terms under them, so that a report of a trial
or an anniversary ingested now finds the shooting it goes back to (linker.RECALL_DAYS).

Each event's recall terms come from the words its `link` column already holds; nothing is
coded again. Downgrading removes those rows.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_events = sa.table("events", sa.column("id", sa.Integer), sa.column("link", sa.JSON))
_keys = sa.table(
    "link_keys",
    sa.column("event_id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("day", sa.Integer),
)


def upgrade() -> None:
    from newsevents.link.linker import LinkEvent

    conn = op.get_bind()
    rows = []
    for pk, link in conn.execute(sa.select(_events.c.id, _events.c.link)):
        ev = LinkEvent.from_json(pk, link)
        rows += [
            {"event_id": pk, "key": f"t:{term}"[:300], "day": day}
            for term in ev.recall_terms
            for day in ev.days
        ]
        if len(rows) >= 5000:
            conn.execute(_keys.insert(), rows)
            rows = []
    if rows:
        conn.execute(_keys.insert(), rows)


def downgrade() -> None:
    op.execute(_keys.delete().where(_keys.c.key.like("t:%")))
