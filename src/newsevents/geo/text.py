"""Place-name keys: the forms two spellings of one name share."""

from __future__ import annotations

import re
import unicodedata


def norm(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Aktöbe' -> 'aktobe', 'N.C.' -> 'n c'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


def ascii_name(name: str) -> str:
    """A place name as ACLED writes it: 'Jalālābād' -> 'Jalalabad', 'Vénissieux' -> 'Venissieux'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(name: str) -> bool:
    """Written in the Latin alphabet (with any diacritics): 'Aqtöbe' yes, 'Актобе' no."""
    return all(not c.isalpha() or ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name)
