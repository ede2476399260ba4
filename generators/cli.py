"""The command line: each command parses options, calls one plain function, and turns DataErrors into exit 1.

Exit codes: 0 success, 1 invalid data or failed build, 2 usage error (click's own).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TypeVar

import click

from generators.errors import DataErrors
from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES, load_store

T = TypeVar("T")


def report_errors(action: Callable[[], T]) -> T:
    """Run `action`; print data errors as `file:line:col: path: message` and exit 1 instead of a traceback."""
    try:
        return action()
    except DataErrors as exc:
        click.echo(exc.report(), err=True)
        count = len(exc.errors)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", err=True)
        sys.exit(1)


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
def validate(events_path: Path, figures_path: Path, strict: bool) -> None:
    """Check the data files and print every problem as file:line:col: field: message."""
    store, warnings = report_errors(lambda: load_store(events_path, figures_path, strict=strict))
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(f"ok: {len(store.events)} events, {len(store.sources)} sources, {len(store.people)} people, "
               f"{len(store.units)} units, {len(store.figures)} figures"
               + (f" ({len(warnings)} warnings)" if warnings else ""))
