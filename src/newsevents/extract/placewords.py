"""What the words around a place name tell of it: a street, a river, an agency's town, a
division, the unit written after a town ('Macon, Ga.', 'Kurla town (Mumbai Suburban)').

Functions of a span of a paragraph's parse, or of the text after a name; `placenames.py`
asks them while it reads a report's names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsevents.extract.candidates import FACILITY
from newsevents.geo.gazetteer import norm
from newsevents.geo.names import US_STATE_ABBREVIATIONS
from newsevents.lang.en.words import (
    AGENCY_WORDS,
    BEFORE_OF,
    CALENDAR_WORDS,
    DIVISION_AFTER,
    DIVISION_NOUNS,
    HYPHEN_PARTICLES,
    INNER_PARTICLES,
    NAME_PARTICLES,
    NOT_AGENCY_PLACE,
    PLACE_PREPOSITIONS,
    SERVED_BY,
    STREET_WORDS,
)

# What comes between a town and the unit that holds it: a comma ('Macon, Ga.'), an opening
# bracket ('Tieba (Bankass, Mopti)'), 'in' ('Kinda in Idleb'), after the town's noun if any
# ('Cuauhtemoc municipality, Chihuahua', 'Kurla town (Mumbai Suburban, Maharashtra)').
_TOWN_NOUN = (
    r"(?:\s+(?:town|village|city|municipality|district|subdivision|area|camp|township|LGA"
    r"|commune|tehsil|upazila|zone|[Pp]olice [Ss]tation(?: limits| area)?)(?: cent(?:er|re))?)?"
)
_TO_UNIT = _TOWN_NOUN + r"(?P<how>\s*,|\s*\(|\s+in)\s*"
UNIT_GAP = re.compile(_TO_UNIT)
_BRACKETED = re.compile(_TOWN_NOUN + r"\s*\(([^()]{1,80})\)")  # 'Kurla town (Mumbai Suburban, ...)'
_STATE_AFTER = re.compile(
    _TO_UNIT + r"(?P<state>[A-Z][a-z]+(?:'[a-z]+)?(?:[-/](?:[a-z]{1,3}-)?[A-Z][a-z]+)?"  # "Dar'a"
    r"(?: (?:d[eao]s? |del |a )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}"  # 'Gracias a Dios'
    r"|[A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][A-Za-z.]{0,4})?)(?![A-Za-z-])"
)


def not_place(token: Token) -> bool:
    """A word the recogniser read as a time or number. A capitalised word it took for a date
    that names no month, weekday or feast is a name ('in Fellsmere' read as a DATE)."""
    if token.ent_type_ not in NOT_PLACE:
        return False
    return not (token.ent_type_ == "DATE" and token.is_title and token.lower_ not in CALENDAR_WORDS)


def hyphen_joins(doc: Doc, k: int) -> bool:
    """Is token k a hyphen inside a word ('Nord-Kivu')?"""
    return (
        doc[k].text == "-"
        and 0 < k < len(doc) - 1
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
    )


def particles_before_name(doc: Doc, k: int, particles: set[str]) -> int:
    """How many particles inside a name start at token k, one or two before its next
    capitalised word ('el' of 'Bahr el Ghazal', 'de los' of 'Leon de los Aldama'); 0 if none."""
    for n in (1, 2):
        if k + n >= len(doc) or doc[k + n - 1].lower_ not in particles:
            return 0
        if doc[k + n].is_title:
            return n
    return 0


def hyphen_particle(doc: Doc, k: int) -> bool:
    """Is token k the particle of a hyphenated name ('ez' of 'Deir-ez-Zor', 'e' of 'Pul-e
    Khumri'), between a hyphen and a capitalised word?"""
    return (
        doc[k].text in HYPHEN_PARTICLES
        and hyphen_joins(doc, k - 1)
        and k + 1 < len(doc)
        and (doc[k + 1].is_title or hyphen_joins(doc, k + 1))
    )


def bracketed(text: str, at: int) -> list[str]:
    """The names in the brackets right after a town ('Kurla town (Mumbai Suburban,
    Maharashtra)'), else none."""
    m = _BRACKETED.match(text, at)
    return [part.strip() for part in m.group(1).split(",")] if m else []


def state_after(ent: Span) -> str | None:
    doc = ent.doc
    # The text after the name (a span's text: Doc.text rebuilds the whole document's).
    rest = (ent[-1].whitespace_ + doc[ent.end : ent.end + 16].text)[:64]
    m = _STATE_AFTER.match(rest)
    if not m or _LIST_GOES_ON.match(rest, m.end()):
        return None  # 'in Kabul, Ghor, Laghman and Balkh provinces': a list, not 'Town, State'
    words = m.group("state").split()
    while words and words[-1].lower() in _NO_UNIT_WORDS:
        words.pop()  # 'Macon, Georgia Police said'; 'in Momostenango, Totonicapan, Police Forces'
    state = " ".join(words)
    key = norm(state)
    if key in US_STATE_ABBREVIATIONS or key.upper() in US_STATE_ABBREVIATIONS.values():
        return state
    return state if len(state) > 3 else None


# After 'Town, Name': more names, so a list ('Kabul, Ghor, Laghman and ...', 'Ramadi, Anbar
# and Baghdad'), not a town and its unit ('Canapi, Alagoas, and Manari, Pernambuco').
_LIST_GOES_ON = re.compile(r"\s*,\s*[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)?\s*(?:,|and\b)|\s+and\s+[A-Z]")
NOT_PLACE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"}
ANY_PARTICLES = NAME_PARTICLES | INNER_PARTICLES
_SETTLEMENT = {"town", "village", "city", "locality", "municipality", "district", "area"}


ORG_WORDS = {
    "corps", "forces", "force", "militia", "militias", "army", "party", "group", "brigade",
    "brigades", "front", "movement", "council", "committee", "ministry", "union", "company",
    "bank", "court", "police", "government", "authority", "association", "news", "agency",
    "battalion", "division", "regiment", "guard", "guards", "coalition", "alliance", "league",
    "organization", "organisation", "office", "department", "school", "church", "club",
    "university", "hospital", "institute", "foundation", "network", "radio", "tv", "times",
    "post", "service", "services", "commission", "assembly", "parliament", "congress",
}  # fmt: skip
_PLACE_BEFORE = PLACE_PREPOSITIONS | {"of", "between"}
# Words that end a unit's name: 'Macon, Georgia Police said'.
_NO_UNIT_WORDS = ORG_WORDS | SERVED_BY
# ... and where a name taken for an organisation is a place: 'in the area of Staromykhaylivka',
# 'the teaching hospital of Thessaloniki'. Not 'residents of Vikasnagar', who may protest in
# Lucknow. And the assault a place suffers: 'the shelling of Kupiansk', 'the siege of Marawi'.
_BEFORE_OF_ORG = BEFORE_OF | {
    "area", "areas", "hospital", "prison", "headquarters", "streets",
    "shelling", "bombing", "bombardment", "siege", "storming", "capture", "recapture",
    "occupation", "invasion", "blockade", "encirclement", "liberation",
}  # fmt: skip


DIVISION_NAMED = re.compile(r"\s(?:State|Province|Governorate|Department|Region|Oblast)$")


def division_context(ent: Span) -> bool:
    """'the countryside of Idleb', 'the province of Herat': the division, not its town."""
    if ent.start < 2 or ent.doc[ent.start - 1].lower_ != "of":
        return False
    return ent.doc[ent.start - 2].lower_ in DIVISION_NOUNS


def place_taken_for_org(ent: Span) -> Span | None:
    """An 'organisation' that is a place by its position: after 'in', 'near', 'between' or
    'the countryside of', or named for a facility ('Hama Airbase'); none of its words is an
    organisation's ('Al Sham Corps', 'the Ukrainian Forces')."""
    words = [t.lower_ for t in ent]
    if any(w in ORG_WORDS for w in words) or words[0] == "the":
        return None
    if "(" in words and ")" not in words and words.index("(") > 0:
        # 'Ludhiana (Punjab', the recogniser's span cut inside the brackets: the town, the
        # unit in the brackets read after it.
        town = ent[: words.index("(")]
        return town if all(t.is_title or t.lower_ in NAME_PARTICLES for t in town) else None
    if words.count(",") == 1 and 0 < words.index(",") < len(ent) - 1:
        # 'Tepoztlan, Morelos': a town and its state, the state read after it.
        town = ent[: words.index(",")]
        if all(t.is_title or t.lower_ in NAME_PARTICLES for t in ent if t.text != ","):
            return town
        return None
    if not all(t.is_title or t.lower_ in NAME_PARTICLES or t.text == "-" for t in ent):
        return None
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if DIVISION_NAMED.search(ent.text):
        return ent  # 'Rakhine State'
    if after in DIVISION_AFTER:
        return ent.doc[ent.start : ent.end + 1]  # 'Antioquia department' is the department
    if after in STREET_WORDS or after == "and":
        return None  # 'between Ellis and Jones streets'
    placed = before in _PLACE_BEFORE and (
        before != "of" or (ent.start > 1 and ent.doc[ent.start - 2].lower_ in _BEFORE_OF_ORG)
    )
    if placed or FACILITY.search(ent.text):
        return ent
    return None


def street_of(ent: Span) -> bool:
    """A street or a side of town named like a place: 'Canal street', 'near Marks and Clinton
    avenues', 'the city's South and West sides', 'West 54th Avenue', 'at 22nd and Grand'."""
    doc = ent.doc
    if len(ent) > 1 and ent[-1].lower_ in STREET_WORDS:
        return True  # 'the 200 block of East Park Avenue'
    if (
        ent.start >= 2
        and doc[ent.start - 1].lower_ in ("and", "&")
        and (doc[ent.start - 2].like_num or doc[ent.start - 2].ent_type_ == "ORDINAL")
    ):
        return True  # 'at 22nd and Grand'
    j = ent.end
    if j < len(doc) and doc[j].lower_ == "and":
        j += 1
        while (
            j < len(doc)
            and j - ent.end <= 3
            and doc[j].is_title
            and doc[j].lower_ not in STREET_WORDS  # 'Bartlett and Fuller Streets'
        ):
            j += 1
    elif j < len(doc) and (doc[j].like_num or doc[j].ent_type_ == "ORDINAL"):
        j += 1  # 'West 54th Avenue'
    return j < len(doc) and doc[j].lower_ in STREET_WORDS | {"side", "sides"}


_RIVER = {"river", "rivers", "canal", "creek"}


def river(span: Span) -> bool:
    """A river named as a town is: 'across the Dniester river', 'the Tigris River'. A town
    of the name takes no article ('Fall River police')."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in _RIVER:
        return True  # 'the Dniester river', 'by Kura river'
    if after is not None and after.lower_ in _RIVER:
        last = span
    elif len(span) > 1 and span[-1].lower_ in _RIVER:
        last = span[:-1]
    else:
        return False
    return last[0].lower_ == "the" or (last.start > 0 and doc[last.start - 1].lower_ == "the")


_TAKEN = {"taken", "transported", "rushed", "airlifted", "flown", "driven", "brought"}


def taken_to(ent: Span) -> bool:
    """Where the wounded were taken ('taken to Mount Sinai in stable condition', 'airlifted to
    Regions Hospital'): a hospital, or a city away from the shooting, not where it happened."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "to" and doc[i - 1].lower_ in _TAKEN


def place_of_agency(ent: Span) -> Span | None:
    """'Memphis Police Department' -> 'Memphis'; 'Harris County Sheriff's Office' -> 'Harris
    County'; other organisations -> None."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if (
        after is not None
        and ent.label_ in ("GPE", "ORG", "LOC", "FAC")
        and after.lower_ in SERVED_BY
        and all(t.is_title or t.lower_ in NAME_PARTICLES or t.text == "." for t in ent)
        and not any(t.lower_ in ORG_WORDS for t in ent)
        and not common_word(ent)
    ):
        return ent  # 'Port St. Lucie police', 'Milford fire department'
    words = [t.lower_ for t in ent]
    for k, w in enumerate(words):
        if w in ("county", "parish") and k > 0 and ent.label_ == "ORG":
            # 'Burlington County Prosecutor's Office', 'the Office of the Shelby County
            # District Attorney': the county it serves.
            head = ent[:k]
            first = max((t.i + 1 for t in head if t.lower_ == "the"), default=head.start)
            head = doc[first : ent.start + k]
            if head and all(t.text[:1].isupper() for t in head):
                return doc[head.start : ent.start + k + 1]
        if w in ("police", "sheriff", "sheriffs", "sheriff's") and k > 0:
            head = ent[:k]
            while head and head[0].lower_ == "the":
                head = head[1:]
            for t in head:
                if t.text in ("-", "/"):
                    # 'Savannah-Chatham Metropolitan Police': the city comes first.
                    head = head[: t.i - head.start]
                    break
            if len(head) > 1 and head[-1].lower_ == "county":
                return head
            while head and head[-1].lower_ in AGENCY_WORDS:
                head = head[:-1]
            if common_word(head):
                return None  # 'Metro Police', 'State Police'
            if head and all(t.is_title for t in head):
                return head
            return None
    return None


def common_word(span: Span) -> bool:
    """A lone word that names no place, however it is tagged ('Metro', 'State', 'Park')."""
    return len(span) == 1 and span.text in NOT_AGENCY_PLACE


def told_as_place(ent: Span) -> bool:
    """'in Halba', 'near Souairi', 'the town of Douris': a name English puts as a place."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and (
        before.lower_ in ("in", "near", "outside")
        or (before.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in _SETTLEMENT)
    )


def is_near(ent: Span) -> bool:
    before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
    return any(
        w in before
        for w in ("near", "outside", "north of", "south of", "east of", "west of", "km", "miles")
    )
