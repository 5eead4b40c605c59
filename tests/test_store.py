"""The store, linking, reconciliation, stories and exports, on SQLite and on PostgreSQL.

Reports here are short ones written for the tests; their events are given as the coder
would write them, so these tests do not load the spaCy model.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from newsevents.link.terms import distinctive_terms, place_terms
from newsevents.store import Filters, NewDocument, Store, content_hash
from newsevents.store.export import ACLED_COLUMNS, export

CHICAGO = {"location": "Chicago", "latitude": 41.85, "longitude": -87.65, "admin1": "Illinois"}
GARY = {"location": "Gary", "latitude": 41.59, "longitude": -87.35, "admin1": "Indiana"}


def event(
    event_id: str,
    day: str,
    place: dict[str, Any] = CHICAGO,
    fatalities: int = 1,
    injuries: int | None = None,
    quote: str | None = None,
    claimant: str | None = None,
    sub_event_type: str = "Attack",
) -> dict[str, Any]:
    kind = "Protests" if sub_event_type == "Peaceful protest" else "Violence against civilians"
    evidence = (
        [{"field": "fatalities", "quote": quote, "start": 0, "end": len(quote)}] if quote else []
    )
    return {
        "event_id": event_id,
        "event_date": day,
        "time_precision": 1,
        "event_type": kind,
        "sub_event_type": sub_event_type,
        "actor1": "Unidentified Armed Group (United States)",
        "inter1": 3,
        "actor2": "Civilians (United States)",
        "inter2": 7,
        "country": "United States",
        "iso3": "USA",
        "geo_precision": 1,
        **place,
        "fatalities": fatalities,
        "injuries": injuries,
        "arrests": None,
        "notes": f"On {day}, a shooting in {place['location']}.",
        "evidence": evidence,
        "claims": [{"claimant": claimant, "quote": quote or ""}] if claimant else [],
        "confidence": 0.6,
        "status": "machine",
    }


def doc(
    doc_id: str,
    published: str,
    text: str,
    outlet: str = "Lakeshore Daily",
    language: str | None = None,
    places: tuple[str, ...] = (),
) -> NewDocument:
    """A report as ingest stores it: its words read in its language (English where None), and
    the places the coder would have named ("KAZ:aktobe")."""
    return NewDocument(
        doc_id=doc_id,
        content_hash=content_hash(doc_id, text, published),
        title=text.split(".")[0],
        url=f"https://news.example/{doc_id}",
        outlet=outlet,
        published=date.fromisoformat(published),
        language=language,
        text=text,
        terms=distinctive_terms(text, language) | place_terms(places),
    )


ONE = (
    "A 19-year-old man was shot dead outside the Kowalczyk Bakery on Pulaski Road late "
    "Monday, Chicago police said. Relatives named him as Dontrell Abernathy."
)
TWO = (
    "Family members on Tuesday mourned Dontrell Abernathy, who was killed in a shooting "
    "outside the Kowalczyk Bakery on Pulaski Road on Monday night."
)
OTHER = (
    "Two men were wounded in a shooting at a gas station on Halsted Street early Monday, "
    "police said. The Marathon station was closed on Tuesday."
)


def sources(record: dict[str, Any]) -> list[str]:
    return sorted(s["doc_id"] for s in record["sources"])


def test_reports_of_one_shooting_are_one_incident(store_url: str) -> None:
    with Store(store_url) as store:
        assert store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")]) == "added"
        store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
        store.add(doc("c", "2024-03-12", OTHER), [event("e-c", "2024-03-11", fatalities=0)])
        found = list(store.incidents())
        assert sorted(sources(r) for r in found) == [["a", "b"], ["c"]]
        merged = next(r for r in found if len(r["sources"]) == 2)
        assert merged["events"] == ["e-a", "e-b"]
        assert store.counts() == {
            "reports": 3,
            "unreadable": 0,
            "events": 3,
            "incidents": 2,
            "stories": 0,
        }


def test_a_report_whose_country_is_unknown_still_joins_its_incident(store_url: str) -> None:
    unplaced = {
        **event("e-b", "2024-03-11"),
        "country": None,
        "iso3": None,
        "admin1": None,
        "location": None,
        "latitude": None,
        "longitude": None,
        "geo_precision": None,
    }
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("b", "2024-03-13", TWO), [unplaced])
        store.add(doc("c", "2024-03-12", OTHER), [event("e-c", "2024-03-11", fatalities=0)])
        assert sorted(sources(r) for r in store.incidents()) == [["a", "b"], ["c"]]


TRIAL = (
    "A Cook County jury on Monday convicted Marcus Feeney of murder in the death of Dontrell "
    "Abernathy, 19, who was shot outside the Kowalczyk Bakery on Pulaski Road last March."
)


def test_a_report_of_the_trial_a_year_later_joins_the_shooting(store_url: str) -> None:
    # The coder dates the trial report's event to the verdict, ten months after the shooting:
    # only the victim's name and the bakery tie it to the first report.
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("c", "2024-03-12", OTHER), [event("e-c", "2024-03-11", fatalities=0)])
        store.add(doc("t", "2025-01-21", TRIAL), [event("e-t", "2025-01-20")])
        assert sorted(sources(r) for r in store.incidents()) == [["a", "t"], ["c"]]


def test_the_same_report_twice_changes_nothing(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        before = list(store.incidents())
        assert store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")]) == "unchanged"
        assert list(store.incidents()) == before
        assert store.counts()["reports"] == 1


def test_a_report_that_bridges_two_incidents_joins_them_and_its_new_version_splits_them(
    store_url: str,
) -> None:
    first = "Shots were fired at the Okonkwo Laundromat on Kedzie Avenue; one man died."
    second = "Detectives searched Marquette Park after the killing, naming Yevgenia Pastukhova."
    bridge = (
        "The gunman who killed a man at the Okonkwo Laundromat on Kedzie Avenue fled into "
        "Marquette Park, where Yevgenia Pastukhova saw him, detectives said."
    )
    unrelated = "Rain closed Lake Shore Drive for the Wrigleyville parade on Saturday."
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", first), [event("e-a", "2024-03-11")])
        store.add(doc("b", "2024-03-13", second), [event("e-b", "2024-03-12")])
        assert len(list(store.incidents())) == 2
        store.add(doc("c", "2024-03-13", bridge), [event("e-c", "2024-03-11")])
        assert [sources(r) for r in store.incidents()] == [["a", "b", "c"]]
        # The outlet replaces report c with a story about something else: it splits again.
        assert store.add(doc("c", "2024-03-14", unrelated), []) == "replaced"
        assert sorted(sources(r) for r in store.incidents()) == [["a"], ["b"]]


def test_a_rising_toll_supersedes_earlier_figures(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(
            doc("a", "2024-03-12", ONE),
            [event("e-a", "2024-03-11", fatalities=3, quote="three people were killed")],
        )
        store.add(
            doc("b", "2024-03-14", TWO),
            [event("e-b", "2024-03-11", fatalities=5, quote="the toll rose to five")],
        )
        [r] = store.incidents()
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (5, None, None)
        told = r["figures"]["fatalities"]
        assert [(f["value"], f["superseded"], f["doc_id"]) for f in told] == [
            (3, True, "a"),
            (5, False, "b"),
        ]
        assert told[1]["quote"] == "the toll rose to five"


def test_conflicting_figures_give_a_range_with_their_claimants(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(
            doc("a", "2024-03-12", ONE),
            [
                event(
                    "e-a",
                    "2024-03-11",
                    fatalities=5,
                    quote="five were killed",
                    claimant="the coroner",
                )
            ],
        )
        store.add(
            doc("b", "2024-03-12", TWO, outlet="Southside Herald"),
            [event("e-b", "2024-03-11", fatalities=3, quote="three died", claimant="police")],
        )
        [r] = store.incidents()
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (3, 3, 5)
        assert {(f["value"], f["claimant"]) for f in r["figures"]["fatalities"]} == {
            (5, "the coroner"),
            (3, "police"),
        }


def test_a_story_checks_its_running_total_against_its_incidents(store_url: str) -> None:
    text = (
        "Gunmen killed seven people at a market on Friday. On Sunday police killed five "
        "suspects in a raid, bringing the total death toll from the attacks to 14."
    )
    report = doc("s", "2024-06-10", text)
    report.running_totals = [{"field": "killed", "value": 14, "quote": "total death toll ... 14"}]
    with Store(store_url) as store:
        store.add(
            report,
            [
                event("e-1", "2024-06-07", fatalities=7),
                event("e-2", "2024-06-09", GARY, fatalities=5, sub_event_type="Armed clash"),
            ],
        )
        [story] = store.stories()
        assert len(story["incidents"]) == 2
        assert (story["fatalities"], story["running_total"], story["difference"]) == (12, 14, 2)
        assert {r["story_id"] for r in store.incidents()} == {story["story_id"]}


def test_filters(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", fatalities=2)])
        store.add(
            doc("p", "2024-04-02", "Hundreds marched through Gary on Monday."),
            [event("e-p", "2024-04-01", GARY, fatalities=0, sub_event_type="Peaceful protest")],
        )

        def where(**kw: Any) -> list[str]:
            return [r["location"] for r in store.incidents(Filters(**kw))]

        assert where() == ["Chicago", "Gary"]
        assert where(date_from=date(2024, 3, 20)) == ["Gary"]
        assert where(date_to=date(2024, 3, 20)) == ["Chicago"]
        assert where(country="USA") == where(country="united states") == ["Chicago", "Gary"]
        assert where(admin1="indiana") == ["Gary"]
        assert where(event_type="Protests") == where(event_type="peaceful protest") == ["Gary"]
        assert where(actor="armed group") == ["Chicago", "Gary"]
        assert where(min_fatalities=1) == ["Chicago"]
        assert where(text="shooting chicago") == ["Chicago"]
        assert where(text="100%") == []


def test_sql_in_a_filter_is_only_text(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        hostile = "x'; DROP TABLE incidents; --"
        assert list(store.incidents(Filters(text=hostile, country=hostile, actor=hostile))) == []
        assert len(list(store.incidents())) == 1


def test_a_bad_report_is_stored_with_its_reason(store_url: str) -> None:
    with Store(store_url) as store:
        bad = NewDocument(
            doc_id="unreadable:feed.jsonl line 3",
            content_hash=content_hash("error", "feed.jsonl line 3"),
            status="error",
            error="cannot read feed.jsonl line 3: not JSON",
            source="feed.jsonl line 3",
        )
        store.add(bad)
        assert list(store.errors()) == [
            ("unreadable:feed.jsonl line 3", "feed.jsonl line 3", bad.error)
        ]
        assert store.counts()["unreadable"] == 1


def unreadable(doc_id: str, reason: str) -> NewDocument:
    return NewDocument(
        doc_id=doc_id,
        content_hash=content_hash("error", doc_id, reason),
        status="error",
        error=f"cannot read {doc_id}: {reason}",
        source=doc_id,
    )


def test_a_report_that_becomes_unreadable_keeps_its_coded_version(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
        before = (store.counts(), list(store.incidents()), list(store.stories()))
        assert store.add(unreadable("a", "not HTML or text")) == "kept"
        assert (store.counts(), list(store.incidents()), list(store.stories())) == before
        assert list(store.errors()) == []
        # A readable new version still replaces it.
        assert store.add(doc("a", "2024-03-14", OTHER), [event("e-a2", "2024-03-13")]) == (
            "replaced"
        )
        assert sorted(sources(r) for r in store.incidents()) == [["a"], ["b"]]


def test_an_unreadable_report_replaces_only_an_unreadable_one(store_url: str) -> None:
    with Store(store_url) as store:
        assert store.add(unreadable("a", "not JSON")) == "added"
        assert store.add(unreadable("a", "too big")) == "replaced"
        assert [reason for _, _, reason in store.errors()] == ["cannot read a: too big"]
        assert store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")]) == "replaced"
        assert list(store.errors()) == []
        assert [sources(r) for r in store.incidents()] == [["a"]]
        assert store.counts()["reports"] == 1


def test_each_incident_says_when_it_last_changed(store_url: str) -> None:
    with Store(store_url) as store:
        start = int(time.time())
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("c", "2024-03-12", OTHER), [event("e-c", "2024-03-11", fatalities=0)])
        first = {tuple(sources(r)): r["updated_at"] for r in store.incidents()}
        assert all(type(t) is int for t in first.values())
        assert all(start <= t <= time.time() for t in first.values())
        time.sleep(1.1)
        store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
        later = {tuple(sources(r)): r["updated_at"] for r in store.incidents()}
        # The incident report b joined changed; the other did not.
        assert later[("a", "b")] > first[("a",)]
        assert later[("c",)] == first[("c",)]


def test_exports(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
        records = list(store.incidents())
    out = tmp_path / "incidents.csv"
    export(records, "acled-csv", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["event_date"], row["year"], row["iso"], row["country"]) == (
        "2024-03-11",
        "2024",
        "840",
        "United States",
    )
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["doc_ids"] == "a;b"

    export(records, "jsonl", str(tmp_path / "i.jsonl"))
    [line] = (tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()
    assert [s["doc_id"] for s in json.loads(line)["sources"]] == ["a", "b"]

    export(records, "geojson", str(tmp_path / "i.geojson"))
    fc = json.loads((tmp_path / "i.geojson").read_text(encoding="utf-8"))
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [-87.65, 41.85]}

    import pyarrow.parquet as pq

    export(records, "parquet", str(tmp_path / "i.parquet"))
    table = pq.read_table(tmp_path / "i.parquet")
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert table.column("fatalities").to_pylist() == [1]


def test_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    with Store(str(tmp_path / "n.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    from newsevents.store import StoreError

    with pytest.raises(StoreError, match=r"cannot open the store .*no such folder"):
        Store(str(tmp_path / "nowhere" / "n.db"))


def test_migrations_are_recorded(store_url: str) -> None:
    with Store(store_url) as store, store.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0004"
    Store(store_url).close()  # opening again is a no-op upgrade


def test_a_store_made_before_recall_terms_gets_them_when_opened(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from newsevents.store import MIGRATIONS

    def recall_rows(store: Store) -> int:
        with store.engine.connect() as conn:
            q = sa.text("SELECT count(*) FROM link_keys WHERE key LIKE 't:%'")
            return int(conn.execute(q).scalar_one())

    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        made = recall_rows(store)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")  # as a store made by an earlier version
        assert made > 0
        assert recall_rows(store) == 0
    with Store(store_url) as store:  # opening it upgrades it
        assert recall_rows(store) == made
        store.add(doc("t", "2025-01-21", TRIAL), [event("e-t", "2025-01-20")])
        assert [sources(r) for r in store.incidents()] == [["a", "t"]]
