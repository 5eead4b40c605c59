"""Linking in memory: what two reports share, what it is worth, and where candidates are found.

The store's own linking is tested on both backends in test_store.py; these tests use the
in-memory twin the benchmark times, with events built by hand.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from newsevents.link import linker
from newsevents.link.linker import Commonness, LinkEvent, MemoryLinker, evidence, score
from newsevents.link.terms import distinctive_terms


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def shooting(key: int, when: str, published: str, text: str, town: str = "Chicago") -> LinkEvent:
    return LinkEvent(
        key=key,
        doc=f"d{key}",
        day=day(when),
        published=day(published),
        iso3="USA",
        admin1="illinois",
        location=town.lower(),
        latitude=41.85,
        longitude=-87.65,
        event_type="Violence against civilians",
        fatalities=1,
        terms=distinctive_terms(text),
    )


FIRST = (
    "A man was shot dead outside the Brzezinski Hardware store on Archer Avenue late Friday. "
    "Police named him as Tavaris Okafor, 27, of Bridgeport."
)
VERDICT = (
    "A jury on Tuesday found Lionel Ashcombe guilty of killing Tavaris Okafor, 27, outside "
    "the Brzezinski Hardware store on Archer Avenue last spring."
)
ELSEWHERE = "Two men were wounded near the Wentworth Gardens homes on Thursday, police said."


def test_the_ages_a_report_gives_are_distinctive_terms() -> None:
    terms = distinctive_terms("A 19-year-old man died. Maria Lopez, 34, of Elgin was hurt.")
    assert terms["age:19"] == terms["age:34"] > 0
    assert "age:19" in distinctive_terms("The victim, 19 years old, was taken to hospital.")


def test_a_word_is_counted_once_for_each_incident_that_uses_it() -> None:
    a, b, c = (shooting(k, "2024-05-03", "2024-05-04", FIRST) for k in (1, 2, 3))
    per_event = Commonness.of([a, b, c])
    per_incident = Commonness.of([a, b, c], {1: 7, 2: 7, 3: 8})
    assert per_event.terms["okafor"] == 3
    assert per_incident.terms["okafor"] == 2


def test_a_shared_rare_word_is_worth_less_where_many_incidents_use_it() -> None:
    a = shooting(1, "2024-05-03", "2024-05-04", FIRST)
    b = shooting(2, "2024-05-03", "2024-05-04", FIRST)
    rare = Commonness.of([a, b], {1: 1, 2: 1})
    crowded = Commonness.of([a, b], {1: 1, 2: 1})
    crowded.terms.update(dict.fromkeys(a.terms, 30))
    assert evidence(a, b, rare)["shared_words"] > evidence(a, b, crowded)["shared_words"]
    assert score(a, b, rare) > score(a, b, crowded)


def test_evidence_names_what_agrees_and_what_does_not() -> None:
    a = shooting(1, "2024-05-03", "2024-05-04", FIRST)
    b = shooting(2, "2024-05-05", "2024-05-12", ELSEWHERE, town="Gary")
    found = evidence(a, b, Commonness.of([a, b]))
    assert found["day_gap_2"] == 1.0
    assert found["published_gap_8_30"] == 1.0
    assert "same_location" not in found
    assert "shared_words" not in found
    twin = dataclasses.replace(a, key=9, doc="d9")  # the same event, told by another report
    assert score(a, b, Commonness.of([a, b])) < linker.THRESHOLD < score(a, twin, Commonness())
    assert score(a, dataclasses.replace(a, key=8), Commonness()) == -math.inf  # one report


def test_a_report_of_the_verdict_a_year_later_finds_the_shooting() -> None:
    first = shooting(1, "2024-05-03", "2024-05-04", FIRST)
    other = shooting(2, "2024-05-03", "2024-05-04", ELSEWHERE)
    # The coder dates the verdict report's event to the verdict: eleven months on.
    verdict = shooting(3, "2025-04-08", "2025-04-09", VERDICT)
    assert "okafor" in first.recall_terms
    memory = MemoryLinker()
    for e in (first, other, verdict):
        memory.add([e])
    assert sorted(sorted(e.key for e in g) for g in memory.incidents().values()) == [[1, 3], [2]]


def test_a_word_too_many_events_use_is_not_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linker, "RECALL_MAX", 1)
    memory = MemoryLinker()
    memory.add([shooting(1, "2024-05-03", "2024-05-04", FIRST)])
    memory.add([shooting(2, "2024-05-10", "2024-05-11", FIRST)])
    # Two events a week apart use the verdict's rare words: more than RECALL_MAX, no clue.
    assert memory.block([shooting(3, "2025-04-08", "2025-04-09", VERDICT)]) == []


def _cluster_scored_by_hand(
    monkeypatch: pytest.MonkeyPatch, table: dict[tuple[int, int], float]
) -> list[list[int]]:
    """Reports 1, 2 and 3 and report r's two events 4 and 5, clustered with the pair scores
    of `table` (by key, in either order; -10 for a pair it does not give)."""
    a, b, c = (shooting(k, "2024-05-03", "2024-05-04", FIRST) for k in (1, 2, 3))
    r4, r5 = (dataclasses.replace(a, key=k, doc="r") for k in (4, 5))

    def scored(x: LinkEvent, y: LinkEvent, _common: Commonness) -> float:
        if x.doc == y.doc:
            return -math.inf
        return table.get((x.key, y.key), table.get((y.key, x.key), -10.0))

    monkeypatch.setattr(linker, "score", scored)
    return linker.cluster([a, b, c, r4, r5])


def test_a_side_event_gives_way_to_two_groups_its_report_s_main_event_joins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Report r tells its shooting (5) and another it names in passing (4), whose words are
    the report's own, so 4 scores well with the shooting's first reports (1, 2) and joins
    them first. When 5's group (5, 3) and theirs come to join, one of r's two events must
    go: 4, which fits the two groups together worse than 5 does. Before, r's two events kept
    the two groups of one shooting apart."""
    table = {
        (4, 1): 5.0, (4, 2): 5.0, (1, 2): 4.0,  # the side event with the first reports
        (5, 3): 3.0,  # the main event with a later report
        (5, 1): 2.0, (5, 2): 2.0, (3, 1): 2.0, (3, 2): 2.0,  # the shooting, across
        (4, 3): -4.0,  # the side event is no part of what 3 tells
    }  # fmt: skip
    assert _cluster_scored_by_hand(monkeypatch, table) == [[1, 2, 3, 5], [4]]


