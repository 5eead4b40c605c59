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
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents import __version__
from newsevents.errors import ModelError
from newsevents.extract.lexplaces import PlaceReader, best_place, within
from newsevents.extract.lexsentence import Folded, Found, Sentence, SentenceReader
from newsevents.extract.nlp import MAX_PARAGRAPH_CHARS
from newsevents.extract.record import _SUFFIXED, Recorder, _acled_country, _quote, notes
from newsevents.geo.gazetteer import Gazetteer, place_keys
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
    Pack,
    Parser,
    Word,
)
from newsevents.lang import pack as find_pack
from newsevents.model import Article, Event, Evidence

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
# A dateline: "АКТОБЕ, 6 июня —", "HERMOSILLO, Sonora, 12 de mayo (EFE).-", "BAMAKO (AFP) -",
# "بغداد (رويترز) -". Its date is the report's, not an event's; its place is the report's
# place when the body names none.
_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_'’-]*(?:[ -][^\W\d_][^\W\d_'’-]*){0,3})"
    r"(?:\s*\([^()\n]{1,30}\))?"  # "Medellín (Colombia), 20 nov (EFE).-"
    r"(?P<region>\s*,\s*[^\n—–()]{1,45}?)?\s*(?P<agency>\([^()\n]{1,40}\))?"
    # the dash: a long one, a hyphen between spaces, or ".-"; never a hyphen inside a word
    r"(?:\s*\.?\s*[—–]{1,2}|\s*\.?\s+-{1,2}|\.-|-(?=\s))\s+"
)


def _carry_background(sentences: list[Sentence]) -> None:
    """A sentence with no day of its own goes on telling what the sentence before it in its
    paragraph told: after "Напомним, 8 сентября ... атаковала КПП", "Погибли четверо
    военнослужащих" is background too. In a report whose lead is background (a funeral, a
    day of mourning), whose news is no violence, so is every such sentence after it."""
    told = [s for s in sentences if s.cues and not s.headline and not s.dateline]
    lead = told[0] if told else None
    for before, s in itertools.pairwise(sentences):
        if s.date is None and (
            (before.background and s.block == before.block)
            or (lead is not None and lead.background and s.first > lead.first)
        ):
            s.background = True


def _uncased(name: str) -> bool:
    """Written in a script with no capitals (Arabic): a dateline's place is known by its dash
    alone ("إسلام آباد- ...")."""
    return not any(c.lower() != c.upper() for c in name)


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


