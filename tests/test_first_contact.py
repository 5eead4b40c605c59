"""What a new user meets in the first ten minutes: an empty folder, a folder of nothing
readable, counts that read as English, a table that says what its columns hold, `--set`'s
help, the gazetteer built with its progress shown, and a language pack whose model this
installation lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.errors import ModelError
from newsevents.extract import lexical
from newsevents.model import Article
from newsevents.settings import SETTINGS
from newsevents.store import Store
from test_store import ONE, doc, event


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_an_empty_folder_says_so_and_fails(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # nothing newsevents reads
    extra = ["--db", str(tmp_path / "news.db")] if command == "ingest" else []
    code, err = run(command, str(folder), "-q", *extra)
    assert code == 1
    assert f"error: no reports in {folder}: a folder's" in err
    assert ".jsonl" in err
    assert ".warc.gz" in err


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_folder_with_nothing_readable_says_so_and_fails(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.html").write_bytes(b"\x00\x01\x02 binary")
    extra = ["--db", str(tmp_path / "news.db")] if command == "ingest" else []
    code, err = run(command, str(folder), "-q", *extra)
    assert code == 1
    assert f"error: none of the 2 reports in {folder} could be read" in err


def test_one_incident_reads_as_one_incident(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(str(db)) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
    code, err = run("export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "x"))
    assert code == 0
    assert "wrote 1 incident to" in err


def test_the_events_table_says_its_type_column_is_the_sub_type_and_marks_cut_cells(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    long_place = {
        "location": "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
        "latitude": 53.22,
        "longitude": -4.2,
        "admin1": "Wales",
    }
    with Store(str(db)) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", long_place)])
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "table"])
    assert result.exit_code == 0
    header, _, row = result.stdout.splitlines()[:3]
    assert "sub-event type" in header
    assert "Attack" in row
    assert "Llanfairpwllgwyngyllgogeryc…" in row  # 28 characters, the last one "…"


def test_set_help_lists_every_setting_with_its_default() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"], terminal_width=10_000)
    text = " ".join(result.stdout.split())
    for s in SETTINGS:
        assert f"{s.name} (default {s.default!r})" in text, s.name
    for command in ("ingest", "gazetteer build"):
        out = CliRunner().invoke(main, [*command.split(), "--help"], terminal_width=10_000)
        assert all(s.name in out.stdout for s in SETTINGS), command


@pytest.mark.slow
def test_the_gazetteer_build_says_what_it_does(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    code, err = run("gazetteer", "build", "--set", f"gazetteer={path}")
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("gazetteer:")]
    assert lines[0].startswith(f"gazetteer: building the place index at {path}")
    assert any("towns of 500 people or more" in line for line in lines)
    assert any(line.startswith("gazetteer: writing") for line in lines)
    assert lines[-1].startswith("gazetteer: built in")
    assert path.exists()


def test_a_pack_whose_model_is_missing_is_read_not_coded_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = []

    def missing(*_args: object, **_kw: object) -> None:
        made.append(1)
        raise ModelError("spaCy model es_core_news_sm is not installed")

    monkeypatch.setattr(lexical, "LexicalCoder", missing)
    component = lexical.CodeByLexicon(gazetteer=None)  # type: ignore[arg-type]
    for n in range(2):
        article = Article(
            doc_id=f"es-{n}", text="Manifestantes en Lima.", language="es", source=f"es-{n}.txt"
        )
        component(article)
        assert article.events == []
        assert article.warnings == [
            f"es-{n}.txt: not coded: spaCy model es_core_news_sm is not installed"
        ]
    assert made == [1]  # tried once, remembered
