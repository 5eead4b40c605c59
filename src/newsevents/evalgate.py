"""The quality gate: code the shared evaluation sets, score them, fail below the floors.

    python -m newsevents.evalgate [--shared ../shared] [--sets seed,case,acled,gva,wire]
                                  [--sample N] [--floors eval/floors.json] [--out out/eval]
                                  [--wire eval/wire]

The set "wire" is the project's own suite of wire reports coded whole (eval/wire/*.jsonl, in
the repository; see eval/wire/README.md); the others live in shared/eval/dev. Each set is coded
through the same reading and coding path as `newsevents extract --input`, scored with the
team's yardstick (shared/eval/score.py) and compared with the floors in eval/floors.json.

A set whose reports carry gold incident ids (the GVA set; the wire suite's stories, each told
by several outlets in several languages) is also ingested into a fresh store as `newsevents
ingest` does, its incidents exported, and their merging scored with `score.py --clusters`;
those figures are checked against the floors under "clusters", by set.

A figure below its floor fails the gate. Floors only go up: raise one when the coder
improves; lowering one needs a reason in the commit message. --sample N codes the first N
reports of each set (a quick look while developing; the gate itself uses all, and only then
links).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

from newsevents.cli import code_all
from newsevents.extract import Extractor
from newsevents.ingest.sources import read_jsonl
from newsevents.output import Writer
from newsevents.settings import Settings
from newsevents.store import Store
from newsevents.store.export import write_jsonl
from newsevents.store.ingest import ingest

SETS = ("seed", "case", "acled", "gva", "wire")


def code_set(extractor: Extractor, source: Path, target: Path, sample: int | None) -> int:
    """Code one JSONL set into `target`; returns how many reports failed."""
    loaded = read_jsonl(source, max_bytes=int(extractor.settings.max_report_mb * 2**20))
    if sample:
        loaded = islice(loaded, sample)
    failures = 0
    with target.open("w", encoding="utf-8") as out:
        writer = Writer("jsonl", out)
        for result in code_all(loaded, extractor, extractor.settings.batch_size):
            failures += result.error is not None
            writer.write(result)
        writer.close()
    return failures


def score(shared: Path, preds: Path, gold: Path, sample: int | None) -> dict[str, dict[str, float]]:
    if sample:
        lines = gold.read_text(encoding="utf-8").splitlines()[:sample]
        cut = preds.with_suffix(".gold.jsonl")
        cut.write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold = cut
    figures = preds.with_suffix(".scores.json")
    print(score_py(shared, [str(preds), str(gold)], figures), end="")
    data: dict[str, dict[str, float]] = json.loads(figures.read_text(encoding="utf-8"))
    return data


def score_py(shared: Path, args: list[str], figures: Path) -> str:
    """Run the team's yardstick (shared/eval/score.py) with args, its figures written to
    `figures`; returns what it printed."""
    run = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), *args, "--json", str(figures)],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


class _Ready:
    """The loaded extractor, as ingest asks for it."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    def get(self) -> Extractor:
        return self.extractor


def has_incidents(gold: Path) -> bool:
    """Whether the set says which reports tell one real event: a gold incident id that two
    reports share (a set of one report per incident has no merging to score)."""
    seen: set[str] = set()
    with gold.open(encoding="utf-8") as f:
        for line in f:
            incident = json.loads(line).get("gold", {}).get("incident_id") if line.strip() else None
            if incident in seen:
                return True
            if incident:
                seen.add(incident)
    return False


