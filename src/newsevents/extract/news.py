"""The report's news and its background: each event mention placed in time against the news.

An ACLED coder codes what happened on the days a report is about. Wire copy recalls earlier
events as context ("the attack came two years after 30 were killed in a bombing", "last
month's massacre", "the 2014 attack on the market", "the latest in a series of raids", "the
insurgency has killed more than 40,000 people since 2009"): their tolls are not the news
event's and they are no events of their own. `PlaceInTime` marks such mentions as background
(`Mention.backstory`), so that their counts, places and actors stay out of the news event.

The news is the report's first violence (its lead, at its date) where that is told as of
the report's own days (dated in its own sentence or by its tense, within NEWS_WINDOW days of
publication). A report whose first violence is older (an arrest, a charge, a trial for an
earlier shooting) is about that violence, however old, and nothing in it is background.
Otherwise a mention is background when

- its own date (one its sentence gives it) lies more than NEWS_WINDOW days before the news,
  or in an earlier month where it gives only the month:
  a report of a trial about a shooting of last year has the shooting as its lead, so nothing
  in it is background by this rule;
- it is told inside a clause placed before the news by a span of time: "years after",
  "months before", "since 2009", "comes after" (a day's span is recent news);
- it is a noun of an earlier event: "last month's massacre", "an earlier attack", "the 2014
  bombing", "a series of attacks";
- it is a running total: the present perfect with "since", "so far", "this year" ("has
  killed 300 people this year"), or "the number killed".

A mention told with its own day near the news ("a day after gunmen killed three in Bama")
stays news whatever its clause says. The lead itself is never background.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents.extract.lexicon import Kind
from newsevents.extract.numbers import word_value
from newsevents.model import Article

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention

# Days before the news date that still count as the report's news.
NEWS_WINDOW = 31

_MARKERS = {"after", "since", "before", "following", "ago"}
# Spans of time that put a clause before the news (days are recent: still news).
_LONG_SPANS = {"year", "years", "month", "months", "decade", "decades", "week", "weeks"}
# Days enough to put a clause on another day than the news, told as a span: "ten days after".
_MANY_DAYS = 3
_SEQUEL_VERBS = {"come", "comes", "came", "coming", "follow", "follows", "followed"}
_EARLIER = {"earlier", "previous", "prior", "past", "former", "last"}
_SERIES = {"series", "string", "spate", "wave", "spree", "litany", "history"}
_TOTAL_NOUNS = {"number", "toll", "total", "tally"}
_TOTAL_CUES = (
    "a week of",
    "days of",
    "weeks of",
    "months of",
    "nights of",
    "so far",
    "this year",
    "to date",
    "in total",
    "over the past",
    "in recent years",
    "in the past",
)
_CONFLICT_NOUNS = {
    "insurgency", "conflict", "war", "violence", "fighting", "campaign", "crisis", "uprising",
    "rebellion", "unrest", "insurgents", "group", "militants",
}  # fmt: skip
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# How a mention's date was found: in its own sentence (a day of its own).
_OWN_DATE = {"own", "sentence", "linked"}


class PlaceInTime:
    """Marks the mentions that tell of earlier events as background (`backstory`)."""

    name = "news"
    requires: tuple[str, ...] = ("mentions", "mentions.date")
    assigns: tuple[str, ...] = ("mentions.backstory",)

    def __call__(self, article: Article) -> Article:
        live = [m for m in article.mentions if m.kind is not Kind.BLOCK and m.counts_toward_event]
        if not live:
            return article
        body = [m for m in live if not m.headline] or live
        # The news: the first violence the report tells (its words not setting it before the
        # news), where it is told as of the report's own days. A report that first tells of
        # older violence (an arrest, a charge or a trial for an earlier shooting) is about that
        # violence, however old, and nothing in it is background.
        violence = sorted(
            (
                m
                for m in body
                if m.family == "violence" and not _cue(m.root, None) and not _remembered(m)
            ),
            key=lambda m: (m.order, m.span.start),
        )
        if not violence or not _current(violence[0], article.published):
            if violence and _told_in_lead(violence[0], article):
                return article  # an arrest, a charge or a trial for earlier violence
            # The report's news is no violence (a law passed, a day of mourning): the violence
            # it recalls after its lead is background, as is what it dates or remembers as
            # earlier ('the latest in a string of protests' in a lead is the news).
            for m in live:
                if (
                    _dated_before(m, article.published)
                    or _remembered(m)
                    or _in_earlier_clause(m.root)  # "to mark a year since gunmen killed"
                    or (_cue(m.root, None) and not _told_in_lead(m, article))
                ):
                    m.backstory = True
            return article
        lead = violence[0]
        news = lead.date_end or lead.date or article.published
        told = [m for m in live if m is not lead and background(m, news)]
        for m in told:
            m.backstory = True
        # What an earlier event did is as old as it: 'last month's massacre left 40 dead'.
        for m in live:
            if m is lead or m.backstory or (m.precision == 1 and m.date_how in _OWN_DATE):
                continue
            if any(_same_clause(m, b) for b in told):
                m.backstory = True
        return article


def _told_in_lead(m: Mention, article: Article) -> bool:
    """Told in the headline or in the report's first paragraph of news."""
    lead = next(
        (i for i, p in enumerate(article.paragraphs) if not (p.boilerplate or p.headline)), 0
    )
    return m.headline or m.paragraph <= lead


