"""The coder on reports written for these tests in the style of wire copy."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, CodeText, only
from newsevents.cli import main


def test_parts_are_summed_into_a_whole_with_their_groups(code_text: CodeText) -> None:
    a = code_text(
        "Three soldiers and two civilians were killed when militants attacked a "
        "checkpoint near Kunduz on Tuesday, officials said."
    )
    ev = only(a)
    assert ev.fatalities == 5
    assert ev.fatalities_by_group == {"state_forces": 3, "civilians": 2}
    assert ev.event_date == date(2024, 3, 12)


def test_a_restated_toll_is_not_counted_twice(code_text: CodeText) -> None:
    a = code_text(
        "Police killed five suspected gunmen in a raid in Mombasa on Monday.\n\n"
        "Officers stormed a house and killed four gunmen inside, the police chief said. "
        "Another suspect was killed in the street after he fired at officers.\n\n"
        "The gunmen were killed in a two-hour operation, police said."
    )
    ev = only(a)
    assert ev.fatalities == 5
    assert ev.event_type == "Battles"


def test_a_running_total_is_not_an_event_count(code_text: CodeText) -> None:
    a = code_text(
        "A roadside bomb killed two police officers in Quetta on Wednesday, pushing the total "
        "death toll from this week's attacks in the province to 31, officials said."
    )
    ev = only(a)
    assert ev.fatalities == 2
    assert ev.sub_event_type == "Remote explosive/landmine/IED"


def test_no_one_killed_is_an_explicit_zero(code_text: CodeText) -> None:
    a = code_text(
        "A grenade was thrown at a bar in Bujumbura on Saturday night. No one was "
        "killed, but four people were wounded, police said."
    )
    ev = only(a)
    assert ev.fatalities == 0
    assert ev.injuries == 4
    assert ev.sub_event_type == "Grenade"


def test_threats_and_fears_are_not_events(code_text: CodeText) -> None:
    a = code_text(
        "The group threatened to kill hostages if its demands were not met, and "
        "residents fear more attacks on the town, an official said."
    )
    assert a.events == []


def test_figures_about_earlier_days_are_not_this_event(code_text: CodeText) -> None:
    a = code_text(
        "Troops killed three militants near Mosul on Thursday, the army said.\n\n"
        "The ministry had said before Thursday's operation that 40 militants had been killed "
        "and 12 arrested since the offensive began."
    )
    assert sum(e.fatalities for e in a.events) == 3
    assert all((e.arrests or 0) == 0 for e in a.events)


def test_wounded_who_survived_are_injuries_not_deaths(code_text: CodeText) -> None:
    a = code_text(
        "Two security guards were wounded, but their lives are not in danger, after "
        "a gunman opened fire at a bank in Karachi on Monday, police said."
    )
    ev = only(a)
    assert ev.fatalities == 0
    assert ev.injuries == 2


def test_people_shot_who_did_not_die_are_the_injured(code_text: CodeText) -> None:
    a = code_text(
        "Four teenagers were shot at a park in Memphis on Sunday night. One of them, "
        "a 16-year-old boy, died at the hospital, police said."
    )
    ev = only(a)
    assert (ev.fatalities, ev.injuries) == (1, 3)


def test_a_flood_is_not_an_event(code_text: CodeText) -> None:
    a = code_text(
        "At least 30 people were killed and dozens injured when floods swept through "
        "villages in Sindh province on Monday, disaster officials said."
    )
    assert a.events == []


def test_a_protest_with_arrests(code_text: CodeText) -> None:
    a = code_text(
        "Police detained more than 200 people in Minsk on Sunday as thousands "
        "protested against the election result, a rights group said."
    )
    ev = only(a)
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Protest with intervention")
    assert ev.arrests == 200
    assert ev.inter1 == 6
    assert ev.inter2 == 1
    assert ev.country == "Belarus"
    assert ev.event_date == date(2024, 3, 10)


def test_every_quote_is_the_text_at_its_offsets(code_text: CodeText) -> None:
    a = code_text(
        "Gunmen on motorbikes shot dead a village chief and his two sons in Kaduna "
        "state on Friday, police said. A fourth man was wounded."
    )
    assert a.events
    fields = set()
    for ev in a.events:
        for e in ev.evidence:
            assert a.text[e.start : e.end] == e.quote
            assert e.doc_id == "test"
            fields.add(e.field)
    assert {"event_type", "event_date", "fatalities"} <= fields


def test_event_ids_are_stable(code_text: CodeText) -> None:
    text = "Rebels shelled government positions near Idlib on Sunday, a monitor said."
    first, second = code_text(text), code_text(text)
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    assert all(e.event_id.startswith("ne-") for e in first.events)


def test_a_report_in_a_language_with_no_pack_yields_no_events_and_one_warning(
    code_text: CodeText,
) -> None:
    a = code_text(
        "Bewaffnete haben am Montag in einem Dorf im Zentrum Malis fünf Menschen getötet, "
        "wie lokale Quellen und Sicherheitskreise telefonisch mitteilten."
    )
    assert a.events == []
    assert a.language == "de"
    assert [w for w in a.warnings if "in 'de'" in w and "no pack" in w] == a.warnings
    assert len(a.warnings) == 1


def _code_examples() -> dict[str, list[dict[str, Any]]]:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return {line["doc_id"]: line["events"] for line in lines}


@pytest.fixture(scope="module")
def examples() -> dict[str, list[dict[str, Any]]]:
    return _code_examples()


def pick(events: list[dict[str, Any]], *fields: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(e[f] for f in fields) for e in events)


def test_example_raid(examples: dict[str, list[dict[str, Any]]]) -> None:
    # The raid; the checkpoint bombing the raid "came a week after" is background, no event.
    assert pick(
        examples["raid-peshawar.html"],
        "event_date",
        "event_type",
        "location",
        "fatalities",
        "injuries",
        "arrests",
    ) == [("2023-03-14", "Battles", "Peshawar", 3, 2, 1)]


def test_example_bombing_in_scraped_text(examples: dict[str, list[dict[str, Any]]]) -> None:
    assert pick(
        examples["bombing-jalalabad.txt"],
        "event_date",
        "sub_event_type",
        "location",
        "fatalities",
        "injuries",
    ) == [("2024-05-12", "Remote explosive/landmine/IED", "Jalalabad", 4, 11)]


def test_example_protest_and_riot(examples: dict[str, list[dict[str, Any]]]) -> None:
    assert pick(examples["protest-tbilisi.txt"], "event_date", "sub_event_type", "arrests") == [
        ("2023-03-08", "Protest with intervention", 63)
    ]
    assert pick(
        examples["riot-lyon.html"],
        "event_date",
        "sub_event_type",
        "fatalities",
        "injuries",
        "arrests",
    ) == [("2024-07-01", "Violent demonstration", 0, 12, 31)]


def test_example_non_event_and_two_incidents(examples: dict[str, list[dict[str, Any]]]) -> None:
    assert examples["flood-garissa.txt"] == []
    two = examples["two-attacks-nigeria.txt"]
    assert pick(two, "event_date", "sub_event_type", "fatalities") == [
        ("2024-01-15", "Attack", 7),
        ("2024-01-16", "Suicide bomb", 5),
    ]
    bomb = next(e for e in two if e["sub_event_type"] == "Suicide bomb")
    assert bomb["location"] == "Maiduguri"
    assert bomb["injuries"] == 9


def test_a_number_of_wounds_is_not_a_number_of_people(code_text: CodeText) -> None:
    a = code_text(
        "A 19-year-old man suffered three gunshot wounds in a shooting in Tulsa on "
        "Saturday and died at a hospital, police said."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert not ev.injuries
