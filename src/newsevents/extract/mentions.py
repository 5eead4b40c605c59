"""Event mentions: the words in a sentence that signal an event, with what stands around them.

A Mention is one trigger (a word or phrase from the lexicon) in one sentence. Later
components give it counts, a date, a place and actors; `events.py` merges mentions into events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsevents.extract.context import judge_context
from newsevents.extract.lexicon import (
    DEVICE_WORDS,
    PERSON_NOUNS,
    SEIZE_VERBS,
    TRIGGERS,
    Kind,
)
from newsevents.mention import Mention as Mention
from newsevents.model import Article, Paragraph

if TYPE_CHECKING:
    from spacy.language import Language


_BODY_CUES = {
    "found",
    "discovered",
    "recovered",
    "dumped",
    "lying",
    "pulled",
    "bullet",
    "riddled",
    "bearing",
    "identified",
    "exhumed",
    "buried",
    "shot",
}
_CONFLICT = {
    "fighters",
    "rebels",
    "government",
    "ceasefire",
    "forces",
    "troops",
    "militants",
    "prisoners",
    "hostages",
    "opposition",
    "war",
    "territory",
    "disputed",
    "peace",
    "militia",
    "army",
    "insurgents",
    "separatists",
    "conflict",
    "civilians",
}
_ARMS = {
    "firearms",
    "firearm",
    "weapons",
    "weapon",
    "ammunition",
    "ammunitions",
    "pistols",
    "pistol",
    "rifles",
    "rifle",
    "guns",
    "gun",
    "explosives",
    "grenades",
    "cartridges",
    "rounds",
    "magazines",
    "arms",
    "kalashnikovs",
    "ak-47",
    "ak-47s",
    "mortars",
    "rockets",
    "ieds",
    "ied",
    "detonators",
    "bombs",
    "landmines",
    "mines",
    "bullets",
    "munitions",
}
_GUNS = {"gun", "guns", "shotgun", "rifle", "handgun", "pistol", "firearm", "weapon", "revolver"}
_PEOPLE = {
    "man",
    "men",
    "woman",
    "women",
    "people",
    "person",
    "persons",
    "victim",
    "victims",
    "child",
    "children",
    "boy",
    "girl",
    "bodies",
    "body",
}
_PROPERTY = {
    "land",
    "lands",
    "vehicle",
    "vehicles",
    "boats",
    "boat",
    "property",
    "properties",
    "goods",
    "houses",
    "house",
    "crops",
    "livestock",
    "cattle",
    "car",
    "cars",
    "truck",
    "trucks",
    "shops",
    "homes",
    "farms",
    "farmland",
    "equipment",
}
_GATHERING = {
    "gathered",
    "group",
    "crowd",
    "residents",
    "workers",
    "assembled",
    "blocked",
    "marched",
    "motorcade",
    "caravan",
    "rally",
    "villagers",
    "staged",
    "sit",
    "sat",
    "protest",
    "protested",
    "demonstration",
    "demonstrated",
    "people",
    "students",
    "farmers",
    "traders",
    "protesters",
    "demonstrators",
    "laborers",
    "labourers",
}
_WEAPONS = {
    "shots",
    "shot",
    "rounds",
    "bullets",
    "gunshots",
    "weapons",
    "weapon",
    "mortars",
    "mortar",
    "rockets",
    "rocket",
    "missiles",
    "missile",
    "shells",
    "artillery",
    "guns",
    "gun",
    "rifles",
    "rifle",
    "launchers",
    "grenades",
    "arms",
    "machineguns",
    "volleys",
    "projectiles",
    "salvo",
    "salvos",
    "bullet",
    "teargas",
    "pellets",
    "warning",
}


def build_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, phrases in TRIGGERS.items():
        matcher.add(kind.value, [nlp.make_doc(p) for p in phrases])
    return matcher


class FindMentions:
    """Adds the article's event mentions (triggers in context), in text order."""

    name = "mentions"
    requires: tuple[str, ...] = ("paragraphs.doc",)
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, nlp: Language) -> None:
        self.matcher = build_matcher(nlp)
        self.vocab = nlp.vocab

    def __call__(self, article: Article) -> Article:
        found: list[Mention] = []
        seizures: list[Mention] = []
        order = 0
        for index, paragraph in enumerate(article.paragraphs):
            doc = paragraph.doc
            if doc is None:
                continue
            spans = self._spans(doc)
            by_sentence: dict[int, list[Span]] = {}
            for span in spans:
                by_sentence.setdefault(span.sent.start, []).append(span)
            for sentence in doc.sents:
                triggers = by_sentence.get(sentence.start, [])
                order += 1
                for span in triggers:
                    kind = Kind(self.vocab.strings[span.label])
                    mention = Mention(
                        kind,
                        index,
                        span,
                        sentence,
                        order,
                        paragraph.doc_offset,
                        headline=paragraph.headline,
                    )
                    found.append(mention)
                taken_here = {t.i for span in triggers for t in span}
                found.extend(
                    m
                    for m in _charges(sentence, index, order, paragraph)
                    if m.root.i not in taken_here
                )
                seizures.extend(_seizures(sentence, index, order, paragraph.doc_offset))
        report = frozenset(
            t.lower_ for paragraph in article.paragraphs if paragraph.doc for t in paragraph.doc
        )
        judge_context(found, report)
        article.mentions = [m for m in found if m.kind is not Kind.BLOCK]
        taken = {(m.paragraph, m.span.start) for m in article.mentions}
        article.mentions += [m for m in seizures if (m.paragraph, m.span.start) not in taken]
        article.mentions.sort(key=lambda m: (m.order, m.span.start))
        return article

    def _spans(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)]
        return [s for s in filter_spans(spans) if _plausible(s)]


