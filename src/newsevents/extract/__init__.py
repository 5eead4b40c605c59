"""Extraction: from an Article to coded events, as a pipeline of small components."""

from newsevents.extract.pipeline import Extractor

__all__ = ["Extractor"]
