"""Names that point to a country without being its name: demonyms, short forms, US states."""

from __future__ import annotations

# Demonyms and adjectives as news writes them ("Kazakh forces", "Syrian army"), by ISO alpha-2.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "beninese": "BJ",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG",
    "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN",
    "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU", "cypriot": "CY",
    "czech": "CZ", "danish": "DK", "dominican": "DO", "dutch": "NL", "ecuadorian": "EC",
    "egyptian": "EG", "emirati": "AE", "eritrean": "ER", "estonian": "EE", "ethiopian": "ET",
    "filipino": "PH", "finnish": "FI", "french": "FR", "gabonese": "GA", "gambian": "GM",
    "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT",
    "guinean": "GN", "haitian": "HT", "honduran": "HN", "hungarian": "HU", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
    "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE", "kosovar": "XK", "kuwaiti": "KW",
    "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV", "lebanese": "LB",
    "liberian": "LR", "libyan": "LY", "lithuanian": "LT", "macedonian": "MK",
    "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "malian": "ML",
    "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA",
    "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE",
    "north korean": "KP", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
    "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE",
    "polish": "PL", "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU",
    "rwandan": "RW", "salvadoran": "SV", "saudi": "SA", "senegalese": "SN", "serb": "RS",
    "serbian": "RS", "sierra leonean": "SL", "slovak": "SK", "slovenian": "SI",
    "somali": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
    "kashmiri": "IN", "kurdish": "IQ", "chechen": "RU", "tibetan": "CN", "uyghur": "CN",
    "sahrawi": "EH", "israelis": "IL", "afghans": "AF", "syrians": "SY", "iraqis": "IQ",
}

# Short and older names that pycountry's lookup does not know.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "united states": "US",
    "america": "US", "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "russia": "RU", "syria": "SY", "iran": "IR", "south korea": "KR", "north korea": "KP",
    "dr congo": "CD", "drc": "CD", "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD", "congo kinshasa": "CD",
    "republic of congo": "CG", "congo brazzaville": "CG", "ivory coast": "CI",
    "cote d ivoire": "CI", "palestine": "PS", "gaza": "PS", "gaza strip": "PS",
    "west bank": "PS", "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "kosovo": "XK", "turkey": "TR", "turkiye": "TR",
    "czech republic": "CZ", "czechia": "CZ", "eswatini": "SZ", "swaziland": "SZ",
    "burma": "MM", "myanmar": "MM", "east timor": "TL", "macedonia": "MK",
    "north macedonia": "MK", "the gambia": "GM", "holland": "NL", "the netherlands": "NL",
    "taiwan": "TW", "brunei": "BN", "cape verde": "CV", "micronesia": "FM",
    "vatican": "VA", "somaliland": "SO", "western sahara": "EH",
}

# AP-style and postal abbreviations of US states, as datelines write them ("Anderson, S.C.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "AL", "alaska": "AK", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "hawaii": "HI", "idaho": "ID",
    "ill": "IL", "ind": "IN", "iowa": "IA", "kan": "KS", "kans": "KS", "ky": "KY",
    "la": "LA", "maine": "ME", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN",
    "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV",
    "n h": "NH", "n j": "NJ", "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND",
    "ohio": "OH", "okla": "OK", "ore": "OR", "pa": "PA", "r i": "RI", "s c": "SC",
    "s d": "SD", "tenn": "TN", "texas": "TX", "utah": "UT", "vt": "VT", "va": "VA",
    "wash": "WA", "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY", "d c": "DC",
}
