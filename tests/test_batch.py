"""`newsevents batch` on Spark in local[2] mode: its events equal `extract`'s on the same
reports, field by field; `batch link` links them with the store's linker; `ingest
--events-parquet` stores them.

The inputs are a small WARC file written by test_archives (three pages, one blank) and a
JSONL file of the project's own multilingual stories (eval/wire/stories.jsonl) with a line
that cannot be read. PySpark needs Java: `.ci/run` installs Debian's JRE where none is;
`make test` sets NEWSEVENTS_REQUIRE_SPARK, so there a missing one fails the run.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from newsevents.batch import plan, run_extract, run_link, spark_session
from newsevents.cli import code_all, main
from newsevents.extract import Extractor
from newsevents.ingest import read_inputs
from newsevents.settings import Settings
from newsevents.store import Store
from test_archives import warc

ROOT = Path(__file__).resolve().parent.parent
SOME = 20  # of the stories suite's reports

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        reason = "no Java runtime (apt install default-jre-headless); PySpark needs one"
        if os.environ.get("NEWSEVENTS_REQUIRE_SPARK"):
            pytest.fail(reason)
        pytest.skip(reason)
    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("batch-in")
    warc(folder / "crawl.warc.gz")
    lines = (ROOT / "eval" / "wire" / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [*lines[:SOME], "{this line is not JSON"]
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder / "crawl.warc.gz"), str(folder / "stories.jsonl")]


@pytest.fixture(scope="module")
def coded(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch-out")
    summary = run_extract(spark, inputs, out, Settings(), rows=6)
    assert (summary.reports, summary.failed) == (3 + 1 + SOME + 1, 2)
    return out


def by_doc(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        out.setdefault(r.pop("_doc"), []).append(r)
    return {k: sorted(v, key=lambda r: r["event_id"]) for k, v in out.items()}


def test_the_tasks_cut_files_as_extract_reads_them(inputs: list[str]) -> None:
    tasks = plan(inputs, rows=6)
    assert [t.kind for t in tasks] == ["archive", "jsonl", "jsonl", "jsonl", "jsonl"]
    assert [(t.start, t.stop) for t in tasks[1:]] == [(1, 7), (7, 13), (13, 19), (19, 22)]


def test_batch_events_equal_extract_s_field_by_field(
    coded: Path, inputs: list[str], extractor: Extractor
) -> None:
    events = ds.dataset(str(coded / "events"), format="parquet", partitioning="hive")
    rows = events.to_table().to_pylist()
    batch = by_doc([{**json.loads(r["record"]), "_doc": r["doc_id"]} for r in rows])
    expected: list[dict[str, Any]] = []
    errors = 0
    loaded = read_inputs([], inputs, max_bytes=10 * 1024 * 1024)
    for result in code_all(loaded, extractor, 8):
        errors += bool(result.error)
        expected += [{**e, "_doc": result.doc_id} for e in result.events]
        expected += [{**e, "recalled": True, "_doc": result.doc_id} for e in result.recalled]
    assert errors == 2
    assert batch == by_doc(expected)
    assert len(rows) > SOME
    # The columns of `export --format parquet`, and the month each event is filed under.
    first = next(r for r in rows if r["event_date"])
    assert first["event_month"] == first["event_date"][:7]
    assert first["event_id_cnty"] == json.loads(first["record"])["event_id"]
    assert json.loads(first["sources"])[0]["doc_id"] == first["doc_id"]


def test_batch_link_and_ingest_give_the_store_s_incidents(
    spark: Any, coded: Path, tmp_path: Path
) -> None:
    summary = run_link(spark, coded)
    links = ds.dataset(str(coded / "links"), format="parquet").to_table().to_pylist()
    assert summary.events == len(links)
    spark_incidents: dict[str, set[str]] = {}
    for link in links:
        spark_incidents.setdefault(link["incident_id"], set()).add(link["event_id"])
    assert summary.incidents == len(spark_incidents) < summary.events

    db = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["ingest", "--events-parquet", str(coded), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the two reports that could not be read
    assert "offset" in result.stderr
    assert "line 21" in result.stderr
    with Store(str(db)) as store:
        store.relink()  # in publication order, as batch link links
        stored = {r["event_id"]: set(r["events"]) for r in store.incidents()}
        assert store.counts()["unreadable"] == 2
    assert stored == spark_incidents
