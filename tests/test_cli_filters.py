"""`events` and `export` select with the filters of the API's /api/incidents: dates, place,
type, actor, toll, words, a bounding box (across the antimeridian too) and the review status.
A bad filter is an error naming its option, and exit code 2.

Reports are built as test_store.py builds them (its `doc` and `event`), so no model loads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.store import Store
from newsevents.store import review as rv
from test_store import GARY, ONE, OTHER, doc, event

SUVA = {"location": "Suva", "latitude": -18.14, "longitude": 178.44, "admin1": "Central"}
PROTEST = "Hundreds marched through Gary on Monday against the closing of the steel mill."
FIJI = "Two men were stabbed outside a nightclub on Victoria Parade in Suva early Sunday."


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "filters.db")
    with Store(path) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", fatalities=2)])
        store.add(
            doc("p", "2024-04-02", PROTEST),
            [event("e-p", "2024-04-01", GARY, fatalities=0, sub_event_type="Peaceful protest")],
        )
        store.add(doc("f", "2024-05-06", FIJI), [event("e-f", "2024-05-05", SUVA, fatalities=0)])
        store.add(doc("c", "2024-06-02", OTHER), [event("e-c", "2024-06-01", fatalities=0)])
    return path


def places(db: str, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["events", "--db", db, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [r["location"] for r in json.loads(result.stdout)]


def test_events_takes_every_filter_of_the_api(db: str) -> None:
    assert places(db) == ["Chicago", "Gary", "Suva", "Chicago"]
    assert places(db, "--from", "2024-04-01", "--to", "2024-05-31") == ["Gary", "Suva"]
    assert places(db, "--admin1", "indiana") == ["Gary"]
    assert places(db, "--type", "Protests") == ["Gary"]
    assert places(db, "--min-fatalities", "1") == ["Chicago"]
    assert places(db, "--search", "nightclub") == ["Suva"]
    # Chicago and Gary, not Suva; then a box across the antimeridian that holds only Suva.
    assert places(db, "--bbox", "-88.5,41,-87,42.5") == ["Chicago", "Gary", "Chicago"]
    assert places(db, "--bbox", "170,-25,-170,-10") == ["Suva"]


def test_events_and_export_select_by_review_status(db: str) -> None:
    with Store(db) as store:
        gas_station = next(r["event_id"] for r in store.incidents() if r["event_date"] >= "2024-06")
        rv.reject(store, gas_station, "bob", "a robbery, not political violence")
    assert places(db, "--status", "rejected") == ["Chicago"]
    assert places(db, "--status", "machine") == ["Chicago", "Gary", "Suva"]
    assert places(db, "--status", "reviewed") == []
    result = CliRunner().invoke(
        main, ["export", "--db", db, "--format", "jsonl", "-o", "-", "--status", "machine"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["location"], r["status"]) for r in rows] == [
        ("Chicago", "machine"),
        ("Gary", "machine"),
        ("Suva", "machine"),
    ]


def test_export_writes_only_what_the_filters_select(db: str, tmp_path: Path) -> None:
    target = tmp_path / "fiji.geojson"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--db",
            db,
            "--format",
            "geojson",
            "-o",
            str(target),
            "--bbox",
            "170,-25,-170,-10",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 incident to" in result.stderr
    [feature] = json.loads(target.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"]["coordinates"] == [178.44, -18.14]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bbox", "1,2,3"], "Invalid value for '--bbox': bbox must be four numbers"),
        (["--bbox", "10,50,20,40"], "Invalid value for '--bbox': bbox south (50.0) is north"),
        (["--bbox", "190,0,10,10"], "Invalid value for '--bbox': bbox west must be a number"),
        (["--status", "approved"], "Invalid value for '--status'"),
        (["--min-fatalities", "-1"], "Invalid value for '--min-fatalities'"),
        (["--actor", "x" * 1001], "the actor filter is 1,001 characters long"),
    ],
)
@pytest.mark.parametrize("command", [["events"], ["export", "--format", "jsonl", "-o", "-"]])
def test_a_bad_filter_names_its_option_and_exits_2(
    db: str, command: list[str], args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, [*command, "--db", db, *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
