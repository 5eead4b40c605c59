"""`newsevents watch`: feeds, pages and folders polled for new reports, each coded, stored and
linked once, as `ingest` does (newsevents.store.ingest).

A source is
- an http(s) URL: an RSS or Atom feed (read with feedparser; each entry's link is a report,
  its title and date used where the page gives none) or a page (one report, asked again at
  each poll and stored again where it changed), told apart by what the URL serves;
- a folder: its reports as `ingest DIR` reads them (doc_id the path in the folder), a file
  read again when it is new or has changed since the last poll.

A report is never fetched or stored twice: a feed entry's URL this run has read (the
seen-set), or that the store holds as a coded report's doc_id or url, is not fetched again;
what is fetched or read is stored only where its content hash is new (`Store.has`, in
ingest). A feed or page source is asked with the validators of its last complete reading
(ETag, Last-Modified), so one that has not changed costs a 304. Every request goes through
one polite Fetcher (newsevents.ingest.fetch).

A source that fails (unreachable, not a feed, a bug) is one line per poll; the other sources
go on. Reports are coded one at a time, as they are fetched, so `stop` (Ctrl-C) ends a poll
after the report in progress.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import sqlalchemy as sa

from newsevents.errors import NewsEventsError
from newsevents.ingest import Loaded
from newsevents.ingest.archives import archive_kind
from newsevents.ingest.clean import failure, one_line
from newsevents.ingest.fetch import (
    Disallowed,
    Fetcher,
    FetchError,
    Page,
    Stopped,
    doc_id_of,
    is_url,
    normalize_url,
    read_page,
)
from newsevents.ingest.sources import (
    JSONL_SUFFIXES,
    is_dir,
    read_archive,
    read_jsonl,
    read_report,
    walk,
)
from newsevents.output import counted
from newsevents.store import Store
from newsevents.store.ingest import Coder, IngestReport, ingest
from newsevents.store.schema import documents

Log = Callable[[str], None]

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600}
_FEED_TYPES = ("rss", "atom", "rdf", "xml")
_FEED_START = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)


class WatchError(NewsEventsError):
    """A source or an interval the watcher cannot take."""


def parse_every(text: str) -> float:
    """'30s', '5m', '1h' (or a number of seconds) in seconds; at least one second."""
    m = _EVERY.match(text)
    if not m:
        raise WatchError(f"{text!r} is not an interval like 30s, 5m or 1h")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds < 1:
        raise WatchError(f"{text!r} is shorter than a second")
    return seconds


@dataclass(frozen=True)
class Source:
    kind: str  # "url" (a feed or a page) or "folder"
    target: str


def parse_source(raw: str) -> Source:
    if is_url(raw):
        return Source("url", raw)
    path = Path(raw).expanduser()
    if is_dir(path):
        return Source("folder", str(path))
    raise WatchError(f"{raw!r} is not an http(s) URL or a folder")


@dataclass
class PollReport:
    """One poll: what ingest made of the reports read (`ingest`), how many pages were
    fetched, and how many sources or pages could not be had (`errors`, each one line)."""

    ingest: IngestReport = field(default_factory=IngestReport)
    fetched: int = 0
    errors: int = 0
    disallowed: int = 0  # pages robots.txt forbids (each named once a run)

    @property
    def eventful(self) -> bool:
        """Whether anything was stored or failed (a report read again unchanged is not)."""
        i = self.ingest
        return bool(i.stored or i.failed or i.skipped or self.errors)

    def add(self, other: PollReport) -> None:
        for name in ("coded", "added", "replaced", "unchanged", "skipped", "failed"):
            setattr(self.ingest, name, getattr(self.ingest, name) + getattr(other.ingest, name))
        self.fetched += other.fetched
        self.errors += other.errors
        self.disallowed += other.disallowed


@dataclass
class _Feed:
    entries: list[tuple[str, str | None, date | None]]  # (link, title, published), oldest first
    problem: str | None = None  # why it is malformed, where it could be read in part
    skipped: int = 0  # entries with no http(s) link


class Watcher:
    """Polls `sources`, coding, storing and linking each new report in `store`."""

    def __init__(
        self,
        store: Store,
        coder: Coder,
        sources: Iterable[Source],
        fetcher: Fetcher,
        *,
        max_bytes: int,
        published: date | None = None,
        log: Log | None = None,
        quiet: bool = False,
    ) -> None:
        self.store = store
        self.coder = coder
        self.sources = list(sources)
        self.fetcher = fetcher
        self.max_bytes = max_bytes
        self.published = published
        self.log = log or (lambda _line: None)
        self.quiet = quiet
        self.stop: threading.Event = fetcher.stop
        self.seen: set[str] = set()  # URLs read in this run (normalized)
        self._kinds: dict[str, str] = {}  # URL -> "feed" or "page"
        self._validators: dict[str, dict[str, str]] = {}  # feed URL -> conditional headers
        self._files: dict[str, dict[Path, tuple[int, int]]] = {}  # folder -> file -> stamp

    # ---- polling ------------------------------------------------------------------------

    def run(self, every: float, *, once: bool = False) -> PollReport:
        """Poll every `every` seconds (start to start) until `stop` is set, or once; the
        totals of every poll."""
        total = PollReport()
        while not self.stop.is_set():
            started = time.monotonic()
            report = self.poll()
            total.add(report)
            if once or (report.eventful and not self.quiet):
                self.log(self.summary(report))
            if once or self.stop.wait(max(0.0, every - (time.monotonic() - started))):
                break
        return total

    def poll(self) -> PollReport:
        """Each source once: its new reports coded, stored and linked, one at a time."""
        report = PollReport()

        def note(item: Loaded, outcome: str) -> None:
            if outcome in ("failed", "skipped"):
                self.log(f"error: {item.error}")
                return
            if outcome in ("added", "replaced"):
                article = item.article
                if not self.quiet and article is not None:
                    for w in article.warnings:
                        self.log(f"warning: {w}")
                    events = counted(len(article.events), "event")
                    self.log(f"{outcome} {item.doc_id}: {events}")

        report.ingest = ingest(
            self.store, self._reports(report), self.coder, batch_size=1, on_report=note
        )
        return report

    def summary(self, report: PollReport, heading: str = "poll") -> str:
        """'12:00:05 poll: 2 reports: 2 coded, 2 stored (...). 1 source or page failed.
        news.db holds 5 incidents from 6 events in 7 reports.'"""
        counts = self.store.counts()
        parts = [f"{datetime.now():%H:%M:%S} {heading}: {report.ingest.summary()}"]
        if report.errors:
            parts.append(f"{counted(report.errors, 'source or page', 'sources or pages')} failed.")
        if report.disallowed:
            parts.append(f"{report.disallowed} disallowed by robots.txt.")
        parts.append(
            f"{self.store.display_url} holds {counted(counts['incidents'], 'incident')} from "
            f"{counted(counts['events'], 'event')} in {counted(counts['reports'], 'report')}."
        )
        return " ".join(parts)

    def _reports(self, report: PollReport) -> Iterator[Loaded]:
        """Every new report of every source, in order; a source that fails is one line."""
        for source in self.sources:
            if self.stop.is_set():
                return
            try:
                if source.kind == "folder":
                    yield from self._folder(Path(source.target), report)
                else:
                    yield from self._url(source.target, report)
            except Stopped:
                return
            except Exception as e:  # a bug in a library or ours: this source fails this poll
                report.errors += 1
                self.log(f"error: {failure(source.target, 'polling', e)}")

    # ---- URLs: feeds and pages ----------------------------------------------------------

    def _url(self, url: str, report: PollReport) -> Iterator[Loaded]:
        """A URL source, asked at every poll with the validators of its last reading: a feed's
        new entries, or the page itself (stored again only where its content changed). A URL
        that served a feed in this run and serves something else now is an error, not a
        report: a maintenance page is not news."""
        key = normalize_url(url)
        page = self._fetch(url, report, self._validators.get(key, {}), remember=False)
        if page is None or page.status == 304:
            return
        is_feed = looks_like_feed(page)
        if self._kinds.get(key) == "feed" and not is_feed:
            report.errors += 1
            kind = page.content_type or "no content type"
            self.log(f"error: cannot read the feed {url}: it serves no feed now ({kind})")
            return
        if is_feed:
            self._kinds[key] = "feed"
            feed = read_feed(page)
            if feed.problem and not feed.entries:
                report.errors += 1
                self.log(f"error: cannot read the feed {url}: {feed.problem}")
                return
            if feed.problem and not self.quiet:
                self.log(f"warning: the feed {url} is malformed ({feed.problem}); read in part")
            complete = yield from self._entries(feed, report)
            if complete:
                self._validators[key] = _validators(page)
            return
        self._kinds[key] = "page"
        yield read_page(page, doc_id=doc_id_of(key), cli_published=self.published)
        self._validators[key] = _validators(page)

    def _entries(self, feed: _Feed, report: PollReport) -> Generator[Loaded, None, bool]:
        """The feed's entries not read before, fetched one at a time. Returns whether every
        entry was dealt with (none left to try again)."""
        new: dict[str, tuple[str, str | None, date | None]] = {}
        for link, title, published in feed.entries:
            key = normalize_url(link)
            if key not in self.seen:
                new.setdefault(key, (link, title, published))
        stored = self._stored([*new, *(link for link, _t, _p in new.values())])
        complete = True
        for key, (link, title, published) in new.items():
            if key in stored or link in stored:
                self.seen.add(key)
                continue
            if self.stop.is_set():
                return False
            page = self._fetch(link, report)
            if page is None:  # to be tried again, unless it is remembered as not to be had
                complete = complete and key in self.seen
                continue
            self.seen.add(key)
            yield read_page(
                page,
                doc_id=doc_id_of(key),
                title=title,
                published=published,
                cli_published=self.published,
            )
        return complete

    def _fetch(
        self,
        url: str,
        report: PollReport,
        headers: dict[str, str] | None = None,
        *,
        remember: bool = True,
    ) -> Page | None:
        """The page at url, or None with one line saying why not. With `remember`, a URL
        that will not do better on the next poll (robots.txt forbids it, a 404) is not asked
        again this run."""
        try:
            page = self.fetcher.get(url, headers)
        except Disallowed as e:
            report.disallowed += 1
            if not self.quiet:
                self.log(f"skipped {url}: {e.reason}")
            if remember:
                self.seen.add(normalize_url(url))
            return None
        except FetchError as e:
            report.errors += 1
            self.log(f"error: {e}")
            if remember and not e.transient:
                self.seen.add(normalize_url(url))
            return None
        report.fetched += 1
        return page

    def _stored(self, urls: list[str]) -> set[str]:
        """Those of `urls` the store holds as a coded report's doc_id or url."""
        found: set[str] = set()
        wanted = sorted(set(urls))
        for i in range(0, len(wanted), 400):
            part = wanted[i : i + 400]
            coded = documents.c.status == "coded"
            with self.store.engine.connect() as conn:
                for column in (documents.c.doc_id, documents.c.url):
                    found.update(
                        conn.execute(sa.select(column).where(coded, column.in_(part))).scalars()
                    )
        return found

    # ---- folders ------------------------------------------------------------------------

    def _folder(self, folder: Path, report: PollReport) -> Iterator[Loaded]:
        """The folder's files that are new or changed since the last poll, in path order."""
        stamps = self._files.setdefault(str(folder), {})
        if not is_dir(folder):
            report.errors += 1
            self.log(f"error: cannot read the folder {folder}: it is not there")
            return
        found: list[tuple[str, Path, tuple[int, int]]] = []
        for path, reason in walk(folder):
            if reason is not None:
                report.errors += 1
                self.log(f"error: skipped {path}: {reason}")
                continue
            try:
                st = path.stat()
            except OSError:
                continue  # gone since it was listed
            stamp = (st.st_mtime_ns, st.st_size)
            if stamps.get(path) != stamp:
                found.append((path.relative_to(folder).as_posix(), path, stamp))
        for relative, path, stamp in sorted(found):
            if self.stop.is_set():
                return
            stamps[path] = stamp
            if archive_kind(path):
                yield from read_archive(
                    path, max_bytes=self.max_bytes, published=self.published, name=relative
                )
            elif path.suffix.lower() in JSONL_SUFFIXES:
                yield from read_jsonl(
                    path, max_bytes=self.max_bytes, published=self.published, name=relative
                )
            else:
                yield read_report(path, relative, self.max_bytes, self.published)


