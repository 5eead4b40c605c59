"""Bad input: one clear line saying what is wrong and where, a non-zero exit, nothing lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", "--quiet", *args])
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    code, _, err = run(str(f))
    assert code == 1
    assert error_lines(err) == [f"error: cannot read {f}: empty"]


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "photo.html"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, _, err = run(str(f))
    assert code == 1
    [line] = error_lines(err)
    assert str(f) in line
    assert "not HTML or text (PNG image" in line


def test_non_utf8_text(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Police said two people were killed in Zürich on Monday.\n".encode("latin-1"))
    code, _, err = run(str(f))
    assert code == 1
    [line] = error_lines(err)
    assert str(f) in line
    assert "not UTF-8 text (byte 0xfc at line 1" in line


def test_page_of_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.html"
    with f.open("wb") as out:
        out.write(b"<html><body><p>")
        out.seek(50 * 1024 * 1024)
        out.write(b"</p></body></html>")
    code, _, err = run(str(f))
    assert code == 1
    [line] = error_lines(err)
    assert str(f) in line
    assert "too big (50.0 MB; the limit is 10.0 MB)" in line


def test_malformed_line_in_a_batch_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = {
        "doc_id": "a",
        "text": "Gunmen shot dead two farmers in Dera Ismail Khan on Sunday, police said.",
        "published": "2023-05-08",
    }
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps(good)
        + "\n"
        + '{"doc_id": "b", "text": "unfinished\n'
        + json.dumps({**good, "doc_id": "c"})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("--input", str(f), "--format", "jsonl")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["doc_id"] for line in lines] == ["a", None, "c"]
    assert lines[1]["error"].startswith(f"cannot read {f} line 2: not JSON")
    assert lines[0]["events"]
    assert lines[2]["events"]
    assert lines[0]["error"] is None
    assert error_lines(err) == [f"error: {lines[1]['error']}"]


def test_report_with_no_date_is_coded_with_a_warning_and_never_todays_date(tmp_path: Path) -> None:
    f = tmp_path / "undated.txt"
    f.write_text(
        "Police in Lagos arrested 40 protesters on Monday after a march against fuel "
        "prices turned violent, officials said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert result.exit_code == 0
    assert any(
        "no publication date" in line and str(f) in line for line in result.stderr.splitlines()
    )
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["events"], "the report is still coded"
    for ev in line["events"]:
        assert ev["event_date"] != date.today().isoformat()
        assert ev["time_precision"] == 3


def test_unknown_setting_is_an_error_not_silence(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("Troops clashed with rebels near Goma on Friday.\n", encoding="utf-8")
    code, _, err = run(str(f), "--set", "colour=blue")
    assert code != 0
    assert "unknown setting 'colour'" in err
