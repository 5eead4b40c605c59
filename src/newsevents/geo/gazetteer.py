"""The offline gazetteer: countries, first- and second-order divisions and towns of 500+ people
from GeoNames, with their names in every script, in one SQLite index.

The index lives in the user's cache directory (or where the `gazetteer` setting says). It is
built from installed packages on first use (`geo/build.py`, about half a minute) and rebuilt
when those packages change version; opening it takes milliseconds and a name lookup tens of
microseconds. `newsevents gazetteer import` adds a full GeoNames dump for users who want villages.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import platformdirs

from newsevents.errors import NewsEventsError
from newsevents.geo.build import SCHEMA_VERSION, build, source_versions
from newsevents.geo.names import DEMONYMS, US_STATE_ABBREVIATIONS
from newsevents.geo.text import ascii_name, loose_key, norm

__all__ = [
    "LEVEL_RANK",
    "PRECISION_RANK",
    "Gazetteer",
    "GazetteerError",
    "Place",
    "ascii_name",
    "default_path",
    "norm",
    "place_keys",
]

LEVEL_RANK = {"country": 0, "admin1": 1, "admin2": 2, "town": 3}
# From the most to the least precise: an event takes the most precise place its sentence gives.
PRECISION_RANK = {"town": 0, "admin2": 1, "admin1": 2, "country": 3}


class GazetteerError(NewsEventsError):
    """The gazetteer index cannot be opened or built."""


def default_path() -> Path:
    return Path(platformdirs.user_cache_dir("newsevents")) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. level: 'country', 'admin1', 'admin2' or 'town'."""

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
    admin2: str | None = None
    admin2_code: str | None = None

    @property
    def division_code(self) -> str | None:
        """The code of the division this entry is (for divisions) or lies in (for towns)."""
        return self.admin2_code or self.admin1_code

    def holds(self, p: Place) -> bool:
        """Does `p` lie in this unit: a country's places, a division's towns and divisions?"""
        if self.level == "country":
            return p.country_code == self.country_code and p is not self
        return bool(self.division_code) and self.division_code in (p.admin1_code, p.admin2_code)


_COLUMNS = "id, name, level, cc, admin1, admin2, lat, lon, population, source"
_Row = tuple[int, str, str, str, str | None, str | None, float | None, float | None, int, str]


# Arabic names come with and without their article and final -h: 'Ar-Raqqa', 'Raqqah', 'al
# Hasakah', 'Hasaka'; with an inner article in its e- or a-form ('Busra Esh-Sham', 'Busra ash
# Sham'); with -iyeh or -ieh, -eh or -e ('Nabatiyeh', 'Nabatieh'; 'Zahleh', 'Zahle'); with
# Th or Dh ('Thi Qar', 'Dhi Qar'); a governorate's countryside as 'Rural' ('Rural Damascus',
# 'Damascus Countryside'). Tried only when the name as written is not known.
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|at|ad|an|az|adh|el|es|ed|et|en)\s+(?=\w{3})")
_INNER_ARTICLE = re.compile(r"(?<=\w )e(l|r|s|sh|t|d|n|z|dh)(?= \w{3})")
_ENDINGS = ((re.compile(r"iyeh\b"), "ieh"), (re.compile(r"(?<=\w\w)eh\b"), "e"))
_TH = re.compile(r"\bth(?=[aiou])")
_LOOSE_MIN = 6  # letters a name needs before its doubled letters may be read single
_LOOSE_TOWN = 50_000  # people a town needs to be found so
_RURAL = re.compile(r"^rural (\w+)$")  # 'Rural Damascus', 'Damascus Countryside'
_LONGER_NAME_PARTICLES = {"de", "del", "da", "do", "dos", "das", "di"}


def place_keys(places: Iterable[Place]) -> list[str]:
    """The towns and divisions among places as "ISO3:name", once each, in order: what two
    reports of one place share whatever their language (a city and the district of its name,
    or two entries of one city, are one key)."""
    return list(dict.fromkeys(f"{p.iso3}:{norm(p.name)}" for p in places if p.level != "country"))


def _spellings(key: str) -> list[str]:
    bare = _ARTICLE.sub("", key)
    out = [bare] if bare != key else []
    for k in (key, bare):
        if k.endswith("ah"):
            out.append(k[:-1])
        elif k.endswith("a"):
            out.append(k + "h")
        out.append(_INNER_ARTICLE.sub(r"a\1", k))
        for ending, spelling in _ENDINGS:
            out.append(ending.sub(spelling, k))
        out.append(_TH.sub("dh", k))
        out.append(_RURAL.sub(r"\1 countryside", k))
    if bare == key and " " not in key:
        out.append(f"al {key}")  # 'Issaguen (Hoceima)': Al Hoceima, its article left out
    return [k for k in dict.fromkeys(out) if k != key]


def is_current(path: Path) -> bool:
    """Whether the index at `path` was built from the packages installed now."""
    if not path.exists():
        return False
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return all(meta.get(k) == v for k, v in source_versions().items())


def ensure_built(path: Path | None = None) -> None:
    """Build the index now where it is missing or out of date (with its progress on stderr):
    before worker processes start, so that one process builds it, once."""
    path = path or default_path()
    if not is_current(path):
        try:
            build(path, progress=True)
        except (OSError, sqlite3.Error) as e:
            raise GazetteerError(f"cannot build the gazetteer at {path}: {e}") from e


