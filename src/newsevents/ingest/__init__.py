"""From raw input (HTML, scraped text, JSONL records, folders of them) to `Article`s.

`read_inputs` yields one `Loaded` per report, in input order: an Article, or the reason it
could not be read. A bad report never stops the batch.
"""

from newsevents.ingest.sources import Loaded, read_inputs

__all__ = ["Loaded", "read_inputs"]
