"""The lexical coder: reads a report in any language whose pack gives a `Lexicon`.

Language-independent: everything it knows of a language comes from the pack (trigger words,
numbers, dates, places, actors). Per sentence it finds cues (what happened), figures (how
many were killed, injured or arrested), a date, places and actors; sentences about the past
(a year gone by, an anniversary, "recall that ...") tell background, not news; cues of one
day and place become one event, classed by ACLED's precedence. The record is the same as the
English coder's: ACLED's English strings, gazetteer names, notes in English, and evidence
quotes that are exact substrings of the original text.
"""

from __future__ import annotations

import dataclasses
import gettext
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

import pycountry

from newsevents import __version__
from newsevents.extract.record import _SUFFIXED, Recorder, _acled_country, _quote, notes
from newsevents.geo.gazetteer import Gazetteer, Place
from newsevents.geo.text import norm
from newsevents.ingest.text import is_boilerplate_line
from newsevents.lang import (
    ABDUCT,
    AIRSTRIKE,
    ARREST,
    ATTACK,
    BLAST,
    CLASH,
    DISPERSE,
    GRENADE,
    GUNFIRE,
    IED,
    INJURE,
    KILL,
    MOB,
    PROTEST,
    RIOT,
    SEXUAL,
    SHELLING,
    SUICIDE,
    Lexicon,
    Pack,
    Parser,
    Word,
)
from newsevents.lang import pack as find_pack
from newsevents.model import Article, Event, Evidence

_FIELD = {KILL: "fatalities", INJURE: "injuries", ARREST: "arrests"}
_VIOLENT = {ATTACK, GUNFIRE, CLASH, SHELLING, AIRSTRIKE, IED, BLAST, SUICIDE, GRENADE, ABDUCT}
_VIOLENT |= {SEXUAL, KILL, INJURE, MOB}
_WEAPONS = {SHELLING, AIRSTRIKE, IED, BLAST, SUICIDE, GRENADE}
# What an accident does too: kill, injure, collide, explode, lead to arrests.
_ACCIDENTAL = {KILL, INJURE, ARREST, CLASH, BLAST}
_STATE_ROLES = {"military", "police"}
_ARMED_ROLES = {"rebels", "armed", "communal"}
_INTER = {
    "military": 1, "police": 1, "rebels": 2, "armed": 3, "communal": 4, "rioters": 5,
    "protesters": 6, "civilians": 7,
}  # fmt: skip
# A background sentence: its date is this many days or more before the report's.
_OLD_DAYS = 10
_MAX_PHRASE = 4  # words in the longest lexicon entry
_LEVEL_RANK = {"town": 0, "admin2": 1, "admin1": 2, "country": 3}
# A dateline: "АКТОБЕ, 6 июня —", "HERMOSILLO, Sonora, 12 de mayo (EFE).-", "BAMAKO (AFP) -",
# "بغداد (رويترز) -". Its date is the report's, not an event's; its place is the report's
# place when the body names none.
_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_'’-]*(?:[ -][^\W\d_][^\W\d_'’-]*){0,3})"
    r"(?:\s*\([^()\n]{1,30}\))?"  # "Medellín (Colombia), 20 nov (EFE).-"
    r"(?P<region>\s*,\s*[^\n—–()]{1,45}?)?\s*(?P<agency>\([^()\n]{1,40}\))?"
    # the dash: a long one, a hyphen between spaces, or ".-"; never a hyphen inside a word
    r"(?:\s*\.?\s*[—–]{1,2}|\s*\.?\s+-{1,2}|\.-)\s+"
)


@dataclass(frozen=True)
class Hit:
    """A lexicon entry found in a sentence: words [i, j) of the report's word list."""

    value: str
    i: int
    j: int


@dataclass
class Figure:
    field: str  # fatalities, injuries, arrests
    value: int
    start: int  # article offsets of its quote
    end: int
    zero: bool = False  # "никто не пострадал": an explicit zero
    victims: frozenset[str] = frozenset()  # who: "military", "rebels", "civilians"
    vague: bool = False  # "plusieurs", "десятки": never added to another side's toll


@dataclass
class Found:
    """A place named in the report."""

    place: Place
    start: int
    end: int
    near: bool = False
    candidates: tuple[Place, ...] = ()  # every place the name may be, best first
    unit: str | None = None  # the level its unit noun names: "région de" admin1, "ville de" town


@dataclass
class Sentence:
    words: list[Word]  # offsets into Article.text
    first: int  # index of its first word in the report's list
    headline: bool = False
    cues: list[Hit] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    date: date | None = None
    date_span: tuple[int, int] | None = None
    places: list[Found] = field(default_factory=list)
    roles: list[Hit] = field(default_factory=list)
    groups: list[Hit] = field(default_factory=list)
    background: bool = False
    not_political: bool = False
    dateline: bool = False  # the report's place and date, before its first sentence
    victims: list[str] = field(default_factory=list)  # roles of those killed or injured
    reporting: bool = False  # "сообщили в понедельник": its date is the report's
    old_month: bool = False  # names a month other than the report's, with no day
    story_day: int | None = None  # "la veille" -1, "le lendemain" +1: of the story's day

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


@dataclass
class Draft:
    sentences: list[Sentence]
    date: date | None
    precision: int
    place: Found | None

    @property
    def kinds(self) -> set[str]:
        """What the event's sentences tell. The weapon is the lead's: a device found later
        ("компоненты СВУ обнаружены") does not make a gunfight a bombing."""
        out: set[str] = set()
        for n, s in enumerate(self.sentences):
            out |= {c.value for c in s.cues if n < 2 or c.value not in _WEAPONS}
        return out


