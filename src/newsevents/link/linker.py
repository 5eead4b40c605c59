"""Linking: events from different reports that tell of one real-world event become one incident.

Blocking keeps it n log n: an event is only compared with events of the same country whose
date (the event's own, else its report's publication date) lies within `WINDOW_DAYS` of its
own, found through an index on (iso3, date). Within the block each pair gets a score, the sum
of what agrees and what does not: the date, the place, the type, the counts and the people
the two reports name. A match is worth less where it is common in the block: two reports of a
shooting in Chicago on one day share the city with every other shooting there that day, and
a police spokesman is named in all of them; two reports that name the same victim do not.

The new event and the incidents it scores well with are clustered again from scratch
(`cluster`), so a report that bridges two incidents joins them, and an event that fits
another incident better leaves its old one: the result does not depend on arrival order
more than a greedy pass must.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsevents.geo.text import norm

WINDOW_DAYS = 3
NAME_WINDOW_DAYS = 10
THRESHOLD = 2.0  # a pair scoring this much or more may be the same incident
# Two groups of events join only where the pairs across them score this much on average: one
# pair alike does not make two groups of reports one incident.
MEAN_LINK = 1.5

# Event types that a second report may well code differently for one incident: a shooting
# told as an attack by one outlet and as an armed clash by another.
_NEAR_TYPES = {
    frozenset({"Violence against civilians", "Battles"}),
    frozenset({"Protests", "Riots"}),
    frozenset({"Explosions/Remote violence", "Battles"}),
}


@dataclass(frozen=True)
class LinkEvent:
    """What linking reads of one event: a few fields of its record and its report's people."""

    key: int  # the event's row in the store (or its index in a benchmark)
    doc: str  # the report's doc_id: two events of one report are never one incident
    day: int | None  # date.toordinal() of event_date, None when the report gives none
    published: int | None  # the report's publication date, the same way
    iso3: str | None
    admin1: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    event_type: str = ""
    fatalities: int = 0
    injuries: int | None = None
    geo_precision: int | None = None
    people: frozenset[str] = field(default_factory=frozenset)
    terms: Mapping[str, float] = field(default_factory=dict)  # distinctive words, weighted

    @classmethod
    def of(
        cls,
        key: int,
        record: Mapping[str, Any],
        doc: str,
        published: date | None,
        people: Iterable[str] = (),
        terms: Mapping[str, float] | None = None,
    ) -> LinkEvent:
        day = date.fromisoformat(record["event_date"]) if record.get("event_date") else None
        # The place's own name is compared as a place, not again as a shared word.
        place_words = set(
            " ".join(norm(record.get(f) or "") for f in ("location", "admin1", "country")).split()
        )
        terms = {t: w for t, w in (terms or {}).items() if t not in place_words}
        return cls(
            key=key,
            doc=doc,
            day=day.toordinal() if day else None,
            published=published.toordinal() if published else None,
            iso3=record.get("iso3"),
            admin1=norm(record.get("admin1") or ""),
            location=norm(record.get("location") or ""),
            latitude=record.get("latitude"),
            longitude=record.get("longitude"),
            event_type=record.get("event_type") or "",
            fatalities=record.get("fatalities") or 0,
            injuries=record.get("injuries"),
            geo_precision=record.get("geo_precision"),
            people=frozenset(people),
            terms=terms,
        )

    def as_json(self) -> dict[str, Any]:
        """Everything but the key (the store's row id), for the store's `link` column."""
        out = {f: getattr(self, f) for f in _FIELDS}
        out["people"] = sorted(self.people)
        out["terms"] = dict(self.terms)
        return out

    @classmethod
    def from_json(cls, key: int, data: Mapping[str, Any]) -> LinkEvent:
        values: dict[str, Any] = {f: data.get(f) for f in _FIELDS}
        values["people"] = frozenset(data.get("people") or ())
        values["terms"] = data.get("terms") or {}
        return cls(key, **values)

    @property
    def days(self) -> tuple[int, ...]:
        """The days it is filed under: its own date and its report's (either may be wrong)."""
        return tuple(sorted({d for d in (self.day, self.published) if d is not None}))

    def index_keys(self) -> list[Key]:
        """Where an index files it: by country and day (an event of no known country under
        the country ''), an event with a country also under its day alone (where events of
        no known country look for it), and by each name and day."""
        keys: list[Key] = [("c", self.iso3 or "", d) for d in self.days]
        if self.iso3:
            keys += [("d", "", d) for d in self.days]
        keys += [("p", name, d) for name in self.people for d in self.days]
        return keys

    def block_keys(self) -> list[Key]:
        """Where its candidates are: the same country within WINDOW_DAYS and the events of no
        known country then; an event of no known country, every event then; and the events
        whose reports name the same person within NAME_WINDOW_DAYS."""
        keys: list[Key] = []
        for day in self.days:
            if self.iso3:
                keys += [("c", self.iso3, d) for d in _around(day, WINDOW_DAYS)]
                keys += [("c", "", d) for d in _around(day, WINDOW_DAYS)]
            else:
                keys += [("c", "", d) for d in _around(day, WINDOW_DAYS)]
                keys += [("d", "", d) for d in _around(day, WINDOW_DAYS)]
            for name in self.people:
                keys += [("p", name, d) for d in _around(day, NAME_WINDOW_DAYS)]
        return keys