def _dated_before(m: Mention, published: date | None) -> bool:
    """Dated in its own sentence to days before the report's news window."""
    if published is None or m.date is None or m.date_how not in _OWN_DATE:
        return False
    return (m.date_end or m.date) < published - timedelta(days=NEWS_WINDOW)


def _same_clause(m: Mention, earlier: Mention) -> bool:
    """Whether `earlier` is an argument of the clause `m` is told in, or `m` is inside it."""
    if m.sentence.start != earlier.sentence.start or m.paragraph != earlier.paragraph:
        return False
    subject = earlier.root.dep_ in ("nsubj", "nsubjpass", "csubj")
    return (subject and earlier.root.head in _clause_chain(m.root)) or (
        m.root in earlier.root.subtree
    )


def _current(m: Mention, published: date | None) -> bool:
    """Told as of the report's days: dated in its own sentence or by its tense, near the
    publication (a date copied from another mention is no evidence)."""
    if m.date_how not in _OWN_DATE and m.date_how != "tense":
        return False
    if published is None or m.date is None:
        return True
    return (m.date_end or m.date) >= published - timedelta(days=NEWS_WINDOW)


def background(m: Mention, news: date | None) -> str | None:
    """Why a mention tells of an earlier event than the news, or None: it is news."""
    if news is not None and m.date is not None and m.date_how in _OWN_DATE:
        latest = m.date_end or m.date
        if latest < news - timedelta(days=NEWS_WINDOW):
            return f"its date, {m.date}, is before the news ({news})"
        if m.precision == 3 and latest < news.replace(day=1):
            return f"its month, {m.date:%B %Y}, is before the news ({news})"
        if m.precision == 1:
            return None  # told with its own day near the news: news
    if _remembered(m):
        return "an event remembered"
    return _cue(m.root, news)


def _cue(trigger: Token, news: date | None) -> str | None:
    """Why the words around a trigger place it before the news, or None."""
    return (
        _in_earlier_clause(trigger)
        or _earlier_noun(trigger, news)
        or _running_total(trigger)
        or _earlier_period(trigger)
    )


# Periods before the news told without a date: 'earlier this year', 'last year'.
_EARLIER_PERIOD = re.compile(
    r"\b(?:earlier (?:this|in the) year|last year|the previous year|in recent years)\b", re.I
)
# Words of remembrance: a sentence that marks, mourns or commemorates an earlier event.
_REMEMBRANCE = {
    "anniversary", "commemorate", "commemorated", "commemorating", "commemoration", "mark",
    "marked", "marking", "marks", "memorial", "mourn", "mourned", "mourning", "remember",
    "remembered", "remembrance", "tribute",
}  # fmt: skip


def _earlier_period(trigger: Token) -> str | None:
    """'the law sparked deadly protests earlier this year': told of a period before the news."""
    match = _EARLIER_PERIOD.search(trigger.sent.text)
    return f"told as of '{match.group(0)}'" if match else None


