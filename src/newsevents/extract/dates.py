"""Event dates: DATE spans resolved against the publication date, then given to mentions.

Resolution: weekdays and the common forms are read here ("Monday" is the last Monday on or
before publication, "June 10" the last June 10 not after it); anything else goes to
dateparser. Each mention then takes, in order: a date attached to it in the dependency tree,
one from a trigger it is linked to, the publication date for present-perfect news ("have
killed"), the date of the event an anaphor points to ("those attacks"), the nearest dated
mention before it, the report's first dated event, and only then the publication date. A
report with no publication date leaves relative dates unresolved (time_precision 3), never
today's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from spacy.tokens import Span, Token

from newsevents.extract.lexicon import Kind
from newsevents.extract.mentions import Mention
from newsevents.extract.numbers import word_value
from newsevents.lang.en.words import MONTHS, REPORTING, WEEKDAYS
from newsevents.model import Article

# How a mention's day is known in so many words: its own date, or one linked to such a date.
FIRM = frozenset({"own", "linked"})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NOISE = re.compile(
    r"\b(on|around|about|approximately|early|late|mid|in|the|of|during|at|by|as reported|"
    r"reportedly|morning|afternoon|evening|night|overnight|hours|noon|midnight|dawn|dusk|"
    r"wee hours|last|this|past|from|since)\b|[(),.]",
    re.I,
)
_MD = re.compile(
    rf"^(?:(?P<wd>\w+day)\s+)?(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<y>\d{{4}}))?$"
)
_DM = re.compile(
    rf"^(?:(?P<wd>\w+day)\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_RE})\.?(?:\s+(?P<y>\d{{4}}))?$"
)
_MY = re.compile(
    rf"^(?P<m>{_MONTH_RE})\.?(?:\s+(?:and|or|to)\s+(?P<m2>{_MONTH_RE}))?(?:\s+(?P<y>\d{{4}}))?$"
)
_Y = re.compile(r"^(?P<y>(?:19|20)\d\d)$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")
_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(hours?|days?|weeks?|months?|years?|decades?)\b(?!\s+ago)",
    re.I,
)
_AGE = re.compile(r"year[s]?[- ]old|\bage[sd]?\b", re.I)
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_DATE_WORD = re.compile(
    rf"\b({_MONTH_RE}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|"
    r"week|weekend|month|year|night|morning|afternoon|evening|overnight|ago|decade|spring|"
    r"summer|autumn|fall|winter)\b|\b(19|20)\d\d\b|^\d{4}-\d\d-\d\d$",
    re.I,
)
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>day|days|week|weeks|month|months|year|years)\s+ago$",
    re.I,
)


@dataclass(frozen=True)
class Resolved:
    start: date
    precision: int  # 1 day, 2 within a week or a few days, 3 month or longer
    end: date | None = None


class DateResolver:
    """Reads date expressions against a publication date; owned by one coder, cached there."""

    def __init__(self) -> None:
        self._parser: DateDataParser | None = None
        self._cache: dict[tuple[str, date | None], Resolved | None] = {}

    def resolve(self, text: str, published: date | None) -> Resolved | None:
        key = (text, published)
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            try:
                self._cache[key] = self._resolve(text, published)
            except (ValueError, OverflowError):
                # A day out of the calendar's range ('9999 days before' a date of year 1,
                # 'in 10000'): no date, not a stopped batch.
                self._cache[key] = None
        return self._cache[key]

    def _resolve(self, raw: str, published: date | None) -> Resolved | None:
        text = " ".join(raw.lower().replace("’", "'").split())
        # A date's possessive is its own day: "last Saturday's blast", "yesterday's march".
        text = _POSSESSIVE.sub("", text)
        if not text or _AGE.search(text) or _DURATION.search(text):
            return None
        if not _DATE_WORD.search(text):
            return None  # 'ages 13, 17 and 19' is not January 17
        m = _ISO.match(text)
        if m:
            return _safe(int(m["y"]), int(m["m"]), int(m["d"]), 1)
        words = text.split()
        base = published
        if base is not None:
            relative = _relative(text, words, base)
            if relative is not None:
                return relative
        core = " ".join(_NOISE.sub(" ", text).split())
        for pattern in (_MD, _DM):
            m = pattern.match(core)
            if m:
                return _month_day(int(m["d"]), MONTHS[m["m"]], m["y"], base)
        m = _MY.match(core)
        if m:
            month = MONTHS[m["m"]]
            year = int(m["y"]) if m["y"] else _year_for(month, 1, base)
            if year is None:
                return None
            end_month = MONTHS[m["m2"]] if m["m2"] else month
            last = calendar.monthrange(year, end_month)[1] if end_month >= month else 28
            return Resolved(
                date(year, month, 1), 3, date(year, end_month, last) if end_month >= month else None
            )
        m = _Y.match(core)
        if m:
            return Resolved(date(int(m["y"]), 1, 1), 3, date(int(m["y"]), 12, 31))
        if core in WEEKDAYS and base is not None:
            return Resolved(_last_weekday(base, WEEKDAYS[core], strict=False), 1)
        return self._fallback(text, base)

    def _fallback(self, text: str, base: date | None) -> Resolved | None:
        if base is None and not re.search(r"\d{4}", text):
            return None
        if self._parser is None:
            self._parser = DateDataParser(
                languages=["en"],
                settings={"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
            )
        settings_base = datetime.combine(base, datetime.min.time()) if base else None
        parser = self._parser
        if settings_base is not None:
            parser = DateDataParser(
                languages=["en"],
                settings={
                    "PREFER_DATES_FROM": "past",
                    "RETURN_TIME_AS_PERIOD": True,
                    "RELATIVE_BASE": settings_base,
                },
            )
        try:
            data = parser.get_date_data(text)
        except (ValueError, OverflowError):
            return None
        if data.date_obj is None:
            return None
        precision = {"day": 1, "time": 1, "part_of_day": 1, "week": 2}.get(data.period or "", 3)
        found = data.date_obj.date()
        if base is not None and found > base + timedelta(days=1):
            return None  # news tells of the past; a future date is a schedule, not the event
        return Resolved(found, precision)


def _safe(y: int, m: int, d: int, precision: int) -> Resolved | None:
    try:
        return Resolved(date(y, m, d), precision)
    except ValueError:
        return None


def _year_for(month: int, day: int, base: date | None) -> int | None:
    if base is None:
        return None
    year = base.year
    try:
        candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
    # A date more than a week after publication is last year's ("on Dec. 30" in a January report).
    return year - 1 if candidate > base + timedelta(days=7) else year


def _month_day(day: int, month: int, year: str | None, base: date | None) -> Resolved | None:
    y = int(year) if year else _year_for(month, day, base)
    if y is None:
        return None
    return _safe(y, month, day, 1)


def _last_weekday(base: date, weekday: int, *, strict: bool) -> date:
    delta = (base.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


def _relative(text: str, words: list[str], base: date) -> Resolved | None:
    if text in (
        "today",
        "this morning",
        "tonight",
        "this afternoon",
        "this evening",
        "earlier today",
        "earlier on today",
        "now",
        "currently",
        "this week's",
    ):
        return Resolved(base, 1)
    if text in (
        "yesterday",
        "last night",
        "yesterday morning",
        "yesterday afternoon",
        "yesterday evening",
        "late last night",
        "overnight",
        "early yesterday",
    ):
        return Resolved(base - timedelta(days=1), 1)
    if text in ("the day before yesterday",):
        return Resolved(base - timedelta(days=2), 1)
    if text in (
        "last week",
        "the past week",
        "earlier this week",
        "this week",
        "the previous week",
    ):
        start = (
            base - timedelta(days=base.weekday()) if "this" in text else base - timedelta(days=7)
        )
        return Resolved(start, 2, base)
    if "weekend" in text:
        return Resolved(_last_weekday(base, 5, strict=False), 2, base)
    if text in ("last month", "the previous month"):
        first = (base.replace(day=1) - timedelta(days=1)).replace(day=1)
        return Resolved(first, 3)
    if text in ("this month", "earlier this month"):
        return Resolved(base.replace(day=1), 3, base)
    if text in ("last year", "the previous year"):
        return Resolved(date(base.year - 1, 1, 1), 3, date(base.year - 1, 12, 31))
    if text in ("this year", "earlier this year"):
        return Resolved(date(base.year, 1, 1), 3, base)
    m = _AGO.match(text)
    if m:
        n = word_value(m["n"]) or 1
        unit = m["u"].rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return Resolved(
            base - timedelta(days=days), 1 if unit == "day" else 2 if unit == "week" else 3
        )
    for w in words:
        w = w.strip(",.")
        if w in WEEKDAYS:
            strict = (
                "last" in words and words.index("last") < words.index(w) if w in words else False
            )
            if not any(MONTHS.get(x.strip(",.")) for x in words if x not in WEEKDAYS):
                return Resolved(_last_weekday(base, WEEKDAYS[w], strict=strict), 1)
    return None


class AssignDates:
    """Gives every mention a date (with precision and how it was found)."""

    name = "dates"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("mentions.date",)

    def __init__(self, resolver: DateResolver | None = None) -> None:
        self.resolver = resolver or DateResolver()

    def __call__(self, article: Article) -> Article:
        mentions = article.mentions
        if not mentions:
            return article
        published = article.published
        own, loose = self._own_dates(article)
        for m in mentions:
            found = own.get(id(m))
            if found is not None:
                resolved, span = found
                _set(m, resolved, "own", span)
        _snap_vague(mentions)
        _link_within_sentences(mentions)
        for m in mentions:
            sentence_date = loose.get((m.paragraph, m.sentence.start))
            if m.date is None and sentence_date is not None and not _in_earlier_clause(m.root):
                _set(m, sentence_date.resolved, "sentence", sentence_date.span)
        headlines = {i for i, p in enumerate(article.paragraphs) if p.headline}
        for m in mentions:
            if (
                m.date is None
                and published is not None
                and m.paragraph not in headlines
                and _present_perfect(m.root)
            ):
                _set(m, Resolved(published, 1), "tense", None)
        _anaphora(mentions)
        _link_within_sentences(mentions, final=True)
        _snap_vague(mentions)
        _context(mentions, published, sorted(loose.values(), key=lambda n: n.order))
        return article

    def _own_dates(
        self, article: Article
    ) -> tuple[dict[int, tuple[Resolved, tuple[int, int]]], dict[tuple[int, int], _Narrative]]:
        """Dates attached in the dependency tree to a trigger of the same sentence, and for
        every sentence, with a trigger or not, the first date attached to none ('On 9 May
        2020, police carried out an operation. A shoot-out broke out ...')."""
        found: dict[int, tuple[Resolved, tuple[int, int]]] = {}
        loose: dict[tuple[int, int], _Narrative] = {}
        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for m in article.mentions:
            by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
        order = 0
        for index, paragraph in enumerate(article.paragraphs):
            doc = paragraph.doc
            if doc is None:
                continue
            offset = paragraph.doc_offset
            for sentence in doc.sents:
                order += 1
                group = by_sentence.get((index, sentence.start), [])
                for ent in _date_spans(sentence):
                    resolved = self.resolver.resolve(ent.text, article.published)
                    if resolved is None:
                        continue
                    span = (offset + ent.start_char, offset + ent.end_char)
                    target = _governing_mention(ent, group) if group else None
                    if target is _REPORTED and _opens_sentence(ent):
                        target = None  # 'On 9 May 2020, ... it was reported that'
                    if target is _REPORTED or (target is None and _is_reported(ent)):
                        continue
                    if target is None:
                        loose.setdefault(
                            (index, sentence.start), _Narrative(order, index, resolved, span)
                        )
                    elif isinstance(target, Mention) and id(target) not in found:
                        found[id(target)] = (resolved, span)
        return found, loose


@dataclass(frozen=True)
class _Narrative:
    """A date a sentence gives without tying it to a trigger: the story's time."""

    order: int
    paragraph: int
    resolved: Resolved
    span: tuple[int, int]


def _is_reported(ent: Span) -> bool:
    """'the ministry said on Thursday': when it was said, not when it happened. A date that
    hangs from a clause of its own below the saying ('burst into a bar on Sunday, police
    said') is that clause's, unless the clause tells what is to come ('an autopsy would be
    done on Monday'): a schedule, no event's day."""
    token: Token = ent.root
    for _ in range(4):
        if _reports(token):
            return not _opens_sentence(ent) and not _inside_report(ent, token)
        if _clause_verb(token):
            return _scheduled(token)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _reports(token: Token) -> bool:
    """A verb or noun of telling ('said', 'statement'); 'charged at the crowd' is no charge
    sheet."""
    if token.lower_ not in REPORTING:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in _TOWARD for c in token.children)


