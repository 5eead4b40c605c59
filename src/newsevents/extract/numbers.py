"""Numbers as reports write them: digits, number words, vague amounts, ranges and qualifiers.

Vague amounts follow ACLED's conventions: "dozens" 12, "tens" 10, "scores" 20, "hundreds" 100,
"thousands" 1000. "More than 1,000" is 1,000 as the low figure with no high; "up to 10" is 10 as
the high; "between 5 and 7" is 5 low, 7 high; the best estimate is the most conservative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from newsevents.lang.en.words import MULTIPLIERS, SMALL_NUMBERS, VAGUE_NUMBERS

_LOW_ONLY = re.compile(
    r"^(more than|over|at least|upwards of|in excess of|no fewer than|no less than|above)\b", re.I
)
_HIGH_ONLY = re.compile(
    r"^(up to|as many as|no more than|at most|fewer than|less than|under|nearly|almost|close to)\b",
    re.I,
)
_APPROX = re.compile(
    r"^(about|around|approximately|roughly|some|an estimated|estimated|approx\.?|circa|c\.)\b", re.I
)
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s+(?:and|to|or|-|–)\s+(.+)$", re.I)
_DIGITS = re.compile(r"^\d{1,3}(?:[,\s]\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    """A count read from text: `value` is the best (most conservative) figure."""

    value: int
    low: int | None = None
    high: int | None = None
    vague: bool = False


def word_value(word: str) -> int | None:
    """The value of one token: '25', '1,000', 'five', 'twenty-three', 'dozens' (12)."""
    w = word.strip().lower().rstrip(".")
    if not w:
        return None
    if _DIGITS.match(w):
        return int(float(w.replace(",", "").replace(" ", "")))
    if w in SMALL_NUMBERS:
        return SMALL_NUMBERS[w]
    if w in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[w]
    if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", w):
        parts = w.split("-")
        if all(p in SMALL_NUMBERS for p in parts):
            try:
                return int(text2num(w, "en"))
            except ValueError:
                return None
    return None


def _plain(text: str) -> tuple[int, bool] | None:
    """Value and vagueness of a qualifier-free amount: 'two dozen', '1.5 million', 'dozens'."""
    words = text.lower().replace("a dozen", "dozen").split()
    words = [w for w in words if w not in ("of", "the", "and")]
    if not words:
        return None
    if len(words) == 1:
        w = words[0]
        value = word_value(w)
        if value is None:
            return None
        return value, w in VAGUE_NUMBERS
    if any(w in VAGUE_NUMBERS for w in words):
        if not all(w in VAGUE_NUMBERS or w in MULTIPLIERS or w in SMALL_NUMBERS for w in words):
            return None
        vague_total = 1
        for w in words:
            vague_total *= VAGUE_NUMBERS.get(w, MULTIPLIERS.get(w, 1))
        return vague_total, True
    if all(re.fullmatch(r"[\d.,]+", w) is None for w in words):
        try:
            return int(text2num(" ".join(words), "en")), False
        except ValueError:
            pass
    head = word_value(words[0])
    if head is None:
        return None
    total = head
    vague = words[0] in VAGUE_NUMBERS
    for w in words[1:]:
        if w in MULTIPLIERS:
            total *= MULTIPLIERS[w]
        elif w == "dozen":
            total *= 12
        elif w in ("dozens", "hundreds", "thousands"):
            total = VAGUE_NUMBERS[w]
            vague = True
        else:
            return None
    return total, vague


def parse_quantity(text: str) -> Quantity | None:
    """Read an amount with its qualifiers: 'more than 1,000', 'between 5 and 7', 'dozens'."""
    t = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;:")
    if not t:
        return None
    m = _LOW_ONLY.match(t)
    if m:
        inner = _plain(t[m.end() :])
        if inner is None:
            return None
        return Quantity(inner[0], low=inner[0], high=None, vague=inner[1])
    m = _HIGH_ONLY.match(t)
    if m:
        inner = _plain(t[m.end() :])
        if inner is None:
            return None
        return Quantity(inner[0], low=None, high=inner[0], vague=inner[1])
    m = _APPROX.match(t)
    if m:
        inner = _plain(t[m.end() :])
        if inner is None:
            return None
        return Quantity(inner[0], vague=True)
    m = _RANGE.match(t)
    if m and not t.lower().startswith(("a ", "an ")):
        a, b = _plain(m.group(1)), _plain(m.group(2))
        if a is not None and b is not None and a[0] < b[0]:
            return Quantity(a[0], low=a[0], high=b[0], vague=a[1] or b[1])
    plain = _plain(t)
    if plain is None:
        return None
    return Quantity(plain[0], vague=plain[1])