def _remembered(m: Mention) -> str | None:
    """'families of the children killed at the school gathered to mark nine years since the
    attack': an event remembered, not the news; one told with a day of its own ('to remember
    a man who was shot dead on Saturday') is recent news."""
    if m.date_how == "own" and m.precision == 1:
        return None
    trigger = m.root
    words = [t for t in trigger.sent if t.lower_ in _REMEMBRANCE]
    if not words:
        return None
    # What the remembrance is of ('nine years since the attack', 'the anniversary of the
    # massacre'), or the people it remembers by their fate ('the children killed at the
    # school'); a protest held to mark a day is an event of its own.
    remembered = [
        c
        for w in words
        if w is not trigger
        for c in w.children
        if c.dep_ in ("dobj", "prep", "npadvmod") and c.lower_ != "by"
    ]  # not who marks it: 'a day marked by unions gathering'
    if any(trigger in c.subtree for c in remembered):
        return "an event remembered"
    if trigger.dep_ in ("acl", "relcl") and trigger.tag_ == "VBN":
        return "the victims of an event remembered"
    return None


def _clause_chain(token: Token) -> list[Token]:
    """The token and its heads up to its sentence's root."""
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def _in_earlier_clause(trigger: Token) -> str | None:
    """'two years after 12 were killed', 'comes after a raid that killed 20', 'since 2009'."""
    chain = _clause_chain(trigger)
    for below, x in itertools.pairwise(chain):
        marker = None
        if x.lower_ in _MARKERS and below.dep_ in ("pcomp", "pobj"):
            marker = x  # 'after' a preposition, the clause or noun its object
        for child in below.children:
            if child.dep_ == "mark" and child.lower_ in _MARKERS:
                marker = child  # 'after' a conjunction of the clause the trigger is in
        if marker is None:
            continue
        # 'two years after': the span stands right before the marker, or hangs from it.
        holders = (marker, marker.head, below, x)
        spans = [
            t
            for h in holders
            for t in h.children
            # "two years after", "mark one year since" (the span the object of "mark")
            if t.dep_ in ("npadvmod", "dobj")
            and (t.head is marker or t.right_edge.i + 1 == marker.i)
        ]
        if any(t.lower_ in _LONG_SPANS or _many_days(t) for t in spans):
            return f"told as before the news ('{marker.text}' after a span of time)"
        if marker.lower_ == "since" and any(_YEAR.match(t.text) for t in marker.subtree):
            return "told as a total since a year"
        if marker.lower_ in ("after", "following") and marker.head.lower_ in _SEQUEL_VERBS:
            return f"what the news '{marker.head.text} {marker.text}'"
    return None


def _many_days(span: Token) -> bool:
    """'ten days after', 'several days before': days enough to be another day's event (one
    or two days are the story's own: 'a day after gunmen killed three in Bama')."""
    if span.lower_ not in ("days", "nights"):
        return False
    counts = [word_value(c.text) for c in span.children if c.dep_ in ("nummod", "amod")]
    return any(n is not None and n >= _MANY_DAYS for n in counts) or any(
        c.lower_ in ("several", "many") for c in span.children
    )


def _earlier_noun(trigger: Token, news: date | None) -> str | None:
    """'last month's massacre', 'an earlier attack', 'the 2014 bombing', 'a series of raids'."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in trigger.children:
        if child.dep_ == "amod" and child.lower_ in _EARLIER:
            return f"an {child.text} event"
        if child.dep_ == "poss" and child.lower_ in _LONG_SPANS:
            return f"of a {child.text} before the news"
        if (
            child.dep_ in ("nummod", "compound", "amod")
            and _YEAR.match(child.text)
            and news is not None
            and int(child.text) < news.year
        ):
            return f"of {child.text}"
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _SERIES:
        return f"one of a {head.head.text}"
    return None


def _running_total(trigger: Token) -> str | None:
    """'has killed more than 300 people this year', 'the number of people killed'."""
    head = trigger.head
    if trigger.dep_ in ("acl", "relcl") and head.lower_ in _TOTAL_NOUNS:
        return f"the {head.text} so far"
    perfect = any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in trigger.children
    )
    if not perfect:
        return None
    sentence = trigger.sent.text.lower()
    if any(cue in sentence for cue in _TOTAL_CUES):
        return "a total so far (present perfect)"
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lemma_.lower() in _CONFLICT_NOUNS for s in subjects):
        return "a conflict's toll so far"
    return None
