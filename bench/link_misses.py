"""Why pairs of reports of one incident end up apart: each missed pair of `score.py
--clusters` put in one of five bins, so that the next change to linking (or to the coder)
goes where the misses are.

    newsevents ingest --input GOLD.jsonl --db store.db      (or make eval's OUT/NAME.clusters.db)
    python bench/link_misses.py --db store.db --gold GOLD.jsonl [--examples 5]

GOLD.jsonl holds one report per line with "doc_id" and "gold": {"incident_id", "event_date",
...}, as in the dev sets score.py reads. The store's events are linked again in memory, in
the order they were stored, with the linker as it stands (bench/fit_link.py's Recorder),
and every pair of reports the gold puts in one incident that the linking keeps apart is
binned:

  no event      one of the two reports gave no event at all (a page with no report on it:
                a paywall, a sign-in form, a gallery), so nothing can place it
  not compared  blocking never offered one report's events to the other's: their dates or
                countries are too far apart ("dated off" says how many of these have one
                report with no event on the gold day: a dating error of the coder)
  below         compared, but no pair of their events scored THRESHOLD
  held apart    a pair scored THRESHOLD, but clustering did not join their incidents: a
                report's two events cannot be one incident, one pair far below the
                threshold vetoes, the mean of the pairs across was under MEAN_LINK, or the
                order the reports came in left two incidents that no later report joined
  one report    both reports' events went into two incidents that each hold an event of one
                third report (that report cannot be in one incident twice)

Pairs are counted as score.py counts them: reports placed in a common incident are joined.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

import fit_link

from newsevents.link import linker
from newsevents.link.linker import LinkEvent


def gold_of(path: str) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if (doc.get("gold") or {}).get("incident_id"):
                out[doc["doc_id"]] = doc["gold"]
    return out


def bins(
    reports: Sequence[list[LinkEvent]], gold: dict[str, dict[str, object]]
) -> tuple[Counter[str], dict[str, list[tuple[str, str]]], int, int]:
    """(count per bin, example pairs per bin, gold pairs, pairs joined)."""
    recorder = fit_link.Recorder()
    for events in reports:
        recorder.add(events)
    best: dict[tuple[str, str], float] = {}
    for ev, a, b in recorder.pairs:
        key = (min(a, b), max(a, b))
        sc = linker.WEIGHTS["bias"] + sum(linker.WEIGHTS[n] * v for n, v in ev.items())
        best[key] = max(best.get(key, -float("inf")), sc)
    members = recorder.incidents()
    incidents_of: dict[str, set[int]] = defaultdict(set)
    docs_of: dict[int, set[str]] = {}
    for ident, events in members.items():
        docs_of[ident] = {e.doc for e in events}
        for e in events:
            incidents_of[e.doc].add(ident)
    day_of: dict[str, set[str]] = defaultdict(set)
    for events in reports:
        for e in events:
            if e.day is not None:
                day_of[e.doc].add(date.fromordinal(e.day).isoformat())
    by_incident: dict[object, list[str]] = defaultdict(list)
    for doc, g in gold.items():
        by_incident[g["incident_id"]].append(doc)
    counts: Counter[str] = Counter()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    wanted = joined = 0
    for docs in by_incident.values():
        for a, b in itertools.combinations(sorted(docs), 2):
            wanted += 1
            ia, ib = incidents_of.get(a, set()), incidents_of.get(b, set())
            if ia & ib:
                joined += 1
                continue
            if not ia or not ib:
                kind = "no event"
            elif (a, b) not in best:
                kind = "not compared"
                day = str(gold[a].get("event_date") or "")
                if day not in day_of[a] or day not in day_of[b]:
                    counts["not compared, dated off"] += 1
            elif best[a, b] < linker.THRESHOLD:
                kind = "below"
            elif any(docs_of[x] & docs_of[y] - {a, b} for x in ia for y in ib):
                kind = "one report"
            else:
                kind = "held apart"
            counts[kind] += 1
            examples[kind].append((a, b))
    return counts, examples, wanted, joined


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="a SQLite store of the gold reports")
    ap.add_argument("--gold", required=True, help="the same reports with gold incident ids")
    ap.add_argument("--examples", type=int, default=3, help="pairs shown per bin")
    args = ap.parse_args()
    gold = gold_of(args.gold)
    reports = fit_link.load(args.db)
    counts, examples, wanted, joined = bins(reports, gold)
    missed = wanted - joined
    print(f"{wanted} pairs of one incident, {joined} joined (recall {joined / max(wanted, 1):.3f})")
    print(f"{missed} missed:")
    for kind in ("no event", "not compared", "below", "held apart", "one report"):
        n = counts[kind]
        print(f"  {kind:<14} {n:>5}  {n / max(missed, 1):>6.1%}")
        if kind == "not compared":
            off = counts["not compared, dated off"]
            print(f"    dated off    {off:>5}  (one of the two has no event on the gold day)")
        for a, b in examples[kind][: args.examples]:
            print(f"      {a}  {b}")
    reachable = wanted - counts["no event"]
    print(
        f"recall with every pair that has events on both sides joined: "
        f"{reachable / max(wanted, 1):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