def cluster_scores(
    extractor: Extractor, shared: Path, gold: Path, out: Path, label: str
) -> dict[str, float]:
    """Ingest a set into a fresh SQLite store, export its incidents and score their merging
    (score.py --clusters): pairwise precision, recall and F1 over the gold incident ids."""
    db = out / f"{label}.clusters.db"
    for stale in out.glob(f"{label}.clusters.db*"):
        stale.unlink()
    incidents = out / f"{label}.incidents.jsonl"
    settings = extractor.settings
    with Store(str(db)) as store:
        loaded = read_jsonl(gold, max_bytes=int(settings.max_report_mb * 2**20))
        ingest(store, loaded, _Ready(extractor), settings.batch_size)
        with incidents.open("w", encoding="utf-8") as f:
            write_jsonl(store.incidents(), f)
    figures = out / f"{label}.clusters.json"
    printed = score_py(shared, ["--clusters", str(incidents), str(gold)], figures)
    print(f"[clusters {label}]")
    print("".join(f"  {line}\n" for line in printed.splitlines()), end="")
    data: dict[str, float] = json.loads(figures.read_text(encoding="utf-8"))
    return data


def check(scores: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every figure below its floor, as one line each."""
    failures = []
    for dataset, wanted in floors.items():
        # The floors under "wire" hold for every wire dataset score.py reports (wire_en, ...)
        # that has none of its own: a language's suite (wire_ru) may carry its own floors.
        if dataset == "wire":
            names = [k for k in scores if k.startswith("wire_") and k not in floors]
        else:
            names = [dataset]
        for scored in names:
            got = scores.get(scored)
            if got is None:
                continue
            for name, floor in wanted.items():
                value = got.get(name)
                if value is None or value < floor:
                    shown = "missing" if value is None else f"{value:.3f}"
                    failures.append(f"{scored} {name}: {shown} is below the floor {floor:.3f}")
    return failures


def gold_files(name: str, shared: Path, wire: Path) -> list[Path]:
    """The gold files of one set: the wire suite's files, or shared/eval/dev/NAME.jsonl."""
    if name == "wire":
        return sorted(wire.glob("*.jsonl"))
    return [shared / "eval" / "dev" / f"{name}.jsonl"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--sample", type=int, default=None)
    ap.add_argument("--floors", type=Path, default=Path("eval/floors.json"))
    ap.add_argument("--out", type=Path, default=Path("out/eval"))
    ap.add_argument("--wire", type=Path, default=Path("eval/wire"))
    args = ap.parse_args(argv)
    floors: dict[str, dict[str, float]] = json.loads(args.floors.read_text(encoding="utf-8"))
    # Merging's floors, by set: {"clusters": {"gva": {"pairwise_f1": ...}, ...}}.
    cluster_floors: dict[str, dict[str, float]] = floors.pop("clusters", {})  # type: ignore[assignment]
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(Settings.load())
    scores: dict[str, dict[str, float]] = {}
    clusters: dict[str, dict[str, float]] = {}
    broken = 0
    for name in args.sets.split(","):
        golds = gold_files(name, args.shared, args.wire)
        missing = [g for g in golds if not g.exists()]
        if not golds or missing:
            where = missing[0] if missing else args.wire
            print(f"error: no evaluation set at {where}", file=sys.stderr)
            return 2
        for gold in golds:
            label = gold.stem if gold.stem.startswith(name) else f"{name}_{gold.stem}"
            preds = args.out / f"{label}.preds.jsonl"
            started = time.perf_counter()
            broken += code_set(extractor, gold, preds, args.sample)
            print(f"coded {label} in {time.perf_counter() - started:.0f} s")
            scores.update(
                {
                    k: v
                    for k, v in score(args.shared, preds, gold, args.sample).items()
                    if isinstance(v, dict)
                }
            )
            if not args.sample and has_incidents(gold):
                started = time.perf_counter()
                clusters[label] = cluster_scores(extractor, args.shared, gold, args.out, label)
                print(f"linked {label} in {time.perf_counter() - started:.0f} s")
    failures = check(scores, floors) if not args.sample else []
    if not args.sample:
        failures += check(
            {f"clusters {k}": v for k, v in clusters.items()},
            {f"clusters {k}": v for k, v in cluster_floors.items()},
        )
    if broken:
        failures.append(f"{broken} evaluation report(s) could not be read")
    for line in failures:
        print(f"FAIL {line}", file=sys.stderr)
    print(
        "quality gate: "
        + (
            "FAILED"
            if failures
            else "passed"
            if not args.sample
            else "sample only, floors not checked"
        )
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
