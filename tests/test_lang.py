"""Language packs and the lexical coder: reports in Russian, Spanish, French and Arabic come
out as the same record an English report does (ACLED's English strings, gazetteer names,
notes in English), with evidence quoted from the original text."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CodeText, only
from newsevents.cli import main
from newsevents.extract.lexsentence import Folded, _number_words
from newsevents.extract.pipeline import Extractor
from newsevents.ingest.sources import make_article
from newsevents.lang import CODES, Word, pack, packs
from newsevents.lang.__main__ import main as lang_main
from newsevents.lang.ar import fold as ar_fold
from newsevents.lang.ar import spellings as ar_spellings
from newsevents.model import Event

pytestmark = pytest.mark.slow


def _quoted(ev: Event, field_name: str, text: str) -> str:
    quotes = [e for e in ev.evidence if e.field == field_name]
    assert quotes, f"no evidence for {field_name}: {ev.evidence}"
    e = quotes[0]
    assert text[e.start : e.end] == e.quote
    return e.quote


def test_every_pack_is_listed_with_its_parser_and_versions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert lang_main(["--list"]) == 0
    out = capsys.readouterr().out
    for code, parser in [
        ("en", "en_core_web_sm"),
        ("ru", "natasha"),
        ("es", "es_core_news_sm"),
        ("fr", "fr_core_news_sm"),
        ("ar", "rules"),
    ]:
        line = next(x for x in out.splitlines() if x.startswith(code + " "))
        assert parser in line
    assert "fr-core-news-sm 3.8.0" in out
    assert "not installed" not in out
    assert [p.code for p in packs()] == list(CODES)
    assert pack("de") is None


def test_a_russian_report_is_coded_in_english_strings_with_russian_quotes(
    code_text: CodeText,
) -> None:
    text = (
        "АКТОБЕ, 6 июня — Пятеро военнослужащих погибли в воскресенье в Актобе, когда "
        "вооруженные люди напали на воинскую часть. Еще трое ранены, сообщили в МВД.\n\n"
        "По данным ведомства, задержаны двое нападавших.\n\n"
        "Напомним, в 2011 году в Актобе смертник подорвал себя у здания спецслужбы, "
        "погибли два человека."
    )
    a = code_text(text, published=date(2016, 6, 6))
    ev = only(a)
    assert a.language == "ru"
    assert ev.language == "ru"
    assert (ev.event_date, ev.country, ev.location) == (date(2016, 6, 5), "Kazakhstan", "Aktobe")
    assert (ev.fatalities, ev.injuries, ev.arrests) == (5, 3, 2)
    assert ev.event_type == "Battles"
    assert "Military Forces of Kazakhstan" in (ev.actor1, ev.actor2)
    assert _quoted(ev, "fatalities", text) == "Пятеро военнослужащих погибли"
    assert _quoted(ev, "event_date", text) == "воскресенье"
    assert ev.notes.isascii()
    assert "Russian" in ev.notes


def test_a_spanish_report_with_a_dateline_and_a_weekday(code_text: CodeText) -> None:
    text = (
        "CULIACÁN, Sinaloa.- Cuatro personas murieron y otras dos resultaron heridas la noche "
        "del sábado en un ataque armado contra un taller mecánico en Culiacán, informó la "
        "Fiscalía del estado.\n\n"
        "Según la Policía, un grupo de hombres armados llegó en dos camionetas y abrió fuego "
        "contra los trabajadores."
    )
    ev = only(code_text(text, published=date(2024, 10, 14)))
    assert ev.language == "es"
    assert (ev.event_date, ev.location, ev.country) == (date(2024, 10, 12), "Culiacan", "Mexico")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert (ev.fatalities, ev.injuries) == (4, 2)
    assert ev.actor2 == "Civilians (Mexico)"
    assert _quoted(ev, "fatalities", text).startswith("Cuatro personas murieron")


def test_a_french_report_counts_each_figure_with_its_own_word(code_text: CodeText) -> None:
    text = (
        "BAMAKO, 12 février (AFP) - Au moins sept civils ont été tués et une douzaine "
        "d'autres blessés dimanche lorsqu'un car a sauté sur un engin explosif près de "
        "Douentza, dans le centre du Mali, selon une source sécuritaire.\n\n"
        "Nous avons enterré sept corps, dont deux femmes, a précisé un élu local.\n\n"
        "Fin novembre, quatorze passagers avaient péri dans des circonstances similaires."
    )
    ev = only(code_text(text, published=date(2024, 2, 12)))
    assert ev.language == "fr"
    assert (ev.event_type, ev.sub_event_type) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert (ev.event_date, ev.location, ev.country) == (date(2024, 2, 11), "Douentza", "Mali")
    assert (ev.fatalities, ev.injuries) == (7, 12)


def test_an_arabic_report_with_clitics_and_an_arabic_date(code_text: CodeText) -> None:
    text = (
        "الموصل - أفاد مصدر أمني في محافظة نينوى بمقتل ثلاثة جنود وإصابة خمسة آخرين "
        "بانفجار عبوة ناسفة استهدفت دورية للجيش العراقي يوم السبت قرب الموصل.\n\n"
        "وأضاف المصدر أن قوة أمنية طوقت مكان الحادث."
    )
    ev = only(code_text(text, published=date(2023, 5, 14)))
    assert ev.language == "ar"
    assert (ev.event_type, ev.sub_event_type) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert ev.country == "Iraq"
    assert ev.event_date == date(2023, 5, 13)
    assert (ev.fatalities, ev.injuries) == (3, 5)
    assert _quoted(ev, "fatalities", text) in text


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Seis personas murieron este domingo en un accidente de tránsito en la carretera "
            "federal 15, cuando un autobús chocó contra un tráiler cerca de Navojoa, informó "
            "la Guardia Nacional.",
            date(2024, 4, 8),
        ),
        (
            "Семь человек погибли в воскресенье в ДТП на трассе под Махачкалой, когда "
            "автобус столкнулся с грузовиком, сообщили в МЧС.",
            date(2023, 8, 7),
        ),
    ],
)
def test_road_deaths_are_no_political_violence(
    code_text: CodeText, text: str, published: date
) -> None:
    assert code_text(text, published=published).events == []


def test_background_told_with_a_past_year_is_no_event(code_text: CodeText) -> None:
    text = (
        "В Актобе прошла церемония памяти погибших. Напомним, в 2016 году в городе "
        "вооруженные люди напали на воинскую часть, погибли семь человек."
    )
    assert code_text(text, published=date(2023, 6, 5)).events == []


def test_the_spanish_model_parses_what_the_coder_reads() -> None:
    """es_core_news_sm is 3.1.0, trained under spaCy 3.1: under 3.8 it loads with warning
    W095 (silenced by the pack) and must still give the lemmas, sentences and entities the
    coder reads."""
    es = pack("es")
    assert es is not None
    assert es.load_parser is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parser = es.load_parser()
    words = parser.parse(
        ["Tres policías murieron y dos resultaron heridos en Guayaquil. La marcha siguió."]
    )[0]
    lemmas = {w.text: w.lemma for w in words}
    assert lemmas["murieron"] == "morir"
    assert lemmas["policías"] == "policía"
    assert {w.sent for w in words} == {0, 1}
    assert any(w.text == "Guayaquil" and w.ent == "LOC" for w in words)


def test_numbers_in_words_add_up() -> None:
    ru = pack("ru")
    assert ru is not None
    folded = Folded(ru)
    words = [Word(t, 0, 0, t) for t in ("двадцать", "пять", "человек")]
    assert _number_words(words, 0, folded) == (25, 2)
    es = pack("es")
    assert es is not None
    words = [Word(t, 0, 0, t) for t in ("treinta", "y", "cinco", "personas")]
    assert _number_words(words, 0, Folded(es)) == (35, 3)


def test_arabic_words_are_read_without_their_clitics() -> None:
    assert ar_fold("والجيش") == ar_fold("الجيش") == "جيش"
    assert ar_fold("بالرصاص") == "رصاص"
    assert "الموصل" in ar_spellings("بالموصل")


def test_ingest_shows_the_no_pack_warning_too(tmp_path: Path) -> None:
    report = tmp_path / "bericht.jsonl"
    report.write_text(
        json.dumps(
            {
                "doc_id": "de-1",
                "published": "2024-03-12",
                "text": "Bewaffnete haben am Montag in einem Dorf im Zentrum Malis fünf "
                "Menschen getötet, wie lokale Quellen und Sicherheitskreise mitteilten.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["ingest", "--input", str(report), "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == 0, result.output
    assert "in 'de', a language with no pack" in result.stderr


def test_a_name_is_read_in_the_report_s_country(code_text: CodeText) -> None:
    """Santiago is a town in Chile, Spain, the Dominican Republic and more: the report's
    other places and its country words say which."""
    text = (
        "Carabineros dispersó este jueves con gases lacrimógenos una marcha de estudiantes "
        "en Santiago, que exigían más recursos para la educación pública en Chile. Al menos "
        "23 manifestantes fueron detenidos, informó la policía."
    )
    ev = only(code_text(text, published=date(2024, 4, 12)))
    assert (ev.country, ev.location) == ("Chile", "Santiago")
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Protest with intervention")
    assert ev.arrests == 23


def test_where_the_wounded_were_taken_is_not_where_it_happened(code_text: CodeText) -> None:
    text = (
        "Hombres armados mataron este sábado a tres personas en un ataque contra una tienda "
        "en Navolato, Sinaloa. Dos heridos fueron trasladados a un hospital de Culiacán."
    )
    ev = only(code_text(text, published=date(2024, 10, 13)))
    assert ev.location == "Navolato"
    assert (ev.fatalities, ev.injuries) == (3, 2)


def test_the_next_day_counts_from_the_story_s_day(code_text: CodeText) -> None:
    text = (
        "Au moins douze habitants ont été tués dimanche lors d'une attaque de gangs armés "
        "dans un quartier de Port-au-Prince, ont indiqué des organisations de défense des "
        "droits humains.\n\n"
        "Le lendemain, dans la commune voisine de Pétion-Ville, des habitants ont lynché "
        "trois hommes qu'ils accusaient d'appartenir à un gang."
    )
    events = code_text(text, published=date(2024, 8, 28)).events
    by_place = {e.location: e for e in events}
    assert set(by_place) == {"Port-au-Prince", "Petionville"}
    assert by_place["Port-au-Prince"].event_date == date(2024, 8, 25)
    assert by_place["Petionville"].event_date == date(2024, 8, 26)
    assert by_place["Petionville"].sub_event_type == "Mob violence"


def test_deaths_in_a_report_led_by_an_accident_are_no_event(code_text: CodeText) -> None:
    text = (
        "Dix-sept personnes ont péri dimanche dans une collision entre un bus et un camion "
        "près de Tambacounda, dans l'est du Sénégal.\n\n"
        "Plusieurs victimes ont perdu la vie sur le coup, selon les secours."
    )
    assert code_text(text, published=date(2024, 4, 22)).events == []


def test_a_place_in_an_oblique_case_is_read_in_its_nominative(code_text: CodeText) -> None:
    text = (
        "В воскресенье удар беспилотника по рынку в районе Кидаля унес жизни восьми мирных "
        "жителей, сообщили местные источники."
    )
    ev = only(code_text(text, published=date(2024, 2, 5)))
    assert (ev.location, ev.country) == ("Kidal", "Mali")
    assert ev.sub_event_type == "Air/drone strike"


def test_the_toll_is_the_lead_s_not_a_later_claim(code_text: CodeText) -> None:
    text = (
        "Au moins douze civils ont été tués samedi lors d'une attaque de rebelles contre un "
        "village près de Beni, selon l'armée.\n\n"
        "La société civile locale avance pour sa part un bilan de 17 morts."
    )
    ev = only(code_text(text, published=date(2023, 10, 16)))
    assert ev.fatalities == 12


def test_a_victim_told_with_an_article_is_one(code_text: CodeText) -> None:
    text = (
        "Integrantes de un grupo armado asesinaron este domingo a un líder social en zona "
        "rural de Tumaco, Nariño, informó la Defensoría del Pueblo."
    )
    ev = only(code_text(text, published=date(2024, 7, 8)))
    assert ev.fatalities == 1
    assert ev.actor2 == "Civilians (Colombia)"


def test_a_huge_report_is_read_only_up_to_max_read_chars(code_text: CodeText) -> None:
    """Report text is hostile input: a page of megabytes is cut, with a warning, and still
    gives the event its first paragraphs tell."""
    lead = (
        "Cuatro personas murieron este sábado en un ataque armado contra un taller en "
        "Culiacán, Sinaloa, informó la Fiscalía del estado.\n\n"
    )
    filler = "Los vecinos dijeron que la zona había estado tranquila durante meses. " * 30_000
    a = code_text(lead + filler, published=date(2024, 10, 14))
    assert a.language == "es"
    assert any("max_read_chars" in w for w in a.warnings)
    ev = only(a)
    assert (ev.location, ev.fatalities) == ("Culiacan", 4)


def test_an_arabic_dateline_is_the_filing_place_not_the_event_s(code_text: CodeText) -> None:
    """ "كابل-" with its dash against the word is a dateline: the event is where the lead
    sentence puts it, after its preposition and unit noun, however many words come first."""
    text = (
        "كابل- قتل سبعة أشخاص وأصيب عشرون آخرون في انفجار سيارة مفخخة استهدف سوقا في مدينة "
        "قندهار جنوبي أفغانستان اليوم الأحد، وفق ما أعلنه متحدث باسم الشرطة للجزيرة نت."
    )
    ev = only(code_text(text, published=date(2025, 3, 16)))
    assert (ev.country, ev.location) == ("Afghanistan", "Kandahar")
    assert ev.fatalities == 7


def test_the_capital_and_al_jazeera_are_no_places(code_text: CodeText) -> None:
    text = (
        "قتل ثلاثة مدنيين في قصف استهدف حيا سكنيا في العاصمة كابل اليوم الثلاثاء، بحسب ما "
        "قاله مسؤول محلي للجزيرة."
    )
    ev = only(code_text(text, published=date(2025, 3, 18)))
    assert (ev.country, ev.location) == ("Afghanistan", "Kabul")


def test_a_direction_written_small_is_no_place(code_text: CodeText) -> None:
    """ "le nord-est du Burkina Faso" names a part of the country, not Haiti's Nord-Est."""
    text = (
        "Au moins douze civils ont été tués samedi dans l'attaque d'un village du nord-est "
        "du Burkina Faso par des hommes armés, a-t-on appris lundi de sources locales."
    )
    ev = only(code_text(text, published=date(2024, 12, 9)))
    assert ev.country == "Burkina Faso"
    assert ev.fatalities == 12