_TOWARD = {"at", "into", "toward", "towards", "through"}


def _clause_verb(token: Token) -> bool:
    """A verb that heads a clause of its own (not one describing a noun, 'a statement
    released on Thursday')."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("acl", "relcl")


def _scheduled(verb: Token) -> bool:
    """'will be held on Monday', 'would be conducted on Monday': what is to come."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children)


_FUTURE = {"will", "would", "shall", "'ll"}


def _inside_report(ent: Span, verb: Token) -> bool:
    """'abducted 15 farmers near the town on Monday, villagers said': a date that stands
    after a told clause and before who told it is the clause's, however the parser hung it."""
    if ent.end > verb.i:
        return False
    teller_after = any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i >= ent.end for c in verb.children
    )
    told_before = any(t.pos_ == "VERB" for t in ent.doc[ent.sent.start : ent.start])
    return teller_after and told_before


def _in_earlier_clause(token: Token) -> bool:
    """'in critical condition Tuesday after he was shot': the shooting came before Tuesday."""
    for anc in [token, *list(token.ancestors)[:3]]:
        if any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in anc.children):
            return True
        if anc.dep_ == "pcomp" and anc.head.lower_ in ("after", "before", "since"):
            return True
    return False


def _opens_sentence(ent: Span) -> bool:
    """'On 9 May 2020, ...', 'As reported on 2 May 2020, ...': the date the note is about."""
    lead = ent.doc[ent.sent.start : ent.start]
    return len(lead) <= 4 and all(t.lower_ in _LEAD or t.is_punct or t.like_num for t in lead)


