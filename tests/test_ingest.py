from datetime import date

from newsevents.ingest.dateline import find_dateline
from newsevents.ingest.dates import date_from_text, date_from_url
from newsevents.ingest.sources import article_from_bytes
from newsevents.ingest.text import split_paragraphs

PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Troops repel attack on base in Mopti region | Sahel Observer</title>
<meta property="og:site_name" content="Sahel Observer">
<meta property="article:published_time" content="2022-09-21T18:00:00Z">
</head><body><nav>Home | Mali | Burkina Faso</nav><article>
<h1>Troops repel attack on base in Mopti region</h1>
<p>Soldiers repelled an attack by dozens of fighters on a military base near Sevare on Tuesday,
killing at least 12 of the assailants, the army said in a statement on Wednesday.</p>
<p>Two soldiers were killed and five wounded in the fighting, which lasted several hours.</p>
</article><footer>Copyright 2022 Sahel Observer</footer></body></html>"""


def test_html_gives_title_body_date_and_outlet() -> None:
    a = article_from_bytes(PAGE, "page.html", doc_id="page.html")
    assert a.title == "Troops repel attack on base in Mopti region"
    assert a.published == date(2022, 9, 21)
    assert a.published_from == "html"
    assert a.outlet == "Sahel Observer"
    assert "killing at least 12 of the assailants" in a.text
    assert "Home | Mali" not in a.text
    assert "Copyright" not in a.text


SCRAPED = """Accessibility links
Skip to main content
Breaking News

Police fire tear gas at teachers marching on parliament

Image copyright Reuters
Image caption Teachers in Nairobi on Thursday

Police fired tear gas at hundreds of teachers who marched on parliament in Nairobi on
Thursday to demand higher pay, witnesses said.

[MORE NEWS: Two hurt as bus overturns near Mombasa]
RELATED: Doctors' strike enters third week

Share this with
Facebook
Twitter
© 2019 Example News Ltd. All rights reserved.
"""


def test_scraped_boilerplate_is_marked_and_the_headline_kept() -> None:
    paragraphs = split_paragraphs(SCRAPED)
    kept = [p.text for p in paragraphs if not p.boilerplate]
    assert kept[0] == "Police fire tear gas at teachers marching on parliament"
    assert paragraphs[[p.text for p in paragraphs].index(kept[0])].headline
    assert kept[1].startswith("Police fired tear gas")
    assert kept[1].endswith("witnesses said.")
    assert len(kept) == 2, kept
    for p in paragraphs:  # the text is never rewritten: offsets point into what the user gave
        assert SCRAPED[p.start : p.end] == p.text


VIDEO_PAGE = """Please enable Javascript to watch this video

DAYTON -- Three people were hurt in a shooting outside a bar on the east side late Friday

Police said a man fired into a crowd after an argument and ran off.

The three were taken to Miami Valley Hospital, where one was in serious condition.

No one has been arrested.
"""


def test_a_lead_after_a_dateline_is_news_though_it_lacks_its_full_stop() -> None:
    paragraphs = split_paragraphs(VIDEO_PAGE)
    assert paragraphs[0].boilerplate  # the player's notice
    lead = paragraphs[1]
    assert lead.text.startswith("DAYTON -- ")
    assert not lead.boilerplate
    assert not lead.headline


def test_publication_dates_from_url_and_dateline() -> None:
    assert date_from_url("https://example.org/world/2016/06/10/aqtobe.html") == date(2016, 6, 10)
    assert date_from_url("https://example.org/news/20160610-aqtobe") == date(2016, 6, 10)
    assert date_from_url("https://example.org/news/aqtobe") is None
    assert date_from_text("MOSUL, Iraq, Oct. 3, 2017 (Wire) — Gunmen ...") == date(2017, 10, 3)
    assert date_from_text("Posted: Tuesday, January 28, 2014 8:18 PM EST\nA man ...") == date(
        2014, 1, 28
    )
    assert date_from_text("A man was shot on June 3, 2015 in ...") is None


def test_datelines_in_the_forms_local_outlets_write_them() -> None:
    text = "Savannah (WKRX) – Police are looking for a gunman."
    d = find_dateline(text)
    assert d is not None
    assert text[d.place[0] : d.place[1]] == "Savannah"
    assert text[d.end :].startswith("Police")
    alone = find_dateline("CAMPBELL")  # on a line of its own before the first sentence
    assert alone is not None
    assert alone.place == (0, 8)
    assert find_dateline("Police said the man (AP photo) had fled.") is None
    assert find_dateline("Staff report") is None
