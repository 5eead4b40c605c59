"""The distinctive words of a report: what two reports of one incident share and others do not.

Reports of one shooting name the same street, victim, school or store; reports of other
shootings in that city the same week name the city and the police, but little else of it.
The words taken are those written with a capital inside a sentence (names of people, streets,
businesses) and numbers of three to five digits (addresses, case numbers), each weighted by
how rare it is in English at large (wordfreq's Zipf scale, shipped with the package: nothing
is fetched). A report keeps its MAX_TERMS rarest words.

The ages of the people it names ("a 19-year-old man", "Maria Lopez, 34,") are taken too, as
"age:19", each worth AGE_WEIGHT: reports of one shooting give the victim's age, and often
no other word of the first report's.

A report in another language gives its capitalised words in its own script, each weighted by
how rare it is in that language, and keyed by its Latin transliteration ("Сапарбаев" is
"saparbaev"), so that reports in two languages can share a name (the linker compares such
keys by their consonants: `skeleton`). Arabic writes no capitals: it gives its long numbers
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from unidecode import unidecode
from wordfreq import available_languages, zipf_frequency

MAX_TERMS = 48
MAX_PLACES = 24
# A word this common in English (Zipf 6: "police", "said") carries no weight.
_COMMON_ZIPF = 6.0
_WORD = re.compile(r"(?<![.!?\"“]\s)(?<![.!?]\s\s)(?<!^)\b([A-Z][a-z]{2,}|\d{3,5})\b", re.M)
_PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-.]\d{4}\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "a 19-year-old", "19 years old", "Maria Lopez, 34, of Elgin"
_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|, (\d{1,2}),")
AGE_WEIGHT = 2.0
# Words of the page around a report, of outlets' names and of dates: every report from one
# outlet or city shares them.
_STOP = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "they",
        "their",
        "his",
        "her",
        "she",
        "and",
        "but",
        "for",
        "with",
        "from",
        "after",
        "before",
        "when",
        "while",
        "police",
        "officer",
        "officers",
        "said",
        "says",
        "according",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "caption",
        "photo",
        "photos",
        "image",
        "images",
        "video",
        "videos",
        "javascript",
        "copyright",
        "click",
        "share",
        "email",
        "facebook",
        "twitter",
        "advertisement",
        "subscribe",
        "newsletter",
        "comments",
        "story",
        "stories",
        "related",
        "times",
        "post",
        "herald",
        "chronicle",
        "tribune",
        "gazette",
        "journal",
        "news",
        "daily",
        "star",
        "sun",
        "courier",
        "observer",
        "press",
        "record",
        "register",
        "bee",
        "globe",
        "inquirer",
        "dispatch",
        "examiner",
        "sentinel",
        "telegraph",
        "independent",
        "guardian",
        "metro",
        "radio",
        "channel",
        "fox",
        "cbs",
        "nbc",
        "abc",
        "cnn",
        "eyewitness",
        "action",
        "live",
        "staff",
        "reporter",
        "associated",
        "updated",
    ]
)


# A capitalised word in any script, not a sentence's first: what a report in another language
# names (people, streets, groups), as _WORD takes it in English.
_NAME = re.compile(r"(?<![.!?\"“«»—:]\s)(?<![.!?]\s\s)(?<!^)\b([^\W\d_][^\W\d_'’-]{2,})\b", re.M)
_NUMBER = re.compile(r"(?<![\d.,])(\d{3,5})(?![\d.,]\d)")
_WORDFREQ = frozenset(available_languages())
# Arabic-Indic and Persian digits as Latin ones: "١٢٣٤٥" is the 12345 of another report.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@lru_cache(maxsize=65536)
def weight(term: str, language: str = "en") -> float:
    """How much sharing this word says: 0 for the commonest words of the language (English
    when wordfreq does not know it), about 6 for one its texts have almost never used."""
    lang = language if language in _WORDFREQ else "en"
    return max(0.0, _COMMON_ZIPF - zipf_frequency(term, lang))


# What naming the same town or division is worth: about a rare word's worth. Its key is the
# gazetteer's name and country, the same whatever the report's language or spelling
# ("geo:KAZ:aktobe").
PLACE_WEIGHT = 3.0
PLACE_PREFIX = "geo:"


def place_terms(place_keys: Iterable[str]) -> dict[str, float]:
    """The towns and divisions a report names ("KAZ:aktobe"), as terms."""
    return {f"{PLACE_PREFIX}{k}": PLACE_WEIGHT for k in list(place_keys)[:MAX_PLACES]}


def latin_key(word: str) -> str:
    """A word's key in Latin letters, lower-cased: 'Сапарбаев' -> 'saparbaev'."""
    return unidecode(word).lower().replace("'", "")


def distinctive_terms(text: str, language: str | None = "en") -> dict[str, float]:
    """The report's MAX_TERMS rarest capitalised words and long numbers, with their weights,
    and the ages it gives (in English; other languages: `foreign_terms`)."""
    if language and language != "en":
        return foreign_terms(text, language)
    text = _PHONE.sub(" ", text)  # a tip line is in every report from that city
    found = {m.group(1).lower() for m in _WORD.finditer(text)} - _STOP
    found = {t for t in found if not _YEAR.match(t)}
    weighted = sorted(((weight(t), t) for t in found), reverse=True)[:MAX_TERMS]
    terms = {t: round(w, 2) for w, t in weighted if w > 0}
    for m in _AGE.finditer(text):
        terms[f"age:{m.group(1) or m.group(2)}"] = AGE_WEIGHT
    return terms


def foreign_terms(text: str, language: str) -> dict[str, float]:
    """The MAX_TERMS rarest capitalised words of a report in another language, keyed in Latin
    letters and weighted by their rarity in that language, and its long numbers."""
    text = _PHONE.sub(" ", text).translate(_DIGITS)
    found: dict[str, float] = {}
    for m in _NAME.finditer(text):
        word = m.group(1)
        if not (word[0].isupper() and word[1:].islower()):
            continue
        key = latin_key(word)
        if len(key) < 3 or key in _STOP:
            continue
        found[key] = max(found.get(key, 0.0), weight(word.lower(), language))
    for m in _NUMBER.finditer(text):
        if not _YEAR.match(m.group(1)):
            found[m.group(1)] = weight(m.group(1), language)
    ranked = sorted(((w, t) for t, w in found.items() if w > 0), reverse=True)[:MAX_TERMS]
    return {t: round(w, 2) for w, t in ranked}
