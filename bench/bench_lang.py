"""Speed and memory of the lexical coder in each language, beside its parser alone.

    python bench/bench_lang.py [--repeat 10]

For each language pack with a lexical coder (`newsevents.lang.packs()`: ru, es, fr, ar),
reads the project's own suite eval/wire/wire_<code>.jsonl, repeats its records --repeat
times so timings are not noise, and measures, each in a fresh process so peak memory is its own:
  parse    the pack's parser alone (pack.load_parser().parse), one call per report on its
           text split on blank lines into paragraphs, as the coder calls it once a report
  extract  the whole coder (newsevents.extract.Extractor on Articles built from the records
           as `newsevents extract` builds them): language, the pack's parse, cues, counts,
           dates, places, actors, events. Its process also holds the English spaCy model,
           which the Extractor loads whatever the language.
Loading is timed apart ("load"): building the parser or the Extractor, then reading the
first report once, which loads what either loads lazily (the language detector, the pack's
parser). English is measured by bench_extract.py.
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

SUITES = Path(__file__).resolve().parent.parent / "eval" / "wire"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _records(code: str) -> list[dict[str, Any]]:
    with (SUITES / f"wire_{code}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p for p in (p.strip() for p in text.split("\n\n")) if p]


def run_parse(code: str, records: list[dict[str, Any]]) -> dict[str, float]:
    from newsevents.lang import pack

    p = pack(code)
    assert p is not None
    assert p.load_parser is not None
    texts = [_paragraphs(r["text"]) for r in records]
    started = time.perf_counter()
    parser = p.load_parser()
    parser.parse(texts[0])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    words = sum(len(ws) for t in texts for ws in parser.parse(t))
    return {"load": loaded, "seconds": time.perf_counter() - started, "words": words}


def run_extract(code: str, records: list[dict[str, Any]]) -> dict[str, float]:
    from newsevents.extract import Extractor
    from newsevents.ingest.records import parse_record
    from newsevents.ingest.sources import article_from_record
    from newsevents.settings import Settings

    lines = [json.dumps(r) for r in records]
    started = time.perf_counter()
    extractor = Extractor(Settings.load())
    extractor.code(article_from_record(parse_record(lines[0], "bench"), "bench", "0", None))
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    articles = (
        article_from_record(parse_record(line, "bench"), "bench", str(n), None)
        for n, line in enumerate(lines)
    )
    events = read_as = 0
    for a in extractor.code_many(articles):
        events += len(a.events)
        read_as += a.language == code
    seconds = time.perf_counter() - started
    return {"load": loaded, "seconds": seconds, "events": events, "read_as": read_as}


def child(mode: str, code: str, repeat: int) -> None:
    records = _records(code) * repeat
    runs = {"parse": run_parse, "extract": run_extract}
    result = runs[mode](code, records)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def _measure(mode: str, code: str, repeat: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--mode", mode, "--lang", code, "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10, help="times each suite's records run")
    ap.add_argument("--lang", action="append", help="only this language (repeatable)")
    ap.add_argument("--mode", choices=("parse", "extract"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        child(args.mode, args.lang[0], args.repeat)
        return 0
    from newsevents.lang import packs

    # The packs with a lexical coder; English (lexicon None) is read by the English coder.
    lexical = {p.code: p for p in packs() if p.lexicon is not None and p.load_parser}
    unknown = sorted(set(args.lang or ()) - set(lexical))
    if unknown:
        ap.error(f"no lexical coder for {', '.join(unknown)} (have {', '.join(lexical)})")
    print("en: measured by bench/bench_extract.py (the dependency-based coder), not here")
    print(f"each suite eval/wire/wire_<lang>.jsonl run {args.repeat} times")
    row = "{:4s} {:>7} {:>9} {:>9} {:>8} {:>7} {:>7} {:>6} {:>7} {:>7}  {}"
    top = ("", "", "parse", "extract", "extract/", "parse", "extract", "", "parse", "extract")
    print(row.format(*top, ""))
    print(
        row.format(
            "lang",
            "reports",
            "reports/s",
            "reports/s",
            "parse",
            "load s",
            "load s",
            "events",
            "peak MB",
            "peak MB",
            "parser",
        )
    )
    notes = []
    for code in args.lang or lexical:
        p = lexical[code]
        reports = len(_records(code)) * args.repeat
        parse = _measure("parse", code, args.repeat)
        extract = _measure("extract", code, args.repeat)
        versions = ", ".join(f"{k} {v}" for k, v in p.versions().items())
        cells = (
            str(reports),
            f"{reports / parse['seconds']:.1f}",
            f"{reports / extract['seconds']:.1f}",
            f"{extract['seconds'] / parse['seconds']:.2f}",
            f"{parse['load']:.1f}",
            f"{extract['load']:.1f}",
            str(extract["events"]),
            f"{parse['peak_mb']:.0f}",
            f"{extract['peak_mb']:.0f}",
            p.parser + (f" ({versions})" if versions else ""),
        )
        print(row.format(code, *cells))
        if extract["read_as"] != reports:
            notes.append(
                f"{code}: {reports - extract['read_as']} of {reports} reports not identified "
                f"as {code}, so not read by its lexical coder"
            )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
