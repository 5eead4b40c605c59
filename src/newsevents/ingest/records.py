"""JSONL records: {"doc_id", "text" or "html", "title", "published", "url", "outlet"}."""

from __future__ import annotations

import json
from typing import Any

from newsevents.errors import InputError

KNOWN_FIELDS = {"doc_id", "text", "html", "title", "published", "url", "outlet"}


def parse_record(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a record, or an InputError naming what is wrong and where."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(where, f"not JSON: {e.msg} (column {e.colno})") from e
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON {type(record).__name__}, not an object")
    return check_record(record, where)


def check_record(record: dict[str, Any], where: str) -> dict[str, Any]:
    """The record, or an InputError naming what is wrong with it and where: a text or html
    that is there and not empty, and every known field a string."""
    text, page = record.get("text"), record.get("html")
    if text is None and page is None:
        raise InputError(where, 'no "text" or "html" field')
    for name in ("doc_id", "text", "html", "title", "url", "outlet", "published"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f'"{name}" must be a string, not {type(value).__name__}')
    if not (text or page or "").strip():
        raise InputError(where, "empty text")
    return record
