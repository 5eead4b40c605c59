"""What every report is checked for before coding: text any store and parser can take, a
plausible publication date, identifiers that fit, and one line for a failure nobody foresaw.
"""

from __future__ import annotations

import re
from datetime import date

# The longest doc_id and outlet the store keeps (documents.doc_id, documents.outlet).
MAX_DOC_ID = 512
MAX_OUTLET = 255
# No news report is older than this; a date before it is a typo or a placeholder (0001-01-01).
EARLIEST_PUBLISHED = date(1900, 1, 1)

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNFIT = re.compile("[\x00\ud800-\udfff]")
# C0 control characters other than tab, newline and carriage return: lxml refuses them and no
# report needs them (a stray 0x1c after a script tag stopped a batch).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def fit_text(value: str) -> str:
    """`value` without NUL characters (PostgreSQL refuses them) and with lone surrogates
    (which are not Unicode text and cannot be encoded) replaced by U+FFFD."""
    if not _UNFIT.search(value):
        return value
    return _UNFIT.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def clean_text(value: str, name: str, notes: list[str]) -> str:
    """`value` made fit (`fit_text`); what was changed is added to `notes`."""
    nul = value.count("\x00")
    if nul:
        notes.append(f"{nul} NUL character(s) removed from the {name}")
    surrogates = len(_SURROGATE.findall(value))
    if surrogates:
        notes.append(f"{surrogates} lone surrogate(s) in the {name} replaced by U+FFFD")
    return fit_text(value) if nul or surrogates else value


def without_controls(html: str) -> str:
    """A page's markup with control characters (other than whitespace) made spaces, so the
    HTML parser takes it; offsets are kept."""
    return _CONTROL.sub(" ", html)


def published_problem(found: date, today: date | None = None) -> str | None:
    """Why a publication date cannot be right, or None: after today, or before 1900."""
    today = today or date.today()
    if found > today:
        return f"it is after today ({today})"
    if found < EARLIEST_PUBLISHED:
        return f"it is before {EARLIEST_PUBLISHED.year}"
    return None


def one_line(text: str, limit: int = 200) -> str:
    """The first line of a message, cut to `limit` characters."""
    first = next((line.strip() for line in str(text).splitlines() if line.strip()), "")
    return first if len(first) <= limit else first[: limit - 1] + "…"


def failure(where: str, stage: str, error: BaseException) -> str:
    """One line for an exception nobody foresaw, naming the report, the stage and the
    exception's type: 'cannot code feed.jsonl line 33: internal error (AssertionError: ...)'.
    The report fails; the batch goes on."""
    message = one_line(str(error))
    detail = f"{type(error).__name__}: {message}" if message else type(error).__name__
    verb = "read" if stage == "reading" else "code"
    return f"cannot {verb} {where}: internal error while {stage} it ({detail})"
