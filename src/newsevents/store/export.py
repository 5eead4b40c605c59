"""Writing incidents out: ACLED's CSV, JSON lines, GeoJSON, Parquet, and a table for people.

acled-csv has ACLED's columns in ACLED's order (its export of 2024), filled where we know
the value, and our own columns after them. Columns we cannot fill honestly (ACLED's admin3,
source_scale, tags) are left empty rather than guessed. Text cells that a spreadsheet would
run as a formula are written with a leading apostrophe (newsevents.output.csv_cell).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from newsevents.data import acled_regions
from newsevents.output import csv_cell, cut

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "incident_id",
    "iso3",
    "geonames_id",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "arrests",
    "confidence",
    "status",
    "story_id",
    "n_sources",
    "doc_ids",
    "urls",
)
COLUMNS = (*ACLED_COLUMNS, *EXTRA_COLUMNS)
# Evidence, claims, sources, figures and counts by group: JSON text in Parquet.
JSON_COLUMNS = ("evidence", "claims", "sources", "figures", "fatalities_by_group")
_INTEGER = {
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
    "geonames_id",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "arrests",
    "n_sources",
}
_FLOAT = {"latitude", "longitude", "confidence"}
EXPORT_FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")
SUFFIX = {"acled-csv": ".csv", "jsonl": ".jsonl", "geojson": ".geojson", "parquet": ".parquet"}
_DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _iso_numeric(iso3: str | None) -> int | None:
    if not iso3:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return int(found.numeric) if found is not None else None


def _unix(published: str) -> int:
    """Unix seconds of an ISO date or time; a date is its midnight UTC, as is a naive time."""
    when = datetime.fromisoformat(published)
    return int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())


def acled_row(r: Mapping[str, Any]) -> dict[str, Any]:
    """One incident as a row of ACLED's columns and ours."""
    sources = r.get("sources") or []
    day = r.get("event_date")
    published = [_unix(s["published"]) for s in sources if s.get("published")]
    updated = r.get("updated_at")
    inters = {r.get("inter1"), r.get("inter2")}
    civilian = 7 in inters and r.get("event_type") not in ("Protests", "Riots", None)
    row: dict[str, Any] = {
        "event_id_cnty": r.get("event_id"),
        "event_date": day,
        "year": date.fromisoformat(day).year if day else None,
        "time_precision": r.get("time_precision"),
        "disorder_type": _DISORDER.get(r.get("event_type") or "", "Political violence")
        if r.get("event_type")
        else None,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": _iso_numeric(r.get("iso3")),
        "region": acled_regions().get(r.get("iso3") or ""),
        "source": "; ".join(
            dict.fromkeys(s.get("outlet") or "" for s in sources if s.get("outlet"))
        ),
        # ACLED's timestamp: when the row last changed; else when its latest report came out.
        "timestamp": int(updated) if updated is not None else max(published, default=None),
        "incident_id": r.get("event_id"),
        "story_id": r.get("story_id"),
        "n_sources": len(sources),
        "doc_ids": ";".join(str(s.get("doc_id")) for s in sources),
        "urls": ";".join(s.get("url") or "" for s in sources if s.get("url")),
    }
    return {name: row[name] if name in row else r.get(name) for name in COLUMNS}


def write_acled_csv(records: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow({k: csv_cell(v) for k, v in acled_row(r).items()})
        n += 1
    return n


def write_jsonl(records: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    n = 0
    for r in records:
        stream.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def feature(r: Mapping[str, Any], ident: str = "event_id") -> dict[str, Any]:
    """A GeoJSON point feature of a record (or summary) with coordinates, its id its `ident`."""
    lat, lon = r.get("latitude"), r.get("longitude")
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lat is not None and lon is not None
        else None
    )
    return {"type": "Feature", "id": r.get(ident), "geometry": geometry, "properties": dict(r)}


def write_geojson(records: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """A FeatureCollection, written feature by feature (no list of all of them in memory)."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in records:
        if n:
            stream.write(",\n")
        stream.write(json.dumps(feature(r), ensure_ascii=False, default=str))
        n += 1
    stream.write("\n]}\n")
    return n


def parquet_schema() -> Any:
    """The Parquet export's columns: ACLED's and ours, then the JSON text columns; counts,
    codes and times as 64-bit integers, coordinates and confidence as doubles, the rest text.
    One schema whatever the rows, so an empty export has the columns and types of a full one."""
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _INTEGER:
            return pa.int64()
        return pa.float64() if name in _FLOAT else pa.string()

    return pa.schema([(name, kind(name)) for name in (*COLUMNS, *JSON_COLUMNS)])


def write_parquet(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """ACLED's columns and ours, with evidence, figures and sources as JSON text columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for r in records:
        row = acled_row(r)
        for name in JSON_COLUMNS:
            row[name] = json.dumps(r.get(name), ensure_ascii=False, default=str)
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema()), path)
    return len(rows)


def export(records: Iterable[Mapping[str, Any]], fmt: str, output: str | None) -> int:
    """Write records in one of EXPORT_FORMATS to output ('-' for standard output)."""
    import sys

    if fmt == "parquet":
        if output in (None, "-"):
            raise ValueError("parquet needs a file: give --output F.parquet")
        return write_parquet(records, Path(output))
    writers = {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson}
    write = writers[fmt]
    if output in (None, "-"):
        return write(records, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as stream:
        return write(records, stream)


_TABLE = (
    ("incident", 20),
    ("date", 10),
    ("sub-event type", 26),
    ("place", 28),
    ("killed", 6),
    ("injured", 7),
    ("arrested", 8),
    ("reports", 7),
)


def table(records: Iterable[Mapping[str, Any]]) -> str:
    lines = [
        "  ".join(n.ljust(w) for n, w in _TABLE).rstrip(),
        "  ".join("-" * w for _, w in _TABLE),
    ]
    for r in records:
        place = ", ".join(dict.fromkeys(p for p in (r.get("location"), r.get("country")) if p))
        cells = (
            r.get("event_id"),
            r.get("event_date"),
            r.get("sub_event_type"),
            place,
            r.get("fatalities"),
            r.get("injuries"),
            r.get("arrests"),
            len(r.get("sources") or []),
        )
        lines.append(
            "  ".join(cut(c, w).ljust(w) for c, (_, w) in zip(cells, _TABLE, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
