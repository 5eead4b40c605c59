"""The command line: `newsevents extract ...`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click
from tqdm import tqdm

from newsevents import __version__
from newsevents.errors import NewsEventsError
from newsevents.ingest import Loaded, read_inputs
from newsevents.output import FORMATS, Result, Writer, counted, printable
from newsevents.parallel import ChunkCoder, InProcess, Workers, chunked, default_jobs
from newsevents.settings import SETTINGS, Settings
from newsevents.store import FILTER_INT_MAX
from newsevents.store.export import EXPORT_FORMATS
from newsevents.store.pins import STATUSES

if TYPE_CHECKING:
    from newsevents.extract import Extractor
    from newsevents.store import Filters, Store


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date like 2016-06-10") from e


_input_option = click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help='JSONL file of reports, one per line: {"doc_id", "text" or "html", "title", '
    '"published", "url", "outlet"}.',
)


# Every setting, with its default and what it does: --set's help is where a user finds them.
SET_HELP = "Override a setting (repeatable); the settings are: " + "; ".join(
    f"{s.name} (default {s.default!r}): {s.help}" for s in SETTINGS
)

_published_option = click.option(
    "--published",
    callback=_published,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) for reports that give none of their own.",
)

_jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    metavar="N",
    help="Worker processes that code (each loads the model once). Default: the number of "
    "cores. The output is the same whatever N.",
)


def _workers(settings: Settings, jobs: int | None) -> Workers | None:
    """Worker processes for `jobs` (None: one per core); None where one process codes."""
    n = jobs or default_jobs()
    return Workers(settings, n) if n > 1 else None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """Code news reports of political violence and protest into ACLED-style events."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@_input_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output.",
)
@_published_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format. Default: from the --output suffix, else a table on a terminal "
    "and jsonl otherwise.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Settings file (TOML). Default: newsevents.toml in the working directory, if any.",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help=SET_HELP,
)
@_jobs_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warnings on stderr.")
def extract(
    paths: tuple[str, ...],
    inputs: tuple[str, ...],
    output: str | None,
    published: date | None,
    fmt: str | None,
    config: Path | None,
    overrides: tuple[str, ...],
    jobs: int | None,
    quiet: bool,
) -> None:
    """Code reports without storing them: FILE, DIR (its .html, .txt, .jsonl files), - (stdin).

    JSONL input gives one output line per input line, in order: {"doc_id", "events", "error"}.
    A report that cannot be read is reported on stderr and in the output, the rest go on, and
    the exit code is 1.
    """
    if not paths and not inputs:
        raise click.UsageError("give a FILE, a DIR, - (stdin) or --input FILE.jsonl")
    try:
        settings = Settings.load(config, overrides=overrides)
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    fmt = fmt or _format_for(output)
    extractor = LazyExtractor(settings)
    max_bytes = int(settings.max_report_mb * 1024 * 1024)
    loaded = read_inputs(paths, inputs, max_bytes=max_bytes, published=published)
    total = _count_reports(paths, inputs)
    stream: TextIO = _open_output(output) if output else sys.stdout
    writer = Writer(fmt, stream)
    counts = {"coded": 0, "skipped": 0, "failed": 0}
    workers = _workers(settings, jobs)
    try:
        progress = tqdm(
            total=total,
            unit="report",
            file=sys.stderr,
            disable=quiet or None,
            dynamic_ncols=True,
            leave=False,
        )
        for result in code_all(loaded, extractor, settings.batch_size, workers):
            if result.skipped:
                counts["skipped"] += 1
                progress.write(f"error: {result.error}", file=sys.stderr)
                continue
            if result.error:
                counts["failed"] += 1
                progress.write(f"error: {result.error}", file=sys.stderr)
            else:
                counts["coded"] += 1
                if not quiet:
                    for w in result.warnings:
                        progress.write(f"warning: {w}", file=sys.stderr)
            writer.write(result)
            progress.update(1)
        progress.close()
        writer.close()
    except NewsEventsError as e:  # a worker could not load the model or the gazetteer
        raise click.ClickException(str(e)) from e
    finally:
        if workers is not None:
            workers.close()
        if output:
            stream.close()
    n = sum(counts.values())
    click.echo(
        f"{counted(n, 'report')}: {counts['coded']} coded, "
        f"{counts['skipped']} skipped, {counts['failed']} failed.",
        err=True,
    )
    _nothing_read(n, counts["coded"], paths, inputs)
    if counts["failed"] or counts["skipped"]:
        sys.exit(1)


