"""`newsevents ingest`, `events` and `export` from the command line, on reports written here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.store.export import ACLED_COLUMNS

FIRST = (
    "MACON, Ga. (WMGT) — A 23-year-old man was shot and killed Saturday night outside the "
    "Tattnall Square laundromat on Montpelier Avenue, the Bibb County Sheriff's Office said. "
    "Deputies identified him as Terrance Okafor."
)
SECOND = (
    "Friends gathered in Macon on Monday, on Montpelier Avenue, to remember Terrance "
    "Okafor, 23, who was shot dead outside the Tattnall Square laundromat on Saturday."
)


def feed(tmp_path: Path) -> Path:
    lines = [
        json.dumps(
            {"doc_id": "wmgt-1", "text": FIRST, "published": "2024-09-15", "outlet": "WMGT"}
        ),
        "{this is not json",
        json.dumps(
            {
                "doc_id": "telegraph-1",
                "text": SECOND,
                "published": "2024-09-16",
                "outlet": "Telegraph",
            }
        ),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_ingest_links_two_reports_and_stores_the_bad_line(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "-q", "--input", str(feed(tmp_path)), "--db", db])
    assert first.exit_code == 1  # the bad line
    assert "feed.jsonl line 2" in first.stderr
    assert (
        "3 reports: 2 coded, 2 stored (2 new, 0 replaced), 0 skipped, 1 failed. "
        f"{db} holds 1 incident from 2 events in 3 reports (0 stories)."
    ) in first.stderr

    again = runner.invoke(main, ["ingest", "-q", "--input", str(feed(tmp_path)), "--db", db])
    assert (
        "3 reports: 0 coded, 0 stored (0 new, 0 replaced), 2 skipped (2 already stored), 1 failed."
    ) in again.stderr

    out = tmp_path / "incidents.jsonl"
    done = runner.invoke(main, ["export", "--db", db, "--format", "jsonl", "--output", str(out)])
    assert done.exit_code == 0, done.output
    [incident] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(s["doc_id"] for s in incident["sources"]) == ["telegraph-1", "wmgt-1"]
    assert (incident["location"], incident["fatalities"]) == ("Macon", 1)

    relinked = runner.invoke(main, ["relink", "--db", db])
    assert relinked.exit_code == 0, relinked.output
    assert f"relinked 2 events of 3 reports into 1 incident (0 stories) in {db}." in relinked.stderr

    table = runner.invoke(main, ["events", "--db", db, "--search", "laundromat shot"])
    assert table.exit_code == 0
    assert "Macon, United States" in table.stdout
    acled = tmp_path / "acled.csv"
    runner.invoke(main, ["export", "--db", db, "--format", "acled-csv", "-o", str(acled)])
    with acled.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS


def test_relink_without_a_store_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["relink", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_events_without_a_store_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store at" in result.stderr
    assert "run `newsevents ingest` first" in result.stderr
