"""Walk the inputs (files, folders, stdin, JSONL) and turn each report into an Article."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.archives import (
    GuardedLines,
    archive_kind,
    open_compressed,
    parquet_records,
    warc_pages,
)
from newsevents.ingest.clean import MAX_DOC_ID, MAX_OUTLET, clean_text, failure, published_problem
from newsevents.ingest.dates import date_from_text, date_from_url, parse_iso_date, year_from_url
from newsevents.ingest.files import (
    check_content,
    decode_html,
    decode_text,
    looks_like_html,
    read_bytes,
)
from newsevents.ingest.html import html_to_article_fields, outlet_from_url
from newsevents.ingest.records import check_record, parse_record
from newsevents.ingest.text import split_paragraphs
from newsevents.model import Article

REPORT_SUFFIXES = frozenset({".html", ".htm", ".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READ_SUFFIXES = REPORT_SUFFIXES | JSONL_SUFFIXES


@dataclass
class Loaded:
    """One input report: its Article, or why it could not be read (never both)."""

    source: str
    doc_id: str | None
    article: Article | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    # A path the walk could not go into (an unreadable folder, a symlink loop, a dangling
    # link): no report, nothing to store, but the run says so and exits non-zero.
    skipped: bool = False
    # The doc_id was made from the file's path (not given in a record): two such files of one
    # run must not share it.
    id_from_path: bool = False


def read_inputs(
    paths: Iterable[str],
    jsonl: Iterable[str] = (),
    *,
    max_bytes: int,
    published: date | None = None,
) -> Iterator[Loaded]:
    """Every report in `paths` (files, folders, '-') and `jsonl` files, in order."""
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(max_bytes, published)
            continue
        path = Path(raw).expanduser()
        if is_dir(path):
            yield from _read_dir(path, max_bytes, published)
        elif archive_kind(path):
            yield from read_archive(path, max_bytes=max_bytes, published=published)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, max_bytes=max_bytes, published=published)
        else:
            yield read_report(path, path.name, max_bytes, published)
    for raw in jsonl:
        path = Path(raw).expanduser()
        if archive_kind(path):
            yield from read_archive(path, max_bytes=max_bytes, published=published)
        else:
            yield from read_jsonl(path, max_bytes=max_bytes, published=published)


def _read_dir(folder: Path, max_bytes: int, published: date | None) -> Iterator[Loaded]:
    """The reports in a folder and the folders under it, in path order. A report's doc_id is
    its path relative to `folder` ('a/index.txt', 'b/index.txt': two reports)."""
    found: list[tuple[str, Path | None, str | None]] = []  # (relative path, file, skip reason)
    for path, reason in walk(folder):
        relative = path.relative_to(folder).as_posix()
        found.append((relative, None if reason else path, reason))
    for relative, file, reason in sorted(found, key=lambda f: f[0]):
        if file is None:
            where = folder / relative
            yield Loaded(str(where), None, error=f"skipped {where}: {reason}", skipped=True)
            continue
        suffix = file.suffix.lower()
        if archive_kind(file):
            yield from read_archive(file, max_bytes=max_bytes, published=published, name=relative)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(file, max_bytes=max_bytes, published=published, name=relative)
        elif suffix in REPORT_SUFFIXES:
            yield read_report(file, relative, max_bytes, published)


def is_dir(path: Path) -> bool:
    """Whether path is a folder; False where it cannot be looked at (a path inside a folder
    the user may not enter is then refused as a report, with its reason)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def walk(
    folder: Path, suffixes: frozenset[str] = READ_SUFFIXES
) -> Iterator[tuple[Path, str | None]]:
    """Every file under `folder` with one of `suffixes` that is not hidden, following links
    to folders, as (path, None); and (path, reason) for what cannot be gone into or read: a
    folder that cannot be listed, a link that loops back to a folder above it, a link to
    nothing."""
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for top, dirs, files in os.walk(folder, followlinks=True, onerror=errors.append):
        while errors:
            failed = errors.pop()
            yield Path(failed.filename or top), f"cannot list the folder ({failed.strerror})"
        here = Path(top)
        try:
            st = here.stat()
        except OSError as e:
            yield here, f"cannot read it ({e.strerror or e})"
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            yield here, "a symbolic link that loops back to a folder above it"
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or (
                path.suffix.lower() not in suffixes and archive_kind(path) is None
            ):
                continue
            try:
                exists = path.exists()
            except OSError as err:  # a link that loops on itself
                yield path, f"cannot read it ({err.strerror or err})"
                continue
            if not exists:
                yield path, "a symbolic link to nothing" if path.is_symlink() else "vanished"
                continue
            yield path, None
    while errors:
        failed = errors.pop()
        yield Path(failed.filename or folder), f"cannot list the folder ({failed.strerror})"


