"""Ingest: code reports and store them, each in its own transaction, skipping what is stored.

The same report twice changes nothing (its content hash is stored); a run stopped half way
is taken up again by running it again, as every report it finished is committed. A report
that cannot be read is stored with its reason, and the run goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import sqlalchemy as sa

from newsevents import __version__
from newsevents.ingest import Loaded
from newsevents.ingest.clean import MAX_DOC_ID, one_line
from newsevents.link.terms import distinctive_terms, place_terms
from newsevents.model import Article
from newsevents.output import counted
from newsevents.parallel import ChunkCoder, InProcess, chunked
from newsevents.store import NewDocument, Store, StoreError, content_hash

if TYPE_CHECKING:
    from newsevents.extract import Extractor


class Coder(Protocol):
    def get(self) -> Extractor: ...


@dataclass
class IngestReport:
    """What became of each report of a run. `coded`: reports the coder read in this run;
    `added` and `replaced` (a new version of a stored report): stored; `unchanged`: skipped,
    this very report is stored already; `skipped`: paths the walk could not go into;
    `failed`: reports that could not be read or coded (stored with their reason, except
    where that would hide a stored version of the report, which is kept)."""

    coded: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def stored(self) -> int:
        return self.added + self.replaced

    @property
    def total(self) -> int:
        return self.stored + self.unchanged + self.skipped + self.failed

    def summary(self) -> str:
        """One line: '12 reports: 10 coded, 10 stored (9 new, 1 replaced), 1 skipped (1
        already stored), 1 failed.'"""
        skipped = [
            f"{n} {what}"
            for n, what in (
                (self.unchanged, "already stored"),
                (self.skipped, "not read: see above"),
            )
            if n
        ]
        return (
            f"{counted(self.total, 'report')}: {self.coded} coded, {self.stored} stored "
            f"({self.added} new, {self.replaced} replaced), "
            f"{self.unchanged + self.skipped} skipped"
            + (f" ({', '.join(skipped)})" if skipped else "")
            + f", {self.failed} failed."
        )


def article_hash(a: Article) -> str:
    published = a.published.isoformat() if a.published else None
    return content_hash("article", a.doc_id, a.title, a.text, published, a.url, a.outlet)


def document_of(a: Article, digest: str) -> NewDocument:
    return NewDocument(
        doc_id=a.doc_id,
        content_hash=digest,
        source=a.source,
        title=a.title,
        url=a.url,
        outlet=a.outlet,
        published=a.published,
        language=a.language,
        text=a.text,
        people=list(a.people),
        terms=distinctive_terms(a.text, a.language) | place_terms(a.place_keys),
        running_totals=[t.as_dict() for t in a.running_totals],
        warnings=list(a.warnings),
        coder_version=__version__,
    )


def records_of(a: Article) -> list[dict[str, Any]]:
    """The records a report gives the store: its events, then those it only recalls, marked
    `recalled` (they link the report to their incident; see link.reconcile)."""
    return [e.as_dict() for e in a.events] + [{**e.as_dict(), "recalled": True} for e in a.recalled]


def unreadable(item: Loaded, reason: str | None = None) -> NewDocument:
    """The record of a report that could not be read or coded: its reason, no events. Its
    hash is not the report's, so running again tries the report again."""
    reason = reason or item.error or "unreadable"
    doc_id = item.doc_id if item.doc_id and len(item.doc_id) <= MAX_DOC_ID else None
    return NewDocument(
        doc_id=doc_id or f"unreadable:{item.source}"[:MAX_DOC_ID],
        content_hash=content_hash("error", item.doc_id, item.source, reason),
        status="error",
        error=reason,
        source=item.source,
        warnings=list(item.warnings),
        coder_version=__version__,
    )


def ingest(
    store: Store,
    loaded: Iterable[Loaded],
    coder: Coder,
    batch_size: int = 32,
    on_report: Callable[[Loaded, str], None] | None = None,
    workers: ChunkCoder | None = None,
) -> IngestReport:
    """Code and store every report; `on_report(item, outcome)` after each, in input order,
    where outcome is one of IngestReport's counts and a failed item carries its reason in
    `error`. Reports are coded in chunks of `batch_size`, here or by `workers`
    (newsevents.parallel); they are stored and linked here, one by one, in input order."""
    report = IngestReport()
    named_by_path: dict[str, str] = {}  # doc_id -> the file it was made from, in this run

    def triage(item: Loaded) -> tuple[Loaded, str | None, str | None]:
        """(item, its content hash where it is to be coded, else what became of it)."""
        if item.skipped:
            return item, None, "skipped"
        if item.id_from_path and item.doc_id is not None:
            first = named_by_path.setdefault(item.doc_id, item.source)
            if first != item.source:
                reason = (
                    f"cannot store {item.source}: its doc_id {item.doc_id!r} is that of "
                    f"{first}, read earlier in this run; give the folders one at a time"
                )
                return dataclasses.replace(item, article=None, error=reason), None, "refused"
        if item.article is None:
            return item, None, "unreadable"
        digest = article_hash(item.article)
        if store.has(digest):
            return item, None, "unchanged"
        return item, digest, None

    chunks = (
        (entries, [e[0].article for e in entries if e[1] is not None and e[0].article])
        for entries in ([triage(item) for item in items] for items in chunked(loaded, batch_size))
    )
    for entries, coded in (workers or InProcess(coder.get)).code_chunks(chunks):
        articles = iter(coded)
        for item, digest, outcome in entries:
            if digest is not None:
                item, outcome = _store_coded(store, item, digest, next(articles), report)
            elif outcome == "unreadable":
                item, outcome = _kept(item, _store(store, unreadable(item))), "failed"
            elif outcome == "refused":
                outcome = "failed"
            assert outcome is not None
            report.count(outcome)
            if on_report:
                on_report(item, outcome)
    return report


def _store(store: Store, doc: NewDocument) -> str:
    """Store the record of a failed report; where even that is refused, nothing is stored
    (the failure is reported all the same)."""
    try:
        return store.add(doc)
    except (StoreError, sa.exc.DataError, sa.exc.IntegrityError):
        return "refused"


def _kept(item: Loaded, outcome: str) -> Loaded:
    """A failed report whose earlier, readable version stays stored says so."""
    if outcome != "kept":
        return item
    return dataclasses.replace(item, error=f"{item.error}; the version stored before is kept")


def _store_coded(
    store: Store, item: Loaded, digest: str, article: Article, report: IngestReport
) -> tuple[Loaded, str]:
    # The coded article (a worker's copy where workers code): what the caller's warnings are of.
    item = dataclasses.replace(item, article=article)
    if article.error is not None:
        failed = dataclasses.replace(item, error=article.error)
        return _kept(failed, _store(store, unreadable(failed))), "failed"
    report.coded += 1
    try:
        outcome = store.add(document_of(article, digest), records_of(article))
    except (StoreError, sa.exc.DataError, sa.exc.IntegrityError) as e:
        # This report cannot be stored (the store refuses what it holds); the rest can.
        reason = one_line(str(getattr(e, "orig", None) or e))
        return dataclasses.replace(item, error=f"cannot store {item.source}: {reason}"), "failed"
    return item, outcome
