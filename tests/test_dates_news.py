"""Event dates on wire copy (issue 17): the news keeps its own day.

A year or a month a later paragraph tells of an older event never dates the lead; a weekday
in a clause that a postposed "police said" governs is the event's, not the saying's; a
dateline's date is the report's, not the event's. The reports are written for these tests.
"""

from __future__ import annotations

from datetime import date

from conftest import CodeText
from newsevents.model import Article


def _event_dates(article: Article) -> set[date | None]:
    return {e.event_date for e in article.events}


def _news_dates(article: Article) -> set[date | None]:
    """The dates of the mentions that tell the news (background left out)."""
    return {m.date for m in article.mentions if not m.backstory}


def test_a_background_year_does_not_date_the_lead(code_text: CodeText) -> None:
    """The lead's killing has no date of its own; the year of an older attack told further
    down is not its date: the fighting's day, told in the next paragraph, is."""
    text = (
        "MOPTI, Mali (Wire) - Malian soldiers fought jihadist fighters in the hills near "
        "Djenne, killing eight of them, the army said Thursday. Two soldiers also died.\n\n"
        "The fighting broke out late Wednesday when a patrol came under fire near a village, "
        "an army statement said.\n\n"
        "In 2016 the group stormed a hotel in Sevare and killed 12 people."
    )
    article = code_text(text, published=date(2024, 3, 14))  # a Thursday
    lead = [m for m in article.mentions if m.paragraph == 0]
    assert lead
    assert {m.date for m in lead} == {date(2024, 3, 13)}


def test_a_said_tuesday_lead_keeps_the_news_day(code_text: CodeText) -> None:
    """'..., the army said Tuesday' with no other day: the report's own day, never the month
    of an older attack its last paragraph recalls, nor for 'the attack' told after the lead."""
    text = (
        "NIAMEY, Niger (Wire) - Gunmen on motorcycles attacked a market in the village of "
        "Banibangou, killing eleven traders, the army said Tuesday.\n\n"
        "No group has claimed the attack.\n\n"
        "In August 2021, 37 people were killed in an attack on another village in the region."
    )
    article = code_text(text, published=date(2024, 3, 12))  # a Tuesday
    news = [m for m in article.mentions if m.paragraph < 2]
    assert news
    assert {m.date for m in news} == {date(2024, 3, 12)}
    assert date(2024, 3, 12) in _event_dates(article)


def test_a_weekday_under_a_postposed_said_is_the_events(code_text: CodeText) -> None:
    """'burst into a bar on Saturday and shot dead five men, prosecutors said': the weekday
    hangs from the bursting, in a clause the saying governs; it dates the killing."""
    text = (
        "HERMOSILLO, Mexico (Wire) - Armed men burst into a bar in the border city of "
        "Nogales on Saturday and shot dead five men, Sonora state prosecutors said.\n\n"
        "The attackers fled in a white van, the prosecutors' office said in a statement. "
        "No arrests have been made."
    )
    article = code_text(text, published=date(2024, 3, 11))  # a Monday
    assert _event_dates(article) == {date(2024, 3, 9)}


def test_a_weekday_between_the_told_clause_and_its_teller(code_text: CodeText) -> None:
    """'kidnapped 15 farmers ..., on Monday, a community leader said': the parser hangs the
    weekday on 'said', but it stands inside what was told, before who told it."""
    text = (
        "Bandits kidnapped at least 15 farmers, among them two teenagers, outside Birnin Gwari, "
        "a district headquarters in Kaduna State, on Monday, a community leader said.\n\n"
        "The gunmen came on motorcycles and led the captives into the bush, he said.\n\n"
        "More than 300 people have been kidnapped in Kaduna this year, according to monitors."
    )
    article = code_text(text, published=date(2024, 3, 14))  # a Thursday
    lead = [m for m in article.mentions if m.paragraph == 0]
    assert lead
    assert {m.date for m in lead} == {date(2024, 3, 11)}
    assert date(2024, 3, 11) in _news_dates(article)


def test_police_who_charged_at_a_crowd_charged_no_one(code_text: CodeText) -> None:
    """'charged at protesters on Thursday' is a charge of riot police, not a charge sheet:
    its weekday is the protest's day, not a day something was told."""
    text = (
        "MADRID (Wire) - Riot police fired rubber bullets and charged at protesters in central "
        "Valencia on Thursday as thousands marched against a new housing law.\n\n"
        "Police arrested 14 people, the regional government delegation said."
    )
    article = code_text(text, published=date(2024, 3, 15))  # a Friday
    assert date(2024, 3, 14) in _event_dates(article)
    assert date(2024, 3, 15) not in _event_dates(article)


def test_a_datelines_date_is_not_the_events(code_text: CodeText) -> None:
    """'SARAJEVO, Bosnia and Herzegovina, May 3 (Wire) -': a dateline whose country is
    several words is still a dateline; its date is the report's, the weekday the event's."""
    text = (
        "SARAJEVO, Bosnia and Herzegovina, May 3 (Wire) - Police fired tear gas at football "
        "fans who hurled flares and stones outside a stadium in Mostar on Thursday, a police "
        "spokesman said.\n\n"
        "Nine officers were injured and 20 fans were detained, he said."
    )
    article = code_text(text, published=date(2024, 5, 3))  # a Friday
    assert _event_dates(article) == {date(2024, 5, 2)}