def read_archive(
    path: Path,
    *,
    max_bytes: int,
    published: date | None = None,
    name: str | None = None,
    row_groups: tuple[int, int] | None = None,
) -> Iterator[Loaded]:
    """One Loaded per record of a WARC file (each HTML page, its doc_id its URL), a Parquet
    file (each row, a JSONL record's fields as columns) or a gzip or zstd JSONL file (each
    line), in order; a record without a doc_id is called `name:N` (N its row or line) or, in
    a WARC file, `name@offset`."""
    kind = archive_kind(path)
    name = name or path.name
    if kind == "warc":
        for where, page, error in warc_pages(path, max_bytes):
            if page is None:
                yield Loaded(where, None, error=error)
                continue
            url = page["url"]
            doc_id = url if url and len(url) <= MAX_DOC_ID else f"{name}@{where.rsplit(' ', 1)[1]}"
            yield _loaded(where, doc_id, partial(_page_article, page, where, doc_id, published))
    elif kind == "parquet":
        for where, record, error in parquet_records(path, row_groups):
            if record is None:
                yield Loaded(where, None, error=error)
                continue
            doc_id = record.get("doc_id") or f"{name}:{where.rsplit(' ', 1)[1]}"
            yield _loaded(
                where, doc_id, partial(_row_article, record, where, doc_id, published, max_bytes)
            )
    else:
        where = str(path)
        try:
            handle = open_compressed(path, kind or "")
        except OSError as e:
            yield Loaded(where, None, error=str(InputError(where, e.strerror or "cannot open")))
            return
        with handle:
            lines = GuardedLines(handle)
            yield from _jsonl_lines(enumerate(lines, start=1), where, published, max_bytes, name)
            if lines.error is not None:
                here = f"{where} line {lines.number + 1}"
                reason = (
                    f"the compressed data breaks off here ({lines.error}); the rest is not read"
                )
                yield Loaded(here, None, error=str(InputError(here, reason)))


def _loaded(where: str, doc_id: str, make: Callable[[], Article]) -> Loaded:
    """The Loaded of one archive record: its Article, or why it cannot be read."""
    try:
        article = make()
    except InputError as e:
        return Loaded(where, doc_id, error=str(e))
    except Exception as e:  # a bug in a library or ours: this record fails, the run goes on
        return Loaded(where, doc_id, error=failure(where, "reading", e))
    return Loaded(where, article.doc_id, article, warnings=tuple(article.warnings))


def _page_article(page: dict[str, Any], where: str, doc_id: str, published: date | None) -> Article:
    data: bytes = page["html"]
    check_content(data, where)
    fields = html_to_article_fields(decode_html(data, where), where, url=page["url"])
    if page["url"] and not fields.get("url"):
        fields["url"] = page["url"]
    return make_article(doc_id, where, fields, cli_published=published, crawled=page["crawled"])


def _row_article(
    record: dict[str, Any], where: str, doc_id: str, published: date | None, max_bytes: int
) -> Article:
    check_record(record, where)
    if len(record.get("text") or record.get("html") or "") > max_bytes:
        raise InputError(where, "record too big")
    return article_from_record(record, where, doc_id, published)


def read_report(path: Path, doc_id: str, max_bytes: int, published: date | None) -> Loaded:
    where = str(path)
    try:
        data = read_bytes(path, max_bytes)
        article = article_from_bytes(data, where, doc_id=doc_id, published=published)
    except InputError as e:
        return Loaded(where, doc_id, error=str(e), id_from_path=True)
    except Exception as e:  # a bug in a library or ours: this report fails, the run goes on
        return Loaded(where, doc_id, error=failure(where, "reading", e), id_from_path=True)
    return Loaded(
        where, article.doc_id, article, warnings=tuple(article.warnings), id_from_path=True
    )


def _read_stdin(max_bytes: int, published: date | None) -> Iterator[Loaded]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Loaded("<stdin>", None, error=InputError("<stdin>", "too big").__str__())
        return
    if data.lstrip()[:1] == b"{":
        text = data.decode("utf-8", "replace")
        yield from _jsonl_lines(enumerate(text.splitlines(), start=1), "<stdin>", published)
        return
    try:
        article = article_from_bytes(data, "<stdin>", doc_id="stdin", published=published)
    except InputError as e:
        yield Loaded("<stdin>", "stdin", error=str(e))
        return
    except Exception as e:  # a bug in a library or ours: this report fails, the run goes on
        yield Loaded("<stdin>", "stdin", error=failure("<stdin>", "reading", e))
        return
    yield Loaded("<stdin>", "stdin", article, warnings=tuple(article.warnings))


def article_from_bytes(
    data: bytes, where: str, *, doc_id: str, published: date | None = None
) -> Article:
    check_content(data, where)
    if looks_like_html(data):
        fields = html_to_article_fields(decode_html(data, where), where)
        return make_article(doc_id, where, fields, cli_published=published)
    text = decode_text(data, where)
    return make_article(doc_id, where, {"text": text}, cli_published=published)


