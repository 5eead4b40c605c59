"""The gazetteer index, GeoNames imports, and places in coded reports."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CodeText
from newsevents.cli import main
from newsevents.geo.build import build, division_display
from newsevents.geo.gazetteer import Gazetteer, default_path
from newsevents.geo.text import ascii_name, norm
from newsevents.model import Article, Event


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(15000)


@pytest.mark.parametrize("name", ["Aqtobe", "Aktobe", "Aktyubinsk", "Актобе", "Ақтөбе"])
def test_one_town_under_all_its_names(gazetteer: Gazetteer, name: str) -> None:
    towns = [p for p in gazetteer.lookup(name) if p.level == "town"]
    assert (towns[0].geonames_id, towns[0].country_code) == (610611, "KZ")


def test_a_town_knows_its_divisions(gazetteer: Gazetteer) -> None:
    town = next(p for p in gazetteer.lookup("Aktobe") if p.level == "town")
    region = gazetteer.division(town.admin1_code)
    assert region is not None
    assert region.level == "admin1"
    assert town.admin1 == region.name == "Aktobe"
    assert town.admin2 is not None
    # A division's centroid is where its towns are, not (0, 0).
    assert region.latitude is not None
    assert region.longitude is not None
    assert 45 < region.latitude < 52
    assert 54 < region.longitude < 63


@pytest.mark.parametrize(
    ("town", "cc", "first", "second"),
    [("Nis", "RS", "Central Serbia", "Nisavski"), ("Hebron", "PS", "West Bank", "Hebron")],
)
def test_a_division_of_the_second_order_by_its_code_is_under_the_first(
    gazetteer: Gazetteer, town: str, cc: str, first: str, second: str
) -> None:
    # GeoNames codes the districts of Central Serbia and the governorates of the West Bank as
    # second-order ('RS.SE.20'); ACLED's admin1 is the region above them.
    place = next(p for p in gazetteer.lookup(town) if p.level == "town" and p.country_code == cc)
    assert place.admin1 == first
    assert place.admin2 is not None
    assert place.admin2.startswith(second)


def test_a_city_that_is_a_division_of_its_own_stays_first_order(gazetteer: Gazetteer) -> None:
    # Belgrade's code is of the second order too ('RS.SE.0'), but it is a city division.
    town = next(
        p for p in gazetteer.lookup("Belgrade") if p.level == "town" and p.country_code == "RS"
    )
    assert town.admin1 == "Belgrade"


def test_divisions_are_found_by_their_english_and_local_names(gazetteer: Gazetteer) -> None:
    for name in ("Donetsk Oblast", "Donetska oblast", "Донецкая область"):
        best = gazetteer.lookup(name)[0]
        assert (best.level, best.country_code, best.name) == ("admin1", "UA", "Donetsk")
    county = gazetteer.lookup("Cook County")[0]
    assert (county.level, county.admin1) == ("admin2", "Illinois")


def test_demonyms_and_state_abbreviations(gazetteer: Gazetteer) -> None:
    kazakh = gazetteer.country_of_demonym("Kazakh")
    assert kazakh is not None
    assert kazakh.iso3 == "KAZ"
    state = gazetteer.us_state("N.C.")
    assert state is not None
    assert state.name == "North Carolina"


def test_small_towns_only_match_above_the_threshold() -> None:
    # Aqtau's neighbour Shetpe has about 13,000 people.
    assert not [p for p in Gazetteer(15000).lookup("Shetpe") if p.level == "town"]
    assert [p for p in Gazetteer(5000).lookup("Shetpe") if p.level == "town"]
    # The towns left out are there to ask for by name, and only they.
    small = Gazetteer(15000).lookup_small("Shetpe")
    assert [(p.country_code, p.level) for p in small] == [("KZ", "town")]
    assert not Gazetteer(5000).lookup_small("Shetpe")


@pytest.mark.parametrize(
    ("name", "aliases", "shown"),
    [
        ("Donetska oblast", ["Donetsk", "Donetsk Oblast"], "Donetsk"),
        ("Ḩalab", ["Aleppo", "Aleppo Governorate"], "Aleppo"),
        ("California", ["Golden State", "Kalifornien"], "California"),
        ("Aqtöbe oblysy", ["Актюбинская Область"], "Aqtobe"),
        ("District of Columbia", ["Washington, D.C."], "District of Columbia"),
        ("Khūzestān", ["The 6th Province", "Khuzestan Province"], "Khuzestan"),
        ("Nairobi City", ["Kaunti ya Nairobi", "Nairobi County"], "Nairobi"),
        ("Veracruz de Ignacio de la Llave", ["Veracruz", "Veracruz-Llave"], "Veracruz"),
        ("Zamboanga Peninsula", ["Zamboanga", "Western Mindanao"], "Zamboanga Peninsula"),
        ("South West Delhi", ["South West"], "South West Delhi"),
    ],
)
def test_division_names_are_shown_as_acled_writes_them(
    name: str, aliases: list[str], shown: str
) -> None:
    assert division_display(name, aliases) == shown


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Beograd", "Belgrade"), ("Erevan", "Yerevan"), ("Al Quds", "Jerusalem"), ("Marib", "Marib")],
)
def test_a_division_named_for_its_city_is_shown_by_the_city_s_name(
    gazetteer: Gazetteer, name: str, shown: str
) -> None:
    # GeoNames writes the city's English name ('Belgrade') and the division's local one
    # ('Beograd'); ACLED writes both as the city. 'Ma'rib' (the town) is one spelling of
    # 'Marib' (the governorate), which stays as it is.
    divisions = [p for p in gazetteer.lookup(name) if p.level in ("admin1", "admin2")]
    assert divisions
    assert divisions[0].name == shown


# ---------------------------------------------------------------- importing GeoNames dumps
def _row(gid: int, name: str, alternates: str, fclass: str, a1: str, pop: int) -> str:
    cols = [
        str(gid), name, name, alternates, "49.9", "57.1", fclass, "PPL" if fclass == "P" else "STM",
        "KZ", "", a1, "", "", "", str(pop), "", "210", "Asia/Aqtobe", "2024-01-01",
    ]  # fmt: skip
    return "\t".join(cols)


@pytest.fixture
def own_index(tmp_path: Path, gazetteer: Gazetteer) -> Path:
    """A copy of the built index, for tests that write to it."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer.path, path)
    return path


