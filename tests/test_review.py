"""The review layer (newsevents.store.review) on SQLite and PostgreSQL: accept, reject, edit,
merge and split, each in the audit trail, and what a review holds when the machine links and
codes again: a field set by hand, a merge and a split outlive `relink`, a new version of a
report and a new report of the same event. Also the incidents' bounding-box and status
filters, the status in every export, `show`'s review and audit, and the migration that adds
them to a store made before.

Reports are built as test_store.py builds them (its `doc` and `event`), so no model loads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from newsevents.errors import FilterError, ReviewError
from newsevents.link.linker import Commonness, keep_pins
from newsevents.store import Filters, Store
from newsevents.store import review as rv
from newsevents.store.export import export
from newsevents.store.show import show, table
from test_link_languages import en_aktobe, en_atyrau, ru_aktobe
from test_store import GARY, ONE, OTHER, TWO, doc, event, sources

LAUNDROMAT = "Shots were fired at the Okonkwo Laundromat on Kedzie Avenue; one man died."
PARK = "Detectives searched Marquette Park after the killing, naming Yevgenia Pastukhova."
BRIDGE = (
    "The gunman who killed a man at the Okonkwo Laundromat on Kedzie Avenue fled into "
    "Marquette Park, where Yevgenia Pastukhova saw him, detectives said."
)
BAKERY_AGAIN = (
    "Police released a photo of the car seen outside the Kowalczyk Bakery on Pulaski Road "
    "where Dontrell Abernathy was shot dead on Monday."
)
HOSTILE = "x'); DROP TABLE audit; -- <script>alert(1)</script> \x1b[31mred\x1b[0m \u202e ✓"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """Two incidents: the bakery shooting told by reports a and b, the gas station by c."""
    with Store(store_url) as s:
        s.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        s.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
        s.add(doc("c", "2024-03-12", OTHER), [event("e-c", "2024-03-11", fatalities=0)])
        assert sorted(sources(r) for r in s.incidents()) == [["a", "b"], ["c"]]
        yield s


def of(store: Store, doc_id: str) -> dict[str, Any]:
    """The incident report doc_id is a source of."""
    [found] = [r for r in store.incidents() if doc_id in sources(r)]
    return found


def by_id(store: Store) -> dict[str, dict[str, Any]]:
    return {r["event_id"]: r for r in store.incidents()}


def moment(at: str) -> datetime:
    when = datetime.fromisoformat(at)
    assert when.utcoffset() == timedelta(0)  # in UTC
    return when


def check_row(
    row: dict[str, Any],
    started: datetime,
    incident_id: str,
    who: str,
    action: str,
    field: str | None,
    old: Any,
    new: Any,
    reason: str,
) -> None:
    assert started <= moment(row["at"]) <= datetime.now(UTC)
    assert {k: v for k, v in row.items() if k != "at"} == {
        "who": who,
        "action": action,
        "field": field,
        "old": old,
        "new": new,
        "reason": reason,
        "incident_id": incident_id,
    }


# ---- 1. each action and its audit ---------------------------------------------------------


def test_accept_reviews_an_incident_and_says_who_when_and_why(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    started = datetime.now(UTC)
    record = rv.accept(store, ident, "alice", "two outlets, one shooting")
    assert (record["event_id"], record["status"]) == (ident, "reviewed")
    assert record["review"]["status"] == "reviewed"
    assert (record["review"]["fields"], record["review"]["by"]) == ([], "alice")
    assert of(store, "a") == record
    [row] = rv.audit(store, ident)
    check_row(row, started, ident, "alice", "accept", "status", "machine", "reviewed",
              "two outlets, one shooting")  # fmt: skip
    # The other incident is no one's business yet.
    assert of(store, "c")["status"] == "machine"
    assert of(store, "c")["review"] is None
    assert rv.audit(store, of(store, "c")["event_id"]) == []


def test_reject_then_accept_again(store: Store) -> None:
    ident = of(store, "c")["event_id"]
    started = datetime.now(UTC)
    assert rv.reject(store, ident, "bob", "no one was hurt by anyone")["status"] == "rejected"
    assert of(store, "c")["status"] == "rejected"
    assert rv.accept(store, ident, "carol")["status"] == "reviewed"
    first, second = rv.audit(store, ident)
    check_row(first, started, ident, "bob", "reject", "status", "machine", "rejected",
              "no one was hurt by anyone")  # fmt: skip
    check_row(second, started, ident, "carol", "accept", "status", "rejected", "reviewed", "")
    assert moment(first["at"]) <= moment(second["at"])


def test_a_rejected_incident_leaves_its_storys_totals_and_comes_back_when_accepted(
    store_url: str,
) -> None:
    text = (
        "Gunmen killed seven people at a market on Friday. On Sunday police killed five "
        "suspects in a raid, bringing the total death toll from the attacks to 14."
    )
    report = doc("s", "2024-06-10", text)
    report.running_totals = [{"field": "killed", "value": 14, "quote": "total death toll ... 14"}]
    with Store(store_url) as s:
        s.add(
            report,
            [
                event("e-1", "2024-06-07", fatalities=7),
                event("e-2", "2024-06-09", GARY, fatalities=5, sub_event_type="Armed clash"),
            ],
        )
        raid = next(r["event_id"] for r in s.incidents() if r["location"] == "Gary")

        def story() -> tuple[int, str, int, int]:
            [found] = s.stories()
            return (
                len(found["incidents"]),
                found["last_date"],
                found["fatalities"],
                found["difference"],
            )

        assert story() == (2, "2024-06-09", 12, 2)
        rv.reject(s, raid, "bob", "the raid is another story")
        assert story() == (2, "2024-06-07", 7, 7)  # still listed; no longer counted
        rv.accept(s, raid, "carol")
        assert story() == (2, "2024-06-09", 12, 2)


def test_edit_sets_fields_by_hand_with_the_machines_values_beside_them(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    started = datetime.now(UTC)
    changes = {
        "fatalities": 2,
        "injuries": 3,
        "location": "Cicero",
        "latitude": 41.84,
        "longitude": -87.75,
        "actor1": "Gangster Disciples",
        "event_date": "2024-03-10",
    }
    record = rv.edit(store, ident, changes, "dana", "the coroner's list")
    for name, value in changes.items():
        assert record[name] == value, name
    assert record["status"] == "reviewed"
    assert record["review"]["fields"] == sorted(changes)
    assert record["review"]["machine"] == {
        "fatalities": 1,
        "injuries": None,
        "location": "Chicago",
        "latitude": 41.85,
        "longitude": -87.65,
        "actor1": "Unidentified Armed Group (United States)",
        "event_date": "2024-03-11",
    }
    assert record["geonames_id"] is None  # the machine's id was of the machine's place
    rows = rv.audit(store, ident)
    edited = {r["field"]: (r["old"], r["new"]) for r in rows}
    assert edited == {
        **{name: (record["review"]["machine"][name], value) for name, value in changes.items()},
        "status": ("machine", "reviewed"),
    }
    for r in rows:
        check_row(r, started, ident, "dana", "edit", r["field"], r["old"], r["new"],
                  "the coroner's list")  # fmt: skip
    # The filters read the reviewed record.
    assert [r["event_id"] for r in store.incidents(Filters(min_fatalities=2))] == [ident]
    assert [r["event_id"] for r in store.incidents(Filters(actor="disciples"))] == [ident]
    # An edit to what a field holds already is not written again; a new one is.
    rv.edit(store, ident, {"fatalities": 2, "arrests": 1}, "dana")
    assert [(r["field"], r["old"], r["new"]) for r in rv.audit(store, ident)[len(rows) :]] == [
        ("arrests", None, 1)
    ]


def test_notes_are_rewritten_by_hand_when_the_facts_change(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    machine_notes = of(store, "a")["notes"]
    notes = (
        "On 10 March 2024, a 19-year-old man was shot dead and three people were wounded "
        "outside a bakery in Cicero (Cook, Illinois). Fatalities: 2 (coroner)."
    )
    record = rv.edit(store, ident, {"fatalities": 2, "notes": notes}, "dana")
    assert record["notes"] == notes
    assert record["review"]["machine"]["notes"] == machine_notes
    assert ("notes", machine_notes, notes) in [
        (r["field"], r["old"], r["new"]) for r in rv.audit(store, ident)
    ]
    store.relink()
    assert of(store, "a")["notes"] == notes
    for bad, message in ((" ", "notes must be text"), ("x" * 4001, "it may be 4000")):
        with pytest.raises(ReviewError, match=message):
            rv.edit(store, ident, {"notes": bad}, "dana")


def test_type_and_sub_type_are_one_choice(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    record = rv.edit(
        store, ident, {"event_type": "Battles", "sub_event_type": "Armed clash"}, "erin"
    )
    assert (record["event_type"], record["sub_event_type"]) == ("Battles", "Armed clash")
    # A sub-type alone, of the same type: both are held.
    record = rv.edit(store, ident, {"sub_event_type": "Government regains territory"}, "erin")
    assert record["sub_event_type"] == "Government regains territory"
    assert {"event_type", "sub_event_type"} <= set(record["review"]["fields"])
    # A type alone that its sub-type is not of: refused, naming the sub-types it has.
    with pytest.raises(ReviewError, match="Peaceful protest") as e:
        rv.edit(store, ident, {"event_type": "Protests"}, "erin")
    assert e.value.status == 400
    # On an incident no one reviewed, a sub-type alone holds the machine's type with it.
    other = of(store, "c")["event_id"]
    record = rv.edit(store, other, {"sub_event_type": "Abduction/forced disappearance"}, "erin")
    assert record["review"]["fields"] == ["event_type", "sub_event_type"]
    assert [r["field"] for r in rv.audit(store, other)] == [
        "event_type",  # held as it was: in the audit with the same old and new
        "sub_event_type",
        "status",
    ]


def test_a_fatalities_range_must_hold_the_figure(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    record = rv.edit(
        store, ident, {"fatalities": 3, "fatalities_low": 2, "fatalities_high": 5}, "finn"
    )
    assert (record["fatalities"], record["fatalities_low"], record["fatalities_high"]) == (3, 2, 5)
    with pytest.raises(ReviewError, match="fatalities_high 5 is less than fatalities 6"):
        rv.edit(store, ident, {"fatalities": 6}, "finn")
    record = rv.edit(store, ident, {"fatalities": 6, "fatalities_high": None}, "finn")
    assert (record["fatalities"], record["fatalities_low"], record["fatalities_high"]) == (
        6,
        2,
        None,
    )


def test_a_rejected_incident_exports_with_its_status_in_every_format(
    store: Store, tmp_path: Path
) -> None:
    rejected = rv.reject(store, of(store, "c")["event_id"], "gus", "not political violence")
    reviewed = rv.accept(store, of(store, "a")["event_id"], "gus")
    records = list(store.incidents())
    want = {rejected["event_id"]: "rejected", reviewed["event_id"]: "reviewed"}

    export(records, "acled-csv", str(tmp_path / "i.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "i.csv").read_text(encoding="utf-8"))))
    assert {r["event_id_cnty"]: r["status"] for r in rows} == want

    export(records, "jsonl", str(tmp_path / "i.jsonl"))
    lines = (tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()
    assert {(r := json.loads(line))["event_id"]: r["status"] for line in lines} == want

    export(records, "geojson", str(tmp_path / "i.geojson"))
    fc = json.loads((tmp_path / "i.geojson").read_text(encoding="utf-8"))
    assert {f["id"]: f["properties"]["status"] for f in fc["features"]} == want

    import pyarrow.parquet as pq

    export(records, "parquet", str(tmp_path / "i.parquet"))
    t = pq.read_table(tmp_path / "i.parquet").to_pydict()
    assert dict(zip(t["event_id_cnty"], t["status"], strict=True)) == want


def test_hostile_text_in_a_reason_and_a_name_is_stored_as_given(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    rv.edit(store, ident, {"location": HOSTILE}, HOSTILE, HOSTILE)
    [row, _status] = rv.audit(store, ident)
    assert (row["who"], row["reason"], row["new"]) == (HOSTILE, HOSTILE, HOSTILE)
    assert of(store, "a")["location"] == HOSTILE
    assert store.counts()["incidents"] == 2


# ---- 2. what a review holds when the machine links and codes again -------------------------


def without_times(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records as linking makes them: when each last changed aside."""
    out = []
    for r in sorted(records, key=lambda r: r["event_id"]):
        r = {k: v for k, v in r.items() if k != "updated_at"}
        if r["review"]:
            r["review"] = {k: v for k, v in r["review"].items() if k != "at"}
        out.append(r)
    return out


