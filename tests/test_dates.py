from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.extract.dates import DateResolver, Resolved

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on June 10", date(2016, 6, 10), Resolved(date(2016, 6, 10), 1)),
        ("June 5", date(2016, 6, 10), Resolved(date(2016, 6, 5), 1)),
        ("Monday", date(2014, 1, 28), Resolved(date(2014, 1, 27), 1)),
        ("Tuesday", date(2014, 1, 28), Resolved(date(2014, 1, 28), 1)),
        ("Sunday night", date(2017, 1, 23), Resolved(date(2017, 1, 22), 1)),
        ("yesterday", date(2020, 5, 11), Resolved(date(2020, 5, 10), 1)),
        ("Dec. 30", date(2021, 1, 4), Resolved(date(2020, 12, 30), 1)),
        ("9 May 2020", date(2020, 5, 11), Resolved(date(2020, 5, 9), 1)),
        ("Around 9 May 2020 (as reported)", date(2020, 5, 11), Resolved(date(2020, 5, 9), 1)),
        ("Aug. 26, 2015", date(2015, 8, 27), Resolved(date(2015, 8, 26), 1)),
        ("April and May", date(2016, 6, 10), Resolved(date(2016, 4, 1), 3, date(2016, 5, 31))),
        ("2013", date(2015, 11, 10), Resolved(date(2013, 1, 1), 3, date(2013, 12, 31))),
    ],
)
def test_dates_resolve_against_the_publication_date(
    resolver: DateResolver, text: str, published: date, expected: Resolved
) -> None:
    assert resolver.resolve(text, published) == expected


@pytest.mark.parametrize(
    "text", ["24-year-old", "three hours", "more than two months", "10 to 15 day"]
)
def test_ages_and_durations_are_not_dates(resolver: DateResolver, text: str) -> None:
    assert resolver.resolve(text, date(2016, 6, 10)) is None


@pytest.mark.parametrize("text", ["Monday", "yesterday", "last week", "June 10"])
def test_without_a_publication_date_relative_dates_stay_unresolved(
    resolver: DateResolver, text: str
) -> None:
    assert resolver.resolve(text, None) is None


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(WEEKDAYS)
)
def test_a_weekday_is_the_last_one_on_or_before_publication(published: date, weekday: str) -> None:
    found = DateResolver().resolve(weekday, published)
    assert found is not None
    assert found.precision == 1
    assert published - timedelta(days=6) <= found.start <= published
    assert found.start.strftime("%A") == weekday
