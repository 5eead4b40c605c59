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


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    "june|july|august|september|october|november|december"
)
_TEXT_DATES = (
    re.compile(
        rf"\b(?P<m>{_MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mm>\d\d)-(?P<d>\d\d)\b"),
)
_DATE_LINE = re.compile(
    r"^\s*(?i:posted|published|updated|last updated|date|first published)\b|"
    r"^[A-Z][A-Z.'\-]+(?: [A-Z.'\-]+){0,4}(,\s*[A-Za-z. ]{2,25})?,?\s+\w"
)
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def date_from_text(text: str) -> date | None:
    """A publication date the report states itself: a 'Posted: May 12, 2024' line or a
    dateline with a year ('JALALABAD, May 12, 2024 (EWS) —'), in its first lines."""
    lines = [line for line in text.splitlines() if line.strip()][:8]
    for line in lines:
        head = line.strip()[:160]
        if not _DATE_LINE.match(head):
            continue
        for pattern in _TEXT_DATES:
            m = pattern.search(head)
            if not m:
                continue
            month = (
                int(m["mm"])
                if "mm" in m.groupdict() and m["mm"]
                else _MONTH_NUMBER[m["m"][:3].lower()]
            )
            try:
                return date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                continue
    return None
