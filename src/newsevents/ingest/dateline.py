"""Datelines: 'JALALABAD, Afghanistan, May 12 (EWS) — ...', 'METAIRIE –', 'NEW HAVEN >>'.

A dateline names where the report was filed and often when; it is not part of the first
sentence, and a parser that reads it as one makes the town the subject of the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where a paragraph starts (after any zero-width space a scraped page left), and the unit
# after the town's comma ('N.C.', 'Afghanistan', 'Democratic Republic of Congo').
_START = r"^[\s\u200b\ufeff]*"
_REGION = (
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\-]+"
    r"(?:\s(?:(?:of|and|the)\s){0,2}[A-Z][A-Za-z.'\-]+){0,3}))?"
)
DATELINE = re.compile(
    _START
    + r"(?P<place>[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,4})"
    + _REGION
    + r"(?:,?\s+(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:(?:—|–|--)\s*|(?:-|>>|:)(?:\s+|$))"
)
# 'Savannah (WSAV) – Police ...': a town in plain letters, then the station or agency in
# brackets (capitals, as a call sign or 'AP' is written) and a dash.
DATELINE_BRACKETED = re.compile(
    _START
    + r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
    + _REGION
    + r"\s*\([A-Z][A-Z0-9]{1,6}(?:[\s-][^)]{0,30})?\)\s*(?:—|–|--|-)\s*"
)
# 'CAMPBELL' alone on the line before the report's first sentence.
DATELINE_ALONE = re.compile(_START + r"(?P<place>[A-Z][A-Z.'\-]{3,}(?:\s[A-Z][A-Z.'\-]+){0,2})\s*$")


@dataclass(frozen=True)
class Dateline:
    end: int  # where the report's first sentence starts
    place: tuple[int, int]  # offsets of the place name within the paragraph
    region: str | None  # 'Afghanistan', 'N.C.', 'Georgia'


# Capitals that open a paragraph the way a dateline does, and name no place.
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "WATCH", "VIDEO", "PHOTOS", "PHOTO",
    "EXCLUSIVE", "DEVELOPING", "ALERT", "RELATED", "CORRECTION", "EDITOR'S NOTE", "LIVE",
    "NOTE", "ORIGINAL STORY", "PREVIOUS STORY", "MORE", "READ MORE", "LISTEN",
}  # fmt: skip


def find_dateline(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph) or DATELINE_BRACKETED.match(paragraph)
    if m is not None and m.group("place").upper() in _NOT_PLACES:
        return None
    if m is not None and len(m.group("place")) >= 3:
        return Dateline(m.end(), m.span("place"), m.group("region"))
    m = DATELINE_ALONE.match(paragraph)
    if m is not None and m.group("place") not in _NOT_PLACES:
        return Dateline(m.end(), m.span("place"), None)
    return None
