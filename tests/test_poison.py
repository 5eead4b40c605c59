"""Poison records: a report that breaks a library or the coder fails alone; the batch goes on.

The reports here are written for these tests. Each poison kind was found by a hostile-user
probe, and each once stopped a whole run at the same record on every try.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.extract import Extractor
from newsevents.extract.mentions import FindMentions
from newsevents.model import Article
from newsevents.store import Store

pytestmark = pytest.mark.slow

GOOD = (
    "MAIDUGURI, Nigeria (NWS) — Gunmen killed {n} farmers in an attack on a village near "
    "Maiduguri on Tuesday, a local official said. Report {i} of the series."
)
POISON: list[dict[str, Any]] = [
    # a lone surrogate, which no encoder takes, escaped in the JSON
    {"doc_id": "surrogate", "text": "Soldiers killed three \ud800 militants in Borno on Monday."},
    # publication dates out of the calendar's useful range
    {"doc_id": "year-1", "text": GOOD.format(n=2, i=0), "published": "0001-01-01"},
    {"doc_id": "year-0", "text": GOOD.format(n=2, i=0), "published": "0000-01-01"},
    {"doc_id": "year-9999", "text": GOOD.format(n=2, i=0), "published": "9999-12-31"},
    # a control byte lxml refuses, after a script
    {
        "doc_id": "control-byte",
        "html": "<html><head><script>var a;</script>\x1c</head><body><p>"
        + GOOD.format(n=4, i=0)
        + "</p></body></html>",
    },
    # tag soup that broke trafilatura's tree
    {"doc_id": "iframe", "html": "<iframe html>"},
    # NUL characters, which PostgreSQL refuses in text
    {"doc_id": "nul", "text": GOOD.format(n=5, i=0) + "\u0000 Police said.\u0000"},
]


def feed(path: Path, good: int = 24) -> list[str]:
    """A JSONL batch of good reports with every poison kind among them; the good doc_ids."""
    lines: list[str] = []
    good_ids = []
    poison = iter(POISON)
    for i in range(good):
        lines.append(
            json.dumps(
                {
                    "doc_id": f"good-{i}",
                    "text": GOOD.format(n=i + 2, i=i),
                    "published": "2024-03-05",
                }
            )
        )
        good_ids.append(f"good-{i}")
        if i % 3 == 1:
            nxt = next(poison, None)
            if nxt is not None:
                lines.append(json.dumps(nxt))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good_ids


def test_every_poison_kind_in_a_batch_is_reported_alone(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good_ids = feed(f)
    result = CliRunner().invoke(
        main, ["extract", "-q", "--input", str(f), "--format", "jsonl", "--set", "batch_size=4"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(good_ids) + len(POISON)  # one output line per input line
    by_id = {line["doc_id"]: line for line in lines}
    for doc_id in good_ids:
        assert by_id[doc_id]["error"] is None
        assert by_id[doc_id]["events"], doc_id
    # What can be read is coded, made safe: only the page with no text in it fails.
    assert [line["doc_id"] for line in lines if line["error"]] == ["iframe"]
    assert by_id["iframe"]["error"].endswith("HTML with no article text in it")
    assert by_id["surrogate"]["events"]
    assert by_id["control-byte"]["events"]
    assert by_id["nul"]["events"]
    quotes = [e["quote"] for ev in by_id["nul"]["events"] for e in ev["evidence"]]
    assert not any("\x00" in q for q in quotes)
    assert result.exit_code == 1
    assert f"{len(lines)} reports: {len(lines) - 1} coded, 0 skipped, 1 failed." in result.stderr


def test_every_poison_kind_in_an_ingest_is_reported_alone(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good_ids = feed(f)
    db = str(tmp_path / "n.db")
    args = ["ingest", "-q", "--input", str(f), "--db", db, "--set", "batch_size=4"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    n = len(good_ids) + len(POISON)
    assert (
        f"{n} reports: {n - 1} coded, {n - 1} stored ({n - 1} new, 0 replaced), 0 skipped, "
        "1 failed."
    ) in result.stderr
    with Store(db) as store:
        assert [doc_id for doc_id, _, _ in store.errors()] == ["iframe"]
        stored = {s["doc_id"] for r in store.incidents() for s in r["sources"]}
    assert set(good_ids) <= stored
    again = CliRunner().invoke(main, args)
    assert f"{n - 1} already stored" in again.stderr


def test_impossible_publication_dates_are_refused_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "dates.jsonl"
    tomorrow = date.today() + timedelta(days=1)
    records = [
        {"doc_id": "old", "text": GOOD.format(n=3, i=1), "published": "1899-12-31"},
        {"doc_id": "future", "text": GOOD.format(n=3, i=2), "published": tomorrow.isoformat()},
    ]
    f.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--input", str(f), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert "publication date 1899-12-31 (input) refused: it is before 1900" in result.stderr
    assert f"publication date {tomorrow} (input) refused: it is after today" in result.stderr
    for line in map(json.loads, result.stdout.splitlines()):
        for ev in line["events"]:  # coded as undated reports: relative dates unresolved
            assert ev["time_precision"] == 3


class Exploding(FindMentions):
    """A mention finder with a bug that only one kind of report sets off."""

    def __call__(self, article: Article) -> Article:
        if "Gwoza" in article.text:
            raise IndexError("list index out of range")
        return super().__call__(article)


@pytest.fixture
def exploding(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Extractor:
    components = list(extractor.pipeline.components)
    i = next(i for i, c in enumerate(components) if c.name == "mentions")
    components[i] = Exploding(extractor.nlp)
    monkeypatch.setattr(extractor.pipeline, "components", components)
    return extractor


def articles(texts: list[str]) -> list[Article]:
    from newsevents.ingest.sources import make_article

    return [
        make_article(
            f"r{i}",
            f"r{i}",
            {"text": t, "published": date(2024, 3, 5), "published_from": "input"},
            cli_published=None,
        )
        for i, t in enumerate(texts)
    ]


def test_a_report_the_coder_fails_on_fails_alone(exploding: Extractor) -> None:
    texts = [GOOD.format(n=i + 2, i=i) for i in range(5)]
    texts[2] = "Insurgents killed seven people in Gwoza on Sunday, residents said."
    coded = list(exploding.code_many(articles(texts)))
    assert [a.doc_id for a in coded] == ["r0", "r1", "r2", "r3", "r4"]
    assert coded[2].error == (
        "cannot code r2: internal error while coding it (IndexError: list index out of range)"
    )
    assert coded[2].events == []
    for a in coded[:2] + coded[3:]:
        assert a.error is None
        assert a.events
        assert a.events[0].fatalities >= 2


def test_ingest_goes_on_past_a_report_the_coder_fails_on(
    exploding: Extractor, tmp_path: Path
) -> None:
    from newsevents.ingest import read_inputs
    from newsevents.store.ingest import ingest

    f = tmp_path / "feed.jsonl"
    texts = [GOOD.format(n=i + 2, i=i) for i in range(6)]
    texts[3] = "Insurgents killed seven people in Gwoza on Sunday, residents said."
    f.write_text(
        "\n".join(
            json.dumps({"doc_id": f"r{i}", "text": t, "published": "2024-03-05"})
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )

    class Coder:
        def get(self) -> Extractor:
            return exploding

    seen: list[tuple[str | None, str, str | None]] = []
    with Store(str(tmp_path / "n.db")) as store:
        report = ingest(
            store,
            read_inputs([], [str(f)], max_bytes=10**6),
            Coder(),
            batch_size=4,
            on_report=lambda item, outcome: seen.append((item.doc_id, outcome, item.error)),
        )
        assert (report.coded, report.added, report.failed) == (5, 5, 1)
        [(doc_id, _, reason)] = [s for s in seen if s[1] == "failed"]
        assert doc_id == "r3"
        assert reason is not None
        assert "IndexError" in reason
        assert [d for d, _, _ in store.errors()] == ["r3"]
        assert store.counts()["reports"] == 6
        # Run again: what was stored is skipped, the failed report is tried again.
        again = ingest(store, read_inputs([], [str(f)], max_bytes=10**6), Coder(), batch_size=4)
        assert (again.unchanged, again.failed, again.coded) == (5, 1, 0)
