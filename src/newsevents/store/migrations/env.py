"""Alembic's entry point. The store runs migrations on its own connection, inside the
transaction that holds the database's write lock, so two processes opening a new database
at once do not both create it."""

from __future__ import annotations

from alembic import context

from newsevents.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
