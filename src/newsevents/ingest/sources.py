"""Walk the inputs (files, folders, stdin, JSONL) and turn each report into an Article."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.dates import date_from_text, date_from_url, parse_iso_date
from newsevents.ingest.files import (
    check_content,
    decode_html,
    decode_text,
    looks_like_html,
    read_bytes,
)
from newsevents.ingest.html import html_to_article_fields, outlet_from_url
from newsevents.ingest.records import parse_record
from newsevents.ingest.text import split_paragraphs
from newsevents.model import Article

REPORT_SUFFIXES = {".html", ".htm", ".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Loaded:
    """One input report: its Article, or why it could not be read (never both)."""

    source: str
    doc_id: str | None
    article: Article | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


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
        path = Path(raw)
        if path.is_dir():
            yield from _read_dir(path, max_bytes, published)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, max_bytes=max_bytes, published=published)
        else:
            yield _read_report(path, max_bytes, published)
    for raw in jsonl:
        yield from read_jsonl(Path(raw), max_bytes=max_bytes, published=published)


def _read_dir(folder: Path, max_bytes: int, published: date | None) -> Iterator[Loaded]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    for path in files:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, max_bytes=max_bytes, published=published)
        elif suffix in REPORT_SUFFIXES:
            yield _read_report(path, max_bytes, published)


def _read_report(path: Path, max_bytes: int, published: date | None) -> Loaded:
    where = str(path)
    try:
        data = read_bytes(path, max_bytes)
        article = article_from_bytes(data, where, doc_id=path.name, published=published)
    except InputError as e:
        return Loaded(where, path.name, error=str(e))
    return Loaded(where, article.doc_id, article, warnings=tuple(article.warnings))


def _read_stdin(max_bytes: int, published: date | None) -> Iterator[Loaded]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Loaded("<stdin>", None, error=InputError("<stdin>", "too big").__str__())
        return
    if data.lstrip()[:1] == b"{":
        text = data.decode("utf-8", "replace")
        yield from _jsonl_lines(text.splitlines(), "<stdin>", published)
        return
    try:
        article = article_from_bytes(data, "<stdin>", doc_id="stdin", published=published)
    except InputError as e:
        yield Loaded("<stdin>", "stdin", error=str(e))
        return
    yield Loaded("<stdin>", "stdin", article, warnings=tuple(article.warnings))


def article_from_bytes(
    data: bytes, where: str, *, doc_id: str, published: date | None = None
) -> Article:
    check_content(data, where)
    if looks_like_html(data):
        fields = html_to_article_fields(decode_html(data, where), where)
        return _make_article(doc_id, where, fields, cli_published=published)
    text = decode_text(data, where)
    return _make_article(doc_id, where, {"text": text}, cli_published=published)


def read_jsonl(path: Path, *, max_bytes: int, published: date | None = None) -> Iterator[Loaded]:
    """One Loaded per non-blank line of a JSONL file, in order."""
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
        yield from _jsonl_lines(handle, where, published, max_bytes)


def _jsonl_lines(
    lines: Iterable[str], where: str, published: date | None, max_bytes: int | None = None
) -> Iterator[Loaded]:
    for number, line in enumerate(lines, start=1):
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
        doc_id = str(record.get("doc_id") or f"{Path(where).name}:{number}")
        try:
            article = _article_from_record(record, here, doc_id, published)
        except InputError as e:
            yield Loaded(here, doc_id, error=str(e))
            continue
        yield Loaded(here, doc_id, article, warnings=tuple(article.warnings))


def _article_from_record(
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
    article = _make_article(doc_id, where, fields, cli_published=published)
    article.warnings[:0] = warnings
    return article


def _make_article(
    doc_id: str, where: str, fields: dict[str, Any], *, cli_published: date | None
) -> Article:
    text = fields["text"]
    article = Article(
        doc_id=doc_id,
        text=text,
        title=fields.get("title"),
        published=fields.get("published"),
        published_from=fields.get("published_from"),
        url=fields.get("url"),
        outlet=fields.get("outlet") or outlet_from_url(fields.get("url")),
        source=where,
    )
    if article.published is None and article.url:
        article.published = date_from_url(article.url)
        article.published_from = "url" if article.published else None
    if article.published is None:
        article.published = date_from_text(text)
        article.published_from = "text" if article.published else None
    if article.published is None and cli_published is not None:
        article.published, article.published_from = cli_published, "command line"
    if article.published is None:
        article.warn(
            f"{where}: no publication date (none in the input, the page or its URL; "
            "give --published): relative dates are left unresolved, time_precision 3"
        )
    article.paragraphs = split_paragraphs(text)
    return article