def test_import_adds_villages_and_reports_bad_lines(tmp_path: Path, own_index: Path) -> None:
    dump = tmp_path / "KZ.zip"
    lines = [
        _row(9_900_001, "Zhanaqonys", "Жанақоныс,Zhanakonys", "P", "04", 0),
        _row(9_900_002, "Ilek River Bend", "", "H", "04", 0),  # a river bend: not a place
        "9900003\tBroken row\twith too few columns",
        _row(9_900_004, "Qaragash", "", "P", "04", 120),
    ]
    with zipfile.ZipFile(dump, "w") as z:
        z.writestr("KZ.txt", "\n".join(lines) + "\n")
        z.writestr("readme.txt", "not data")
    result = CliRunner().invoke(
        main, ["gazetteer", "import", str(dump), "--set", f"gazetteer={own_index}"]
    )
    assert result.exit_code == 1
    assert "KZ.zip:KZ.txt:3: expected 19 tab-separated GeoNames columns, found 3" in result.output
    assert "imported 2 places" in result.output
    assert "1 rows that are not populated places skipped" in result.output

    g = Gazetteer(15000, own_index)
    village = g.lookup("Жанақоныс")
    assert [(p.geonames_id, p.level, p.admin1) for p in village] == [(9_900_001, "town", "Aktobe")]
    assert not g.lookup("Ilek River Bend")
    assert g.stats()["imported"] == 2

    # A rebuild (new package versions) keeps what the user imported.
    build(own_index)
    assert Gazetteer(15000, own_index).lookup("Zhanakonys")[0].geonames_id == 9_900_001


