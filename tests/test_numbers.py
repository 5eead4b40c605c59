import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.extract.numbers import Quantity, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five", Quantity(5)),
        ("Five", Quantity(5)),
        ("twenty-three", Quantity(23)),
        ("1,000", Quantity(1000)),
        ("a dozen", Quantity(12)),
        ("two dozen", Quantity(24)),
        ("dozens", Quantity(12, vague=True)),
        ("tens", Quantity(10, vague=True)),
        ("hundreds", Quantity(100, vague=True)),
        ("tens of thousands", Quantity(10000, vague=True)),
        ("More than 1,000", Quantity(1000, low=1000)),
        ("at least 12", Quantity(12, low=12)),
        ("up to 10", Quantity(10, high=10)),
        ("between 5 and 7", Quantity(5, low=5, high=7)),
        ("about 300", Quantity(300, vague=True)),
    ],
)
def test_amounts_as_reports_write_them(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "the", "several hundred thousand dollars", "yesterday"])
def test_not_an_amount(text: str) -> None:
    assert parse_quantity(text) is None


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_with_and_without_separators(n: int) -> None:
    assert parse_quantity(str(n)) == Quantity(n)
    assert parse_quantity(f"{n:,}") == Quantity(n)


@given(st.integers(min_value=1, max_value=100_000))
def test_more_than_n_is_n_as_the_low_figure_with_no_high(n: int) -> None:
    q = parse_quantity(f"more than {n:,}")
    assert q is not None
    assert q.value == n
    assert q.low == n
    assert q.high is None


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_a_range_is_its_conservative_end(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    q = parse_quantity(f"between {lo} and {hi}")
    if lo == hi:
        return
    assert q == Quantity(lo, low=lo, high=hi)
