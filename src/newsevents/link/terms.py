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
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

MAX_TERMS = 48
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


@lru_cache(maxsize=65536)
def weight(term: str) -> float:
    """How much sharing this word says: 0 for the commonest English words, about 6 for one
    English text has almost never used."""
    return max(0.0, _COMMON_ZIPF - zipf_frequency(term, "en"))


def distinctive_terms(text: str) -> dict[str, float]:
    """The report's MAX_TERMS rarest capitalised words and long numbers, with their weights,
    and the ages it gives."""
    text = _PHONE.sub(" ", text)  # a tip line is in every report from that city
    found = {m.group(1).lower() for m in _WORD.finditer(text)} - _STOP
    found = {t for t in found if not _YEAR.match(t)}
    weighted = sorted(((weight(t), t) for t in found), reverse=True)[:MAX_TERMS]
    terms = {t: round(w, 2) for w, t in weighted if w > 0}
    for m in _AGE.finditer(text):
        terms[f"age:{m.group(1) or m.group(2)}"] = AGE_WEIGHT
    return terms
