"""`newsevents eval`: the figures of shared/eval/score.py, computed by the project's own code.

Small gold files and predictions written here, one per gold format, with their figures worked
out by hand; bad input; the command coding the reports itself; and, where the shared
evaluation sets are there, every figure and its n compared with score.py's on samples of
the dev sets and of the wire suites.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from newsevents.cli import LazyExtractor, code_all, main
from newsevents.evaluate import (
    Figure,
    GoldReport,
    Scorecard,
    by_doc_id,
    read_gold,
    score,
    score_clusters,
    score_report,
    table,
)
from newsevents.extract import Extractor
from newsevents.ingest import read_inputs
from newsevents.output import Writer

SHARED_EVAL = ROOT.parent / "shared" / "eval"
SAMPLE = 40  # lines of each set compared with score.py

Record = dict[str, Any]


def gold(doc_id: str, dataset: str, g: Record, text: str = "A report.") -> Record:
    return {"doc_id": doc_id, "dataset": dataset, "text": text, "published": None, "gold": g}


def report(record: Record) -> GoldReport:
    return GoldReport(record["doc_id"], record["dataset"], record["gold"], record["text"], "t")


def figures(records: list[Record], preds: dict[str, list[Record]]) -> Scorecard:
    card = score(by_doc_id([report(r) for r in records], preds))
    assert card.errors == []
    return card


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["eval", *args])
    return result.exit_code, result.stdout, result.stderr


# ---- gva-like: one event per report, closest coded event, arrests scored ---------------

GVA_TEXT = "Police said two men were shot dead on Main Street.\nA third   man was wounded."
GVA = [
    gold(
        "g1",
        "gva",
        {
            "incident_id": "1",
            "event_date": "2020-05-09",
            "country": "United States",  # no iso3: read from the name
            "admin1": "Illinois",
            "location": "Chicago",
            "latitude": 41.8781,
            "longitude": -87.6298,
            "fatalities": 2,
            "injuries": 1,
            "arrests": 0,
        },
        GVA_TEXT,
    ),
    gold(
        "g2",
        "gva",
        {
            "event_date": "2020-06-01",
            "iso3": "USA",
            "admin1": "Texas",
            "latitude": 29.76,
            "longitude": -95.37,
            "fatalities": 0,
            "injuries": 0,
            "arrests": 1,
        },
    ),
    gold("g3", "gva", {"event_date": "2020-06-02", "fatalities": 1}),
]
GVA_PREDS: dict[str, list[Record]] = {
    "g1": [
        {  # far away and weeks off: not the closest
            "event_date": "2020-05-20",
            "location": "Springfield",
            "latitude": 39.78,
            "longitude": -89.65,
            "fatalities": 5,
            "evidence": [{"quote": "five killed"}, {"quote": ""}],
        },
        {  # a day off (close: +2) and 69 km north (not within 50 km: +0)
            "event_date": "2020-05-10",
            "iso3": "USA",
            "admin1": "illinois ",
            "latitude": 42.5,
            "longitude": -87.6298,
            "fatalities": 2,
            "injuries": None,
            "evidence": [
                {"quote": "two men were shot dead"},
                {"quote": "A third man was wounded."},
            ],
        },
    ],
    "g2": [],
    # g3 has no prediction line.
}


def test_gva_like_figures_by_hand() -> None:
    card = figures(GVA, GVA_PREDS)
    assert card.missing == 1
    assert card.scored == 2
    assert card.datasets == {
        "gva": {
            # g1's second event is the closest; g2 has none.
            "detected": Figure(1 / 2, 2),
            "date_exact": Figure(0.0, 2),  # 10 May for 9 May
            "date_within_1d": Figure(1 / 2, 2),
            "country": Figure(1 / 2, 2),  # "United States" is USA
            "admin1": Figure(1 / 2, 2),  # "illinois " is "Illinois"
            "within_25km": Figure(0.0, 2),  # 69 km
            "within_161km": Figure(1 / 2, 2),
            "fatalities_exact": Figure(2 / 2, 2),  # 2 = 2; none coded = 0
            "fatalities_zero_vs_nonzero": Figure(2 / 2, 2),
            "injuries_exact": Figure(1 / 2, 2),  # none coded for 1; 0 = 0
            "arrests_exact": Figure(1 / 2, 2),  # none coded = 0; 0 for 1
            # every quote of every event: two in the text (whitespace aside), one not
            "evidence_in_text": Figure(2 / 3, 3),
        }
    }


# ---- acled-like: actor types for "acled" only, fatalities only where scorable ----------

ACLED_GOLD: Record = {
    "event_date": "2020-05-01",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "inter1": 1,
    "inter2": 2,
    "country": "Mexico",
    "admin1": "Guerrero",
    "location": "Chilpancingo",
    "latitude": 17.55,
    "longitude": -99.5,
    "fatalities": 3,
    "fatalities_scorable": False,  # ACLED split the toll over several events
    "arrests": 2,
}
ACLED_EVENT: Record = {
    "event_date": "2020-05-01",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "inter1": 2,
    "inter2": "1",
    "country": "Mexico",
    "admin1": "Guerrero",
    "latitude": 17.55,
    "longitude": -99.5,
    "fatalities": 1,
}


def test_acled_like_figures_by_hand() -> None:
    records = [gold("a1", "acled", ACLED_GOLD), gold("m1", "mine", ACLED_GOLD)]
    card = figures(records, {"a1": [ACLED_EVENT], "m1": [ACLED_EVENT]})
    shared = {
        "detected": Figure(1.0, 1),
        "event_type": Figure(1.0, 1),
        "sub_event_type": Figure(1.0, 1),
        "date_exact": Figure(1.0, 1),
        "date_within_1d": Figure(1.0, 1),
        "country": Figure(1.0, 1),  # "Mexico" is MEX on both sides
        "admin1": Figure(1.0, 1),
        "within_25km": Figure(1.0, 1),
        "within_161km": Figure(1.0, 1),
    }
    # No fatalities figure (not scorable), no evidence quoted; a dataset of another name is
    # scored the same way, less the actor types (and the arrests, which only "gva" scores).
    assert card.datasets == {
        "acled": {**shared, "actor_types": Figure(1.0, 1)},  # 1 and 2 either way round
        "mine": shared,
    }


# ---- case-like: no event wanted where the gold has no type ------------------------------


def test_case_like_figures_by_hand() -> None:
    none = {"case_label": "NATURAL_DISASTER", "event_type": None, "sub_event_type": None}
    protest = {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    records = [gold("c1", "case", none), gold("c2", "case", none), gold("c3", "case", protest)]
    coded = {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
    card = figures(records, {"c1": [], "c2": [coded], "c3": [coded]})
    assert card.datasets == {
        "case": {
            "no_event_when_none": Figure(1 / 2, 2),  # c1 coded nothing, c2 something
            "detected": Figure(1.0, 1),
            "event_type": Figure(1.0, 1),
            "sub_event_type": Figure(0.0, 1),
        }
    }


# ---- seed: hand-coded specs, wanted and forbidden ---------------------------------------

SEED = gold(
    "s1",
    "seed",
    {
        "events": [
            {
                "name": "raid",
                "events_on": "2016-06-10",
                "near": [50.28, 57.21],
                "event_type_any": ["Battles"],
                "fatalities_sum": 5,
                "injuries_sum": 2,
            },
            {
                "name": "protests",
                "event_date_from": "2016-04-01",
                "event_date_to": "2016-05-31",
                "iso3": "KAZ",
                "event_type": ["Protests"],
                "arrests_min": 1000,
            },
            {
                "name": "attack",
                "event_date": "2016-06-05",
                "latitude": 50.28,
                "longitude": 57.21,
                "fatalities_min": 7,
            },
        ],
        "forbidden": [
            {"name": "double", "events_on": "2016-06-10", "fatalities_sum_min": 6},
            {"name": "total", "fatalities_min": 21},
        ],
    },
)
SEED_PREDS = [
    {
        "event_date": "2016-06-10",
        "event_type": "Battles",
        "latitude": 50.28,
        "longitude": 57.21,
        "fatalities": 4,
        "injuries": 2,
    },
    {  # 2 km away, the same day: the raid's toll is the day's sum, 4 + 1
        "event_date": "2016-06-10",
        "event_type": "Violence against civilians",
        "latitude": 50.30,
        "longitude": 57.20,
        "fatalities": 1,
    },
    {"event_date": "2016-05-15", "event_type": "Protests", "iso3": "KAZ", "arrests": 1000},
    {  # six days after the attack: not it
        "event_date": "2016-06-11",
        "event_type": "Battles",
        "latitude": 50.0,
        "longitude": 57.21,
        "fatalities": 8,
    },
]


def test_seed_specs_by_hand() -> None:
    card = figures([SEED], {"s1": SEED_PREDS})
    assert card.datasets == {
        "seed": {
            "found:raid": Figure(1.0, 1),
            "found:protests": Figure(1.0, 1),
            "found:attack": Figure(0.0, 1),
            "avoided:double": Figure(1.0, 1),  # 5 killed on the day, not 6 or more
            "avoided:total": Figure(1.0, 1),  # no event of 21 or more
        }
    }


# ---- wire: reports coded whole ----------------------------------------------------------

WIRE_TEXT = "Troops clashed with insurgents near Maiduguri on Sunday, killing four."
WIRE = [
    gold(
        "w1",
        "wire_en",
        {
            "no_event": False,
            "events": [
                {
                    "event_date": "2024-03-10",
                    "time_precision": 1,
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "inter1": 1,
                    "inter2": 2,
                    "country": "Nigeria",
                    "iso3": "NGA",
                    "admin1": "Borno",
                    "location": "Maiduguri",
                    "latitude": 11.85,
                    "longitude": 13.16,
                    "geo_precision": 1,
                    "fatalities": 4,
                    "injuries": 3,
                },
                {  # the month only, the region only
                    "event_date": "2024-03-01",
                    "time_precision": 3,
                    "event_type": "Protests",
                    "sub_event_type": "Peaceful protest",
                    "inter1": 6,
                    "country": "Nigeria",
                    "admin1": "Lagos",
                    "latitude": 6.5,
                    "longitude": 3.4,
                    "geo_precision": 3,
                    "fatalities": 0,
                    "arrests": 12,
                },
            ],
        },
        WIRE_TEXT,
    ),
    gold("w2", "wire_en", {"no_event": True, "events": []}, "A court ruled on taxes."),
    gold("w3", "wire_en", {"no_event": True, "events": []}, "A flood hit the town."),
]
WIRE_PREDS: dict[str, list[Record]] = {
    "w1": [
        {  # the battle: a day off, 8.6 km away, 4 killed, 2 injured
            "event_date": "2024-03-11",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "inter1": 2,
            "inter2": 1,
            "iso3": "NGA",
            "admin1": "Borno",
            "latitude": 11.90,
            "longitude": 13.10,
            "fatalities": 4,
            "injuries": 2,
            "evidence": [{"quote": "clashed with  insurgents"}],
        },
        {  # the battle's day and place too: a split, not a spurious event
            "event_date": "2024-03-10",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "iso3": "NGA",
            "latitude": 11.85,
            "longitude": 13.16,
            "fatalities": 1,
        },
        {  # the protests: within the month, in Nigeria (the gold knows only the region)
            "event_date": "2024-03-20",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "inter1": 6,
            "country": "Nigeria",
            "latitude": 9.0,
            "longitude": 7.5,
            "arrests": 10,
        },
        {"event_date": "2024-05-01", "event_type": "Battles", "latitude": 0.0, "longitude": 0.0},
    ],
    "w2": [],
    "w3": [{"event_date": "2024-03-01", "evidence": [{"quote": "a fire"}]}],
}


def test_wire_figures_by_hand() -> None:
    card = figures(WIRE, WIRE_PREDS)
    assert card.datasets == {
        "wire_en": {
            # Both gold events matched: the battle to the first event (place, type, sub-type
            # and toll agree: 8), the protests to the third (8), before any pair scoring 4.
            "event_found": Figure(1.0, 2),
            "event_type": Figure(1.0, 2),
            "sub_event_type": Figure(1.0, 2),
            "actor_types": Figure(1.0, 2),  # 1-2 as 2-1; 6 and none as 6
            "date_exact": Figure(0.0, 2),  # a day off; the 20th for the 1st
            "country": Figure(1.0, 2),
            "admin1": Figure(1.0, 1),  # the protests' region is not scored (geo_precision 3)
            "within_25km": Figure(1.0, 1),
            "fatalities_exact": Figure(1.0, 2),
            "injuries_exact": Figure(0.0, 1),
            "arrests_exact": Figure(0.0, 1),
            # the split event falls in the battle's cell; the one in May in no gold cell
            "event_precision": Figure(3 / 4, 4),
            "no_event_when_none": Figure(1 / 2, 2),
            "evidence_in_text": Figure(1 / 2, 2),
        }
    }


def test_one_report_scores_alone() -> None:
    """score_report is the figures of one report, for a caller of its own."""
    tally = score_report(report(WIRE[1]), [])
    assert tally.figures() == {"no_event_when_none": Figure(1.0, 1)}


# ---- merging --------------------------------------------------------------------------


def test_clusters_by_hand() -> None:
    reports = [
        report(gold(d, "gva", {"incident_id": inc}))
        for d, inc in [("d1", "A"), ("d2", "A"), ("d3", "A"), ("d4", "B"), ("d5", "B")]
    ]
    reports.append(report(gold("d6", "gva", {})))  # no incident id: not in any pair
    incidents: list[Record] = [
        {"sources": [{"doc_id": "d1"}, {"doc_id": "d2"}]},
        {"sources": [{"doc_id": "d3"}, {"doc_id": "d4"}, {"doc_id": "d6"}]},
        {"sources": [{"doc_id": "d5"}]},
        {"sources": []},
    ]
    # gold pairs d1-d2, d1-d3, d2-d3, d4-d5; predicted d1-d2 (right), d3-d4 (wrong)
    assert score_clusters(incidents, reports) == {
        "pairwise_precision": 1 / 2,
        "pairwise_recall": 1 / 4,
        "pairwise_f1": 2 * (1 / 2) * (1 / 4) / (1 / 2 + 1 / 4),
        "gold_pairs": 4,
        "docs_placed": 5,
        "docs": 5,
    }


# ---- the command --------------------------------------------------------------------------


def hand_files(folder: Path) -> tuple[list[Path], Path]:
    """The hand-made gold files of every format and their predictions, as files."""
    golds = [
        write_jsonl(folder / f"{name}.jsonl", records)
        for name, records in [
            ("gva", GVA),
            ("acled", [gold("a1", "acled", ACLED_GOLD), gold("m1", "mine", ACLED_GOLD)]),
            ("seed", [SEED]),
            ("wire", WIRE),
        ]
    ]
    preds = {**GVA_PREDS, "a1": [ACLED_EVENT], "m1": [ACLED_EVENT], "s1": SEED_PREDS}
    preds.update(WIRE_PREDS)
    lines = [{"doc_id": k, "events": v, "error": None} for k, v in preds.items()]
    return golds, write_jsonl(folder / "preds.jsonl", lines)


def test_command_prints_a_block_per_dataset(tmp_path: Path) -> None:
    golds, preds = hand_files(tmp_path)
    code, out, err = run("--predictions", str(preds), *map(str, golds))
    assert code == 0, err
    assert re.findall(r"^\[(.+)\]$", out, re.M) == ["acled", "gva", "mine", "seed", "wire_en"]
    assert "  detected                      0.500  (n=2)\n" in out
    assert "  found:attack                  0.000  (n=1)\n" in out
    assert "  event_precision               0.750  (n=4)\n" in out
    assert out.endswith("documents with no prediction line: 1\n")
    assert err.splitlines()[-1] == "8 reports scored in 5 datasets, 1 with no prediction line."


def test_command_writes_json(tmp_path: Path) -> None:
    golds, preds = hand_files(tmp_path)
    target = tmp_path / "figures.json"  # json by its suffix
    code, out, err = run("--predictions", str(preds), "--output", str(target), *map(str, golds))
    assert code == 0, err
    assert out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["datasets"]["seed"]["found:raid"] == {"value": 1.0, "n": 1}
    assert data["datasets"]["gva"]["evidence_in_text"] == {"value": 2 / 3, "n": 3}
    assert data["missing_predictions"] == 1
    assert data["reports_scored"] == 8
    assert "clusters" not in data


def test_command_scores_clusters(tmp_path: Path) -> None:
    golds, preds = hand_files(tmp_path)
    incidents = write_jsonl(
        tmp_path / "incidents.jsonl", [{"sources": [{"doc_id": "g1"}, {"doc_id": "g2"}]}]
    )
    code, out, err = run(
        "--predictions", str(preds), "--clusters", str(incidents), "--format", "json", str(golds[0])
    )
    assert code == 0, err
    # Only g1 has an incident id: no gold pair, and one report placed.
    assert json.loads(out)["clusters"] == {
        "pairwise_precision": 0.0,
        "pairwise_recall": 0.0,
        "pairwise_f1": 0.0,
        "gold_pairs": 0,
        "docs_placed": 1,
        "docs": 1,
    }


def test_bad_gold_lines_are_reported_and_the_rest_scored(tmp_path: Path) -> None:
    good = json.dumps(GVA[1])
    lines = [
        json.dumps(GVA[0]),
        "{not json",
        json.dumps({"doc_id": "x", "dataset": "gva", "text": "t"}),
        json.dumps({"doc_id": "y", "gold": {}, "text": "t"}),
        "",
        '["a list"]',
        json.dumps(gold("z", "wire_en", {"no_event": False, "events": [{}]})),
        good,
    ]
    f = tmp_path / "gold.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preds = write_jsonl(
        tmp_path / "preds.jsonl",
        [{"doc_id": "g1", "events": GVA_PREDS["g1"]}, {"doc_id": "g2", "events": []}],
    )
    with preds.open("a", encoding="utf-8") as handle:
        handle.write('{"doc_id": "z", "events": [')
        handle.write("\n" + json.dumps({"doc_id": "z", "events": []}) + "\n")
    code, out, err = run("--predictions", str(preds), "--format", "json", str(f))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: cannot read {f} line 2: not JSON: Expecting property name enclosed in double "
        "quotes (column 2)",
        f'error: cannot read {f} line 3: no "gold" object',
        f'error: cannot read {f} line 4: no "dataset" name (gva, acled, case, seed, wire_en ...)',
        f"error: cannot read {f} line 6: a JSON list, not an object",
        f"error: cannot read {preds} line 3: not JSON: Expecting value (column 28)",
        # a wire event with none of its fields: that report alone is not scored
        f"error: {f} line 7: cannot score z: KeyError: 'event_type'",
    ]
    data = json.loads(out)
    assert data["reports_scored"] == 2  # g1, and g2 on line 8 (after the blank line)
    assert data["datasets"]["gva"]["detected"] == {"value": 1 / 2, "n": 2}


def test_a_gold_file_with_nothing_to_score(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    junk = tmp_path / "junk.jsonl"
    junk.write_text("junk\n", encoding="utf-8")
    code, out, err = run(str(empty), str(junk))
    assert code == 1
    assert out == ""
    assert [line for line in err.splitlines() if "scorable" in line] == [
        f"error: {empty} holds no scorable reports",
        f"error: {junk} holds no scorable reports",
    ]
    code, _, err = run(str(tmp_path / "nowhere.jsonl"))
    assert code == 1
    assert f"error: cannot read {tmp_path / 'nowhere.jsonl'}: No such file or directory" in err


def test_predictions_that_match_no_gold_report(tmp_path: Path) -> None:
    golds, _ = hand_files(tmp_path)
    preds = write_jsonl(tmp_path / "other.jsonl", [{"doc_id": "other", "events": []}])
    code, out, err = run("--predictions", str(preds), str(golds[0]))
    assert code == 1
    assert out == "documents with no prediction line: 3\n"
    assert f"error: no gold report has a line in {preds}" in err


# ---- the command codes the reports itself -------------------------------------------------


def code_to(path: Path, golds: list[Path], extractor: Extractor) -> Path:
    """Code gold files as `extract --input` does, into `extract`'s JSONL output."""
    loaded = read_inputs((), [str(g) for g in golds], max_bytes=2**26)
    with path.open("w", encoding="utf-8") as out:
        writer = Writer("jsonl", out)
        for result in code_all(loaded, extractor, extractor.settings.batch_size):
            writer.write(result)
        writer.close()
    return path


