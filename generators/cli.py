"""The command line: each command parses options, calls one plain function, and turns DataErrors into exit 1.

Exit codes: 0 success, 1 invalid data, failed build or a file that cannot be read or written,
2 usage error (click's own) or an output folder the command must not write into, 130 interrupted.
`run` is the entry point: it turns Ctrl-C, SIGTERM and I/O errors into one line, never a traceback.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TypeVar

import click

from generators.errors import DataErrors
from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES, load_store
from generators.outputs import TargetRefused
from generators.settings import Limits, Settings, SettingsError

T = TypeVar("T")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every `finally` (a build's staging folder, say) still runs."""


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    raise Terminated()


def run(args: list[str] | None = None) -> NoReturn:
    """The command line as users run it: exit codes as documented above and one line for any failure."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main.main(args=args, prog_name="python -m generators", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort as exc:
        terminated = isinstance(exc.__cause__, Terminated)
        click.echo("terminated" if terminated else "interrupted", err=True)
        code = 143 if terminated else 130
    except KeyboardInterrupt:  # one arriving while the above is reported
        click.echo("interrupted", err=True)
        code = 130
    except OSError as exc:
        click.echo(f"error: {io_line(exc)}", err=True)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


def io_line(exc: OSError) -> str:
    """`cannot write figures/x.png: No space left on device`: the path and the cause, on one line."""
    name = exc.filename
    if isinstance(name, (str, bytes)) and name:
        return f"{click.format_filename(name)}: {exc.strerror or exc}"
    return exc.strerror or str(exc)


def refuse(exc: TargetRefused) -> NoReturn:
    """An output folder the command must not write into: one line and exit 2, before anything was written."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def settings(**options: Any) -> Settings:
    """The command's settings: its options over the environment's (generators/settings.py); a bad value is a usage error."""
    try:
        return Settings.from_environment(**options)
    except SettingsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def report_errors(action: Callable[[], T]) -> T:
    """Run `action`; print data errors as `file:line:col: path: message` and exit 1 instead of a traceback."""
    try:
        return action()
    except DataErrors as exc:
        click.echo(exc.report(), err=True)
        count = len(exc.errors)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", err=True)
        sys.exit(1)
    except TargetRefused as exc:
        refuse(exc)


events_option = click.option("--events", "events_path", type=click.Path(path_type=Path), default=DEFAULT_EVENTS,
                             show_default=True, help="The event store to read.")