class Folded:
    """A lexicon with its keys folded the way the parser folds lemmas, ready for lookup."""

    def __init__(self, pack: Pack, parser: Parser | None = None) -> None:
        lex = pack.lexicon
        assert lex is not None
        self.lex = lex
        f = pack.fold
        # A phrase is matched on lemmas, so it is also read as the parser reads it: "perdre
        # la vie" as "perdre le vie", "privación de la libertad" as "privación de el
        # libertad". The pack writes phrases as people write them.
        as_parsed: dict[str, str] = {}
        if parser is not None:
            phrases = sorted(
                {
                    k
                    for table in (lex.triggers, lex.actors, lex.groups, lex.background)
                    for k in table
                    if " " in k
                }
                | {k for k in lex.not_political if " " in k}
            )
            for phrase, words in zip(phrases, parser.parse(phrases), strict=True):
                as_parsed[phrase] = " ".join(w.lemma for w in words if w.pos != "PUNCT")

        def keys(m: Iterable[str]) -> dict[str, str]:
            out = {" ".join(f(w) for w in k.split()): k for k in m}
            for k in m:
                if as_parsed.get(k):
                    out.setdefault(as_parsed[k], k)
            return out

        def fold_map(m: dict[str, str] | dict[str, int] | dict[str, tuple[str, int]]) -> dict:  # type: ignore[type-arg]
            return {k2: m[k] for k2, k in keys(m).items()}

        self.triggers: dict[str, str] = fold_map(dict(lex.triggers))
        self.actors: dict[str, str] = fold_map(dict(lex.actors))
        self.groups: dict[str, tuple[str, int]] = fold_map(dict(lex.groups))
        self.numbers: dict[str, int] = fold_map(dict(lex.numbers))
        self.multipliers: dict[str, int] = fold_map(dict(lex.multipliers))
        self.vague: dict[str, int] = fold_map(dict(lex.vague))
        self.months: dict[str, int] = fold_map(dict(lex.months))
        self.weekdays: dict[str, int] = fold_map(dict(lex.weekdays))
        self.days_ago: dict[str, int] = fold_map(dict(lex.days_ago))
        self.units: dict[str, str] = fold_map(dict(lex.units))

        def fset(s: Iterable[str]) -> frozenset[str]:
            return frozenset(keys(s))

        self.background = fset(lex.background)
        self.not_political = fset(lex.not_political)
        self.negations = fset(lex.negations)
        self.nobody = fset(lex.nobody)
        self.not_people = fset(lex.not_people)
        self.near = fset(lex.near)
        self.prepositions = fset(lex.place_prepositions)
        self.reporting = fset(lex.reporting)
        self.including = fset(lex.including)
        self.moved = fset(lex.moved)
        self.one = fset(lex.one)
        self.story_days: dict[str, int] = fold_map(dict(lex.story_days))
        self.furniture = tuple(x.casefold() for x in lex.furniture)
        self.countries = _country_names(pack.code, lex)
        # Single words the lexicon gives a meaning, never read as place names.
        self.words = (
            frozenset(
                k
                for table in (self.triggers, self.actors, self.months, self.weekdays, self.units)
                for k in table
                if " " not in k
            )
            | self.prepositions
            | self.days_ago.keys()
            | self.reporting
        )


def _country_names(code: str, lex: Lexicon) -> dict[str, str]:
    """Country names in the pack's language (pycountry's ISO 3166 translations, installed
    with it) and the pack's own aliases, by their gazetteer key."""
    out: dict[str, str] = {}
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        tr = None
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and tr is not None:
                out[norm(tr.gettext(name))] = c.alpha_2
    for name, alpha2 in lex.country_aliases.items():
        out[norm(name)] = alpha2
    out.pop("", None)
    return out


def _phrases(
    words: Sequence[Word], table: dict[str, str] | dict[str, tuple[str, int]]
) -> list[Hit]:
    """The longest lexicon entries found in `words`, left to right, never overlapping."""
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            key = " ".join(w.lemma for w in words[i : i + n])
            if key in table:
                value = table[key]
                hits.append(Hit(value if isinstance(value, str) else key, i, i + n))
                i += n
                break
        else:
            i += 1
    return hits


