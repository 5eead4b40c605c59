"""How linking grows with the number of events: synthetic events, 10k to 1M.

    python bench/bench_link.py [--sizes 10000,100000,1000000]

Events are made up at a steady density: 40 countries, about six events per country and day
(the span of days grows with n, as an archive grows), some reports of one incident (two to
four reports share its date, town and a victim's name), others alone. Each size is linked
from empty with the linker the store uses, over an in-memory index (blocking by country and
day, by name and day, and by rare word within a year: each incident's street). If linking is
n log n or better, the last column stays flat or falls.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time

from newsevents.link.linker import LinkEvent, MemoryLinker

COUNTRIES = [f"C{i:02d}" for i in range(40)]
PER_COUNTRY_DAY = 6


def synthetic(n: int, seed: int = 7) -> list[list[LinkEvent]]:
    """n events in reports of one event each; incidents of 1-4 reports."""
    rng = random.Random(seed)
    days = max(1, n // (len(COUNTRIES) * PER_COUNTRY_DAY))
    reports: list[list[LinkEvent]] = []
    key = 0
    while key < n:
        iso3 = rng.choice(COUNTRIES)
        day = 730000 + rng.randrange(days)
        town = f"town{rng.randrange(300)}"
        lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
        victim = f"person {rng.randrange(10**9)}"
        street = f"street{rng.randrange(10**6)}"
        fatalities = rng.choice((0, 1, 1, 2, 3))
        for r in range(rng.choice((1, 1, 2, 3, 4))):
            key += 1
            shift = rng.choice((0, 0, 0, 1))
            reports.append(
                [
                    LinkEvent(
                        key=key,
                        doc=f"d{key}",
                        day=day + shift if r else day,
                        published=day + 1 + shift,
                        iso3=iso3,
                        location=town,
                        latitude=lat,
                        longitude=lon,
                        event_type="Violence against civilians",
                        fatalities=fatalities,
                        people=frozenset({victim}) if rng.random() < 0.6 else frozenset(),
                        terms={street: 4.0, town: 1.5, "police": 0.5},
                    )
                ]
            )
    return reports


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'events':>9} {'seconds':>8} {'incidents':>9} {'us/event':>9} {'us/(n log2 n)':>14}")
    for n in sizes:
        reports = synthetic(n)
        linker = MemoryLinker()
        started = time.perf_counter()
        for r in reports:
            linker.add(r)
        seconds = time.perf_counter() - started
        per = 1e6 * seconds / n
        per_nlogn = 1e6 * seconds / (n * math.log2(n))
        print(
            f"{n:>9,} {seconds:>8.1f} {len(linker.incidents()):>9,} {per:>9.1f} {per_nlogn:>14.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
