"""Counts of killed, injured, shot and arrested people, read from the words around a trigger.

`CountVictims` gives each mention its CountItems: the victim phrases around the trigger
(found by `victims.victim_heads`), each read into a number with its group or one person told
of singly (by `figures.item_for`); tallies over a period are left out, and an incident's
death toll ('bringing the death toll to three') is added, a running total kept aside.
`combine` (used when mentions are merged into an event) applies DESIGN.md's counting rules:
parts summed to a whole, restatements not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from newsevents.extract.figures import is_age, item_for, phrase_of_number
from newsevents.extract.lexicon import NON_VIOLENT_CAUSES, Kind
from newsevents.extract.mentions import Mention
from newsevents.extract.numbers import Quantity, parse_quantity, word_value
from newsevents.extract.victims import WOUND_NOUNS, victim_heads
from newsevents.mention import CountItem as CountItem
from newsevents.model import Article, RunningTotal

GROUPS = ("civilians", "state_forces", "perpetrators", "unknown")

# 'was shot', 'was hit by a stray bullet', 'struck by gunfire', 'grazed by a bullet'
_HIT_VERBS = {"shot", "shoot", "shoots", "shooting", "hit", "struck", "grazed"}
_TOLL_RUNNING = {
    "total",
    "overall",
    "so",
    "since",
    "including",
    "related",
    "ensuing",
    "manhunt",
    "cumulative",
    "all",
    "year",
    "month",
    "week",
    "war",
    "conflict",
    "violence",
    "clashes",
    "fighting",
    "attacks",
    "campaign",
    "unrest",
    "crisis",
    "insurgency",
}


FIELD_OF_KIND = {
    Kind.KILL: "killed",
    Kind.INJURE: "injured",
    Kind.SHOOT: "hit",
    Kind.ARREST: "arrested",
}


class CountVictims:
    """Adds CountItems to each mention that tells of people killed, injured, shot or arrested."""

    name = "counts"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("mentions.counts",)

    def __call__(self, article: Article) -> Article:
        for m in article.mentions:
            m.counts = mention_counts(m) if not _cause_of_death(m.root) else []
            if is_tally(m.sentence.text):
                # 'Nearly 700 more have been shot since January': a tally over a period,
                # not this event's count (a single victim told that way still counts).
                m.counts = [i for i in m.counts if i.value < _TALLY_MIN]
        _drop_wounds_of_the_dead(article.mentions)
        _attach_tolls(article)
        return article


_DEATH_VERBS = {"died", "dies", "die", "succumbed", "succumbs", "passed", "dying"}


def _cause_of_death(root: Token) -> bool:
    """'died from a gunshot wound', 'passed away from his injuries', 'succumbed to his
    injuries': the wound is the death's, not an injury of its own."""
    if root.lower_ not in WOUND_NOUNS or root.dep_ != "pobj":
        return False
    prep = root.head
    verb = prep.head.head if prep.head.lower_ == "away" else prep.head
    return prep.lower_ in ("from", "of", "to") and verb.lower_ in _DEATH_VERBS


def _drop_wounds_of_the_dead(mentions: list[Mention]) -> None:
    """'A man suffered three gunshot wounds and died': one death, no injury."""
    dead = {i.victim for m in mentions for i in m.counts if i.field == "killed" and i.victim}
    for m in mentions:
        if m.kind is Kind.INJURE:
            m.counts = [i for i in m.counts if i.victim is None or i.victim not in dead]


def mention_counts(m: Mention) -> list[CountItem]:
    field_name = FIELD_OF_KIND.get(m.kind)
    if field_name is None:
        return []
    root = m.root
    wound = field_name == "injured" and root.lower_ in ("wound", "wounds") and root.pos_ == "NOUN"
    if wound:
        # 'found a man with a gunshot wound': he was hit; whether he lived the report tells
        # elsewhere ('died from one gunshot wound' is a death, not also an injury).
        field_name = "hit"
    elif field_name == "hit":
        if root.lower_ not in _HIT_VERBS or root.pos_ == "NOUN":
            return []
        if any(c.lower_ in ("fatally", "dead") for c in root.children):
            field_name = "killed"
    if root.lower_ == "fatally" and root.pos_ == "ADV":
        fatal = _number_before(root)  # 'four people were shot, one fatally'
        if fatal is not None:
            q = parse_quantity(fatal.text)
            if q is not None:
                start, end = m.offset + fatal.idx, m.end
                return [
                    CountItem(
                        "killed",
                        q.value,
                        start,
                        end,
                        groups={"unknown": q.value},
                        individual=q.value == 1,
                    )
                ]
    phrases = victim_heads(root, m.span)
    items: list[CountItem] = []
    for head in phrases:
        item = item_for(head, field_name, m)
        if item is not None:
            item.victim = (m.paragraph, head.i)
            items.append(item)
    if m.negated and not items:
        items.append(CountItem(field_name, 0, m.start, m.end, negated=True))
    for item in items:
        if m.negated:
            item.negated, item.value = True, 0
    return items


def _number_before(token: Token) -> Token | None:
    """The number just before a word: 'one fatally', 'two of them fatally'."""
    for t in reversed(token.doc[max(token.sent.start, token.i - 4) : token.i]):
        if t.lower_ in ("of", "them", "whom", ",", "were", "was"):
            continue
        return t if (t.like_num or word_value(t.text) is not None) and not is_age(t) else None
    return None


_PERIOD = re.compile(
    r"\b(?:so far this year|this year|last year|year to date|year-to-date|since (?:the start|the "
    r"beginning|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|20\d\d)|(?:over|in) the (?:past|last) (?:\w+ )?(?:years?|months|decades?)|"
    r"in 20\d\d|every year|each year|per year|a year|annually|"
    # A national total or one since a wave began ('300 arrested nationwide since the
    # protests began'): many events' sum, not one town's.
    r"nationwide|countrywide|across the (?:country|nation)|throughout the (?:country|nation)|"
    r"since the (?:\w+ ){1,3}(?:began|started|erupted|broke out))\b",
    re.I,
)
_TALLY_MIN = 10


def is_tally(sentence: str) -> bool:
    """Whether a sentence tells a tally over a period or a country, not one event's count."""
    return _PERIOD.search(sentence) is not None


