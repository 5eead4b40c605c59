"""An incident's record from its reports' events: one figure per count, with who said what.

Each report keeps its own event; the incident's fields are read from all of them:
- counts: a report's figure supersedes the figures of earlier reports that are not larger
  (a toll that rises as a story develops: 3 dead on Monday, 5 on Tuesday gives 5); figures
  that are not superseded and disagree (5 by one outlet, 3 by a later one, or two figures the
  same day) give `fatalities_low`/`_high`, and the best figure is the lowest of them, as
  ACLED codes the most conservative figure the reports support. Every figure is kept in
  `figures` with its report, its claimant, its quote and whether it was superseded.
- date, type, actors and place: what most reports say; the place told most precisely.
- evidence, claims and sources: all of them, each quote with the report it is from.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.model import EVENT_FIELDS, interaction

_PLACE_FIELDS = (
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geonames_id",
    "geo_precision",
)
_ACTOR_FIELDS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
COUNTS = ("fatalities", "injuries", "arrests")


@dataclass(frozen=True)
class Member:
    """One report's event in an incident, with what is known of the report."""

    record: Mapping[str, Any]
    source: Mapping[str, Any]  # doc_id, url, outlet, title, published (ISO date or None)


def _published(m: Member) -> str:
    return m.source.get("published") or ""


def _order(members: Sequence[Member]) -> list[Member]:
    return sorted(members, key=lambda m: (_published(m), m.record.get("event_id") or ""))


def _quote(m: Member, field: str) -> str | None:
    return next((e["quote"] for e in m.record.get("evidence") or [] if e["field"] == field), None)


def _claimant(m: Member) -> str | None:
    claims = m.record.get("claims") or []
    return claims[0]["claimant"] if claims else None


def figures(members: Sequence[Member], field: str) -> list[dict[str, Any]]:
    """Each report's figure for one count, in publication order, marked where superseded."""
    told = []
    for m in _order(members):
        value = m.record.get(field)
        # A report that gives no figure says nothing; 0 deaths with no quote is not a claim.
        if value is None or (value == 0 and _quote(m, field) is None):
            continue
        told.append(
            {
                "value": value,
                "doc_id": m.source.get("doc_id"),
                "published": m.source.get("published"),
                "claimant": _claimant(m),
                "quote": _quote(m, field),
                "superseded": False,
            }
        )
    for i, f in enumerate(told):
        f["superseded"] = any(
            (g["published"] or "") > (f["published"] or "") and g["value"] > f["value"]
            for g in told[i + 1 :]
        )
    return told


def reconcile_count(
    members: Sequence[Member], field: str
) -> tuple[int | None, int | None, int | None, list[dict[str, Any]]]:
    """(best, low, high, figures) for one count; best None where no report gives one."""
    told = figures(members, field)
    current = sorted({f["value"] for f in told if not f["superseded"]})
    if not current:
        zero = 0 if field == "fatalities" else None
        if any(m.record.get(field) == 0 for m in members):
            zero = 0
        return zero, None, None, told
    low, high = current[0], current[-1]
    if low == high:
        return low, None, None, told
    return low, low, high, told


def _most_common(values: Sequence[Any]) -> Any:
    """The value most reports give; ties go to the earliest report's."""
    present = [v for v in values if v not in (None, "")]
    if not present:
        return None
    counts = Counter(present)
    return max(present, key=lambda v: (counts[v], -present.index(v)))


def incident_id_of(members: Sequence[Member]) -> str:
    """Named after its first report's event, so it keeps its id as reports join."""
    first = _order(members)[0]
    key = first.record.get("event_id") or str(first.source.get("doc_id"))
    return "ni-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def reconcile(members: Sequence[Member]) -> dict[str, Any]:
    """The incident's record, in the event record's fields, plus `figures`, `events`."""
    ordered = _order(members)
    records = [m.record for m in ordered]
    out: dict[str, Any] = dict.fromkeys(EVENT_FIELDS)
    out["event_id"] = incident_id_of(members)
    exact = [r for r in records if r.get("time_precision") == 1] or records
    out["event_date"] = _most_common([r.get("event_date") for r in exact])
    out["time_precision"] = min((r.get("time_precision") or 3) for r in records)
    kind = _most_common([(r.get("event_type"), r.get("sub_event_type")) for r in records])
    out["event_type"], out["sub_event_type"] = kind or (None, None)
    actors = _most_common(
        [tuple(r.get(f) for f in _ACTOR_FIELDS) for r in records if r.get("actor1")]
    )
    out.update(zip(_ACTOR_FIELDS, actors or (None,) * len(_ACTOR_FIELDS), strict=True))
    out["interaction"] = interaction(out["inter1"], out["inter2"])
    located = [r for r in records if r.get("location") or r.get("country")]
    if located:
        best_precision = min(r.get("geo_precision") or 3 for r in located)
        precise = [r for r in located if (r.get("geo_precision") or 3) == best_precision]
        place = _most_common([tuple(r.get(f) for f in _PLACE_FIELDS) for r in precise])
        out.update(zip(_PLACE_FIELDS, place, strict=True))
    all_figures: dict[str, list[dict[str, Any]]] = {}
    for field in COUNTS:
        best, low, high, told = reconcile_count(members, field)
        out[field] = best
        if field == "fatalities":
            out["fatalities_low"], out["fatalities_high"] = low, high
        if told:
            all_figures[field] = told
    out["fatalities"] = out["fatalities"] or 0
    teller = next(
        (
            m
            for m in reversed(ordered)
            if m.record.get("fatalities") == out["fatalities"] and m.record.get("notes")
        ),
        ordered[-1],
    )
    out["fatalities_by_group"] = teller.record.get("fatalities_by_group") or {}
    out["notes"] = teller.record.get("notes") or ""
    out["evidence"] = [e for r in records for e in r.get("evidence") or []]
    out["claims"] = [
        {**c, "doc_id": m.source.get("doc_id")}
        for m in ordered
        for c in m.record.get("claims") or []
    ]
    out["sources"] = [dict(m.source) for m in _dedupe_sources(ordered)]
    top = max((r.get("confidence") or 0.0) for r in records)
    out["confidence"] = round(min(1.0, top + 0.05 * (len(out["sources"]) - 1)), 2)
    out["status"] = "machine"
    out["figures"] = all_figures
    out["events"] = [r.get("event_id") for r in records]
    return out


def _dedupe_sources(members: Sequence[Member]) -> list[Member]:
    seen: set[Any] = set()
    out = []
    for m in members:
        if m.source.get("doc_id") not in seen:
            seen.add(m.source.get("doc_id"))
            out.append(m)
    return out
