"""Coding on every core of one machine (`extract --jobs N`, `ingest --jobs N`).

Each worker is a process that loads the model and the gazetteer once, when it starts, and
then codes one chunk of reports after another. The chunks go out in input order and come
back in input order, with at most WINDOW chunks per worker out at a time: the output is the
output of one process, byte for byte, and what is held in memory does not grow with the
input. Reading the input, writing the output and storing (one writer, linking in order) stay
in the calling process.

A worker that dies (killed for memory, a crash in a library's C code) fails the reports of
its chunk, each with the reason, and a new pool takes the rest: nothing else is lost.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol, TypeVar

from newsevents.model import Article
from newsevents.settings import Settings

WINDOW = 2  # chunks out per worker: one being coded, one waiting

T = TypeVar("T")


class ChunkCoder(Protocol):
    """Codes chunks of reports, in order."""

    def code_chunks(
        self, chunks: Iterable[tuple[T, list[Article]]]
    ) -> Iterator[tuple[T, list[Article]]]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class InProcess:
    """Chunks coded here, by an extractor made when first needed (`get`)."""

    def __init__(self, get: Callable[[], Extracting]) -> None:
        self.get = get

    def code_chunks(
        self, chunks: Iterable[tuple[T, list[Article]]]
    ) -> Iterator[tuple[T, list[Article]]]:
        for tag, articles in chunks:
            yield tag, list(self.get().code_many(articles)) if articles else []

    def close(self) -> None:
        pass


class Extracting(Protocol):
    def code_many(self, articles: Iterable[Article]) -> Iterator[Article]: ...


class Workers:
    """`jobs` worker processes, each with its own Extractor."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from newsevents.geo.gazetteer import ensure_built

            # Built here, once, with its progress shown, rather than by every worker at once.
            ensure_built(Path(self.settings.gazetteer) if self.settings.gazetteer else None)
            # spawn: a worker starts clean, with no copy of this process's threads or
            # connections (a fork of a process holding a store's connection is unsafe).
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.settings,),
            )
        return self._pool

    def code_chunks(
        self, chunks: Iterable[tuple[T, list[Article]]]
    ) -> Iterator[tuple[T, list[Article]]]:
        out: deque[tuple[T, list[Article], Future[list[Article]] | None]] = deque()
        limit = WINDOW * self.jobs
        for tag, articles in chunks:
            out.append((tag, articles, self._submit(articles)))
            while len(out) >= limit:
                yield self._collect(*out.popleft())
        while out:
            yield self._collect(*out.popleft())

    def _submit(self, articles: list[Article]) -> Future[list[Article]] | None:
        if not articles:
            return None
        try:
            return self._start().submit(_code_chunk, articles)
        except BrokenProcessPool:
            self._restart()
            return self._start().submit(_code_chunk, articles)

    def _collect(
        self, tag: T, articles: list[Article], future: Future[list[Article]] | None
    ) -> tuple[T, list[Article]]:
        if future is None:
            return tag, []
        try:
            return tag, future.result()
        except BrokenProcessPool as e:
            # The chunks still out with this pool fail the same way, each with its reports.
            self._restart()
            reason = f"the coder's worker process died ({type(e).__name__}: {e})"
            return tag, [_died(a, reason) for a in articles]

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _died(article: Article, reason: str) -> Article:
    article.error = f"cannot code {article.source or article.doc_id}: {reason}"
    article.events, article.recalled = [], []
    return article


# ---- in the worker ----------------------------------------------------------------------

_extractor: Extracting | None = None
_failed_start: Exception | None = None


def _start_worker(settings: Settings) -> None:
    global _extractor, _failed_start
    from newsevents.extract.pipeline import Extractor

    try:
        _extractor = Extractor(settings)
    except Exception as e:  # raised with the first chunk: the caller says it in one line
        _failed_start = e


def _code_chunk(articles: Sequence[Article]) -> list[Article]:
    if _failed_start is not None:
        raise _failed_start
    assert _extractor is not None, "the worker was not started"
    coded = list(_extractor.code_many(articles))
    for a in coded:
        a.paragraphs = []  # what the caller reads is the events, places, people and totals
        a.unknown_places = []
    return coded