class LexicalCoder:
    """Codes one article in a pack's language. One per pack and process: the parser loads once."""

    def __init__(self, pack: Pack, gazetteer: Gazetteer) -> None:
        assert pack.lexicon is not None
        assert pack.load_parser is not None
        self.pack = pack
        self.parser: Parser = pack.load_parser()
        self.lex = Folded(pack, self.parser)
        self.gazetteer = gazetteer
        self.recorder = Recorder(gazetteer)

    # ------------------------------------------------------------------ reading
    def code(self, article: Article) -> list[Event]:
        self._dateline: tuple[int, int] | None = None
        blocks = self._blocks(article)
        texts = [article.text[a:b] for a, b, _ in blocks]
        parsed = self.parser.parse(texts) if texts else []
        sentences: list[Sentence] = []
        words_all: list[Word] = []
        for (a, _b, headline), words in zip(blocks, parsed, strict=True):
            by_sent: dict[int, list[Word]] = {}
            base = len(words_all)
            for w in words:
                head = base + w.head if w.head >= 0 else -1
                moved = dataclasses.replace(w, start=w.start + a, end=w.end + a, head=head)
                by_sent.setdefault(w.sent, []).append(moved)
            carried: list[Word] = []
            for ws in by_sent.values():
                if (
                    sentences
                    and sentences[-1].words[0].start >= a
                    and not carried
                    and (
                        ws[0].text[:1].islower()
                        or ws[0].text[:1] in ",;:)»"
                        or sentences[-1].words[-1].text.endswith("-")
                    )
                ):
                    # A sentence cannot start with a small letter or a comma: the parser
                    # cut one ("opposé dimanche 4 juin | les Forces armées ...").
                    sentences[-1].words.extend(ws)
                    words_all.extend(ws)
                    continue
                ws = carried + ws
                if len([w for w in ws if w.pos != "PUNCT"]) <= 2 and ws[-1].text not in ".!?؟":
                    carried = ws  # "Mardi" cut off from ", des hommes armés ...": one sentence
                    continue
                carried = []
                sentences.append(Sentence(ws, len(words_all), headline))
                words_all.extend(ws)
            if carried:
                sentences.append(Sentence(carried, len(words_all), headline))
                words_all.extend(carried)
        published = article.published
        for s in sentences:
            self._read(s, published)
        self._mark_dateline(sentences)
        self._title_places = self._read_title(article)
        self._settle_places(sentences)
        return self._events(article, sentences)

    def _mark_dateline(self, sentences: list[Sentence]) -> None:
        """Short sentences before the first told one, with no cue ("МАХАЧКАЛА, 1 апреля.",
        "/ТАСС/.", "Белгород. 14 октября."), are the dateline: the report's place and day."""
        for s in sentences[:4]:
            if s.headline:
                continue
            if s.cues or len([w for w in s.words if w.pos != "PUNCT"]) > 7:
                break
            s.dateline = True
            if s.places and self._dateline is None:
                self._dateline = (s.places[0].start, s.places[0].end)

    def _settle_places(self, sentences: list[Sentence]) -> None:
        """A name may be many places ("Santiago", "Roman"); read it in the report's country:
        the one its countries, title, dateline and unambiguous towns point to. A name with
        no reading in that country is dropped, unless it is a city of a million people."""
        votes: Counter[str] = Counter()

        def vote(f: Found, weight: int) -> None:
            countries = {c.country_code for c in f.candidates}
            if len(countries) == 1:
                votes[f.place.country_code] += 2 * weight
            else:
                for code in countries:
                    votes[code] += 1  # an ambiguous name: half a vote for each reading

        for f in self._title_found:
            vote(f, 3)
        for s in sentences:
            for f in s.places:
                if f.place.level == "country":
                    vote(f, 3 if not s.background else 1)
                else:
                    vote(f, 3 if s.dateline else 2 if f.place.level == "admin1" else 1)
        if not votes:
            return
        home = votes.most_common(1)[0][0]
        for s in sentences:
            kept = []
            for f in s.places:
                inside = [c for c in f.candidates if c.country_code == home]
                big = [c for c in f.candidates if c.population >= 1_000_000]
                if inside:
                    kept.append(dataclasses.replace(f, place=_prefer(inside, f.unit)))
                elif f.place.level == "country":
                    kept.append(f)
                elif big:
                    kept.append(dataclasses.replace(f, place=big[0]))
            s.places = kept
        self._title_places = [
            next((c for c in f.candidates if c.country_code == home), f.place)
            for f in self._title_found
            if f.place.level == "country"
            or any(c.country_code == home for c in f.candidates)
            or f.place.population >= 1_000_000
        ]

    def _read_title(self, article: Article) -> list[Place]:
        """The towns the title names (the title may not be in the text: no evidence from it)."""
        self._title_found: list[Found] = []
        title = (article.title or "").strip()
        if not title or title in article.text[:400]:
            return []
        words = self.parser.parse([title])[0]
        s = Sentence(words, 0, headline=True)
        self._places(s)
        self._title_found = s.places
        return [f.place for f in s.places]

    def _blocks(self, article: Article) -> list[tuple[int, int, bool]]:
        """The spans of Article.text to read: the title (if it is in the text) and the body's
        paragraphs, without page furniture (link lists, captions, share widgets)."""
        out: list[tuple[int, int, bool]] = []
        for n, p in enumerate(article.paragraphs):
            # Not p.boilerplate: ingest's justext pass weighs English function words, and
            # calls every short paragraph in another language boilerplate. Its patterns
            # (captions, bylines, widgets) and the pack's furniture words hold here.
            if is_boilerplate_line(p.text):
                continue
            text = p.text
            stripped = text.strip()
            if not stripped:
                continue
            low = stripped.casefold()
            if any(low.startswith(f) for f in self.lex.furniture):
                continue
            if (stripped[0] in "•▶►■●" or stripped[:2] in ("- ", "– ", "— ")) and len(
                stripped
            ) < 200:
                continue  # a list of other stories
            headline = n == 0 and bool(article.title) and stripped == (article.title or "").strip()
            # A short line with no closing punctuation is a headline or a list entry.
            if not headline and len(stripped) < 90 and not re.search(r"[.!?؟…»\"”:]$", stripped):
                if n > 0:
                    continue
                headline = True
            start = p.start + p.parse_start
            end = p.start + (p.parse_end if p.parse_end is not None else len(text))
            if not headline and len(out) < 2 and p.parse_start == 0:
                found = _DATELINE.match(text)
                if found and (
                    found.group("agency")
                    or found.group("place").isupper()
                    or (found.group("region") and found.end() <= 50)
                ):
                    self._dateline = (p.start + found.start("place"), p.start + found.end("place"))
                    start = p.start + found.end()
            if end > start:
                out.append((start, end, headline))
        return out

    def _read(self, s: Sentence, published: date | None) -> None:
        lex = self.lex
        ws = s.words
        lemmas = [w.lemma for w in ws]
        s.cues = _phrases(ws, lex.triggers)
        s.roles = _phrases(ws, lex.actors)
        s.groups = _phrases(ws, lex.groups) + self._groups_by_text(ws)
        s.not_political = any(
            " ".join(lemmas[i : i + n]) in lex.not_political
            for i in range(len(ws))
            for n in (1, 2, 3)
        )
        self._date(s, published)
        s.reporting = any(x in lex.reporting for x in lemmas)
        s.background = self._background(s, lemmas, published)
        if s.not_political:
            # "столкновение автобуса", "murieron en el accidente": deaths and crashes, not
            # violence; an unambiguous attack in the same sentence stays.
            s.cues = [c for c in s.cues if c.value not in (KILL, INJURE, CLASH, BLAST)]
        self._places(s)
        self._figures(s)

    def _groups_by_text(self, ws: list[Word]) -> list[Hit]:
        """Named groups written as abbreviations or names ("ИГ", "ELN"): matched on the text."""
        out = []
        for i, w in enumerate(ws):
            key = w.text.casefold()
            if key in self.lex.groups and w.lemma not in self.lex.groups:
                out.append(Hit(key, i, i + 1))
        return out

    # ------------------------------------------------------------------ background
    def _background(self, s: Sentence, lemmas: list[str], published: date | None) -> bool:
        lex = self.lex
        for i in range(len(lemmas)):
            for n in (1, 2, 3):
                if " ".join(lemmas[i : i + n]) in lex.background:
                    return True
        if s.old_month and s.date is None:
            return True
        if published is not None:
            for w in s.words:
                if re.fullmatch(r"(19|20)\d\d", w.text) and int(w.text) < published.year:
                    return True
            if s.date is not None and (published - s.date).days >= _OLD_DAYS:
                return True
        return False

    # ------------------------------------------------------------------ dates
    def _date(self, s: Sentence, published: date | None) -> None:
        lex = self.lex
        ws = s.words
        found: list[tuple[date, int, int]] = []
        anchor = published or date.today()
        for i, w in enumerate(ws):
            month = lex.months.get(w.lemma)
            if month is not None:
                day = _day_before(ws, i)
                if day is None:
                    if published is not None and month != published.month:
                        s.old_month = True  # "fin novembre", "в марте": another month
                    continue
                year = anchor.year
                end = i + 1
                if i + 1 < len(ws) and re.fullmatch(r"(19|20)\d\d", ws[i + 1].text):
                    year, end = int(ws[i + 1].text), i + 2
                elif (month, day[0]) > (anchor.month, anchor.day):
                    year -= 1  # "5 December" in a report of January
                try:
                    found.append((date(year, month, day[0]), day[1], end))
                except ValueError:
                    continue
            elif w.lemma in lex.weekdays and published is not None:
                back = (published.weekday() - lex.weekdays[w.lemma]) % 7
                found.append((published - timedelta(days=back), i, i + 1))
            elif w.lemma in lex.days_ago and published is not None:
                found.append((published - timedelta(days=lex.days_ago[w.lemma]), i, i + 1))
            elif w.lemma in lex.story_days and published is not None:
                # "la veille", "le lendemain", "накануне": a day counted from the day the
                # story is at, settled in _events; from the report's day until then.
                s.story_day = lex.story_days[w.lemma]
                found.append((published + timedelta(days=s.story_day), i, i + 1))
        if not found:
            return
        # The first day told: "la nuit de samedi à dimanche" began on Saturday.
        chosen = found[0]
        s.date = chosen[0]
        s.date_span = (ws[chosen[1]].start, ws[chosen[2] - 1].end)

    # ------------------------------------------------------------------ places
    def _places(self, s: Sentence) -> None:
        ws = s.words
        i = 0
        lex = self.lex
        while i < len(ws):
            w = ws[i]
            after = i > 0 and (ws[i - 1].lemma in lex.prepositions or ws[i - 1].lemma in lex.units)
            if w.lemma in lex.words:
                i += 1  # a word the lexicon knows ("مدينة", "полиция") is no place name
                continue
            if not (_name_like(w) or (w.pos == "" and (after or len(w.text) > 4))):
                i += 1
                continue
            j = i + 1
            while (
                j < len(ws)
                and j - i < 4
                and (_name_like(ws[j]) or ws[j].pos == "")
                and ws[j].start - ws[j - 1].end <= 1
                and ws[j].pos != "PUNCT"
            ):
                j += 1
            if any(ws[m].lemma in lex.moved for m in range(max(0, i - 3), i)):
                i = j  # "transférés à Dapaong", "доставлены в Белгород": where people were taken
                continue
            found = self._lookup(ws, i, j)
            if found is not None:
                places, k = found
                near = i > 0 and (
                    ws[i - 1].lemma in self.lex.near or (i > 1 and ws[i - 2].lemma in self.lex.near)
                )
                unit = next(
                    (
                        lex.units[ws[m].lemma]
                        for m in (i - 1, i - 2)
                        if m >= 0 and ws[m].lemma in lex.units
                    ),
                    None,
                )
                chosen = _prefer(places, unit)
                s.places.append(
                    Found(chosen, ws[i].start, ws[k - 1].end, near, tuple(places), unit)
                )
                i = k
            else:
                i = j

    def _lookup(self, ws: list[Word], i: int, j: int) -> tuple[list[Place], int] | None:
        """The longest run of words from i that the gazetteer or the country names know."""
        for k in range(j, i, -1):
            run = ws[i:k]
            written = _as_written(run)
            texts = list(self.pack.spellings(written))
            if "-" in written:
                texts.append(written.replace("-", ""))  # "Pétion-Ville", "Petionville"
            lemma = " ".join(w.lemma for w in run)
            if lemma not in texts:
                texts.append(lemma)
            for t in texts:
                key = norm(t)
                if not key or len(key) < 3:
                    continue
                code = self.lex.countries.get(key)
                if code and code in self.gazetteer.countries:
                    return [self.gazetteer.countries[code]], k
                before = ws[i - 1].lemma if i > 0 else ""
                placed = before in self.lex.prepositions or before in self.lex.near
                if run[0].ent not in ("LOC", "") and len(run) == 1 and not placed:
                    continue  # a person or an organisation, unless told as a place ("de Mokolo")
                places = [p for p in self.gazetteer.lookup(t) if p.level != "country"]
                if places and (
                    run[0].ent == "LOC"
                    or _capital(run[0])
                    or run[0].pos == "PROPN"
                    or (run[0].pos == "" and self._placed(ws, i, places[0]))
                ):
                    return places, k
        return None

    def _placed(self, ws: list[Word], i: int, place: Place) -> bool:
        """A word of a text with no parts of speech is read as a place after a preposition or
        a unit noun ("في", "مدينة"), or when it names a town of 100,000 people or more."""
        before = ws[i - 1].lemma if i > 0 else ""
        return (
            before in self.lex.prepositions
            or before in self.lex.units
            or place.level != "town"
            or place.population >= 100_000
        )

    # ------------------------------------------------------------------ figures
    def _figures(self, s: Sentence) -> None:
        """Each number in the sentence goes to the nearest kill, injure or arrest cue; numbers
        joined by "and" that go to one cue add up ("five soldiers and two civilians")."""
        lex = self.lex
        ws = s.words
        counted = [c for c in s.cues if c.value in _FIELD]
        if not counted:
            return
        numbers = self._numbers(ws)
        taken: dict[int, list[tuple[int, int, int]]] = {}
        for value, a, b in numbers:
            governed = _governor(ws, s.first, a, b, counted)
            # The parse is trusted where the cue follows its number ("nine people were
            # detained") or comes right before it; across "and" it is not.
            if governed is not None and (governed.i >= b or a == governed.j):
                taken.setdefault(counted.index(governed), []).append((value, a, b))
                continue
            best = min(counted, key=lambda c: _gap(c, a, b))
            if _gap(best, a, b) > 6:
                continue
            if _between(ws, best, a, b, counted):
                continue
            taken.setdefault(counted.index(best), []).append((value, a, b))
        for n, cue in enumerate(counted):
            fld = _FIELD[cue.value]
            negated = any(ws[k].lemma in lex.negations for k in range(max(0, cue.i - 3), cue.i))
            nobody = any(
                ws[k].lemma in lex.nobody for k in range(max(0, cue.i - 4), min(len(ws), cue.j + 3))
            )
            if negated or nobody:
                if nobody:
                    s.figures.append(Figure(fld, 0, ws[cue.i].start, ws[cue.j - 1].end, zero=True))
                continue
            items = taken.get(n)
            if items:
                # Numbers add up when they stand on one side of their cue, each precise:
                # "five soldiers and two civilians were killed"; not "17 dead, and several
                # missing", nor a subject and an object of one verb.
                precise = [x for x in items if ws[x[1]].lemma not in lex.vague]
                items = precise or items
                if any(b <= cue.i for _, _, b in items) and any(a >= cue.j for _, a, _ in items):
                    items = [min(items, key=lambda x: _gap(cue, x[1], x[2]))]
                total = sum(v for v, _, _ in items)
                a = min(cue.i, *(x for _, x, _ in items))
                b = max(cue.j, *(y for _, _, y in items))
                who = frozenset(r.value for r in s.roles if a <= r.i < b + 2)
                vague = not precise
                s.figures.append(
                    Figure(fld, total, ws[a].start, ws[b - 1].end, victims=who, vague=vague)
                )
                if fld != "arrests":
                    s.victims += list(who)
            elif self._singular(ws, cue) or _one_after(ws, cue, lex.one):
                s.figures.append(Figure(fld, 1, ws[cue.i].start, ws[cue.j - 1].end))

    def _singular(self, ws: list[Word], cue: Hit) -> bool:
        """A cue told of one person: a singular verb or participle ("murió", "погиб")."""
        head = ws[cue.i]
        return head.number == "Sing" and head.pos in ("VERB", "AUX", "ADJ")

    def _numbers(self, ws: list[Word]) -> list[tuple[int, int, int]]:
        """(value, first word, end word) of each figure of people in the words."""
        lex = self.lex
        out: list[tuple[int, int, int]] = []
        i = 0
        while i < len(ws):
            w = ws[i]
            value: int | None = None
            j = i + 1
            if re.fullmatch(r"\d{1,5}", w.text):
                value = int(w.text)
                # "1 200": digits grouped by a space
                while (
                    j < len(ws)
                    and re.fullmatch(r"\d{3}", ws[j].text)
                    and ws[j].start - ws[j - 1].end == 1
                ):
                    value = value * 1000 + int(ws[j].text)
                    j += 1
            elif w.lemma in lex.vague:
                value = lex.vague[w.lemma]
            elif w.lemma in lex.numbers or w.lemma in lex.multipliers:
                value, j = _number_words(ws, i, lex)
            if value is None or value <= 0:
                i = j
                continue
            after = ws[j].lemma if j < len(ws) else ""
            # "une trentaine de kilomètres": the noun after a short word
            after2 = ws[j + 1].lemma if len(after) <= 3 and j + 1 < len(ws) else ""
            if (
                after in lex.not_people
                or after2 in lex.not_people
                or any(ws[k].lemma in lex.including for k in range(max(0, i - 3), i))
                or after in lex.months
                or (j < len(ws) and ws[j].text in ("%", ":", "-", "–"))
                or (i > 0 and ws[i - 1].text in ("№", "#"))
                or (1900 <= value <= 2100)
            ):
                i = j
                continue
            out.append((value, i, j))
            i = j
        return out

    # ------------------------------------------------------------------ events
    def _events(self, article: Article, sentences: list[Sentence]) -> list[Event]:
        main = self._main_place(article, sentences)
        lead_date: date | None = None
        for s in sentences:
            if s.date is not None and not s.background and not s.dateline:
                if lead_date is None or not s.reporting or _eventful(s):
                    lead_date = s.date
                if not s.reporting or _eventful(s):
                    break
        drafts: dict[tuple[object, object], Draft] = {}
        last_place: Found | None = None
        last_date: date | None = None
        news = [s for s in sentences if not s.headline and not s.background]
        if not any(_eventful(s) for s in news):
            news = [s for s in sentences if s.headline and not s.background]
        # A report led by an accident ("une collision entre un bus et un camion") tells its
        # deaths as the accident's, sentence after sentence.
        lead = next((s for s in news if s.cues or s.not_political), None)
        accident = lead is not None and lead.not_political and not lead.cues
        for n, s in enumerate(news):
            if accident and all(c.value in _ACCIDENTAL for c in s.cues):
                continue
            if s.reporting and s.date is not None and s.date == article.published:
                # "a source said today, Sunday, that ... ": today is the report's day; a
                # sentence just after with an earlier day tells the event's.
                later = [t.date for t in news[n + 1 : n + 3] if t.date and not t.reporting]
                if later and later[0] < s.date and (s.date - later[0]).days <= 7:
                    s.date = later[0]
            if s.story_day is not None and last_date is not None and s.date_span is not None:
                s.date = min(last_date + timedelta(days=s.story_day), article.published or date.max)
            own = _best_place(s.places)
            if own is not None:
                last_place = own
            if s.date is not None and not s.dateline and (_eventful(s) or not s.reporting):
                last_date = s.date
            if not _eventful(s) or s.dateline:
                continue
            place = own or last_place or main
            day = s.date or last_date or lead_date or article.published
            precision = 1 if (s.date or last_date or lead_date) else 2
            key = (day, place.place.geonames_id if place and place.place.level == "town" else None)
            draft = drafts.get(key)
            if draft is None and own is not None and own.place.level == "town":
                # A town inside the division an event of its day was placed in: that event.
                for k, d in drafts.items():
                    if k[0] == day and d.place is not None and _within(own.place, d.place.place):
                        draft, d.place = d, own
                        break
            if draft is None:
                # A sentence with no town of its own joins the event of its day.
                # A sentence with no town of its own joins the event of its day, unless it
                # names a division or country that event is not in ("وفي محافظة مأرب").
                same_day = [
                    d
                    for k, d in drafts.items()
                    if k[0] == day
                    and (
                        own is None
                        or d.place is None
                        or own.place == d.place.place
                        or own.place.holds(d.place.place)
                    )
                ]
                if (own is None or own.place.level != "town") and same_day:
                    draft = same_day[-1]
                else:
                    draft = drafts[key] = Draft([], day, precision, place)
            draft.sentences.append(s)
        return [ev for d in drafts.values() if (ev := self._record(article, d, main)) is not None]

    def _main_place(self, article: Article, sentences: list[Sentence]) -> Found | None:
        """The report's place: the title's, else the first town of the body, else the first
        place of any level."""
        titled = [p for p in self._title_places if p.level == "town"]
        if titled:
            found = next(
                (
                    f
                    for s in sentences
                    for f in s.places
                    if f.place.geonames_id == titled[0].geonames_id
                ),
                None,
            )
            return found or Found(titled[0], 0, 0)
        heads = [s for s in sentences if s.headline]
        for group in (heads, [s for s in sentences if not s.background]):
            towns = [p for s in group for p in s.places if p.place.level != "country"]
            if towns:
                return towns[0]
        if self._dateline is not None:
            a, b = self._dateline
            name = article.text[a:b]
            for candidate in (name, name.title()):
                code = self.lex.countries.get(norm(candidate))
                places = (
                    [self.gazetteer.countries[code]]
                    if code in self.gazetteer.countries
                    else self.gazetteer.lookup(candidate)
                )
                if places:
                    return Found(places[0], a, b)
        anywhere = [p for s in sentences for p in s.places]
        return anywhere[0] if anywhere else None

    def _record(self, article: Article, d: Draft, main: Found | None) -> Event | None:
        kinds = d.kinds
        if not kinds & (_VIOLENT | {PROTEST, RIOT, DISPERSE}):
            return None  # arrests alone, without a protest or violence: not coded here
        if all(s.not_political for s in d.sentences) and not kinds & {
            ATTACK, CLASH, SHELLING, AIRSTRIKE, IED, SUICIDE, GRENADE, PROTEST, RIOT, ABDUCT,
        }:  # fmt: skip
            return None  # a road accident or a flood: deaths, no political violence
        roles = [h.value for s in d.sentences for h in s.roles]
        groups = [h.value for s in d.sentences for h in s.groups]
        event_type, sub = _classify(kinds, roles, groups, d)
        ev = Event(
            event_date=d.date,
            time_precision=d.precision if d.date else 3,
            event_type=event_type,
            sub_event_type=sub,
        )
        place = d.place or main
        evidence: list[Evidence] = []
        if place is not None:
            # The English coder's place fields, ACLED's territories as divisions included.
            self.recorder._place(ev, place.place, place.near)
            _acled_country(ev)
            evidence.append(_quote(article, "location", place.start, place.end))
        self._actors(ev, kinds, roles, groups)
        for fld in ("fatalities", "injuries", "arrests"):
            figs = [f for s in d.sentences for f in s.figures if f.field == fld]
            if not figs:
                continue
            # The toll is the lead's, the first told: later figures are other claimants'
            # ("la société civile avance 17 morts") or wider totals. Injured and arrested are
            # told in pieces: the largest.
            best = figs[0] if fld == "fatalities" else max(figs, key=lambda f: f.value)
            # The dead of each side told apart ("10 soldiers", later "15 militants") add up;
            # the same toll told twice does not.
            sides: dict[frozenset[str], int] = {}
            for f in figs:
                if len(f.victims) == 1 and not f.vague:
                    sides[f.victims] = max(sides.get(f.victims, 0), f.value)
            value = max(best.value, sum(sides.values()) if len(sides) > 1 else 0)
            setattr(ev, fld, value)
            evidence.append(_quote(article, fld, best.start, best.end))
        first = d.sentences[0]
        cue = first.cues[0]
        evidence.append(
            _quote(article, "event_type", first.words[cue.i].start, first.words[cue.j - 1].end)
        )
        dated = next((s for s in d.sentences if s.date_span), None)
        if dated is not None and dated.date_span is not None:
            evidence.append(_quote(article, "event_date", *dated.date_span))
        ev.evidence = evidence
        ev.notes = notes(ev) + f" Coded from a report in {self.pack.name}."
        ev.language = self.pack.code
        ev.sources = [
            {
                "doc_id": article.doc_id,
                "url": article.url,
                "outlet": article.outlet,
                "title": article.title,
                "published": article.published.isoformat() if article.published else None,
            }
        ]
        ev.confidence = 0.5 if d.place is not None and d.date is not None else 0.35
        ev.assign_id(article.doc_id, __version__)
        return ev

    def _actors(self, ev: Event, kinds: set[str], roles: list[str], groups: list[str]) -> None:
        country = ev.country
        named = [self.lex.groups[g] for g in groups]

        def name(role: str) -> tuple[str, int]:
            template = _SUFFIXED[role]
            return (
                template.format(c=country)
                if country
                else template.split(" (")[0].replace(" of {c}", "")
            ), _INTER[role]

        state = next((r for r in roles if r in _STATE_ROLES), None)
        armed = next((r for r in roles if r in _ARMED_ROLES), None)
        a1: tuple[str, int] | None
        a2: tuple[str, int] | None = None
        if ev.sub_event_type == "Excessive force against protesters":
            a1, a2 = name(state or "police"), name("protesters")
        elif ev.event_type in ("Protests", "Riots") and ev.sub_event_type != "Mob violence":
            a1 = name("rioters" if ev.event_type == "Riots" else "protesters")
            if state and (kinds & {DISPERSE, ARREST, KILL, INJURE} or ev.event_type == "Riots"):
                a2 = name(state)
        elif ev.sub_event_type == "Mob violence":
            a1, a2 = name("rioters"), name("civilians")
        elif ev.event_type == "Battles":
            first = named[0] if named else (name(armed) if armed else None)
            if state:
                a1, a2 = name(state), first or name("armed")
            else:
                a1 = first or name("armed")
                a2 = named[1] if len(named) > 1 else None
        elif kinds & {AIRSTRIKE, SHELLING} and (state or not (named or armed)):
            a1 = name(state or "military")
            a2 = named[0] if named else (name("civilians") if "civilians" in roles else None)
        else:
            a1 = named[0] if named else name(armed or "armed")
            if state and not named and not armed and ev.event_type == "Violence against civilians":
                a1 = name(state)
            if ev.event_type == "Violence against civilians":
                a2 = name("civilians")
            elif state:
                a2 = name(state)
        ev.actor1, ev.inter1 = a1
        if a2 is not None:
            ev.actor2, ev.inter2 = a2


