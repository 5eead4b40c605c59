"""Place-name keys: the forms two spellings of one name share."""

from __future__ import annotations

import re
import unicodedata


def norm(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Aktöbe' -> 'aktobe', 'N.C.' -> 'n c'."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


def loose_key(key: str) -> str:
    """A key's form with doubled letters single, marked so no written name can be it: one name
    spelt 'Bossaso' and 'Bosaso', 'Shabeelle' and 'Shabelle', shares it."""
    return "~" + re.sub(r"([^\W\d_])\1+", r"\1", key)


def ascii_name(name: str) -> str:
    """A place name as ACLED writes it: 'Jalālābād' -> 'Jalalabad', 'Vénissieux' -> 'Venissieux',
    'Diyarbakır' -> 'Diyarbakir', 'Dar‘a' -> "Dar'a", 'Al Biqā‘' -> 'Al Biqa'."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" '")


# Letters with no accent to take off ('Diyarbakır', 'Łódź'); for display also the marks of
# ‘ayn and hamza, written as ACLED writes them ("Dar'a").
_PLAIN = {
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "ß": "ss",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th",
}  # fmt: skip
_PLAIN_LETTERS = str.maketrans(_PLAIN)
_LETTERS = str.maketrans(_PLAIN | {"‘": "'", "ʿ": "'", "ʾ": "'", "ʻ": "'"})


def is_latin(name: str) -> bool:
    """Written in the Latin alphabet (with any diacritics): 'Aqtöbe' yes, 'Актобе' no."""
    return all(not c.isalpha() or ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name)
