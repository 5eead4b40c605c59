"""English words the coder reads: numbers, dates and times, particles inside place names,
agencies, streets and quarters, place prepositions, unit nouns and reporting verbs.

Data only: the logic that reads them lives in `newsevents.extract`.
"""

from __future__ import annotations

import calendar

# Numbers
SMALL_NUMBERS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "lone": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "both": 2,
    "pair": 2,
    "couple": 2,
    "dozen": 12,
    "twin": 2,
    "twins": 2,
}

# Vague amounts: (value, is_lower_bound_only)
VAGUE_NUMBERS = {
    "dozens": 12,
    "tens": 10,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "few": 3,
    "handful": 3,
    "many": 10,
    "numerous": 10,
    "multiple": 2,
    "millions": 1_000_000,
    "some": 2,
}

MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Dates and times
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

CALENDAR_WORDS = {
    *(n.lower() for n in calendar.month_name if n),
    *(n.lower() for n in calendar.month_abbr if n),
    *(n.lower() for n in calendar.day_name),
    "sept", "christmas", "easter", "thanksgiving", "halloween", "ramadan", "eid", "new",
    "year", "day", "eve", "week", "weekend", "independence", "memorial", "labor", "mother's",
    "father's", "valentine's", "mid", "early", "late", "last", "next", "this", "the",
}  # fmt: skip

# Particles inside place names
# Lower-case words inside a town's name: Romance ('Boa Vista da Bahia'), and the Persian
# ezafe ('Kut e Abdollah').
INNER_PARTICLES = {"da", "de", "do", "dos", "das", "del", "di", "la", "las", "los", "e"}

HYPHEN_PARTICLES = {
    "e", "i", "o", "ul", "al", "el", "ez", "az", "es", "as", "esh", "ash", "ed", "ad", "er", "ar",
    "et", "at", "en", "an",
}  # fmt: skip

NAME_PARTICLES = {"al", "el", "ad", "as", "ar", "an", "de", "del", "la", "le", "bin", "ibn"}

# Agencies
# The words after a town's name that make it the town a service serves ('Milford police').
SERVED_BY = {"police", "sheriff", "sheriff's", "fire", "firefighters"}

AGENCY_WORDS = {
    "metro",
    "metropolitan",
    "police",
    "sheriff",
    "sheriffs",
    "sheriff's",
    "fire",
    "municipal",
    "district",
    "city",
    "county",
    "regional",
    "provincial",
    "state",
}

# Words before 'police' that name a kind of police, not a place: 'Transit police', 'When
# police arrived'.
NOT_AGENCY_PLACE = {
    "State", "Capitol", "Transit", "University", "Campus", "Military", "Local", "Federal",
    "National", "Border", "Riot", "Traffic", "Secret", "Park", "Port", "Airport", "School",
    "Tribal", "Railroad", "Village", "Township", "Town", "City", "Area", "Regional", "Armed",
    "Religious", "Morality", "Special", "Undercover", "Nearby", "Other", "Several", "Many",
    "Some", "When", "But", "And", "If", "Then", "After", "Before", "While", "Where", "As",
    "Both", "All", "Neighboring", "Neighbouring", "Off", "Housing", "Harbor", "Harbour", "The",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "No", "Any",
    "Every", "Most", "Few", "His", "Her", "Their", "Our", "Metro", "Metropolitan", "Since",
    "Because", "Although", "Though", "Until", "Once", "So",
}  # fmt: skip

# Streets and quarters
STREET_WORDS = {
    "street", "streets", "avenue", "avenues", "road", "roads", "boulevard", "drive", "lane",
    "highway", "st", "st.", "ave", "ave.", "rd", "blvd",
}  # fmt: skip

# Words that begin the name of a neighbourhood in Spanish and Portuguese.
QUARTER_WORDS = {"Colonia", "Barrio", "Fraccionamiento", "Bairro"}

PART_OF_TOWN = {
    "central", "downtown", "northern", "southern", "eastern", "western", "north", "south",
    "east", "west", "northeast", "northwest", "southeast", "southwest", "rural", "greater",
}  # fmt: skip

# Place prepositions
# Where English puts a place: 'in the hills above Bayugan', 'raids across the capital'.
PLACE_PREPOSITIONS = {"in", "near", "outside", "above", "below", "across", "throughout"}

# ... and the nouns after which 'of' names a place: 'the outskirts of X', 'the city of X'.
BEFORE_OF = {
    "area",
    "limits",
    "countryside",
    "vicinity",
    "suburbs",
    "environs",
    "region",
    "governorate",
    "municipality",
    "villages",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outskirts",
    "city",
    "town",
    "village",
    "province",
    "district",
}

# Unit nouns
DIVISION_AFTER = {"department", "province", "governorate", "state", "region", "oblast"}

DIVISION_NOUNS = {"countryside", "province", "governorate", "region", "municipality"}

# ... and those that name a division after it: 'Azra district', 'Cuauhtemoc municipality'.
UNIT_AFTER = {"district", "province", "governorate", "municipality"}

# Reporting verbs
# Words of telling, as written (the parse has no lemmas), and the nouns and 'according' that
# do the same: what is told with them is the teller's. A count under one is no deed ('said'
# in 'police said two were killed'), a date on one is when it was told, its subject is the
# claimant.
REPORTING = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tell",
        "announced",
        "announce",
        "reported",
        "report",
        "stated",
        "added",
        "statement",
        "confirmed",
        "claimed",
        "released",
        "published",
        "according",
        "wrote",
        "posted",
        "tweeted",
        "noted",
        "explained",
        "testified",
        "pleaded",
        "sentenced",
        "charged",
        "arraigned",
        "identified",
        "updated",
    }
)
