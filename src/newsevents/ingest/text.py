"""Scraped text: paragraphs, with site boilerplate marked so the coder skips it.

The article text itself is never rewritten, so evidence offsets point into the text the user
gave. Boilerplate lines ("Accessibility links", "Breaking News", image credits, share
buttons, footers) are found by patterns and by justext's stopword and length test; the
headline is kept even though justext calls short lines boilerplate.
"""

from __future__ import annotations

import html
import re

import justext

from newsevents.ingest.dateline import find_dateline
from newsevents.model import Paragraph

_SHARE_WORDS = (
    r"share|tweet|email|print|copy\ link|copy|facebook|twitter|whatsapp|linkedin|reddit|"
    r"pinterest|comments?|save"
)
_BOILERPLATE = re.compile(
    r"""^[\s•·|*>\-–—]*(
        accessibility\ links | skip\ to\ (main\ )?content | breaking\ news | live\ updates?
      | advertisement | advertising | sponsored(\ content)? | ad\ feedback
      | (SHARE)([\s|,/]+(SHARE|this|article|story|on))*
      | share\ (this|on|via)\b.* | read\ more\b.*
      | related(\ (stories|articles|coverage|content|links))?:?
      | \[?\ ?(other|more|related|top|latest)\ (news|stories|headlines|coverage):\ .{0,160}\]
      | related(\ (story|stories|article|coverage))?:\ .{0,160}
      | more\ (from|on|stories)\b.{0,60} | sign\ up\b.* | subscribe\b.{0,80}
      | follow\ us\b.{0,80} | getty\ images | \d+x\d+\ image
      | (image|photo|picture|video)\ (copyright|caption|credit|source)\b.*
      | (photo|image|video|credit|file\ photo):.{0,120} | \(?(ap|afp|reuters)\ photo\b.{0,120}
      | (hide|show)\ transcript(\s+(hide|show)\ transcript)* | webvtt\b.*
      | click\ to\ (expand|enlarge|play)\b.* | you\ must\ enter\ the\ characters\b.*
      | message:\ .{0,200} | a\ friend\ wanted\ you\ to\ see\b.*
      | ©.{0,120} | \(c\)\ .{0,120} | copyright\b.{0,160} | all\ rights\ reserved\b.{0,80}
      | trending(\ now)?:? | most\ (read|popular|viewed)\b.{0,40} | recommended(\ for\ you)?:?
      | (home|menu|close|search|loading\.*|log\ ?in|sign\ in|next|previous|back\ to\ top)
      | this\ (article|story|content)\ is\ (not\ )?available\b.*
      | your\ browser\ does\ not\ support\b.* | (please\ )?enable\ javascript\b.*
      | see\ (more\ videos|also)\b.{0,80}
      | (posted|updated|published):?\ .{0,80}\d{4}.{0,40}
    )[\s.!:|]*$""".replace("SHARE", _SHARE_WORDS),
    re.I | re.X,
)
# Captions, bylines and widgets: lines of a page's furniture by their own shape. A caption
# counts by its opening ('FILE - ...', an archive photo: background; 'Photos by') or a wire
# agency's credit ('(AP Photo/...)'); one that ends in a local credit ('... in this car on
# Friday. (Photo: KHOU 11 News)') often tells the report's own facts, where a local page gives
# them nowhere else (marking those cost GVA 5 reports).
_CAPTION = re.compile(
    r"""^\s*(?:file\s*(?:photo)?\s*[-–—:]\s | (?:photo|picture)s?\sby\s)
      | \((?:AP|AFP|EPA|Reuters|Getty|Xinhua|Anadolu)\b[^()]*\)[\s.]*$""",
    re.I | re.X,
)
_NAME = r"[A-Z][\w.'’\-]*(?:\s(?:[A-Z][\w.'’\-]*|de|van|von|al|bin|el))*"
_BYLINE = re.compile(
    rf"""^\s*(?:
        [Bb]y:?\s{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*
            (?:\s*(?:,|\||-|–|—|\bfor\b|\bof\b)\s*(?:the\s)?{_NAME})?
      | \(?(?:(?:[Aa]dditional\s)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ee]dited)\s
            by\s[^.]{{0,160}}
    )[\s.)]*$""",
    re.X,
)
_WIDGET = re.compile(
    r"""^[\s•·|*>\-–—]*(?:
        (?:leave|add|post|view|show|write)\s(?:a\s|your\s|all\s)?(?:comments?|reply|replies)\b.{0,40}
      | \d+\s(?:comments?|replies|shares|views)\b.{0,40} | comments?\s\(\d+\)
      | (?:share|send|email|print)\s(?:this|the)\s(?:article|story|page|post)\b.{0,60}
      | (?:tags|topics|filed\sunder|categories)\s*:.{0,160}
      | (?:also\sread|read\salso|see\salso|watch|listen)\s*:.{0,160}
      | (?:popular|latest|top|more|related|recommended|trending)\s
            (?:posts?|stories|news|articles|headlines|videos)\b.{0,40}
      | you\s(?:may|might)\salso\s(?:like|be\sinterested\sin)\b.{0,40}
    )[\s.!:|]*$""",
    re.I | re.X,
)
# A heading over a list of other stories: what follows it, while it reads as headlines, is
# furniture.
_LIST_HEADING = re.compile(
    r"""^[\s•·|*>\-–—]*(?:related|more\s(?:from|on|in|stories|news)|popular|most\s(?:read|popular|viewed)
      |trending|recommended|you\s(?:may|might)\salso|also\s(?:read|on)|read\s(?:more|also|next)
      |latest|top\sstories|in\sother\snews|editor'?s\spicks?|see\salso|further\sreading)\b""",
    re.I | re.X,
)
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_STOPLIST = frozenset(justext.get_stoplist("English"))