def test_import_of_a_file_that_is_not_a_dump_fails_with_one_line(
    tmp_path: Path, own_index: Path
) -> None:
    dump = tmp_path / "cities500.zip"
    with zipfile.ZipFile(dump, "w") as z:
        z.writestr("notes.md", "nothing here")
    result = CliRunner().invoke(
        main, ["gazetteer", "import", str(dump), "--set", f"gazetteer={own_index}"]
    )
    assert result.exit_code == 1
    assert "no GeoNames .txt file inside the zip" in result.output


def test_lookup_command(own_index: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        main, ["gazetteer", "lookup", "Aktyubinsk", "--set", f"gazetteer={own_index}"]
    )
    assert ok.exit_code == 0
    assert "610611\ttown\tAktobe" in ok.output
    missing = runner.invoke(main, ["gazetteer", "lookup", "Nowhereville Xq"])
    assert missing.exit_code == 1
    assert "no place called 'Nowhereville Xq'" in missing.output


def test_default_index_lives_in_the_cache_directory() -> None:
    assert default_path().name.startswith("gazetteer-v")
    assert "cache" in str(default_path()).lower()


# ---------------------------------------------------------------- places of coded events
def events(a: Article) -> list[Event]:
    return sorted(a.events, key=lambda e: e.location or "")


@pytest.mark.slow
def test_each_event_takes_the_place_of_its_own_mention(code_text: CodeText) -> None:
    a = code_text(
        "Gunmen killed three villagers in Bama, Borno state, on Monday, residents said.\n\n"
        "In a separate attack on Tuesday, a suicide bomber killed two worshippers at a mosque "
        "in Kano, police said."
    )
    evs = events(a)
    assert [(e.location, e.admin1, e.iso3, e.geo_precision) for e in evs] == [
        ("Bama", "Borno", "NGA", 1),
        ("Kano", "Kano", "NGA", 1),
    ]
    for e in evs:
        quoted = {x.field: x.quote for x in e.evidence}
        assert quoted["location"] == e.location


@pytest.mark.slow
def test_near_a_town_and_division_only_precisions(code_text: CodeText) -> None:
    near = code_text("Two soldiers were killed when a bomb exploded near Kunduz on Monday.")
    (ev,) = near.events
    assert (ev.location, ev.geo_precision) == ("Kunduz", 2)
    division = code_text(
        "Militants attacked a police post in Helmand province on Monday, killing four officers."
    )
    (ev,) = division.events
    assert (ev.location, ev.admin1, ev.geo_precision) == ("Helmand", "Helmand", 3)
    assert ev.latitude is not None
    assert 29 < ev.latitude < 33


@pytest.mark.slow
def test_a_county_and_a_city_state_form(code_text: CodeText) -> None:
    a = code_text(
        "A man was shot and killed outside a gas station in Macon, Ga., on Sunday night, "
        "the Bibb County Sheriff's Office said."
    )
    (ev,) = a.events
    assert (ev.location, ev.admin1, ev.admin2, ev.iso3) == ("Macon", "Georgia", "Bibb", "USA")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The state after the comma is the one that holds a town of that name, even where a
        # country shares the state's name or a bigger town shares the town's.
        (
            "A teenager was shot and killed in Columbus, Georgia, on Friday, police said.",
            ("United States", "Georgia", "Columbus"),
        ),
        (
            "Police arrested nine protesters in Batumi, Georgia, on Sunday.",
            ("Georgia", "Ajaria", "Batumi"),
        ),
        (
            "Two men were shot dead in Charlotte, North Carolina, late Friday, police said.",
            ("United States", "North Carolina", "Charlotte"),
        ),
        (
            "Gunmen killed a shopkeeper in Reynosa, Tamaulipas, on Friday night.",
            ("Mexico", "Tamaulipas", "Reynosa"),
        ),
    ],
)
def test_the_unit_after_a_comma_is_read_whole_and_holds_the_town(
    code_text: CodeText, text: str, expected: tuple[str, str, str]
) -> None:
    (ev,) = code_text(text).events
    assert (ev.country, ev.admin1, ev.location) == expected


