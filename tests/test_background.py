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


@pytest.mark.parametrize("span", ["ten days", "several days"])
def test_a_massacre_days_before_gives_the_news_event_no_toll(
    code_text: CodeText, span: str
) -> None:
    a = code_text(
        "TIRANA, March 14 (NWS) - Gunmen shot dead three men at a bakery in the port city of "
        f"Durres on Wednesday, police said, {span} after five people were killed in a "
        "nightclub shooting in the same city."
    )
    ev = only(a)
    assert (ev.fatalities, ev.event_date) == (3, date(2024, 3, 13))


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


def test_a_protest_months_before_a_law_passes_is_no_event(code_text: CodeText) -> None:
    a = code_text(
        "LISBON, March 14 (NWS) - Portugal's parliament on Thursday passed a law that raises "
        "the retirement age to 68, the speaker's office said.\n\n"
        "Tens of thousands of people protested against the plan in Porto in October."
    )
    assert a.events == []


def test_deadly_protests_earlier_this_year_are_background(code_text: CodeText) -> None:
    a = code_text(
        "ACCRA, March 13 (NWS) - Ghana's supreme court on Wednesday struck down a fuel levy "
        "introduced by the government.\n\n"
        "The levy sparked deadly protests earlier this year, in which rights groups said "
        "eleven people were killed by police."
    )
    assert a.events == []


def test_an_anniversary_remembers_an_attack_it_does_not_report_one(
    code_text: CodeText,
) -> None:
    a = code_text(
        "NAIROBI, March 9 (NWS) - Relatives of the students killed at Garissa University "
        "gathered in Garissa on Saturday to mark nine years since the attack.\n\n"
        "On April 2, 2015, al-Shabaab gunmen stormed the campus and killed 148 people."
    )
    assert a.events == []


def test_a_weeks_unrest_total_is_not_the_nights_toll(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "Six police officers were injured when stones and petrol bombs were thrown at "
            "them during rioting in Derry on Tuesday night, police said.\n\n"
            "More than 50 officers have been injured in a week of unrest across the city."
        )
    )
    assert ev.injuries == 6


def test_a_forced_march_of_captives_is_no_protest(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "Gunmen abducted 14 farmers from a village near Katsina on Monday and marched the "
            "captives into the forest, residents said."
        )
    )
    assert ev.sub_event_type == "Abduction/forced disappearance"
