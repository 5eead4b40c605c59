"""Writing coded reports: table, json, jsonl (one line per input report) and csv."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from newsevents.model import EVENT_FIELDS

FORMATS = ("table", "json", "jsonl", "csv")
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 report', '2 reports', '3 stories': a count with its noun."""
    return f"{n} {one if n == 1 else many or one + 's'}"


# An escape sequence a terminal acts on: CSI ('\x1b[31m', '\x1b[2J'), OSC ('\x1b]0;title\x07',
# '\x1b]8;;url\x1b\\'), and the two-character ones ('\x1bc' resets the terminal).
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -~]?)")
# Whitespace a one-line cell cannot hold, and what else a terminal may act on or show out of
# order: control characters (C0, DEL, C1), the marks that reorder text (U+202A-U+202E,
# U+2066-U+2069, U+200E-U+200F) and lone surrogates.
_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(value: object) -> str:
    r"""Text from a report made safe to print on a terminal, on one line: escape sequences
    ('\x1b[31m') taken out, line breaks and tabs made one space, any other control character
    or reordering mark shown as U+FFFD. Every table that shows report text shows it so."""
    text = "" if value is None else str(value)
    text = _ESCAPE.sub("", text)
    text = _BREAKS.sub(" ", text)
    return _UNSHOWN.sub("\ufffd", text)


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell no spreadsheet runs: text that starts like a formula gets a
    leading apostrophe, as OWASP advises ('=HYPERLINK(...)' is written "'=HYPERLINK(...)");
    numbers are written as they are (a latitude of -33.9 stays a number); None is empty.
    Every CSV writer of ours writes its cells through this."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass
class Result:
    """One input report's outcome: its events, or the error that stopped it."""

    doc_id: str | None
    source: str
    events: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False  # a path that could not be gone into: no report, not written out
    # The events it recalls as background (Article.recalled): written beside its events.
    recalled: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id, "events": self.events, "error": self.error}
        if self.recalled:
            out["recalled"] = self.recalled
        if self.warnings:
            out["warnings"] = self.warnings
        return out


class Writer:
    def __init__(self, fmt: str, stream: TextIO) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.stream = stream
        self._rows: list[Result] = []
        self._csv: Any = None

    def write(self, result: Result) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._write_csv(result)
        else:
            self._rows.append(result)

    def close(self) -> None:
        if self.fmt == "json":
            json.dump([r.as_dict() for r in self._rows], self.stream, ensure_ascii=False, indent=1)
            self.stream.write("\n")
        elif self.fmt == "table":
            self.stream.write(table(self._rows))
        self.stream.flush()

    def _write_csv(self, result: Result) -> None:
        columns = ["doc_id", *EVENT_FIELDS]
        if self._csv is None:
            self._csv = csv.DictWriter(self.stream, fieldnames=columns, extrasaction="ignore")
            self._csv.writeheader()
        for ev in result.events:
            row = {"doc_id": result.doc_id}
            for k in EVENT_FIELDS:
                v = ev.get(k)
                row[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            self._csv.writerow({k: csv_cell(v) for k, v in row.items()})


_COLUMNS = (
    ("report", 22),
    ("date", 10),
    ("type", 26),
    ("sub-type", 30),
    ("place", 24),
    ("actor 1", 30),
    ("actor 2", 30),
    ("killed", 6),
    ("injured", 7),
    ("arrested", 8),
)


def cut(value: Any, width: int) -> str:
    """A table cell: the value's text, cut to `width` with "…" as its last character where
    it is longer."""
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def table(results: Iterable[Result]) -> str:
    """A plain-text table, one row per event (and one per report that has none or failed)."""
    lines = ["  ".join(name.ljust(w) for name, w in _COLUMNS).rstrip()]
    lines.append("  ".join("-" * w for _, w in _COLUMNS))
    for r in results:
        if r.error:
            lines.append(f"{cut(r.doc_id or r.source, 22).ljust(22)}  error: {r.error}")
            continue
        if not r.events:
            lines.append(f"{cut(r.doc_id, 22).ljust(22)}  (no event)")
            continue
        for ev in r.events:
            place = ", ".join(
                p
                for p in (ev.get("location"), ev.get("country"))
                if (p and p != ev.get("location")) or (p == ev.get("location") and p)
            )
            cells = (
                r.doc_id,
                ev.get("event_date"),
                ev.get("event_type"),
                ev.get("sub_event_type"),
                place,
                ev.get("actor1"),
                ev.get("actor2"),
                ev.get("fatalities"),
                ev.get("injuries"),
                ev.get("arrests"),
            )
            lines.append(
                "  ".join(
                    cut(c, w).ljust(w) for c, (_, w) in zip(cells, _COLUMNS, strict=True)
                ).rstrip()
            )
    return "\n".join(lines) + "\n"
