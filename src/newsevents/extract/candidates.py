"""Candidates for a place name: what the gazetteer may mean by it, and how likely each is.

`Candidates` looks a name up as it is written ('Cook County', 'northern Syria', 'Donetsk
Airport', 'Ga.'), and reads the unit told after a town ('Macon, Ga.'). `ranked` orders the
readings of a name by what the report's other places say, then by population.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from newsevents.geo.gazetteer import Gazetteer, Place, norm
from newsevents.geo.names import US_STATE_ABBREVIATIONS
from newsevents.lang.en.words import CALENDAR_WORDS

SUFFIXES = re.compile(
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
# 'Donetsk Airport', 'Hama Airbase': a facility named for its place.
FACILITY = re.compile(
    r"\s+(?:(?:international|military|central|main)\s+)?(?:airport|air\s?base|base|prison|"
    r"camp|mine|station|hospital|market|university|port|checkpoint|bridge|dam)$",
    re.I,
)
# A word after 'in' that names a town of fewer people is more often a street, a firm or a person.
UNLABELLED_MIN_POPULATION = 20_000
BIG_TOWN = 100_000
# A town this many times bigger than every namesake elsewhere is the one a report means.
DWARFED = 10


class Candidates:
    """The places the gazetteer may mean by a name told in a report."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def of(self, name: str, unit_only: bool = False) -> list[Place]:
        if unit_only:
            found = self.of(name)
            units = [p for p in found if p.level != "town"]
            if not units:
                # 'the countryside of Idleb': the province of the town of that name.
                towns = [p for p in found if p.level == "town" and p.population >= BIG_TOWN]
                held = (self.gazetteer.division(t.admin1_code) for t in towns[:1])
                units = [d for d in held if d is not None and norm(d.name) == norm(towns[0].name)]
            # 'the countryside of Afrin': no division of the name, the town it is around.
            return units or [p for p in found if p.population >= UNLABELLED_MIN_POPULATION]
        text = name.strip().strip(".,;:")
        found = self.gazetteer.lookup(text)
        suffix = SUFFIXES.search(text)
        if suffix:
            # 'Cook County' is the county, 'Idlib province' the province, 'Gaza City' the town.
            wanted = _SUFFIX_LEVEL.get(suffix.group(1).lower())
            bare = self.gazetteer.lookup(text[: suffix.start()])
            preferred = [p for p in bare if p.level in wanted] if wanted else []
            if wanted == ("town",) and any(bears(p, norm(text)) for p in found):
                preferred = []  # 'Dade City' is the town of that name, not a Dade in China
            if not preferred and not found and wanted == ("town",):
                # 'Ford City' is the borough of that name, however small, not Ford County.
                preferred = [p for p in self.gazetteer.lookup_small(text) if bears(p, norm(text))]
            found = preferred or found or bare
        if not found:
            # "northern Syria" is Syria, "east Las Vegas" Las Vegas.
            shorter = _PREFIXES.sub("", text)
            if shorter != text:
                found = self.gazetteer.lookup(shorter)
                units = [
                    p
                    for p in found
                    if p.level in ("country", "admin1") and not big_town_elsewhere(p, found)
                ]
                if _QUARTER_PREFIX.match(text):
                    # 'Southeast Washington', 'west Charlotte': a part of a city, not the state
                    # nor a county that bears its name; but 'East Jackson' may be in Tennessee
                    # or Mississippi.
                    towns = [p for p in found if p.level == "town"]
                    city = max(towns, key=lambda p: p.population, default=None)
                    if (
                        city is not None
                        and city.population >= BIG_TOWN
                        and norm(city.name) == norm(shorter)
                        and (
                            units
                            or all(
                                p.population * DWARFED < city.population
                                for p in towns
                                if p is not city
                            )
                        )
                    ):
                        units = [city]
                found = units or found
        if not found:
            # 'Donetsk Airport', 'Sidnaya Military Prison': the place the facility is named for.
            facility = FACILITY.search(text)
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

    def unlabelled(self, name: str, after_unknown: bool) -> list[Place]:
        if after_unknown:
            # 'near Opytne, Donetsk': a village we do not know, then its region; '(Al
            # Mudhaffar, Taizz)': the governorate of the city it is named for.
            return self.of(name, unit_only=True)
        return [
            p
            for p in self.gazetteer.lookup(name)
            if p.level != "town" or p.population >= UNLABELLED_MIN_POPULATION
        ]

    def hint(
        self, name: str, candidates: list[Place], countries: Counter[str] | None = None
    ) -> Place | None:
        """The unit named after a comma ('Macon, Ga.', 'Cuauhtemoc, Chihuahua', 'Abuja,
        Nigeria'): a country or division, never a town; of the units so named, the one that
        holds a place the name before the comma may be ('Columbus, Georgia' is the US state,
        'Batumi, Georgia' the country)."""
        units: list[Place] = []
        if abbreviation(name):
            state = self.gazetteer.us_state(name)
            if state is not None:
                units.append(state)
        units += [p for p in self.gazetteer.lookup(name) if p.level != "town"]
        if not units and _PREFIXES.match(name):
            # 'Dahuk, Northern Iraq': the country, not Israel's Northern District.
            units = [p for p in self.gazetteer.lookup(_PREFIXES.sub("", name)) if p.level != "town"]
        if not units:
            # 'Kinda in Idleb': the governorate of the city it is named for.
            units = [p for p in self.of(name, unit_only=True) if p.level != "town"]
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            if units:
                break
            # 'Columbus, Ohio Tuesday': the state is the words before the day; 'Freetown city
            # (Western Area Urban, ...)': the words before, if they name a unit that holds the
            # town. Not 'Nelson' of 'Nelson Mandela Bay', nor 'Al' of 'Al Hali'.
            shorter = [p for p in self.gazetteer.lookup(" ".join(words[:k])) if p.level != "town"]
            if all(w.lower() in CALENDAR_WORDS for w in words[k:]):
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


