"""Places: the offline gazetteer and what the coder needs from it."""