def _eventful(s: Sentence) -> bool:
    return any(c.value != ARREST for c in s.cues) or bool(s.cues and s.figures)


def _prefer(places: Sequence[Place], unit: str | None) -> Place:
    """Of the places a name may be, best first: the level its unit noun names ("la région de
    Kidal"); else a town over the division named for it ("Kidal" the town, not its region;
    Port-au-Prince, not its arrondissement)."""
    if unit is not None:
        of_level = [p for p in places if p.level == unit]
        if of_level:
            return of_level[0]
    first = places[0]
    if first.level in ("admin1", "admin2") and unit is None:
        town = next((p for p in places if p.level == "town" and first.holds(p)), None)
        if town is not None:
            return town
    return first


def _within(town: Place, unit: Place) -> bool:
    """A town in the district an event was first placed in ("Belgorodsky district", then
    "Belgorod"): the district told first, its town after."""
    return unit.level in ("admin1", "admin2") and unit.holds(town)


def _best_place(found: list[Found]) -> Found | None:
    if not found:
        return None
    return min(found, key=lambda f: _LEVEL_RANK[f.place.level])


def _classify(kinds: set[str], roles: list[str], groups: list[str], d: Draft) -> tuple[str, str]:
    """ACLED's type and sub-type from what the event's sentences tell, by ACLED's precedence."""
    state = any(r in _STATE_ROLES for r in roles)
    armed = any(r in _ARMED_ROLES for r in roles) or bool(groups)
    killed = any(f.field == "fatalities" and f.value > 0 for s in d.sentences for f in s.figures)
    if MOB in kinds:
        return "Riots", "Mob violence"
    lead = {c.value for c in d.sentences[0].cues}
    if (PROTEST in kinds or "protesters" in roles) and (PROTEST in lead or not armed):
        if RIOT in kinds or "rioters" in roles:
            return "Riots", "Violent demonstration"
        if killed and state and not armed:
            return "Protests", "Excessive force against protesters"
        if kinds & {DISPERSE, ARREST}:
            return "Protests", "Protest with intervention"
        if not kinds & (_VIOLENT - {KILL, INJURE}):
            return "Protests", "Peaceful protest"
    if (RIOT in kinds or "rioters" in roles) and not (armed or kinds & _WEAPONS):
        # Houses burnt by gunmen are an attack's, not a riot's.
        return "Riots", "Violent demonstration"
    if SUICIDE in kinds:
        return "Explosions/Remote violence", "Suicide bomb"
    if AIRSTRIKE in kinds:
        return "Explosions/Remote violence", "Air/drone strike"
    if SHELLING in kinds:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if GRENADE in kinds:
        return "Explosions/Remote violence", "Grenade"
    if IED in kinds or BLAST in kinds:
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if CLASH in kinds:
        return "Battles", "Armed clash"
    if ABDUCT in kinds:
        return "Violence against civilians", "Abduction/forced disappearance"
    if SEXUAL in kinds:
        return "Violence against civilians", "Sexual violence"
    # An attack on soldiers or police by armed men is a battle; on anyone else, violence
    # against civilians.
    victims = {v for s in d.sentences for v in s.victims}
    victims_state = bool(victims & _STATE_ROLES)
    if victims_state and (armed or kinds & {ATTACK, GUNFIRE}) and "civilians" not in victims:
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def _as_written(run: Sequence[Word]) -> str:
    """Words as the text has them: "Pétion-Ville", not "Pétion - Ville"."""
    out = run[0].text
    for prev, w in pairwise(run):
        out += ("" if w.start == prev.end else " ") + w.text
    return out


