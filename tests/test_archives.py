"""Archives as input: a WARC file as Common Crawl News writes them, Parquet with a text or html
column, JSONL compressed with gzip or zstd. Each is read one record at a time; a bad record is
reported with its file and where in it (byte offset, row, line), and the rest go on.

The archives are written here, by the tests, around short reports written for them.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.cli import main
from newsevents.ingest import read_inputs
from newsevents.store import Store

MB = 10 * 1024 * 1024

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="{published}"></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""

REPORTS = [
    (
        "https://news.example/2024/06/03/kano-market",
        "Gunmen kill five at Kano market",
        "2024-06-03",
        "KANO, Nigeria — Gunmen on motorcycles opened fire at a cattle market outside Kano "
        "on Sunday, killing five traders and wounding eight, police said on Monday.",
    ),
    (
        "https://news.example/2024/06/04/accra-protest",
        "Police disperse Accra protest over fuel prices",
        "2024-06-04",
        "ACCRA, Ghana — Police fired tear gas to break up a protest against fuel prices in "
        "Accra on Tuesday and arrested 14 people, a police spokesman said.",
    ),
]


def warc(path: Path, *, broken_tail: bool = False) -> dict[str, int]:
    """A WARC file like Common Crawl News's: for each page a request and a response, a
    redirect, an image, a page with nothing in it; the byte offset of each record."""
    offsets: dict[str, int] = {}
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)

        def response(
            url: str, body: bytes, status: str = "200 OK", kind: str = "text/html"
        ) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            record.rec_headers.replace_header("WARC-Date", "2024-06-05T08:00:00Z")
            offsets[url] = f.tell()
            writer.write_record(record)

        for url, title, published, body in REPORTS:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
            writer.write_record(request)
            html = PAGE.format(title=title, published=published, body=body)
            response(url, html.encode())
        response("https://news.example/old", b"", status="301 Moved Permanently")
        response("https://news.example/logo.png", b"\x89PNG\r\n", kind="image/png")
        response("https://news.example/blank", b"")
        # A page with no date of its own: the crawl's day stands in.
        undated = "<html><body><p>Rioters set fire to a police post in Dakar on Wednesday, and "
        undated += "officers arrested 20 people, the interior ministry said.</p></body></html>"
        response("https://news.example/dakar", undated.encode())
        if broken_tail:
            offsets["tail"] = f.tell()
            f.write(b"WARC/1.0\r\nWARC-Type: resp")  # a record cut off mid-header
    return offsets


def test_a_warc_file_gives_its_html_pages_and_says_where_a_bad_one_is(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = warc(path)
    loaded = list(read_inputs([str(path)], max_bytes=MB))
    assert [item.doc_id for item in loaded] == [
        REPORTS[0][0],
        REPORTS[1][0],
        "https://news.example/blank",
        "https://news.example/dakar",
    ]
    kano, _, blank, dakar = loaded
    assert kano.article is not None
    assert "cattle market" in kano.article.text
    assert kano.article.published == date(2024, 6, 3)
    assert kano.article.url == REPORTS[0][0]
    assert kano.source == f"{path} offset {offsets[REPORTS[0][0]]}"
    assert blank.article is None
    assert (
        blank.error == f"cannot read {path} offset {offsets['https://news.example/blank']}: empty"
    )
    assert dakar.article is not None
    assert (dakar.article.published, dakar.article.published_from) == (
        date(2024, 6, 5),
        "crawl date",
    )


def test_a_warc_file_that_ends_in_junk_says_where(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    offsets = warc(path, broken_tail=True)
    loaded = list(read_inputs([str(path)], max_bytes=MB))
    assert sum(1 for item in loaded if item.article is not None) == 3
    assert loaded[-1].source == f"{path} offset {offsets['tail']}"
    assert loaded[-1].error == (
        f"cannot read {path} offset {offsets['tail']}: not a WARC record (WARC-Type 'resp')"
    )


def test_a_warc_file_cut_off_inside_a_record_says_which(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    offsets = warc(path)
    data = path.read_bytes()
    path.write_bytes(data[:-60])
    loaded = list(read_inputs([str(path)], max_bytes=MB))
    assert sum(1 for item in loaded if item.article is not None) == 2  # Kano and Accra
    last = loaded[-1]
    assert last.source == f"{path} offset {offsets['https://news.example/dakar']}"
    assert last.error is not None
    assert "the record is cut off" in last.error


def parquet(path: Path) -> None:
    table = pa.table(
        {
            "doc_id": ["pq-1", None, "pq-3"],
            "text": [REPORTS[0][3], REPORTS[1][3], "   "],
            "title": [REPORTS[0][1], REPORTS[1][1], "nothing"],
            "published": pa.array([date(2024, 6, 3), date(2024, 6, 4), None], pa.date32()),
            "url": [REPORTS[0][0], REPORTS[1][0], None],
            "extra": [1, 2, 3],
        }
    )
    pq.write_table(table, path, row_group_size=2)


def test_a_parquet_file_gives_a_report_per_row(tmp_path: Path) -> None:
    path = tmp_path / "reports.parquet"
    parquet(path)
    loaded = list(read_inputs([], [str(path)], max_bytes=MB))
    assert [item.doc_id for item in loaded] == ["pq-1", "reports.parquet:2", "pq-3"]
    first = loaded[0].article
    assert first is not None
    assert (first.published, first.published_from) == (date(2024, 6, 3), "input")
    assert first.title == REPORTS[0][1]
    assert loaded[2].error == f"cannot read {path} row 3: empty text"


def test_a_parquet_file_without_text_or_html_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    (item,) = read_inputs([str(path)], max_bytes=MB)
    assert item.error == f'cannot read {path}: no "text" or "html" column'
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    (item,) = read_inputs([str(junk)], max_bytes=MB)
    assert item.error is not None
    assert item.error.startswith(f"cannot read {junk}: not a Parquet file")


def jsonl_lines() -> list[str]:
    good = [
        {"doc_id": f"z-{i}", "text": body, "title": title, "published": published, "url": url}
        for i, (url, title, published, body) in enumerate(REPORTS)
    ]
    return [json.dumps(good[0]), "{broken", json.dumps(good[1])]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_jsonl_is_read_line_by_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"reports{suffix}"
    data = ("\n".join(jsonl_lines()) + "\n").encode()
    path.write_bytes(gzip.compress(data) if suffix.endswith("gz") else zstandard.compress(data))
    loaded = list(read_inputs([str(path)], max_bytes=MB))
    assert [item.doc_id for item in loaded] == ["z-0", None, "z-1"]
    assert loaded[1].error is not None
    assert loaded[1].error.startswith(f"cannot read {path} line 2")
    assert loaded[2].article is not None
    assert "Accra" in loaded[2].article.text


def test_compressed_jsonl_cut_off_says_at_which_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(("\n".join(jsonl_lines() * 200) + "\n").encode())
    path.write_bytes(whole[: len(whole) // 2])
    loaded = list(read_inputs([str(path)], max_bytes=MB))
    last = loaded[-1]
    assert last.error is not None
    assert "breaks off here" in last.error
    assert last.source == f"{path} line {len(loaded)}"
    assert sum(1 for item in loaded if item.article is not None) > 50


def test_a_folder_of_archives_is_read_with_its_other_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    warc(folder / "a.warc.gz")
    parquet(folder / "b.parquet")
    (folder / "c.txt").write_text(REPORTS[1][3], encoding="utf-8")
    loaded = list(read_inputs([str(folder)], max_bytes=MB))
    assert len(loaded) == 4 + 3 + 1
    assert loaded[4].doc_id == "pq-1"
    assert loaded[5].doc_id == "b.parquet:2"


@pytest.mark.slow
def test_ingest_codes_and_stores_what_the_archives_hold(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    warc(folder / "crawl.warc.gz")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "-q", "--jobs", "1"])
    assert result.exit_code == 1  # the blank page
    assert f"{folder / 'crawl.warc.gz'} offset" in result.stderr
    with Store(str(db)) as store:
        places = sorted(r["location"] for r in store.incidents())
        assert places == ["Accra", "Dakar", "Kano"]
        assert store.counts()["unreadable"] == 1
