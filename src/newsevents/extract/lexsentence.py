"""The lexical coder's reading of one sentence: its cues, figures, date and background.

What each word means comes from the pack's `Lexicon` (folded here as the parser folds
lemmas); nothing here knows a language.
"""

from __future__ import annotations

import datetime
import gettext
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pycountry

from newsevents.geo.gazetteer import Place
from newsevents.geo.text import norm
from newsevents.lang import ARREST, BLAST, CLASH, INJURE, KILL, Lexicon, Pack, Parser, Word

_FIELD = {KILL: "fatalities", INJURE: "injuries", ARREST: "arrests"}
# A background sentence: its date is this many days or more before the report's.
_OLD_DAYS = 10
_MAX_PHRASE = 4  # words in the longest lexicon entry
# Words between a reporting verb and the day it was told on: "أعلنت وزارة الصحة في مقاطعة
# موسكو، اليوم الأحد".
_TELLING = 8


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
    block: int = 0  # the paragraph it is in
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
    # The earliest day it tells ("buried on Tuesday the soldiers killed on Sunday": Sunday),
    # the day of the violence a background sentence recalls.
    earliest: datetime.date | None = None
    story_day: int | None = None  # "la veille" -1, "le lendemain" +1: of the story's day
    rough: bool = False  # its date is a span's first day ("le week-end dernier"): precision 2


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
                | set(lex.weekend)  # "выходные": read as the parser reads it, "выходной"
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
        self.according = fset(lex.according)
        self.speaker_cases = fset(lex.speaker_cases)
        self.moved = fset(lex.moved)
        self.one = fset(lex.one)
        self.story_days: dict[str, int] = fold_map(dict(lex.story_days))
        self.weekend: dict[str, str] = fold_map(dict.fromkeys(lex.weekend, "weekend"))
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


