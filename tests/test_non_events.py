"""Reports that hold no event (issue 17, class 6), and the events that must stay events.

A trade pact, a mining deal, a match, a rate decision, a road accident, an explosion at a
plant, a cyber attack, a volcano's dead, stolen goods recovered: the words of violence or of
an agreement, used for something that is not political violence or a development between
parties to a conflict.
The reports are written for these tests in the style of wire copy.
"""

from __future__ import annotations

import pytest

from conftest import CodeText, only

NON_EVENTS = {
    "trade_pact": (
        "ACCRA, Feb 6 (Reuters) - Ghana and Britain signed a trade agreement on Tuesday that "
        "removes tariffs on cocoa and gold exports, a deal both governments said would create "
        "thousands of jobs.\n\n"
        "Trade minister Kobina Mensah signed the accord in Accra after four years of talks. "
        '"This agreement opens a new market for our farmers," he said.'
    ),
    "mining_deal": (
        "LUSAKA, March 4 (Reuters) - Zambia's government signed a deal with a Canadian mining "
        "company on Monday to end a two-year dispute over copper royalties, the mines ministry "
        "said.\n\n"
        "Under the agreement, the company will pay $300 million to the state over five years."
    ),
    "football_match": (
        "LAGOS, Nov 3 (AFP) - Enyimba beat Rivers United 3-0 on Sunday, with striker Chidi "
        "Okafor firing three shots past the goalkeeper before half-time.\n\n"
        "Enyimba's attack kept pressing after the break and added a third from a header. "
        'Rivers United\'s coach said his team had been "killed by our own mistakes" and must '
        "regroup before their next league match."
    ),
    "rate_decision": (
        "NAIROBI, June 12 (Reuters) - Kenya's central bank raised its benchmark lending rate "
        "by 100 basis points to 13% on Wednesday, stepping up its battle against inflation.\n\n"
        '"The bank has fired a big shot at prices," an economist in Nairobi said. The '
        "shilling gained after the decision."
    ),
    "bus_collision": (
        "KAMPALA, July 9 (Xinhua) -- At least 19 people were killed and 12 injured when a "
        "passenger bus collided with a fuel truck on the Kampala-Masaka highway on Monday, "
        "police said.\n\n"
        "The bus driver lost control while overtaking, a traffic police spokesman said. The "
        "injured were taken to hospital in Masaka."
    ),
    "plant_explosion": (
        "TIANJIN, May 8 (Xinhua) -- Four workers were killed and nine injured when a chemical "
        "plant exploded in an industrial park in Tianjin on Wednesday morning, local "
        "authorities said.\n\n"
        "Firefighters brought the blaze under control after three hours. The cause of the "
        "explosion is under investigation."
    ),
    "cyber_attack": (
        "SAO PAULO, Sept 3 (Reuters) - Hackers attacked the websites of Brazil's tax authority "
        "on Monday, knocking them offline for several hours, officials said."
    ),
    "volcano_dead": (
        "GUATEMALA CITY, June 6 (AP) - Rescuers have found the bodies of 45 people buried by "
        "ash and mud after the eruption of a volcano west of the capital, officials said on "
        "Wednesday."
    ),
    "stolen_goods_recovered": (
        "NAKURU, Kenya, May 6 - Police in Nakuru said on Monday they had recovered stolen "
        "livestock worth 2 million shillings from a farm outside the town and returned the "
        "animals to their owners."
    ),
}


@pytest.mark.parametrize("name", sorted(NON_EVENTS))
def test_a_report_of_no_political_violence_gives_no_event(code_text: CodeText, name: str) -> None:
    article = code_text(NON_EVENTS[name])
    assert article.events == [], [e.as_dict() for e in article.events]


def test_a_protest_against_a_trade_pact_is_a_protest(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "ACCRA, Feb 8 (Reuters) - Hundreds of farmers protested in Accra on Thursday "
            "against a new trade agreement with Britain, saying it would flood the market with "
            "cheap imports."
        )
    )
    assert ev.event_type == "Protests"


def test_a_ceasefire_between_an_army_and_rebels_is_an_agreement(code_text: CodeText) -> None:
    article = code_text(
        "BAMAKO, March 2 (AFP) - Mali's army and the CMA rebel alliance agreed a ceasefire on "
        "Saturday after a week of clashes around Kidal, both sides said."
    )
    assert any(e.sub_event_type == "Agreement" for e in article.events)


def test_a_prisoner_swap_told_after_its_ceasefire_is_an_agreement(code_text: CodeText) -> None:
    article = code_text(
        "ADEN, Oct 2 (Reuters) - Yemen's government and southern separatists agreed a truce "
        "on Tuesday.\n\n"
        "Under the deal, both sides will free 40 men held since the summer."
    )
    assert any(e.sub_event_type == "Agreement" for e in article.events)


def test_a_car_bomb_is_an_explosion(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "KANDAHAR, May 4 (Reuters) - A car bomb exploded outside a police station in "
            "Kandahar on Tuesday, killing six police officers, officials said."
        )
    )
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.fatalities == 6


def test_a_bomb_at_a_factory_is_an_explosion(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "QUETTA, Jan 9 (AFP) - A bomb planted near a cement factory exploded on Monday, "
            "killing three workers, police said."
        )
    )
    assert ev.event_type == "Explosions/Remote violence"


def test_police_killing_a_man_after_a_crash_is_an_event(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "NAIROBI, April 2 - Police shot dead a man in Nairobi on Monday after a crash "
            "between his car and a police vehicle, witnesses said."
        )
    )
    assert ev.fatalities == 1


def test_gunmen_firing_on_fans_at_a_match_is_an_attack(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "MOGADISHU, Aug 11 (Reuters) - Gunmen opened fire on fans watching a league match "
            "at a stadium in Mogadishu on Friday, killing two people, police said. The home "
            "club's striker and goalkeeper were unhurt."
        )
    )
    assert ev.fatalities == 2
    assert ev.event_type == "Violence against civilians"
