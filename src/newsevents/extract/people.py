"""The people a report names: what tells two reports of one shooting from two others.

Reports of the same incident name the same victims and suspects; reports of different
incidents in one city the same week share the city, the date and often the police spokesman,
but rarely a victim. The linker compares these names (issue "Store, ingest, incidents").
"""

from __future__ import annotations

import re

from newsevents.model import Article

# Titles and ranks spaCy keeps inside a PERSON entity ("Sgt. Maria Lopez").
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|sgt|lt|capt|cpl|det|officer|deputy|chief|sheriff|mayor|gov|"
    r"governor|president|gen|col|maj|rev|judge|sen|rep)\.?\s+)+",
    re.I,
)
_POSSESSIVE = re.compile(r"['’]s?$")


def person_key(name: str) -> str | None:
    """'Sgt. Maria Lopez's' -> 'maria lopez'; a lone word or a lower-case phrase -> None."""
    name = _POSSESSIVE.sub("", _TITLES.sub("", " ".join(name.split())))
    words = [w for w in re.split(r"[^\w'-]+", name) if w]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return " ".join(w.lower() for w in words)


class NamePeople:
    """Sets Article.people: the full names of people in the parsed text, in order, once each."""

    name = "people"
    requires: tuple[str, ...] = ("paragraphs.doc",)
    assigns: tuple[str, ...] = ("people",)

    def __call__(self, article: Article) -> Article:
        seen: dict[str, None] = {}
        for p in article.paragraphs:
            if p.doc is None:
                continue
            for ent in p.doc.ents:
                if ent.label_ == "PERSON":
                    key = person_key(ent.text)
                    if key:
                        seen.setdefault(key)
        article.people = list(seen)
        return article
