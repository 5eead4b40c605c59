"""Who did what to whom in wire copy (issue 17, class 4): the agent and the patient read from
the parse, the source of a report kept apart from the doer, a group named only when it is
named or claims the attack, and one force never on both sides of its own event."""

from __future__ import annotations

from datetime import date

from conftest import CodeText, only
from newsevents.model import Event


def _sides(ev: Event) -> tuple[int, int]:
    a, b = sorted([ev.inter1 or 0, ev.inter2 or 0])
    return a, b


def test_who_tells_of_a_bombing_is_not_who_did_it(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "WAJIR, Kenya, May 3 (Wire) - Three police officers were killed on Friday when a "
            "roadside bomb struck their patrol vehicle near Wajir, police said."
        )
    )
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.actor1 == "Unidentified Armed Group (Kenya)"
    assert ev.actor2 == "Police Forces of Kenya"


def test_a_group_that_claims_the_attack_is_its_attacker(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "BELEDWEYNE, Somalia, March 12 (Wire) - Gunmen stormed a hotel in Beledweyne on "
            "Monday, killing five guests before soldiers ended the siege, a police officer "
            "said.\n\n"
            "Al-Shabaab claimed responsibility for the attack in a statement."
        )
    )
    assert ev.actor1 == "Al Shabaab"
    assert ev.inter1 == 2


def test_a_group_blamed_by_officials_is_the_attacker(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "BAIJI, Iraq, Feb 9 (Wire) - A bomb hidden by the road exploded beside an army "
            "truck near Baiji on Thursday, killing two soldiers, a military officer said.\n\n"
            "Officials blamed Islamic State for the blast."
        )
    )
    assert ev.actor1 == "Islamic State"
    assert _sides(ev) == (1, 2)


def test_a_claim_of_one_towns_attack_leaves_the_other_unidentified(
    code_text: CodeText,
) -> None:
    a = code_text(
        "NIAMEY, March 4 (Wire) - Suspected jihadists killed eight soldiers in an attack on "
        "an army post in Ayorou on Sunday, as gunmen killed four villagers in a separate "
        "attack near Filingue the same day, security sources said.\n\n"
        "Islamic State later claimed the Ayorou attack."
    )
    by_town = {e.location: e for e in a.events}
    assert by_town["Ayorou"].actor1 == "Islamic State"
    assert by_town["Filingue"].actor1 == "Unidentified Armed Group (Niger)"


def test_unnamed_jihadists_are_an_unidentified_armed_group(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "BAMAKO, Jan 16 (Wire) - Suspected jihadists ambushed an army convoy near Nara "
            "on Monday and killed six soldiers, the army said."
        )
    )
    assert ev.event_type == "Battles"
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2 == "Military Forces of Mali"


def test_two_forces_in_one_phrase_are_two_actors(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "KHARTOUM, May 20 (Wire) - The Sudanese army and the paramilitary Rapid Support "
            "Forces fought in Omdurman on Saturday, and at least seven people were killed, "
            "witnesses said."
        )
    )
    assert ev.event_type == "Battles"
    assert {ev.actor1, ev.actor2} == {"Military Forces of Sudan", "RSF: Rapid Support Forces"}


def test_a_countrys_shelling_is_its_forces_in_every_town(code_text: CodeText) -> None:
    a = code_text(
        "KYIV, Aug 6 (Wire) - Russian shelling killed four civilians in two Ukrainian cities "
        "on Sunday, regional officials said.\n\n"
        "In Sumy, two people were killed when shells hit a block of flats.\n\n"
        "In Kramatorsk, two people died when shells struck a market, the regional "
        "governor said."
    )
    towns = {e.location: e for e in a.events}
    for town in ("Sumy", "Kramatorsk"):
        assert towns[town].sub_event_type == "Shelling/artillery/missile attack"
        assert towns[town].actor1 == "Military Forces of Russia"
        assert towns[town].inter1 == 8
        assert towns[town].actor2 == "Civilians (Ukraine)"


def test_a_strike_on_people_hits_civilians_not_the_force_fighting_nearby(
    code_text: CodeText,
) -> None:
    ev = only(
        code_text(
            "NAIROBI, Oct 2 (Wire) - A drone strike killed dozens of people at a livestock "
            "market near Dessie on Saturday, residents said, as fighting between the federal "
            "army and regional militias went on."
        )
    )
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor2 == "Civilians (Ethiopia)"


