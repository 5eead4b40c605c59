"""Linking across languages and outlets, in memory: reports' words keyed in Latin letters and
compared by their consonants, the places a report names as gazetteer ids, named groups, the
bonus two reports in two languages get for agreeing on the place, and recalled events.

The events are built by hand from records as the coder writes them, with terms read from short
texts written for these tests. What is asserted is where a pair's score falls against
linker.THRESHOLD and which evidence it carries, not its exact value: the weights are refitted.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from newsevents.link import linker
from newsevents.link.linker import (
    Commonness,
    LinkEvent,
    MemoryLinker,
    evidence,
    named_groups,
    score,
    skeleton,
)
from newsevents.link.terms import (
    MAX_PLACES,
    PLACE_PREFIX,
    PLACE_WEIGHT,
    distinctive_terms,
    place_terms,
)

AKTOBE_ID = 610611
ATYRAU_ID = 609924
# The towns a report names, as the coder keys them (gazetteer.place_keys).
AKTOBE_KEY = "KAZ:aktobe"
ATYRAU_KEY = "KAZ:atyrau"

AKTOBE = {
    "country": "Kazakhstan",
    "iso3": "KAZ",
    "admin1": "Aktobe",
    "location": "Aktobe",
    "latitude": 50.28,
    "longitude": 57.21,
    "geonames_id": AKTOBE_ID,
    "geo_precision": 1,
}
ATYRAU = {  # some 500 km from Aktobe
    "country": "Kazakhstan",
    "iso3": "KAZ",
    "admin1": "Atyrau",
    "location": "Atyrau",
    "latitude": 47.12,
    "longitude": 51.88,
    "geonames_id": ATYRAU_ID,
    "geo_precision": 1,
}
KAZAKHSTAN = {  # placed only in the country
    "country": "Kazakhstan",
    "iso3": "KAZ",
    "admin1": None,
    "location": "Kazakhstan",
    "latitude": 48.0,
    "longitude": 68.0,
    "geonames_id": 1522867,
    "geo_precision": 3,
}

RU_AKTOBE = (
    "АКТОБЕ, 8 сентября — Вооруженные люди напали в воскресенье на воинскую часть в Актобе. "
    "По словам акима области Ерлана Сапарбаева, погибли четыре военнослужащих."
)
EN_AKTOBE = (
    "ALMATY, Sept 8 - Gunmen attacked an army unit in Aqtobe on Sunday, killing six soldiers, "
    "regional governor Yerlan Saparbayev told reporters."
)
EN_ATYRAU = (
    "ATYRAU, Sept 8 - Two policemen were shot dead at a checkpoint outside Atyrau on Sunday, "
    "the Interior Ministry said, naming the gunman as Daulet Kenzhebekov."
)
EN_KAZAKHSTAN = (
    "Gunmen killed soldiers in western Kazakhstan on Sunday, the Defence Ministry said, "
    "without naming the place."
)


def record(place: dict[str, Any], fatalities: int, language: str, **more: Any) -> dict[str, Any]:
    return {
        "event_id": f"e-{place['location']}-{language}",
        "event_date": "2024-09-08",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Kazakhstan)",
        "actor2": "Military Forces of Kazakhstan (2019-)",
        **place,
        "fatalities": fatalities,
        "language": language,
        **more,
    }


def link_event(
    key: int,
    place: dict[str, Any],
    fatalities: int,
    language: str,
    text: str,
    places: tuple[str, ...] = (),
    **more: Any,
) -> LinkEvent:
    terms = distinctive_terms(text, language) | place_terms(places)
    rec = record(place, fatalities, language, **more)
    return LinkEvent.of(key, rec, f"d{key}", date(2024, 9, 9), terms=terms)


def ru_aktobe(key: int = 1) -> LinkEvent:
    return link_event(key, AKTOBE, 4, "ru", RU_AKTOBE, (AKTOBE_KEY,))


def en_aktobe(key: int = 2) -> LinkEvent:
    return link_event(key, AKTOBE, 6, "en", EN_AKTOBE, (AKTOBE_KEY,))


def en_atyrau(key: int = 3) -> LinkEvent:
    return link_event(key, ATYRAU, 2, "en", EN_ATYRAU, (ATYRAU_KEY,))


# ---- distinctive terms -------------------------------------------------------------------


def test_russian_names_come_back_in_latin_letters_with_their_weight() -> None:
    terms = distinctive_terms(
        "Об этом сообщил журналистам аким Сапарбаев. Нападение произошло в Актобе.", "ru"
    )
    assert terms["saparbaev"] > 0
    assert terms["aktobe"] > 0
    assert all(t.isascii() for t in terms), terms


def test_a_russian_sentences_first_word_is_not_taken() -> None:
    assert distinctive_terms("Сапарбаев заявил, что нападение отбито.", "ru") == {}
    # ... nor the first word of a later sentence, nor one after a dateline's dash.
    terms = distinctive_terms("Нападение отбито. Сапарбаев заявил об этом — Ержанов.", "ru")
    assert "saparbaev" not in terms
    assert "erzhanov" not in terms
    # Inside a sentence the same name is taken.
    assert "saparbaev" in distinctive_terms("Об этом заявил Сапарбаев.", "ru")


def test_arabic_gives_only_its_long_numbers_not_years() -> None:
    text = "قتل أربعة جنود في هجوم على ثكنة في الموصل قرب الكيلومتر 12345 عام 2023 والطريق 345 و 7"
    assert set(distinctive_terms(text, "ar")) == {"12345", "345"}


def test_arabic_indic_digits_are_keyed_as_latin_digits_and_years_are_not_taken() -> None:
    # The same report with its numbers in Arabic-Indic digits, as many outlets write them.
    text = "قتل أربعة جنود في هجوم على ثكنة في الموصل قرب الكيلومتر ١٢٣٤٥ عام ٢٠٢٣ والطريق ٣٤٥ و ٧"
    assert set(distinctive_terms(text, "ar")) == {"12345", "345"}


def test_english_is_the_default_language() -> None:
    text = (
        "A man was shot dead outside the Brzezinski Hardware store at 4410 Archer Avenue in "
        "2023. Police named him as Tavaris Okafor, 27, of Bridgeport."
    )
    terms = distinctive_terms(text)
    assert terms == distinctive_terms(text, "en")
    assert {"okafor", "4410", "age:27"} <= set(terms)


# ---- skeletons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("aktobe", "aqtobe"), ("saparbaev", "saparbayev"), ("kharkiv", "harkiv")],
)
def test_two_spellings_of_one_name_have_one_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_two_names_have_two_skeletons() -> None:
    assert skeleton("aktobe") != skeleton("atyrau")
    assert skeleton("saparbaev") != skeleton("sapargaliev")


@pytest.mark.parametrize("key", ["12345", "345", "age:19", "geo:123", "geo:KAZ:aktobe"])
def test_numbers_ages_and_gazetteer_ids_are_their_own_skeleton(key: str) -> None:
    assert skeleton(key) == key


def test_numbers_that_differ_do_not_share_a_skeleton() -> None:
    assert skeleton("12345") != skeleton("12354")
    assert skeleton("age:19") != skeleton("age:91")
    assert skeleton("geo:KAZ:aktobe") != skeleton("geo:KAZ:aqtobe")


# ---- places and groups -------------------------------------------------------------------


def test_place_terms_are_keyed_by_the_gazetteers_place() -> None:
    assert place_terms(["KAZ:aktobe", "KAZ:almaty"]) == {
        "geo:KAZ:aktobe": PLACE_WEIGHT,
        "geo:KAZ:almaty": PLACE_WEIGHT,
    }
    assert place_terms([]) == {}
    assert len(place_terms(f"KAZ:town{i}" for i in range(100))) == MAX_PLACES


def test_recall_terms_never_include_places() -> None:
    # Places weigh at least as much as the words, which are just rare enough to be followed.
    words = {"okafor": linker.RECALL_MIN_WEIGHT, "brzezinski": linker.RECALL_MIN_WEIGHT}
    places = [f"KAZ:town{i}" for i in range(linker.RECALL_TERMS + 2)]
    e = dataclasses.replace(en_aktobe(), terms=place_terms(places) | words)
    assert sorted(e.recall_terms) == ["brzezinski", "okafor"]
    assert not [k for k in e.index_keys() if k[0] == "t" and k[1].startswith(PLACE_PREFIX)]
    assert not [r for r in e.recall_ranges() if r[1].startswith(PLACE_PREFIX)]


def test_named_groups_keep_named_actors_and_drop_generic_ones() -> None:
    rec = {
        "actor1": "Islamic State",
        "assoc_actor_1": "Al Shabaab; Unidentified Armed Group (Kazakhstan)",
        "actor2": "Civilians (Kenya)",
        "assoc_actor_2": "Military Forces of Mali; Police Forces of France; Protesters (Chile)",
    }
    assert named_groups(rec) == {"islamic state", "al shabaab"}
    assert named_groups({"actor1": "Rioters (Chile)", "actor2": None}) == frozenset()
    assert named_groups({}) == frozenset()


def test_two_reports_naming_one_group_share_it() -> None:
    a = link_event(1, AKTOBE, 4, "ru", RU_AKTOBE, actor1="Islamic State")
    b = link_event(2, AKTOBE, 6, "en", EN_AKTOBE, actor1="Islamic State")
    assert a.groups == b.groups == {"islamic state"}
    assert evidence(a, b, Commonness.of([a, b]))["shared_groups"] == 1.0
    assert "shared_groups" not in evidence(a, en_aktobe(3), Commonness())


# ---- across languages --------------------------------------------------------------------


def test_one_attack_told_in_russian_and_english_scores_above_the_threshold() -> None:
    ru, en = ru_aktobe(), en_aktobe()
    assert (ru.language, en.language) == ("ru", "en")
    common = Commonness.of([ru, en])
    found = evidence(ru, en, common)
    assert found["across_same_place"] == 1.0
    assert "across_elsewhere" not in found
    # The governor's name is shared across scripts, and so is the town's gazetteer id.
    assert found["shared_word_count"] >= 2
    assert score(ru, en, common) >= linker.THRESHOLD
    assert score(ru, en, common) == score(en, ru, common)


def test_a_russian_and_an_english_report_of_two_towns_score_below_the_threshold() -> None:
    ru, far = ru_aktobe(), en_atyrau()
    common = Commonness.of([ru, far])
    found = evidence(ru, far, common)
    assert found["across_elsewhere"] == 1.0
    assert "across_same_place" not in found
    assert found["over_100km"] == 1.0
    assert score(ru, far, common) < linker.THRESHOLD
    assert score(ru, far, common) < score(ru, en_aktobe(), Commonness.of([ru, en_aktobe()]))


def test_two_reports_in_one_language_get_no_across_evidence() -> None:
    ru = ru_aktobe()
    en_as_ru = dataclasses.replace(en_aktobe(), language="ru")
    found = evidence(ru, en_as_ru, Commonness.of([ru, en_as_ru]))
    assert "same_location" in found
    assert not [k for k in found if k.startswith("across_")]
    # Nor where one report's language is unknown.
    unknown = dataclasses.replace(en_aktobe(), language=None)
    assert not [k for k in evidence(ru, unknown, Commonness()) if k.startswith("across_")]


def test_an_event_placed_only_in_the_country_is_within_a_town_of_it() -> None:
    wide = link_event(4, KAZAKHSTAN, 5, "en", EN_KAZAKHSTAN)
    town = en_aktobe()
    found = evidence(wide, town, Commonness.of([wide, town]))
    assert found["place_within"] == 1.0
    assert "other_admin1" not in found
    assert not [k for k in found if k.startswith("across_")]
    ru = ru_aktobe()
    across = evidence(wide, ru, Commonness.of([wide, ru]))
    assert across["place_within"] == 1.0
    assert across["across_within"] == 1.0
    assert "across_elsewhere" not in across


def test_memory_linker_joins_the_two_languages_and_keeps_the_other_town_apart() -> None:
    memory = MemoryLinker()
    for e in (ru_aktobe(1), en_atyrau(3), en_aktobe(2)):
        memory.add([e])
    groups = sorted(sorted(e.key for e in g) for g in memory.incidents().values())
    assert groups == [[1, 2], [3]]


# ---- recalled events ---------------------------------------------------------------------


def _day_gaps(a: LinkEvent, b: LinkEvent) -> list[str]:
    return [k for k in evidence(a, b, Commonness.of([a, b])) if k.startswith("day_gap")]


@pytest.mark.parametrize("gap", [2, 3, linker.RECALLED_DAYS])
def test_a_recalled_event_days_from_its_attack_carries_no_day_gap(gap: int) -> None:
    attack = en_aktobe()
    funeral = dataclasses.replace(ru_aktobe(), day=attack.day + gap if attack.day else None)
    assert _day_gaps(attack, funeral), "two news events days apart do carry a day gap"
    recalled = dataclasses.replace(funeral, recalled=True)
    assert _day_gaps(attack, recalled) == []
    assert _day_gaps(recalled, attack) == []


def test_a_recalled_event_weeks_from_its_attack_still_carries_the_gap() -> None:
    attack = en_aktobe()
    assert attack.day is not None
    later = dataclasses.replace(ru_aktobe(), day=attack.day + linker.RECALLED_DAYS + 3)
    assert _day_gaps(attack, dataclasses.replace(later, recalled=True)) == ["day_gap_8_30"]


def test_link_event_of_a_recalled_record_is_recalled() -> None:
    assert link_event(1, AKTOBE, 4, "ru", RU_AKTOBE, recalled=True).recalled is True
    assert ru_aktobe().recalled is False


def test_link_features_round_trip_through_json() -> None:
    e = link_event(
        7, AKTOBE, 4, "ru", RU_AKTOBE, (AKTOBE_KEY,), recalled=True, actor1="Islamic State"
    )
    e = dataclasses.replace(e, people=frozenset({"Yerlan Saparbayev"}))
    stored = json.loads(json.dumps(e.as_json()))
    back = LinkEvent.from_json(7, stored)
    assert back == e
    assert (back.language, back.geonames_id, back.groups, back.recalled) == (
        "ru",
        AKTOBE_ID,
        frozenset({"islamic state"}),
        True,
    )
    # Features stored by an earlier version, without the new fields, read as their defaults.
    old = {k: v for k, v in stored.items() if k not in ("language", "geonames_id", "groups")}
    old.pop("recalled")
    legacy = LinkEvent.from_json(7, old)
    assert (legacy.language, legacy.geonames_id, legacy.groups, legacy.recalled) == (
        None,
        None,
        frozenset(),
        False,
    )


def test_the_language_given_outranks_the_records() -> None:
    rec = record(AKTOBE, 4, "ru")
    assert LinkEvent.of(1, rec, "d1", None).language == "ru"
    assert LinkEvent.of(1, rec, "d1", None, language="kk").language == "kk"
