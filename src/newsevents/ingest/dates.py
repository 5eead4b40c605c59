"""Publication dates from input fields, URLs and the report's own date lines.

A wire page states its date in many shapes ('Monday, June 6 2016 15:46 EEST', 'Xinhua,
January 20, 2015', 'Posted July 12th, 2012 at 3:40 pm (UTC-5)', 'Publish Date: 13:07 - 12
December 2017', 'TEHRAN, December 12 -', 'date 2021-08-05'). They are built here from their
parts (weekday, month name or number, day with its ordinal, year, time and zone, in either
order), and a date counts only on a line that is a date line: a keyword line ('Posted',
'Published'), a dateline before the first sentence, or a line of names and date words alone
(a byline, an agency). A date in the report's own sentences is the event's, never the page's.

htmldate's text search (`extractors.regex_parse`) reads the day-month-year shapes but is not
public API, knows no weekday, time or missing year, and cannot say where on the line the date
stood; dateparser's `search_dates` reads 'Sunday' alone as a date and is some hundred times
slower. Both are kept for what they do well: htmldate for the page's metadata (ingest/html.py),
dateparser for the dates in sentences (extract/dates.py). Dates after today or before 1900 are
refused by the caller (clean.published_problem), with a warning.
"""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH = "(?:" + "|".join(_MONTH_NAMES) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = (
    r"(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?)"
)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
# A time of day and its zone: '15:46 EEST', '3:40 pm (UTC-5)', '4:21am EST', '13:07'.
_TIME = (
    r"(?:at\s+)?\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\b\.?)?"
    r"(?:\s*\(?(?:(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d\d)?|[A-Z]{2,5}\b)\)?)?"
)
# Where a weekday stands before a date: 'Monday, ', 'Sat ', 'Tuesday 14'.
_LEAD = rf"(?:\b{_WEEKDAY}[,\s]+)?"
_FULL_DATES = (
    # 'June 6 2016', 'January 20, 2015', 'July 12th, 2012', 'Sat Feb 3, 2018', 'Dec. 12, 2017'
    re.compile(rf"{_LEAD}\b(?P<m>{_MONTH})\s+{_DAY}\b,?\s+{_YEAR}", re.I),
    # '12 December 2017', '3rd of May, 2019', 'Tuesday 14 March 2017'
    re.compile(rf"{_LEAD}\b{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+{_YEAR}", re.I),
    # '2021-08-05', '2021/08/05'
    re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[-/](?P<mm>[01]?\d)[-/](?P<d>[0-3]?\d)(?![\d/])"),
    # '23.11.2015', '06/06/2016': day and month read only when one cannot be the other
    re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)[./](?P<b>[0-3]?\d)[./](?P<y>(?:19|20)\d\d)\b"),
)
# 'December 12', '12 December': a date without its year, full only with a year from elsewhere.
_PARTIAL_DATES = (
    re.compile(rf"{_LEAD}\b(?P<m>{_MONTH})\s+{_DAY}\b(?![,\s]*\d)", re.I),
    re.compile(rf"{_LEAD}\b{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH})(?![,\s]*\d)", re.I),
)
# What else a date line holds: its keyword, a time and zone, words between names.
_KEYWORD = re.compile(
    r"^[\s•·|*\-–—]*(?:(?:first\s+|last\s+)?(?:posted|published|publish(?:ed)?\s+(?:date|on|at)|"
    r"updated|modified|created|dated?)|date\s+(?:posted|published|updated))\b",
    re.I,
)
_UPDATED = re.compile(r"^[\s•·|*\-–—]*(?:last\s+)?(?:updated|modified)\b", re.I)
_TIME_RE = re.compile(_TIME, re.I)
_LINE_WORDS = frozenset({
    "by", "and", "at", "on", "of", "in", "the", "from", "for", "with", "staff", "writer",
    "writers", "correspondent", "reporter", "reporters", "report", "edited", "editing",
    "reporting", "source", "news", "agency", "wire", "updated", "posted", "published", "last",
    "first", "modified", "date", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "local", "time",
})  # fmt: skip
# A dateline before the date: 'KABUL', 'KABUL, Afghanistan', 'KABUL (Wire)', 'Kabul (WKRX)'.
_DATELINE_HEAD = re.compile(
    r"^[\s\u200b\ufeff]*(?:[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,4}|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"
    r"(?=\s*\())(?:\s*\([^)]{1,40}\))?(?:,\s*[A-Z][A-Za-z.'\-]+(?:\s[A-Z][A-Za-z.'\-]+){0,3})?"
    r"[,\s]*$"
)
# After a dateline's date: an agency in brackets, then the dash that opens the first sentence.
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-|:|$)")
_TOP_LINES = 12  # a page's date line stands under the headline, a caption or two, a byline
_LINE_HEAD = 200  # characters of a line read: a date line is short, a lead's dateline opens it
_SHORT_LINE = 140  # longer, a line is a paragraph: only a dateline opening it can date it