class LexicalCoder:
    """Codes one article in a pack's language. One per pack and process: the parser loads once."""

    def __init__(self, pack: Pack, gazetteer: Gazetteer, max_read_chars: int = 100_000) -> None:
        assert pack.lexicon is not None
        assert pack.load_parser is not None
        self.pack = pack
        self.parser: Parser = pack.load_parser()
        self.lex = Folded(pack, self.parser)
        self.gazetteer = gazetteer
        self.max_read_chars = max_read_chars
        self.reader = SentenceReader(self.lex)
        self.places = PlaceReader(pack, self.lex, gazetteer, self.parser)
        self.recorder = Recorder(gazetteer)

    # ------------------------------------------------------------------ reading
    def code(self, article: Article) -> list[Event]:
        self.places.dateline = None
        blocks = self._blocks(article)
        texts = [article.text[a:b] for a, b, _ in blocks]
        parsed = self.parser.parse(texts) if texts else []
        sentences: list[Sentence] = []
        words_all: list[Word] = []
        for n_block, ((a, _b, headline), words) in enumerate(zip(blocks, parsed, strict=True)):
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
                sentences.append(Sentence(ws, len(words_all), headline, block=n_block))
                words_all.extend(ws)
            if carried:
                sentences.append(Sentence(carried, len(words_all), headline, block=n_block))
                words_all.extend(carried)
        published = article.published
        for s in sentences:
            self.reader.read(s, published)
            self.places.find(s)
        self._mark_dateline(sentences)
        _carry_background(sentences)
        self.places.read_title(article)
        self.places.settle(sentences)
        events = self._events(article, sentences)
        # The title's places too: a report whose body names its town only in a way not read
        # ("العاصمة الأفغانية كابل") shares it with other reports through its title.
        article.place_keys = place_keys(
            [*self.places.title_places, *(f.place for s in sentences for f in s.places)]
        )
        if not events:
            # News that is no violence (a funeral, a day of mourning, a court hearing): the
            # violence it recalls as background links the report to its incident, on the
            # earliest day each sentence tells (the attack's, not the funeral's).
            for s in sentences:
                if s.background and s.earliest is not None:
                    s.date = s.earliest
            article.recalled = self._events(article, sentences, recall=True)
        return events

    def _mark_dateline(self, sentences: list[Sentence]) -> None:
        """Short sentences before the first told one, with no cue ("МАХАЧКАЛА, 1 апреля.",
        "/ТАСС/.", "Белгород. 14 октября."), are the dateline: the report's place and day."""
        for s in sentences[:4]:
            if s.headline:
                continue
            if s.cues or len([w for w in s.words if w.pos != "PUNCT"]) > 7:
                break
            s.dateline = True
            if s.places and self.places.dateline is None:
                self.places.dateline = (s.places[0].start, s.places[0].end)

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
                    or _uncased(found.group("place"))
                ):
                    self.places.dateline = (
                        p.start + found.start("place"),
                        p.start + found.end("place"),
                    )
                    start = p.start + found.end()
            if start >= self.max_read_chars:
                break
            end = min(end, start + MAX_PARAGRAPH_CHARS, self.max_read_chars)
            if end > start:
                out.append((start, end, headline))
        if len(article.text) > self.max_read_chars:
            # A text longer than any news story is a dump or an attack on the batch.
            article.warn(
                f"{article.source or article.doc_id}: only the first "
                f"{self.max_read_chars:,} of {len(article.text):,} characters were read "
                "(setting max_read_chars)"
            )
        return out

    # ------------------------------------------------------------------ events
    def _events(
        self, article: Article, sentences: list[Sentence], recall: bool = False
    ) -> list[Event]:
        """The report's events; with `recall`, the events its background sentences tell,
        read as if they were news (a report with none of its own recalls them)."""
        main = self.places.main(article, sentences)
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
        news = [s for s in sentences if not s.headline and s.background == recall]
        if not any(_eventful(s) for s in news):
            news = [s for s in sentences if s.headline and s.background == recall]
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
            own = best_place(s.places)
            if own is not None:
                last_place = own
            if s.date is not None and not s.dateline and (_eventful(s) or not s.reporting):
                last_date = s.date
            if not _eventful(s) or s.dateline:
                continue
            place = own or last_place or main
            day = s.date or last_date or lead_date or article.published
            precision = 1 if (s.date or last_date or lead_date) else 2
            if s.date is not None and s.rough:
                precision = 2
            key = (day, place.place.geonames_id if place and place.place.level == "town" else None)
            draft = drafts.get(key)
            if draft is None and own is not None and own.place.level == "town":
                # A town inside the division an event of its day was placed in: that event.
                for k, d in drafts.items():
                    if k[0] == day and d.place is not None and within(own.place, d.place.place):
                        draft, d.place = d, own
                        break
            if draft is None:
                # A sentence with no town of its own joins the event of its day.
                # A sentence with no town of its own joins the event of its day, unless it
                # names a division that event is not in ("وفي محافظة مأرب"). A country named
                # alone ("venus du Nigeria voisin") is no second event's place.
                same_day = [
                    d
                    for k, d in drafts.items()
                    if k[0] == day
                    and (
                        own is None
                        or d.place is None
                        or own.place == d.place.place
                        or own.place.holds(d.place.place)
                        or own.place.level == "country"
                    )
                ]
                if (own is None or own.place.level != "town") and same_day:
                    draft = same_day[-1]
                else:
                    draft = drafts[key] = Draft([], day, precision, place)
            draft.sentences.append(s)
        return [ev for d in drafts.values() if (ev := self._record(article, d, main)) is not None]

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
        # Who the sentences that count the dead and hurt name: the civilians a bomb killed,
        # the police among its wounded or whose station it hit.
        hurt = {
            h.value
            for s in d.sentences
            if any(f.field in ("fatalities", "injuries") for f in s.figures)
            for h in s.roles
        }
        civilians_hurt = "civilians" in {v for s in d.sentences for v in s.victims}
        self._actors(ev, kinds, roles, groups, civilians_hurt and not hurt & _STATE_ROLES)
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
            told = next(s for s in d.sentences if best in s.figures)
            who = self.reader.claimant(told, article.text)
            if who and all(c["claimant"] != who for c in ev.claims):
                start, end = told.words[0].start, told.words[-1].end
                ev.claims.append(
                    {"claimant": who, "quote": _quote(article, "claim", start, end).quote}
                )
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

    def _actors(
        self,
        ev: Event,
        kinds: set[str],
        roles: list[str],
        groups: list[str],
        civilians_only: bool = False,
    ) -> None:
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
            elif civilians_only:
                # A bomb among shoppers: its dead are the other side, not the police that
                # told of it.
                a2 = name("civilians")
            elif state:
                a2 = name(state)
        ev.actor1, ev.inter1 = a1
        if a2 is not None:
            ev.actor2, ev.inter2 = a2


def _eventful(s: Sentence) -> bool:
    return any(c.value != ARREST for c in s.cues) or bool(s.cues and s.figures)


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


class CodeByLexicon:
    """The pipeline component that codes reports in the languages of lexicon packs."""

    name = "lexical"
    requires: tuple[str, ...] = ("language",)
    assigns: tuple[str, ...] = ("events.other_languages",)

    def __init__(self, gazetteer: Gazetteer, max_read_chars: int = 100_000) -> None:
        self.gazetteer = gazetteer
        self.max_read_chars = max_read_chars
        self._coders: dict[str, LexicalCoder] = {}
        self._missing: dict[str, str] = {}  # language -> why its pack cannot load (a model)

    def coder(self, code: str) -> LexicalCoder | None:
        """The language's coder; None where it has no pack (a ModelError where its parser's
        model is not installed: raised once, remembered)."""
        found = self._coders.get(code)
        if found is None:
            if code in self._missing:
                raise ModelError(self._missing[code])
            p = find_pack(code)
            if p is None or p.lexicon is None:
                return None
            try:
                found = LexicalCoder(p, self.gazetteer, self.max_read_chars)
            except ModelError as e:
                self._missing[code] = str(e)
                raise
            self._coders[code] = found
        return found

    def __call__(self, article: Article) -> Article:
        try:
            coder = self.coder(article.language or "")
        except ModelError as e:
            # A pack whose model this installation lacks: read, not coded, and said so.
            article.warn(f"{article.source or article.doc_id}: not coded: {e}")
            return article
        if coder is not None:
            article.events = coder.code(article)
        return article
