"""Hard edges of the command line: every one gets one clear line and an exit code that says
what happened, never a traceback, a silent skip or a lost report."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsevents.cli import main
from newsevents.ingest.records import parse_record

KANO = "Police said gunmen killed two traders at a market in Kano on Monday."
LAGOS = "Protesters clashed with police in Lagos on Tuesday; five people were injured."


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_error(result: Result, *words: str) -> str:
    """The run failed with one 'Error:' line holding `words`, and no traceback."""
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("Error")]
    for w in words:
        assert w in line, line
    return line


@pytest.fixture
def store(tmp_path: Path) -> str:
    """A store with one incident in it."""
    f = tmp_path / "kano.txt"
    f.write_text(KANO + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    done = invoke("ingest", "-q", str(f), "--db", db, "--published", "2024-05-08")
    assert done.exit_code == 0, done.stderr
    return db


# ---- two files of one name -----------------------------------------------------------------


@pytest.mark.slow
def test_files_of_one_name_in_two_folders_are_two_reports(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "index.txt").write_text(KANO + "\n", encoding="utf-8")
    (root / "b" / "index.txt").write_text(LAGOS + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    args = ("ingest", "-q", str(root), "--db", db, "--published", "2024-05-08")
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    assert "2 reports: 2 coded, 2 stored (2 new, 0 replaced), 0 skipped, 0 failed." in (
        first.stderr
    )
    again = invoke(*args)
    assert "2 reports: 0 coded, 0 stored (0 new, 0 replaced), 2 skipped (2 already stored)" in (
        again.stderr
    )
    out = invoke("events", "--db", db, "--format", "json")
    docs = sorted(s["doc_id"] for r in json.loads(out.stdout) for s in r["sources"])
    assert docs == ["a/index.txt", "b/index.txt"]


@pytest.mark.slow
def test_two_folders_given_with_files_of_one_name_do_not_overwrite_each_other(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.txt").write_text(KANO + "\n", encoding="utf-8")
    (tmp_path / "b" / "index.txt").write_text(LAGOS + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    args = ("ingest", "-q", str(tmp_path / "a"), str(tmp_path / "b"), "--db", db)
    for _ in range(2):  # the same answer on every run: no flipping between the two
        result = invoke(*args, "--published", "2024-05-08")
        assert result.exit_code == 1
        [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
        assert f"cannot store {tmp_path / 'b' / 'index.txt'}: its doc_id 'index.txt'" in line
    out = invoke("events", "--db", db, "--format", "json")
    [incident] = json.loads(out.stdout)
    assert "Kano" in json.dumps(incident)


# ---- a report that becomes unreadable ------------------------------------------------------


@pytest.mark.slow
def test_an_emptied_file_leaves_its_stored_report_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "kano.txt"
    report.write_text(KANO + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    assert (
        invoke("ingest", "-q", str(folder), "--db", db, "--published", "2024-05-08").exit_code == 0
    )
    before = json.loads(invoke("events", "--db", db, "--format", "json").stdout)
    assert len(before) == 1
    report.write_text("", encoding="utf-8")
    result = invoke("ingest", "-q", str(folder), "--db", db)
    assert result.exit_code == 1
    assert f"cannot read {report}: empty; the version stored before is kept" in result.stderr
    after = json.loads(invoke("events", "--db", db, "--format", "json").stdout)
    assert after == before


# ---- silent skips ----------------------------------------------------------------------------


def test_links_to_nothing_and_loops_are_each_one_line(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "kano.txt").write_text(KANO + "\n", encoding="utf-8")
    (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "sub" / "up").symlink_to(root)
    result = invoke("extract", "-q", str(root), "--published", "2024-05-08", "--format", "jsonl")
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert lines == [
        f"error: skipped {root / 'gone.txt'}: a symbolic link to nothing",
        f"error: skipped {root / 'sub' / 'up'}: a symbolic link that loops back to a folder "
        "above it",
    ]
    assert [json.loads(x)["doc_id"] for x in result.stdout.splitlines()] == ["kano.txt"]
    assert "3 reports: 1 coded, 2 skipped, 0 failed." in result.stderr


def test_a_folder_that_cannot_be_listed_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "in"
    locked = root / "locked"
    locked.mkdir(parents=True)
    (locked / "x.txt").write_text(KANO + "\n", encoding="utf-8")
    (root / "kano.txt").write_text(KANO + "\n", encoding="utf-8")
    if os.geteuid() == 0:  # root reads every folder: make this one refuse as it would a user
        real = os.scandir

        def scandir(path: str) -> object:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        result = invoke(
            "extract", "-q", str(root), "--published", "2024-05-08", "--format", "jsonl"
        )
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert f"error: skipped {locked}: cannot list the folder (Permission denied)" in (
        result.stderr.splitlines()
    )
    assert [json.loads(x)["doc_id"] for x in result.stdout.splitlines()] == ["kano.txt"]


def test_a_path_inside_a_folder_that_cannot_be_entered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "locked" / "x.txt"
    real = Path.stat

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        if tmp_path / "locked" in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    result = invoke("extract", "-q", str(target))
    assert result.exit_code == 1
    assert f"error: cannot read {target}: Permission denied" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


# ---- one line, not a traceback -----------------------------------------------------------------


def test_an_output_file_that_cannot_be_written(tmp_path: Path, store: str) -> None:
    f = tmp_path / "kano.txt"
    one_line_error(
        invoke("extract", str(f), "-o", "/nonexistent/x.jsonl"),
        "cannot write /nonexistent/x.jsonl: No such file or directory",
    )
    for fmt in ("table", "json", "csv", "geojson"):
        one_line_error(
            invoke("events", "--db", store, "--format", fmt, "-o", "/nonexistent/x"),
            "cannot write /nonexistent/x",
        )


@pytest.mark.parametrize("option", ["--search", "--actor"])
def test_a_filter_of_50000_characters(store: str, option: str) -> None:
    one_line_error(invoke("events", "--db", store, option, "x" * 50_000), "1,000")


def test_a_minimum_toll_beyond_any_integer(store: str) -> None:
    result = invoke("events", "--db", store, "--min-fatalities", "99999999999999999999")
    assert result.exit_code == 2  # a usage error, named
    assert "--min-fatalities" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unsupported_database_names_the_ones_supported(tmp_path: Path) -> None:
    f = tmp_path / "kano.txt"
    f.write_text(KANO + "\n", encoding="utf-8")
    for command in (("events",), ("ingest", str(f))):
        line = one_line_error(
            invoke(*command, "--db", "mysql://reader:hunter2@127.0.0.1/news"),
            "SQLite",
            "PostgreSQL",
        )
        assert "hunter2" not in line


def test_a_password_in_the_database_url_is_never_shown(tmp_path: Path) -> None:
    f = tmp_path / "kano.txt"
    f.write_text(KANO + "\n", encoding="utf-8")
    url = "postgresql+psycopg://analyst:s3cret-pw@127.0.0.1:1/news"
    for command in (("events",), ("ingest", str(f)), ("export", "--format", "jsonl")):
        result = invoke(*command, "--db", url)
        assert result.exit_code == 1
        assert "s3cret-pw" not in result.stderr + result.stdout
        assert "analyst:***@127.0.0.1" in result.stderr


# ---- smaller ones ----------------------------------------------------------------------------


def test_a_missing_store_is_refused_however_it_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    for db in (str(missing), f"sqlite:///{missing}"):
        one_line_error(invoke("events", "--db", db), "no store at", "newsevents ingest")
        assert not missing.exists()


def test_home_is_expanded_by_events_as_by_ingest(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(Path(store).parent))
    result = invoke("events", "--db", "~/n.db", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_a_json_error_says_where_once() -> None:
    from newsevents.errors import InputError

    with pytest.raises(InputError) as e:
        parse_record('{"doc_id": "a", "text": "unfinished', "feed.jsonl line 4")
    assert str(e.value) == (
        "cannot read feed.jsonl line 4: not JSON: Unterminated string starting at (column 25)"
    )


@pytest.mark.parametrize("doc_id", [17, ["a"], {"id": 1}, True])
def test_a_doc_id_that_is_not_a_string_is_refused(doc_id: object) -> None:
    from newsevents.errors import InputError

    line = json.dumps({"doc_id": doc_id, "text": KANO})
    with pytest.raises(InputError, match='"doc_id" must be a string, not '):
        parse_record(line, "feed.jsonl line 1")


def test_identifiers_that_no_store_can_hold(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    records = [
        {"doc_id": "x" * 600, "text": KANO, "published": "2024-05-08"},
        {"doc_id": "long-outlet", "text": KANO, "published": "2024-05-08", "outlet": "O" * 300},
    ]
    f.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = invoke("extract", "--input", str(f), "--format", "jsonl")
    assert result.exit_code == 1
    [error] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert error.startswith(f"error: cannot read {f} line 1: doc_id is 600 characters long")
    assert "outlet cut to its first 255 characters" in result.stderr
    [_, coded] = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(coded["events"][0]["sources"][0]["outlet"]) == 255


def test_a_page_of_deeply_nested_divs_is_read() -> None:
    from newsevents.ingest.html import html_to_article_fields

    page = "<html><body>" + "<div>" * 100_000 + f"<p>{KANO}</p>" + "</div>" * 100_000
    assert html_to_article_fields(page, "deep.html")["text"] == KANO


@pytest.mark.slow
def test_a_long_report_is_read_up_to_the_limit_with_a_warning(tmp_path: Path) -> None:
    filler = "The council met to discuss the budget for the coming year. " * 40
    text = f"{KANO}\n\n" + "\n\n".join([filler] * 10) + f"\n\n{LAGOS}\n"
    f = tmp_path / "long.txt"
    f.write_text(text, encoding="utf-8")
    args = ("extract", str(f), "--published", "2024-05-08", "--format", "jsonl")
    whole = invoke(*args)
    places = [ev["location"] for ev in json.loads(whole.stdout)["events"]]
    assert sorted(places) == ["Kano", "Lagos"]
    cut = invoke(*args, "--set", "max_read_chars=5000")
    assert cut.exit_code == 0
    assert [ev["location"] for ev in json.loads(cut.stdout)["events"]] == ["Kano"]
    assert f"only the first 5,000 of {len(text):,} characters were read" in cut.stderr


def test_an_event_after_its_report_takes_the_reports_month(tmp_path: Path) -> None:
    f = tmp_path / "typo.txt"
    f.write_text(
        "Gunmen killed four villagers near Kano on 12 May 2099, police said.\n", encoding="utf-8"
    )
    result = invoke("extract", str(f), "--published", "2024-05-08", "--format", "jsonl")
    [ev] = json.loads(result.stdout)["events"]
    assert (ev["event_date"], ev["time_precision"]) == ("2024-05-01", 3)
    assert "an event dated 2099-05-12 is after the report's publication" in result.stderr
    assert date.fromisoformat(ev["event_date"]) <= date(2024, 5, 8)