def is_boilerplate_line(line: str) -> bool:
    line = line.strip()
    return bool(
        _BOILERPLATE.match(line)
        or _CAPTION.search(line)
        or _BYLINE.match(line)
        or _WIDGET.match(line)
    )


# A line told as a sentence of this report, not a headline: its own past tense or reporting
# ('was shot', 'police said', 'had been'), a name with an age ('Mary Grant, 63, Boscobel').
_TOLD = re.compile(
    r"\b(?:was|were|had|has\sbeen|have\sbeen|is\sbeing|said|says?|told|according)\b|,\s\d{1,3},",
    re.I,
)


# A run with a verb in the simple past ('occurred', 'reported') is the report's own key
# points, told as news; headlines tell in the present ('kills'), passives aside ('killed in').
_TOLD_PAST = re.compile(r"\b[a-z]{3,}ed\b(?!\s(?:in|at|as|by|after|near|on|over)\b)")


def _reads_as_other_headline(line: str, listed: bool = False) -> bool:
    """A line shaped as a story's headline (as a link to another story is written): short,
    no full stop, no dateline, not a quotation, starting with a capital, not told in the
    past tense of its own reporting. Under a heading over other stories ('Read more:') a
    headline may report ('Army says it retook village'): its shape alone tells."""
    words = line.split()
    return (
        2 <= len(words) <= 22
        and (listed or not _TOLD.search(line))
        and len(line) <= 160
        and line[:1].isupper()
        and not _TERMINAL.search(line)
        and not line.rstrip().endswith(",")
        and not _leads_with_dateline(line)
    )


def _mark_furniture(paragraphs: list[Paragraph], headline: Paragraph | None) -> None:
    """Other stories' headlines: headline-shaped lines in a run of two or more, or under a
    'Related' / 'More from' / 'Popular' heading, wherever on the page; never the report's
    own headline."""
    run: list[Paragraph] = []
    listing = False  # under a heading over other stories
    for p in [*paragraphs, None]:
        if p is not None and p is not headline and _reads_as_other_headline(p.text, listing):
            if _LIST_HEADING.match(p.text) and len(p.text.split()) <= 5:
                p.boilerplate, listing = True, True
                continue
            run.append(p)
            continue
        if (listing and run) or (
            len(run) >= 2 and not _TOLD_PAST.search(" ".join(q.text for q in run))
        ):
            for q in run:
                q.boilerplate = True
        run = []
        listing = bool(p is not None and p.boilerplate and _LIST_HEADING.match(p.text))


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and not line.rstrip().endswith((".", ",", ";", '"', "”"))