def test_a_funeral_report_recalls_the_attack_it_mourns(code_text: CodeText) -> None:
    """A report whose lead is a funeral has no event: the attack it tells is recalled, dated
    by the day its own words give it (Sunday), not the funeral's (Tuesday)."""
    text = (
        "В Караганде во вторник похоронили троих полицейских, погибших при нападении на "
        "блокпост в минувшее воскресенье. Проститься с ними пришли сотни горожан.\n\n"
        "Напомним, неизвестные открыли огонь по блокпосту на въезде в город. Погибли трое "
        "полицейских, еще двое были ранены."
    )
    article = code_text(text, published=date(2024, 3, 12))
    assert article.events == []
    [recalled] = article.recalled
    assert (recalled.location, recalled.event_date) == ("Karagandy", date(2024, 3, 10))


@pytest.mark.parametrize(
    ("text", "published", "claimant"),
    [
        (
            "Au moins neuf soldats ont été tués mardi dans une embuscade près de Djibo, selon "
            "des sources sécuritaires locales.",
            date(2024, 5, 15),
            "des sources sécuritaires locales",
        ),
        (
            "Трое полицейских погибли при нападении на пост ДПС в Назрани в среду, сообщили "
            "в МВД по Ингушетии.",
            date(2024, 5, 15),
            "в МВД по Ингушетии",
        ),
        (
            "La Fiscalía de Guerrero informó que cinco personas murieron en un ataque armado "
            "contra un bar de Chilpancingo este martes.",
            date(2024, 5, 15),
            "La Fiscalía de Guerrero",
        ),
    ],
)
def test_who_gave_the_toll_is_its_claimant(
    code_text: CodeText, text: str, published: date, claimant: str
) -> None:
    """The claimant is what the report says gave the figure: the words after "selon", the
    subject of the reporting verb, a Russian speaker told as "в МВД"; never to whom it was
    said, nor the day."""
    ev = only(code_text(text, published=published))
    assert [c["claimant"] for c in ev.claims] == [claimant]
    assert ev.claims[0]["quote"] in text


