"""Publication dates from input fields and URLs."""

from __future__ import annotations

import re
from datetime import date

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|\b)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|\b)")


def parse_iso_date(value: str) -> date | None:
    """The date of an ISO 8601 date or timestamp ('2016-06-10', '2016-06-10T08:00:00Z')."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def date_from_url(url: str) -> date | None:
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        m = pattern.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None