class SentenceReader:
    """Reads what one sentence tells: cues, named actors and groups, whether it is about
    the past or about no politics (an accident, a match), its date and its figures."""

    def __init__(self, lex: Folded) -> None:
        self.lex = lex

    def claimant(self, s: Sentence, text: str) -> str | None:
        """Who the sentence says gave its figures, as the report writes it: the words after
        "according to" ("selon des sources locales", "по данным МВД"), else the speaker of
        its reporting verb: the noun the parse hangs from it, a name first, one before the
        verb next ("La Fiscalía ... informó", "сообщили в Министерстве обороны"); where the
        parser gives no heads, the words after the verb."""
        ws, lex = s.words, self.lex
        lemmas = [w.lemma for w in ws]
        for i in range(len(ws)):
            for n in (3, 2, 1):
                if " ".join(lemmas[i : i + n]) in lex.according:
                    return _phrase(ws, i + n, i + n + _CLAIMANT_WORDS, text)
        verb = next((i for i, w in enumerate(ws) if w.lemma in lex.reporting), None)
        if verb is None:
            return None
        if all(w.head < 0 for w in ws):
            return _phrase(ws, verb + 1, verb + 1 + _CLAIMANT_WORDS, text)
        nouns = [
            j
            for j, w in enumerate(ws)
            if w.head == s.first + verb
            and w.pos in _NOMINAL
            and not self._when(w)
            and (
                w.dep.split(":")[0] in ("nsubj", "agent")
                or (w.dep.split(":")[0] == "obl" and self._speaker_case(ws, s.first, j))
            )
        ]
        if not nouns:
            return None
        # The subject first; "сообщили в Министерстве обороны" tells its speaker as an
        # oblique; never the object or whom it was told to ("à l'AFP").
        j = min(nouns, key=lambda j: (_SPEAKER.index(ws[j].dep.split(":")[0]), abs(j - verb)))
        below = _subtree(ws, s.first, j)
        a = min(below)
        while a < j and self._when(ws[a]):
            a += 1  # "lundi de sources locales": the day it was said, not who said it
        return _phrase(ws, a, min(max(below) + 1, a + _CLAIMANT_WORDS), text)

    def _speaker_case(self, ws: Sequence[Word], first: int, j: int) -> bool:
        """An oblique told with a preposition that names a speaker ("в Министерстве")."""
        return any(
            w.head - first == j and w.lemma in self.lex.speaker_cases for w in ws[max(0, j - 3) : j]
        )

    def _when(self, w: Word) -> bool:
        lex = self.lex
        return (
            w.lemma in lex.weekdays
            or w.lemma in lex.months
            or w.lemma in lex.days_ago
            or w.text.isdigit()
        )

    def read(self, s: Sentence, published: date | None) -> None:
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
        self._figures(s)

    def _groups_by_text(self, ws: list[Word]) -> list[Hit]:
        """Named groups written as abbreviations or names ("ИГ", "ELN"): matched on the text."""
        out = []
        for i, w in enumerate(ws):
            key = w.text.casefold()
            if key in self.lex.groups and w.lemma not in self.lex.groups:
                out.append(Hit(key, i, i + 1))
        return out

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
            elif (
                w.lemma in lex.weekdays
                and published is not None
                and not (w.lemma in lex.numbers and w.text == w.lemma)
            ):
                # A weekday whose bare word is a number ("الاثنين", Monday; "اثنين", two) is
                # a day only as the text writes the day, with its article.
                back = (published.weekday() - lex.weekdays[w.lemma]) % 7
                found.append((published - timedelta(days=back), i, i + 1))
            elif w.lemma in lex.days_ago and published is not None:
                found.append((published - timedelta(days=lex.days_ago[w.lemma]), i, i + 1))
            elif w.lemma in lex.story_days and published is not None:
                # "la veille", "le lendemain", "накануне": a day counted from the day the
                # story is at, settled in _events; from the report's day until then.
                s.story_day = lex.story_days[w.lemma]
                found.append((published + timedelta(days=s.story_day), i, i + 1))
        if published is not None:
            # "el pasado fin de semana", "в выходные": the last Saturday, on or before the
            # report's day.
            saturday = published - timedelta(days=(published.weekday() - 5) % 7)
            weekends = [(saturday, h.i, h.j) for h in _phrases(ws, lex.weekend)]
            found = sorted(found + weekends, key=lambda f: f[1])
        else:
            weekends = []
        if not found:
            return
        if len({d for d, _, _ in found}) > 1:
            # "أعلنت الوزارة اليوم الأحد ارتفاع حصيلة إطلاق النار الذي وقع أمس السبت": a day
            # that follows a reporting verb, with no cue between them, is the telling's, and
            # another day the sentence gives is the event's.
            told = [f for f in found if self._telling(ws, s.cues, f[1])]
            if told and len(told) < len(found):
                found = [f for f in found if f not in told]
        # The first day told: "la nuit de samedi à dimanche" began on Saturday; but of days
        # further apart, the one told with the violence ("ha cifrado este martes los daños
        # de los disturbios del jueves 10 de octubre": Thursday).
        chosen = found[0]
        if s.cues and any(abs((d - chosen[0]).days) > 1 for d, _, _ in found):
            cue = s.cues[0].i
            chosen = min(found, key=lambda f: min(abs(f[1] - cue), abs(f[2] - 1 - cue)))
        s.date = chosen[0]
        s.rough = chosen in weekends
        s.earliest = min(d for d, _, _ in found)
        s.date_span = (ws[chosen[1]].start, ws[chosen[2] - 1].end)

    def _telling(self, ws: Sequence[Word], cues: Sequence[Hit], i: int) -> bool:
        """Is the day at word i the telling's: after a reporting verb, within _TELLING words,
        with no cue between them?"""
        for j in range(i - 1, max(-1, i - 1 - _TELLING), -1):
            if any(c.i <= j < c.j for c in cues):
                return False
            if ws[j].lemma in self.lex.reporting:
                return True
        return False

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
                    s.figures.append(Figure(fld, 0, ws[cue.i].start, ws[cue.j - 1].end))
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
    """A cue whose victim is told with "a" ("asesinaron este domingo a un líder social",
    "a tué une femme"): one person. Looked for up to the clause's next verb or mark."""
    for k in range(cue.j, min(len(ws) - 1, cue.j + 5)):
        if ws[k].lemma in one and ws[k + 1].pos in ("NOUN", "PROPN"):
            return True
        if ws[k].pos in ("PUNCT", "VERB", "CCONJ", "SCONJ"):
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


_CLAIMANT_WORDS = 10
# The relations a reporting verb's speaker has to it, in the order they are taken (UD): its
# subject; an oblique where the language tells the speaker so ("в министерстве сообщили"),
# and for spaCy's French and Spanish models, which label by their own scheme, the same.
_SPEAKER = ("nsubj", "obl", "agent")
_NOMINAL = ("NOUN", "PROPN")


def _subtree(ws: Sequence[Word], first: int, j: int) -> set[int]:
    """The indices of word j and the words that hang from it, within the sentence."""
    out = {j}
    grew = True
    while grew:
        grew = False
        for k, w in enumerate(ws):
            if k not in out and w.head - first in out:
                out.add(k)
                grew = True
    return out


def _phrase(ws: Sequence[Word], a: int, b: int, text: str) -> str | None:
    """The report's words from a up to b, stopping at punctuation; None if none."""
    end = a
    while end < min(b, len(ws)) and ws[end].pos != "PUNCT" and ws[end].text not in ',.;:()«»"':
        end += 1
    if end == a:
        return None
    return " ".join(text[ws[a].start : ws[end - 1].end].split())
