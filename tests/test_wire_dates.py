"""The report's own date, as wire pages and their URLs give it (issue 17, class 3).

The reports here are written for these tests in the shapes wire pages take; none is copied.
"""

from __future__ import annotations

from datetime import date

from conftest import CodeText
from newsevents.ingest.dates import date_from_text, date_from_url, year_from_url
from newsevents.ingest.sources import make_article

HEADLINE = "Gunmen kill four at checkpoint in northern province"
LEAD = "Gunmen killed four police officers at a checkpoint on Sunday, officials said."


# A date line under the headline: weekday, month, day, year, time and zone in either order,
# after a keyword, beside an agency's or a writer's name.
DATE_LINES = {
    "Monday, June 6 2016 15:46 EEST": date(2016, 6, 6),
    "Tuesday 14 March 2017, 09:12 GMT": date(2017, 3, 14),
    "Xinhua, January 20, 2015": date(2015, 1, 20),
    "By Amina Yusuf, Wire Staff | Sat Feb 3, 2018 | 4:21am EST": date(2018, 2, 3),
    "Posted July 12th, 2012 at 3:40 pm (UTC-5)": date(2012, 7, 12),
    "Publish Date: 13:07 - 12 December 2017": date(2017, 12, 12),
    "date 2021-08-05": date(2021, 8, 5),
    "Last updated on 3rd of May, 2019": date(2019, 5, 3),
    "Published 23.11.2015, 18:40": date(2015, 11, 23),
    "Amina Yusuf 10/31/1986": None,  # figures beside a name: a birth date, not the page's
    "Mon, 06/07/2016 - 15:46": None,  # day and month could be either way round
    "Friday, June 6 2016 15:46 EEST": None,  # June 6 2016 was a Monday: a misreading
}


def test_a_date_line_under_the_headline_dates_the_report() -> None:
    found = {top: date_from_text(f"{HEADLINE}\n\n{top}\n\n{LEAD}") for top in DATE_LINES}
    assert found == DATE_LINES


# A dateline opening the lead: the date before the dash is the report's; one in the sentence
# after it is the event's.
DATELINES = {
    "KABUL, March 3, 2019 (Wire) - Gunmen killed four police officers on Sunday.": date(2019, 3, 3),
    "KABUL, Afghanistan, Sunday, March 3, 2019 - Gunmen killed four officers.": date(2019, 3, 3),
    "KABUL (Wire), 3 March 2019 -- Gunmen killed four police officers on Sunday.": date(2019, 3, 3),
    "KABUL - The attack on March 3, 2019 killed four officers.": None,
}


def test_a_dateline_with_a_year_dates_the_report() -> None:
    found = {lead: date_from_text(f"{HEADLINE}\n\n{lead}") for lead in DATELINES}
    assert found == DATELINES


def test_a_dateline_without_a_year_needs_the_year_from_elsewhere() -> None:
    text = f"{HEADLINE}\n\nTEHRAN, December 12 - Gunmen killed four police officers on Sunday."
    assert date_from_text(text) is None  # not a full date
    assert date_from_text(text, year=2017) == date(2017, 12, 12)


def test_dates_that_are_not_the_reports_own_are_left() -> None:
    xinhua = "Xinhua, January 20, 2015"
    texts = [
        # a date in the report's own sentences is the event's, not the page's
        f"{HEADLINE}\n\nPolice said on January 20, 2015 that four men were held.",
        "Four killed in attack on March 3, 2019 in the capital\n\nGunmen killed four.",
        # a date line far down the page, under the report
        HEADLINE + "\n\n" + "\n\n".join([LEAD] * 14) + f"\n\n{xinhua}",
    ]
    assert [date_from_text(text) for text in texts] == [None, None, None]
    assert date_from_text(f"{HEADLINE}\n\n{xinhua}\n\n" + "\n\n".join([LEAD] * 14)) == date(
        2015, 1, 20
    )


URLS = {
    "http://edition.example.com/2008/POLITICS/09/04/convention.speech/": date(2008, 9, 4),
    "http://www.example.co.uk/news/2008dec23/attack.html": date(2008, 12, 23),
    "https://example.org/world/2016/jun/06/kabul-attack": date(2016, 6, 6),
    "https://example.org/news/2016/06/kabul-attack": None,  # a month is not a day
    "https://example.org/news/2016/POLITICS/kabul-attack": None,
}


def test_dates_in_the_shapes_urls_give_them() -> None:
    assert {url: date_from_url(url) for url in URLS} == URLS


def test_the_year_a_url_gives_alone() -> None:
    assert year_from_url("https://example.org/news/2017/12/tehran-clash") == 2017
    assert year_from_url("https://example.org/news/tehran-clash-42") is None


def test_a_dateline_without_a_year_takes_the_urls_year() -> None:
    text = f"{HEADLINE}\n\nTEHRAN, December 12 - Gunmen killed four police officers."
    fields: dict[str, object] = {"text": text, "url": "https://example.org/2017/12/tehran-clash"}
    article = make_article("t", "t", fields, cli_published=None)
    assert (article.published, article.published_from) == (date(2017, 12, 12), "text")


def test_a_date_after_today_is_refused_and_said() -> None:
    text = f"{HEADLINE}\n\nXinhua, July 12, 2095\n\n{LEAD}"
    article = make_article("t", "t", {"text": text}, cli_published=None)
    assert article.published is None
    assert any("2095-07-12 (text) refused" in w for w in article.warnings)


def test_sunday_in_a_monday_report_is_the_day_before(code_text: CodeText) -> None:
    """The date line dates the report; the weekday in the body is the last such day on or
    before it."""
    text = (
        "Gunmen kill four police officers at checkpoint in Kandahar\n\n"
        "Monday, June 6 2016 15:46 EEST\n\n"
        "KANDAHAR - Gunmen killed four police officers at a checkpoint in Kandahar city on "
        "Sunday, a provincial spokesman said.\n\n"
        "The attackers fled on motorbikes after the shooting, the spokesman said."
    )
    article = code_text(text, published=None)
    assert article.published == date(2016, 6, 6)
    assert [e.event_date for e in article.events] == [date(2016, 6, 5)]


def test_a_deadline_is_no_day_of_the_events(code_text: CodeText) -> None:
    """'remanded until December 7' tells what is to come, not when the bombing was."""
    article = code_text(
        "Two suspects arrested over Saturday's bomb blast at a bus station in Kandy, which "
        "killed four people, were remanded until December 7 by the Kandy magistrate today.",
        published=date(2023, 11, 24),
    )
    assert all(e.event_date != date(2022, 12, 7) for e in article.events)
    assert all(e.event_date and e.event_date <= date(2023, 11, 24) for e in article.events)
