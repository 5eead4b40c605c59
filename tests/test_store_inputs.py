"""What a store accepts: the same reports on SQLite and PostgreSQL (NUL characters, lone
surrogates, overlong fields), filters no query can answer refused in one line, and no
password shown in what the store says."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from newsevents.store import (
    FilterError,
    Filters,
    Store,
    StoreError,
    masked_url,
)
from newsevents.store.schema import documents, incidents
from test_store import ONE, doc, event

# ---- text PostgreSQL refuses ---------------------------------------------------------------


def test_nul_characters_and_lone_surrogates_are_stored_alike_on_both_backends(
    store_url: str,
) -> None:
    quote = "shot dead\x00 outside"
    text = "\x00" + "Filler. " * 1100 + "A man was " + quote + " the bakery.\x00 Police said."
    start = text.index(quote)
    report = doc("a", "2024-03-12", text, outlet="O" * 300)
    report.title = "Shooting \ud800 on Pulaski Road"
    report.people = ["Dontrell\x00 Abernathy"]
    report.terms = {"kowalczyk\x00": 3.0}
    report.warnings = ["odd \udfff byte"]
    report.running_totals = [{"field": "killed", "value": 1, "quote": "one\x00 dead"}]
    record = event("e-a", "2024-03-11", quote=quote)
    record["evidence"][0].update(start=start, end=start + len(quote))
    record["notes"] = "On 11 March 2024, a shooting\x00 in Chicago \ud83d."
    with Store(store_url) as store:
        assert store.add(report, [record]) == "added"
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(documents)).one()
        assert "\x00" not in row.text
        assert len(row.text) == len(text) - 3
        assert row.outlet == "O" * 255
        assert row.title == "Shooting \ufffd on Pulaski Road"
        assert row.people == ["Dontrell Abernathy"]
        assert row.terms == {"kowalczyk": 3.0}
        assert row.warnings == ["odd \ufffd byte"]
        assert row.running_totals[0]["quote"] == "one dead"
        [incident] = store.incidents()
        assert incident["notes"] == "On 11 March 2024, a shooting in Chicago \ufffd."
        [told] = incident["evidence"]
        # The quote is still the text at its offsets: they moved with the NUL taken out.
        assert told["quote"] == "shot dead outside" == row.text[told["start"] : told["end"]]
        assert incident["sources"][0]["outlet"] == "O" * 255
    assert record["evidence"][0]["start"] == start  # what the caller gave is left alone


def test_an_overlong_doc_id_is_refused_in_one_line_and_the_store_goes_on(
    store_url: str,
) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        before = (store.counts(), list(store.incidents()))
        long_id = "x" * 600
        with pytest.raises(StoreError) as refused:
            store.add(doc(long_id, "2024-03-13", ONE), [event("e-long", "2024-03-11")])
        message = str(refused.value)
        assert "\n" not in message
        assert long_id not in message
        assert "its doc_id is 600 characters long, over the 512" in message
        assert (store.counts(), list(store.incidents())) == before
        assert store.add(doc("x" * 512, "2024-03-13", ONE), [event("e-b", "2024-03-11")]) == (
            "added"
        )
        assert store.counts()["reports"] == 2


def test_incident_columns_never_overflow(store_url: str) -> None:
    place = {
        "location": "L" * 300,
        "admin1": "A" * 300,
        "latitude": 41.85,
        "longitude": -87.65,
    }
    record: dict[str, Any] = {
        **event("e-a", "2024-03-11", place),
        "country": "C" * 200,
        "iso3": "USAX",
        "event_type": "T" * 100,
        "sub_event_type": "S" * 100,
    }
    with Store(store_url) as store:
        assert store.add(doc("a", "2024-03-12", ONE), [record]) == "added"
        [incident] = store.incidents()
        assert incident["location"] == "L" * 300  # the record keeps what the coder wrote
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(incidents)).one()
        lengths = {
            name: len(getattr(row, name))
            for name in ("location", "admin1", "country", "iso3", "event_type", "sub_event_type")
        }
        assert lengths == {
            "location": 255,
            "admin1": 255,
            "country": 128,
            "iso3": 3,
            "event_type": 64,
            "sub_event_type": 64,
        }


def test_numbers_json_or_a_column_cannot_hold_are_stored_alike_on_both_backends(
    store_url: str,
) -> None:
    record = {**event("e-a", "2024-03-11", fatalities=10**12), "latitude": float("nan")}
    report = doc("a", "2024-03-12", ONE)
    report.terms = {**report.terms, "kowalczyk": float("inf")}
    with Store(store_url) as store:
        assert store.add(report, [record]) == "added"
        [incident] = store.incidents()
        assert incident["latitude"] is None
        assert incident["fatalities"] == 10**12  # the record keeps the coder's figure
        # The column the filter reads holds the most it can.
        [found] = store.incidents(Filters(min_fatalities=2**31 - 1))
        assert found["event_id"] == incident["event_id"]
        with store.engine.connect() as conn:
            terms = conn.execute(sa.select(documents.c.terms)).scalar_one()
        assert "kowalczyk" not in terms  # a word of no known weight is left out


# ---- filters no query can answer -------------------------------------------------------------


def test_filters_too_long_or_too_large_are_refused_in_one_line(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", fatalities=2)])
        refusals: list[tuple[dict[str, Any], str]] = [
            ({"text": "shooting " * 5556}, "the text filter is 50,004 characters long"),
            ({"actor": "a" * 50_000}, "the actor filter is 50,000 characters long"),
            ({"min_fatalities": 10**20}, "min_fatalities must be between 0 and 2,147,483,647"),
            ({"min_fatalities": 2**31}, "min_fatalities must be between 0 and 2,147,483,647"),
            ({"min_fatalities": -1}, "min_fatalities must be between 0 and 2,147,483,647"),
        ]
        for kw, says in refusals:
            with pytest.raises(FilterError, match=says) as refused:
                list(store.incidents(Filters(**kw)))
            assert "\n" not in str(refused.value)
        # At the limits the query runs: a thousand characters of many words, the largest count.
        many_words = " ".join(f"z{i:03}" for i in range(200))
        assert len(many_words) == 999
        assert list(store.incidents(Filters(text=many_words))) == []
        assert list(store.incidents(Filters(text="shooting" + " " * 992))) != []
        assert list(store.incidents(Filters(actor="%" * 1000))) == []
        assert list(store.incidents(Filters(min_fatalities=2**31 - 1))) == []
        assert len(list(store.incidents(Filters(min_fatalities=0)))) == 1


def test_a_filter_error_is_a_store_error() -> None:
    assert issubclass(FilterError, StoreError)


# ---- passwords -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("news.db", "news.db"),
        ("~/data/news.db", "~/data/news.db"),
        ("sqlite:////tmp/a@b:c/news.db", "sqlite:////tmp/a@b:c/news.db"),
        (
            "postgresql+psycopg://ana:s3cret@db.example:5432/news",
            "postgresql+psycopg://ana:***@db.example:5432/news",
        ),
        ("postgresql://ana@db.example/news", "postgresql://ana@db.example/news"),
        ("postgresql://:s3cret@db.example/news", "postgresql://:***@db.example/news"),
        ("postgresql://ana:p%40ss@db.example/news", "postgresql://ana:***@db.example/news"),
        # An '@' not written %40: SQLAlchemy would read part of the password as the host.
        ("postgresql://ana:p@ss@db.example/news", "postgresql://ana:***@db.example/news"),
        # Not a URL SQLAlchemy reads (the port is no number): hidden all the same.
        (
            "postgresql://ana:s3cret@db.example:port/news",
            "postgresql://ana:***@db.example:port/news",
        ),
        (
            "postgresql://db.example/news?user=ana&password=s3cret&sslmode=require",
            "postgresql://db.example/news?user=ana&password=***&sslmode=require",
        ),
    ],
)
def test_masked_url(url: str, shown: str) -> None:
    assert masked_url(url) == shown


@given(password=st.text(st.characters(codec="ascii", exclude_characters="\n"), max_size=12))
def test_no_password_survives_masking(password: str) -> None:
    secret = f"Zq{password}Qz"
    for url in (
        f"postgresql+psycopg://ana:{secret}@db.example:5432/news",
        f"postgresql://ana:{secret}@db.example:port/news",
        # An '&' would end the parameter: what follows it is no password.
        f"postgresql://db.example/news?password={secret.replace('&', '%26')}",
    ):
        shown = masked_url(url)
        assert "Zq" not in shown, shown
        assert "Qz" not in shown, shown


def test_a_store_that_cannot_be_opened_does_not_show_its_password() -> None:
    url = "postgresql+psycopg://ana:s3cret@db.example:port/news"
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert "s3cret" not in str(refused.value)
    assert str(refused.value).startswith("cannot open the store postgresql+psycopg://ana:***@")


def test_what_the_driver_says_does_not_show_the_password(postgres_url: str) -> None:
    # The server names the database it lacks, here spelt as the password is.
    server = postgres_url.rsplit("/", 1)[0].replace("postgres@", "postgres:nosuchdb@")
    url = f"{server}/nosuchdb"
    with pytest.raises(StoreError) as refused:
        Store(url)
    said = f"cannot open the store {masked_url(url)}: "
    assert said.startswith("cannot open the store postgresql+psycopg://postgres:***@")
    message = str(refused.value)
    assert message.startswith(said)
    reason = message.removeprefix(said)
    assert "nosuchdb" not in reason
    assert 'database "***" does not exist' in reason


def test_display_url(store_url: str, postgres_url: str) -> None:
    with Store(store_url) as store:
        assert "s3cret" not in store.display_url
        if "://" not in store_url:
            assert store.display_url == store_url  # a path stays the path it was given
    with Store(postgres_url.replace("postgres@", "postgres:s3cret@")) as store:
        assert store.display_url == postgres_url.replace("postgres@", "postgres:***@")