def test_a_reviewed_field_survives_relink_and_a_new_version_of_a_report(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    rv.edit(store, ident, {"fatalities": 4, "location": "Cicero"}, "hana", "morgue")
    before = without_times(list(store.incidents()))
    store.relink()
    assert without_times(list(store.incidents())) == before
    # Report a comes again, coded anew (another event id, another toll): the fields set by
    # hand hold, the others follow the reports, and the incident keeps its id.
    assert (
        store.add(
            doc("a", "2024-03-12", ONE + " He was 19."),
            [event("e-a2", "2024-03-11", fatalities=2, injuries=1)],
        )
        == "replaced"
    )
    record = of(store, "a")
    assert record["event_id"] == ident
    assert sources(record) == ["a", "b"]
    assert record["events"] == ["e-a2", "e-b"]
    assert (record["fatalities"], record["location"], record["injuries"]) == (4, "Cicero", 1)
    # The machine's toll is now 1 to 2 (a's 2, b's 1): no range holds the 4 set by hand.
    assert record["review"]["machine"]["fatalities"] == 1
    assert (record["fatalities_low"], record["fatalities_high"]) == (None, None)
    assert record["status"] == "reviewed"
    store.relink()
    assert of(store, "a")["fatalities"] == 4
    assert [r["field"] for r in rv.audit(store, ident)] == ["location", "fatalities", "status"]


def test_a_rejected_incident_stays_rejected_through_relink_and_new_reports(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    rv.reject(store, ident, "ivan")
    store.add(doc("d", "2024-03-13", BAKERY_AGAIN), [event("e-d", "2024-03-11")])
    assert sources(of(store, "d")) == ["a", "b", "d"]
    store.relink()
    record = of(store, "d")
    assert (record["event_id"], record["status"], sources(record)) == (
        ident,
        "rejected",
        ["a", "b", "d"],
    )
    assert [r["event_id"] for r in store.incidents(Filters(status="rejected"))] == [ident]


def test_a_merge_survives_relink_and_a_new_report_of_the_event(store: Store) -> None:
    ident, other = of(store, "a")["event_id"], of(store, "c")["event_id"]
    rv.edit(store, other, {"injuries": 2}, "jo", "the hospital")
    started = datetime.now(UTC)
    merged = rv.merge(store, ident, other, "kim", "one gunman, two places")
    assert (merged["event_id"], sources(merged)) == (ident, ["a", "b", "c"])
    assert merged["injuries"] == 2  # set by hand on the other incident: taken
    assert merged["status"] == "reviewed"
    assert list(by_id(store)) == [ident]
    rows = rv.audit(store, ident)
    check_row(rows[0], started, ident, "kim", "merge", "incident_id", other, ident,
              "one gunman, two places")  # fmt: skip
    check_row(rows[1], started, ident, "kim", "merge", "injuries", None, 2,
              "one gunman, two places")  # fmt: skip
    check_row(rows[2], started, ident, "kim", "merge", "status", "machine", "reviewed",
              "one gunman, two places")  # fmt: skip
    # The other incident's history ends with the merge.
    assert [(r["action"], r["field"], r["new"]) for r in rv.audit(store, other)] == [
        ("edit", "injuries", 2),
        ("edit", "status", "reviewed"),
        ("merge", "incident_id", ident),
    ]
    before = without_times(list(store.incidents()))
    store.relink()
    assert without_times(list(store.incidents())) == before
    # A new report of the bakery shooting joins; the gas station stays with it.
    store.add(doc("d", "2024-03-13", BAKERY_AGAIN), [event("e-d", "2024-03-11")])
    assert [sources(r) for r in store.incidents()] == [["a", "b", "c", "d"]]
    store.relink()
    assert [(r["event_id"], sources(r)) for r in store.incidents()] == [
        (ident, ["a", "b", "c", "d"])
    ]


def test_a_split_survives_relink_new_reports_and_a_new_version(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    started = datetime.now(UTC)
    kept, out = rv.split(store, ident, ["e-b"], "lee", "two shootings that night")
    assert (kept["event_id"], sources(kept), sources(out)) == (ident, ["a"], ["b"])
    assert out["event_id"] != ident
    assert out["status"] == kept["status"] == "reviewed"
    rows = rv.audit(store, ident)
    check_row(rows[0], started, ident, "lee", "split", "events", ["e-a", "e-b"], ["e-a"],
              "two shootings that night")  # fmt: skip
    check_row(rows[1], started, ident, "lee", "split", "status", "machine", "reviewed",
              "two shootings that night")  # fmt: skip
    [row] = rv.audit(store, out["event_id"])
    check_row(row, started, out["event_id"], "lee", "split", "incident_id", ident,
              out["event_id"], "two shootings that night")  # fmt: skip
    before = without_times(list(store.incidents()))
    store.relink()  # the machine alone would join a and b again
    assert without_times(list(store.incidents())) == before
    # A new report that tells the same shooting joins one side; a and b stay apart.
    store.add(doc("d", "2024-03-13", BAKERY_AGAIN), [event("e-d", "2024-03-11")])
    groups = sorted(sources(r) for r in store.incidents())
    assert ["c"] in groups
    assert len(groups) == 3
    assert not any({"a", "b"} <= set(g) for g in groups)
    # b comes again, coded anew: its new event takes the split-out's review.
    store.add(doc("b", "2024-03-13", TWO + " Police said."), [event("e-b2", "2024-03-11")])
    store.relink()
    split_out = by_id(store)[out["event_id"]]
    assert "e-b2" in split_out["events"]
    assert "b" in sources(split_out)
    assert "a" in sources(by_id(store)[ident])


def test_keep_pins_cuts_a_group_between_its_pins_and_joins_each_pins_parts() -> None:
    ru, en, far = ru_aktobe(1), en_aktobe(2), en_atyrau(3)
    events = {e.key: e for e in (ru, en, far)}
    common = Commonness.of(events.values())
    # One group with two pins: the unpinned Aktobe report goes with the Aktobe pin.
    assert keep_pins([[1, 2, 3]], {1: "p", 3: "q"}, events, common) == [[1, 2], [3]]
    assert keep_pins([[1, 2, 3]], {1: "q", 3: "p"}, events, common) == [[1, 2], [3]]
    # Two groups of one pin are one; groups with no pin are as they were.
    assert keep_pins([[1], [2], [3]], {1: "p", 3: "p"}, events, common) == [[1, 3], [2]]
    assert keep_pins([[1], [2, 3]], {}, events, common) == [[1], [2, 3]]


def test_two_reviewed_incidents_stay_apart_when_a_report_bridges_them(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("x", "2024-03-12", LAUNDROMAT), [event("e-x", "2024-03-11")])
        store.add(doc("y", "2024-03-13", PARK), [event("e-y", "2024-03-12")])
        first, second = of(store, "x")["event_id"], of(store, "y")["event_id"]
        rv.accept(store, first, "max")
        rv.accept(store, second, "max")
        # Unreviewed, the bridge joins all three (test_store); reviewed, each keeps its own.
        store.add(doc("z", "2024-03-13", BRIDGE), [event("e-z", "2024-03-11")])
        found = by_id(store)
        assert set(found) == {first, second}
        assert sorted(sources(r) for r in found.values()) in (
            [["x", "z"], ["y"]],
            [["x"], ["y", "z"]],
        )
        before = without_times(list(store.incidents()))
        store.relink()
        assert without_times(list(store.incidents())) == before


def test_a_new_version_of_a_report_of_two_incidents_keeps_each_events_review(
    store_url: str,
) -> None:
    text = "Gunmen killed one man in Chicago on Monday; in Gary hundreds marched on Friday."
    with Store(store_url) as store:
        store.add(
            doc("s", "2024-04-06", text),
            [
                event("e-1", "2024-04-01"),
                event("e-2", "2024-04-05", GARY, fatalities=0, sub_event_type="Peaceful protest"),
            ],
        )
        chicago = next(r for r in store.incidents() if r["location"] == "Chicago")["event_id"]
        gary = next(r for r in store.incidents() if r["location"] == "Gary")["event_id"]
        rv.edit(store, chicago, {"fatalities": 2}, "noa")
        rv.reject(store, gary, "noa")
        # A new coder version: new event ids, each of the same day, kind and place.
        store.add(
            doc("s", "2024-04-06", text + " Updated."),
            [
                event("e-1b", "2024-04-01", fatalities=3),
                event("e-2b", "2024-04-05", GARY, fatalities=0, sub_event_type="Peaceful protest"),
            ],
        )
        found = by_id(store)
        assert set(found) == {chicago, gary}
        assert (found[chicago]["events"], found[chicago]["fatalities"]) == (["e-1b"], 2)
        assert (found[gary]["events"], found[gary]["status"]) == (["e-2b"], "rejected")


# ---- 3. what is refused --------------------------------------------------------------------


Action = Callable[[Store, str, str], Any]

BAD_EDITS = [
    ({"evidence": "x"}, "cannot edit 'evidence'"),
    ({"event_type": "Shooting", "sub_event_type": "Attack"}, "event_type 'Shooting'"),
    ({"sub_event_type": "Drive-by"}, "sub_event_type 'Drive-by'"),
    ({"event_type": "Riots"}, "'Violent demonstration'"),
    ({"event_type": "Riots", "sub_event_type": "Attack"}, "not one of event_type 'Riots'"),
    ({"event_date": (date.today() + timedelta(days=1)).isoformat()}, "after today"),
    ({"event_date": "11 March 2024"}, "not a date"),
    ({"event_date": "2024-02-30"}, "not a date"),
    ({"event_date": None}, "event_date cannot be empty"),
    ({"fatalities": -1}, "fatalities must be a whole number"),
    ({"fatalities": 2**31}, "fatalities must be a whole number"),
    ({"injuries": True}, "injuries must be a whole number"),
    ({"arrests": 2.5}, "arrests must be a whole number"),
    ({"fatalities": "3"}, "fatalities must be a whole number"),
    ({"latitude": 91}, "latitude must be a number from -90 to 90"),
    ({"longitude": -180.5}, "longitude must be a number from -180 to 180"),
    ({"longitude": float("nan")}, "longitude must be a number"),
    ({"location": "  "}, "location must be a name"),
    ({"location": None}, "location cannot be empty"),
    ({"country": "x" * 129}, "country is 129 characters long; it may be 128"),
    ({"actor2": "a\x00b"}, "actor2 holds a NUL"),
    ({"actor1": 7}, "actor1 must be a name"),
    ({"fatalities_low": 2}, "fatalities_low 2 is more than fatalities 1"),
    ({}, "no change given"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_EDITS)
def test_a_bad_edit_is_a_400_naming_the_field_and_changes_nothing(
    store: Store, changes: dict[str, Any], message: str
) -> None:
    ident = of(store, "a")["event_id"]
    before = list(store.incidents())
    with pytest.raises(ReviewError, match=message) as e:
        rv.edit(store, ident, changes, "olga")
    assert e.value.status == 400
    assert "\n" not in str(e.value)
    assert list(store.incidents()) == before
    assert rv.audit(store, ident) == []


def test_every_review_error_has_its_status(store: Store) -> None:
    ident, other = of(store, "a")["event_id"], of(store, "c")["event_id"]
    unknown = "ni-0000000000000000"
    cases: list[tuple[Callable[[], Any], int, str]] = [
        (lambda: rv.accept(store, unknown, "pat"), 404, "no incident 'ni-0000000000000000'"),
        (lambda: rv.reject(store, "ni-x\x00", "pat"), 404, "no incident"),
        (lambda: rv.edit(store, "x" * 65, {"fatalities": 2}, "pat"), 404, "no incident"),
        (lambda: rv.merge(store, ident, unknown, "pat"), 404, "no incident"),
        (lambda: rv.merge(store, unknown, ident, "pat"), 404, "no incident"),
        (lambda: rv.split(store, unknown, ["e-a"], "pat"), 404, "no incident"),
        (lambda: rv.audit(store, unknown), 404, "no incident"),
        (lambda: rv.merge(store, ident, ident, "pat"), 409, "with itself"),
        (lambda: rv.split(store, ident, [], "pat"), 409, "no event named"),
        (lambda: rv.split(store, ident, ["e-a", "e-b"], "pat"), 409, "every one of its 2"),
        (lambda: rv.split(store, ident, ["e-c"], "pat"), 400, "'e-c' is not an event of"),
        (lambda: rv.split(store, ident, "e-a", "pat"), 400, "a list of event ids"),
        (lambda: rv.accept(store, ident, " "), 400, "who must name"),
        (lambda: rv.accept(store, ident, "q" * 256), 400, "who is 256 characters"),
        (lambda: rv.accept(store, ident, "pat", "r" * 10_001), 400, "reason is 10,001"),
        (lambda: rv.merge(store, other, other, "pat"), 409, "with itself"),
    ]
    before = list(store.incidents())
    for act, status, message in cases:
        with pytest.raises(ReviewError, match=message) as e:
            act()
        assert e.value.status == status, message
        assert "\n" not in str(e.value)
    assert list(store.incidents()) == before  # nothing refused changed anything
    assert rv.audit(store, ident) == rv.audit(store, other) == []


# ---- 4. filters ----------------------------------------------------------------------------

SUVA = {"location": "Suva", "latitude": -18.14, "longitude": 178.44, "admin1": "Central"}
APIA = {"location": "Apia", "latitude": -13.83, "longitude": -171.76, "admin1": "Tuamasaga"}


def test_the_bounding_box_filter_crosses_the_antimeridian(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        store.add(doc("s", "2024-05-02", "A vendor was stabbed in Suva."), [
            event("e-s", "2024-05-01", SUVA)])  # fmt: skip
        store.add(doc("p", "2024-07-16", "A bus driver was beaten in Apia."), [
            event("e-p", "2024-07-15", APIA)])  # fmt: skip

        def where(*bbox: float) -> list[str]:
            return [r["location"] for r in store.incidents(Filters(bbox=bbox))]  # type: ignore[arg-type]

        assert where(-180, -90, 180, 90) == ["Chicago", "Suva", "Apia"]
        assert where(-90, 40, -85, 45) == ["Chicago"]
        assert where(170, -30, -170, 0) == ["Suva", "Apia"]  # across the antimeridian
        assert where(175, -30, 180, 0) == ["Suva"]
        assert where(-180, -30, -170, 0) == ["Apia"]
        assert where(-170, -30, 170, 0) == []  # the same edges the other way round
        # Coordinates set by hand move an incident on the map.
        apia = next(r for r in store.incidents() if r["location"] == "Apia")["event_id"]
        rv.edit(store, apia, {"latitude": 41.9, "longitude": -87.6}, "quinn")
        assert where(-90, 40, -85, 45) == ["Chicago", "Apia"]


@pytest.mark.parametrize(
    ("bbox", "message"),
    [
        ((0, 0, 10), "four numbers"),
        ((0, 50, 10, 40), "south .50. is north of its north"),
        ((0, -91, 10, 0), "south must be a number from -90 to 90"),
        ((-181, 0, 10, 10), "west must be a number from -180 to 180"),
        ((0, 0, float("nan"), 10), "east must be a number"),
        ((0, 0, 10, "10"), "north must be a number"),
    ],
)
def test_a_bad_bounding_box_is_a_filter_error(bbox: Any, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        Filters(bbox=bbox)


def test_the_status_filter(store: Store) -> None:
    rv.reject(store, of(store, "c")["event_id"], "ray")

    def where(status: str) -> list[list[str]]:
        return [sources(r) for r in store.incidents(Filters(status=status))]

    assert (where("machine"), where("rejected"), where("reviewed")) == ([["a", "b"]], [["c"]], [])
    rv.accept(store, of(store, "a")["event_id"], "ray")
    assert (where("machine"), where("reviewed")) == ([], [["a", "b"]])
    with pytest.raises(FilterError, match="status must be one of machine, reviewed, rejected"):
        Filters(status="approved")


# ---- 5. show, and a store made before ------------------------------------------------------


def test_show_gives_the_status_the_review_and_the_audit(store: Store) -> None:
    ident = of(store, "a")["event_id"]
    rv.edit(store, ident, {"fatalities": 2}, "sam", "two died")
    shown = show(store, ident)
    assert shown is not None
    assert shown["incident"]["status"] == "reviewed"
    assert shown["incident"]["review"]["fields"] == ["fatalities"]
    assert shown["audit"] == rv.audit(store, ident)
    text = table(shown)
    assert "\n  fatalities           2  [reviewed]\n" in text
    assert "\n  status               reviewed\n" in text
    assert "\nReview: reviewed, last by sam at " in text
    assert "\n    fatalities  1\n" in text  # the machine's
    assert "\nAudit (2)\n" in text
    assert "  sam  edit fatalities: 1 -> 2\n" in text
    assert '\n      "two died"\n' in text
    # An event's id shows its incident's review too; an incident no one reviewed says so.
    assert show(store, "e-b")["audit"] == shown["audit"]  # type: ignore[index]
    other = show(store, of(store, "c")["event_id"])
    assert other is not None
    assert other["audit"] == []
    assert "\nAudit: none (no one has reviewed this incident)\n" in table(other)


def test_a_store_at_0002_gets_coordinates_and_status_when_opened(store: Store) -> None:
    from alembic import command
    from alembic.config import Config

    from newsevents.store import MIGRATIONS

    rv.reject(store, of(store, "c")["event_id"], "tess")
    url = store.url
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")  # as a store made by an earlier version
    with store.engine.connect() as conn:
        names = {c["name"] for c in sa.inspect(conn).get_columns("incidents")}
        tables = set(sa.inspect(conn).get_table_names())
    assert not {"latitude", "longitude", "status"} & names
    assert not {"pins", "reviews", "audit"} & tables
    store.close()
    with Store(url) as opened:
        with opened.engine.connect() as conn:  # (on SQLite a connection holds the file)
            rows = conn.execute(
                sa.text("SELECT incident_id, latitude, longitude, status FROM incidents")
            ).all()
        records = {r["event_id"]: r for r in opened.incidents()}
        assert len(rows) == 2
        for ident, lat, lon, status in rows:
            # The record as it was made: a rejected one says so; its review went with 0003.
            assert (lat, lon, status) == (
                records[ident]["latitude"],
                records[ident]["longitude"],
                records[ident]["status"],
            )
        assert {s for *_, s in rows} == {"machine", "rejected"}
        assert [r["location"] for r in opened.incidents(Filters(bbox=(-90, 40, -85, 45)))] == [
            "Chicago",
            "Chicago",
        ]
