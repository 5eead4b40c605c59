"""Several events in one report (issue 17, class 7): one event per day, town, actor pair and
type, each with its own toll; a roundup of the towns or a national total is no town's toll."""

from __future__ import annotations

from conftest import CodeText
from newsevents.model import Article, Event


def _at(article: Article, town: str) -> Event:
    found = [e for e in article.events if e.location == town]
    assert len(found) == 1, [(e.location, e.fatalities) for e in article.events]
    return found[0]


def test_each_town_keeps_the_toll_told_in_its_own_sentence(code_text: CodeText) -> None:
    a = code_text(
        "ISLAMABAD (Wire) - Militants attacked a police checkpoint in Bannu on Tuesday, "
        "killing four officers in an exchange of fire that went on for an hour, police said.\n\n"
        "Later the same day, a bomb hidden in a motorcycle went off near a bus stop in Quetta, "
        "killing two passers-by and wounding six others, officials said."
    )
    bannu, quetta = _at(a, "Bannu"), _at(a, "Quetta")
    assert bannu.fatalities == 4
    assert quetta.fatalities == 2
    assert quetta.injuries == 6


def test_a_toll_told_after_the_town_is_that_towns(code_text: CodeText) -> None:
    a = code_text(
        "GOMA (Wire) - Rebels shot dead nine farmers near the town of Beni in North Kivu "
        "province on Monday, a local official said.\n\n"
        "On the same day, rebels ambushed an army convoy near Butembo, and two soldiers "
        "were killed, an army spokesman said."
    )
    assert _at(a, "Beni").fatalities == 9
    assert _at(a, "Butembo").fatalities == 2


def test_a_roundup_of_the_towns_is_no_towns_toll(code_text: CodeText) -> None:
    a = code_text(
        "ERBIL (Wire) - Two bombs killed five people in northern Iraq on Sunday, security "
        "officials said.\n\n"
        "In Kirkuk, a bomb left by the roadside struck a minibus, killing three passengers.\n\n"
        "In Mosul, a bomb attached to a police car exploded, killing two officers."
    )
    assert _at(a, "Kirkuk").fatalities == 3
    assert _at(a, "Mosul").fatalities == 2
    assert all(e.fatalities != 5 for e in a.events)


def test_a_national_total_is_not_an_events_count(code_text: CodeText) -> None:
    a = code_text(
        "NAIROBI (Wire) - Police fired tear gas at students protesting against fee increases "
        "in Nairobi on Tuesday.\n\n"
        "In Nairobi, officers detained 25 students, a police spokesman said.\n\n"
        "In Mombasa, several hundred students marched peacefully to the county offices.\n\n"
        "The police said 600 people had been arrested nationwide since the protests began."
    )
    nairobi = _at(a, "Nairobi")
    assert nairobi.arrests == 25
    assert all(e.arrests in (None, 0, 25) for e in a.events)


def test_a_region_with_its_own_toll_is_an_event_of_its_own(code_text: CodeText) -> None:
    # The second attack is told only by its region, which does not hold the first town.
    a = code_text(
        "OUAGADOUGOU (Wire) - Suspected jihadists killed eight soldiers in an attack on an "
        "army post in Djibo on Sunday, security sources said.\n\n"
        "In the Centre-Nord region, gunmen on motorbikes shot dead four herders at a watering "
        "point, a local official said."
    )
    assert _at(a, "Djibo").fatalities == 8
    assert _at(a, "Centre-Nord").fatalities == 4
