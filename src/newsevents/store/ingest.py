"""Ingest: code reports and store them, each in its own transaction, skipping what is stored.

The same report twice changes nothing (its content hash is stored); a run stopped half way
is taken up again by running it again, as every report it finished is committed. A report
that cannot be read is stored with its reason, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from newsevents import __version__
from newsevents.ingest import Loaded
from newsevents.link.terms import distinctive_terms
from newsevents.model import Article
from newsevents.store import NewDocument, Store, content_hash

if TYPE_CHECKING:
    from newsevents.extract import Extractor


class Coder(Protocol):
    def get(self) -> Extractor: ...


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    unreadable: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.unchanged + self.unreadable


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
        terms=distinctive_terms(a.text),
        running_totals=[t.as_dict() for t in a.running_totals],
        warnings=list(a.warnings),
        coder_version=__version__,
    )


def unreadable(item: Loaded) -> NewDocument:
    reason = item.error or "unreadable"
    return NewDocument(
        doc_id=item.doc_id or f"unreadable:{item.source}",
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
) -> IngestReport:
    """Code and store every report; `on_report(item, outcome)` after each."""
    report = IngestReport()

    def done(item: Loaded, outcome: str) -> None:
        report.count("unreadable" if outcome == "error" else outcome)
        if on_report:
            on_report(item, outcome)

    pending: list[tuple[Loaded, str]] = []
    for item in loaded:
        if item.article is None:
            store.add(unreadable(item))
            done(item, "error")
            continue
        digest = article_hash(item.article)
        if store.has(digest):
            done(item, "unchanged")
            continue
        pending.append((item, digest))
        if len(pending) >= batch_size:
            for item_, outcome in _code_and_store(store, pending, coder):
                done(item_, outcome)
            pending = []
    for item_, outcome in _code_and_store(store, pending, coder):
        done(item_, outcome)
    return report


def _code_and_store(
    store: Store, pending: list[tuple[Loaded, str]], coder: Coder
) -> Iterator[tuple[Loaded, str]]:
    if not pending:
        return
    articles = [item.article for item, _ in pending if item.article is not None]
    coded = coder.get().code_many(articles)
    for (item, digest), article in zip(pending, coded, strict=True):
        outcome = store.add(document_of(article, digest), [e.as_dict() for e in article.events])
        yield item, outcome