def _nothing_read(n: int, coded: int, paths: tuple[str, ...], inputs: tuple[str, ...]) -> None:
    """A run that found no report, or a folder none of whose reports could be read, says so
    and exits non-zero."""
    from newsevents.ingest.archives import ENDINGS
    from newsevents.ingest.sources import READ_SUFFIXES

    where = ", ".join(printable(p) for p in (*paths, *inputs))
    if n == 0:
        kinds = ", ".join(sorted({*READ_SUFFIXES, *ENDINGS}))
        click.echo(f"error: no reports in {where}: a folder's {kinds} files are read", err=True)
        sys.exit(1)
    folders = [p for p in paths if p != "-" and Path(p).expanduser().is_dir()]
    if coded == 0 and folders:
        # A file that cannot be read said so in its own line; a folder of such files says
        # so as a whole.
        click.echo(f"error: none of the {counted(n, 'report')} in {where} could be read", err=True)
        sys.exit(1)


def _open_output(output: str) -> TextIO:
    """The output file, opened before any work, or one line saying why it cannot be."""
    try:
        return open(Path(output).expanduser(), "w", encoding="utf-8")
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror or e}") from e


class LazyExtractor:
    """Loads the model only when a report needs coding: bad input fails fast."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor: Extractor | None = None

    def get(self) -> Extractor:
        if self._extractor is None:
            from newsevents.extract import Extractor

            try:
                self._extractor = Extractor(self.settings)
            except NewsEventsError as e:
                raise click.ClickException(str(e)) from e
        return self._extractor


def code_all(
    loaded: Iterable[Loaded],
    extractor: LazyExtractor | Extractor,
    batch_size: int,
    workers: ChunkCoder | None = None,
) -> Iterator[Result]:
    """Results in input order; reports that loaded are coded in chunks of `batch_size`, here
    or by `workers` (newsevents.parallel)."""

    def engine() -> Extractor:
        return extractor.get() if isinstance(extractor, LazyExtractor) else extractor

    coder: ChunkCoder = workers or InProcess(engine)
    chunks = (
        (pending, [p.article for p in pending if p.article is not None])
        for pending in chunked(loaded, batch_size)
    )
    for pending, articles in coder.code_chunks(chunks):
        coded = iter(articles)
        for p in pending:
            if p.article is None:
                yield Result(
                    p.doc_id, p.source, error=p.error, warnings=list(p.warnings), skipped=p.skipped
                )
                continue
            a = next(coded)
            yield Result(
                a.doc_id,
                p.source,
                [e.as_dict() for e in a.events],
                error=a.error,
                warnings=list(a.warnings),
                recalled=[e.as_dict() for e in a.recalled],
            )


def _format_for(output: str | None) -> str:
    if output:
        suffix = Path(output).suffix.lower()
        return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}.get(
            suffix, "jsonl"
        )
    return "table" if sys.stdout.isatty() else "jsonl"


def _count_reports(paths: tuple[str, ...], inputs: tuple[str, ...]) -> int | None:
    """How many reports the inputs hold, for the progress bar (None: cannot tell without
    reading them: standard input, a WARC file, compressed JSONL)."""
    from newsevents.ingest.archives import archive_kind, parquet_rows
    from newsevents.ingest.sources import JSONL_SUFFIXES, REPORT_SUFFIXES, is_dir, walk

    def count(f: Path, listed: bool) -> int | None:
        kind = archive_kind(f)
        if kind == "parquet":
            return parquet_rows(f)
        if kind is not None:
            return None
        if f.suffix.lower() in JSONL_SUFFIXES or listed:
            return _lines(f)
        return 1 if f.suffix.lower() in REPORT_SUFFIXES or not listed else 0

    total = 0
    for raw in [*paths, *inputs]:
        if raw == "-":
            return None
        p = Path(raw).expanduser()
        found = [f for f, reason in walk(p) if reason is None] if is_dir(p) else [p]
        for f in found:
            n = count(f, listed=raw in inputs)
            if n is None:
                return None
            total += n
    return total


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


@main.group()
def gazetteer() -> None:
    """The offline gazetteer: build it, add a GeoNames dump to it, look names up in it."""


_config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Settings file (TOML). Default: newsevents.toml in the working directory, if any.",
)
_set_option = click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help=SET_HELP,
)


def _gazetteer_path(config: Path | None, overrides: tuple[str, ...]) -> tuple[Settings, Path]:
    from newsevents.geo.gazetteer import default_path

    try:
        settings = Settings.load(config, overrides=overrides)
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    return settings, Path(settings.gazetteer) if settings.gazetteer else default_path()


@gazetteer.command("build")
@_config_option
@_set_option
def gazetteer_build(config: Path | None, overrides: tuple[str, ...]) -> None:
    """Build (or rebuild) the index from the installed packages. Places imported from GeoNames
    dumps are kept. Coding builds it on first use; this only does it ahead of time."""
    from newsevents.geo.build import build

    _settings, path = _gazetteer_path(config, overrides)
    build(path, progress=True)
    click.echo(f"built {path}")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_config_option
@_set_option
def gazetteer_import(dump: Path, config: Path | None, overrides: tuple[str, ...]) -> None:
    """Add the towns and villages of a GeoNames dump (allCountries.zip, citiesNNN.zip, a
    country's XX.zip, or the .txt inside one) to the index. They are matched whatever their
    population. A line that cannot be read is reported and skipped; the exit code is then 1."""
    import sqlite3

    from newsevents.geo.build import DumpError, import_geonames
    from newsevents.geo.gazetteer import Gazetteer, GazetteerError

    settings, path = _gazetteer_path(config, overrides)
    try:
        Gazetteer(settings.min_city_population, path).close()  # builds it if needed
        db = sqlite3.connect(path)
        try:
            report = import_geonames(db, dump, lambda line: click.echo(f"error: {line}", err=True))
        finally:
            db.close()
    except (DumpError, GazetteerError, sqlite3.Error, OSError, UnicodeDecodeError) as e:
        raise click.ClickException(f"{dump}: {e}") from e
    click.echo(
        f"imported {report.places} places from {dump} into {path} "
        f"({report.skipped} rows that are not populated places skipped)"
    )
    if report.errors:
        click.echo(f"{report.errors} line(s) could not be read", err=True)
        sys.exit(1)


@gazetteer.command("lookup")
@click.argument("name")
@_config_option
@_set_option
def gazetteer_lookup(name: str, config: Path | None, overrides: tuple[str, ...]) -> None:
    """Every place called NAME, as the coder ranks them before reading the report."""
    from newsevents.geo.gazetteer import Gazetteer, GazetteerError

    settings, path = _gazetteer_path(config, overrides)
    try:
        places = Gazetteer(settings.min_city_population, path).lookup(name)
    except GazetteerError as e:
        raise click.ClickException(str(e)) from e
    if not places:
        click.echo(f"no place called {name!r}", err=True)
        sys.exit(1)
    for p in places:
        within = ", ".join(x for x in (p.admin2 if p.level == "town" else None, p.admin1) if x)
        where = f"{within}, {p.country}" if within and p.level != "country" else p.country
        click.echo(
            f"{p.geonames_id}\t{p.level}\t{p.name}\t{where}\t"
            f"{p.latitude},{p.longitude}\tpopulation {p.population}"
        )


_db_option = click.option(
    "--db",
    default="newsevents.db",
    show_default=True,
    metavar="URL",
    help="The store: a SQLite file, or a URL such as postgresql://user@127.0.0.1/newsevents.",
)


def _open_store(db: str, existing: bool = False) -> Store:
    """The store at db; with `existing`, a SQLite file that is not there is an error rather
    than a new, empty store."""
    from newsevents.store import Store, StoreError, database_url, masked_url, sqlite_file

    scheme = db.split("://", 1)[0].split("+", 1)[0].lower() if "://" in db else "sqlite"
    if scheme not in ("sqlite", "postgresql"):
        raise click.ClickException(
            f"cannot open the store {masked_url(db)}: {scheme!r} is not a database newsevents "
            "stores in; give a SQLite file (news.db, sqlite:///news.db) or a PostgreSQL URL "
            "(postgresql://user@host/db)"
        )
    path = sqlite_file(database_url(db))
    if existing and path and path != ":memory:" and not Path(path).exists():
        raise click.ClickException(f"no store at {masked_url(db)}: run `newsevents ingest` first")
    try:
        return Store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@_input_option
@_db_option
@_published_option
@_config_option
@_set_option
@_jobs_option
@click.option(
    "--events-parquet",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR",
    help="Store the reports and events `newsevents batch` coded into DIR, without coding "
    "them again; they are linked here.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warnings on stderr.")
def ingest(
    paths: tuple[str, ...],
    inputs: tuple[str, ...],
    db: str,
    published: date | None,
    config: Path | None,
    overrides: tuple[str, ...],
    jobs: int | None,
    events_parquet: Path | None,
    quiet: bool,
) -> None:
    """Code reports, store them and link them into incidents.

    A report already stored (the same content) is skipped, so running it again after an
    interruption takes up where it stopped. A report that cannot be read is stored with its
    reason and reported on stderr, the rest go on, and the exit code is 1. A path that is an
    http(s) URL is fetched, as `watch` fetches (robots.txt honoured); its doc_id is the URL.
    """
    from newsevents.ingest.fetch import read_inputs_with_urls
    from newsevents.store.ingest import ingest as run_ingest

    if events_parquet is not None:
        if paths or inputs:
            raise click.UsageError("give reports to code, or --events-parquet DIR, not both")
        _ingest_coded(events_parquet, db, quiet)
        return
    if not paths and not inputs:
        raise click.UsageError("give a FILE, a DIR, - (stdin) or --input FILE.jsonl")
    try:
        settings = Settings.load(config, overrides=overrides)
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    store = _open_store(db)
    loaded = read_inputs_with_urls(  # a path that is an http(s) URL is fetched
        paths,
        inputs,
        max_bytes=int(settings.max_report_mb * 1024 * 1024),
        published=published,
        log=None if quiet else lambda line: tqdm.write(f"warning: {line}", file=sys.stderr),
    )
    progress = tqdm(
        total=_count_reports(paths, inputs),
        unit="report",
        file=sys.stderr,
        disable=quiet or None,
        dynamic_ncols=True,
        leave=False,
    )

    def note(item: Loaded, outcome: str) -> None:
        if outcome in ("failed", "skipped"):
            progress.write(f"error: {item.error}", file=sys.stderr)
        elif outcome != "unchanged" and not quiet:
            warnings = item.article.warnings if item.article is not None else item.warnings
            for w in warnings:
                progress.write(f"warning: {w}", file=sys.stderr)
        progress.update(1)

    workers = _workers(settings, jobs)
    try:
        report = run_ingest(
            store, loaded, LazyExtractor(settings), settings.batch_size, note, workers
        )
    except NewsEventsError as e:  # a worker could not load the model or the gazetteer
        raise click.ClickException(str(e)) from e
    finally:
        progress.close()
        if workers is not None:
            workers.close()
    counts = store.counts()
    store.close()
    click.echo(
        f"{report.summary()} {store.display_url} holds {counted(counts['incidents'], 'incident')} "
        f"from {counted(counts['events'], 'event')} in {counted(counts['reports'], 'report')} "
        f"({counted(counts['stories'], 'story', 'stories')}).",
        err=True,
    )
    _nothing_read(report.total, report.stored + report.unchanged, paths, inputs)
    if report.failed or report.skipped:
        sys.exit(1)


def _ingest_coded(folder: Path, db: str, quiet: bool) -> None:
    """Store what `newsevents batch` coded into folder (reports with their events), report
    by report, linking each as `ingest` does."""
    from newsevents.batch import BatchError, stored_reports
    from newsevents.store import StoreError

    store = _open_store(db)
    outcomes: dict[str, int] = {}
    try:
        for doc, records in stored_reports(folder.expanduser()):
            if doc.status != "coded" and not quiet:
                click.echo(f"error: {doc.error}", err=True)
            try:
                outcome = store.add(doc, records) if doc.status == "coded" else "failed"
                if doc.status != "coded":
                    store.add(doc)
            except StoreError as e:
                click.echo(f"error: cannot store {doc.source}: {e}", err=True)
                outcome = "failed"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    except BatchError as e:
        raise click.ClickException(str(e)) from e
    counts = store.counts()
    store.close()
    n = sum(outcomes.values())
    click.echo(
        f"{counted(n, 'report')} from {folder}: "
        + ", ".join(f"{v} {k}" for k, v in sorted(outcomes.items()))
        + f". {store.display_url} holds {counted(counts['incidents'], 'incident')} from "
        f"{counted(counts['events'], 'event')} in {counted(counts['reports'], 'report')}.",
        err=True,
    )
    if outcomes.get("failed"):
        sys.exit(1)


@main.command()
@_db_option
def relink(db: str) -> None:
    """Cluster the stored events into incidents and stories again, without coding anything
    again: after an upgrade of the linker, or to give the store the incidents that do not
    depend on the order its reports were ingested in (reports linked by publication date,
    then doc_id). One transaction: an interrupted relink leaves the store as it was."""
    store = _open_store(db, existing=True)
    try:
        counts = store.relink()
    finally:
        store.close()
    click.echo(
        f"relinked {counted(counts['events'], 'event')} of "
        f"{counted(counts['reports'], 'report')} into "
        f"{counted(counts['incidents'], 'incident')} "
        f"({counted(counts['stories'], 'story', 'stories')}) in {store.display_url}.",
        err=True,
    )


def _filters(chosen: dict[str, Any]) -> Filters:
    """The Filters of the options _filter_options added; a bad one is a usage error."""
    from newsevents.store import FilterError, Filters

    try:
        return Filters(**chosen)
    except FilterError as e:
        raise click.BadParameter(str(e)) from e


def _bbox(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    from newsevents.store import FilterError, Filters, parse_bbox

    try:
        bbox = parse_bbox(value)
        Filters(bbox=bbox)  # its numbers checked here, so that the error names --bbox
    except FilterError as e:
        raise click.BadParameter(str(e)) from e
    return bbox


def _filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """What `events` and `export` select: the filters of the API's /api/incidents."""
    options = [
        click.option(
            "--from", "date_from", callback=_published, metavar="DATE", help="On or after DATE."
        ),
        click.option(
            "--to", "date_to", callback=_published, metavar="DATE", help="On or before DATE."
        ),
        click.option("--country", help="Country name or ISO3 code."),
        click.option("--admin1", help="First-order division (state, province, region)."),
        click.option(
            "--type", "event_type", help="Event type or sub-event type, as ACLED writes it."
        ),
        click.option("--actor", help="Part of an actor's name."),
        click.option(
            "--min-fatalities",
            type=click.IntRange(min=0, max=FILTER_INT_MAX),
            help="At least this many killed.",
        ),
        click.option(
            "--search",
            "text",
            help="Words that must all occur in the notes, places, actors, titles or quotes.",
        ),
        click.option(
            "--bbox",
            callback=_bbox,
            metavar="W,S,E,N",
            help="Inside this box (degrees west,south,east,north; west > east crosses the "
            "antimeridian).",
        ),
        click.option(
            "--status",
            type=click.Choice(STATUSES),
            help="As coded by the machine, reviewed (accepted or edited) by an analyst, or "
            "rejected by one.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@_db_option
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "json", "geojson")),
    default="table",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
def events(db: str, fmt: str, output: str | None, **chosen: Any) -> None:
    """The incidents in the store, filtered; one row per real-world event."""
    from newsevents.store import StoreError
    from newsevents.store.export import export, table

    filters = _filters(chosen)
    store = _open_store(db, existing=True)
    try:
        records = store.incidents(filters)
        if fmt == "table":
            _write_text(table(records), output)
        elif fmt == "json":
            import json

            text = json.dumps(list(records), ensure_ascii=False, indent=1, default=str)
            _write_text(text + "\n", output)
        else:
            export(records, "acled-csv" if fmt == "csv" else fmt, _expand(output))
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror or e}") from e
    finally:
        store.close()


