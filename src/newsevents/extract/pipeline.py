"""The extraction pipeline: components that each add one thing to an Article.

Each component says what it needs and what it adds (`requires`, `assigns`); `Pipeline`
checks the order before running anything, as spaCy's pipe analysis does. `Extractor` owns
the loaded model, gazetteer and date resolver: one per process, no module-level state.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from newsevents.errors import PipelineError
from newsevents.extract.actors import FindActors
from newsevents.extract.counts import CountVictims
from newsevents.extract.dates import AssignDates, DateResolver
from newsevents.extract.events import Draft, merge
from newsevents.extract.lexical import CodeByLexicon
from newsevents.extract.mentions import FindMentions
from newsevents.extract.news import PlaceInTime
from newsevents.extract.nlp import Parse, load_model
from newsevents.extract.people import NamePeople
from newsevents.extract.places import AssignPlaces
from newsevents.extract.record import Recorder
from newsevents.geo.gazetteer import Gazetteer, Place, place_keys
from newsevents.ingest.clean import failure
from newsevents.ingest.language import LanguageIdentifier
from newsevents.lang import CODES
from newsevents.lang import pack as lang_pack
from newsevents.model import Article
from newsevents.settings import Settings

# What ingest hands to the first component.
PROVIDED = ("text", "paragraphs", "published")


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


class IdentifyLanguage:
    """Sets Article.language; a report in a language with no pack is coded as no events, with
    one warning."""

    name = "language"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("language",)

    def __init__(self, identifier: LanguageIdentifier) -> None:
        self.identifier = identifier

    def __call__(self, article: Article) -> Article:
        body = "\n".join(p.text for p in article.paragraphs if not p.boilerplate) or article.text
        found = self.identifier.identify(body)
        article.language = found or "en"
        if found and lang_pack(found) is None:
            have = ", ".join(CODES)
            article.warn(
                f"{article.source or article.doc_id}: the report is in {found!r}, a language "
                f"with no pack ({have} have one), so it yields no events"
            )
        return article


class BuildEvents:
    """Merges the mentions into events and builds their records."""

    name = "events"
    requires: tuple[str, ...] = ("mentions.counts", "mentions.date", "places", "mentions.agents")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, places: AssignPlaces, recorder: Recorder) -> None:
        self.places = places
        self.recorder = recorder

    def __call__(self, article: Article) -> Article:
        main = self.places.main_place(article)
        main_place = main.place if main else None
        main_span = (main.start, main.end) if main else None
        drafts = merge(article.mentions, main_place, main_span)
        for d in drafts:
            _not_after_publication(article, d)
        countries = [p.place for p in article.places if p.place.level == "country"]
        hint = main_place or (countries[0] if countries else None)
        article.events = [self.recorder.build(article, d, hint) for d in drafts]
        # The report's own place too (its title's, say), which its body may not name.
        article.place_keys = place_keys(
            [*([main_place] if main_place else []), *(p.place for p in article.places)]
        )
        if not drafts:
            article.recalled = [
                self.recorder.build(article, d, hint)
                for d in self._recalled(article, main_place, main_span)
            ]
        for ev in [*article.events, *article.recalled]:
            ev.language = article.language or "en"
        return article

    @staticmethod
    def _recalled(
        article: Article, main_place: Place | None, main_span: tuple[int, int] | None
    ) -> list[Draft]:
        """A report whose news is no violence (a funeral, a day of mourning, compensation
        for the victims) tells the violence it recalls as background: the drafts of that
        violence, read as if it were news, each with the day its own words give or none."""
        told = [
            m
            for m in article.mentions
            if m.backstory and not (m.negated or m.hypothetical) and m.family == "violence"
        ]
        if not told:
            return []
        for m in told:
            m.backstory = False
        try:
            drafts = merge(told, main_place, main_span)
        finally:
            for m in told:
                m.backstory = True
        for d in drafts:
            _not_after_publication(article, d)
            if d.date is not None and d.date == article.published:
                # The day of the news (the memorial's), not of the violence it recalls.
                d.date, d.precision = None, 3
        return drafts


def _not_after_publication(article: Article, draft: Draft) -> None:
    """News tells of what has happened: an event dated after its report (a typo, a schedule,
    a year read wrong) takes the report's month with time_precision 3, or no date where the
    report has none; it never keeps the impossible day."""
    limit = article.published or date.today()
    if draft.date is None or draft.date <= limit:
        return
    where = article.source or article.doc_id
    if article.published is not None:
        article.warn(
            f"{where}: an event dated {draft.date} is after the report's publication "
            f"({article.published}); it is dated to that month (time_precision 3)"
        )
        draft.date, draft.precision = article.published.replace(day=1), 3
    else:
        article.warn(f"{where}: an event dated {draft.date} is after today; left undated")
        draft.date, draft.precision = None, 3


class Pipeline:
    def __init__(self, components: Sequence[Component]) -> None:
        have = set(PROVIDED)
        for c in components:
            missing = [r for r in c.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"component {c.name!r} needs {missing}, which no component before it adds"
                )
            have.update(c.assigns)
        self.components = list(components)
        # Seconds spent in each component over the process's life (for the benchmark).
        self.seconds: dict[str, float] = dict.fromkeys((c.name for c in self.components), 0.0)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def run(self, articles: Sequence[Article]) -> Sequence[Article]:
        for c in self.components:
            started = time.perf_counter()
            batch = getattr(c, "pipe", None)
            if batch is not None:
                articles = batch(articles)
            else:
                articles = [c(a) if _codable(a, c) else a for a in articles]
            self.seconds[c.name] += time.perf_counter() - started
        return articles


def _codable(article: Article, component: Component) -> bool:
    """The English components read English; the lexical coder reads the other packs'."""
    if component.name == "language":
        return True
    english = article.language in (None, "en")
    return not english if component.name == CodeByLexicon.name else english


