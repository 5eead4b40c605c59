"""Archives as input: WARC files (as Common Crawl News writes them), Parquet files with a text
or html column, and JSONL compressed with gzip or zstd.

Each is read as a stream, one record at a time: what is held in memory does not grow with
the file. A record that cannot be read is one Loaded with its reason and where it is (the
WARC record's byte offset, the Parquet row, the JSONL line), and the rest go on; a file
whose compression or framing breaks half way reports where, after the records before it.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from newsevents.errors import InputError

# What a file's name ends with, and how it is read.
ENDINGS = {
    ".warc": "warc",
    ".warc.gz": "warc",
    ".parquet": "parquet",
    ".jsonl.gz": "jsonl.gz",
    ".ndjson.gz": "jsonl.gz",
    ".jsonl.zst": "jsonl.zst",
    ".ndjson.zst": "jsonl.zst",
}
PARQUET_BATCH = 256  # rows read at a time
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# The record types of WARC 1.0 and 1.1.
WARC_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)


def archive_kind(path: Path) -> str | None:
    """ "warc", "parquet", "jsonl.gz" or "jsonl.zst" by the file's name; None for others."""
    name = path.name.lower()
    for ending, kind in ENDINGS.items():
        if name.endswith(ending):
            return kind
    return None


# ---- WARC -------------------------------------------------------------------------------


def warc_pages(path: Path, max_bytes: int) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """(where, page, error) for each HTML response of a WARC file: `where` is the file and
    the record's byte offset; `page` has the record's "html" (bytes), "url" and "crawled"
    (the WARC-Date's day), or is None with `error` saying why the record cannot be read.
    Records that are no page (requests, metadata, redirects, images) are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = path.open("rb")
    except OSError as e:
        yield str(path), None, str(InputError(str(path), e.strerror or "cannot open"))
        return
    offset = 0  # where the record being read starts
    with handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                page, error = _page(record, max_bytes)
                # Asked only now: warcio reads the record to its end to answer.
                offset = records.get_record_offset()
                where = f"{path} offset {offset}"
                offset += records.get_record_length()
                if page is not None or error:
                    yield where, page, error and str(InputError(where, error))
        except ArchiveLoadFailed as e:
            yield _broken(path, offset, f"not a WARC record here ({_first_line(e)})")
        except (OSError, EOFError, ValueError) as e:
            yield _broken(path, offset, f"the file breaks off here ({_first_line(e)})")


def _page(record: Any, max_bytes: int) -> tuple[dict[str, Any] | None, str]:
    """(The page of a WARC record, "") or (None, why it cannot be read); (None, "") for a
    record that is no page (a request, metadata, a redirect, an image)."""
    if record.rec_type not in WARC_TYPES:
        return None, f"not a WARC record (WARC-Type {str(record.rec_type)[:40]!r})"
    if record.rec_type not in ("response", "resource"):
        return None, ""
    headers = record.http_headers
    if record.rec_type == "response":
        if headers is None or headers.get_statuscode() != "200":
            return None, ""
        kind = headers.get_header("Content-Type") or ""
    else:
        kind = record.rec_headers.get_header("Content-Type") or ""
    if kind.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None, ""
    try:
        data = record.content_stream().read(max_bytes + 1)
    except Exception as e:  # a broken transfer or content encoding: this record only
        return None, f"cannot decode its content ({_first_line(e)})"
    if len(data) > max_bytes:
        return None, "too big"
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # the file ends inside the record
        return None, f"the record is cut off ({missing:,} bytes of it are missing)"
    url = record.rec_headers.get_header("WARC-Target-URI")
    return {
        "html": data,
        "url": url,
        "crawled": _day(record.rec_headers.get_header("WARC-Date")),
    }, ""


def _broken(path: Path, offset: int, reason: str) -> tuple[str, None, str]:
    where = f"{path} offset {offset}"
    return where, None, str(InputError(where, f"{reason}; the rest of the file is not read"))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0][:200] if text else type(e).__name__


# ---- Parquet ------------------------------------------------------------------------------


def parquet_records(
    path: Path, row_groups: tuple[int, int] | None = None
) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """(where, record, error) for each row of a Parquet file, `where` its file and row; the
    known columns only (doc_id, text, html, title, published, url, outlet), read in batches.
    A date or time in `published` is given as its ISO day. With `row_groups` (first, stop),
    only those row groups are read (rows keep their numbers in the file)."""
    import pyarrow.parquet as pq

    from newsevents.ingest.records import KNOWN_FIELDS

    try:
        table = pq.ParquetFile(path)
    except Exception as e:  # not Parquet, or broken: the whole file
        yield str(path), None, str(InputError(str(path), f"not a Parquet file ({_first_line(e)})"))
        return
    columns = [c for c in table.schema_arrow.names if c in KNOWN_FIELDS]
    if "text" not in columns and "html" not in columns:
        yield str(path), None, str(InputError(str(path), 'no "text" or "html" column'))
        return
    row = 0
    groups = None
    if row_groups is not None:
        groups = list(range(*row_groups))
        row = sum(table.metadata.row_group(g).num_rows for g in range(row_groups[0]))
    try:
        for batch in table.iter_batches(
            batch_size=PARQUET_BATCH, columns=columns, row_groups=groups
        ):
            for values in batch.to_pylist():
                row += 1
                record = {k: _plain(v) for k, v in values.items() if v is not None}
                yield f"{path} row {row}", record, ""
    except Exception as e:  # a broken page of the file: the rows after it are lost
        where = f"{path} row {row + 1}"
        yield where, None, str(InputError(where, f"cannot read on ({_first_line(e)})"))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def parquet_rows(path: Path) -> int | None:
    """How many rows a Parquet file has (from its footer); None where it cannot be read."""
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:
        return None


# ---- compressed JSONL ---------------------------------------------------------------------


def open_compressed(path: Path, kind: str) -> IO[str]:
    """A text stream of a gzip or zstd file (undecodable bytes kept as surrogates, as plain
    JSONL files are read, so the line that holds them is the one refused)."""
    if kind == "jsonl.gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="surrogateescape")
    import zstandard

    raw = path.open("rb")
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
    except Exception:
        raw.close()
        raise
    return io.TextIOWrapper(reader, encoding="utf-8", errors="surrogateescape")


class GuardedLines:
    """The lines of a stream until it breaks (corrupt or cut-off compressed data); `error`
    then says why, and `number` how many lines came before."""

    def __init__(self, stream: Iterable[str]) -> None:
        self.stream = stream
        self.error: str | None = None
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        it = iter(self.stream)
        while True:
            try:
                line = next(it)
            except StopIteration:
                return
            except Exception as e:  # gzip's BadGzipFile and EOFError, zstd's ZstdError, OSError
                self.error = _first_line(e)
                return
            self.number += 1
            yield line