def read_jsonl(
    path: Path,
    *,
    max_bytes: int,
    published: date | None = None,
    name: str | None = None,
    lines: tuple[int, int] | None = None,
) -> Iterator[Loaded]:
    """One Loaded per non-blank line of a JSONL file, in order. A record without a doc_id is
    called `name:N` (name: the file's path in the folder given, else its own name). With
    `lines` (first, stop), only those lines (numbered from 1) are read."""
    where = str(path)
    try:
        size = path.stat().st_size
        handle = path.open(encoding="utf-8", errors="surrogateescape")
    except OSError as e:
        yield Loaded(where, None, error=str(InputError(where, e.strerror or "cannot open")))
        return
    if size == 0:
        yield Loaded(where, None, error=str(InputError(where, "empty")))
        handle.close()
        return
    with handle:
        numbered: Iterable[tuple[int, str]] = enumerate(handle, start=1)
        if lines is not None:
            numbered = islice(numbered, lines[0] - 1, lines[1] - 1)
        yield from _jsonl_lines(numbered, where, published, max_bytes, name or path.name)


def _jsonl_lines(
    lines: Iterable[tuple[int, str]],
    where: str,
    published: date | None,
    max_bytes: int | None = None,
    name: str | None = None,
) -> Iterator[Loaded]:
    for number, line in lines:
        if not line.strip():
            continue
        here = f"{where} line {number}"
        try:
            if max_bytes is not None and len(line) > max_bytes:
                raise InputError(here, "record too big")
            try:
                line.encode("utf-8")
            except UnicodeEncodeError as e:
                raise InputError(here, "not UTF-8 text") from e
            record = parse_record(line, here)
        except InputError as e:
            yield Loaded(here, None, error=str(e))
            continue
        given = record.get("doc_id")
        doc_id = given or f"{name or Path(where).name}:{number}"
        try:
            article = article_from_record(record, here, doc_id, published)
        except InputError as e:
            yield Loaded(here, doc_id, error=str(e))
            continue
        except Exception as e:  # a bug in a library or ours: this report fails, the run goes on
            yield Loaded(here, doc_id, error=failure(here, "reading", e))
            continue
        yield Loaded(here, article.doc_id, article, warnings=tuple(article.warnings))


def article_from_record(
    record: dict[str, Any], where: str, doc_id: str, published: date | None
) -> Article:
    fields: dict[str, Any]
    if record.get("text"):
        fields = {"text": record["text"]}
    else:
        fields = html_to_article_fields(record["html"], where, url=record.get("url"))
    for name in ("title", "url", "outlet"):
        if record.get(name):
            fields[name] = record[name]
    warnings = []
    if record.get("published"):
        parsed = parse_iso_date(record["published"])
        if parsed is None:
            warnings.append(f'{where}: "published" {record["published"]!r} is not an ISO date')
        else:
            fields["published"], fields["published_from"] = parsed, "input"
    article = make_article(doc_id, where, fields, cli_published=published)
    article.warnings[:0] = warnings
    return article


def make_article(
    doc_id: str,
    where: str,
    fields: dict[str, Any],
    *,
    cli_published: date | None,
    crawled: date | None = None,
) -> Article:
    """The Article of a report's fields. Text that no store or parser can take is made safe
    here, once, with a warning: NUL characters are removed and lone surrogates replaced."""
    notes: list[str] = []
    if len(doc_id) > MAX_DOC_ID:
        raise InputError(
            where,
            f"doc_id is {len(doc_id):,} characters long; the most is {MAX_DOC_ID} "
            f"({doc_id[:40]!r}…)",
        )
    doc_id = clean_text(doc_id, "doc_id", notes)
    text = clean_text(fields["text"], "text", notes)
    if not text.strip():
        raise InputError(where, "empty text")
    outlet = fields.get("outlet") or outlet_from_url(fields.get("url"))
    if outlet is not None:
        outlet = clean_text(outlet, "outlet", notes)
        if len(outlet) > MAX_OUTLET:
            notes.append(f"outlet cut to its first {MAX_OUTLET} characters")
            outlet = outlet[: MAX_OUTLET - 1] + "…"
    title, url = fields.get("title"), fields.get("url")
    article = Article(
        doc_id=doc_id,
        text=text,
        title=clean_text(title, "title", notes) if title is not None else None,
        url=clean_text(url, "url", notes) if url is not None else None,
        outlet=outlet,
        source=where,
    )
    for note in notes:
        article.warn(f"{where}: {note}")
    candidates = [
        (fields.get("published"), fields.get("published_from")),
        (date_from_url(article.url) if article.url else None, "url"),
        (date_from_text(text, year=year_from_url(article.url)), "text"),
        (crawled, "crawl date"),
        (cli_published, "command line"),
    ]
    for found, origin in candidates:
        if found is None:
            continue
        problem = published_problem(found)
        if problem:
            article.warn(f"{where}: publication date {found} ({origin}) refused: {problem}")
            continue
        article.published, article.published_from = found, origin
        break
    if article.published is None:
        article.warn(
            f"{where}: no publication date (none in the input, the page or its URL; "
            "give --published): relative dates are left unresolved, time_precision 3"
        )
    article.paragraphs = split_paragraphs(text)
    return article