def _name_like(w: Word) -> bool:
    return w.ent == "LOC" or w.pos == "PROPN"


def _capital(w: Word) -> bool:
    return bool(w.text) and w.text[0].isupper() and len(w.text) > 1


def _day_before(ws: list[Word], i: int) -> tuple[int, int] | None:
    """The day number before a month word ("5 июня", "5 de mayo", "le 5 mai"): (day, index)."""
    for k in (i - 1, i - 2):
        if k >= 0 and re.fullmatch(r"\d{1,2}", ws[k].text):
            if k == i - 2 and len(ws[k + 1].text) > 3:
                return None
            day = int(ws[k].text)
            return (day, k) if 1 <= day <= 31 else None
    return None


def _number_words(ws: list[Word], i: int, lex: Folded) -> tuple[int | None, int]:
    """A number told in words ("двадцать пять", "veinticinco", "mille deux cents")."""
    total, current, j = 0, 0, i
    while j < len(ws):
        lemma = ws[j].lemma
        if lemma in lex.numbers:
            current += lex.numbers[lemma]
        elif lemma in lex.multipliers:
            current = max(current, 1) * lex.multipliers[lemma]
            total, current = total + current, 0
        elif (
            lemma in ("y", "et", "و")
            and j + 1 < len(ws)
            and ws[j + 1].lemma in lex.numbers
            and current >= 20
        ):
            pass  # "treinta y cinco", "vingt et un"
        else:
            break
        j += 1
    value = total + current
    return (value or None), j


