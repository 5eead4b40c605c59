"""Coding on several cores (`extract --jobs N`, `ingest --jobs N`): the same output as one
process, byte for byte; a bounded number of reports out at a time; a worker that dies fails
its own reports only; a worker that cannot load the model is one clear error.

The reports are the example reports and the project's own multilingual stories suite
(eval/wire/stories.jsonl: Russian, Spanish, French, Arabic and English), and a JSONL file
with lines that cannot be read.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.ingest.sources import make_article
from newsevents.model import Article
from newsevents.parallel import WINDOW, Workers
from newsevents.settings import Settings
from newsevents.store import Store

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "eval" / "wire" / "stories.jsonl"
SOME = 24  # of its reports: enough for every language and several chunks, and quick


def stories(tmp_path: Path) -> Path:
    path = tmp_path / "stories.jsonl"
    lines = STORIES.read_text(encoding="utf-8").splitlines()[:SOME]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


pytestmark = pytest.mark.slow


def bad_lines(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(
            {
                "doc_id": "ok-1",
                "text": "Police fired tear gas at protesters in Lagos on "
                "Monday, and 12 people were arrested, officials said.",
                "published": "2024-06-04",
            }
        ),
        "{not json",
        json.dumps({"doc_id": 7, "text": "a doc_id that is not a string"}),
        json.dumps({"doc_id": "empty", "text": ""}),
        json.dumps(
            {
                "doc_id": "ok-2",
                "text": "Gunmen killed four villagers in Zamfara state on Sunday, police said.",
                "published": "2024-06-03",
            }
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_extract_gives_the_same_bytes_on_two_cores_as_on_one(tmp_path: Path) -> None:
    mixed = bad_lines(tmp_path)
    args = [
        "extract",
        str(ROOT / "examples"),
        "--input",
        str(stories(tmp_path)),
        "--input",
        str(mixed),
        "--format",
        "jsonl",
        "--set",
        "batch_size=8",
        "-q",
    ]
    one = run(*args, "--jobs", "1")
    two = run(*args, "--jobs", "2")
    assert one[0] == two[0] == 1  # the bad lines
    assert one[1] == two[1]
    lines = [json.loads(line) for line in two[1].splitlines()]
    assert len(lines) == 6 + SOME + 5
    assert sum(1 for line in lines if line["events"]) > SOME
    assert sum(1 for line in lines if line["error"]) == 3


def test_ingest_on_two_cores_stores_what_one_stores(tmp_path: Path) -> None:
    reports = stories(tmp_path)

    def ingest(jobs: str) -> list[dict[str, object]]:
        db = tmp_path / f"jobs{jobs}.db"
        code, _ = run(
            "ingest",
            str(ROOT / "examples"),
            "--input",
            str(reports),
            "--db",
            str(db),
            "--jobs",
            jobs,
            "--set",
            "batch_size=8",
            "-q",
        )
        assert code == 0
        with Store(str(db)) as store:
            return [{k: v for k, v in r.items() if k != "updated_at"} for r in store.incidents()]

    one, two = ingest("1"), ingest("2")
    assert len(one) > 12
    assert one == two


def test_a_worker_that_cannot_load_the_model_is_one_clear_error() -> None:
    result = CliRunner().invoke(
        main,
        ["extract", str(ROOT / "examples"), "--jobs", "2", "--set", "model=no_such_model", "-q"],
    )
    assert result.exit_code == 1
    assert "no_such_model" in result.stderr
    assert "Traceback" not in result.stderr


def articles(n: int, start: int = 0) -> list[Article]:
    """Reports as ingest reads them."""
    out = []
    for i in range(start, start + n):
        text = f"Gunmen killed {i % 9 + 2} people in Maiduguri on Monday, police said."
        fields: dict[str, object] = {
            "text": text,
            "published": date(2024, 5, 7),
            "published_from": "input",
        }
        out.append(make_article(f"r{i}", f"r{i}", fields, cli_published=None))
    return out


def test_the_workers_hold_a_bounded_number_of_chunks() -> None:
    consumed = 0

    def endless() -> Iterator[tuple[int, list[Article]]]:
        nonlocal consumed
        i = 0
        while True:
            consumed += 1
            yield i, articles(2, start=2 * i)
            i += 1

    workers = Workers(Settings(), 2)
    try:
        results = workers.code_chunks(endless())
        for expected in range(5):
            tag, coded = next(results)
            assert tag == expected
            assert [a.doc_id for a in coded] == [f"r{2 * tag}", f"r{2 * tag + 1}"]
            assert all(a.events for a in coded)
            # Chunks taken from the input: those given back and at most WINDOW per worker.
            assert consumed <= expected + 1 + WINDOW * 2
    finally:
        workers.close()


def test_a_worker_that_dies_fails_only_the_reports_it_held() -> None:
    workers = Workers(Settings(), 2)
    try:
        first = list(workers.code_chunks([(0, articles(2))]))
        assert first[0][1][0].events
        pool = workers._pool
        assert pool is not None
        for pid in list(pool._processes):  # every worker dies, as under the OOM killer
            os.kill(pid, signal.SIGKILL)
        after = list(workers.code_chunks([(1, articles(2, 2)), (2, articles(2, 4))]))
        died = [a for _, chunk in after for a in chunk if a.error]
        assert died, "the chunk out when the workers died is failed, with the reason"
        assert all("worker process died" in (a.error or "") for a in died)
        assert all(not a.events for a in died)
        # A new pool codes what comes after.
        again = list(workers.code_chunks([(3, articles(2, 6))]))
        assert [a.error for a in again[0][1]] == [None, None]
        assert all(a.events for a in again[0][1])
    finally:
        workers.close()