@pytest.mark.slow
def test_command_codes_the_reports_as_extract_does(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LazyExtractor, "get", lambda _self: extractor)  # the model loads once
    reports = [
        {
            **gold(
                "k1",
                "gva",
                {"event_date": "2024-03-10", "iso3": "NGA", "fatalities": 3},
                "Gunmen killed three villagers in Maiduguri, Borno state, on Sunday.",
            ),
            "published": "2024-03-11",
        },
        "not json",
        {
            **gold(
                "k2",
                "wire_en",
                {"no_event": True, "events": []},
                "The central bank kept its rate at 18 percent on Tuesday.",
            ),
            "published": "2024-03-12",
        },
        gold("k3", "gva", {"event_date": "2024-03-10", "fatalities": 0}, ""),  # cannot be coded
    ]
    f = tmp_path / "gold.jsonl"
    f.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in reports),
        encoding="utf-8",
    )
    code, coded, err = run(str(f), "--format", "json", "--jobs", "1")
    assert code == 1
    assert f"error: cannot read {f} line 2: not JSON: Expecting value (column 1)" in err
    # extract cannot tell its doc_id: it has no prediction, as score.py would read extract's
    assert f"error: cannot read {f} line 4: empty text" in err
    preds = code_to(tmp_path / "preds.jsonl", [f], extractor)
    code, given, _ = run(str(f), "--format", "json", "--predictions", str(preds))
    assert code == 1  # the line that is not JSON
    assert json.loads(coded) == json.loads(given)
    data = json.loads(coded)
    assert data["reports_scored"] == 2
    assert data["missing_predictions"] == 1
    assert data["datasets"]["gva"]["detected"]["n"] == 1
    assert data["datasets"]["wire_en"]["no_event_when_none"] == {"value": 1.0, "n": 1}