class Extractor:
    """Codes Articles into events. Loads the model and gazetteer once, on construction."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.model)
        self.gazetteer = Gazetteer(
            self.settings.min_city_population,
            Path(self.settings.gazetteer) if self.settings.gazetteer else None,
        )
        places = AssignPlaces(self.gazetteer)
        self.pipeline = Pipeline(
            [
                IdentifyLanguage(LanguageIdentifier()),
                Parse(self.nlp, self.settings.batch_size, self.settings.max_read_chars),
                NamePeople(),
                FindMentions(self.nlp),
                CountVictims(),
                AssignDates(DateResolver()),
                PlaceInTime(),
                places,
                FindActors(self.gazetteer),
                BuildEvents(places, Recorder(self.gazetteer)),
                CodeByLexicon(self.gazetteer, self.settings.max_read_chars),
            ]
        )

    def code(self, article: Article) -> Article:
        return self.pipeline.run([article])[0]

    def code_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Code articles in batches of settings.batch_size, yielding them in order.

        A report that makes the coder fail is yielded with `error` set (the exception's type
        and message) and no events; the others of its batch are coded one by one, and the
        run goes on."""
        batch: list[Article] = []
        for a in articles:
            batch.append(a)
            if len(batch) >= self.settings.batch_size:
                yield from self._release(self._run_guarded(batch))
                batch = []
        if batch:
            yield from self._release(self._run_guarded(batch))

    def _run_guarded(self, batch: list[Article]) -> Sequence[Article]:
        warned = [len(a.warnings) for a in batch]
        try:
            return self.pipeline.run(batch)
        except Exception as e:
            if len(batch) == 1:
                return [_failed(batch[0], warned[0], e)]
        out: list[Article] = []
        for a, n in zip(batch, warned, strict=True):
            _reset(a, n)
            try:
                out.extend(self.pipeline.run([a]))
            except Exception as e:
                out.append(_failed(a, n, e))
        return out

    @staticmethod
    def _release(articles: Sequence[Article]) -> Iterator[Article]:
        for a in articles:
            # The parse trees are large and only needed while coding.
            for p in a.paragraphs:
                p.doc = None
            a.mentions = []
            a.places = []
            yield a


def _failed(article: Article, warned: int, error: Exception) -> Article:
    """The article of a report the coder failed on: no events, and why in one line."""
    _reset(article, warned)
    article.error = failure(article.source or article.doc_id, "coding", error)
    return article


def _reset(article: Article, warned: int) -> None:
    """Forget what a failed run of the pipeline added, so the article is coded afresh."""
    del article.warnings[warned:]
    for p in article.paragraphs:
        p.doc = None
    article.places, article.unknown_places, article.mentions = [], [], []
    article.events, article.people, article.running_totals = [], [], []
    article.recalled, article.place_keys = [], []
