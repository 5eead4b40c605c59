"""`newsevents batch`: the coder and the linker on Apache Spark, for archives one machine
cannot get through (a decade of an outlet, a month of Common Crawl News).

    newsevents batch INPUT... --output DIR [--master local[N]]     code reports into DIR
    newsevents batch link DIR [--master local[N]]                  link DIR's events

Coding. The driver lists the inputs (paths, folders or globs of JSONL, compressed JSONL,
WARC, Parquet, HTML and text files) and cuts them into tasks: a slice of lines of a JSONL
file, a row group of a Parquet file, a whole WARC or compressed file, a few single reports.
Each task is read and coded on an executor by the same Extractor `extract` uses, one per
executor process (PySpark reuses its Python workers, so the model loads once per worker).
DIR then holds
  events/event_month=YYYY-MM/   one row per event: the columns of `export --format parquet`
                                (the event as a one-report incident, its incident_id empty),
                                and doc_id, recalled, record (the event as the coder wrote
                                it, JSON) and link (what linking compares, JSON)
  reports/                      one row per report: what the store keeps of it (text, people,
                                terms, running totals, warnings, or why it could not be read)
                                and `records`, its events, so that a store loads a report
                                with its events in one read (`ingest --events-parquet DIR`).

Linking. `batch link` reads DIR/events, blocks them by country, as the store does first, and
links each country's events in the order of their reports' publication, report by report,
with the store's own linker (link.linker.MemoryLinker: blocking by day, name and rare word,
the same scores and threshold), on as many executors as there are countries. It writes
  incidents/event_month=YYYY-MM/   the columns of `export --format parquet`
  links/                           event_id -> incident_id
Events with no country are linked among themselves.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.ingest.archives import archive_kind
from newsevents.ingest.sources import (
    JSONL_SUFFIXES,
    READ_SUFFIXES,
    REPORT_SUFFIXES,
    Loaded,
    is_dir,
    read_archive,
    read_jsonl,
    read_report,
    walk,
)
from newsevents.settings import Settings

TASK_ROWS = 64  # JSONL lines or single reports in one task


class BatchError(NewsEventsError):
    """Inputs that name nothing, an output that cannot be written, Spark that cannot start."""


@dataclass(frozen=True)
class Task:
    """A piece of the input one executor reads and codes."""

    path: str
    kind: str  # "jsonl" (lines start..stop), "parquet" (row group start), "archive", "files"
    name: str  # the name a record without a doc_id is called after (as `extract` names it)
    start: int = 0
    stop: int = 0
    files: tuple[tuple[str, str], ...] = ()  # "files": (path, doc_id) of single reports


# ---- planning, on the driver --------------------------------------------------------------


def plan(inputs: Sequence[str], rows: int = TASK_ROWS) -> list[Task]:
    """The tasks of `inputs` (files, folders, globs), in the order `extract` reads them."""
    tasks: list[Task] = []
    singles: list[tuple[str, str]] = []

    def flush() -> None:
        for i in range(0, len(singles), rows):
            part = tuple(singles[i : i + rows])
            tasks.append(Task(part[0][0], "files", part[0][1], files=part))
        singles.clear()

    for raw in inputs:
        matched = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matched:
            raise BatchError(f"no input matches {raw}")
        for found in matched:
            path = Path(found).expanduser()
            if is_dir(path):
                listed = sorted(
                    (f.relative_to(path).as_posix(), f)
                    for f, reason in walk(path, READ_SUFFIXES)
                    if reason is None
                )
                entries = listed
            elif path.exists():
                entries = [(path.name, path)]
            else:
                raise BatchError(f"no input {found}")
            for name, f in entries:
                kind = archive_kind(f)
                suffix = f.suffix.lower()
                if kind is None and suffix in REPORT_SUFFIXES:
                    singles.append((str(f), name))
                    continue
                flush()
                if kind == "parquet":
                    tasks += _parquet_tasks(f, name)
                elif kind is not None:
                    tasks.append(Task(str(f), "archive", name))
                elif suffix in JSONL_SUFFIXES or not is_dir(path):
                    tasks += _jsonl_tasks(f, name, rows)
    flush()
    return tasks


def _jsonl_tasks(path: Path, name: str, rows: int) -> list[Task]:
    try:
        with path.open("rb") as f:
            n = sum(1 for _ in f)
    except OSError:
        n = 1  # one task, which reports why it cannot be read
    return [
        Task(str(path), "jsonl", name, i + 1, min(i + rows, n) + 1)
        for i in range(0, max(n, 1), rows)
    ]


def _parquet_tasks(path: Path, name: str) -> list[Task]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(path).metadata.num_row_groups
    except Exception:
        groups = 0
    if groups <= 1:
        return [Task(str(path), "archive", name)]
    return [Task(str(path), "parquet", name, g, g + 1) for g in range(groups)]


# ---- reading and coding, on an executor -------------------------------------------------


def read_task(task: Task, max_bytes: int, published: date | None) -> Iterator[Loaded]:
    path = Path(task.path)
    if task.kind == "jsonl":
        yield from read_jsonl(
            path,
            max_bytes=max_bytes,
            published=published,
            name=task.name,
            lines=(task.start, task.stop),
        )
    elif task.kind == "parquet":
        yield from read_archive(
            path,
            max_bytes=max_bytes,
            published=published,
            name=task.name,
            row_groups=(task.start, task.stop),
        )
    elif task.kind == "archive":
        yield from read_archive(path, max_bytes=max_bytes, published=published, name=task.name)
    else:
        for f, doc_id in task.files:
            yield read_report(Path(f), doc_id, max_bytes, published)


_extractor: Any = None  # one per executor process, made by its first task


def code_tasks(
    tasks: Iterable[Task], settings: Settings, published: date | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """("report", row) for each report of the tasks, then ("event", row) for each of its
    events: what DIR/reports and DIR/events hold."""
    global _extractor
    from newsevents.extract import Extractor
    from newsevents.store.ingest import article_hash, document_of, records_of

    if _extractor is None:
        _extractor = Extractor(settings)
    max_bytes = int(settings.max_report_mb * 1024 * 1024)
    for task in tasks:
        loaded = list(read_task(task, max_bytes, published))
        coded = iter(_extractor.code_many([item.article for item in loaded if item.article]))
        for item in loaded:
            if item.article is None:
                yield "report", _failed_row(item.doc_id, item.source, item.error)
                continue
            article = next(coded)
            if article.error is not None:
                yield "report", _failed_row(article.doc_id, item.source, article.error)
                continue
            doc = document_of(article, article_hash(article))
            records = records_of(article)
            yield "report", _report_row(doc, records)
            for position, record in enumerate(records):
                yield "event", event_row(record, doc, position)


def _failed_row(doc_id: str | None, source: str, error: str | None) -> dict[str, Any]:
    return dict.fromkeys(REPORT_COLUMNS) | {
        "doc_id": doc_id,
        "source": source,
        "status": "error",
        "error": error,
    }


def _report_row(doc: Any, records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "status": "coded",
        "error": None,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "text": doc.text,
        "people": _json(doc.people),
        "terms": _json(doc.terms),
        "running_totals": _json(doc.running_totals),
        "warnings": _json(doc.warnings),
        "coder_version": doc.coder_version,
        "records": _json(list(records)),
    }


REPORT_COLUMNS = (
    "doc_id",
    "source",
    "status",
    "error",
    "content_hash",
    "title",
    "url",
    "outlet",
    "published",
    "language",
    "text",
    "people",
    "terms",
    "running_totals",
    "warnings",
    "coder_version",
    "records",
)
EVENT_EXTRA = ("doc_id", "position", "recalled", "record", "link", "event_month")


def event_row(record: Mapping[str, Any], doc: Any, position: int = 0) -> dict[str, Any]:
    """An event as a one-report incident in the export's columns, with what linking and a
    store need of it (`position`: its place among its report's events)."""
    from newsevents.link.linker import LinkEvent
    from newsevents.store.export import JSON_COLUMNS, acled_row

    source = doc.source_info()
    as_incident = {**record, "sources": [source], "story_id": None}
    row = acled_row(as_incident)
    row["incident_id"] = None
    for name in JSON_COLUMNS:
        row[name] = _json(as_incident.get(name))
    link = LinkEvent.of(
        0, record, doc.doc_id, doc.published, doc.people, doc.terms, doc.language
    ).as_json()
    day = record.get("event_date")
    row.update(
        doc_id=doc.doc_id,
        position=position,
        recalled=bool(record.get("recalled")),
        record=_json(dict(record)),
        link=_json(link),
        event_month=day[:7] if day else "undated",
    )
    return row


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


# ---- linking, on an executor per country ----------------------------------------------------


def link_country(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """("incident", row) and ("link", {event_id, incident_id}) for one country's events,
    linked report by report in the order of publication, then doc_id, as `relink` does."""
    from newsevents.link.linker import LinkEvent, MemoryLinker
    from newsevents.link.reconcile import Member, reconcile
    from newsevents.store.export import JSON_COLUMNS, acled_row

    ordered = sorted(
        rows,
        key=lambda r: (r["published"] is None, r["published"] or "", r["doc_id"], r["position"]),
    )
    linker = MemoryLinker()
    members: dict[int, Member] = {}
    ids: dict[int, str] = {}
    key = 0
    for _, report in groupby(ordered, key=lambda r: r["doc_id"]):
        new = []
        for r in report:
            key += 1
            new.append(LinkEvent.from_json(key, json.loads(r["link"])))
            members[key] = Member(json.loads(r["record"]), json.loads(r["sources"])[0])
            ids[key] = r["event_id"]
        linker.add(new)
    for group in linker.incidents().values():
        record = reconcile([members[e.key] for e in group])
        row = acled_row({**record, "story_id": None})
        for name in JSON_COLUMNS:
            row[name] = _json(record.get(name))
        day = record.get("event_date")
        row["event_month"] = day[:7] if day else "undated"
        yield "incident", row
        for e in group:
            yield "link", {"event_id": ids[e.key], "incident_id": record["event_id"]}


# ---- Spark --------------------------------------------------------------------------------


def spark_session(master: str | None, app: str = "newsevents") -> Any:
    """A SparkSession: on `master` (local[N], spark://..., yarn) or, with None, what
    spark-submit gave. Executors run this Python (PYSPARK_PYTHON, unless set)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise BatchError(
            "batch needs PySpark: pip install 'newsevents[spark]' (and a Java runtime)"
        ) from e
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if master is None or master.startswith("local"):
        # One machine: listen on loopback only, no web UI.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    builder = builder.config("spark.python.worker.reuse", "true").config(
        "spark.sql.sources.partitionOverwriteMode", "static"
    )
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # no Java, a master that cannot be reached
        raise BatchError(f"cannot start Spark ({str(e).strip().splitlines()[0][:300]})") from e
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_schema(columns: Sequence[tuple[str, str]]) -> Any:
    from pyspark.sql.types import (
        BooleanType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    kinds = {"int": LongType(), "float": DoubleType(), "str": StringType(), "bool": BooleanType()}
    return StructType([StructField(name, kinds[kind], True) for name, kind in columns])


def event_columns() -> list[tuple[str, str]]:
    from newsevents.store.export import parquet_schema

    out = []
    for f in parquet_schema():
        kind = str(f.type)
        out.append((f.name, "int" if kind == "int64" else "float" if kind == "double" else "str"))
    extra = {
        "doc_id": "str",
        "position": "int",
        "recalled": "bool",
        "record": "str",
        "link": "str",
        "event_month": "str",
    }
    return out + list(extra.items())


def incident_columns() -> list[tuple[str, str]]:
    return [c for c in event_columns() if c[0] in _EXPORT_NAMES] + [("event_month", "str")]


def _export_names() -> set[str]:
    from newsevents.store.export import COLUMNS, JSON_COLUMNS

    return {*COLUMNS, *JSON_COLUMNS}


_EXPORT_NAMES = _export_names()


@dataclass
class Summary:
    reports: int = 0
    coded: int = 0
    failed: int = 0
    events: int = 0
    incidents: int = 0
    errors: list[tuple[str, str]] | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_extract(
    spark: Any,
    inputs: Sequence[str],
    output: Path,
    settings: Settings,
    published: date | None = None,
    rows: int = TASK_ROWS,
    tasks: list[Task] | None = None,
) -> Summary:
    """Code `inputs` (or the `tasks` planned of them) on Spark into output/events and
    output/reports."""
    from pyspark import StorageLevel

    tasks = plan(inputs, rows) if tasks is None else tasks
    if not tasks:
        raise BatchError("the inputs hold no reports")
    sc = spark.sparkContext
    coded = (
        sc.parallelize(tasks, len(tasks))
        .mapPartitions(lambda part: code_tasks(part, settings, published))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        # Coded once, a task per slice of the input, so that every core codes; then written
        # from as many partitions as there are cores, not one small file per task.
        coded.count()
        written = coded.coalesce(max(1, min(len(tasks), sc.defaultParallelism)))
        event_cols = event_columns()
        events = written.filter(lambda kv: kv[0] == "event").map(
            lambda kv: tuple(kv[1].get(name) for name, _ in event_cols)
        )
        reports = written.filter(lambda kv: kv[0] == "report").map(
            lambda kv: tuple(kv[1].get(name) for name in REPORT_COLUMNS)
        )
        report_schema = _spark_schema([(name, "str") for name in REPORT_COLUMNS])
        spark.createDataFrame(reports, report_schema).write.mode("overwrite").parquet(
            str(output / "reports")
        )
        spark.createDataFrame(events, _spark_schema(event_cols)).write.mode(
            "overwrite"
        ).partitionBy("event_month").parquet(str(output / "events"))
    finally:
        coded.unpersist()
    return _summary(spark, output)


def _summary(spark: Any, output: Path) -> Summary:
    """What the reports and events written say (read by Spark alone, no Python pass)."""
    reports = spark.read.parquet(str(output / "reports"))
    summary = Summary(errors=[])
    for status, n in reports.groupBy("status").count().collect():
        summary.reports += n
        if status == "coded":
            summary.coded += n
        else:
            summary.failed += n
    summary.events = spark.read.parquet(str(output / "events")).count()
    failed = reports.where(reports.status == "error").select("source", "error").collect()
    summary.errors = sorted(((s, e) for s, e in failed), key=lambda se: _natural(se[0] or ""))
    return summary


def _natural(text: str) -> list[Any]:
    """'f.jsonl line 9' before 'f.jsonl line 10': the order of the input."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def run_link(spark: Any, folder: Path) -> Summary:
    """Link folder/events on Spark into folder/incidents and folder/links."""
    from pyspark import StorageLevel

    events_dir = folder / "events"
    if not events_dir.is_dir():
        raise BatchError(
            f"no events in {folder}: run `newsevents batch INPUT --output {folder}` first"
        )
    frame = spark.read.parquet(str(events_dir)).select(
        "iso3", "doc_id", "position", "event_id_cnty", "record", "link", "sources"
    )
    published = frame.rdd.map(
        lambda r: (
            r["iso3"] or "",
            {
                "doc_id": r["doc_id"],
                "position": r["position"],
                "event_id": r["event_id_cnty"],
                "record": r["record"],
                "link": r["link"],
                "sources": r["sources"],
                "published": (json.loads(r["sources"])[0] or {}).get("published"),
            },
        )
    )
    countries = frame.select("iso3").distinct().count()  # by Spark alone: no Python pass
    linked = (
        published.groupByKey(numPartitions=max(1, countries))
        .flatMap(lambda kv: link_country(kv[1]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        cols = incident_columns()
        incidents = linked.filter(lambda kv: kv[0] == "incident").map(
            lambda kv: tuple(kv[1].get(name) for name, _ in cols)
        )
        spark.createDataFrame(incidents, _spark_schema(cols)).write.mode("overwrite").partitionBy(
            "event_month"
        ).parquet(str(folder / "incidents"))
        links = linked.filter(lambda kv: kv[0] == "link").map(
            lambda kv: (kv[1]["event_id"], kv[1]["incident_id"])
        )
        spark.createDataFrame(
            links, _spark_schema([("event_id", "str"), ("incident_id", "str")])
        ).write.mode("overwrite").parquet(str(folder / "links"))
    finally:
        linked.unpersist()
    # Counted in what was written, by Spark alone.
    return Summary(
        events=spark.read.parquet(str(folder / "links")).count(),
        incidents=spark.read.parquet(str(folder / "incidents")).count(),
    )


# ---- into a store -----------------------------------------------------------------------------


def stored_reports(folder: Path, batch: int = 64) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    """(NewDocument, its event records) for each report of folder/reports, read in batches."""
    import pyarrow.dataset as ds

    from newsevents.store import NewDocument
    from newsevents.store.ingest import unreadable

    reports = folder / "reports"
    if not reports.is_dir():
        raise BatchError(
            f"no reports in {folder}: run `newsevents batch INPUT --output {folder}` first"
        )
    for part in ds.dataset(str(reports), format="parquet").to_batches(batch_size=batch):
        for row in part.to_pylist():
            records = json.loads(row["records"]) if row["records"] else []
            if row["status"] != "coded":
                yield unreadable(Loaded(row["source"], row["doc_id"], error=row["error"])), []
                continue
            doc = NewDocument(
                doc_id=row["doc_id"],
                content_hash=row["content_hash"],
                source=row["source"],
                title=row["title"],
                url=row["url"],
                outlet=row["outlet"],
                published=date.fromisoformat(row["published"]) if row["published"] else None,
                language=row["language"],
                text=row["text"],
                people=json.loads(row["people"]) if row["people"] else [],
                terms=json.loads(row["terms"]) if row["terms"] else {},
                running_totals=json.loads(row["running_totals"]) if row["running_totals"] else [],
                warnings=json.loads(row["warnings"]) if row["warnings"] else [],
                coder_version=row["coder_version"],
            )
            yield doc, records