def _leads_with_dateline(line: str) -> bool:
    """A lead after a dateline and its dash ('CHICAGO -- Five people were shot on the South
    Side'), though it lacks its full stop: news, neither a headline nor boilerplate. Not a
    call sign alone ('WTVH') nor a heading with a colon ('SAPD: Lover arrested')."""
    dateline = find_dateline(line)
    return (
        dateline is not None
        and dateline.end < len(line)
        and any(c in line[dateline.place[1] : dateline.end] for c in "-–—")
    )


def _reads_as_prose(line: str) -> bool:
    """A sentence of news: justext has no link density to go on in plain text, and calls
    short real paragraphs ('Another man was shot in the leg.') boilerplate."""
    words = line.split()
    if len(words) < 6 or not _TERMINAL.search(line):
        return False
    share = sum(w.lower().strip(".,;:\"'()") in _STOPLIST for w in words) / len(words)
    return share >= 0.15


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of `text` with offsets; hard-wrapped lines are joined, boilerplate marked."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start = pos + (len(line) - len(line.lstrip()))
        end = pos + len(line.rstrip())
        pos += len(line)
        if not stripped:
            blocks.append((-1, -1))
            continue
        if blocks and blocks[-1][0] >= 0:
            prev_start, prev_end = blocks[-1]
            prev = text[prev_start:prev_end]
            # A hard-wrapped sentence: the previous line does not end and this one goes on
            # (a long line cut mid-sentence, or any line followed by a lowercase one).
            wrapped = stripped[0].islower() or len(prev.split()) >= 8
            if (
                not _TERMINAL.search(prev)
                and wrapped
                and not is_boilerplate_line(prev)
                and not is_boilerplate_line(stripped)
                and find_dateline(stripped) is None
            ):
                blocks[-1] = (prev_start, end)
                continue
        blocks.append((start, end))
    paragraphs = [Paragraph(s, text[s:e]) for s, e in blocks if s >= 0]
    _mark_boilerplate(paragraphs)
    first = next((p for p in paragraphs if not p.boilerplate), None)
    _mark_furniture(paragraphs, first)
    if (
        first is not None
        and len(paragraphs) > 1
        and _looks_like_headline(first.text)
        and not _leads_with_dateline(first.text)
    ):
        first.headline = True
    body = [p for p in paragraphs if not p.boilerplate and not p.headline][:3]
    for p in body:
        dateline = find_dateline(p.text)
        if dateline is not None and dateline.end < len(p.text):
            p.parse_start = dateline.end
            break
    return paragraphs


def _mark_boilerplate(paragraphs: list[Paragraph]) -> None:
    for p in paragraphs:
        p.boilerplate = is_boilerplate_line(p.text)
    if len(paragraphs) < 4:
        return  # a snippet or a short note: justext's context test needs a page
    page = "".join(f"<p>{html.escape(p.text)}</p>" for p in paragraphs)
    verdicts = justext.justext(f"<html><body>{page}</body></html>", _STOPLIST)
    if len(verdicts) != len(paragraphs):
        return  # justext merged or split something: trust the patterns alone
    longest = max(paragraphs, key=lambda p: len(p.text))
    headline_kept = False
    for p, verdict in zip(paragraphs, verdicts, strict=True):
        if p.boilerplate:
            continue
        if not headline_kept and _looks_like_headline(p.text):
            headline_kept = True  # the first headline-like line is the headline: keep it
            continue
        words = len(p.text.split())
        if (
            verdict.class_type == "bad"
            and p is not longest
            and words < 25
            and not _reads_as_prose(p.text)
            and not _leads_with_dateline(p.text)
        ):
            p.boilerplate = True
        elif words >= 25 or verdict.class_type == "good":
            headline_kept = True  # body text has begun; no headline after it
