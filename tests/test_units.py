"""Settings, the pipeline's order check, the gazetteer, output formats and the quality gate."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import ROOT
from newsevents.errors import PipelineError, SettingsError
from newsevents.evalgate import check
from newsevents.extract.counts import CountItem, combine
from newsevents.extract.pipeline import Pipeline
from newsevents.model import Article
from newsevents.output import Result, Writer
from newsevents.settings import Settings


def test_settings_file_then_environment_then_command_line(tmp_path: Path) -> None:
    cfg = tmp_path / "newsevents.toml"
    cfg.write_text("batch_size = 8\nmax_report_mb = 2\n", encoding="utf-8")
    s = Settings.load(cfg, environ={"NEWSEVENTS_BATCH_SIZE": "16"}, overrides=["max_report_mb=3.5"])
    assert (s.batch_size, s.max_report_mb) == (16, 3.5)


@pytest.mark.parametrize(
    ("toml", "message"),
    [("colour = 'blue'\n", "unknown setting 'colour'"), ("batch_size = 'many'\n", "must be int")],
)
def test_bad_settings_are_errors(tmp_path: Path, toml: str, message: str) -> None:
    cfg = tmp_path / "newsevents.toml"
    cfg.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        Settings.load(cfg, environ={})


class Needs:
    name = "needs-dates"
    requires: tuple[str, ...] = ("mentions.date",)
    assigns: tuple[str, ...] = ("events",)

    def __call__(self, article: Article) -> Article:
        return article


def test_pipeline_refuses_components_out_of_order() -> None:
    with pytest.raises(PipelineError, match=r"needs-dates.*mentions\.date"):
        Pipeline([Needs()])


def item(value: int, group: str, **kw: object) -> CountItem:
    return CountItem("killed", value, 0, 1, groups={group: value}, **kw)  # type: ignore[arg-type]


def test_combine_takes_the_largest_figure_of_a_group_and_sums_groups() -> None:
    items = [
        item(5, "perpetrators"),
        item(4, "perpetrators"),
        item(1, "perpetrators", individual=True),
        item(2, "state_forces"),
    ]
    assert combine(items)[0] == 7
    assert combine(items)[3] == {"perpetrators": 5, "state_forces": 2}


def test_combine_counts_named_people_once() -> None:
    people = [
        item(1, "civilians", individual=True, identity="Ana Ruiz"),
        item(1, "civilians", individual=True, identity="Ruiz"),
        item(1, "civilians", individual=True, identity="Tomas Ortega"),
    ]
    assert combine(people)[0] == 2


def test_jsonl_keeps_input_order_and_errors_in_place() -> None:
    out = io.StringIO()
    w = Writer("jsonl", out)
    w.write(Result("a", "f line 1", [{"event_type": "Battles"}]))
    w.write(Result(None, "f line 2", error="cannot read f line 2: not JSON"))
    w.close()
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["doc_id"] for x in lines] == ["a", None]
    assert lines[1] == {"doc_id": None, "events": [], "error": "cannot read f line 2: not JSON"}


def test_csv_has_acled_columns_first() -> None:
    out = io.StringIO()
    w = Writer("csv", out)
    w.write(Result("a", "x", [{"event_id": "ne-1", "event_date": "2020-05-09", "evidence": []}]))
    w.close()
    header = out.getvalue().splitlines()[0].split(",")
    assert header[:4] == ["doc_id", "event_id", "event_date", "time_precision"]


def test_quality_gate_flags_each_figure_below_its_floor() -> None:
    floors = {"acled": {"detected": 0.9, "event_type": 0.8}}
    assert check({"acled": {"detected": 0.95, "event_type": 0.8}}, floors) == []
    assert check({"acled": {"detected": 0.85, "event_type": 0.8}}, floors) == [
        "acled detected: 0.850 is below the floor 0.900"
    ]


def test_floors_file_holds_the_seed_at_one() -> None:
    floors = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    assert set(floors["seed"].values()) == {1.0}
    assert len(floors["seed"]) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were shot outside a bar on Friday.", True),
        ("Rebels took control of the town overnight.", True),
        ("She took the bus to work and went on to the market.", False),
        ("The mayor attended a prayer service with the family.", False),
        ("Police seized nine pistols and ammunition.", True),
    ],
)
def test_only_paragraphs_that_could_tell_of_an_event_are_parsed(text: str, expected: bool) -> None:
    from newsevents.extract.lexicon import could_mention

    assert could_mention(text) is expected
