"""Fuzzing: random unicode, tag soup and mutated reports through `extract` and `ingest`.

Whatever a report holds, it gets events or one line saying why it has none; no exception
escapes, every input line gets its output line, and the store stays whole. Bounded so that
the two tests together add well under a minute to `make test`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.cli import code_all
from newsevents.extract import Extractor
from newsevents.ingest import read_inputs
from newsevents.store import Store
from newsevents.store.ingest import ingest

pytestmark = pytest.mark.slow

REPORT = (
    "KADUNA, Nigeria, March 4 (NWS) — Gunmen killed 12 villagers and abducted 30 others in "
    "an overnight raid on Kauru, police said on Tuesday. Three attackers were arrested.\n\n"
    "A spokesman said more than 200 homes were burned. The attack came a week after 5 "
    "people died in a clash near Zaria on 25 February 2024."
)
ODD_DATES = ["0001-01-01", "0000-00-00", "9999-12-31", "2099-05-12", "1899-12-31", "2024-02-30"]
TAGS = [
    "<html>", "</html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<script>", "</script>",
    "<style>", "<iframe html>", "<!--", "-->", "<![CDATA[", "&#0;", "&#x1c;", "&amp", "<br/>",
    "<title>", "</title>", "<meta charset='utf-16'>", "<a href='javascript:x'>", "\x1c", "\x00",
]  # fmt: skip
# Every code point, lone surrogates and control characters included.
anything = st.text(st.characters(exclude_categories=()), max_size=300)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The report with characters replaced, cut or spliced with odd dates and numbers."""
    text = REPORT
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        insert = draw(
            st.one_of(
                anything.map(lambda s: s[:20]),
                st.sampled_from(["12 May 2099", "year 0", "99999999999999999999 people",
                                 "in 10000 days", "on 31 February", "last Monday", "\u0000"]),
            )
        )  # fmt: skip
        text = text[:i] + insert + text[j:]
    return text


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(TAGS), anything.map(lambda s: s[:30]),
                                    st.just(REPORT)), max_size=25))  # fmt: skip
    return "".join(parts)


@st.composite
def record(draw: st.DrawFn) -> dict[str, object]:
    body = draw(st.one_of(anything, mutated(), tag_soup()))
    rec: dict[str, object] = {"html" if draw(st.booleans()) else "text": body}
    doc_id = draw(st.one_of(st.none(), st.text(max_size=20), st.integers(), st.just("x" * 600)))
    if doc_id is not None:
        rec["doc_id"] = doc_id
    published = draw(st.one_of(st.none(), st.sampled_from(ODD_DATES), st.text(max_size=12)))
    if published is not None:
        rec["published"] = published
    for name in ("title", "outlet", "url"):
        if draw(st.booleans()):
            rec[name] = draw(anything.map(lambda s: s[:80]))
    return rec


def write(tmp: Path, records: list[dict[str, object]]) -> Path:
    f = tmp / "fuzz.jsonl"
    lines = [json.dumps(r) for r in records]  # lone surrogates escaped, as JSON allows
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def non_blank(records: list[dict[str, object]]) -> int:
    return sum(1 for r in records if json.dumps(r).strip())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI never fails by luck
)


@_SETTINGS
@given(records=st.lists(record(), min_size=1, max_size=6))
def test_extract_never_lets_an_exception_escape(
    extractor: Extractor, folder: Path, records: list[dict[str, object]]
) -> None:
    f = write(folder, records)
    results = list(code_all(read_inputs([], [str(f)], max_bytes=10**6), extractor, 3))
    assert len(results) == non_blank(records)
    for r in results:
        assert r.error is None or "\n" not in r.error
        assert r.error is not None or isinstance(r.events, list)
        if r.error:
            assert not r.events
        for ev in r.events:  # never an event after its report, nor after today
            limit = ev["sources"][0]["published"] or date.today().isoformat()
            assert ev["event_date"] is None or ev["event_date"] <= limit
            assert "1900-01-01" <= limit <= date.today().isoformat()


@_SETTINGS
@given(records=st.lists(record(), min_size=1, max_size=6))
def test_ingest_never_lets_an_exception_escape(
    extractor: Extractor, folder: Path, records: list[dict[str, object]]
) -> None:
    class Coder:
        def get(self) -> Extractor:
            return extractor

    f = write(folder, records)
    with Store(str(folder / "fuzz.db")) as store:
        before = store.counts()["reports"]
        report = ingest(store, read_inputs([], [str(f)], max_bytes=10**6), Coder(), 3)
        assert report.total == non_blank(records)
        assert report.skipped == 0
        counts = store.counts()
        assert counts["reports"] >= before
        assert counts["incidents"] <= counts["events"]