def parse_iso_date(value: str) -> date | None:
    """The date of an ISO 8601 date or timestamp ('2016-06-10', '2016-06-10T08:00:00Z')."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


_URL_MONTH = r"(?P<m>\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*"
_URL_DATES = (
    # '/2016/06/10/', '/2016-06-10', '/2008/POLITICS/09/04/', '/2016/jun/06/'
    re.compile(
        rf"/(?P<y>(?:19|20)\d\d)[/-](?:[A-Za-z][\w.]*/){{0,2}}{_URL_MONTH}[/-](?P<d>\d{{1,2}})(?:/|\b)",
        re.I,
    ),
    # '/20160610', '/20160610-aqtobe'
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:/|\b)"),
    # '/2008dec23/'
    re.compile(rf"/(?P<y>(?:19|20)\d\d){_URL_MONTH}(?P<d>\d{{1,2}})(?:/|\b)", re.I),
)
_URL_YEAR = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:/|-\d\d?(?:/|-|\b)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.I,
)


def date_from_url(url: str) -> date | None:
    """The date a URL's path gives: '/2016/06/10/', '/20160610', '/2008/POLITICS/09/04/',
    '/2016/jun/06/', '/2008dec23/'. A year and month alone are not a date."""
    for pattern in _URL_DATES:
        for m in pattern.finditer(url):
            found = _date(m["y"], _month(m["m"]), m["d"])
            if found is not None:
                return found
    return None


def year_from_url(url: str | None) -> int | None:
    """The year a URL's path names ('/2017/12/tehran-clash'), a clue for a date without one."""
    m = _URL_YEAR.search(url or "")
    return int(m["y"]) if m else None


def date_from_text(text: str, *, year: int | None = None) -> date | None:
    """The date the report states as its own, on a date line near the top (see the module's
    note). `year` completes a date that lacks one ('TEHRAN, December 12 -'), when another
    clue (the URL) gives it. A published or posted date is preferred to an updated one."""
    updated: date | None = None
    for line in [line for line in text.splitlines() if line.strip()][:_TOP_LINES]:
        head = line.strip()
        found = _date_on_line(head[:_LINE_HEAD], year, long=len(head) > _SHORT_LINE)
        if found is None:
            continue
        if not _UPDATED.match(head):
            return found
        updated = updated or found
    return updated


def _date_on_line(line: str, year: int | None, *, long: bool) -> date | None:
    for patterns, hint in ((_FULL_DATES, None), (_PARTIAL_DATES, year)):
        if patterns is _PARTIAL_DATES and year is None:
            break
        for pattern in patterns:
            for m in pattern.finditer(line):
                found = _match_date(m, hint)
                if found is not None and _is_date_line(line, m, long=long):
                    return found
    return None


def _match_date(m: re.Match[str], year: int | None) -> date | None:
    groups = m.groupdict()
    if groups.get("a"):  # day and month in numbers: read only when unambiguous
        a, b = int(m["a"]), int(m["b"])
        if a <= 12 and b <= 12 and a != b:
            return None
        day, month = (a, b) if a > 12 or a == b else (b, a)
        found = _date(m["y"], month, str(day))
    else:
        month = int(m["mm"]) if groups.get("mm") else _month(m["m"])
        found = _date(m["y"] if groups.get("y") else year, month, m["d"])
    weekday = groups.get("w")
    if (
        found is not None
        and weekday
        and _WEEKDAY_NAMES.index(weekday[:3].lower()) != found.weekday()
    ):
        return None  # 'Friday, June 6 2016' was a Monday: a misreading, not the page's date
    return found


def _is_date_line(line: str, m: re.Match[str], *, long: bool) -> bool:
    """Whether the date `m` found stands on a date line: after a keyword ('Posted',
    'Publish Date:'), at a dateline ('KABUL, March 3, 2019 (Wire) -'), or among names and
    date words alone ('Xinhua, January 20, 2015', 'By A. Yusuf, Wire Staff | Sat Feb 3')."""
    before, after = line[: m.start()], line[m.end() :]
    if before.strip() and _DATELINE_HEAD.match(before) and _DATELINE_TAIL.match(after):
        return True
    if long:
        return False
    if _KEYWORD.match(line) and len(before.split()) <= 6:
        return True
    if m.groupdict().get("a"):
        return False  # '10/31/1986' beside a name is a birth date: figures need a keyword
    rest = _TIME_RE.sub(" ", f"{before} {after}")
    words = re.findall(r"[^\W\d_][\w.'’\-]*", rest)
    if len(words) > 10:
        return False
    return all(w[0].isupper() or w.lower() in _LINE_WORDS for w in words)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTH_NUMBER[value[:3].lower()]


def _date(y: str | int | None, m: int, d: str) -> date | None:
    if y is None:
        return None
    try:
        return date(int(y), m, int(d))
    except ValueError:
        return None
