"""Place names in a report: where English puts a place, before the gazetteer reads them.

`PlaceNameFinder` reads each paragraph's entities, its dateline and the places the
recogniser missed ('in Ciudad Mante, Tamaulipas', 'Taizz city', 'Lodi police said'), and
counts the countries its demonyms tell ('Kenyan', 'Iraqi forces'). `resolve.py` reads what
it finds against the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span

from newsevents.extract.candidates import (
    SUFFIXES,
    UNLABELLED_MIN_POPULATION,
    Candidates,
    bears,
)
from newsevents.extract.placewords import (
    ANY_PARTICLES,
    DIVISION_NAMED,
    NOT_PLACE,
    ORG_WORDS,
    bracketed,
    common_word,
    division_context,
    hyphen_joins,
    hyphen_particle,
    is_near,
    not_place,
    particles_before_name,
    place_of_agency,
    place_taken_for_org,
    river,
    state_after,
    street_of,
    taken_to,
    told_as_place,
)
from newsevents.geo.gazetteer import Gazetteer, norm
from newsevents.ingest.dateline import find_dateline
from newsevents.lang.en.words import (
    BEFORE_OF,
    DIVISION_AFTER,
    INNER_PARTICLES,
    NAME_PARTICLES,
    NOT_AGENCY_PLACE,
    PART_OF_TOWN,
    PLACE_PREPOSITIONS,
    QUARTER_WORDS,
    UNIT_AFTER,
)
from newsevents.model import Article, Paragraph


class PlaceName(NamedTuple):
    """A place name found in the report, before it is resolved."""

    text: str
    start: int
    end: int
    paragraph: int
    token: int  # its root token in the paragraph's parse; -1 for a dateline
    near: bool
    state: str | None  # the unit named after it ('Macon, Ga.')
    unit_only: bool = False  # a division or country, never a town ('near Opytne, Donetsk')
    village: bool = False  # told as a place ('in Halba'): a village may be meant

    @classmethod
    def of(
        cls, span: Span, offset: int, paragraph: int, near: bool, state: str | None, **flags: bool
    ) -> PlaceName:
        """The name a span of a paragraph's parse gives (offset: the parse's in the text)."""
        return cls(
            span.text,
            offset + span.start_char,
            offset + span.end_char,
            paragraph,
            span.root.i,
            near,
            state,
            **flags,
        )


@dataclass
class FoundNames:
    """What a report names, before it is resolved: its place names, the villages it tells
    as places (looked for only where it names no town), and the countries its demonyms and
    forces tell, with the first such word of each (start, end, paragraph)."""

    names: list[PlaceName]
    villages: list[PlaceName]
    countries: Counter[str]
    demonyms: dict[str, tuple[int, int, int]]  # the first 'Kenyan' of each country
    forces: dict[str, tuple[int, int, int]]  # the first 'Iraqi forces' of each


class PlaceNameFinder:
    """Finds the place names of a report, and the countries its demonyms tell."""

    def __init__(self, gazetteer: Gazetteer, candidates: Candidates) -> None:
        self.gazetteer = gazetteer
        self.candidates = candidates

    def find(self, article: Article) -> FoundNames:
        """Every place name in the report, in text order, and what its demonyms tell."""
        names: list[PlaceName] = []
        villages: list[PlaceName] = []  # told as places, unknown above the size threshold
        countries: Counter[str] = Counter()
        demonyms: dict[str, tuple[int, int, int]] = {}  # the first 'Kenyan' of each country
        forces: dict[str, tuple[int, int, int]] = {}  # the first 'Iraqi forces' of each
        # The dateline may follow a teaser, a caption or a press office's heading.
        body = [
            i for i, p in enumerate(article.paragraphs) if not p.boilerplate and not p.headline
        ][:6]
        for index, paragraph in enumerate(article.paragraphs):
            dateline = find_dateline(paragraph.text) if index in body else None
            if dateline is not None:
                body = []  # the first one only
                s, e = dateline.place
                names.append(
                    PlaceName(
                        paragraph.text[s:e].title(),
                        paragraph.start + s,
                        paragraph.start + e,
                        index,
                        -1,
                        False,
                        dateline.region,
                    )
                )
            doc = paragraph.doc
            if doc is None:
                if not paragraph.boilerplate:
                    names.extend(self._written_places(paragraph, index, []))
                continue
            offset = paragraph.doc_offset
            labelled: set[int] = set()  # where the names the recogniser gave start
            for ent in doc.ents:
                if ent.label_ == "NORP":
                    country = self.gazetteer.country_of_demonym(ent.text)
                    if country is not None:
                        countries[country.country_code] += 1
                        # 'Turkish forces shelled ...': forces often act abroad, so their
                        # demonym places a report only when no other does.
                        abroad = ent.end < len(doc) and doc[ent.end].lower_ in _ABROAD
                        where = (offset + ent.start_char, offset + ent.end_char, index)
                        (forces if abroad else demonyms).setdefault(country.country_code, where)
                    continue
                # 'Memphis Police', 'the Indian River County Sheriff's Office' (taken for an
                # organisation or a place): the place they serve.
                named: Span | None = place_of_agency(ent)
                if named is not None and self.gazetteer.country_of_demonym(named.text):
                    named = None  # 'Kazakh police' are a country's
                agency = named is not None and named[-1].lower_ not in ("county", "parish")
                if named is not None or ent.label_ == "ORG":
                    # 'in the countryside of Idleb', 'targeted Hama Airbase': a place the
                    # recogniser took for an organisation.
                    named = named or place_taken_for_org(ent)
                    if (
                        named is not None
                        and named.end < ent.end
                        and ent.doc[named.end].text == ","
                        and not self.candidates.of(named.text)
                    ):
                        continue  # 'Mfoundi, Centre': a town and its state, if a town we know
                elif ent.label_ in ("PERSON", "NORP") and DIVISION_NAMED.search(ent.text):
                    named = ent  # 'Rakhine State', taken for a person
                elif (
                    ent.label_ == "PERSON"
                    and ent.end < len(doc)
                    and doc[ent.end].lower_ in DIVISION_AFTER
                    and doc[ent.end].is_title
                ):
                    named = doc[ent.start : ent.end + 1]  # 'the Baalbek Governorate building'
                elif ent.label_ == "PERSON" and self._held_in_brackets(ent):
                    named = ent  # 'Kasoa (Awutu Efutu Senya, Central)', taken for a person
                elif ent.label_ in ("GPE", "LOC", "FAC"):
                    named = ent
                    if ent.end < len(doc) and doc[ent.end].lower_ in _CURRENCY_WORDS:
                        continue  # 'the US dollar exchange rate' is no place
                    if ent.text in QUARTER_WORDS and ent.end < len(doc) and doc[ent.end].is_title:
                        continue  # 'in Colonia Jacinto Lopez', a neighbourhood, not Uruguay's
                    if common_word(ent) or ent.text.islower():
                        # 'Metro' (the police, the paper) is no town in Indonesia, nor 'the
                        # metro' the recogniser tags: a name is written with a capital.
                        continue
                    nation = self._nation_before_noun(ent)
                    if nation is not None:
                        # 'a US drone strike', 'Russia-backed forces': a country's, as its
                        # demonym would be, not a place of the report.
                        countries[nation] += 1
                        where = (offset + ent.start_char, offset + ent.end_char, index)
                        forces.setdefault(nation, where)
                        continue
                else:
                    continue
                if named is None or _WATERS.search(named.text) or river(named):
                    continue  # 'the Red Sea' is not Sudan's Red Sea state
                if len(named) > 1 and named[-1].lower_ in ("'s", "’s"):
                    named = named[:-1]  # "in Tel Aviv's Holon suburb"
                if all(t.lower_ in NAME_PARTICLES for t in named):
                    # 'Al' of 'Al Bab city', taken alone: the name with the words after it
                    j = named.end
                    while j < len(doc) and j - named.end < 3 and doc[j].is_title:
                        j += 1
                    named = doc[named.start : j]
                j = named.end
                if j + 2 < len(doc) and hyphen_particle(doc, j + 1) and doc[j + 2].is_title:
                    named = doc[named.start : j + 3]  # 'Nawa-e Barakzayi', cut to 'Nawa'
                named = self._longer_name(named)
                whole = self._whole_name(named)
                if whole.start < named.start:
                    # 'Chula' and 'Vista', two names to the recogniser: one town
                    start = offset + whole.start_char
                    names = [n for n in names if n.start != start]
                    named = whole
                if street_of(named) or taken_to(named):
                    labelled.add(named.start)  # read, and no place
                    continue
                labelled.add(named.start)
                names.append(
                    PlaceName.of(
                        named,
                        offset,
                        index,
                        is_near(named),
                        state_after(named),
                        unit_only=division_context(named),
                        # 'Neligh Police Chief': a town has its own police, however small.
                        village=agency or told_as_place(named),
                    )
                )
            names.extend(self._unlabelled(doc, offset, index, labelled, villages))
            labelled |= {n.token for n in names if n.paragraph == index}
            names.extend(self._named_before(doc, offset, index, labelled))
            names.extend(self._written_places(paragraph, index, names))
            for token in doc:
                if token.pos_ == "ADJ" or token.dep_ in ("amod", "compound"):
                    country = self.gazetteer.country_of_demonym(token.text)
                    if country is not None and token.ent_type_ != "NORP":
                        countries[country.country_code] += 1
        # 'a close friend of Hall', 'near Hall' after 'Jerome Hall was shot': a person named
        # before, not a place.
        # Not 'Near Wum', a paragraph's opening place the recogniser took for a person: no
        # one's name begins with a preposition.
        surnames = {
            key.split()[-1] for key in article.people if key.split()[0] not in _PREPOSITIONS
        }
        names = [n for n in names if n.state or n.token < 0 or norm(n.text) not in surnames]
        # A demonym is no place: 'Kazakh security forces' are the country's (counted above),
        # not Petropavl, which GeoNames once called so. But 'Somali region' is Ethiopia's.
        # Nor is a demonym before a lower-case settlement word: 'the Kazakh city of Aktobe'.
        names = [
            n
            for n in names
            if n.state
            or n.unit_only
            or (SUFFIXES.search(n.text) and not self._demonym_settlement(n.text))
            or _UNIT_NEXT.match(article.text, n.end)
            or not (self.gazetteer.country_of_demonym(n.text) or self._demonym_settlement(n.text))
        ]
        return FoundNames(names, villages, countries, demonyms, forces)

    def _demonym_settlement(self, text: str) -> bool:
        """'Kazakh city', 'Afghan town': a demonym and a settlement word written small."""
        head, _, word = text.rpartition(" ")
        return (
            word in _SETTLEMENTS
            and bool(head)
            and self.gazetteer.country_of_demonym(head) is not None
        )

    def _longer_name(self, named: Span) -> Span:
        """The name with the words the recogniser left out after it, where the gazetteer
        knows the longer name as a town's own ('Sao Sebastiao' of 'Sao Sebastiao da Boa
        Vista', a town of Para, not the one by Brasilia)."""
        doc, j, best = named.doc, named.end, named
        while j < len(doc) and j - named.end < 5:
            particles = particles_before_name(doc, j, INNER_PARTICLES)
            if particles:
                j += particles + 1  # 'de los Reyes' of 'Amatlan de los Reyes'
            elif doc[j].is_title and not not_place(doc[j]) and not doc[j].is_sent_start:
                j += 1
            else:
                break
            wider = doc[named.start : j]
            key = norm(wider.text)
            known = [*self.gazetteer.lookup(wider.text), *self.gazetteer.lookup_small(wider.text)]
            if any(bears(p, key) for p in known):
                best = wider
        return best

    def _whole_name(self, named: Span) -> Span:
        """The name with the capitalised word the recogniser left out before it, where the
        gazetteer knows the whole ('Chula Vista police', of which it took only 'Vista')."""
        if named.start == 0:
            return named
        before = named.doc[named.start - 1]
        if (
            not before.is_title
            or before.is_sent_start
            or before.ent_type_ in NOT_PLACE
            or (before.ent_type_ and before.ent_iob_ != "B")  # 'Western Bahr' + 'el Ghazal'
        ):
            return named
        wider = named.doc[named.start - 1 : named.end]
        key = norm(wider.text)
        return wider if any(bears(p, key) for p in self.gazetteer.lookup(wider.text)) else named

    def _unlabelled(
        self, doc: Doc, offset: int, index: int, labelled: set[int], villages: list[PlaceName]
    ) -> list[PlaceName]:
        """Place names the entity recogniser missed or took for people, where English puts a
        place: a run of capitalised words after 'in', 'near', 'outside', 'north of', an opening
        bracket, or a comma after another place ('in Ciudad Mante, Tamaulipas', '(Bossaso,
        Bari)'), that the gazetteer knows as a division or a town of some size."""
        out = []
        i = 0
        chain: bool | str = False
        while i < len(doc):
            t = doc[i]
            trigger = (
                t.lower_ in PLACE_PREPOSITIONS
                or t.text == "("
                or (t.lower_ == "of" and i > 0 and doc[i - 1].lower_ in BEFORE_OF)
                or (chain and t.text == ",")
                # 'On 29 April 2020, Caripe, Monagas state, farmers blocked roads'
                or (t.text == "," and i > 0 and doc[i - 1].ent_type_ == "DATE")
            )
            if not trigger:
                chain = False
                i += 1
                continue
            # In lower case only: 'Western Bahr el Ghazal' is a name.
            if i + 2 < len(doc) and doc[i + 1].text in PART_OF_TOWN and doc[i + 2].is_title:
                i += 1  # 'in central Thessaloniki', 'in downtown Van'
            j = i + 1
            while j < len(doc) and j - i <= 4 and not not_place(doc[j]):
                if doc[j].is_title or particles_before_name(doc, j, ANY_PARTICLES):
                    j += 1
                elif (
                    doc[j].text == "-"
                    and j > i + 1
                    and not doc[j - 1].whitespace_
                    and not doc[j].whitespace_
                    and j + 1 < len(doc)
                    and (doc[j + 1].is_title or hyphen_particle(doc, j + 1))
                ):
                    j += 2  # 'Nord-Kivu', 'Mayo-Sava', 'Deir-ez-Zor', 'Pul-e Khumri'

                else:
                    break
            after_unknown = chain == "unknown"
            chain = False
            after_date = t.text == "," and t.i > 0 and doc[t.i - 1].ent_type_ == "DATE"
            if after_date and (j >= len(doc) or doc[j].text != ","):
                pass  # 'On 7 May 2020, Al Shabaab militants': only 'DATE, Town, State,'
            # The run ends at a lower-case word or a weekday: 'in Chattanooga Sunday'.
            elif j > i + 1 and (j >= len(doc) or not doc[j].is_title or not_place(doc[j])):
                span = doc[i + 1 : j]
                if span.start in labelled:
                    chain = True
                elif street_of(span) or river(span):
                    pass  # 'in the area of Bartlett and Fuller Streets'
                else:
                    found = self.candidates.unlabelled(span.text, after_unknown)
                    if not found and len(span) > 1 and span[0].lower_ in PART_OF_TOWN:
                        span = span[1:]  # 'in Southeast D.C.'; 'in North Kivu' was found whole
                        found = self.candidates.unlabelled(span.text, after_unknown)
                    near = t.lower_ in ("near", "outside", "of")
                    if not found:
                        # 'in the area of Inawan (Tin-Akoff, Oudalan)': the first unit known
                        # after places not known.
                        chain = "unknown"
                        if not after_unknown and t.lower_ in ("in", "near", "outside"):
                            villages.append(
                                PlaceName.of(span, offset, index, near, None, village=True)
                            )
                    if found:
                        chain = True
                        out.append(
                            PlaceName.of(
                                span,
                                offset,
                                index,
                                near,
                                state_after(span),
                                unit_only=after_unknown,
                            )
                        )
            i = max(j, i + 1)
        return out

    def _held_in_brackets(self, ent: Span) -> bool:
        """Is the name a town that a unit named in the brackets after it holds ('Kasoa
        (Awutu Efutu Senya, Central)')?"""
        doc = ent.doc
        if not any(t.text.startswith("(") for t in doc[ent.end : ent.end + 6]):
            return False  # no bracket after it, or its noun (Doc.text rebuilds the document)
        parts = bracketed(doc.text, ent.end_char)
        if not parts:
            return False
        towns = [p for p in self.candidates.of(ent.text) if p.level == "town"]
        units = [u for part in parts for u in self.gazetteer.lookup(part) if u.level != "town"]
        return any(u.holds(p) for u in units for p in towns)

    def _nation_before_noun(self, ent: Span) -> str | None:
        """The country code of a country's name that qualifies the noun after it ('a US drone
        strike', 'US military forces', 'a Turkey backed faction'), as a demonym does."""
        doc = ent.doc
        k = ent.end + 1 if ent.end < len(doc) and hyphen_joins(doc, ent.end) else ent.end
        if k >= len(doc) or not doc[k].is_lower:
            return None
        backed = (
            doc[k].lower_ in _BACKED
            and k + 1 < len(doc)
            and doc[k + 1].pos_ in ("NOUN", "ADJ")
            and doc[k + 1].is_lower
        )  # 'supported by Turkey backed factions', however the parser takes 'backed'
        # 'a US drone strike', 'US military forces', 'a Turkey-backed faction'
        qualifies = (
            doc[k].pos_ in ("NOUN", "ADJ") or (doc[k].pos_ == "VERB" and doc[k].dep_ == "amod")
        ) and ent.root.dep_ in ("compound", "amod", "nmod", "npadvmod")
        if not (backed or qualifies):
            return None
        found = self.gazetteer.lookup(ent.text)
        return found[0].country_code if found and found[0].level == "country" else None

    def _named_before(
        self, doc: Doc, offset: int, index: int, labelled: set[int]
    ) -> list[PlaceName]:
        """Place names the recogniser missed before a lower-case noun that English puts after
        a town's name ('Taizz city', 'blocked the Zahle roundabout'), where the gazetteer knows
        a division or a town of some size by the name. Not 'the Jackson town hall': the noun
        must end the phrase; nor 'the Aleppo-Lattakia highway', which runs between two towns."""
        out = []
        for t in doc:
            if t.i == 0 or t.text not in _NOUNS_AFTER_TOWN:
                continue
            if t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN"):
                continue
            i = t.i
            while (
                i > 1
                and t.i - i < 6
                and (
                    doc[i - 1].is_title
                    or (doc[i - 1].lower_ in NAME_PARTICLES and i < t.i)
                    # 'Pul-e Khumri district', but not 'the Aleppo-Lattakia highway'
                    or (
                        t.text in UNIT_AFTER
                        and (hyphen_particle(doc, i - 1) or hyphen_joins(doc, i - 1))
                    )
                )
            ):
                i -= 1
            if i == t.i or i == doc[i].sent.start or any(k in labelled for k in range(i, t.i)):
                continue
            span = doc[i : t.i]
            if (
                not span[0].is_title
                or any(w.lower_ in ORG_WORDS or not_place(w) for w in span)
                or (doc[i - 1].text == "-" and not doc[i - 2].whitespace_)
            ):
                # Not 'the Aleppo-Lattakia highway' nor the end of 'Shar-i-Shali town'.
                continue
            if t.text in UNIT_AFTER:
                # 'the Saleem Khil area of Azra district, Logar': the district, read with its
                # noun.
                span = doc[i : t.i + 1]
                found = [
                    p
                    for p in self.candidates.of(span.text)
                    if p.level != "town" or p.population >= UNLABELLED_MIN_POPULATION
                ]
            elif t.text in ("city", "town"):
                # 'the limits of Tarinkot city': a town we know, of any size
                found = [p for p in self.gazetteer.lookup(span.text) if p.level == "town"]
            else:
                found = self.candidates.unlabelled(span.text, False)
            if found:
                labelled.add(span.start)
                out.append(PlaceName.of(span, offset, index, False, state_after(span)))
        return out

    def _written_places(
        self, paragraph: Paragraph, index: int, known: list[PlaceName]
    ) -> list[PlaceName]:
        """Places named anywhere in a paragraph, read or not, by their written form: agencies
        ('Memphis Police', 'Lodi police said') and residents ('an Evansville man', 'a
        Zanesville bar'), weak evidence of the report's own town (the recogniser often misses
        them), used only for the report's main place, never for one event's own. A resident's
        town must be one of some size: 'a Black man' names no place."""
        out = _agencies_in(paragraph, index, known)
        taken = [(n.start, n.end) for n in [*known, *out] if n.paragraph == index]
        for pattern in (_LOCAL_POLICE, _RESIDENT_OF):
            for m in pattern.finditer(paragraph.text):
                name, s = m.group(1), paragraph.start + m.start(1)
                while name.split()[0] in NOT_AGENCY_PLACE and " " in name:
                    first = name.split()[0]  # 'When Anadarko police officers arrived'
                    name, s = name[len(first) + 1 :], s + len(first) + 1
                if name.split()[0] in NOT_AGENCY_PLACE:
                    continue
                if any(a < s + len(name) and s < b for a, b in taken):
                    continue
                # A town has its own police, however small ('Anadarko police officers').
                policed = pattern is _LOCAL_POLICE
                if self.candidates.unlabelled(name, False) or (
                    policed and (self.gazetteer.lookup(name) or self.gazetteer.lookup_small(name))
                ):
                    out.append(
                        PlaceName(
                            name, s, s + len(name), index, UNPARSED, False, None, village=policed
                        )
                    )
                    taken.append((s, s + len(name)))
        return out


