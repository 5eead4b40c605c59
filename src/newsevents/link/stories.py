"""Stories: incidents that one developing story ties together, and its running total checked.

Two incidents are in one story when a report tells of both (an attack and the manhunt after
it, a raid and the shootings it answered). A report's running total ("pushing the total
death toll ... to 25") is not an event's count; it is checked here against the sum of the
story's incidents known on the report's publication date, and the difference is shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any


def story_record(
    incidents: Mapping[str, Mapping[str, Any]],
    running_totals: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """A story from its incidents (incident_id -> record) and the running totals its reports
    give (each with value, quote, doc_id, published). An incident an analyst rejected stays
    in the story's list but is no event: it counts in neither its dates nor its totals."""
    ids = sorted(incidents)
    kept = [r for r in incidents.values() if r.get("status") != "rejected"]
    dates = sorted(r["event_date"] for r in kept if r.get("event_date"))
    checks = []
    for t in sorted(running_totals, key=lambda t: (t.get("published") or "", t["value"])):
        upto = t.get("published")
        counted = sum(
            r.get("fatalities") or 0
            for r in kept
            if upto is None or not r.get("event_date") or r["event_date"] <= upto
        )
        checks.append({**t, "sum_of_incidents": counted, "difference": t["value"] - counted})
    latest = checks[-1] if checks else None
    return {
        "story_id": "ns-" + hashlib.sha1(ids[0].encode()).hexdigest()[:16],
        "incidents": ids,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "fatalities": sum(r.get("fatalities") or 0 for r in kept),
        "running_total": latest["value"] if latest else None,
        "difference": latest["difference"] if latest else None,
        "running_totals": checks,
    }
