"""Background told as context: earlier events a report recalls are not its news.

Each report is written for this test in the style of wire copy. The news event keeps its own
toll; the recalled event gives it no count and is no event of its own.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import CodeText, only

pytestmark = pytest.mark.slow


def test_an_attack_years_after_another_keeps_its_own_toll(code_text: CodeText) -> None:
    a = code_text(
        "MOGADISHU, March 12 (NWS) - A car bomb killed four people outside a hotel in "
        "Mogadishu on Tuesday, police said. The blast came almost two years after 30 people "
        "were killed in a truck bombing at the city's busiest junction."
    )
    ev = only(a)
    assert (ev.fatalities, ev.event_date) == (4, date(2024, 3, 12))
    assert ev.sub_event_type == "Remote explosive/landmine/IED"


def test_last_months_massacre_is_no_event(code_text: CodeText) -> None:
    a = code_text(
        "BAMAKO, March 13 (NWS) - Soldiers and jihadist fighters clashed near Diafarabe on "
        "Wednesday, leaving six soldiers dead, the army said. Last month's massacre in the "
        "same district left 40 villagers dead."
    )
    ev = only(a)
    assert ev.fatalities == 6
    assert ev.event_type == "Battles"


def test_a_conflicts_toll_so_far_is_not_the_news_events(code_text: CodeText) -> None:
    a = code_text(
        "GOMA, March 11 (NWS) - Rebels ambushed an army convoy near Rutshuru on Monday, "
        "killing three soldiers, a military spokesman said. The rebellion has killed more "
        "than 7,000 people since 2021, according to the United Nations."
    )
    ev = only(a)
    assert ev.fatalities == 3


def test_a_dated_earlier_attack_is_background(code_text: CodeText) -> None:
    a = code_text(
        "PESHAWAR, March 14 (NWS) - Gunmen shot dead two policemen guarding a polio "
        "vaccination team in Peshawar on Thursday, officials said. In the 2019 attack on the "
        "same district, 11 officers died, and on 3 January a suicide bomber killed 14 "
        "worshippers at a mosque in the city."
    )
    ev = only(a)
    assert (ev.fatalities, ev.event_date) == (2, date(2024, 3, 14))


def test_a_recent_event_told_with_its_own_day_stays_news(code_text: CodeText) -> None:
    a = code_text(
        "KANO, March 14 (NWS) - Gunmen killed five traders on a highway near Kano on "
        "Wednesday, a day after bandits killed three farmers in a village near Katsina on "
        "Tuesday, police said."
    )
    tolls = sorted((e.event_date, e.fatalities) for e in a.events)
    assert tolls == [(date(2024, 3, 12), 3), (date(2024, 3, 13), 5)]


def test_a_report_of_a_trial_still_codes_the_crime_it_is_about(code_text: CodeText) -> None:
    a = code_text(
        "A man was sentenced on Thursday to life in prison for shooting dead two "
        "security guards at a bank in Kampala on 5 June 2022.",
    )
    ev = only(a)  # the shooting is the report's lead, however long ago: not background
    assert (ev.event_date, ev.sub_event_type) == (date(2022, 6, 5), "Attack")