@main.command("show")
@click.argument("ident", metavar="INCIDENT|EVENT")
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="json: one object with incident, event (for an event id), sources, figures, "
    "evidence, story and story_incidents.",
)
def show_command(ident: str, db: str, fmt: str) -> None:
    """One incident as an analyst reads it: its coded fields, each source, each figure with
    its claimant and quote, each evidence quote in the words around it in its report, and
    its story with the story's other incidents. INCIDENT is an incident id (ni-...); EVENT
    is the id of one report's event (ne-...), shown as the coder wrote it, with its report,
    then with the incident it belongs to."""
    import sqlalchemy as sa

    from newsevents.output import printable
    from newsevents.store.safety import driver_reason
    from newsevents.store.show import as_json, show, table

    store = _open_store(db, existing=True)
    try:
        shown = show(store, ident)
    except sa.exc.SQLAlchemyError as e:
        raise click.ClickException(
            f"cannot read the store {store.display_url}: {driver_reason(e, store.url, db)}"
        ) from e
    finally:
        store.close()
    if shown is None:
        click.echo(
            f"error: no incident or event {printable(ident)} in {store.display_url}", err=True
        )
        sys.exit(1)
    click.echo(as_json(shown) if fmt == "json" else table(shown), nl=False)


def _expand(path: str | None) -> str | None:
    return str(Path(path).expanduser()) if path and path != "-" else path


