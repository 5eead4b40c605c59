"""The kinds of event the coder knows, and the words that signal each.

The words are the language's (`newsevents.lang.en.lexicon`): each kind maps to the forms that
signal it (matched case-insensitively, token by token); Kind.BLOCK holds longer phrases that
contain a trigger word but are not violence or protest ("heart attack", "tear gas", "grenade
launcher"): the longest match wins, so they hide it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsevents.lang.en import lexicon as en

# The English tables, read from here by the rest of extract/.
from newsevents.lang.en.lexicon import (
    ATTACK_MARKERS as ATTACK_MARKERS,
)
from newsevents.lang.en.lexicon import (
    CLAIM_NOUNS as CLAIM_NOUNS,
)
from newsevents.lang.en.lexicon import (
    CLAIM_VERBS as CLAIM_VERBS,
)
from newsevents.lang.en.lexicon import (
    CONFLICT_AGREEMENT as CONFLICT_AGREEMENT,
)
from newsevents.lang.en.lexicon import (
    CRIME as CRIME,
)
from newsevents.lang.en.lexicon import (
    CYBER_WORDS as CYBER_WORDS,
)
from newsevents.lang.en.lexicon import (
    DEVICE_WORDS as DEVICE_WORDS,
)
from newsevents.lang.en.lexicon import (
    ECONOMY_WORDS as ECONOMY_WORDS,
)
from newsevents.lang.en.lexicon import (
    HYPOTHETICAL_MARKERS as HYPOTHETICAL_MARKERS,
)
from newsevents.lang.en.lexicon import (
    INDUSTRIAL as INDUSTRIAL,
)
from newsevents.lang.en.lexicon import (
    NON_VIOLENT_CAUSES as NON_VIOLENT_CAUSES,
)
from newsevents.lang.en.lexicon import (
    PERSON_NOUNS as PERSON_NOUNS,
)
from newsevents.lang.en.lexicon import (
    POLITICAL as POLITICAL,
)
from newsevents.lang.en.lexicon import (
    REPORTING_VERBS as REPORTING_VERBS,
)
from newsevents.lang.en.lexicon import (
    SEIZE_VERBS as SEIZE_VERBS,
)
from newsevents.lang.en.lexicon import (
    SPORT_WORDS as SPORT_WORDS,
)
from newsevents.lang.en.lexicon import (
    TRAFFIC as TRAFFIC,
)

# The kinds and the groups a Mention needs live in newsevents.mention; read from here too.
from newsevents.mention import DEMONSTRATION as DEMONSTRATION
from newsevents.mention import VIOLENT as VIOLENT
from newsevents.mention import Kind as Kind

# The language's trigger phrases under the kinds they signal (an unknown kind is an error).
TRIGGERS: dict[Kind, list[str]] = {Kind(kind): phrases for kind, phrases in en.TRIGGERS.items()}
STRATEGIC = frozenset(
    {
        Kind.TAKE_TERRITORY,
        Kind.REGAIN_TERRITORY,
        Kind.TRANSFER_TERRITORY,
        Kind.LOOT,
        Kind.AGREEMENT,
        Kind.DISRUPT,
        Kind.BASE,
        Kind.CHANGE,
    }
)
# Strong cues: a sentence with one of these is about violence whatever else it says.
VIOLENT_CUES = VIOLENT - {Kind.KILL, Kind.INJURE}


def _phrase_index() -> dict[str, list[frozenset[str]]]:
    """Each trigger phrase under its longest word, with all the words it needs."""
    index: dict[str, list[frozenset[str]]] = defaultdict(list)
    for kind, phrases in TRIGGERS.items():
        if kind is Kind.BLOCK:
            continue
        for phrase in phrases:
            words = frozenset(phrase.lower().replace("-", " ").split())
            index[max(words, key=len)].append(words)
    for word in (*SEIZE_VERBS, "toll"):
        index[word].append(frozenset([word]))
    return dict(index)


_INDEX = _phrase_index()
_WORD = re.compile(r"[a-z][a-z']*")


def could_mention(text: str) -> bool:
    """Could any trigger phrase occur in `text`? A cheap test on words, before parsing: a
    paragraph that fails it has no event mention, and spaCy need not read it."""
    words = set(_WORD.findall(text.lower().replace("-", " ")))
    return any(need <= words for w in words & _INDEX.keys() for need in _INDEX[w])
