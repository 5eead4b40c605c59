"""Refit linking's WEIGHTS, THRESHOLD and MEAN_LINK on reports whose incidents are known.

    newsevents ingest --input GOLD.jsonl --db store.db
    pip install -e '.[tune]'
    python bench/fit_link.py --db store.db --gold GOLD.jsonl [--db other.db --gold OTHER.jsonl]

GOLD.jsonl holds one report per line with "doc_id" and "gold": {"incident_id": ...}, as in the
dev sets score.py reads. The store's events are linked again in memory, in the order they
were ingested, with the linker as it stands; every candidate pair that blocking offers is
kept with its evidence (linker.evidence) and whether the two reports are of one incident.
A logistic regression (scikit-learn) over those pairs gives new weights, printed as the
WEIGHTS dict to paste into linker.py; `--keep` leaves out of the fit, at their present values,
the weights a set cannot teach (a set of one country: other_country; of one kind of event,
where a second type is coding noise: other_type). Then
THRESHOLD and MEAN_LINK are tried on a grid with the new weights, and each pair's pairwise
precision, recall and F1 over the gold incidents is printed (score.py --clusters' figures).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from newsevents.link import linker
from newsevents.link.linker import Commonness, LinkEvent, MemoryLinker, evidence
from newsevents.link.terms import PLACE_PREFIX, distinctive_terms


def load(db: str, offset: int = 0) -> list[list[LinkEvent]]:
    """Each report's events, in the order they were stored; their keys moved by `offset`,
    so that the events of several stores are told apart."""
    conn = sqlite3.connect(db)
    docs = {
        pk: (
            doc_id,
            date.fromisoformat(p) if p else None,
            json.loads(people or "[]"),
            distinctive_terms(text or "", language) | _places(terms),
            language,
        )
        for pk, doc_id, p, people, text, language, terms in conn.execute(
            "select id, doc_id, published, people, text, language, terms from documents"
        )
    }
    reports: dict[str, list[LinkEvent]] = {}
    for key, doc_pk, record in conn.execute(
        "select id, document_id, record from events order by id"
    ):
        doc_id, published, people, terms, language = docs[doc_pk]
        ev = LinkEvent.of(
            key + offset, json.loads(record), doc_id, published, people, terms, language
        )
        reports.setdefault(doc_id, []).append(ev)
    return list(reports.values())


def _places(terms: str | None) -> dict[str, float]:
    """The place terms stored at ingest (the coder's reading; not in the text alone)."""
    return {t: w for t, w in json.loads(terms or "{}").items() if t.startswith(PLACE_PREFIX)}


class Recorder(MemoryLinker):
    """The memory linker, keeping the evidence of every pair it compares."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[dict[str, float], str, str]] = []

    def add(self, new: Sequence[LinkEvent]) -> None:
        block = self.block(new)
        common = Commonness.of([*block, *new], self.incident_of)
        self.pairs += [(evidence(e, b, common), e.doc, b.doc) for e in new for b in block]
        super().add(new)


def pairs_of(groups: Iterable[Iterable[str]], gold: dict[str, str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for docs in groups:
        known = sorted({d for d in docs if d in gold})
        out.update(itertools.combinations(known, 2))
    return out


def figures(found: set[tuple[str, str]], wanted: set[tuple[str, str]]) -> str:
    tp = len(found & wanted)
    p = tp / len(found) if found else 0.0
    r = tp / len(wanted) if wanted else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"precision {p:.3f}  recall {r:.3f}  f1 {f:.3f}"


def link(reports: Sequence[list[LinkEvent]], gold: dict[str, str]) -> set[tuple[str, str]]:
    memory = MemoryLinker()
    for events in reports:
        memory.add(events)
    return pairs_of(([e.doc for e in m] for m in memory.incidents().values()), gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--db", required=True, action="append", help="a SQLite store built by newsevents ingest"
    )
    ap.add_argument(
        "--gold", required=True, action="append", help="the same reports with gold incident ids"
    )
    ap.add_argument("--keep", default="other_country,other_type", help="weights not refitted")
    ap.add_argument("--thresholds", default="-2,-1.5,-1,-0.5,0")
    ap.add_argument("--mean-links", default="-1.5,-1,-0.5,0")
    args = ap.parse_args()
    try:
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        print("fit_link: needs scikit-learn: pip install -e '.[tune]'", file=sys.stderr)
        return 2
    gold: dict[str, str] = {}
    for path in args.gold:
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("gold", {}).get("incident_id"):
                    gold[doc["doc_id"]] = str(doc["gold"]["incident_id"])
    reports = [r for n, db in enumerate(args.db) for r in load(db, n * 10**9)]
    by_incident: dict[str, list[str]] = defaultdict(list)
    for doc_id, incident in gold.items():
        by_incident[incident].append(doc_id)
    wanted = pairs_of(by_incident.values(), gold)
    print(f"as it stands: {figures(link(reports, gold), wanted)}")

    recorder = Recorder()
    for events in reports:
        recorder.add(events)
    keep = set(args.keep.split(",")) if args.keep else set()
    names = [n for n in linker.WEIGHTS if n != "bias" and n not in keep]
    rows = [(ev, a in gold and gold.get(a) == gold.get(b)) for ev, a, b in recorder.pairs]
    x = [[ev.get(n, 0.0) for n in names] for ev, _ in rows]
    y = [int(same) for _, same in rows]
    model = LogisticRegression(max_iter=5000).fit(x, y)
    fitted = {"bias": float(model.intercept_[0])}
    fitted.update({n: float(c) for n, c in zip(names, model.coef_[0], strict=True)})
    fitted.update({n: linker.WEIGHTS[n] for n in keep})  # as they stand, set by meaning
    print(f"{len(rows)} candidate pairs, {sum(y)} of one incident; fitted:")
    print("WEIGHTS = {")
    for name in linker.WEIGHTS:
        print(f'    "{name}": {fitted[name]:.2f},')
    print("}")
    linker.WEIGHTS.update({n: round(v, 2) for n, v in fitted.items()})
    for threshold in (float(t) for t in args.thresholds.split(",")):
        for mean in (float(m) for m in args.mean_links.split(",")):
            linker.THRESHOLD, linker.MEAN_LINK = threshold, mean
            found = link(reports, gold)
            print(f"THRESHOLD {threshold:+.1f} MEAN_LINK {mean:+.1f}: {figures(found, wanted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