_CHARGE_NOUNS = {"charge", "charges", "count", "counts"}
_HELD_ON = {"bail", "bond", "charges", "charge", "jail", "custody", "detention"}


def _charges(sentence: Span, index: int, order: int, paragraph: Paragraph) -> list[Mention]:
    """Arrests told by their charges, with words between: 'police have charged the father
    with manslaughter', 'he faces charges of reckless homicide', 'an 18-year-old is being
    held by police', 'the judge ordered Sandoval held without bail'."""
    out: list[Mention] = []
    for t in sentence:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        kids = list(t.children)
        lower = t.lower_
        charged = (
            lower in ("charged", "charges", "charge")
            and any(c.dep_ == "dobj" and c.lower_ not in _CHARGE_NOUNS for c in kids)
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in kids)
        )
        faces = lower in ("faces", "facing", "face") and any(
            c.dep_ == "dobj" and c.lower_ in _CHARGE_NOUNS for c in kids
        )
        held = (
            lower == "held"
            and _held_person(t)
            and (
                any(c.dep_ == "auxpass" and c.lower_ == "being" for c in kids)
                or any(
                    c.dep_ == "prep"
                    and c.lower_ in ("on", "without", "in")
                    and any(g.lower_ in _HELD_ON for g in c.subtree)
                    for c in kids
                )
            )
        )
        if charged or faces or held:
            span = sentence.doc[t.i : t.i + 1]
            offset = paragraph.doc_offset
            out.append(
                Mention(
                    Kind.ARREST, index, span, sentence, order, offset, headline=paragraph.headline
                )
            )
    return out


