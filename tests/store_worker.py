"""Run by the safety tests in a process of its own: store N short reports, print each doc_id
once its transaction has committed. Usage: python store_worker.py DB PREFIX N"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from newsevents.store import NewDocument, Store, content_hash

STREETS = ("Archer Avenue", "Kostner Avenue", "Cicero Avenue", "Pulaski Road", "Ashland Avenue")


def main(db: str, prefix: str, n: int) -> None:
    with Store(db) as store:
        for i in range(n):
            day = date(2024, 5, 1) + timedelta(days=i % 9)
            street = STREETS[i % len(STREETS)]
            text = f"A man was shot on {street} on {day:%A}, police said. Report {prefix}{i}."
            doc_id = f"{prefix}{i}"
            record = {
                "event_id": f"ev-{doc_id}",
                "event_date": day.isoformat(),
                "time_precision": 1,
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
                "country": "United States",
                "iso3": "USA",
                "location": "Chicago",
                "latitude": 41.85,
                "longitude": -87.65,
                "geo_precision": 1,
                "fatalities": 1,
                "evidence": [],
            }
            store.add(
                NewDocument(
                    doc_id=doc_id,
                    content_hash=content_hash(doc_id, text),
                    published=day + timedelta(days=1),
                    text=text,
                    terms={street.split()[0].lower(): 3.0},
                ),
                [record],
            )
            print(doc_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