def _write_text(text: str, output: str | None) -> None:
    if output:
        Path(output).expanduser().write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command("export")
@_db_option
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="acled-csv: ACLED's columns in ACLED's order, ours after; jsonl: one incident per "
    "line with its sources; geojson: points; parquet: the acled-csv columns and JSON columns.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Default: incidents.csv, incidents.jsonl, incidents.geojson or incidents.parquet.",
)
def export_command(db: str, fmt: str, output: str | None, **chosen: Any) -> None:
    """The store's incidents (all of them, or those the filters select), in a format for
    other tools."""
    from newsevents.store.export import SUFFIX, export

    filters = _filters(chosen)
    store = _open_store(db, existing=True)
    target = output or f"incidents{SUFFIX[fmt]}"
    try:
        n = export(store.incidents(filters), fmt, _expand(target))
    except OSError as e:
        raise click.ClickException(f"cannot write {target}: {e.strerror or e}") from e
    except ValueError as e:
        raise click.ClickException(f"cannot write {target}: {e}") from e
    finally:
        store.close()
    if target != "-":
        click.echo(f"wrote {counted(n, 'incident')} to {target}", err=True)


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port."
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bearer token writes need; made at the first start, readable by its owner only. "
    "Default: token in newsevents' user config folder.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (each with its own connections to the store): more answer more "
    "requests at once where cores are free.",
)
def serve(db: str, host: str, port: int, token_file: Path | None, workers: int) -> None:
    """The analyst's desk: the map, timeline, table and incident pages at http://HOST:PORT/,
    the JSON API under /api (described at /openapi.json, read at /docs), and review (accept,
    reject, edit, merge, split), which needs the bearer token in the token file."""
    import getpass
    import logging

    import uvicorn

    from newsevents.web.app import create_app
    from newsevents.web.token import TokenError, default_path, load_or_create

    path = (token_file or default_path()).expanduser()
    try:
        token, created = load_or_create(path)
    except TokenError as e:
        raise click.ClickException(str(e)) from e
    store = _open_store(db, existing=True)
    if created:
        click.echo(
            f"made a new bearer token for reviews in {path} (only you can read it)", err=True
        )
    else:
        click.echo(f"reviews need the bearer token in {path}", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}, not only on this machine (127.0.0.1): anyone who can "
            "reach it reads every report in the store; writes still need the token",
            err=True,
        )
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(
        f"serving {store.display_url} at http://{shown_host}:{port}/ (Ctrl-C stops)", err=True
    )
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if workers > 1:
        # Each worker process makes its app from these (the token is read from its file).
        store.close()
        os.environ.update(
            {
                "NEWSEVENTS_SERVE_DB": db,
                "NEWSEVENTS_SERVE_TOKEN_FILE": str(path),
                "NEWSEVENTS_SERVE_REVIEWER": getpass.getuser(),
            }
        )
        uvicorn.run(
            "newsevents.web.app:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
        return
    try:
        uvicorn.run(
            create_app(store, token, reviewer=getpass.getuser()),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
    finally:
        store.close()


class _DefaultCommand(click.Group):
    """A group whose first argument, when it names none of its commands, goes to `default`:
    `newsevents batch INPUT` is `newsevents batch extract INPUT`."""

    default = "extract"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default, *args]
        return super().parse_args(ctx, args)


_master_option = click.option(
    "--master",
    metavar="URL",
    help="Spark's master: local[N] (N cores of this machine), spark://host:7077, yarn. "
    "Default: local[*] here, or what spark-submit gives.",
)


@main.group(cls=_DefaultCommand)
def batch() -> None:
    """The coder and the linker on Apache Spark, for archives: `newsevents batch INPUT...
    --output DIR` codes into DIR/events (Parquet by event month, the columns of `export
    --format parquet`) and DIR/reports; `newsevents batch link DIR` links DIR's events into
    DIR/incidents and DIR/links; `newsevents ingest --events-parquet DIR` stores them."""


@batch.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write events/ and reports/ into (replaced if there).",
)
@_master_option
@_published_option
@click.option(
    "--task-rows",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="JSONL lines or single reports in one Spark task.",
)
@_config_option
@_set_option
@click.option("--quiet", "-q", is_flag=True, help="No errors listed on stderr, only counted.")
def batch_extract(
    inputs: tuple[str, ...],
    output: Path,
    master: str | None,
    published: date | None,
    task_rows: int,
    config: Path | None,
    overrides: tuple[str, ...],
    quiet: bool,
) -> None:
    """Code INPUT (files, folders, globs of JSONL, compressed JSONL, WARC, Parquet, HTML and
    text) on Spark, each executor process with one coder, into --output."""
    from newsevents.batch import BatchError, plan, run_extract, spark_session

    try:
        settings = Settings.load(config, overrides=overrides)
        tasks = plan(inputs, task_rows)  # inputs that name nothing fail before Spark starts
        if not tasks:
            raise BatchError("the inputs hold no reports")
        spark = spark_session(master or "local[*]")
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    try:
        summary = run_extract(
            spark, inputs, output.expanduser(), settings, published, task_rows, tasks
        )
    except BatchError as e:
        raise click.ClickException(str(e)) from e
    finally:
        spark.stop()
    if not quiet:
        for where, error in summary.errors or ():
            click.echo(f"error: {error or where}", err=True)
    click.echo(
        f"{counted(summary.reports, 'report')}: {summary.coded} coded, {summary.failed} failed; "
        f"{counted(summary.events, 'event')} in {output}/events",
        err=True,
    )
    if summary.failed:
        sys.exit(1)


