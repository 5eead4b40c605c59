"""The command line: `newsevents extract ...`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click
from tqdm import tqdm

from newsevents import __version__
from newsevents.errors import NewsEventsError
from newsevents.ingest import Loaded, read_inputs
from newsevents.model import Article
from newsevents.output import FORMATS, Result, Writer
from newsevents.settings import Settings

if TYPE_CHECKING:
    from newsevents.extract import Extractor


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date like 2016-06-10") from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """Code news reports of political violence and protest into ACLED-style events."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help='JSONL file of reports, one per line: {"doc_id", "text" or "html", "title", '
    '"published", "url", "outlet"}.',
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output.",
)
@click.option(
    "--published",
    callback=_published,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) for reports that give none of their own.",
)
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
    help="Override one setting (model, batch_size, max_report_mb, min_city_population).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warnings on stderr.")
def extract(
    paths: tuple[str, ...],
    inputs: tuple[str, ...],
    output: str | None,
    published: date | None,
    fmt: str | None,
    config: Path | None,
    overrides: tuple[str, ...],
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
    stream: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    writer = Writer(fmt, stream)
    failures = 0
    try:
        progress = tqdm(
            total=total,
            unit="report",
            file=sys.stderr,
            disable=quiet or None,
            dynamic_ncols=True,
            leave=False,
        )
        for result in code_all(loaded, extractor, settings.batch_size):
            if result.error:
                failures += 1
                click.echo(f"error: {result.error}", err=True)
            elif not quiet:
                for w in result.warnings:
                    progress.write(f"warning: {w}", file=sys.stderr)
            writer.write(result)
            progress.update(1)
        progress.close()
        writer.close()
    finally:
        if output:
            stream.close()
    if failures:
        click.echo(f"{failures} report(s) could not be read; the others were coded", err=True)
        sys.exit(1)


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
    loaded: Iterable[Loaded], extractor: LazyExtractor | Extractor, batch_size: int
) -> Iterator[Result]:
    """Results in input order; reports that loaded are coded in batches."""
    pending: list[Loaded] = []

    def flush() -> Iterator[Result]:
        articles = [p.article for p in pending if p.article is not None]
        if not articles:
            coded: Iterator[Article] = iter(())
        else:
            engine = extractor.get() if isinstance(extractor, LazyExtractor) else extractor
            coded = iter(engine.code_many(articles))
        for p in pending:
            if p.article is None:
                yield Result(p.doc_id, p.source, error=p.error, warnings=list(p.warnings))
                continue
            a = next(coded)
            yield Result(
                a.doc_id, p.source, [e.as_dict() for e in a.events], warnings=list(a.warnings)
            )

    for item in loaded:
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
            pending = []
    if pending:
        yield from flush()


def _format_for(output: str | None) -> str:
    if output:
        suffix = Path(output).suffix.lower()
        return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}.get(
            suffix, "jsonl"
        )
    return "table" if sys.stdout.isatty() else "jsonl"


def _count_reports(paths: tuple[str, ...], inputs: tuple[str, ...]) -> int | None:
    total = 0
    for raw in [*paths, *inputs]:
        p = Path(raw)
        if raw == "-":
            return None
        if p.is_dir():
            total += sum(
                1
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in (".html", ".htm", ".txt", ".text")
            )
            total += sum(_lines(f) for f in p.rglob("*.jsonl"))
        elif p.suffix.lower() in (".jsonl", ".ndjson") or raw in inputs:
            total += _lines(p)
        else:
            total += 1
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
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override one setting."
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
    build(path)
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
