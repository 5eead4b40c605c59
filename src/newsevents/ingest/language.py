"""Language identification with lingua, built once per coder (not at import)."""

from __future__ import annotations

import re

import justext
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# Enough of the text to be sure, little enough to stay fast on long pages.
_SAMPLE_CHARS = 1500
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ENGLISH_STOPWORDS = frozenset(w.lower() for w in justext.get_stoplist("English"))
# The function words of the other big Latin-script news languages: a short Spanish lead
# ("asesinaron a un líder social en zona rural de ...") has English stop words too ("a",
# "de", "social"), but more of its own.
_OTHER_STOPWORDS = {
    code: frozenset(w.lower() for w in justext.get_stoplist(name))
    for code, name in (
        ("es", "Spanish"),
        ("fr", "French"),
        ("pt", "Portuguese"),
        ("it", "Italian"),
        ("de", "German"),
    )
}
# Share of English function words above which a text is English whatever else it names:
# running English has 35-50 % (terse conflict notes full of place names about 20 %); French,
# Spanish, German and Portuguese news stays under 12 %.
_ENGLISH_SHARE = 0.16
# A report lingua finds at least this likely to be English is English, whatever it ranks first.
_ENGLISH_CONFIDENCE = 0.25


class LanguageIdentifier:
    def __init__(self) -> None:
        self._detector: LanguageDetector | None = None

    def _get(self) -> LanguageDetector:
        if self._detector is None:
            # Low-accuracy mode uses only trigram models: a few MB instead of ~1 GB, and on
            # news paragraphs (well over 120 characters) it is as reliable as the full models.
            self._detector = (
                LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
            )
        return self._detector

    def identify(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it cannot tell."""
        sample = text[:_SAMPLE_CHARS]
        if sum(c.isalpha() for c in sample) < 20:
            return None
        # Short English notes full of foreign place names fool n-gram models ('Cosoleacaque,
        # Veracruz' reads as Tagalog); English function words do not.
        words = _WORD.findall(sample)
        if len(words) >= 6:
            lower = [w.lower() for w in words]
            share = sum(w in _ENGLISH_STOPWORDS for w in lower) / len(lower)
            other = max(
                sum(w in stop for w in lower) / len(lower) for stop in _OTHER_STOPWORDS.values()
            )
            if share >= _ENGLISH_SHARE and share >= other:
                return "en"
        detector = self._get()
        found = detector.detect_language_of(sample)
        if found is None:
            return None
        if found is not Language.ENGLISH and (
            detector.compute_language_confidence(sample, Language.ENGLISH) >= _ENGLISH_CONFIDENCE
        ):
            return "en"
        code: IsoCode639_1 = found.iso_code_639_1
        return str(code.name).lower()
