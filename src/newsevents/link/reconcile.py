"""An incident's record from its reports' events: one figure per count, with who said what.

Each report keeps its own event; the incident's fields are read from all of them:
- counts: every report's figure is kept in `figures` with its report, its claimant ("the
  Interior Ministry", "hospital officials"), its quote and whether it was superseded. A figure
  is superseded by a later report's figure from the same claimant (the ministry's toll of
  Tuesday replaces its toll of Monday, up or down) and by any later report's larger figure (a
  toll rises as a story develops: 3 dead on Monday, 5 on Tuesday). The best figure is ACLED's,
  the most conservative of those not superseded; where they disagree (5 by one outlet, 3 by a
  later one, or two the same day), `fatalities_low`/`_high` give the range.
- date, type, actors and place: what most reports say; the place told most precisely.
- evidence, claims and sources: all of them, each quote with the report it is from.

An event a report only recalls (`recalled`: the report's news is a funeral, a day of mourning
or a trial) ties its report to the incident, among its sources with the role "background",
but gives it no date, type, place, actor or count: those are the news reports'. Its figures
are listed, marked "background", and count for nothing. An incident known only from such
reports is read from them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.model import COUNTS, EVENT_FIELDS, interaction

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


def _claimant(m: Member, field: str | None = None) -> str | None:
    """Who gave the report's figure for `field`: the claim told in the sentence its evidence
    quotes, else the report's first claim."""
    claims = m.record.get("claims") or []
    quote = _quote(m, field) if field else None
    if quote:
        for c in claims:
            told = c.get("quote") or ""
            if quote in told or (told and told in quote):
                return str(c["claimant"])
    return str(claims[0]["claimant"]) if claims else None


def recalled(m: Member) -> bool:
    return bool(m.record.get("recalled"))


def _news(members: Sequence[Member]) -> list[Member]:
    """The members that give the incident its fields: the news reports' events, or every
    one where all only recall it."""
    return [m for m in members if not recalled(m)] or list(members)


def _same_claimant(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(str(a).casefold().split()) == " ".join(
        str(b).casefold().split()
    )


def figures(members: Sequence[Member], field: str) -> list[dict[str, Any]]:
    """Each report's figure for one count, in publication order, marked where superseded;
    the figures of reports that only recall the event are marked "background"."""
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
                "claimant": _claimant(m, field),
                "quote": _quote(m, field),
                "superseded": False,
                "role": "background" if recalled(m) else "news",
            }
        )
    pool = _counted(told)
    for i, f in enumerate(pool):
        f["superseded"] = any(
            (g["published"] or "") > (f["published"] or "")
            and (g["value"] > f["value"] or _same_claimant(g["claimant"], f["claimant"]))
            for g in pool[i + 1 :]
        )
    return told


def _counted(told: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures that count: the news reports', or the recalls' where there are no others."""
    return [f for f in told if f["role"] == "news"] or told


def reconcile_count(
    members: Sequence[Member], field: str
) -> tuple[int | None, int | None, int | None, list[dict[str, Any]]]:
    """(best, low, high, figures) for one count; best None where no report gives one. Only
    the news reports' figures count, unless every report only recalls the event."""
    told = figures(members, field)
    basis = _news(members)
    current = sorted({f["value"] for f in _counted(told) if not f["superseded"]})
    if not current:
        zero = 0 if field == "fatalities" else None
        if any(m.record.get(field) == 0 for m in basis):
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
    everyone = _order(members)
    # The news reports give the fields; an incident only recalled is read from its recalls.
    ordered = _news(everyone)
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
    news_docs = {m.source.get("doc_id") for m in ordered}
    out["sources"] = [
        {**m.source, "role": "news" if m.source.get("doc_id") in news_docs else "background"}
        for m in _dedupe_sources(everyone)
    ]
    top = max((r.get("confidence") or 0.0) for r in records)
    out["confidence"] = round(min(1.0, top + 0.05 * (len(out["sources"]) - 1)), 2)
    out["status"] = "machine"
    out["figures"] = all_figures
    out["events"] = [m.record.get("event_id") for m in everyone]
    return out


def _dedupe_sources(members: Sequence[Member]) -> list[Member]:
    seen: set[Any] = set()
    out = []
    for m in members:
        if m.source.get("doc_id") not in seen:
            seen.add(m.source.get("doc_id"))
            out.append(m)
    return out