def test_demonstrators_who_turn_violent_are_rioters(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "LUSAKA, June 8 (Wire) - Protesters threw stones at police and burned tyres in "
            "Kitwe on Thursday, and officers fired tear gas to disperse them, police said."
        )
    )
    assert ev.sub_event_type == "Violent demonstration"
    assert ev.inter1 == 5
    assert ev.actor1 == "Rioters (Zambia)"


def test_arrests_at_a_vigil_are_a_protest_broken_up(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "MINSK, Aug 10 (Wire) - Police detained 30 people at a candlelit vigil in Minsk "
            "on Sunday evening, a rights group said."
        )
    )
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Protest with intervention")
    assert _sides(ev) == (1, 6)


def test_arrests_before_a_rally_stay_arrests(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "KAMPALA, Nov 3 (Wire) - Police arrested 20 opposition activists in Kampala on "
            "Friday, two days before a planned rally, a party spokesman said."
        )
    )
    assert ev.sub_event_type == "Arrests"


def test_a_gunfight_between_rival_gangs_has_gangs_on_both_sides(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "Five people were killed in a gunfight between rival gangs in Tijuana on Sunday, "
            "state prosecutors said."
        )
    )
    assert ev.event_type == "Battles"
    assert _sides(ev) == (3, 3)


def test_the_taliban_are_afghanistans_forces_after_august_2021(code_text: CodeText) -> None:
    before = only(
        code_text(
            "KABUL (Wire) - Taliban fighters attacked a police checkpoint in Ghazni on "
            "Tuesday, killing three police officers, officials said.",
            published=date(2020, 6, 10),
        )
    )
    assert before.actor1 == "Taliban"
    assert before.inter1 == 2
    after = only(
        code_text(
            "KABUL (Wire) - Islamic State gunmen attacked a Taliban checkpoint in Jalalabad "
            "on Tuesday, killing two Taliban fighters, officials said.",
            published=date(2023, 6, 14),
        )
    )
    assert after.event_type == "Battles"
    assert "Military Forces of Afghanistan (2021-)" in (after.actor1, after.actor2)


def test_no_reports_of_clashes_is_no_clash(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "Several thousand people marched through Dakar on Friday to demand the release "
            "of jailed opposition figures. There were no reports of clashes."
        )
    )
    assert ev.sub_event_type == "Peaceful protest"


def test_a_suicide_car_bomber_is_an_attack_not_a_suicide(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "MOGADISHU, July 7 (Wire) - A suicide car bomber rammed the gate of a military "
            "base in Jowhar on Friday, killing six soldiers, an officer said."
        )
    )
    assert ev.sub_event_type == "Suicide bomb"
    assert ev.fatalities == 6


def test_gunmen_firing_on_worshippers_are_an_attack_though_forces_fire_back(
    code_text: CodeText,
) -> None:
    ev = only(
        code_text(
            "KANDAHAR (Wire) - Gunmen opened fire on worshippers leaving a mosque in Kandahar "
            "on Friday, killing five civilians, police said. Security forces later exchanged "
            "fire with the attackers."
        )
    )
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert ev.actor2 == "Civilians (Afghanistan)"


def test_a_lone_gunman_who_opened_fire_set_off_no_explosive(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "A lone gunman opened fire during a film screening at a cinema in Tulsa on "
            "Saturday night, killing two people and wounding five before he was arrested, "
            "police said. Witnesses said the blasts of gunfire sent people running for the "
            "exits."
        )
    )
    assert ev.event_type == "Violence against civilians"
    assert ev.sub_event_type == "Attack"


def test_grenades_the_attackers_carried_are_not_the_weapon_that_struck(
    code_text: CodeText,
) -> None:
    ev = only(
        code_text(
            "QUETTA (Wire) - Militants armed with grenades and rifles stormed a police "
            "compound in Quetta on Monday and killed three officers in a gunbattle that "
            "lasted two hours, officials said."
        )
    )
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert _sides(ev) == (1, 3)


def test_shells_that_hit_in_a_past_clause_are_no_habit(code_text: CodeText) -> None:
    ev = only(
        code_text(
            "Three people were killed in Kherson on Tuesday when shells hit a bus stop, the "
            "regional governor said."
        )
    )
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