@batch.command("link")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@_master_option
def batch_link(folder: Path, master: str | None) -> None:
    """Link FOLDER/events (from `newsevents batch`) into incidents on Spark: blocked by
    country, each country's events linked in publication order with the store's linker.
    Writes FOLDER/incidents (the columns of `export --format parquet`) and FOLDER/links."""
    from newsevents.batch import BatchError, run_link, spark_session

    try:
        spark = spark_session(master or "local[*]")
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    try:
        summary = run_link(spark, folder.expanduser())
    except BatchError as e:
        raise click.ClickException(str(e)) from e
    finally:
        spark.stop()
    click.echo(
        f"{counted(summary.events, 'event')} linked into "
        f"{counted(summary.incidents, 'incident')} in {folder}/incidents",
        err=True,
    )


@main.command("eval")
@click.argument("golds", nargs=-1, required=True, metavar="GOLD.jsonl...", type=Path)
@click.option(
    "--predictions",
    type=Path,
    metavar="PREDS.jsonl",
    help="Score these predictions (`extract`'s JSONL output) instead of coding the reports.",
)
@click.option(
    "--clusters",
    type=Path,
    metavar="INCIDENTS.jsonl",
    help="Also score cross-report merging: incidents with their sources (`export --format "
    "jsonl`) against the gold incident ids, pairwise.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    help="table: a block per dataset, each figure with its n, as score.py prints them; json: "
    '{"datasets": {NAME: {FIGURE: {"value", "n"}}}, ...}. Default: json for an --output '
    "ending in .json, else table.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@_jobs_option
@_config_option
@_set_option
def eval_command(
    golds: tuple[Path, ...],
    predictions: Path | None,
    clusters: Path | None,
    fmt: str | None,
    output: str | None,
    jobs: int | None,
    config: Path | None,
    overrides: tuple[str, ...],
) -> None:
    """Score the coder on annotated reports: GOLD.jsonl lines {"doc_id", "dataset", "text",
    "gold"} in the formats of shared/eval (gva, acled, case, seed, and wire_* for reports
    coded whole), with the figures of shared/eval/score.py. The reports are coded as
    `extract --input` codes them, unless --predictions gives the coded events.

    A gold line that cannot be read is one line on stderr with its file and line, the rest
    are scored, and the exit code is 1; so it is for a report that cannot be coded (scored
    as score.py scores extract's output for it) and for a gold file with no scorable reports.
    """
    import json

    from newsevents.errors import InputError
    from newsevents.evaluate import (
        Event,
        GoldReport,
        as_json,
        by_doc_id,
        read_gold,
        read_incidents,
        read_predictions,
        score,
        score_clusters,
        table,
    )
    from newsevents.ingest.archives import archive_kind
    from newsevents.output import printable

    problems = 0

    def problem(line: str, progress: tqdm[Any] | None = None) -> None:
        nonlocal problems
        problems += 1
        if progress is not None:
            progress.write(f"error: {printable(line)}", file=sys.stderr)
        else:
            click.echo(f"error: {printable(line)}", err=True)

    try:
        settings = Settings.load(config, overrides=overrides)
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    fmt = fmt or ("json" if output and output.lower().endswith(".json") else "table")

    files: list[tuple[Path, list[GoldReport | InputError]]] = []
    for path in golds:
        if archive_kind(path):
            problem(f"cannot read {path}: a gold file is plain JSONL, as score.py reads it")
            continue
        try:
            entries = list(read_gold(path))
        except InputError as e:
            problem(str(e))
            continue
        for entry in entries:
            if isinstance(entry, InputError):
                problem(str(entry))
        if not any(isinstance(entry, GoldReport) for entry in entries):
            problem(f"{path} holds no scorable reports")
            continue
        files.append((path, entries))
    reports = [entry for _, entries in files for entry in entries if isinstance(entry, GoldReport)]
    if not reports:
        sys.exit(1)

    coded: dict[str, list[Event]] = {}
    incidents: list[dict[str, object]] = []
    try:
        for line in read_predictions(predictions) if predictions is not None else ():
            if isinstance(line, InputError):
                problem(str(line))
            else:
                coded[line[0]] = line[1]  # the last line of a doc_id, as score.py reads it
        for incident in read_incidents(clusters) if clusters is not None else ():
            if isinstance(incident, InputError):
                problem(str(incident))
            else:
                incidents.append(incident)
    except InputError as e:
        raise click.ClickException(str(e)) from e

    def code_gold() -> list[tuple[GoldReport, list[Event] | None]]:
        """Code the gold files' reports as `extract --input` does: each gold report with its
        events; a report that cannot be read or coded is a problem."""
        entries = [entry for _, found in files for entry in found]
        loaded = read_inputs(
            (), [str(path) for path, _ in files], max_bytes=int(settings.max_report_mb * 2**20)
        )
        workers = _workers(settings, jobs)
        pairs: list[tuple[GoldReport, list[Event] | None]] = []
        progress = tqdm(
            total=len(entries),
            unit="report",
            file=sys.stderr,
            disable=None,  # shown on a terminal only
            dynamic_ncols=True,
            leave=False,
        )
        try:
            # One result per non-blank line of each file, in order, as there is one entry.
            results = code_all(loaded, LazyExtractor(settings), settings.batch_size, workers)
            for entry, result in zip(entries, results, strict=True):
                progress.update(1)
                if not isinstance(entry, GoldReport):
                    continue
                if result.error:
                    problem(result.error, progress)
                # As score.py reads extract's output: a report extract cannot name (no
                # doc_id) has no prediction; one it names but cannot code, no events.
                pairs.append((entry, result.events if result.doc_id is not None else None))
        except NewsEventsError as e:  # a worker could not load the model or the gazetteer
            raise click.ClickException(str(e)) from e
        finally:
            progress.close()
            if workers is not None:
                workers.close()
        return pairs

    stream: TextIO = _open_output(output) if output else sys.stdout
    try:
        pairs = list(by_doc_id(reports, coded)) if predictions is not None else code_gold()
        card = score(pairs)
        for error in card.errors:
            problem(error)
        merging = score_clusters(incidents, reports) if clusters is not None else None
        if fmt == "json":
            stream.write(json.dumps(as_json(card, merging), ensure_ascii=False, indent=1) + "\n")
        else:
            stream.write(table(card, merging))
        stream.flush()
    finally:
        if output:
            stream.close()
    missing = f", {card.missing} with no prediction line" if card.missing else ""
    click.echo(
        f"{counted(card.scored, 'report')} scored in {counted(len(card.datasets), 'dataset')}"
        f"{missing}.",
        err=True,
    )
    if not card.scored and predictions is not None:
        problem(f"no gold report has a line in {predictions}")
    if problems:
        sys.exit(1)


@main.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_db_option
@click.option(
    "--every",
    default="5m",
    show_default=True,
    metavar="INTERVAL",
    help="How often the sources are polled, start to start: 30s, 5m, 1h.",
)
@click.option("--once", is_flag=True, help="Poll each source once and exit (cron, tests).")
@click.option(
    "--delay",
    type=click.FloatRange(0, 3600),
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    help="The least time between two requests to one host (one request at a time per host).",
)
@click.option(
    "--tries",
    type=click.IntRange(1, 10),
    default=3,
    show_default=True,
    help="Attempts at a request that fails on the way or with 5xx or 429.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(0, 600),
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    help="The wait before the first retry, doubled for each one after.",
)
@_published_option
@_config_option
@_set_option
@click.option("--quiet", "-q", is_flag=True, help="Only errors and --once's summary on stderr.")
def watch(
    sources: tuple[str, ...],
    db: str,
    every: str,
    once: bool,
    delay: float,
    tries: int,
    backoff: float,
    published: date | None,
    config: Path | None,
    overrides: tuple[str, ...],
    quiet: bool,
) -> None:
    """Poll RSS and Atom feeds, page URLs and folders; code, store and link each new report.

    A feed's entries are fetched one at a time (robots.txt honoured, --delay between two
    requests to one host); a folder's new and changed files are read. A URL read before (in
    this run, or stored as a report) is not fetched again; a report already stored (the same
    content) is not stored again. A source that fails is one line per poll and the others go
    on. Ctrl-C stops after the report in progress. With --once the exit code is 1 when a
    source or a report failed.
    """
    import signal
    import threading

    from newsevents.ingest.fetch import Fetcher, FetchPolicy
    from newsevents.watch import Watcher, parse_every, parse_source

    try:
        interval = parse_every(every)
    except NewsEventsError as e:
        raise click.BadParameter(str(e), param_hint="--every") from e
    try:
        parsed = [parse_source(s) for s in sources]
    except NewsEventsError as e:
        raise click.BadParameter(str(e), param_hint="SOURCE") from e
    try:
        settings = Settings.load(config, overrides=overrides)
    except NewsEventsError as e:
        raise click.ClickException(str(e)) from e
    max_bytes = int(settings.max_report_mb * 1024 * 1024)
    store = _open_store(db)
    stop = threading.Event()

    def log(line: str) -> None:
        click.echo(line, err=True)

    policy = FetchPolicy(delay=delay, tries=tries, backoff=backoff, max_bytes=max_bytes)
    fetcher = Fetcher(
        policy, log=None if quiet else lambda line: log(f"warning: {line}"), stop=stop
    )
    coder = LazyExtractor(settings)
    watcher = Watcher(
        store,
        coder,
        parsed,
        fetcher,
        max_bytes=max_bytes,
        published=published,
        log=log,
        quiet=quiet,
    )

    def interrupted(_signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        log("stopping after the report in progress (Ctrl-C again stops at once)")

    signals = (signal.SIGINT, signal.SIGTERM)
    main_thread = threading.current_thread() is threading.main_thread()
    handlers = {sig: signal.getsignal(sig) for sig in signals} if main_thread else {}
    for sig in handlers:
        signal.signal(sig, interrupted)
    try:
        if not once:
            coder.get()  # the model loads now: a missing one fails here, not at the first report
        if not once and not quiet:
            log(
                f"watching {counted(len(parsed), 'source')} every {every} into "
                f"{store.display_url} (Ctrl-C stops)"
            )
        total = watcher.run(interval, once=once)
        if not once and not quiet:
            log(watcher.summary(total, "stopped; in all"))
    except KeyboardInterrupt:
        log("stopped at once")
        sys.exit(130)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        fetcher.close()
        store.close()
    if once and (total.errors or total.ingest.failed):
        sys.exit(1)