def _attach_tolls(article: Article) -> None:
    """'bringing the death toll in the shooting to three': the incident's own cumulative toll.

    A toll of several attacks or of a whole story ('the total death toll related to the
    attacks and the ensuing manhunt rose to 25') is a running total, not this event's count.
    """
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in article.mentions:
        by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
    for mentions in by_sentence.values():
        sentence = mentions[0].sentence
        tolls = [t for t in sentence if t.lower_ == "toll"]
        if not tolls:
            continue
        words = {t.lower_ for t in sentence}
        if words & NON_VIOLENT_CAUSES:
            continue
        if words & _TOLL_RUNNING:
            _note_running_totals(article, mentions[0], tolls)
            continue
        target = next((m for m in mentions if m.kind is Kind.KILL), None) or mentions[0]
        for toll, num, q in _toll_figures(tolls):
            start = target.offset + sentence.doc[toll.i].idx
            end = target.offset + num.idx + len(num.text)
            target.counts.append(
                CountItem("killed", q.value, start, end, q.low, q.high, {"unknown": q.value})
            )


def _note_running_totals(article: Article, mention: Mention, tolls: list[Token]) -> None:
    """Keeps the story's running total aside: the store checks it against its incidents."""
    for _toll, _num, q in _toll_figures(tolls):
        s, e = mention.sentence_bounds
        while e > s and article.text[e - 1].isspace():
            e -= 1
        article.running_totals.append(RunningTotal("killed", q.value, article.text[s:e], s, e))


def _toll_figures(tolls: list[Token]) -> Iterator[tuple[Token, Token, Quantity]]:
    """Each 'toll' with the number after it and its value, where it has one."""
    for toll in tolls:
        num = _number_after(toll)
        q = parse_quantity(phrase_of_number(num)) if num is not None else None
        if num is not None and q is not None:
            yield toll, num, q


def _number_after(toll: Token) -> Token | None:
    for t in toll.doc[toll.i + 1 : min(len(toll.doc), toll.i + 12)]:
        if t.like_num and not is_age(t):
            return t
        if word_value(t.text) is not None and t.pos_ == "NUM":
            return t
        if t.is_sent_end:
            break
    return None


def combine(items: Iterable[CountItem]) -> tuple[int, int | None, int | None, dict[str, int]]:
    """An event's count from its items: (best, low, high, by group).

    Within a group the largest figure stands (a restatement or a part does not add); single
    people told of separately add up unless they are the same person told of twice. Figures
    of different specific groups add up ("two soldiers" and "three civilians" are five); a
    generic figure ("five people") stands when it is larger than that sum.
    """
    items = list(items)
    live = [i for i in items if not i.negated]
    if not live:
        return 0, None, None, {}
    per_group: dict[str, list[CountItem]] = {g: [] for g in GROUPS}
    mixed: list[CountItem] = []
    for i in live:
        if len(i.groups) > 1:
            mixed.append(i)
        else:
            per_group[next(iter(i.groups), "unknown")].append(i)
    by_group: dict[str, int] = {}
    for g, group_items in per_group.items():
        if group_items:
            by_group[g] = _combine_group(group_items)
    for i in mixed:  # a sentence that gives the parts: each part is a figure of its group
        for g, n in i.groups.items():
            by_group[g] = max(by_group.get(g, 0), n)
    specific = sum(n for g, n in by_group.items() if g != "unknown")
    generic = by_group.get("unknown", 0)
    # 'he and three others were shot': the parts of one phrase add up, whatever their groups.
    best = max(specific, generic, max((i.value for i in mixed), default=0))
    if best == 0:
        return 0, None, None, {}
    groups = {g: n for g, n in by_group.items() if g != "unknown" and n}
    if best > specific:
        groups["unknown"] = best - specific
    lows = [i.low for i in live if i.low is not None]
    highs = [i.high for i in live if i.high is not None]
    low = max(lows) if lows else None
    high = max(highs) if highs else None
    if high is not None and high < best:
        high = None
    return best, low, high, groups


def _combine_group(items: list[CountItem]) -> int:
    aggregate = max((i.value for i in items if not i.individual), default=0)
    names: set[str] = set()
    ages: set[int] = set()  # 'a 16-year-old boy was shot' twice over is one boy
    unnamed = 0
    definite = 0
    for i in items:
        if not i.individual:
            continue
        if i.identity:
            names.add(i.identity.lower().split()[-1])
        elif i.age is not None and i.field not in ("killed", "arrested"):
            ages.add(i.age)
        elif i.definite:
            definite = 1
        elif i.field in ("killed", "arrested"):
            # 'killed one' ... 'a close friend who was killed': one death, retold; 'a man
            # turned himself in' ... 'the 21-year-old turned himself in': one arrest
            unnamed = 1
        else:
            unnamed += 1  # the wounded are often told of one by one: 'a man shot in the leg'
    # 'a 7-year-old boy has died' and then 'Jaylin Miller died' are one boy: people told of
    # first without and then with their names are the same people, so the larger stands.
    return max(aggregate, len(names), len(ages), unnamed, definite)