_LEAD = {"on", "around", "about", "by", "in", "early", "late", "between", "as", "reported"}


def _date_spans(sentence: Span) -> list[Span]:
    spans = [_with_day(e) for e in sentence.ents if e.label_ == "DATE"]
    spans += [
        e
        for e in sentence.ents
        if e.label_ == "TIME"
        and any(
            t.lower_ in WEEKDAYS
            or t.lower_ in ("yesterday", "tonight", "overnight")
            or (t.lower_ == "night" and t.i > 0 and t.doc[t.i - 1].lower_ == "last")
            for t in e
        )
    ]
    # 'remanded until December 7': a deadline to come, no day of the events.
    return [e for e in spans if e.start == 0 or e.doc[e.start - 1].lower_ not in _DEADLINE]


_DEADLINE = {"until", "till", "pending"}


# A date that hangs from 'said', 'announced' (when it was told) or from what is to come.
_REPORTED = object()


def _governing_mention(ent: Span, group: list[Mention]) -> Mention | object | None:
    """The mention whose trigger the date hangs from ('stormed ... on June 10').

    The date climbs the dependency tree to the first trigger; at a verb that is not one,
    a trigger that is the verb's own subject or object takes it ('carried out deadly attacks
    on June 5'). It never leaves a relative clause, whose date is not the main clause's, and
    one that climbs from such a verb to a saying is no date of the saying ('burst into a bar
    on Sunday, police said'): it is the sentence's.
    """
    roots = {m.root.i: m for m in group}
    token: Token = ent.root
    nominal_only = False  # after leaving a relative clause, only its noun phrase may take it
    in_clause = False  # it hangs from a clause below any saying: the clause's date
    for _ in range(10):
        if token.i in roots:
            return roots[token.i]
        for m in group:
            if m.span.start <= token.i < m.span.end:
                return m
        if _reports(token):
            return None if in_clause or _inside_report(ent, token) else _REPORTED
        if token.head.i == token.i:
            return None
        if token.pos_ in ("VERB", "AUX"):
            if nominal_only:
                return None
            if _clause_verb(token) and _scheduled(token):
                return _REPORTED  # 'an autopsy would be conducted on Monday': a schedule
            in_clause = in_clause or _clause_verb(token)
            for c in token.children:
                targets = (
                    [c]
                    if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
                    else ([g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [])
                )
                for t in targets:
                    if t.i in roots:
                        return roots[t.i]
            if token.dep_ in ("relcl", "acl"):
                nominal_only = True  # 'protests against reforms that took place in May'
        token = token.head
    return None


def _with_day(ent: Span) -> Span:
    """'Around 9 May 2020' tagged as 'May 2020': take the day back."""
    if ent.start > 0:
        prev = ent.doc[ent.start - 1]
        if (
            prev.like_num
            and prev.text.isdigit()
            and 1 <= int(prev.text) <= 31
            and ent[0].lower_ in MONTHS
        ):
            return ent.doc[ent.start - 1 : ent.end]
    return ent


def _set(m: Mention, r: Resolved, how: str, span: tuple[int, int] | None) -> None:
    m.date, m.date_end, m.precision, m.date_how, m.date_span = (
        r.start,
        r.end,
        r.precision,
        how,
        span,
    )


def _copy(dst: Mention, src: Mention, how: str) -> None:
    dst.date, dst.date_end, dst.precision = src.date, src.date_end, src.precision
    dst.date_how, dst.date_span = how, src.date_span


def _link_within_sentences(mentions: list[Mention], *, final: bool = False) -> None:
    """'stormed an apartment on June 10 and killed four': the linked verb shares the date.

    Mentions of one sentence are linked when one trigger is a direct neighbour of the other
    in the dependency tree, or within four steps of it on a path that does not cross a
    relative clause ('detained in relation to those demonstrations').
    """
    by_token = {(m.paragraph, m.root.i): m for m in mentions}
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
    changed = True
    while changed:
        changed = False
        for m in mentions:
            if m.date is not None:
                continue
            source = None
            for t in _linked_tokens(m.root):
                other = by_token.get((m.paragraph, t.i))
                if other is not None and other.date is not None and other is not m:
                    source = other
                    break
            if source is None:
                for other in by_sentence[(m.paragraph, m.sentence.start)]:
                    if (
                        other is not m
                        and other.date is not None
                        and (_clause_path(other.root, m.root) or _clause_path(m.root, other.root))
                    ):
                        source = other
                        break
            if source is not None and m.arrest_topic and source.kind is Kind.ARREST and not final:
                # 'arrested Wednesday in the shooting': the shooting keeps its own day if the
                # report tells it (anaphora), and takes the arrest's only as a last resort.
                continue
            if source is not None:
                # A day linked to one only guessed (from the tense, say) is a guess too.
                _copy(m, source, "linked" if source.date_how in FIRM else source.date_how)
                changed = True


def _clause_path(low: Token, high: Token, limit: int = 4) -> bool:
    """Is `high` an ancestor of `low` within `limit` steps, crossing no relative clause nor
    a clause told days apart?"""
    token = low
    for _ in range(limit):
        if (
            token.dep_ in ("relcl", "acl", "ccomp", "parataxis")
            or token.head.i == token.i
            or _spanned_apart(token)
        ):
            return False
        token = token.head
        if token.i == high.i:
            return True
    return False


# Spans that put a clause on another day than the one it hangs from: "ten days after".
_DAY_SPANS = {"day", "days", "night", "nights", "week", "weeks", "month", "months", "year",
              "years", "decade", "decades"}  # fmt: skip


def _spanned_apart(token: Token) -> bool:
    """A clause told a span of days or more before or after the one it hangs from ('shot
    three men on Wednesday, ten days after five were killed'): it has a day of its own."""
    marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
    return bool(marks) and any(
        c.dep_ == "npadvmod" and c.lower_ in _DAY_SPANS and c.i < marks[0].i for c in token.children
    )


def _linked_tokens(token: Token) -> list[Token]:
    out: list[Token] = []
    if _spanned_apart(token):
        return out
    if token.dep_ in (
        "conj",
        "xcomp",
        "advcl",
        "acl",
        "pobj",
        "dobj",
        "nsubj",
        "nsubjpass",
        "amod",
        "compound",
    ):
        out.append(token.head)
        if token.head.dep_ == "prep":
            out.append(token.head.head)
    if token.dep_ == "relcl":
        # 'the blast near the bus stand, which killed eight': a relative clause tells of the
        # noun it hangs from, or of the noun whose place or time that noun gives.
        noun = token.head
        out.append(noun)
        for _ in range(2):
            if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
                break
            noun = noun.head.head
            out.append(noun)
    for c in token.children:
        linked = ("conj", "xcomp", "dobj", "nsubjpass", "advcl", "amod", "compound")
        if c.dep_ in linked and not _spanned_apart(c):
            out.append(c)
        if c.dep_ == "prep":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _present_perfect(token: Token) -> bool:
    """'security forces have killed five', or a caption's 'an officer blocks a street near
    the site of a firefight': news of the day the report came out."""
    if token.pos_ not in ("VERB", "AUX"):
        root = token.sent.root
        return (
            token.pos_ == "NOUN"
            and root.tag_ in ("VBZ", "VBP")
            and root.lower_ not in REPORTING
            and root.lower_ not in ("is", "are", "has", "have", "remains", "remain")
        )
    auxes = [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")]
    return token.tag_ in ("VBZ", "VBP") or any(a in ("has", "have", "is", "are") for a in auxes)


def _anaphora(mentions: list[Mention]) -> None:
    """'those attacks' takes the date of the nearest dated mention of the same kind."""
    dated = [m for m in mentions if m.date is not None and m.date_how in FIRM]
    told = [m for m in mentions if m.date is not None and m.date_how == "sentence"]
    for m in mentions:
        if m.date is not None or not m.anaphoric:
            continue
        if m.arrest_topic:
            # The shooting an arrest is for: the day the report gives it, however loosely.
            same = [d for d in dated + told if d.kind is m.kind and d.family == "violence"] or [
                d for d in dated + told if d.family == "violence"
            ]
            if same:
                _copy(
                    m,
                    min(
                        same,
                        key=lambda d: (
                            d.date_how == "sentence",
                            d.order > m.order,
                            abs(d.order - m.order),
                        ),
                    ),
                    "anaphora",
                )
            continue
        same = [d for d in dated if d.kind is m.kind] or [d for d in dated if d.family == m.family]
        before = [d for d in same if d.order <= m.order]
        # One told later may be what it points to, but not a year or month told of another
        # event ('Rebels claimed the attack. In 2019, 26 were killed in one'): left to context.
        after = [d for d in same if d.order > m.order and not _coarse(d)]
        pick = before[-1] if before else (after[0] if after else None)
        if pick is not None:
            _copy(m, pick, "anaphora")


def _snap_vague(mentions: list[Mention]) -> None:
    """A vague date ('earlier this week') that spans a precise date of the same kind is that one."""
    precise = [m for m in mentions if m.date is not None and m.precision == 1]
    for m in mentions:
        if m.date is None or m.precision == 1:
            continue
        lo = m.date - timedelta(days=1)
        hi = (m.date_end or m.date) + timedelta(days=1)
        for p in precise:
            assert p.date is not None
            if p.kind is m.kind and lo <= p.date <= hi:
                _copy(m, p, "snapped")
                break


def _coarse(m: Mention) -> bool:
    """Dated by a year or a month alone ('in 2012', 'in July 2019')."""
    return m.precision >= 3


def _context(mentions: list[Mention], published: date | None, narrative: list[_Narrative]) -> None:
    """The rest, in text order: the nearest dated mention before (one dated here too), the
    paragraph's own time, the next precisely dated mention of the same kind, the report's
    first precisely dated event, or the publication date.

    A year or a month told in another paragraph ('In 2012 the group shot ...') is another
    event's: it never dates a mention of the news, which takes the lead's day instead.
    """
    direct = [m for m in mentions if m.date is not None]
    firm = sorted(
        (m for m in direct if m.precision == 1 and m.date_how in ("own", "linked", "tense")),
        key=lambda m: (m.order, m.root.i),
    )
    first_event = next((m for m in firm if m.family == "violence"), None)
    if first_event is None:
        # 'arrested Wednesday in Sunday's shooting': the violence's day, not the arrest's.
        loosely = (
            m
            for m in direct
            if m.family == "violence" and m.date_how in ("anaphora", "sentence") and not _coarse(m)
        )
        first_event = next(loosely, firm[0] if firm else None)
    if first_event is None:
        first_event = next((m for m in direct if not _coarse(m)), None)
    here: list[Mention] = []  # dated in this pass, in text order
    for m in mentions:
        if m.date is not None:
            continue
        # 'The attack came after days of clashes': what came before an event is not of its
        # day, nor of the day that event took here.
        earlier = _in_earlier_clause(m.root)
        pick = _nearest_before(m, direct, earlier)
        if pick is None:
            # 'On 9 May 2020, police raided a house. A shoot-out broke out': the story's time.
            story = [n for n in narrative if n.paragraph == m.paragraph and n.order < m.order]
            if story:
                _set(m, story[-1].resolved, "narrative", story[-1].span)
                here.append(m)
                continue
        if pick is None and not earlier:
            # 'killing six, the army said Tuesday. Four soldiers also died': the lead's day,
            # dated here, before any later mention's.
            pick = _nearest_before(m, here, earlier)
        if pick is None:
            pick = next(
                (d for d in direct if d.order > m.order and d.kind is m.kind and not _coarse(d)),
                None,
            )
        if pick is None:
            pick = first_event
        if pick is not None:
            _copy(m, pick, "context")
            here.append(m)
        elif published is not None:
            _set(m, Resolved(published, 2), "published", None)
        else:
            m.date, m.precision, m.date_how = None, 3, "none"


def _nearest_before(m: Mention, pool: list[Mention], earlier: bool) -> Mention | None:
    """The nearest dated mention before `m` (up to three sentences back) of its kind, else of
    its family, else (for an arrest) any; a year or month of another paragraph is no one's."""
    before = [
        d
        for d in pool
        if m.order - 3 <= d.order <= m.order
        and not (earlier and d.order == m.order)
        and (d.paragraph == m.paragraph or not _coarse(d))
    ]
    same_kind = [d for d in before if d.kind is m.kind]
    same_family = [d for d in before if d.family == m.family]
    # An arrest told after an event, with no date of its own, is of that event's day.
    nearby = before if m.family == "arrest" else []
    candidates = same_kind or same_family or nearby
    return candidates[-1] if candidates else None