def _held_person(held: Token) -> bool:
    """Who is held is a person newly held ('the suspect is being held', 'Sandoval held
    without bail'), not a gun, a press conference or an inmate already in jail."""
    who = [c for c in held.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
    if not who and held.dep_ in ("acl", "relcl", "oprd", "ccomp", "xcomp"):
        who = [held.head]
    return any(
        w.ent_type_ == "PERSON"
        or (w.pos_ == "PROPN" and w.ent_type_ in ("", "NORP"))
        or w.lower_ in _HELD_PEOPLE
        for w in who
    )


# Who may be newly held: no 'inmate', who is held already.
_HELD_PEOPLE = PERSON_NOUNS | {
    "he", "she", "they", "who", "him", "her", "them",
    "suspect", "suspects", "shooter", "gunman", "father", "mother", "son", "daughter",
    "brother", "sister", "husband", "wife", "boyfriend", "girlfriend", "juvenile", "adult",
}  # fmt: skip


def _seizures(sentence: Span, paragraph: int, order: int, offset: int) -> list[Mention]:
    """'officers seized nine pistols and ammunition', 'a stash of firearms was found':
    weapons taken before use (ACLED's Disrupted weapons use)."""
    out: list[Mention] = []
    for t in sentence:
        if t.lower_ not in SEIZE_VERBS or t.pos_ not in ("VERB", "AUX"):
            continue
        objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(w.lower_ in _ARMS for o in objects for w in o.subtree):
            span = sentence.doc[t.i : t.i + 1]
            out.append(Mention(Kind.DISRUPT, paragraph, span, sentence, order, offset))
    return out


def _plausible(span: Span) -> bool:
    """Drop matches that are another word in disguise (the month March, a 'body' of text)."""
    text = span.text.lower()
    root = span.root
    if text in ("march", "marches") and (span.text[0].isupper() or root.ent_type_ == "DATE"):
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if (
            root.ent_type_ == "DATE"
            or (nxt is not None and nxt.like_num)
            or (
                prev is not None
                and prev.lower_
                in {
                    "in",
                    "since",
                    "until",
                    "by",
                    "early",
                    "late",
                    "mid",
                    "of",
                    "last",
                    "next",
                    "this",
                }
            )
        ):
            return False
    if text in ("body", "bodies", "corpse", "corpses"):
        return any(t.lower_ in _BODY_CUES for t in span.sent)
    if text == "offensive" and root.pos_ == "ADJ":
        return False
    if (
        text in ("shell", "shells")
        and root.pos_ == "NOUN"
        and not any(
            t.lower_
            in {
                "fired",
                "landed",
                "hit",
                "struck",
                "exploded",
                "fell",
                "killed",
                "wounded",
                "artillery",
                "mortar",
                "tank",
            }
            for t in span.sent
        )
    ):
        return False
    if text in ("drone", "drones") and not any(
        t.lower_
        in {
            "strike",
            "strikes",
            "attack",
            "attacks",
            "killed",
            "hit",
            "targeted",
            "struck",
            "bombed",
            "launched",
        }
        for t in span.sent
    ):
        return False
    if text in ("rally", "rallies") and root.pos_ == "VERB" and root.dep_ != "ROOT":
        return False
    if text in ("demanding", "to demand", "demanded"):
        # 'residents gathered demanding water': a protest; 'the family is demanding answers'
        # is not.
        return bool({t.lower_ for t in span.sent} & _GATHERING)
    if Kind(span.doc.vocab.strings[span.label]) is Kind.DISRUPT and text not in (
        "defused",
        "defuse",
        "defusing",
        "bomb disposal",
    ):
        # 'confiscated counterfeit cosmetics', 'intercepted migrants': not weapons
        return bool({t.lower_ for t in span.sent} & (_ARMS | DEVICE_WORDS))
    if text in ("discharged", "went off"):
        # 'the shotgun accidentally discharged, striking a boy': a shot, not a discharged patient
        return bool({t.lower_ for t in span.sent} & _GUNS)
    if text == "deal":
        return bool({t.lower_ for t in span.sent} & _CONFLICT)
    if text == "remains":
        after = {t.lower_ for t in span.doc[span.end : span.end + 4]}
        return any(t.lower_ == "human" for t in span.sent) or bool(after & _PEOPLE)
    if text in ("blocked", "procession", "processions"):
        # 'students blocked the highway', 'activists took out a procession'
        return bool({t.lower_ for t in span.sent} & _GATHERING)
    if text in ("seized", "seizes", "seizing"):
        # 'forces seized Palestinian-owned land', 'militants seized a vehicle': property taken
        taken = {
            w.lower_ for c in root.children if c.dep_ in ("dobj", "nsubjpass") for w in c.subtree
        }
        return bool(taken & _PROPERTY) and not taken & _ARMS
    if text in ("exchanged", "repulsed", "repelled", "repulse", "repel"):
        # 'exchanged artillery', 'repelled an attack': not 'exchanged prisoners' or 'views'.
        objects = [c for c in root.children if c.dep_ in ("dobj", "pobj", "prep")]
        words = {t.lower_ for c in objects for t in c.subtree}
        return bool(
            words
            & (
                _WEAPONS
                | {
                    "fire",
                    "gunfire",
                    "attack",
                    "attacks",
                    "assault",
                    "shelling",
                    "offensive",
                    "incursion",
                    "fighters",
                }
            )
        )
    if text == "firing" and root.pos_ == "NOUN":
        return True
    if text in ("fired", "firing"):
        # 'fired mortars at', 'fired on the positions', 'fired shots': not 'was fired from a job'.
        kids = list(root.children)
        object_words = {c.lower_ for c in kids if c.dep_ == "dobj"}
        preps = {c.lower_ for c in kids if c.dep_ == "prep"}
        return bool(
            object_words & _WEAPONS
            or preps & {"at", "on", "upon", "into", "toward", "towards"}
            or any(c.dep_ == "dobj" and any(g.lower_ in _WEAPONS for g in c.subtree) for c in kids)
        )
    if (
        text == "custody"
        and span.start > 0
        and span.doc[span.start - 1].lower_ not in {"into", "in"}
    ):
        return False
    return not (text in ("hurt",) and root.dep_ == "amod")