def test_the_event_that_fits_both_groups_worse_is_the_one_that_gives_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Which of a report's events is the side one is settled by the two groups together:
    here 5, with the later report 3 alone, fits the first reports (1, 2) badly, while 4
    fits all three; 5 gives way, and the one shooting is one group."""
    table = {
        (4, 1): 5.0, (4, 2): 5.0, (1, 2): 4.0,
        (5, 3): 3.5,
        (5, 1): -2.0, (5, 2): -2.0, (3, 1): 2.0, (3, 2): 2.0,
        (4, 3): 3.0,
    }  # fmt: skip
    assert _cluster_scored_by_hand(monkeypatch, table) == [[1, 2, 3, 4], [5]]


STRIKE = (
    "A Russian missile hit a five-storey apartment block in Kryvyi Rih, killing four people, "
    "regional governor Serhiy Lysak said on Telegram. Mayor Oleksandr Vilkul said rescuers "
    "were searching the rubble on Prospekt Metalurhiv."
)


NEXT_STRIKE = (
    "An Iskander missile struck an industrial site in Kryvyi Rih's Saksahanskyi district, killing "
    "two workers at the Inhulets ore plant, governor Serhiy Lysak said. President Volodymyr "
    "Zelenskyy urged Western allies to speed up deliveries of Patriot systems."
)


TOLL = (
    "The toll from Wednesday's missile strike on an apartment block on Prospekt Metalurhiv in "
    "Kryvyi Rih rose to seven, Mayor Oleksandr Vilkul said, as rescuers ended their search."
)


def strike(key: int, when: str, published: str, fresh: bool, text: str = STRIKE) -> LinkEvent:
    e = shooting(key, when, published, text, town="Kryvyi Rih")
    # The town's own name is compared as a place, not as a shared word (LinkEvent.of).
    terms = {t: w for t, w in e.terms.items() if t not in ("kryvyi", "rih")}
    return dataclasses.replace(e, iso3="UKR", admin1="dnipropetrovsk", terms=terms, fresh=fresh)


def test_an_event_is_fresh_news_when_its_report_dates_it_in_words_and_soon() -> None:
    told = {"field": "event_type", "quote": "A missile hit a block in Kryvyi Rih on Sunday."}
    record = {
        "event_date": "2024-11-10",
        "time_precision": 1,
        "evidence": [told, {"field": "event_date", "quote": "on Sunday"}],
    }
    assert linker.is_fresh(record, date(2024, 11, 11))
    # Published a week on (a rising toll, a funeral), it is a later report of the event.
    assert not linker.is_fresh(record, date(2024, 11, 17))
    # The day taken from elsewhere (the coder quotes the sentence itself), or only a month.
    borrowed = {**record, "evidence": [told, {**told, "field": "event_date"}]}
    assert not linker.is_fresh(borrowed, date(2024, 11, 11))
    assert not linker.is_fresh({**record, "time_precision": 3}, date(2024, 11, 11))
    assert not linker.is_fresh({**record, "recalled": True}, date(2024, 11, 11))
    assert not linker.is_fresh(record, None)


def test_two_strikes_on_one_town_two_weeks_apart_stay_two_incidents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Both reports tell their strike as the day's news; they share the town, the type and
    # the governor, as reports of one town's strikes do.
    first = strike(1, "2024-11-13", "2024-11-13", fresh=True)
    later = strike(2, "2024-11-27", "2024-11-27", fresh=True, text=NEXT_STRIKE)
    # A report four days on, of the first strike's rising toll, is no fresh news of it.
    toll = strike(3, "2024-11-13", "2024-11-17", fresh=False, text=TOLL)
    common = Commonness.of([first, later, toll])
    assert evidence(first, later, common)["fresh_apart"] == 1.0
    assert "fresh_apart" not in evidence(first, toll, common)

    def incidents(*events: LinkEvent) -> list[list[int]]:
        memory = MemoryLinker()
        for e in events:
            memory.add([e])
        return sorted(sorted(e.key for e in g) for g in memory.incidents().values())

    assert incidents(first, later, toll) == [[1, 3], [2]]
    assert incidents(first, later) == [[1], [2]]
    monkeypatch.setitem(linker.WEIGHTS, "fresh_apart", 0.0)
    # What the town, the governor and the type alone would make of the two strikes.
    assert incidents(first, later) == [[1, 2]]