class Gazetteer:
    """Read access to the index. One per process; lookups are cached."""

    def __init__(self, min_population: int = 5000, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.min_population = min_population
        self._db = self._open()
        self.countries: dict[str, Place] = {}
        self._divisions: dict[str, Place] = {}
        self._load_units()
        self.us_states: dict[str, Place] = {
            code.split(".", 1)[1]: p
            for code, p in self._divisions.items()
            if p.level == "admin1" and code.startswith("US.")
        }
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.lookup_small = lru_cache(maxsize=65536)(partial(self._lookup, small=True))

    # ------------------------------------------------------------------ opening
    def _open(self) -> sqlite3.Connection:
        try:
            if not self._current():
                build(self.path, progress=True)
            return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error) as e:
            raise GazetteerError(f"cannot open or build the gazetteer at {self.path}: {e}") from e

    def _current(self) -> bool:
        return is_current(self.path)

    def _load_units(self) -> None:
        rows: list[_Row] = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE level != 'town'"
        ).fetchall()
        countries = {r[3]: r for r in rows if r[2] == "country"}
        iso3 = _iso3_codes()
        for cc, r in countries.items():
            self.countries[cc] = Place(
                r[1], "country", cc, r[1], iso3.get(cc, ""), r[6], r[7], r[0], population=r[8]
            )
        for r in rows:
            if r[2] == "admin1" and r[4]:
                self._divisions[r[4]] = self._place(r)
        for r in rows:
            if r[2] == "admin2" and r[5]:
                self._divisions[r[5]] = self._place(r)

    def _place(self, r: _Row) -> Place:
        gid, name, level, cc, a1, a2, lat, lon, pop, _source = r
        country = self.countries.get(cc)
        admin1 = self._divisions.get(a1) if a1 else None
        admin2 = self._divisions.get(a2) if a2 and level != "admin1" else None
        return Place(
            name=name if level != "town" else ascii_name(name),
            level=level,
            country_code=cc,
            country=country.name if country else cc,
            iso3=country.iso3 if country else "",
            latitude=lat,
            longitude=lon,
            geonames_id=gid,
            admin1=admin1.name if admin1 else (name if level == "admin1" else None),
            admin1_code=a1,
            population=pop,
            admin2=admin2.name if admin2 else (name if level == "admin2" else None),
            admin2_code=a2 if level != "admin1" else None,
        )

    # ------------------------------------------------------------------ lookups
    def _lookup(self, name: str, small: bool = False) -> list[Place]:
        """Every place called `name`: countries, then divisions, then towns by population.
        Towns under the population threshold are left out unless a user imported them;
        `small` asks for those towns alone (lookup_small), for a name the report gives as a
        place and nothing bigger answers to."""
        key = norm(name)
        if not key:
            return []
        found = self._rows(key, small)
        for variant in _spellings(key):
            if found:
                break
            found = self._rows(variant, small)
        loose = loose_key(key)
        if not found and loose != f"~{key}" and len(loose) > _LOOSE_MIN:
            # 'Bossaso' for Bosaso; 'Galgaduud' for Galgadud; 'Middle Shabelle' for Middle
            # Shabeelle, by the key both share. Not a short word ('Room' is not Rom).
            # Trusted for divisions and big towns only, which reports spell many ways: not
            # 'Zappala' (a prosecutor) for Zapala.
            found = [
                p
                for p in self._rows(loose[1:], small) or self._rows(loose, small)
                if p.level != "town" or p.population >= _LOOSE_TOWN
            ]
        if not found and len(key) >= _LOOSE_MIN:
            # 'Coalcoman' for Coalcoman de Vazquez Pallares, 'Maguindanao' for Maguindanao del
            # Norte and del Sur: the start of a longer name, up to its particle.
            found = self._rows(key, small, longer=True)
        return found

    def _rows(self, key: str, small: bool = False, longer: bool = False) -> list[Place]:
        where = (
            "p.level = 'town' AND p.population < ? AND p.source != 'import'"
            if small
            else "(p.level != 'town' OR p.population >= ? OR p.source = 'import')"
        )
        columns = ", ".join("p." + c.strip() for c in _COLUMNS.split(","))
        if longer:
            # The keys that begin with the key and a space sort from 'key ' to before 'key!'
            # ('!' follows ' '); of those, the ones whose next word is a particle.
            rows: list[_Row] = [
                r[1:]
                for r in self._db.execute(
                    f"SELECT n.key, {columns} FROM names n CROSS JOIN places p ON p.id = n.place "
                    f"WHERE n.key > ? AND n.key < ? AND {where}",
                    (f"{key} ", f"{key}!", self.min_population),
                )
                if r[0][len(key) + 1 :].split(" ", 1)[0] in _LONGER_NAME_PARTICLES
            ]
        else:
            rows = self._db.execute(
                f"SELECT {columns} FROM names n CROSS JOIN places p ON p.id = n.place "
                f"WHERE n.key = ? AND {where}",
                (key, self.min_population),
            ).fetchall()
        found = [self.countries[r[3]] if r[2] == "country" else self._place(r) for r in rows]
        found = [p for p in found if p.country_code in self.countries]
        return sorted(found, key=lambda p: (LEVEL_RANK[p.level], -p.population))

    def division(self, code: str | None) -> Place | None:
        return self._divisions.get(code) if code else None

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

    def stats(self) -> dict[str, int]:
        counts = dict(self._db.execute("SELECT level, count(*) FROM places GROUP BY level"))
        counts["imported"] = self._db.execute(
            "SELECT count(*) FROM places WHERE source = 'import'"
        ).fetchone()[0]
        counts["names"] = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
        return counts

    def close(self) -> None:
        self._db.close()


def _iso3_codes() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes.setdefault("XK", "XKX")  # Kosovo: GeoNames and ACLED code it, ISO does not yet
    return codes
