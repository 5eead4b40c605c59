"""spaCy's attribute ruler, matched by dictionary lookup instead of its Matcher.

The English pipeline's attribute_ruler sets each token's coarse part of speech and morphology
from its fine tag, its lower-case form and its dependency: 179 rules, all but 8 of one token
each. spaCy runs them through its general Matcher, which tries every rule at every token: a
sixth of the whole parse (2.3 of 13.2 s over 150 GVA reports). `fast_attribute_ruler` gives
the ruler a `match` that finds the same matches by looking rules up by tag and by word, and
tests the few other rules at each token; the ruler sets the attributes itself, in its own
order, so the Doc comes out the same, token for token (tests/test_ruler.py checks).

A rule this module cannot read (an attribute or operator it does not know) leaves the ruler
as spaCy made it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc, Token

# What a rule may test, in the order `_row` reads it from a token as the Matcher does.
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SLOT = {name: i for i, name in enumerate(_READ)}


def _row(t: Token) -> tuple[str, str, str, bool]:
    return (t.tag_, t.lower_, t.dep_, t.is_space)


Test = Callable[[tuple[Any, ...]], bool]


def _test(attr: str, spec: Any) -> Test:
    """One attribute's test, on a token's tuple of _READ values."""
    i = _SLOT[attr]
    if not isinstance(spec, dict):
        return lambda row: bool(row[i] == spec)
    if len(spec) != 1:
        raise ValueError(f"more than one operator: {spec}")
    [(op, value)] = spec.items()
    if op == "IN":
        allowed = frozenset(value)
        return lambda row: row[i] in allowed
    if op == "NOT_IN":
        barred = frozenset(value)
        return lambda row: row[i] not in barred
    if op == "REGEX":
        pattern = re.compile(value)
        return lambda row: pattern.search(str(row[i])) is not None
    raise ValueError(f"operator {op}")


# The attributes a rule is filed under, most telling first: a rule whose first token must
# have one of a few values of these (exactly, or IN a list) is looked up by them.
_INDEXES: tuple[tuple[str, ...], ...] = (("TAG", "LOWER"), ("LOWER",), ("DEP",), ("TAG",))


def _values(spec: Any) -> frozenset[Any] | None:
    """The values an exact or IN test lets through; None for any other test."""
    if not isinstance(spec, dict):
        return frozenset([spec])
    if set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


class _Rule:
    """One pattern of one rule: its tests for each token of the span it matches; the first
    token's tests that its index does not already make hold."""

    def __init__(self, attr_id: int, key: int, pattern: Sequence[Mapping[str, Any]]) -> None:
        if not pattern:
            raise ValueError("an empty pattern")
        for token in pattern:
            if set(token) - set(_READ):
                raise ValueError(f"attributes {sorted(set(token) - set(_READ))}")
        self.attr_id = attr_id
        self.key = key  # the Matcher's match id (the hash of str(attr_id))
        self.length = len(pattern)
        first = pattern[0]
        self.index: tuple[str, ...] = ()
        self.keys: list[tuple[Any, ...]] = [()]
        for attrs in _INDEXES:
            values = [_values(first[a]) if a in first else None for a in attrs]
            if all(v is not None for v in values):
                self.index = attrs
                self.keys = [(t,) for t in values[0] or ()]
                for more in values[1:]:
                    self.keys = [(*k, v) for k in self.keys for v in more or ()]
                break
        self.first = [_test(a, v) for a, v in first.items() if a not in self.index]
        self.rest = [[_test(a, v) for a, v in token.items()] for token in pattern[1:]]

    def matches_at(self, rows: Sequence[tuple[Any, ...]], start: int) -> bool:
        row = rows[start]
        for test in self.first:
            if not test(row):
                return False
        if not self.rest:
            return True
        if start + self.length > len(rows):
            return False
        for k, tests in enumerate(self.rest, start + 1):
            for test in tests:
                if not test(rows[k]):
                    return False
        return True


class FastMatch:
    """The ruler's `match`, by lookup: the same (attr_id, match_id, start, end) list, in the
    same order, as AttributeRuler.match gives."""

    def __init__(self, ruler: Any) -> None:
        tables: dict[tuple[str, ...], dict[Any, list[_Rule]]] = {}
        self.anywhere: list[_Rule] = []
        for attr_id in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            key = ruler.vocab.strings[str(attr_id)]
            for pattern in patterns:
                rule = _Rule(attr_id, key, pattern)
                if not rule.index:
                    self.anywhere.append(rule)
                    continue
                table = tables.setdefault(rule.index, {})
                for k in rule.keys:  # a value alone where the index is of one attribute
                    table.setdefault(k if len(k) > 1 else k[0], []).append(rule)
        self.tables = [
            (operator.itemgetter(*(_SLOT[a] for a in attrs)), table)
            for attrs, table in tables.items()
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = [_row(t) for t in doc]
        found = set()
        for start, row in enumerate(rows):
            for key_of, table in self.tables:
                for rule in table.get(key_of(row), ()):
                    if rule.matches_at(rows, start):
                        found.add((rule.attr_id, rule.key, start, start + rule.length))
            for rule in self.anywhere:
                if rule.matches_at(rows, start):
                    found.add((rule.attr_id, rule.key, start, start + rule.length))
        return sorted(found)


def fast_attribute_ruler(ruler: Any) -> bool:
    """Give an AttributeRuler the lookup `match`; False (and the ruler as it was) where one
    of its rules is beyond what FastMatch reads."""
    try:
        match = FastMatch(ruler)
    except (ValueError, KeyError, TypeError):
        return False
    ruler.match = match
    return True