# ---- the same figures as score.py -------------------------------------------------------


def score_py(args: list[str], figures: Path) -> str:
    """What score.py prints, its figures written to `figures`."""
    run = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "score.py"), *args, "--json", str(figures)],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def printed_n(printed: str) -> dict[str, dict[str, int]]:
    """Each figure's n as score.py prints it, by dataset."""
    out: dict[str, dict[str, int]] = {}
    dataset = ""
    for line in printed.splitlines():
        if m := re.fullmatch(r"\[(.+)\]", line):
            dataset = m.group(1)
            out[dataset] = {}
        elif m := re.fullmatch(r"  (\S+)\s+\S+  \(n=(\d+)\)", line):
            out[dataset][m.group(1)] = int(m.group(2))
    return out


def assert_same_as_score_py(tmp_path: Path, preds: Path, golds: list[Path]) -> int:
    """Every figure, its value and its n, and the table itself, as score.py gives them;
    returns how many figures were compared."""
    files = [str(g) for g in golds]
    printed = score_py([str(preds), *files], tmp_path / "score_py.json")
    theirs = json.loads((tmp_path / "score_py.json").read_text(encoding="utf-8"))
    their_n = printed_n(printed)
    code, out, err = run("--predictions", str(preds), "--format", "json", *files)
    assert code == 0, err
    ours = json.loads(out)
    assert ours["missing_predictions"] == theirs.pop("missing_predictions")
    assert sorted(ours["datasets"]) == sorted(theirs)
    compared = 0
    for dataset, figures in theirs.items():
        mine = ours["datasets"][dataset]
        assert sorted(mine) == sorted(figures), dataset
        for name, value in figures.items():
            assert (dataset, name, mine[name]["value"]) == (dataset, name, value)
            assert (dataset, name, mine[name]["n"]) == (dataset, name, their_n[dataset][name])
            compared += 1
    code, out, _ = run("--predictions", str(preds), *files)
    assert out == printed  # the table is score.py's, line for line
    return compared


