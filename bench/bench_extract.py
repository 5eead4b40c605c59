"""Speed and memory of `newsevents extract`, beside spaCy's own parse of the same texts.

    python bench/bench_extract.py [--shared ../shared] [--limit 600]

Reads the first --limit reports of shared/eval/dev/gva.jsonl (news pages with their site
boilerplate) and measures, each in a fresh process so peak memory is its own:
  spacy    the coder's spaCy model (same components, as spaCy ships them: its own attribute
           ruler, not the coder's lookup) parsing each report's whole text
  extract  the whole coder: reading the record, boilerplate, language, parse, mentions,
           counts, dates, places, actors, events, evidence
  ingest   the coder, then storing each report in a new SQLite store and linking it
Model and gazetteer loading is timed apart ("load"): it happens once per process. The last
line gives the time spent finding and resolving place names (the "places" component).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _records(shared: Path, limit: int) -> list[dict[str, Any]]:
    path = shared / "eval" / "dev" / "gva.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(limit), f, strict=False)]


def run_spacy(records: list[dict[str, Any]]) -> dict[str, float]:
    from newsevents.extract.nlp import load_model
    from newsevents.settings import Settings

    settings = Settings.load()
    started = time.perf_counter()
    nlp = load_model(settings.model, fast_ruler=False)
    loaded = time.perf_counter() - started
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return {"load": loaded, "seconds": time.perf_counter() - started}


def run_extract(records: list[dict[str, Any]]) -> dict[str, float]:
    from newsevents.extract import Extractor
    from newsevents.ingest.records import parse_record
    from newsevents.ingest.sources import article_from_record
    from newsevents.settings import Settings

    started = time.perf_counter()
    extractor = Extractor(Settings.load())
    loaded = time.perf_counter() - started
    lines = [json.dumps(r) for r in records]
    started = time.perf_counter()
    articles = (
        article_from_record(parse_record(line, "bench"), "bench", str(n), None)
        for n, line in enumerate(lines)
    )
    events = sum(len(a.events) for a in extractor.code_many(articles))
    seconds = time.perf_counter() - started
    return {
        "load": loaded,
        "seconds": seconds,
        "events": events,
        "geocoding": extractor.pipeline.seconds["places"],
    }


def run_ingest(records: list[dict[str, Any]]) -> dict[str, float]:
    """The whole of `newsevents ingest`: coding, storing in a new SQLite file, linking."""
    import tempfile

    from newsevents.extract import Extractor
    from newsevents.ingest import Loaded
    from newsevents.ingest.records import parse_record
    from newsevents.ingest.sources import article_from_record
    from newsevents.settings import Settings
    from newsevents.store import Store
    from newsevents.store.ingest import ingest

    class Coder:
        def __init__(self, extractor: Extractor) -> None:
            self.extractor = extractor

        def get(self) -> Extractor:
            return self.extractor

    started = time.perf_counter()
    settings = Settings.load()
    coder = Coder(Extractor(settings))
    loaded = time.perf_counter() - started
    lines = [json.dumps(r) for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        items = (
            Loaded(
                "bench",
                str(n),
                article_from_record(parse_record(line, "bench"), "bench", str(n), None),
            )
            for n, line in enumerate(lines)
        )
        ingest(store, items, coder, settings.batch_size)
        seconds = time.perf_counter() - started
        counts = store.counts()
        store.close()
    return {"load": loaded, "seconds": seconds, "incidents": counts["incidents"]}


def child(mode: str, shared: Path, limit: int) -> None:
    records = _records(shared, limit)
    runs = {"spacy": run_spacy, "extract": run_extract, "ingest": run_ingest}
    result = runs[mode](records)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--mode", choices=("spacy", "extract", "ingest"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        child(args.mode, args.shared, args.limit)
        return 0
    records = _records(args.shared, args.limit)
    reports = len(records)
    words = sum(len(r["text"].split()) for r in records)
    print(f"{reports} GVA dev reports, {words:,} words (first {args.limit} of gva.jsonl)")
    results = {}
    for mode in ("spacy", "extract", "ingest"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--mode",
                mode,
                "--shared",
                str(args.shared),
                "--limit",
                str(args.limit),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    row = "{:10s} {:>10} {:>10} {:>8} {:>7} {:>8}"
    print(row.format("", "reports/s", "words/s", "seconds", "load s", "peak MB"))
    for mode, r in results.items():
        s = r["seconds"]
        cells = (f"{reports / s:.1f}", f"{words / s:.0f}", f"{s:.1f}", f"{r['load']:.1f}")
        print(row.format(mode, *cells, f"{r['peak_mb']:.0f}"))
    ratio = results["extract"]["seconds"] / results["spacy"]["seconds"]
    print(
        f"extract takes {ratio:.2f}x spaCy's parse of the same texts "
        f"({results['extract']['events']} events coded)"
    )
    speed = results["extract"]["seconds"] / results["ingest"]["seconds"]
    print(
        f"ingest (code, store in SQLite, link) runs at {100 * speed:.0f}% of extract's speed "
        f"({results['ingest']['incidents']} incidents)"
    )
    geo = results["extract"]["geocoding"]
    print(
        f"geocoding (finding and resolving place names) {geo:.2f} s: "
        f"{100 * geo / results['extract']['seconds']:.1f}% of extract"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
