"""newsevents: code news reports of political violence and protest into ACLED-style events."""

__version__ = "0.1.0"
