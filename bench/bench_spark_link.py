"""Linking on Spark (`newsevents batch link`) of synthetic events, 100k and 1M: its time, and
whether it grows no faster than n log n.

    python bench/bench_spark_link.py [--sizes 100000,1000000] [--master local[2]]

The events are bench_link.py's (40 countries, about six events per country and day, some
told by two to four reports), written as `newsevents batch` writes them (DIR/events, with the
columns linking reads), then linked by run_link on a local Spark: blocked by country, each
country's events linked in publication order with the store's linker, and each incident
reconciled and written. Building the input is not timed. If linking is n log n or better,
the last column stays flat or falls.

It takes about ten minutes here for 1M events: `make bench-spark`, not `make bench`.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from bench_link import synthetic

from newsevents.batch import run_link, spark_session


def write_events(n: int, folder: Path) -> None:
    """n synthetic events as DIR/events (one file per 100k rows)."""
    out = folder / "events"
    out.mkdir(parents=True)
    rows: list[dict[str, object]] = []
    part = 0

    def flush() -> None:
        nonlocal part, rows
        if rows:
            pq.write_table(pa.Table.from_pylist(rows), out / f"part-{part:05d}.parquet")
            part += 1
            rows = []

    for report in synthetic(n):
        for position, ev in enumerate(report):
            day = date.fromordinal(ev.day or 730000).isoformat()
            published = date.fromordinal(ev.published or 730000).isoformat()
            event_id = f"ne-{ev.key:016x}"
            record = {
                "event_id": event_id,
                "event_date": day,
                "time_precision": 1,
                "event_type": ev.event_type,
                "sub_event_type": "Attack",
                "country": ev.iso3,
                "iso3": ev.iso3,
                "location": ev.location,
                "latitude": ev.latitude,
                "longitude": ev.longitude,
                "geo_precision": 1,
                "fatalities": ev.fatalities,
                "notes": f"An attack in {ev.location}.",
                "evidence": [],
                "confidence": 0.6,
            }
            source = {
                "doc_id": ev.doc,
                "url": None,
                "outlet": None,
                "title": None,
                "published": published,
            }
            rows.append(
                {
                    "iso3": ev.iso3,
                    "doc_id": ev.doc,
                    "position": position,
                    "event_id_cnty": event_id,
                    "record": json.dumps(record),
                    "link": json.dumps(ev.as_json()),
                    "sources": json.dumps([source]),
                }
            )
            if len(rows) >= 100_000:
                flush()
    flush()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    spark = spark_session(args.master)
    print(f"Spark {spark.version}, {args.master}")
    print(f"{'events':>9} {'seconds':>8} {'incidents':>9} {'us/event':>9} {'us/(n log2 n)':>14}")
    per: list[float] = []
    try:
        for n in sizes:
            folder = Path(tempfile.mkdtemp(prefix="bench-spark-link-"))
            try:
                write_events(n, folder)
                started = time.perf_counter()
                summary = run_link(spark, folder)
                seconds = time.perf_counter() - started
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            per.append(1e6 * seconds / (n * math.log2(n)))
            print(
                f"{n:>9,} {seconds:>8.1f} {summary.incidents:>9,} {1e6 * seconds / n:>9.1f} "
                f"{per[-1]:>14.2f}"
            )
    finally:
        spark.stop()
    if len(per) > 1:
        ratio = per[-1] / per[0]
        verdict = "PASS" if ratio <= 1.1 else "FAIL"
        print(f"time / (n log n), largest against smallest: {ratio:.2f} (goal <= 1): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
