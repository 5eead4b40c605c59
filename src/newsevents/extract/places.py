"""Places (first version): the entities and dateline of a report, resolved in the gazetteer.

Candidates for a name are ranked by the report's other places (countries, demonyms, US
states named), then by population. Each mention takes the place in its own sentence;
`events.py` gives mentions without one the place of the event they join, else the report's
main place (its dateline, else the town it names most).
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Span, Token

from newsevents.extract.whereabouts import (
    BEFORE_OF,
    PLACE_PREPOSITIONS,
    report_place,
    told_as_place,
    told_elsewhere,
)
from newsevents.geo.gazetteer import PRECISION_RANK, Gazetteer, Place, norm
from newsevents.geo.names import ACTOR_HOMES, ACTOR_REGIONS, US_STATE_ABBREVIATIONS
from newsevents.ingest.dateline import find_dateline
from newsevents.model import Article, Paragraph

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention

_SUFFIXES = re.compile(
    r"\s+(province|city|district|county|parish|state|region|governorate|municipality|"
    r"town|village|area|oblast|prefecture|department|division|lga|zone|commune|tehsil|"
    r"upazila)$",
    re.I,
)
_SUFFIX_LEVEL = {
    "province": ("admin1",),
    "state": ("admin1",),
    "region": ("admin1",),
    "governorate": ("admin1",),
    "oblast": ("admin1",),
    "prefecture": ("admin1", "admin2"),
    "department": ("admin1", "admin2"),
    "county": ("admin2",),
    "parish": ("admin2",),
    "district": ("admin2", "admin1"),
    "municipality": ("admin2", "town"),
    "division": ("admin2", "admin1"),
    "lga": ("admin2",),  # Nigeria's local government areas
    "zone": ("admin2", "admin1"),
    "commune": ("admin2", "town"),
    "tehsil": ("admin2", "town"),
    "upazila": ("admin2", "town"),
    "city": ("town",),
    "town": ("town",),
    "village": ("town",),
}
_PREFIXES = re.compile(
    r"^(the|northern|southern|eastern|western|central|downtown|north|south|east|west"
    r"|northeast|northwest|southeast|southwest)\s+",
    re.I,
)
_QUARTER_PREFIX = re.compile(
    r"^(downtown|north|south|east|west|northeast|northwest|southeast|southwest)\s+", re.I
)
# What comes between a town and the unit that holds it: a comma ('Macon, Ga.'), an opening
# bracket ('Tieba (Bankass, Mopti)'), 'in' ('Kinda in Idleb'), after the town's noun if any
# ('Cuauhtemoc municipality, Chihuahua', 'Kurla town (Mumbai Suburban, Maharashtra)').
_TOWN_NOUN = (
    r"(?:\s+(?:town|village|city|municipality|district|subdivision|area|camp|township|LGA"
    r"|commune|tehsil|upazila|zone|[Pp]olice [Ss]tation(?: limits| area)?)(?: cent(?:er|re))?)?"
)
_TO_UNIT = _TOWN_NOUN + r"(?P<how>\s*,|\s*\(|\s+in)\s*"
_UNIT_GAP = re.compile(_TO_UNIT)
_BRACKETED = re.compile(_TOWN_NOUN + r"\s*\(([^()]{1,80})\)")  # 'Kurla town (Mumbai Suburban, ...)'
_STATE_AFTER = re.compile(
    _TO_UNIT + r"(?P<state>[A-Z][a-z]+(?:'[a-z]+)?(?:[-/](?:[a-z]{1,3}-)?[A-Z][a-z]+)?"  # "Dar'a"
    r"(?: (?:d[eao]s? |del |a )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}"  # 'Gracias a Dios'
    r"|[A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][A-Za-z.]{0,4})?)(?![A-Za-z-])"
)


class _Name(NamedTuple):
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
    ) -> _Name:
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
class PlaceMention:
    name: str
    start: int
    end: int
    paragraph: int
    token: int
    place: Place
    near: bool = False
    # Other readings nearly as likely, in another division or country: shown as doubt.
    alternatives: tuple[Place, ...] = ()
    # The name is of a place the gazetteer does not know, given the unit named after it.
    within: bool = False
    # Placed in the region where the forces the report names fight: the gazetteer knows no
    # place of the name there (`alternatives` holds the one it knows elsewhere, if any).
    region: bool = False


class AssignPlaces:
    """Resolves the report's place names and gives each mention the one in its sentence."""

    name = "places"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("places", "mentions.place")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._title_names: dict[str, Place] | None = None
        self._title_pattern: re.Pattern[str] | None = None

    def __call__(self, article: Article) -> Article:
        found = self.find(article)
        article.places = found
        # Of two places in an event's sentence, the one in the report's own country
        # ('in Temixco, Morelos, ... in Colonia los Presidentes' is not Cologne).
        home = Counter(p.place.country_code for p in found).most_common(1)
        home_country = home[0][0] if home else None
        by_sentence: dict[tuple[int, int], list[PlaceMention]] = {}
        headlines = {i for i, p in enumerate(article.paragraphs) if p.headline}
        told_with: dict[tuple[int, int], list[Mention]] = defaultdict(list)
        for m in article.mentions:
            told_with[(m.paragraph, m.sentence.start)].append(m)
        for m in article.mentions:
            if m.paragraph in headlines:
                continue  # a headline may name the places of several events
            sent = m.sentence
            key = (m.paragraph, sent.start)
            if key not in by_sentence:
                by_sentence[key] = [
                    p
                    for p in found
                    if p.paragraph == m.paragraph and sent.start <= p.token < sent.end
                ]
            candidates = [p for p in by_sentence[key] if _same_clause(m, p)] or _one_town_told(
                m, by_sentence[key], told_with[key]
            )
            if not candidates:
                continue
            best = min(
                candidates,
                key=lambda p: (
                    p.place.country_code != home_country,
                    PRECISION_RANK[p.place.level],
                    abs(p.token - m.root.i),
                ),
            )
            if best.place.level != "town":
                # 'in Ciudad Mante, Tamaulipas, musicians protested': the town named just
                # before its own division is where the division is.
                best = next(
                    (
                        p
                        for p in by_sentence[key]
                        if p.place.level == "town"
                        and 0 < best.token - p.token <= 4
                        and best.place.division_code in (p.place.admin1_code, p.place.admin2_code)
                    ),
                    best,
                )
            m.place, m.place_span, m.place_near = best.place, (best.start, best.end), best.near
        return article

    def find(self, article: Article) -> list[PlaceMention]:
        """Every resolvable place name in the report, in text order."""
        names: list[_Name] = []
        villages: list[_Name] = []  # told as places, unknown above the size threshold
        countries: Counter[str] = Counter()
        demonyms: dict[str, tuple[int, int, int]] = {}  # the first 'Kenyan' of each country
        forces: dict[str, tuple[int, int, int]] = {}  # the first 'Iraqi forces' of each
        divisions: Counter[str] = Counter()
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
                    _Name(
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
                named: Span | None = _place_of_agency(ent)
                if named is not None and self.gazetteer.country_of_demonym(named.text):
                    named = None  # 'Kazakh police' are a country's
                agency = named is not None and named[-1].lower_ not in ("county", "parish")
                if named is not None or ent.label_ == "ORG":
                    # 'in the countryside of Idleb', 'targeted Hama Airbase': a place the
                    # recogniser took for an organisation.
                    named = named or _place_taken_for_org(ent)
                    if (
                        named is not None
                        and named.end < ent.end
                        and ent.doc[named.end].text == ","
                        and not self._candidates(named.text)
                    ):
                        continue  # 'Mfoundi, Centre': a town and its state, if a town we know
                elif ent.label_ in ("PERSON", "NORP") and _DIVISION_NAMED.search(ent.text):
                    named = ent  # 'Rakhine State', taken for a person
                elif (
                    ent.label_ == "PERSON"
                    and ent.end < len(doc)
                    and doc[ent.end].lower_ in _DIVISION_AFTER
                    and doc[ent.end].is_title
                ):
                    named = doc[ent.start : ent.end + 1]  # 'the Baalbek Governorate building'
                elif ent.label_ == "PERSON" and self._held_in_brackets(ent):
                    named = ent  # 'Kasoa (Awutu Efutu Senya, Central)', taken for a person
                elif ent.label_ in ("GPE", "LOC", "FAC"):
                    named = ent
                    if ent.end < len(doc) and doc[ent.end].lower_ in _CURRENCY_WORDS:
                        continue  # 'the US dollar exchange rate' is no place
                    if ent.text in _QUARTER_WORDS and ent.end < len(doc) and doc[ent.end].is_title:
                        continue  # 'in Colonia Jacinto Lopez', a neighbourhood, not Uruguay's
                    if _common_word(ent) or ent.text.islower():
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
                if named is None or _WATERS.search(named.text) or _river(named):
                    continue  # 'the Red Sea' is not Sudan's Red Sea state
                if len(named) > 1 and named[-1].lower_ in ("'s", "’s"):
                    named = named[:-1]  # "in Tel Aviv's Holon suburb"
                if all(t.lower_ in _NAME_PARTICLES for t in named):
                    # 'Al' of 'Al Bab city', taken alone: the name with the words after it
                    j = named.end
                    while j < len(doc) and j - named.end < 3 and doc[j].is_title:
                        j += 1
                    named = doc[named.start : j]
                j = named.end
                if j + 2 < len(doc) and _hyphen_particle(doc, j + 1) and doc[j + 2].is_title:
                    named = doc[named.start : j + 3]  # 'Nawa-e Barakzayi', cut to 'Nawa'
                named = self._longer_name(named)
                whole = self._whole_name(named)
                if whole.start < named.start:
                    # 'Chula' and 'Vista', two names to the recogniser: one town
                    start = offset + whole.start_char
                    names = [n for n in names if n.start != start]
                    named = whole
                if _street_of(named) or _taken_to(named):
                    labelled.add(named.start)  # read, and no place
                    continue
                labelled.add(named.start)
                names.append(
                    _Name.of(
                        named,
                        offset,
                        index,
                        _is_near(named),
                        _state_after(named),
                        unit_only=_division_context(named),
                        # 'Neligh Police Chief': a town has its own police, however small.
                        village=agency or _told_as_place(named),
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
        home = _home_country(article)
        for code, weight in home.items():
            countries[code] += weight
        title_units = self._title_units(article.title or "")
        titled = [u for u in title_units if u.level != "country"]
        for unit in title_units:
            # 'Duncan Teen Accidentally Shot In Face - FOX Carolina', 'Shooting in Tennessee
            # National Guard Armory': the title's state or country, a prior never quoted.
            if unit.level == "country":
                countries[unit.country_code] += 1
            elif unit.division_code:
                divisions[unit.division_code] += 1
        actor_homes = _actor_homes(article)
        for code in actor_homes:
            countries[code] += 2  # as strong as the country named
        regions = _actor_regions(article)
        for code in regions:
            divisions[code] += 1
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
        names = [
            n
            for n in names
            if n.state
            or n.unit_only
            or _SUFFIXES.search(n.text)
            or _UNIT_NEXT.match(article.text, n.end)
            or not self.gazetteer.country_of_demonym(n.text)
        ]

        resolved_first: list[tuple[_Name, list[Place], Place | None]] = []
        # What a name read one way adds to the report's countries and divisions: it speaks for
        # the report's other names, not for itself, however often it is told ('Belgrade
        # Police ... in Belgrade' in a report from Montana).
        self_votes: dict[str, tuple[Counter[str], Counter[str]]] = defaultdict(
            lambda: (Counter(), Counter())
        )
        found = [self._candidates(item.text, item.unit_only) for item in names]
        # 'in the Austin neighborhood', 'the Germantown section of the city': a part of the
        # report's town. Read only in a state or province another name of the report lies in
        # ('East Garfield Park' in Chicago), not as a namesake town elsewhere (Austin, Texas).
        quarters = {i for i, n in enumerate(names) if _in_quarter(article.text, n)}
        around = {p.admin1_code for i, c in enumerate(found) if i not in quarters for p in c[:1]}
        if around:
            for i in quarters:
                found[i] = [p for p in found[i] if p.admin1_code in around]
            kept = [i for i in range(len(names)) if i not in quarters or found[i]]
            names, found = [names[i] for i in kept], [found[i] for i in kept]
            villages = [v for v in villages if not _in_quarter(article.text, v)]
        hints = self._units_after(article, names, found, countries)
        agreed = self._agreeing(names, found, article.title or "")
        for unit in agreed:
            for held_by in {unit.admin1_code, unit.division_code}:
                if held_by:
                    divisions[held_by] += 2
        for item, candidates, hint in zip(names, found, hints, strict=True):
            resolved_first.append((item, candidates, hint))
            top = candidates[0] if candidates else None
            if top is not None and not (
                len(candidates) == 1
                or (
                    top.level in ("country", "admin1")
                    and sum(p.level == top.level for p in candidates) == 1
                    and not _namesake_city(top, candidates)
                )
            ):
                top = _dominant(candidates)
            if top is not None:
                p = top
                own_c, own_d = self_votes[norm(item.text)]
                if p.level == "country":
                    own_c[p.country_code] += 2
                else:
                    for division in (p.admin1_code, p.admin2_code):
                        if division:
                            own_d[division] += 2 if p.level != "town" else 1
                    own_c[p.country_code] += 1
            if hint is not None:
                if hint.level == "country":
                    countries[hint.country_code] += 3  # 'ABUJA, Nigeria —'
                elif hint.division_code:
                    divisions[hint.division_code] += 3
                    countries[hint.country_code] += 1
        for own_c, own_d in self_votes.values():
            countries.update(own_c)
            divisions.update(own_d)
        out: list[PlaceMention] = []
        misread: set[tuple[int, int]] = set()  # names whose only readings lie abroad
        article.unknown_places = []
        # 'the Volusia County Sheriff's Office ... in DeBary': a county the report names, read
        # one way, is where its small towns are looked for.
        counties = list(
            {
                c[0].division_code: c[0] for c in found if len(c) == 1 and c[0].level == "admin2"
            }.values()
        )
        settled: dict[str, Place] = {}  # names read with the unit after them ('Macon, Ga.')
        for (name, start, end, index, tok, near, state, *_), candidates, hint in resolved_first:
            units = [hint] if hint is not None else titled or agreed or counties
            if units and not any(p is u or u.holds(p) for p in candidates for u in units):
                # 'Caledonia, N.Y.' is the village in New York, not the bigger Caledonia in
                # Wisconsin; 'Brownsville' in a report titled '... in Tennessee' the village
                # there; 'Madurai, TN' stays the city in India, Tennessee having none.
                namesakes = self.gazetteer.lookup_small(name)
                small = [p for p in namesakes if any(u.holds(p) for u in units)] or [
                    # 'Naples police' and 'the Titus County Sheriff's Office': the Naples
                    # next door, in the county's state.
                    p
                    for p in namesakes
                    if any(u.level == "admin2" and p.admin1_code == u.admin1_code for u in units)
                ]
                candidates = small or candidates
            own_c, own_d = self_votes.get(norm(name), (Counter(), Counter()))
            others_c, others_d = countries - own_c, divisions - own_d  # what the rest say
            within = hint is not None and (
                not candidates
                or (
                    # a namesake elsewhere in the hint's country, none in the hint itself
                    hint.level != "country"
                    and not any(p is hint or _near_unit(hint, p) for p in candidates)
                    and (
                        any(p.country_code == hint.country_code for p in candidates)
                        # 'Kinda in Idleb' is no Kinda abroad, where the report's other names
                        # say the hint's country; 'Madurai, TN' may be.
                        or (
                            not _abbreviation(state or "")
                            and others_c[hint.country_code]
                            > max(others_c[p.country_code] for p in candidates)
                        )
                    )
                )
            )
            if within and hint is not None:
                # 'KINLOCH, Mo.': a village we do not know, in a state we do; 'TYRONE, Mo.' is
                # not a Tyrone we know in Georgia.
                candidates = [hint]
            if not candidates:
                article.unknown_places.append((name, start, end))
                continue
            best, others = _ranked(name, candidates, others_c, others_d, hint)
            if hint is None and norm(name) in settled:
                # 'CAMERON, W.Va. -- Cameron police say': the village the dateline placed,
                # though the gazetteer knows it only among small towns.
                best, others = settled[norm(name)], ()
            elif hint is not None and hint.holds(best):
                settled.setdefault(norm(name), best)
            elif tok == -1 and best.level != "town":
                # A dateline names a city: 'WASHINGTON --' is the capital, not the state;
                # 'CHARLOTTE --' the city, not a county of Virginia.
                city = next(
                    (
                        p
                        for p in candidates
                        if p.level == "town"
                        and p.population >= _BIG_TOWN
                        and norm(p.name) == norm(name)
                    ),
                    None,
                )
                if city is not None:
                    best, others = city, (best, *others)[:3]
            if _foreign_village(name, best, candidates, countries, others_c):
                # A village we do not know, though not to be looked for again among small
                # towns abroad.
                article.unknown_places.append((name, start, end))
                misread.add((start, end))
                continue
            if hint is None and norm(name) not in settled:
                namesake = self._namesake_at_home(name, best, candidates, others_c, others_d, home)
                if namesake is not None:
                    best, others = namesake, (best, *others)[:3]
            region = self._region_instead(best, regions, hint)
            if region is not None:
                # 'near Berezove' in a report of the Donbas fighting: not the Berezove the
                # gazetteer knows in Rivne, but a village it does not know in the region.
                best, others = region, (best,)
            out.append(
                PlaceMention(
                    name, start, end, index, tok, best, near, others, within, region is not None
                )
            )
        if not any(pm.place.level == "town" for pm in out):
            # No town of any size: a village the report puts its event in ('protesters
            # blocked the main road in Halba').
            unknown = {(u[1], u[2]) for u in article.unknown_places}
            asked = [
                n
                for n in villages + [n for n in names if n.village and (n.start, n.end) in unknown]
                if (n.start, n.end) not in misread
            ]
            # In a country the report places something in, else one it tells of.
            placed = Counter(pm.place.country_code for pm in out)
            added = [
                self._in_region(pm, regions)
                for pm in self._villages(asked, placed or countries, divisions)
            ]
            if added:
                out = sorted(out + added, key=lambda pm: pm.start)
                taken = {(pm.start, pm.end) for pm in added}
                article.unknown_places = [
                    u for u in article.unknown_places if (u[1], u[2]) not in taken
                ]
        fought_in = self.gazetteer.division(regions[0]) if regions else None
        if not out and fought_in is not None:
            # A village the gazetteer does not know, in a report of forces that fight in one
            # region ('near Oleksandropillia', by the OSCE SMM): in that region.
            unknown = {(u[1], u[2]) for u in article.unknown_places}
            for n in names:
                if (n.village or n.near) and (n.start, n.end) in unknown:
                    out.append(
                        PlaceMention(
                            n.text,
                            n.start,
                            n.end,
                            n.paragraph,
                            n.token,
                            fought_in,
                            n.near,
                            region=True,
                        )
                    )
                    break
        if not out:
            # No place named, but forces that act in one country: the report is in it
            # ('the OSCE SMM observed 33 explosions near Zaporozhets'). Country only.
            told = actor_homes or demonyms or forces
            ranked = sorted(told.items(), key=lambda kv: (-countries[kv[0]], kv[1][0]))
            for code, (start, end, index) in ranked[:1]:
                country = self.gazetteer.countries.get(code)
                if country is not None:
                    name = article.text[start:end]
                    out.append(PlaceMention(name, start, end, index, UNPARSED, country))
        return out

    def _longer_name(self, named: Span) -> Span:
        """The name with the words the recogniser left out after it, where the gazetteer
        knows the longer name as a town's own ('Sao Sebastiao' of 'Sao Sebastiao da Boa
        Vista', a town of Para, not the one by Brasilia)."""
        doc, j, best = named.doc, named.end, named
        while j < len(doc) and j - named.end < 5:
            particles = _particles_before_name(doc, j, _INNER_PARTICLES)
            if particles:
                j += particles + 1  # 'de los Reyes' of 'Amatlan de los Reyes'
            elif doc[j].is_title and not _not_place(doc[j]) and not doc[j].is_sent_start:
                j += 1
            else:
                break
            wider = doc[named.start : j]
            key = norm(wider.text)
            known = [*self.gazetteer.lookup(wider.text), *self.gazetteer.lookup_small(wider.text)]
            if any(_bears(p, key) for p in known):
                best = wider
        return best

    def _units_after(
        self,
        article: Article,
        names: list[_Name],
        found: list[list[Place]],
        countries: Counter[str],
    ) -> list[Place | None]:
        """The unit each name is told with ('Macon, Ga.', 'Kinda in Idleb', 'Yby Yau
        (Concepcion)'), read through the chain of units after it; `found` is narrowed to the
        readings those units hold (one name, one place in a report)."""
        hints = [
            self._hint(item.state, candidates, countries) if item.state else None
            for item, candidates in zip(names, found, strict=True)
        ]
        for i, item in enumerate(names):
            parts = _bracketed(article.text, item.end) if hints[i] is None else []
            for part in parts[1:]:
                # 'New Brighton (Nelson Mandela Bay, Eastern Cape)': the first unit in the
                # brackets we know. Not 'TN' ('(Kanniyakumari, TN)'), Tamil Nadu or Tennessee.
                if _abbreviation(part):
                    continue
                hints[i] = self._hint(part, found[i], countries)
                if hints[i] is not None:
                    break
        # The name each unit after a town is written as ('Columbus, Georgia'), by position.
        unit_at = {
            i: j
            for i, item in enumerate(names)
            for j, other in enumerate(names)
            if item.state
            and item.paragraph == other.paragraph
            and item.end < other.start
            and _UNIT_GAP.fullmatch(article.text, item.end, other.start)
            and norm(item.state).startswith(norm(other.text))
        }
        replaced: set[int] = set()
        for i in sorted(unit_at, reverse=True):
            outer, hint = hints[unit_at[i]], hints[i]
            if (
                outer is not None
                and hint is None
                and not _abbreviation(names[unit_at[i]].state or "")
            ):
                # 'Jaro, Iloilo City, Iloilo': a unit we do not know, in one we do; but 'TN' in
                # '(Kanyakumari, TN)' may be Tamil Nadu as well as Tennessee.
                hints[i] = outer
                replaced.add(i)
            elif outer is not None and hint is not None and not outer.holds(hint):
                # 'Rafah (Rafah, North Sinai)': the Rafah in North Sinai, not the one in Gaza
                # the first unit alone would say.
                inner = [p for p in found[i] if outer.holds(p)]
                if not inner and found[i]:
                    continue  # 'Chennai (Chennai, TN)': not Tennessee, which holds no Chennai
                if inner:
                    again = self._hint(names[i].state or "", inner, countries)
                else:
                    # 'Miango (Bassa LGA, Plateau)': a village we do not know, in the Bassa
                    # of Plateau, not Kogi's.
                    units = self.gazetteer.lookup(names[i].state or "")
                    again = next((u for u in units if u.level != "town" and outer.holds(u)), None)
                    if again is None:
                        continue  # '(Sahiwal, Sindh)': the unit named first, if none fits
                hints[i] = again if again is not None and outer.holds(again) else outer
                replaced.add(i)
        for i, (item, hint) in enumerate(zip(names, hints, strict=True)):
            if hint is None:
                continue
            inside = [p for p in found[i] if hint.holds(p)]
            if inside:
                # One name, one place in a report: 'LEBANON, Ohio' makes every bare 'Lebanon'
                # in it the town in Ohio, not the country.
                for j, other in enumerate(names):
                    if hints[j] is None and norm(other.text) == norm(item.text):
                        found[j] = inside
            # The unit after the comma is the hint itself: 'Georgia' in 'Columbus, Georgia'
            # is the state, not the country; 'Marib' in 'Majzar district (Marib)' the
            # governorate, not its town.
            if i in unit_at and i not in replaced and (inside or _comma_between(article, item)):
                # ... though 'Abu Salim (Tripoli)', a place we do not know, is by the town of
                # Tripoli sooner than anywhere in its division.
                found[unit_at[i]] = [hint]
        return hints

    def _whole_name(self, named: Span) -> Span:
        """The name with the capitalised word the recogniser left out before it, where the
        gazetteer knows the whole ('Chula Vista police', of which it took only 'Vista')."""
        if named.start == 0:
            return named
        before = named.doc[named.start - 1]
        if (
            not before.is_title
            or before.is_sent_start
            or before.ent_type_ in _NOT_PLACE
            or (before.ent_type_ and before.ent_iob_ != "B")  # 'Western Bahr' + 'el Ghazal'
        ):
            return named
        wider = named.doc[named.start - 1 : named.end]
        key = norm(wider.text)
        return wider if any(_bears(p, key) for p in self.gazetteer.lookup(wider.text)) else named

    def _agreeing(
        self,
        names: Sequence[_Name],
        found: Sequence[list[Place]],
        title: str = "",
    ) -> list[Place]:
        """Two names each read several ways, of which one reading of each agrees: 'Anderson
        County deputies ... on Refuge Road in Pendleton' is the Pendleton (a small town) in
        Anderson County, South Carolina, of five Anderson Counties and four Pendletons. A
        town of the title agrees with a county of the text too ('Wallkill man ...' and
        'Orange County'), never with another of the title. The divisions that hold a town of
        another such name, where they all lie in one state or province; none otherwise."""
        units: list[tuple[str, Place]] = []
        towns: list[tuple[str, Place]] = []
        for item, candidates in zip(names, found, strict=True):
            if len(candidates) == 1:
                continue  # a name read one way votes for itself; one of none may be a village
            key = norm(item.text)
            city = any(p.level == "town" and p.population >= _BIG_TOWN for p in candidates)
            # Not 'Lviv', a city, read as its province to agree with a hamlet there; a city
            # that is its own county ('Philadelphia') may.
            levels = ("admin2",) if city else ("admin1", "admin2")
            units += [(key, p) for p in candidates if p.level in levels]
            small = self.gazetteer.lookup_small(item.text)
            towns += [(key, p) for p in [*candidates, *small] if p.level == "town"]
        if not units:
            return []  # no county or state to agree on: the title is not read
        told = {norm(item.text) for item in names}
        for key, candidates in self._title_towns(title):
            # Not a name the text tells too, nor part of one ('Harris' of 'Harris County').
            if not any(f" {key} " in f" {t} " or f" {t} " in f" {key} " for t in told):
                towns += [(f"title:{key}", p) for p in candidates if p.level == "town"]
        agreed = {
            unit.division_code: unit
            for key, unit in units
            if any(other != key and unit.holds(town) for other, town in towns)
        }
        if len({u.admin1_code for u in agreed.values()}) != 1:
            return []
        return list(agreed.values())

    def _namesake_at_home(
        self,
        name: str,
        best: Place,
        candidates: list[Place],
        countries: Counter[str],
        divisions: Counter[str],
        home: Counter[str],
    ) -> Place | None:
        """A town abroad in a report whose outlet or idiom is of one country, and whose other
        places are too, where a town of that name lies: that town ('Berlin police said' in a
        report from a Connecticut station is Berlin, Connecticut). Only where nothing but the
        name itself votes for the country abroad. Of several, the one in the divisions the
        report names ('Titus County': Naples, Texas), else the biggest. `countries` and
        `divisions` are what the report's other names say."""
        if best.level != "town" or countries[best.country_code] > 0:
            return None
        ours = [(countries[c], c) for c in home if c != best.country_code and countries[c] >= 2]
        if not ours:
            return None
        country = max(ours)[1]
        at_home = [
            p
            for p in [*candidates, *self.gazetteer.lookup_small(name)]
            if p.level == "town" and p.country_code == country and _bears(p, norm(name))
        ]
        return (
            max(
                at_home,
                key=lambda p: (
                    divisions[p.admin1_code or ""] + divisions[p.admin2_code or ""],
                    p.population,
                ),
            )
            if at_home
            else None
        )

    def _candidates(self, name: str, unit_only: bool = False) -> list[Place]:
        if unit_only:
            found = self._candidates(name)
            units = [p for p in found if p.level != "town"]
            if not units:
                # 'the countryside of Idleb': the province of the town of that name.
                towns = [p for p in found if p.level == "town" and p.population >= _BIG_TOWN]
                held = (self.gazetteer.division(t.admin1_code) for t in towns[:1])
                units = [d for d in held if d is not None and norm(d.name) == norm(towns[0].name)]
            # 'the countryside of Afrin': no division of the name, the town it is around.
            return units or [p for p in found if p.population >= _UNLABELLED_MIN_POPULATION]
        text = name.strip().strip(".,;:")
        found = self.gazetteer.lookup(text)
        suffix = _SUFFIXES.search(text)
        if suffix:
            # 'Cook County' is the county, 'Idlib province' the province, 'Gaza City' the town.
            wanted = _SUFFIX_LEVEL.get(suffix.group(1).lower())
            bare = self.gazetteer.lookup(text[: suffix.start()])
            preferred = [p for p in bare if p.level in wanted] if wanted else []
            if wanted == ("town",) and any(_bears(p, norm(text)) for p in found):
                preferred = []  # 'Dade City' is the town of that name, not a Dade in China
            if not preferred and not found and wanted == ("town",):
                # 'Ford City' is the borough of that name, however small, not Ford County.
                preferred = [p for p in self.gazetteer.lookup_small(text) if _bears(p, norm(text))]
            found = preferred or found or bare
        if not found:
            # "northern Syria" is Syria, "east Las Vegas" Las Vegas.
            shorter = _PREFIXES.sub("", text)
            if shorter != text:
                found = self.gazetteer.lookup(shorter)
                units = [
                    p
                    for p in found
                    if p.level in ("country", "admin1") and not _big_town_elsewhere(p, found)
                ]
                if _QUARTER_PREFIX.match(text):
                    # 'Southeast Washington', 'west Charlotte': a part of a city, not the state
                    # nor a county that bears its name; but 'East Jackson' may be in Tennessee
                    # or Mississippi.
                    towns = [p for p in found if p.level == "town"]
                    city = max(towns, key=lambda p: p.population, default=None)
                    if (
                        city is not None
                        and city.population >= _BIG_TOWN
                        and norm(city.name) == norm(shorter)
                        and (
                            units
                            or all(
                                p.population * _DWARFED < city.population
                                for p in towns
                                if p is not city
                            )
                        )
                    ):
                        units = [city]
                found = units or found
        if not found:
            # 'Donetsk Airport', 'Sidnaya Military Prison': the place the facility is named for.
            facility = _FACILITY.search(text)
            if facility and facility.start() > 0:
                found = [p for p in self.gazetteer.lookup(text[: facility.start()]) if p.population]
        if not found and "," in text:
            found = self.gazetteer.lookup(text.split(",")[0])
        if not found and norm(text) in US_STATE_ABBREVIATIONS:
            st = self.gazetteer.us_state(text)
            found = [st] if st else []
        if _SIDE_OF_TOWN.match(norm(text)):
            # 'the South Side', 'the East End': a part of the report's town, not a town that
            # once bore the name, nor a division abroad (the West End of Grand Bahama).
            found = [p for p in found if p.level == "town" and norm(p.name) == norm(text)]
        return found

    def _villages(
        self, names: list[_Name], countries: Counter[str], divisions: Counter[str]
    ) -> list[PlaceMention]:
        out = []
        for name in names:
            # Of the villages of that name, those in a country the report is about, if it
            # tells of one ('near Golo (Central Darfur state)' is not Golo in Guinea-Bissau).
            # Towns of any size the name after 'in' was too small to be taken for at first.
            towns = [p for p in self.gazetteer.lookup(name.text) if p.level == "town"]
            candidates = [
                p
                for p in towns + self.gazetteer.lookup_small(name.text)
                if countries.get(p.country_code) or not countries
            ]
            if not candidates:
                continue
            best, others = _ranked(name.text, candidates, countries, divisions, None)
            out.append(
                PlaceMention(
                    name.text,
                    name.start,
                    name.end,
                    name.paragraph,
                    name.token,
                    best,
                    name.near,
                    others,
                )
            )
        return out

    def _unlabelled(
        self, doc: Doc, offset: int, index: int, labelled: set[int], villages: list[_Name]
    ) -> list[_Name]:
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
            if i + 2 < len(doc) and doc[i + 1].text in _PART_OF_TOWN and doc[i + 2].is_title:
                i += 1  # 'in central Thessaloniki', 'in downtown Van'
            j = i + 1
            while j < len(doc) and j - i <= 4 and not _not_place(doc[j]):
                if doc[j].is_title or _particles_before_name(doc, j, _ANY_PARTICLES):
                    j += 1
                elif (
                    doc[j].text == "-"
                    and j > i + 1
                    and not doc[j - 1].whitespace_
                    and not doc[j].whitespace_
                    and j + 1 < len(doc)
                    and (doc[j + 1].is_title or _hyphen_particle(doc, j + 1))
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
            elif j > i + 1 and (j >= len(doc) or not doc[j].is_title or _not_place(doc[j])):
                span = doc[i + 1 : j]
                if span.start in labelled:
                    chain = True
                elif _street_of(span) or _river(span):
                    pass  # 'in the area of Bartlett and Fuller Streets'
                else:
                    found = self._unlabelled_lookup(span.text, after_unknown)
                    if not found and len(span) > 1 and span[0].lower_ in _PART_OF_TOWN:
                        span = span[1:]  # 'in Southeast D.C.'; 'in North Kivu' was found whole
                        found = self._unlabelled_lookup(span.text, after_unknown)
                    near = t.lower_ in ("near", "outside", "of")
                    if not found:
                        # 'in the area of Inawan (Tin-Akoff, Oudalan)': the first unit known
                        # after places not known.
                        chain = "unknown"
                        if not after_unknown and t.lower_ in ("in", "near", "outside"):
                            villages.append(_Name.of(span, offset, index, near, None, village=True))
                    if found:
                        chain = True
                        out.append(
                            _Name.of(
                                span,
                                offset,
                                index,
                                near,
                                _state_after(span),
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
        parts = _bracketed(doc.text, ent.end_char)
        if not parts:
            return False
        towns = [p for p in self._candidates(ent.text) if p.level == "town"]
        units = [u for part in parts for u in self.gazetteer.lookup(part) if u.level != "town"]
        return any(u.holds(p) for u in units for p in towns)

    def _nation_before_noun(self, ent: Span) -> str | None:
        """The country code of a country's name that qualifies the noun after it ('a US drone
        strike', 'US military forces', 'a Turkey backed faction'), as a demonym does."""
        doc = ent.doc
        k = ent.end + 1 if ent.end < len(doc) and _hyphen_joins(doc, ent.end) else ent.end
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

    def _named_before(self, doc: Doc, offset: int, index: int, labelled: set[int]) -> list[_Name]:
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
                    or (doc[i - 1].lower_ in _NAME_PARTICLES and i < t.i)
                    # 'Pul-e Khumri district', but not 'the Aleppo-Lattakia highway'
                    or (
                        t.text in _UNIT_AFTER
                        and (_hyphen_particle(doc, i - 1) or _hyphen_joins(doc, i - 1))
                    )
                )
            ):
                i -= 1
            if i == t.i or i == doc[i].sent.start or any(k in labelled for k in range(i, t.i)):
                continue
            span = doc[i : t.i]
            if (
                not span[0].is_title
                or any(w.lower_ in _ORG_WORDS or _not_place(w) for w in span)
                or (doc[i - 1].text == "-" and not doc[i - 2].whitespace_)
            ):
                # Not 'the Aleppo-Lattakia highway' nor the end of 'Shar-i-Shali town'.
                continue
            if t.text in _UNIT_AFTER:
                # 'the Saleem Khil area of Azra district, Logar': the district, read with its
                # noun.
                span = doc[i : t.i + 1]
                found = [
                    p
                    for p in self._candidates(span.text)
                    if p.level != "town" or p.population >= _UNLABELLED_MIN_POPULATION
                ]
            elif t.text in ("city", "town"):
                # 'the limits of Tarinkot city': a town we know, of any size
                found = [p for p in self.gazetteer.lookup(span.text) if p.level == "town"]
            else:
                found = self._unlabelled_lookup(span.text, False)
            if found:
                labelled.add(span.start)
                out.append(_Name.of(span, offset, index, False, _state_after(span)))
        return out

    def _written_places(self, paragraph: Paragraph, index: int, known: list[_Name]) -> list[_Name]:
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
                while name.split()[0] in _NOT_AGENCY_PLACE and " " in name:
                    first = name.split()[0]  # 'When Anadarko police officers arrived'
                    name, s = name[len(first) + 1 :], s + len(first) + 1
                if name.split()[0] in _NOT_AGENCY_PLACE:
                    continue
                if any(a < s + len(name) and s < b for a, b in taken):
                    continue
                # A town has its own police, however small ('Anadarko police officers').
                policed = pattern is _LOCAL_POLICE
                if self._unlabelled_lookup(name, False) or (
                    policed and (self.gazetteer.lookup(name) or self.gazetteer.lookup_small(name))
                ):
                    out.append(
                        _Name(name, s, s + len(name), index, UNPARSED, False, None, village=policed)
                    )
                    taken.append((s, s + len(name)))
        return out

    def _in_region(self, pm: PlaceMention, regions: list[str]) -> PlaceMention:
        region = self._region_instead(pm.place, regions, None)
        if region is None:
            return pm
        return replace(pm, place=region, alternatives=(pm.place,), region=True)

    def _region_instead(self, best: Place, regions: list[str], hint: Place | None) -> Place | None:
        """The region of the armed groups the report names, for a small town outside it in the
        same country that nothing else vouches for (no unit named after it)."""
        if not regions or hint is not None or best.level != "town" or best.population >= _BIG_TOWN:
            return None
        units = [self.gazetteer.division(code) for code in regions]
        inside = [u for u in units if u is not None and u.country_code == best.country_code]
        if not inside or any(u.holds(best) for u in inside):
            return None
        return inside[0]

    def _title_units(self, title: str) -> list[Place]:
        """US states ('Memphis, Tennessee', 'Columbus, GA') and countries a title names."""
        if not title:
            return []
        if self._title_names is None:
            states = {p.name: p for p in self.gazetteer.us_states.values()}
            nations = {
                p.name: p
                for p in self.gazetteer.countries.values()
                if p.name not in states and len(p.name) > 3
            }
            self._title_names = {**nations, **states}
            alternatives = sorted(self._title_names, key=len, reverse=True)
            self._title_pattern = re.compile(
                r"\b(" + "|".join(re.escape(n) for n in alternatives) + r")\b"
                r"|,\s*(?P<abbr>[A-Z][A-Za-z]?\.?[A-Z]?\.?)(?=[\s,;:|-]|$)"
            )
        assert self._title_pattern is not None
        out = []
        for m in self._title_pattern.finditer(title):
            if m.group("abbr"):
                state = self.gazetteer.us_state(m.group("abbr"))
                if state is not None:
                    out.append(state)
            else:
                out.append(self._title_names[m.group(1)])
        return out

    def _title_towns(self, title: str) -> list[tuple[str, list[Place]]]:
        """The towns each run of capitalised words in the title may be ('Friends say man from
        Lowry City ...'), the outlet after its dash left out: evidence for how the text's
        names are read, never a place quoted."""
        m = _OUTLET.search(title)
        if m:
            title = title[: m.start()]
        out = []
        for run in re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", title):
            words = run.group().split()
            for n in range(min(3, len(words)), 0, -1):
                for i in range(len(words) - n + 1):
                    name = " ".join(words[i : i + n]).strip(".'’")
                    if len(name) < 4:
                        continue
                    towns = [
                        p
                        for p in [*self.gazetteer.lookup(name), *self.gazetteer.lookup_small(name)]
                        if p.level == "town"
                    ]
                    if towns:
                        out.append((norm(name), towns))
        return out

    def _unlabelled_lookup(self, name: str, after_unknown: bool) -> list[Place]:
        if after_unknown:
            # 'near Opytne, Donetsk': a village we do not know, then its region; '(Al
            # Mudhaffar, Taizz)': the governorate of the city it is named for.
            return self._candidates(name, unit_only=True)
        return [
            p
            for p in self.gazetteer.lookup(name)
            if p.level != "town" or p.population >= _UNLABELLED_MIN_POPULATION
        ]

    def _hint(
        self, name: str, candidates: list[Place], countries: Counter[str] | None = None
    ) -> Place | None:
        """The unit named after a comma ('Macon, Ga.', 'Cuauhtemoc, Chihuahua', 'Abuja,
        Nigeria'): a country or division, never a town; of the units so named, the one that
        holds a place the name before the comma may be ('Columbus, Georgia' is the US state,
        'Batumi, Georgia' the country)."""
        units: list[Place] = []
        if _abbreviation(name):
            state = self.gazetteer.us_state(name)
            if state is not None:
                units.append(state)
        units += [p for p in self.gazetteer.lookup(name) if p.level != "town"]
        if not units and _PREFIXES.match(name):
            # 'Dahuk, Northern Iraq': the country, not Israel's Northern District.
            units = [p for p in self.gazetteer.lookup(_PREFIXES.sub("", name)) if p.level != "town"]
        if not units:
            # 'Kinda in Idleb': the governorate of the city it is named for.
            units = [p for p in self._candidates(name, unit_only=True) if p.level != "town"]
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            if units:
                break
            # 'Columbus, Ohio Tuesday': the state is the words before the day; 'Freetown city
            # (Western Area Urban, ...)': the words before, if they name a unit that holds the
            # town. Not 'Nelson' of 'Nelson Mandela Bay', nor 'Al' of 'Al Hali'.
            shorter = [p for p in self.gazetteer.lookup(" ".join(words[:k])) if p.level != "town"]
            if all(w.lower() in _CALENDAR_WORDS for w in words[k:]):
                units = shorter
            else:
                units = [u for u in shorter if any(u.holds(p) for p in candidates)]
        # 'Colon (Colon)': the province that holds the town of the name (Panama's), before
        # one that holds only itself (Honduras's department).
        for unit in units:
            if any(unit.holds(p) for p in candidates if p.level == "town"):
                return unit
        for unit in units:
            if any(unit.holds(p) for p in candidates):
                return unit
        if countries and len({u.country_code for u in units}) > 1:
            # '(Khabb wa ash Shaaf, Al Jawf)' in a report of the Houthis: Yemen's Al Jawf, not
            # Saudi Arabia's.
            most = max(countries[u.country_code] for u in units)
            if most > 0:
                units = [u for u in units if countries[u.country_code] == most]
        first = units[0] if units else None
        if (
            first
            and candidates
            and any(u.level == first.level and u.geonames_id != first.geonames_id for u in units)
        ):
            return None  # 'Lilongwe (Central)': not the first Central, which holds no Lilongwe
        return first

    def main_place(self, article: Article) -> PlaceMention | None:
        """The report's own place, for events whose sentences name none: see
        `whereabouts.report_place` (a dateline is where the report was filed, and the place
        only when nothing closer says otherwise)."""
        title = article.title or ""
        m = _OUTLET.search(title)
        return report_place(article, self.gazetteer, title[: m.start()] if m else title)


def _clause_head(token: Token) -> Token:
    for t in [token, *token.ancestors]:
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
    return token


def _same_clause(m: Mention, p: PlaceMention) -> bool:
    """Is the place where the mention's event happened? 'shot in Macon': yes; 'taken to the
    hospital in Cartersville', 'Decatur County officials said': no."""
    doc = m.sentence.doc
    place = doc[p.token]
    if told_elsewhere(place):
        return False
    if p.place.level != "town":
        return True
    return _clause_head(place).i == _clause_head(m.root).i or place.i in {
        t.i for t in m.root.subtree
    }


def _one_town_told(
    m: Mention, places: list[PlaceMention], sentence: list[Mention]
) -> list[PlaceMention]:
    """The town a sentence tells as a place ('in X', 'the outskirts of X'), where it names no
    other and the parse hangs it on another verb than the event's ('Rockets fired by the
    rebels also landed in X, killing two': 'landed' read as a clause of its own). Not the
    town of another event the sentence tells ('The killing came weeks after a candidate was
    shot at a rally in X'), nor for 'the killing', which tells of an event told before."""
    towns = [p for p in places if p.place.level == "town"]
    if m.anaphoric or len({p.place.geonames_id for p in towns}) != 1:
        return []
    words = [t for t in m.sentence if t.is_alpha]
    if 2 * sum(t.is_title for t in words) > len(words):
        return []  # a headline in Title Case ('2 Men Shot In East X'), not a parsed sentence
    if any(
        _same_clause(o, p) and (o.backstory, o.date) != (m.backstory, m.date)
        for o in sentence
        for p in towns
    ):
        return []
    doc = m.sentence.doc
    if all(told_as_place(doc[p.token]) and not told_elsewhere(doc[p.token]) for p in towns):
        return towns
    return []


# An American broadcaster's call sign as the outlet ('... - WKRN News 2', 'KMOV.com'), and
# words only American reports use for their police: weak evidence of the report's country,
# worth less than one place the report names there.
_OUTLET = re.compile(r"(?:\s[-|–—]\s|::\s?)\s*(?P<outlet>[^-|–—:]+?)\s*$")
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-?TV|-?FM)?(?:\.com|\b)", re.I)
# The station in the text: 'WCVB NewsCenter 5', 'KSLA News 12', 'abc3340.com', 'FOX 5',
# 'NBC4'. An American network's name with its channel number is a local affiliate's.
_STATION_IN_TEXT = re.compile(
    r"\b(?:[KW][A-Z]{3}(?:-TV)?(?:\s\d{1,2})?\s(?:News|NewsCenter|Channel|TV)\b|[KW][A-Z]{3}-TV\b"
    r"|(?:ABC|NBC|CBS|FOX|abc|nbc|cbs|fox|Fox)\s?\d{1,4}\b)"
)
_US_IDIOMS = re.compile(
    r"\b(?:sheriff'?s? (?:office|department|deputies|deputy)|police department|"
    r"\d00 block of|county (?:jail|prosecutor|coroner|medical examiner))\b",
    re.I,
)


_ACTOR_HOMES = tuple((re.compile(p, re.I), code) for p, code in ACTOR_HOMES)
# Any of them: most paragraphs name none, and one search tells.
_ANY_ACTOR_HOME = re.compile("|".join(f"(?:{p})" for p, _ in ACTOR_HOMES), re.I)


_ACTOR_REGIONS = tuple((re.compile(p, re.I), codes) for p, codes in ACTOR_REGIONS)


def _actor_regions(article: Article) -> list[str]:
    """The divisions whose armed groups the report names, most specific first."""
    text = " ".join(p.text for p in article.paragraphs if not p.boilerplate)
    found_codes = [codes for pattern, codes in _ACTOR_REGIONS if pattern.search(text)]
    out: list[str] = []
    for codes in sorted(found_codes, key=len):
        out.extend(c for c in codes if c not in out)
    return out


def _actor_homes(article: Article) -> dict[str, tuple[int, int, int]]:
    """Countries whose own forces or armed groups the report names, with the first such name
    (start, end, paragraph) as the quote for a country-only place."""
    out: dict[str, tuple[int, int, int]] = {}
    for index, p in enumerate(article.paragraphs):
        if p.boilerplate or not _ANY_ACTOR_HOME.search(p.text):
            continue
        for pattern, code in _ACTOR_HOMES:
            m = pattern.search(p.text)
            if m and code not in out:
                out[code] = (p.start + m.start(), p.start + m.end(), index)
    return out


def _home_country(article: Article) -> Counter[str]:
    """The report's country as its outlet and idiom tell it: a weak prior, half a place."""
    out: Counter[str] = Counter()
    outlets = [article.outlet or ""]
    m = _OUTLET.search(article.title or "")
    if m:
        outlets.append(m.group("outlet"))
    url = (article.url or "").split("//")[-1].removeprefix("www.")
    outlets.append(url.split("/")[0])
    text = " ".join(p.text for p in article.paragraphs[:12] if not p.boilerplate)
    if any(o and _CALL_SIGN.match(o) and (o[0].isupper() or "." in o) for o in outlets) or (
        _STATION_IN_TEXT.search(text) or _STATION_IN_TEXT.search(article.title or "")
    ):
        out["US"] += 1
    if _US_IDIOMS.search(text):
        out["US"] += 1
    return out


def _big_town_elsewhere(unit: Place, candidates: list[Place]) -> bool:
    """Is the name also a town outside this unit, and bigger? Then it does not vouch for the unit's
    country ('Toledo' is a district of Belize and a city in Ohio; 'Charlotte' a parish of
    Saint Vincent and a city in North Carolina)."""
    return unit.level != "town" and any(
        p.level == "town" and p.population >= max(_BIG_TOWN, unit.population) and not unit.holds(p)
        for p in candidates
    )


def _namesake_city(unit: Place, candidates: list[Place]) -> bool:
    """Is the name also a big town outside this unit, bigger than it (what _big_town_elsewhere
    asks) or at least a tenth of its size? Then the name is not read one way before the
    report's other places are weighed ('Tripoli' is a district of Libya and a city of Lebanon;
    but 'Virginia' is the state sooner than the town in South Africa)."""
    return any(
        p.level == "town"
        and p.population >= _BIG_TOWN
        and p.population * _DWARFED >= unit.population
        and not unit.holds(p)
        for p in candidates
    )


def _dominant(candidates: list[Place]) -> Place | None:
    """A big town that dwarfs every other place of its name: 'Chicago', 'Memphis' are read one
    way even though small towns share the name, so they vouch for their state."""
    if not candidates or any(p.level in ("country", "admin1") for p in candidates):
        return None
    top = max(candidates, key=lambda p: p.population)
    if top.level != "town" or top.population < _BIG_TOWN:
        return None
    if any(
        p.population * _DWARFED > top.population and p.admin1_code != top.admin1_code
        for p in candidates
        if p is not top
    ):
        return None
    return top


def _in_quarter(text: str, name: _Name) -> bool:
    """'in the Austin neighborhood', 'the Germantown section of the city', 'the Wadi area of
    Vadodara city': a part of a town."""
    return bool(
        _QUARTER.match(text, name.end)
        or (_QUARTER_NAMED.search(name.text) and text.startswith(" of ", name.end))
    )


def _foreign_village(
    name: str, p: Place, candidates: list[Place], countries: Counter[str], others: Counter[str]
) -> bool:
    """A small town abroad in a report about somewhere else is a misreading ('Borno' is not
    Borna in Germany when the report is about Nigeria). `others` is what the report's other
    names say: the name's own reading elsewhere does not speak against it ('Belgrade' in
    Montana is not a village abroad because Belgrade, Serbia bears the name too)."""
    if p.level != "town" or not countries:
        return False
    if (
        p.population >= _BIG_TOWN
        and (_bears(p, norm(name)) or len(candidates) > 1)
        and all(c.country_code == p.country_code for c in candidates)
    ):
        # A city the name means in one country alone, as its own name or as the name of the
        # city and its province ('protested in Mogilev' in a report that tells of Russia), is
        # no misreading; a city that once bore the name may be ('Karama', an old name of
        # Calama in Chile).
        return False
    own = countries.get(p.country_code, 0)
    if own >= 2:
        return False
    # Its own vote (a name read only one way) does not vouch for it against a country the
    # report names or whose forces it names.
    other = max((n for c, n in others.items() if c != p.country_code), default=0)
    return other >= 2 and other > own and p.population < 500_000


def _ranked(
    name: str,
    candidates: list[Place],
    countries: Counter[str],
    divisions: Counter[str],
    hint: Place | None,
) -> tuple[Place, tuple[Place, ...]]:
    """The best candidate, and up to three others nearly as likely in another division or
    country (shown as doubt)."""
    key = norm(_SUFFIXES.sub("", name))  # 'Ponce city' is borne by Ponce
    # Where towns bear the name, one that is only called so is less likely ('Lodi' is a town in
    # California or Italy sooner than Lod).
    towns = [p for p in candidates if p.level == "town"]
    borne = any(_bears(p, key) for p in towns)
    scored = sorted(
        (
            (
                _score(p, countries, divisions, hint, _big_town_elsewhere(p, candidates))
                - (_ALIAS_ONLY if borne and p in towns and not _bears(p, key) else 0),
                p,
            )
            for p in candidates
        ),
        key=lambda sp: -sp[0],
    )
    best_score, best = scored[0]
    if best.level in ("admin1", "admin2"):
        # A division named for its chief town ('Tripoli', 'Bamako', 'Kharkiv'): told bare,
        # the name is the town.
        chief = [p for p in towns if best.holds(p) and (_bears(p, key) or not borne)]
        if chief:
            best = max(chief, key=lambda p: p.population)
            best_score = next(s for s, p in scored if p is best)
    others = tuple(
        p
        for s, p in scored[1:]
        if s >= best_score - _DOUBT_MARGIN
        and (p.country_code, p.admin1_code) != (best.country_code, best.admin1_code)
    )[:3]
    return best, others


def _bears(p: Place, key: str) -> bool:
    """Is the name this town's own: its name, another spelling of it ('Odessa' for Odesa) or
    the start of it ('Silao' for Silao de la Victoria), not an alternate (a former, foreign or
    rare name: 'Englewood' for Issaquah, once called so; 'Salina' for Larnaca)?"""
    own = norm(p.name)
    return (
        own == key
        or own.startswith(key + " ")
        or (own[:4] == key[:4] and abs(len(own) - len(key)) <= 2)
    )


def _score(
    p: Place,
    countries: Counter[str],
    divisions: Counter[str],
    hint: Place | None,
    big_town_elsewhere: bool = False,
) -> float:
    """How likely this candidate is the place meant: the report's other countries and
    divisions (a town inside a division the report names), then population; a division
    or country is preferred to a town of the same name, unless that town is a big one
    outside it (the report's 'Toledo' is the city in Ohio sooner than Belize's district)."""
    s = math.log10(max(p.population, 1)) / 2
    s += 2.0 * min(countries.get(p.country_code, 0), 3)
    if p.level != "admin1" and p.admin1_code:
        s += 2.5 * min(divisions.get(p.admin1_code, 0), 3)
    if p.level == "town" and p.admin2_code:
        s += 1.5 * min(divisions.get(p.admin2_code, 0), 3)
    if hint is not None:
        if hint.level == "country" and hint.country_code == p.country_code:
            s += 6
        elif hint.division_code and hint.division_code in (p.admin1_code, p.admin2_code):
            s += 10
    if big_town_elsewhere:
        s -= 1
    elif p.level == "country":
        s += 1
    elif p.level == "admin1":
        s += 0.5
    elif p.level == "admin2":
        s -= 0.5  # 'Houston' is the city; the county says 'County'
    return s


def _not_place(token: Token) -> bool:
    """A word the recogniser read as a time or number. A capitalised word it took for a date
    that names no month, weekday or feast is a name ('in Fellsmere' read as a DATE)."""
    if token.ent_type_ not in _NOT_PLACE:
        return False
    return not (
        token.ent_type_ == "DATE" and token.is_title and token.lower_ not in _CALENDAR_WORDS
    )


def _hyphen_joins(doc: Doc, k: int) -> bool:
    """Is token k a hyphen inside a word ('Nord-Kivu')?"""
    return (
        doc[k].text == "-"
        and 0 < k < len(doc) - 1
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
    )


def _particles_before_name(doc: Doc, k: int, particles: set[str]) -> int:
    """How many particles inside a name start at token k, one or two before its next
    capitalised word ('el' of 'Bahr el Ghazal', 'de los' of 'Leon de los Aldama'); 0 if none."""
    for n in (1, 2):
        if k + n >= len(doc) or doc[k + n - 1].lower_ not in particles:
            return 0
        if doc[k + n].is_title:
            return n
    return 0


def _hyphen_particle(doc: Doc, k: int) -> bool:
    """Is token k the particle of a hyphenated name ('ez' of 'Deir-ez-Zor', 'e' of 'Pul-e
    Khumri'), between a hyphen and a capitalised word?"""
    return (
        doc[k].text in _HYPHEN_PARTICLES
        and _hyphen_joins(doc, k - 1)
        and k + 1 < len(doc)
        and (doc[k + 1].is_title or _hyphen_joins(doc, k + 1))
    )


def _near_unit(unit: Place, p: Place) -> bool:
    """Does `p` lie in the unit, or is it a big town in the unit's first-order division, which
    a report's district may hold though GeoNames draws it otherwise ('Libreville city
    (Komo-Mondah, Estuaire)')?"""
    return unit.holds(p) or (
        unit.level == "admin2"
        and p.level == "town"
        and p.population >= _BIG_TOWN
        and p.admin1_code == unit.admin1_code
    )


def _bracketed(text: str, at: int) -> list[str]:
    """The names in the brackets right after a town ('Kurla town (Mumbai Suburban,
    Maharashtra)'), else none."""
    m = _BRACKETED.match(text, at)
    return [part.strip() for part in m.group(1).split(",")] if m else []


def _comma_between(article: Article, name: _Name) -> bool:
    """Is the unit after the name written after a comma ('Columbus, Georgia')?"""
    m = _UNIT_GAP.match(article.text, name.end)
    return m is not None and m.group("how").strip() == ","


def _abbreviation(unit: str) -> bool:
    """A US state's abbreviation ('TN', 'Ga.'), which may stand for another unit."""
    return norm(unit) in US_STATE_ABBREVIATIONS or len(norm(unit)) <= 2


def _state_after(ent: Span) -> str | None:
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
# Words that open a phrase, never a person's name ('Near Wum, ...' taken for a person).
_PREPOSITIONS = PLACE_PREPOSITIONS | {
    "at", "on", "from", "to", "into", "inside", "of", "off", "along", "beyond", "around",
}  # fmt: skip
_UNIT_NEXT = re.compile(r"\s+(?:region|state|province|zone|county|district)\b", re.I)
_QUARTER = re.compile(r"\s+(?:neighbou?rhood|section of|community area|area of)\b", re.I)
# A name the recogniser took with its noun: 'the Wadi area of Vadodara city'.
_QUARTER_NAMED = re.compile(r"\s(?:area|neighbou?rhood)$", re.I)
_SIDE_OF_TOWN = re.compile(
    r"^(?:the )?(?:(?:far|near|lower|upper) )?(?:north|south|east|west)(?:east|west)?(?:ern)? ?"
    r"(?:side|end)$"
    # 'the Northwest district' of South Bend, 'City Center': not Dubai's Sector 1, not a Centro
    r"|^(?:the )?(?:north|south|east|west)(?:east|west)? (?:district|quadrant|section)$"
    r"|^(?:the )?(?:city cent(?:er|re)|downtown|midtown|uptown)$"
)
# What bearing a name only as an alternate costs a town: as much as being 100 times smaller.
_ALIAS_ONLY = 1.0
# Candidates scoring within this of the best are shown as doubt (log10 population / 2 is the
# scale: 0.5 is a town ten times smaller).
_DOUBT_MARGIN = 0.5
_NOT_PLACE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"}
_CALENDAR_WORDS = {
    *(n.lower() for n in calendar.month_name if n),
    *(n.lower() for n in calendar.month_abbr if n),
    *(n.lower() for n in calendar.day_name),
    "sept", "christmas", "easter", "thanksgiving", "halloween", "ramadan", "eid", "new",
    "year", "day", "eve", "week", "weekend", "independence", "memorial", "labor", "mother's",
    "father's", "valentine's", "mid", "early", "late", "last", "next", "this", "the",
}  # fmt: skip
# Lower-case words inside a town's name: Romance ('Boa Vista da Bahia'), and the Persian
# ezafe ('Kut e Abdollah').
_INNER_PARTICLES = {"da", "de", "do", "dos", "das", "del", "di", "la", "las", "los", "e"}
_HYPHEN_PARTICLES = {
    "e", "i", "o", "ul", "al", "el", "ez", "az", "es", "as", "esh", "ash", "ed", "ad", "er", "ar",
    "et", "at", "en", "an",
}  # fmt: skip
_NAME_PARTICLES = {"al", "el", "ad", "as", "ar", "an", "de", "del", "la", "le", "bin", "ibn"}
_ANY_PARTICLES = _NAME_PARTICLES | _INNER_PARTICLES
_ABROAD = {
    "forces", "force", "troops", "military", "army", "soldiers", "jets", "warplanes",
    "aircraft", "drones", "drone", "airstrikes", "coalition", "navy", "special", "embassy",
}  # fmt: skip
_WATERS = re.compile(r"\b(?:Sea|Ocean|Gulf|Strait|Straits|Bay)$")
_CURRENCY_WORDS = {"dollar", "dollars", "currency", "treasury", "embassy", "embassies"}
# 'Donetsk Airport', 'Hama Airbase': a facility named for its place.
_FACILITY = re.compile(
    r"\s+(?:(?:international|military|central|main)\s+)?(?:airport|air\s?base|base|prison|"
    r"camp|mine|station|hospital|market|university|port|checkpoint|bridge|dam)$",
    re.I,
)
# A word after 'in' that names a town of fewer people is more often a street, a firm or a person.
_UNLABELLED_MIN_POPULATION = 20_000
_SETTLEMENT = {"town", "village", "city", "locality", "municipality", "district", "area"}
_PART_OF_TOWN = {
    "central", "downtown", "northern", "southern", "eastern", "western", "north", "south",
    "east", "west", "northeast", "northwest", "southeast", "southwest", "rural", "greater",
}  # fmt: skip
_BIG_TOWN = 100_000
# A town this many times bigger than every namesake elsewhere is the one a report means.
_DWARFED = 10
# The words after a town's name that make it the town a service serves ('Milford police').
_SERVED_BY = {"police", "sheriff", "sheriff's", "fire", "firefighters"}
_AGENCY_WORDS = {
    "metro",
    "metropolitan",
    "police",
    "sheriff",
    "sheriffs",
    "sheriff's",
    "fire",
    "municipal",
    "district",
    "city",
    "county",
    "regional",
    "provincial",
    "state",
}


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
# Words before 'police' that name a kind of police, not a place: 'Transit police', 'When
# police arrived'.
_NOT_AGENCY_PLACE = {
    "State", "Capitol", "Transit", "University", "Campus", "Military", "Local", "Federal",
    "National", "Border", "Riot", "Traffic", "Secret", "Park", "Port", "Airport", "School",
    "Tribal", "Railroad", "Village", "Township", "Town", "City", "Area", "Regional", "Armed",
    "Religious", "Morality", "Special", "Undercover", "Nearby", "Other", "Several", "Many",
    "Some", "When", "But", "And", "If", "Then", "After", "Before", "While", "Where", "As",
    "Both", "All", "Neighboring", "Neighbouring", "Off", "Housing", "Harbor", "Harbour", "The",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "No", "Any",
    "Every", "Most", "Few", "His", "Her", "Their", "Our", "Metro", "Metropolitan", "Since",
    "Because", "Although", "Though", "Until", "Once", "So",
}  # fmt: skip
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


def _agencies_in(paragraph: Paragraph, index: int, known: list[_Name]) -> list[_Name]:
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
        if first in _NOT_AGENCY_PLACE:
            continue
        if any(a < s + len(name) and s < b for a, b in taken):
            continue  # the recogniser's name for it is already there
        out.append(_Name(name, s, s + len(name), index, UNPARSED, False, None))
    return out


_ORG_WORDS = {
    "corps", "forces", "force", "militia", "militias", "army", "party", "group", "brigade",
    "brigades", "front", "movement", "council", "committee", "ministry", "union", "company",
    "bank", "court", "police", "government", "authority", "association", "news", "agency",
    "battalion", "division", "regiment", "guard", "guards", "coalition", "alliance", "league",
    "organization", "organisation", "office", "department", "school", "church", "club",
    "university", "hospital", "institute", "foundation", "network", "radio", "tv", "times",
    "post", "service", "services", "commission", "assembly", "parliament", "congress",
}  # fmt: skip
_PLACE_BEFORE = PLACE_PREPOSITIONS | {"of", "between"}
# Lower-case nouns that follow a town's name: 'Taizz city', 'the Zahle roundabout'.
_NAMED_BEFORE = {
    "city", "town", "road", "highway", "roundabout", "junction", "crossroads", "bridge",
    "checkpoint", "crossing", "motorway",
}  # fmt: skip
# ... and those that name a division after it: 'Azra district', 'Cuauhtemoc municipality'.
_UNIT_AFTER = {"district", "province", "governorate", "municipality"}
# Words that begin the name of a neighbourhood in Spanish and Portuguese.
_QUARTER_WORDS = {"Colonia", "Barrio", "Fraccionamiento", "Bairro"}
# Words by which a country's name qualifies the forces after it: 'Turkey backed factions'.
_BACKED = {"backed", "led", "supported", "sponsored", "funded", "trained", "allied", "aligned"}
_NOUNS_AFTER_TOWN = _NAMED_BEFORE | _UNIT_AFTER
# Words that end a unit's name: 'Macon, Georgia Police said'.
_NO_UNIT_WORDS = _ORG_WORDS | _SERVED_BY
# ... and where a name taken for an organisation is a place: 'in the area of Staromykhaylivka',
# 'the teaching hospital of Thessaloniki'. Not 'residents of Vikasnagar', who may protest in
# Lucknow. And the assault a place suffers: 'the shelling of Kupiansk', 'the siege of Marawi'.
_BEFORE_OF_ORG = BEFORE_OF | {
    "area", "areas", "hospital", "prison", "headquarters", "streets",
    "shelling", "bombing", "bombardment", "siege", "storming", "capture", "recapture",
    "occupation", "invasion", "blockade", "encirclement", "liberation",
}  # fmt: skip
_STREET_WORDS = {
    "street", "streets", "avenue", "avenues", "road", "roads", "boulevard", "drive", "lane",
    "highway", "st", "st.", "ave", "ave.", "rd", "blvd",
}  # fmt: skip


_DIVISION_NAMED = re.compile(r"\s(?:State|Province|Governorate|Department|Region|Oblast)$")
_DIVISION_AFTER = {"department", "province", "governorate", "state", "region", "oblast"}
_DIVISION_NOUNS = {"countryside", "province", "governorate", "region", "municipality"}


def _division_context(ent: Span) -> bool:
    """'the countryside of Idleb', 'the province of Herat': the division, not its town."""
    if ent.start < 2 or ent.doc[ent.start - 1].lower_ != "of":
        return False
    return ent.doc[ent.start - 2].lower_ in _DIVISION_NOUNS


def _place_taken_for_org(ent: Span) -> Span | None:
    """An 'organisation' that is a place by its position: after 'in', 'near', 'between' or
    'the countryside of', or named for a facility ('Hama Airbase'); none of its words is an
    organisation's ('Al Sham Corps', 'the Ukrainian Forces')."""
    words = [t.lower_ for t in ent]
    if any(w in _ORG_WORDS for w in words) or words[0] == "the":
        return None
    if "(" in words and ")" not in words and words.index("(") > 0:
        # 'Ludhiana (Punjab', the recogniser's span cut inside the brackets: the town, the
        # unit in the brackets read after it.
        town = ent[: words.index("(")]
        return town if all(t.is_title or t.lower_ in _NAME_PARTICLES for t in town) else None
    if words.count(",") == 1 and 0 < words.index(",") < len(ent) - 1:
        # 'Tepoztlan, Morelos': a town and its state, the state read after it.
        town = ent[: words.index(",")]
        if all(t.is_title or t.lower_ in _NAME_PARTICLES for t in ent if t.text != ","):
            return town
        return None
    if not all(t.is_title or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in ent):
        return None
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if _DIVISION_NAMED.search(ent.text):
        return ent  # 'Rakhine State'
    if after in _DIVISION_AFTER:
        return ent.doc[ent.start : ent.end + 1]  # 'Antioquia department' is the department
    if after in _STREET_WORDS or after == "and":
        return None  # 'between Ellis and Jones streets'
    placed = before in _PLACE_BEFORE and (
        before != "of" or (ent.start > 1 and ent.doc[ent.start - 2].lower_ in _BEFORE_OF_ORG)
    )
    if placed or _FACILITY.search(ent.text):
        return ent
    return None


def _street_of(ent: Span) -> bool:
    """A street or a side of town named like a place: 'Canal street', 'near Marks and Clinton
    avenues', 'the city's South and West sides', 'West 54th Avenue', 'at 22nd and Grand'."""
    doc = ent.doc
    if len(ent) > 1 and ent[-1].lower_ in _STREET_WORDS:
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
            and doc[j].lower_ not in _STREET_WORDS  # 'Bartlett and Fuller Streets'
        ):
            j += 1
    elif j < len(doc) and (doc[j].like_num or doc[j].ent_type_ == "ORDINAL"):
        j += 1  # 'West 54th Avenue'
    return j < len(doc) and doc[j].lower_ in _STREET_WORDS | {"side", "sides"}


_RIVER = {"river", "rivers", "canal", "creek"}


def _river(span: Span) -> bool:
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


def _taken_to(ent: Span) -> bool:
    """Where the wounded were taken ('taken to Mount Sinai in stable condition', 'airlifted to
    Regions Hospital'): a hospital, or a city away from the shooting, not where it happened."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "to" and doc[i - 1].lower_ in _TAKEN


def _place_of_agency(ent: Span) -> Span | None:
    """'Memphis Police Department' -> 'Memphis'; 'Harris County Sheriff's Office' -> 'Harris
    County'; other organisations -> None."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if (
        after is not None
        and ent.label_ in ("GPE", "ORG", "LOC", "FAC")
        and after.lower_ in _SERVED_BY
        and all(t.is_title or t.lower_ in _NAME_PARTICLES or t.text == "." for t in ent)
        and not any(t.lower_ in _ORG_WORDS for t in ent)
        and not _common_word(ent)
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
            while head and head[-1].lower_ in _AGENCY_WORDS:
                head = head[:-1]
            if _common_word(head):
                return None  # 'Metro Police', 'State Police'
            if head and all(t.is_title for t in head):
                return head
            return None
    return None


def _common_word(span: Span) -> bool:
    """A lone word that names no place, however it is tagged ('Metro', 'State', 'Park')."""
    return len(span) == 1 and span.text in _NOT_AGENCY_PLACE


def _told_as_place(ent: Span) -> bool:
    """'in Halba', 'near Souairi', 'the town of Douris': a name English puts as a place."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and (
        before.lower_ in ("in", "near", "outside")
        or (before.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in _SETTLEMENT)
    )


def _is_near(ent: Span) -> bool:
    before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
    return any(
        w in before
        for w in ("near", "outside", "north of", "south of", "east of", "west of", "km", "miles")
    )