Key = tuple[str, str, int]
_FIELDS = (
    "doc",
    "day",
    "published",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "injuries",
    "geo_precision",
)


def _around(day: int, window: int) -> range:
    return range(day - window, day + window + 1)


@dataclass
class Commonness:
    """How many events of a block share each place and each name: what a match is worth."""

    places: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, events: Iterable[LinkEvent]) -> Commonness:
        c = cls()
        for e in events:
            if e.location:
                c.places[e.location] += 1
            c.people.update(e.people)
        return c


def distance_km(a: LinkEvent, b: LinkEvent) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1 = math.radians(a.latitude), math.radians(a.longitude)
    lat2, lon2 = math.radians(b.latitude), math.radians(b.longitude)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def score(a: LinkEvent, b: LinkEvent, common: Commonness) -> float:
    """Evidence that a and b are one incident; -inf where they cannot be."""
    if a.doc == b.doc:
        return -math.inf
    s = 0.0
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        s -= 4.0
    # When: reports a day apart often disagree by a day ("Sunday night", "early Monday"); a
    # date far off in reports published days apart is more likely a misread date.
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap < 3:
            s += (1.0, 0.3, -0.8)[gap]
        elif (
            a.published is not None
            and b.published is not None
            and (abs(a.published - b.published) <= 2)
        ):
            s -= 0.8
        else:
            s -= 2.0
    # Where: the same town, unless the block has many events there; nearby; far apart. A
    # place known only as a region is compared by its region.
    km = distance_km(a, b)
    regional = 3 in (a.geo_precision, b.geo_precision)
    if a.location and a.location == b.location:
        s += 1.5 - 0.5 * math.log2(max(common.places[a.location], 1))
    elif a.admin1 and b.admin1 and a.admin1 != b.admin1:
        s -= 1.5
    elif regional:
        pass
    elif km is not None and km < 25:
        s += 0.5
    elif km is not None and km > 100:
        s -= 2.5
    # What happened.
    if a.event_type and b.event_type:
        if a.event_type == b.event_type:
            s += 0.3
        elif frozenset({a.event_type, b.event_type}) not in _NEAR_TYPES:
            s -= 1.0
    if a.fatalities and b.fatalities:
        s += 0.6 if a.fatalities == b.fatalities else -0.2
    elif bool(a.fatalities) != bool(b.fatalities):
        s -= 0.4
    if a.injuries and b.injuries and a.injuries == b.injuries:
        s += 0.4
    # Who and what else: the rare words both reports use (a victim's name, the street).
    if a.terms and b.terms:
        shared = sum(w for t, w in a.terms.items() if t in b.terms)
        s += min(5.0, 0.5 * shared - 1.0)
    return s