@pytest.mark.slow
def test_an_ambiguous_name_shows_its_doubt(code_text: CodeText) -> None:
    # Two Springfields of similar size and nothing in the report to choose between them.
    plain = code_text("A man was shot dead outside a bar in Springfield on Friday, police said.")
    (ev,) = plain.events
    (where,) = [e for e in ev.evidence if e.field == "location"]
    assert where.quote == "Springfield"
    assert where.note is not None
    assert where.note.startswith("ambiguous name; also: Springfield")
    sure = code_text("A man was shot dead outside a bar in Sacramento on Friday, police said.")
    (sure_ev,) = sure.events
    assert sure_ev.admin1 == "California"
    assert [e.note for e in sure_ev.evidence if e.field == "location"] == [None]
    assert ev.confidence is not None
    assert sure_ev.confidence is not None
    assert sure_ev.confidence - ev.confidence == pytest.approx(0.1)


@pytest.mark.slow
def test_an_unknown_place_is_quoted_and_left_empty(code_text: CodeText) -> None:
    a = code_text("Gunmen killed four herders in Zorvakandi on Sunday, a local official said.")
    (ev,) = a.events
    assert (ev.location, ev.country, ev.latitude) == (None, None, None)
    (where,) = [e for e in ev.evidence if e.field == "location"]
    assert (where.quote, where.note) == ("Zorvakandi", "not in the gazetteer")


def test_letters_without_accents_are_folded_for_keys_and_display() -> None:
    assert ascii_name("Diyarbakır") == "Diyarbakir"
    assert ascii_name("Dar‘a") == "Dar'a"
    assert ascii_name("Al Biqā‘") == "Al Biqa"
    assert norm("Łódź") == norm("Lodz") == "lodz"


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("Busra Esh-Sham", "Busra ash Sham"),  # the inner article in its e-form
        ("Nabatiyeh", "Nabatiye et Tahta"),  # -iyeh for -ieh
        ("Thi Qar", "Dhi Qar"),  # Th for Dh
        ("Hoceima", "Al Hoceima"),  # the article left out
    ],
)
def test_arabic_names_are_found_under_their_other_spellings(
    gazetteer: Gazetteer, written: str, known: str
) -> None:
    found = gazetteer.lookup(written) or gazetteer.lookup_small(written)
    assert known in {p.name for p in found}


def test_a_name_spelt_with_a_doubled_letter_or_without(gazetteer: Gazetteer) -> None:
    for written, known in (
        ("Bossaso", "Bosaso"),
        ("Middle Shabelle", "Shabeellaha Dhexe"),  # GeoNames: 'Middle Shabeelle'
        ("Galgaduud", "Galguduud"),  # GeoNames: 'Galgadud Region'
        ("Rural Damascus", "Rif-dimashq"),  # 'Damascus Countryside'
    ):
        assert gazetteer.lookup(written)[0].name == known
    # Not a short word, nor a small town: 'Room' is not Rom, 'Zappala' not Zapala.
    assert gazetteer.lookup("Room") == []
    assert gazetteer.lookup("Zappala") == []


def test_a_name_found_as_the_start_of_a_longer_one_up_to_its_particle(
    gazetteer: Gazetteer,
) -> None:
    assert [p.name for p in gazetteer.lookup("Coalcoman")] == ["Coalcoman de Vazquez Pallares"]
    # The province split in two; the old name is the start of both.
    maguindanao = gazetteer.lookup("Maguindanao")
    assert {p.name for p in maguindanao} == {"Maguindanao del Norte", "Maguindanao del Sur"}
    # Only up to a particle: 'Bandar Seri' is no name of Bandar Seri Begawan.
    assert gazetteer.lookup("Bandar Seri") == []