# ---- feeds ------------------------------------------------------------------------------


def looks_like_feed(page: Page) -> bool:
    """Whether a page is a feed: its type says so, or it starts as RSS, Atom or RDF does."""
    if _FEED_START.search(page.content[:2048]):
        return True
    kind = page.content_type
    return "html" not in kind and any(word in kind for word in _FEED_TYPES)


def read_feed(page: Page) -> _Feed:
    """A feed's entries that have an http(s) link, oldest first (feeds list the newest
    first; where every entry is dated, by date), with why it is malformed if it is."""
    parsed: Any = feedparser.parse(
        page.content,
        response_headers={"content-location": page.final_url, "content-type": page.content_type},
    )
    problem = None
    if parsed.get("bozo"):
        problem = one_line(str(parsed.get("bozo_exception") or "not well-formed"))
        if not parsed.get("version"):
            problem = f"not RSS or Atom ({problem})"
    entries: list[tuple[str, str | None, date | None]] = []
    skipped = 0
    for entry in parsed.entries:
        link = urljoin(page.final_url, (entry.get("link") or "").strip())
        if not entry.get("link") or not is_url(link):
            skipped += 1
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = _entry_date(when)
        title = " ".join((entry.get("title") or "").split()) or None
        entries.append((link, title, published))
    entries.reverse()
    if entries and all(p is not None for _l, _t, p in entries):
        entries.sort(key=lambda e: e[2] or date.min)
    if not entries and skipped and problem is None:
        problem = f"{counted(skipped, 'entry', 'entries')} and none with a link"
    return _Feed(entries, problem, skipped)


def _entry_date(when: Any) -> date | None:
    try:
        return date(int(when[0]), int(when[1]), int(when[2])) if when else None
    except (TypeError, ValueError):
        return None


def _validators(page: Page) -> dict[str, str]:
    """The headers that ask a feed only for what changed since `page`."""
    headers = {}
    if page.headers.get("etag"):
        headers["If-None-Match"] = page.headers["etag"]
    if page.headers.get("last-modified"):
        headers["If-Modified-Since"] = page.headers["last-modified"]
    return headers