# Words that open a phrase, never a person's name ('Near Wum, ...' taken for a person).
_PREPOSITIONS = PLACE_PREPOSITIONS | {
    "at", "on", "from", "to", "into", "inside", "of", "off", "along", "beyond", "around",
}  # fmt: skip
_SETTLEMENTS = {"city", "town", "village", "capital"}
_UNIT_NEXT = re.compile(r"\s+(?:region|state|province|zone|county|district)\b", re.I)
_ABROAD = {
    "forces", "force", "troops", "military", "army", "soldiers", "jets", "warplanes",
    "aircraft", "drones", "drone", "airstrikes", "coalition", "navy", "special", "embassy",
}  # fmt: skip
_WATERS = re.compile(r"\b(?:Sea|Ocean|Gulf|Strait|Straits|Bay)$")
_CURRENCY_WORDS = {"dollar", "dollars", "currency", "treasury", "embassy", "embassies"}


# 'Memphis Police', 'the Fresno Police Department', 'Bibb County Sheriff's Office', in text
# the parser did not read (a tip line after the last sentence that tells of an event).
_AGENCY_IN_TEXT = re.compile(
    r"\b((?:[A-Z][a-z]+(?:\.|'s)? ){0,2}[A-Z][a-z]+(?: (?:County|Parish))?)"
    r"(?: (?:Metropolitan|Metro|City|Municipal))? (?:Police|Sheriff)\b"
)
# 'Lodi police said': a town's police, in lower case; the town must be one of some size
# ('One police officer died' names no place).
_LOCAL_POLICE = re.compile(
    r"\b((?:[A-Z][a-z]+(?:\.|'s)? ){0,2}[A-Z][a-z]+) (?:police|[Ff]ire [Dd]epartment|ISD)\b"
)
# 'an Evansville man', 'a Zanesville bar': a town's resident or building.
_RESIDENT_OF = re.compile(
    r"\b(?:[Aa]n?|[Hh]is|[Hh]er|[Tt]heir) (?:\d+-year-old )?"
    r"((?:[A-Z][a-z]+(?:\.|'s)? ){0,2}[A-Z][a-z]+)(?:-area)? "
    r"(?:man|woman|boy|girl|teen|teenager|toddler|resident|residents|couple|family|mother|"
    r"father|home|house|bar|neighborhood|apartment|street|motel|hotel|nightclub|club|park|"
    r"church|school|store|restaurant|business|gas station|cul-de-sac|community)\b"
)
# Marks a name found in unparsed text (no token in any parse; never the dateline's -1).
UNPARSED = -2