figures_option = click.option("--figures", "figures_path", type=click.Path(path_type=Path), default=DEFAULT_FIGURES,
                              show_default=True, help="The figure specs to read.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Validate the event store and build figures, pages and embeds from it."""


@main.command()
@events_option
@figures_option
@click.option("--strict", is_flag=True, help="Treat warnings (a confirmed event with no primary source, say) as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="github prints each problem as a GitHub Actions annotation (::error file=…,line=…,col=…::) on standard output.")
def validate(events_path: Path, figures_path: Path, strict: bool, fmt: str) -> None:
    """Check the data files and print every problem as file:line:col: field: message."""
    limits = settings().limits
    if fmt == "github":
        _validate_github(events_path, figures_path, strict, limits)
        return
    store, warnings = report_errors(lambda: load_store(events_path, figures_path, strict=strict, limits=limits))
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(f"ok: {len(store.events)} events, {len(store.sources)} sources, {len(store.people)} people, "
               f"{len(store.units)} units, " + (f"{len(store.measurements)} measurements, " if store.measurements else "")
               + f"{len(store.figures)} figures"
               + (f" ({len(warnings)} warnings)" if warnings else ""))


def _validate_github(events_path: Path, figures_path: Path, strict: bool, limits: Limits) -> None:
    """`validate --format github`: every problem as an annotation, then the usual summary; exit 1 on errors."""
    from generators.annotations import annotation

    try:
        store, warnings = load_store(events_path, figures_path, strict=strict, limits=limits)
    except DataErrors as exc:
        for error in exc.errors:
            click.echo(annotation(error))
        count = len(exc.errors)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", err=True)
        sys.exit(1)
    for warning in warnings:
        click.echo(annotation(warning))
    click.echo(f"ok: {len(store.events)} events, {len(store.figures)} figures" + (f" ({len(warnings)} warnings)" if warnings else ""))


@main.command()
@click.option("--config", "config_file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration.")
@click.option("--out", "site_dir", type=click.Path(path_type=Path), default=None,
              help="Where to write the site (default: site_dir of the configuration, `site/`).")
@click.option("--images/--no-images", default=True, show_default=True,
              help="Render static SVG/PNG images with Chromium; --no-images is the fast path while editing.")
def build(config_file: Path, site_dir: Path | None, images: bool) -> None:
    """Validate the data and build the whole site atomically (the old site stays if anything fails)."""
    from generators.errors import BuildError
    from generators.plugin.mkdocs_api import Abort
    from generators.plugin.publish import build_site

    chosen = settings(images=images)
    try:
        report = build_site(config_file, site_dir, images=images, settings=chosen)
    except TargetRefused as exc:
        refuse(exc)
    except Abort as exc:
        click.echo(str(exc), err=True)
        click.echo("build failed; the previous site was left as it was.", err=True)
        sys.exit(1)
    except BuildError as exc:
        click.echo(f"error: {exc}; the previous site was left as it was", err=True)
        sys.exit(1)
    click.echo(f"built {report.files} files into {report.site_dir} in {report.seconds:.1f} s"
               + (f" ({report.images_rendered} images rendered, the rest from cache)" if images else " (no images)"))


@main.command()
@click.option("--config", "config_file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration; the project is the folder it is in.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="IP address and port to serve on.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the site with live reload; saving a file in data/ or content/ rebuilds what changed and updates the open page.

    Runs `mkdocs serve --livereload --dirty`: the plugin rebuilds only pages and files whose content
    changed and swaps the new page into the browser in place (see generators/plugin/serve.py).
    """
    from generators.plugin import mkdocs_api

    settings()  # a bad setting in the environment is a usage error here, before MkDocs starts
    mkdocs_api.quiet_end_of_life_banner()
    mkdocs_api.run_cli(["serve", "--livereload", "--dirty", "--dev-addr", dev_addr, "--config-file", str(config_file)])


@main.command()
@click.option("--out", "directory", type=click.Path(path_type=Path), default=Path("schema"), show_default=True,
              help="Where the schema files live.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a schema file differs from the model (for pre-commit and CI).")
def schema(directory: Path, check: bool) -> None:
    """Write the JSON Schemas editors use to check data/events.yaml and data/figures.yaml as they type."""
    from generators.schema import schema_command

    report_errors(lambda: schema_command(directory, check))


@main.command()
@click.argument("rev")
@events_option
@figures_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown gives headings and tables fit for a pull-request comment.")
@click.option("--images", "images_dir", type=click.Path(path_type=Path), default=None,
              help="Also write before/after PNGs of every touched figure into this directory, with an index.html.")
def diff(rev: str, events_path: Path, figures_path: Path, fmt: str, images_dir: Path | None) -> None:
    """Compare the data at git revision REV (a branch, tag or commit) with the working tree, and name the figures it touches."""
    from generators.diff_report import diff_command

    chosen = settings()
    report_errors(lambda: diff_command(rev, events_path, figures_path, fmt, images_dir, chosen))


@main.command()
@events_option
@click.option("--axis", help="model, org or structure.")
@click.option("--subject", help="Id of the subject, e.g. qwen.")
@click.option("--date", help="2025-09-26, 2026-01, 2025-Q4, early 2026-03, 2025-12..2026-03 ...")
@click.option("--title", help="Short name as a reader would say it.")
@click.option("--source", multiple=True, help="Id of a source in the file (repeat, or separate with commas).")
@click.option("--status", help="confirmed, reported, pending or source-needed (default: from the sources).")
@click.option("--id", "id", help="The event's id (default: a slug of the title).")
@click.option("--family", help="Axis model: the release family, e.g. qwen-omni.")
@click.option("--generation", help="Axis model: the generation as written, e.g. 2.5.")
@click.option("--tier", help="Axis model: base or flagship.")
@click.option("--licence", help="Axis model: id of the licence.")
@click.option("--person", help="Axis org: id of the person who moved.")
@click.option("--unit", help="Axis structure: id of the unit that changed.")
@click.option("--kind", help="Axis org: joined, left, moved, appointed, promoted; axis structure: created, merged, split, ...")
@click.option("--alt", multiple=True, help="Another claim some sources make, as FIELD=VALUE@SOURCE[,SOURCE] "
              "(e.g. date=2025-03-27@paper): a value other than the event's, from sources that report it, "
              "leaving at least one --source for the event's own value; repeat for more.")
@click.option("--credit", multiple=True, help="Axis model: a person or unit behind the release, as ID=ROLE "
              "(e.g. 'lin-junyang=lead author'); repeat for more.")
def new(events_path: Path, **answers: str | tuple[str, ...] | None) -> None:
    """Start an event: ask for axis, subject, date, title and source, check each answer, append it to the events file.

    Every bad option is reported at once; without a terminal, missing options are named instead of asked for.
    An event with the same subject, axis, date and title (or person) as one in the file is refused."""
    from generators.new_event import run_new

    click.echo(report_errors(lambda: run_new(events_path, answers)))
