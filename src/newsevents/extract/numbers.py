"""Numbers as reports write them: digits, number words, vague amounts, ranges and qualifiers.

Vague amounts follow ACLED's conventions: "dozens" 12, "tens" 10, "scores" 20, "hundreds" 100,
"thousands" 1000. "More than 1,000" is 1,000 as the low figure with no high; "up to 10" is 10 as
the high; "between 5 and 7" is 5 low, 7 high; the best estimate is the most conservative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_SMALL = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "lone": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "both": 2,
    "pair": 2,
    "couple": 2,
    "dozen": 12,
    "twin": 2,
    "twins": 2,
}
# Vague amounts: (value, is_lower_bound_only)
_VAGUE = {
    "dozens": 12,
    "tens": 10,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "few": 3,
    "handful": 3,
    "many": 10,
    "numerous": 10,
    "multiple": 2,
    "millions": 1_000_000,
    "some": 2,
}
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
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
    if w in _SMALL:
        return _SMALL[w]
    if w in _VAGUE:
        return _VAGUE[w]
    if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", w):
        parts = w.split("-")
        if all(p in _SMALL for p in parts):
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
        return value, w in _VAGUE
    if any(w in _VAGUE for w in words):
        if not all(w in _VAGUE or w in _MULT or w in _SMALL for w in words):
            return None
        vague_total = 1
        for w in words:
            vague_total *= _VAGUE.get(w, _MULT.get(w, 1))
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
    vague = words[0] in _VAGUE
    for w in words[1:]:
        if w in _MULT:
            total *= _MULT[w]
        elif w == "dozen":
            total *= 12
        elif w in ("dozens", "hundreds", "thousands"):
            total = _VAGUE[w]
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