def _agencies_in(paragraph: Paragraph, index: int, known: list[PlaceName]) -> list[PlaceName]:
    """Agencies named anywhere in a paragraph, read or not, by their written form: weak
    evidence of the report's own town (the recogniser often misses 'Memphis Police'), used
    only for the report's main place, never for one event's own."""
    taken = [(n.start, n.end) for n in known if n.paragraph == index]
    out = []
    for m in _AGENCY_IN_TEXT.finditer(paragraph.text):
        name, s = m.group(1), paragraph.start + m.start(1)
        first = name.split()[0]
        if first in ("The", "A", "An"):
            if " " not in name:
                continue  # 'The police said'
            name, s = name[len(first) + 1 :], s + len(first) + 1
            first = name.split()[0]
        if first in NOT_AGENCY_PLACE:
            continue
        if any(a < s + len(name) and s < b for a, b in taken):
            continue  # the recogniser's name for it is already there
        out.append(PlaceName(name, s, s + len(name), index, UNPARSED, False, None))
    return out


# Lower-case nouns that follow a town's name: 'Taizz city', 'the Zahle roundabout'.
_NAMED_BEFORE = {
    "city", "town", "road", "highway", "roundabout", "junction", "crossroads", "bridge",
    "checkpoint", "crossing", "motorway",
}  # fmt: skip
# Words by which a country's name qualifies the forces after it: 'Turkey backed factions'.
_BACKED = {"backed", "led", "supported", "sponsored", "funded", "trained", "allied", "aligned"}
_NOUNS_AFTER_TOWN = _NAMED_BEFORE | UNIT_AFTER