def big_town_elsewhere(unit: Place, candidates: list[Place]) -> bool:
    """Is the name also a town outside this unit, and bigger? Then it does not vouch for the unit's
    country ('Toledo' is a district of Belize and a city in Ohio; 'Charlotte' a parish of
    Saint Vincent and a city in North Carolina)."""
    return unit.level != "town" and any(
        p.level == "town" and p.population >= max(BIG_TOWN, unit.population) and not unit.holds(p)
        for p in candidates
    )


def ranked(
    name: str,
    candidates: list[Place],
    countries: Counter[str],
    divisions: Counter[str],
    hint: Place | None,
) -> tuple[Place, tuple[Place, ...]]:
    """The best candidate, and up to three others nearly as likely in another division or
    country (shown as doubt)."""
    key = norm(SUFFIXES.sub("", name))  # 'Ponce city' is borne by Ponce
    # Where towns bear the name, one that is only called so is less likely ('Lodi' is a town in
    # California or Italy sooner than Lod).
    towns = [p for p in candidates if p.level == "town"]
    borne = any(bears(p, key) for p in towns)
    scored = sorted(
        (
            (
                score(p, countries, divisions, hint, big_town_elsewhere(p, candidates))
                - (_ALIAS_ONLY if borne and p in towns and not bears(p, key) else 0),
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
        chief = [p for p in towns if best.holds(p) and (bears(p, key) or not borne)]
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


def bears(p: Place, key: str) -> bool:
    """Is the name this town's own: its name, another spelling of it ('Odessa' for Odesa) or
    the start of it ('Silao' for Silao de la Victoria), not an alternate (a former, foreign or
    rare name: 'Englewood' for Issaquah, once called so; 'Salina' for Larnaca)?"""
    own = norm(p.name)
    return (
        own == key
        or own.startswith(key + " ")
        or (own[:4] == key[:4] and abs(len(own) - len(key)) <= 2)
    )


def score(
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


def abbreviation(unit: str) -> bool:
    """A US state's abbreviation ('TN', 'Ga.'), which may stand for another unit."""
    return norm(unit) in US_STATE_ABBREVIATIONS or len(norm(unit)) <= 2