def test_of_days_far_apart_the_violence_takes_its_own(code_text: CodeText) -> None:
    """A sentence dated twice ("this Tuesday" the count, "Thursday 10 October" the riots):
    the riots' day is the one told with them."""
    text = (
        "El Ayuntamiento de Nanterre ha cifrado este martes en un millón de euros los daños de "
        "los disturbios de la noche del jueves 10 de octubre, en los que fueron detenidas 14 "
        "personas."
    )
    article = code_text(text, published=date(2024, 10, 15))
    days = {e.event_date for e in [*article.events, *article.recalled]}
    assert days == {date(2024, 10, 10)}


def test_the_title_s_town_is_among_an_arabic_report_s_place_keys(extractor: Extractor) -> None:
    """The body names the city only as 'the Afghan capital Kabul', which is not read as a
    place; the title's 'في كابل' is, and is what a report in another language shares."""
    fields: dict[str, object] = {
        "title": "مقتل تسعة في هجوم على سوق في كابل",
        "text": (
            "قتل تسعة أشخاص وأصيب عشرون آخرون في انفجار عبوة ناسفة استهدف سوقا شعبية غربي "
            "العاصمة الأفغانية كابل أمس الثلاثاء."
        ),
        "published": date(2025, 4, 23),
        "published_from": "input",
    }
    article = extractor.code(make_article("t", "t", fields, cli_published=None))
    assert "AFG:kabul" in article.place_keys


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Burkina : des dizaines de civils tués dans un village près de Solhan\n\n"
            "Au moins trente civils ont été tués samedi dans l'attaque d'un village de la "
            "commune de Solhan, a indiqué un élu local réfugié à Sebba.",
            date(2024, 12, 9),
        ),
        (
            "Burkina: decenas de civiles muertos en un ataque cerca de Solhan\n\n"
            "Al menos treinta civiles murieron el sábado en el ataque contra una aldea de la "
            "comuna de Solhan, dijo un funcionario local refugiado en Sebba.",
            date(2024, 12, 9),
        ),
    ],
)
def test_burkina_alone_names_the_country(code_text: CodeText, text: str, published: date) -> None:
    """'Burkina', as the press shortens Burkina Faso, names the country: a village the
    gazetteer knows only in Turkey is not read there."""
    ev = only(code_text(text, published=published))
    assert ev.country == "Burkina Faso"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "GUAYAQUIL, 11 jun (EFE).- La Fiscalía informó este miércoles de que seis personas "
            "fueron asesinadas a tiros en una gallera de Daule el pasado fin de semana.",
            "fin de semana",
        ),
        (
            "MARSEILLE, 11 juin (AFP) - Trois hommes ont été tués par balles le week-end "
            "dernier dans la cité de la Castellane, a indiqué mercredi le parquet.",
            "week-end",
        ),
        (
            "МАХАЧКАЛА, 11 июня. В выходные в Дербенте боевики обстреляли пост ДПС, погибли "
            "двое полицейских, сообщили в среду в МВД республики.",
            "выходные",
        ),
        (
            "الموصل (واع) - قتل ثلاثة أشخاص في انفجار عبوة ناسفة في سوق شعبية بالموصل "
            "نهاية الأسبوع الماضي، بحسب ما أعلنت الشرطة الأربعاء.",
            "نهاية الأسبوع",
        ),
    ],
)
def test_the_weekend_before_the_report_dates_its_violence(
    code_text: CodeText, text: str, quote: str
) -> None:
    """'el pasado fin de semana', 'le week-end dernier', 'в выходные', 'نهاية الأسبوع': the
    Saturday before the report (a Wednesday), to within a few days, not the day the news
    was told."""
    ev = only(code_text(text, published=date(2025, 6, 11)))
    assert ev.event_date == date(2025, 6, 7)
    assert ev.time_precision == 2
    assert _quoted(ev, "event_date", text) == quote