def assert_same_clusters(tmp_path: Path, incidents: Path, preds: Path, gold: Path) -> None:
    score_py(["--clusters", str(incidents), str(gold)], tmp_path / "clusters.json")
    theirs = json.loads((tmp_path / "clusters.json").read_text(encoding="utf-8"))
    code, out, err = run(
        "--predictions", str(preds), "--clusters", str(incidents), "--format", "json", str(gold)
    )
    assert code == 0, err
    assert json.loads(out)["clusters"] == theirs


def need_shared() -> None:
    if not (SHARED_EVAL / "score.py").is_file():
        pytest.skip(f"no {SHARED_EVAL}/score.py: the comparison with score.py needs it")


def test_hand_made_files_score_as_score_py_scores_them(tmp_path: Path) -> None:
    need_shared()
    golds, preds = hand_files(tmp_path)
    assert assert_same_as_score_py(tmp_path, preds, golds) == 50
    incidents = write_jsonl(
        tmp_path / "incidents.jsonl",
        [{"sources": [{"doc_id": "g1"}, {"doc_id": "g2"}]}, {"sources": [{"doc_id": "g3"}]}],
    )
    assert_same_clusters(tmp_path, incidents, preds, golds[0])


@pytest.mark.slow
def test_samples_score_as_score_py_scores_them(tmp_path: Path, extractor: Extractor) -> None:
    """The first lines of each dev set and of each wire suite, coded once, scored by both."""
    need_shared()
    sources = [SHARED_EVAL / "dev" / f"{name}.jsonl" for name in ("seed", "gva", "acled", "case")]
    sources += sorted((ROOT / "eval" / "wire").glob("*.jsonl"))
    golds = []
    for source in sources:
        with source.open(encoding="utf-8") as f:
            head = [line for _, line in zip(range(SAMPLE), f, strict=False)]
        target = tmp_path / source.name
        target.write_text("".join(head), encoding="utf-8")
        golds.append(target)
    preds = code_to(tmp_path / "preds.jsonl", golds, extractor)
    compared = assert_same_as_score_py(tmp_path, preds, golds)
    assert compared > 100
    # Merging: incidents made from the coded events (the reports whose first events share a
    # day and a first-order division), scored against the gold incident ids of the GVA sample
    # and of the wire suite's stories.
    groups: dict[tuple[Any, Any], list[str]] = {}
    for line in preds.read_text(encoding="utf-8").splitlines():
        coded = json.loads(line)
        if coded["events"]:
            first = coded["events"][0]
            key = (first.get("event_date"), first.get("admin1"))
            groups.setdefault(key, []).append(coded["doc_id"])
    incidents = write_jsonl(
        tmp_path / "incidents.jsonl",
        [{"sources": [{"doc_id": d} for d in docs]} for docs in groups.values()],
    )
    for gold_file in (tmp_path / "gva.jsonl", tmp_path / "stories.jsonl"):
        assert_same_clusters(tmp_path, incidents, preds, gold_file)


def test_read_gold_gives_an_entry_per_line(tmp_path: Path) -> None:
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(GVA[0]) + "\n\n  \n" + json.dumps(GVA[1])[:-1] + "\n", encoding="utf-8")
    first, second = read_gold(f)
    assert first == GoldReport("g1", "gva", GVA[0]["gold"], GVA_TEXT, f"{f} line 1")
    assert str(second).startswith(f"cannot read {f} line 4: not JSON")
    assert table(Scorecard()) == ""