def cluster(events: Sequence[LinkEvent], common: Commonness | None = None) -> list[list[int]]:
    """Events into incidents: the best-scoring pairs joined first.

    Every pair scoring at least THRESHOLD is taken in order of its score (ties by key), and
    joins its two events' groups unless a pair across them rules it out (two events of one
    report, or a pair far below the threshold) or the pairs across them score less than
    MEAN_LINK on average. A report's side events (the same shooting placed in the next town,
    an earlier crime it recalls) thus cannot take the place of its main event in an incident
    that main event fits better, and one alike pair does not chain two incidents together.
    Quadratic in the events given: the store gives it one report's events and the incidents
    they touch. Returns lists of event keys.
    """
    common = common or Commonness.of(events)
    items = sorted(events, key=lambda e: e.key)
    n = len(items)
    scores: dict[tuple[int, int], float] = {}
    pairs: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            sc = score(items[i], items[j], common)
            scores[i, j] = sc
            if sc >= THRESHOLD:
                pairs.append((-sc, i, j))
    pairs.sort()
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    veto = THRESHOLD - 6.0
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        cross = [scores[min(a, b), max(a, b)] for a in members[gi] for b in members[gj]]
        if min(cross) < veto or sum(cross) / len(cross) < MEAN_LINK:
            continue
        if len(members[gi]) < len(members[gj]):
            gi, gj = gj, gi
        for b in members.pop(gj):
            group_of[b] = gi
            members[gi].append(b)
    return sorted(sorted(items[i].key for i in g) for g in members.values())


def touched_by(
    new: Sequence[LinkEvent],
    block: Sequence[LinkEvent],
    incident_of: Mapping[int, int],
    common: Commonness,
) -> set[int]:
    """The incidents of the block that one of the new events scores well with. `common` is
    counted over the block and the new events (Commonness.of), once for this and regroup."""
    return {
        incident_of[b.key]
        for b in block
        if b.key in incident_of and any(score(e, b, common) >= THRESHOLD for e in new)
    }


def regroup(
    new: Sequence[LinkEvent], members: Iterable[LinkEvent], common: Commonness
) -> list[list[int]]:
    """The new events and the members of the incidents they touch, clustered again."""
    pool = {e.key: e for e in members}
    pool.update((e.key, e) for e in new)
    return cluster(list(pool.values()), common)


def reuse(
    touched: Iterable[int], groups: Sequence[list[int]], incident_of: Mapping[int, int]
) -> list[tuple[int | None, list[int]]]:
    """Which touched incident each new group continues: the one it shares most events with,
    each at most once (larger groups choose first); None for a group that is a new incident."""
    left = set(touched)
    out: list[tuple[int | None, list[int]]] = []
    for keys in sorted(groups, key=lambda g: (-len(g), g)):
        votes = Counter(incident_of[k] for k in keys if incident_of.get(k) in left)
        chosen = min(votes, key=lambda i: (-votes[i], i)) if votes else None
        if chosen is not None:
            left.discard(chosen)
        out.append((chosen, keys))
    return out


class MemoryLinker:
    """Linking over an in-memory index: what the benchmark times, and the store's twin."""

    def __init__(self) -> None:
        self.index: dict[Key, list[LinkEvent]] = {}
        self.incident_of: dict[int, int] = {}
        self.members: dict[int, list[LinkEvent]] = {}
        self._next = 0

    def block(self, new: Sequence[LinkEvent]) -> list[LinkEvent]:
        out: dict[int, LinkEvent] = {}
        for key in {k for e in new for k in e.block_keys()}:
            out.update((e.key, e) for e in self.index.get(key, ()))
        return list(out.values())

    def add(self, new: Sequence[LinkEvent]) -> None:
        """Link one report's events."""
        block = self.block(new)
        common = Commonness.of([*block, *new])
        touched = touched_by(new, block, self.incident_of, common)
        by_key = {e.key: e for inc in touched for e in self.members[inc]}
        groups = regroup(new, by_key.values(), common)
        by_key.update((e.key, e) for e in new)
        for e in new:
            for key in e.index_keys():
                self.index.setdefault(key, []).append(e)
        for inc in touched:
            del self.members[inc]
        for reused, keys in reuse(touched, groups, self.incident_of):
            if reused is None:
                self._next += 1
            target = self._next if reused is None else reused
            self.members[target] = [by_key[k] for k in keys]
            for k in keys:
                self.incident_of[k] = target

    def incidents(self) -> dict[int, list[LinkEvent]]:
        return self.members
