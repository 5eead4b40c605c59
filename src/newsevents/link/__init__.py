"""Linking events of different reports into incidents, reconciling their counts, and stories."""