def _one_after(ws: list[Word], cue: Hit, one: frozenset[str]) -> bool:
    """A cue whose victim is told with "a" ("asesinaron a un líder social", "a tué une
    femme"): one person."""
    for k in range(cue.j, min(len(ws) - 1, cue.j + 3)):
        if ws[k].lemma in one and ws[k + 1].pos in ("NOUN", "PROPN"):
            return True
        if ws[k].pos not in ("ADP", "DET", "ADV", "AUX"):
            return False
    return False


def _governor(ws: list[Word], first: int, a: int, b: int, counted: list[Hit]) -> Hit | None:
    """The count cue the parse attaches the number to: "nueve personas fueron detenidas" is
    nine arrested, though "heridos" is nearer. Up to three steps up from the number."""
    for k in range(a, b):
        at = k
        for _ in range(3):
            head = ws[at].head - first
            if head < 0 or head >= len(ws) or head == at:
                break
            at = head
            for c in counted:
                if c.i <= at < c.j:
                    return c
    return None


def _gap(c: Hit, a: int, b: int) -> int:
    if b <= c.i:
        return c.i - b
    if a >= c.j:
        return a - c.j + 1  # a number after its cue is a little further than one before
    return 0


def _between(ws: list[Word], cue: Hit, a: int, b: int, counted: list[Hit]) -> bool:
    """Another count cue stands between the number and its cue, or a sentence mark."""
    lo, hi = (b, cue.i) if b <= cue.i else (cue.j, a)
    for k in range(lo, hi):
        if ws[k].text in (";", "—", "(", ")"):
            return True
    # "Onze personnes ont été interpellées et trois policiers blessés": after "and" the
    # number opens a clause of its own, told by the next cue.
    if (
        lo == cue.j
        and any(ws[k].pos == "CCONJ" for k in range(lo, hi))
        and any(o is not cue and o.i >= b for o in counted)
    ):
        return True
    return any(o is not cue and lo <= o.i < hi for o in counted)


class CodeByLexicon:
    """The pipeline component that codes reports in the languages of lexicon packs."""

    name = "lexical"
    requires: tuple[str, ...] = ("language",)
    assigns: tuple[str, ...] = ("events.other_languages",)

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._coders: dict[str, LexicalCoder] = {}

    def coder(self, code: str) -> LexicalCoder | None:
        found = self._coders.get(code)
        if found is None:
            p = find_pack(code)
            if p is None or p.lexicon is None:
                return None
            found = self._coders[code] = LexicalCoder(p, self.gazetteer)
        return found

    def __call__(self, article: Article) -> Article:
        coder = self.coder(article.language or "")
        if coder is not None:
            article.events = coder.code(article)
        return article
