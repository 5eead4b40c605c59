"""Reference tables shipped with the package, read at first use.

- acled_regions.json: ISO3 code -> ACLED's region of the country. UN M49 sub-regions under
  ACLED's names, with ACLED's differences: Iran, Turkey, Israel, Palestine and the Arab states
  of Western Asia are "Middle East"; Armenia, Azerbaijan, Georgia and the five Central Asian
  states "Caucasus and Central Asia"; Cyprus and Russia "Europe"; Mexico "Central America".
- acled_territories.json: ISO3 code of a territory that GeoNames keeps as a country of its own
  but ACLED codes as a first-order division of another -> that country, its ISO3 code and
  the division's name (Hong Kong is admin1 "Hong Kong" of China in ACLED).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any


@cache
def _load(name: str) -> Mapping[str, Any]:
    # Read-only: the table is the same for every caller, in every process.
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    return MappingProxyType(json.loads(text))


def acled_regions() -> Mapping[str, str]:
    """ISO3 -> ACLED's region ("Western Africa", "Middle East", "Caucasus and Central Asia" ...)."""
    return _load("acled_regions.json")


def acled_territories() -> Mapping[str, Mapping[str, str]]:
    """ISO3 of a territory ACLED codes within another country -> its country, iso3, admin1."""
    return _load("acled_territories.json")
