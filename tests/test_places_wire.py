"""Where wire reports put their events: a dateline names where the report was filed, and is
the event's place only when nothing closer (the event's own sentence, the title, the places
the body tells things at) says otherwise; rivers are no towns; a town opening a paragraph
('Near X, ...') is a place, not a person."""

from __future__ import annotations

from datetime import date

from conftest import CodeText
from newsevents.extract import Extractor
from newsevents.ingest.sources import make_article
from newsevents.model import Article

MARCH = date(2024, 3, 14)


def _code_titled(extractor: Extractor, title: str, text: str) -> Article:
    fields: dict[str, object] = {"title": title, "text": text}
    fields["published"], fields["published_from"] = MARCH, "input"
    return extractor.code(make_article("wire", "wire", fields, cli_published=None))


def test_a_dateline_in_the_capital_is_not_where_a_clash_in_the_provinces_was(
    code_text: CodeText,
) -> None:
    a = code_text(
        "MANILA (AP) - Communist guerrillas ambushed an army patrol in the hills above Bayugan, "
        "a farming town in Agusan del Sur province, on Tuesday, killing three soldiers, the "
        "military said.\n\n"
        "On Saturday, two rebels died in a clash with troops, an army spokesman said.\n\n"
        "The New People's Army has waged a rural insurgency for more than five decades.",
        published=MARCH,
    )
    assert a.events
    assert {e.location for e in a.events} == {"Bayugan"}


def test_a_dateline_abroad_is_no_events_place(code_text: CodeText) -> None:
    # Filed from the neighbour's capital: the strike told only by its region, and the one
    # told with no place at all, are in Myanmar, never in Bangkok.
    a = code_text(
        "BANGKOK, March 12 (Reuters) - Myanmar military jets bombed a village in Sagaing region "
        "on Monday, killing 11 people, residents and a resistance group said.\n\n"
        "On Friday, a drone strike on a monastery killed two monks, the group said.\n\n"
        "The junta did not respond to requests for comment. Myanmar has been in turmoil since "
        "the army seized power in 2021.",
        published=MARCH,
    )
    assert len(a.events) == 2
    assert {e.iso3 for e in a.events} == {"MMR"}
    assert all(e.location != "Bangkok" for e in a.events)


def test_the_titles_town_comes_before_the_dateline(extractor: Extractor) -> None:
    a = _code_titled(
        extractor,
        "Separatists kill four soldiers in Kumbo ambush",
        "YAOUNDE, March 12 (Reuters) - Anglophone separatists killed four soldiers on Sunday "
        "in an ambush on a military convoy, the army said in a statement.\n\n"
        "The convoy was carrying supplies to troops stationed in Kumbo, a town in the North-West "
        "region, when fighters opened fire from the bush.\n\n"
        "The conflict has killed more than 6,000 people since 2017.",
    )
    assert [(e.location, e.admin1) for e in a.events] == [("Kumbo", "North-West")]


def test_a_rivers_name_is_no_town(code_text: CodeText) -> None:
    # 'the Agusan river' is not the town of Agusan: the clash is where the report was filed.
    a = code_text(
        "BUTUAN, Philippines (Reuters) - Soldiers clashed with communist New People's Army "
        "guerrillas along the Agusan river on Wednesday, killing two rebels, the army said.\n\n"
        "A soldier was wounded in the firefight, which lasted about an hour, an army spokesman "
        "said.\n\nThe rebels have waged a Maoist insurgency since 1969.",
        published=MARCH,
    )
    assert [e.location for e in a.events] == ["Butuan"]


def test_a_town_opening_a_paragraph_is_the_events_place(code_text: CodeText) -> None:
    # 'Near Wum' read as a person's name must not hide the town; the mortar's town is its
    # sentence's, however the parse hangs 'landed' on 'fired'.
    a = code_text(
        "YAOUNDE, March 12 (Reuters) - Separatist fighters attacked two towns in Cameroon's "
        "English-speaking regions on Sunday, killing at least seven people, officials said.\n\n"
        "Near Wum, armed men stormed a village market and shot four traders dead.\n\n"
        "In Mamfe, three soldiers died when their vehicle hit a roadside bomb, an army officer "
        "said.",
        published=MARCH,
    )
    assert {e.location for e in a.events} == {"Wum", "Mamfe"}
    b = code_text(
        "YAOUNDE, March 12 (Reuters) - Separatist fighters attacked two towns in Cameroon's "
        "English-speaking regions on Sunday, killing at least seven people, officials said.\n\n"
        "In Batibo, gunmen shot dead four villagers at a market.\n\n"
        "Rockets fired by the rebels also landed in Mamfe, killing three children, a local "
        "official said.",
        published=MARCH,
    )
    assert {e.location for e in b.events} == {"Batibo", "Mamfe"}


def test_a_local_reports_dateline_is_its_place(code_text: CodeText) -> None:
    # Local news names no other place where things happened (a hospital's town and a
    # suspect's home are not): the dateline's town is where the shooting was.
    a = code_text(
        "HUNTINGTON, W.Va. -- Police say a man was shot Saturday night outside a bar.\n\n"
        "The victim, 34, was taken to a hospital in Charleston, where he died. Officers "
        "arrested a 27-year-old Barboursville man early Sunday.\n\n"
        "The shooting remains under investigation, police said.",
        published=MARCH,
    )
    assert a.events
    assert {(e.location, e.admin1) for e in a.events} == {("Huntington", "West Virginia")}


def test_a_demonym_before_city_is_no_place(extractor: Extractor) -> None:
    """'the northwestern Kazakh city of Aktobe': 'Kazakh' is an old GeoNames name of
    Petropavl, and is no place before 'city'."""
    article = _code_titled(
        extractor,
        "Gunmen attack police post in Kazakhstan",
        "ALMATY, March 3 (Reuters) - Gunmen attacked a police post in the northwestern Kazakh "
        "city of Aktobe early on Sunday, killing two officers, the interior ministry said.",
    )
    assert [e.location for e in article.events] == ["Aktobe"]
