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
