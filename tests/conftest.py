from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from newsevents.extract import Extractor
from newsevents.ingest.sources import make_article
from newsevents.model import Article, Event

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One coder for the whole run: the model loads once, as in the CLI."""
    return Extractor()


CodeText = Callable[..., Article]


def only(article: Article) -> Event:
    """The report's one event (failing with every event coded when there are more or none)."""
    assert len(article.events) == 1, [e.as_dict() for e in article.events]
    return article.events[0]


@pytest.fixture(scope="session")
def code_text(extractor: Extractor) -> CodeText:
    def code(
        text: str, published: date | None = date(2024, 3, 14), doc_id: str = "test"
    ) -> Article:
        fields: dict[str, object] = {"text": text}
        if published is not None:
            fields["published"], fields["published_from"] = published, "input"
        article = make_article(doc_id, doc_id, fields, cli_published=None)
        return extractor.code(article)

    return code


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database on 127.0.0.1: NEWSEVENTS_TEST_PG if set, else a server started
    for this run. `make test` sets NEWSEVENTS_REQUIRE_PG, so there a missing server fails."""
    import os

    import pg

    if os.environ.get("NEWSEVENTS_TEST_PG"):
        yield os.environ["NEWSEVENTS_TEST_PG"]
        return
    if not pg.available():
        if os.environ.get("NEWSEVENTS_REQUIRE_PG"):
            pytest.fail("PostgreSQL is not installed (apt install postgresql)")
        pytest.skip("PostgreSQL is not installed; `make test` requires it")
    with pg.server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same store tests on both backends; each test gets an empty database."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    import sqlalchemy as sa

    base: str = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"t_{abs(hash(request.node.nodeid)) % 10**12}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield base.rsplit("/", 1)[0] + "/" + name
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests wrote their screenshots of each page."""
    shots = ROOT / "screenshots"
    if shots.is_dir() and any(shots.glob("*.png")):
        terminalreporter.write_line(f"screenshots of each page: {shots}")
