"""The objects that go through every stage: an Article in, Event records out.

One `Article` passes through ingest and each extraction component; each component adds its
part (paragraphs, mentions, events) and returns it. `Event` holds one coded event with
ACLED's field names (see DESIGN.md) and the evidence for each field.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.geo.mention import PlaceMention
    from newsevents.mention import Mention


@dataclass
class Paragraph:
    """A block of the article text; `start` is its offset in `Article.text`."""

    start: int
    text: str
    boilerplate: bool = False  # marked by ingest; skipped by the coder, kept in `text`
    headline: bool = False  # a headline: its present tense ("Police kill two") is not today's
    parse_start: int = 0  # where parsing starts: after a dateline ("JALALABAD, May 12 —")
    parse_end: int | None = (
        None  # where it stops: after the last sentence that may tell of an event
    )
    doc: Doc | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def doc_offset(self) -> int:
        """Offset in Article.text of the parsed Doc's first character."""
        return self.start + self.parse_start


@dataclass
class Article:
    """One report as the coder reads it. `text` is what every evidence offset points into."""

    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    published_from: str | None = None  # "input", "html", "url", "text" or "command line"
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    source: str | None = None  # where it came from, for messages: a path or "FILE line N"
    warnings: list[str] = field(default_factory=list)
    # Why coding failed (an exception's type and message, on one line); no events then.
    error: str | None = None
    # Added by the extraction components, in this order.
    paragraphs: list[Paragraph] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    # Place names the gazetteer does not know: (name, start, end) in the article's text.
    unknown_places: list[tuple[str, int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Told in the report but not an event of its own; kept for linking and stories.
    # The events a report tells only as background to news that is no violence (a funeral,
    # a day of mourning, a court hearing): they tie it to their incident, which they give
    # neither a date nor a toll.
    recalled: list[Event] = field(default_factory=list)
    # The towns and divisions the report names, each as "ISO3:name" in the gazetteer's
    # spelling: what reports in two languages, or with two spellings, of one place share.
    place_keys: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # people named in the parsed text
    running_totals: list[RunningTotal] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


@dataclass(frozen=True)
class RunningTotal:
    """A story's toll so far ('the death toll ... rose to 25'): not one event's count."""

    field: str
    value: int
    quote: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Evidence:
    """A quote that supports one field: an exact substring `text[start:end]` of the article."""

    field: str
    quote: str
    start: int
    end: int
    doc_id: str
    note: str | None = None  # doubt about what the quote supports ("also: Arlington, Texas")

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.field,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "doc_id": self.doc_id,
        }
        if self.note:
            out["note"] = self.note
        return out


# Output order: ACLED's columns first, then our additions.
EVENT_FIELDS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geonames_id",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "fatalities_by_group",
    "injuries",
    "arrests",
    "notes",
    "language",
    "evidence",
    "claims",
    "sources",
    "confidence",
    "status",
)


# ACLED's event types and the sub-types of each (exact strings, DESIGN.md).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
# The counts an event gives (each reconciled from its reports' figures, each `null` where
# the reports say nothing, but fatalities, which is 0 then).
COUNTS = ("fatalities", "injuries", "arrests")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor codes joined, lower first (1 and 7: 17); one
    actor alone, its code then 0 (6: 60)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10


@dataclass
class Event:
    """One coded event, field names as in ACLED (DESIGN.md, 'The event record')."""

    event_date: date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_by_group: dict[str, int] = field(default_factory=dict)
    injuries: int | None = None
    arrests: int | None = None
    notes: str = ""  # in English, whatever the report's language
    language: str | None = None  # ISO 639-1 code of the report it was coded from
    evidence: list[Evidence] = field(default_factory=list)
    claims: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    confidence: float = 0.5
    status: str = "machine"
    event_id: str = ""

    @property
    def interaction(self) -> int | None:
        return interaction(self.inter1, self.inter2)

    def assign_id(self, doc_id: str, version: str) -> None:
        """A stable id: the same report, event cell and coder version give the same id."""
        key = json.dumps(
            [
                version,
                doc_id,
                self.event_date.isoformat() if self.event_date else None,
                self.event_type,
                self.sub_event_type,
                self.location or self.country,
                self.actor1,
                self.actor2,
            ]
        )
        self.event_id = "ne-" + hashlib.sha1(key.encode()).hexdigest()[:16]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif name == "evidence":
                value = [e.as_dict() for e in value]
            out[name] = value
        return out
