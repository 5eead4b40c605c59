"""Page furniture: other stories' headlines, captions, bylines and widgets are never news
(issue 17, class 2). The pages here are written for these tests in the shapes wire pages take.
"""

from __future__ import annotations

from newsevents.ingest.text import split_paragraphs
from newsevents.model import Paragraph

HEADLINE = "Gunmen kill four police officers at checkpoint in Kandahar"
LEAD = (
    "KANDAHAR - Gunmen killed four police officers at a checkpoint on the edge of Kandahar "
    "city on Sunday night, a provincial spokesman said."
)
BODY = [
    "The attackers fled on motorbikes after the shooting, the spokesman said, and a search "
    "of nearby villages was under way on Monday.",
    "No group said it had carried out the attack. Checkpoints around the city have been "
    "attacked several times this year.",
]


def news(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs if not p.boilerplate]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def test_a_run_of_other_stories_headlines_is_furniture_wherever_it_stands() -> None:
    related = [
        "Car bomb kills 12 at market in Baghdad",
        "Three soldiers dead as rebels storm army base in north Mali",
        "Protesters clash with police in Nairobi over fuel prices",
    ]
    # between the lead and the body, and at the foot of the page
    paragraphs = split_paragraphs(page(HEADLINE, LEAD, *related, *BODY, *related[::-1]))
    assert news(paragraphs) == [HEADLINE, LEAD, *BODY]
    assert paragraphs[0].headline  # the report's own headline stays news
    # the report's own headline stays news above a run of others
    paragraphs = split_paragraphs(page(HEADLINE, *related[:2], LEAD))
    assert news(paragraphs) == [HEADLINE, LEAD]
    assert paragraphs[0].headline
    # a snippet too short for justext's context test still loses its link list
    assert news(split_paragraphs(page(LEAD, *related[:2]))) == [LEAD]


def test_one_headline_under_a_related_heading_is_furniture() -> None:
    for heading in ("Related", "More from Asia", "Popular posts", "You may also like"):
        text = page(HEADLINE, LEAD, *BODY, heading, "Suicide bomber kills 30 at Kabul mosque")
        assert news(split_paragraphs(text)) == [HEADLINE, LEAD, *BODY], heading
        snippet = page(LEAD, heading, "Suicide bomber kills 30 at Kabul mosque")
        assert news(split_paragraphs(snippet)) == [LEAD], heading


def test_captions_bylines_and_widgets_are_furniture() -> None:
    furniture = [
        "By Amina Yusuf and Tom Okoro, Reuters",
        "Afghan police officers stand guard at the site of the attack in Kandahar on Monday. "
        "(AP Photo/Jane Roe)",
        "FILE - Afghan police officers patrol a road near Kandahar, Oct. 3, 2017.",
        "Photos by Jane Roe for the Kandahar Times",
        "Reporting by Amina Yusuf; Editing by Tom Okoro",
        "Leave a comment",
        "Share this article on Facebook",
    ]
    text = page(HEADLINE, furniture[0], furniture[1], LEAD, furniture[2], furniture[3], *BODY)
    text = page(text, *furniture[4:])
    assert news(split_paragraphs(text)) == [HEADLINE, LEAD, *BODY]


def test_a_caption_with_a_local_credit_stays_news() -> None:
    # Local pages often tell a fact only under their photo: it is the report's own.
    caption = "Deputies say three bodies were found in this car on Friday. (Photo: KRXT 9 News)"
    text = page(HEADLINE, LEAD, caption, *BODY)
    assert news(split_paragraphs(text)) == [HEADLINE, LEAD, caption, *BODY]


def test_headlines_that_report_are_furniture_under_a_read_more_heading() -> None:
    listed = [
        "Army says it retook two villages near Kidal",
        "Rebels say they shot down a helicopter over Gao",
    ]
    paragraphs = split_paragraphs(page(HEADLINE, LEAD, *BODY, "Read more:", *listed))
    assert news(paragraphs) == [HEADLINE, LEAD, *BODY]
    # a short page, where only the heading tells the link from the news
    paragraphs = split_paragraphs(page(LEAD, "Read more:", listed[0]))
    assert news(paragraphs) == [LEAD]
