"""What the store shows and writes safely: database URLs with their password hidden, driver
messages with no password in them, and reports made fit for both backends (PostgreSQL refuses
NUL characters, lone surrogates and NaN in JSON that SQLite takes, and bounded columns are cut
to their length), so that both accept and store the same reports."""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from newsevents.errors import StoreError
from newsevents.ingest.clean import fit_text
from newsevents.store.schema import documents

if TYPE_CHECKING:
    from newsevents.store import NewDocument


def masked_url(url: str) -> str:
    """A database URL fit to show: its password, in the URL or as a `password=` parameter,
    replaced by ***. A plain path, or a URL with no password, is returned as it is."""
    if "://" not in url:
        return url
    parsed = _parsed(url)
    if parsed is None:  # not a URL SQLAlchemy reads: hide everything that may be a password
        shown = _USERINFO.sub(r"\1***@", url)
    elif parsed.password is None:
        shown = url
    else:
        shown = parsed.render_as_string(hide_password=True)
    return _QUERY_PASSWORD.sub(r"\1***", shown)


# The password of 'scheme://user:password@host': up to the last '@', for a password may
# hold an '@' of its own that was not written %40.
_USERINFO = re.compile(r"^([^:/?#]*://[^:/@?#]*:).*@", re.DOTALL)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&]*", re.IGNORECASE)


def _parsed(url: str) -> sa.URL | None:
    """The URL as SQLAlchemy reads it; None where it cannot, or where a password holds an
    '@' (SQLAlchemy ends the password at the first and would show the rest as the host or
    the database)."""
    if url.count("@") > 1 and _USERINFO.match(url):
        return None
    try:
        return make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None


def _secrets(url: str) -> list[str]:
    """Every form of the URL's password that a message may quote, the longest first."""
    found = set(_QUERY_PASSWORD_VALUE.findall(url))
    userinfo = _USERINFO.match(url)
    if userinfo:
        found.add(userinfo.group(0)[len(userinfo.group(1)) : -1])
    parsed = _parsed(url)
    if parsed is not None:
        found.add(parsed.password or "")
        password = parsed.query.get("password")
        found.update([password] if isinstance(password, str) else password or ())
    return sorted((s for s in found if s), key=len, reverse=True)


_QUERY_PASSWORD_VALUE = re.compile(r"[?&]password=([^&]*)", re.IGNORECASE)


def driver_reason(e: BaseException, *urls: str) -> str:
    """The first line of what the driver said, with no password of the URLs in it."""
    orig = getattr(e, "orig", None)
    lines = str(orig or e).strip().splitlines()
    reason = lines[0] if lines else type(e).__name__
    for url in urls:
        reason = reason.replace(url, masked_url(url))
        for secret in _secrets(url):
            reason = reason.replace(secret, "***")
    return reason


# ---- what both backends can hold ---------------------------------------------------------


def _clean(value: Any) -> Any:
    """A JSON value with every string in it (keys too) made fit (`fit_text`), and each number
    that JSON cannot write (NaN, infinity) as null."""
    if isinstance(value, str):
        return fit_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _length(column: sa.Column[Any]) -> int | None:
    """The length of a String(n) column."""
    length: int | None = getattr(column.type, "length", None)
    return length


def cut(value: str | None, column: sa.Column[Any]) -> str | None:
    """A value cut to the length of its column (a String(n))."""
    length = _length(column)
    return value[:length] if value is not None and length else value


def clean_report(
    doc: NewDocument, records: Sequence[Mapping[str, Any]]
) -> tuple[NewDocument, list[dict[str, Any]]]:
    """The report and its events as both backends can store them (see Store.add)."""
    fitted = {
        f.name: _clean(getattr(doc, f.name))
        for f in dataclasses.fields(doc)
        if f.name != "published"
    }
    limit = _length(documents.c.doc_id)
    doc_id = fitted["doc_id"]
    if limit and len(doc_id) > limit:
        raise StoreError(
            f"cannot store the report {doc_id[:60]!r}...: its doc_id is {len(doc_id):,} "
            f"characters long, over the {limit} a doc_id may have"
        )
    for name in ("outlet", "language", "coder_version"):
        fitted[name] = cut(fitted[name], documents.c[name])
    fitted["terms"] = {t: w for t, w in fitted["terms"].items() if w is not None}  # NaN
    out = dataclasses.replace(doc, **fitted)
    cleaned = [_clean(r) for r in records]
    if doc.text and "\x00" in doc.text:
        gaps = [i for i, c in enumerate(doc.text) if c == "\x00"]
        for record in cleaned:
            _shift_evidence(record, gaps)
    return out, cleaned


def _shift_evidence(record: dict[str, Any], gaps: Sequence[int]) -> None:
    """Evidence offsets into a text that lost the characters at `gaps` (sorted)."""
    for item in record.get("evidence") or ():
        for end in ("start", "end"):
            at = item.get(end)
            if isinstance(at, int):
                item[end] = at - bisect.bisect_left(gaps, at)
