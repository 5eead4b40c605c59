"""Every error newsevents raises on purpose, in one tree.

The CLI maps these to one clear line and a non-zero exit; a batch records them per report
and goes on. Anything else escaping is a bug.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    """A report cannot be read: wrong kind of file, bad encoding, bad JSON, too big, empty."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"cannot read {where}: {reason}")
        self.where = where
        self.reason = reason


class SettingsError(NewsEventsError):
    """An unknown setting or a value of the wrong kind."""


class ModelError(NewsEventsError):
    """The spaCy model is missing or does not have the components the coder needs."""


class StoreError(NewsEventsError):
    """The database cannot be opened, is not a newsevents store, or refuses a report."""


class FilterError(StoreError):
    """A filter of `Store.incidents` that no query can answer (too long, out of range)."""


class PipelineError(NewsEventsError):
    """Extraction components are in an order that cannot work (one needs what none before adds)."""


class ReviewError(NewsEventsError):
    """An analyst's review action that cannot be done, with the HTTP status it maps to: 404
    for an incident that is not there, 400 for a bad field or value, 409 for a conflict (an
    incident merged with itself, a split that leaves one side empty)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
