"""What a figure kind is: one `FigureKind` object per kind, holding everything the site asks of that kind.

In: a spec class and the kind's functions. Out: the object `registry.py` lists. Each kind's module (under
`generators/figures/kinds/`) builds one; nothing outside it decides what the kind draws or shows.

`events(store, spec)` is the one answer to "which events does this figure draw": the builder draws
exactly them, and the cache key, sources line, description, CSV, entity pages' "in figures" lists,
the diff and the figure's history versions all read it. The defaults serve kinds that draw a selection
of events; a kind gives only what differs. Importing a kind imports neither plotly nor pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generators.figures.describing import Details, describe_events, no_details
from generators.figures.frames import events_frame
from generators.figures.text import source_line
from generators.model.events import Event
from generators.model.references import Ref, references_of
from generators.model.store import Store

if TYPE_CHECKING:
    import pandas as pd

    from generators.errors import DataError, Locator

Events = Callable[[Store, Any], list[Event]]
Checks = Callable[[Store, "Locator", Any], list["DataError"]]


def selected(store: Store, spec: Any) -> list[Event]:
    """The spec's selection, cut to its `window` when it has one (an event is drawn when its date overlaps it)."""
    events = store.select(spec.subject, spec.select)
    if spec.window is not None:
        start, end = spec.window.start, spec.window.end
        events = [e for e in events if e.date.end >= start and e.date.start <= end]
    return events


def releases_selected(store: Store, spec: Any) -> list[Event]:
    """The releases of the selection: what kinds that draw releases draw (a tag may also select other events)."""
    return [e for e in selected(store, spec) if e.release]


def on_lanes(store: Store, spec: Any) -> list[Event]:
    """The selection (in its window) on a stacked figure's lanes; every axis has a lane unless `options.lanes` names some.

    Here, beside the other answers, rather than in the kind's module: the layout asks it too, and the kind imports the layout."""
    lanes = spec.options.lanes
    return [e for e in selected(store, spec) if e.axis in lanes] if lanes else selected(store, spec)


def _no_checks(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    return []


def _no_sources(store: Store, spec: Any) -> list[str]:
    return []


def _nothing_more(store: Store, spec: Any) -> set[Ref]:
    return set()


def shown_by(events: Iterable[Event]) -> set[Ref]:
    """(section, id) of the events and of every record they show: sources, licences, people, units (model/references.py)."""
    out: set[Ref] = set()
    for event in events:
        out.add(("events", event.id))
        out |= references_of(event, shown_only=True)
    return out


@dataclass(frozen=True)
class FigureKind:
    """One figure kind. `spec` is its pydantic spec class (its `kind` literal names the kind); `build(store,
    spec, width)` draws it, pure and without I/O."""

    spec: type[Any]
    build: Callable[[Store, Any, int], Any]
    events: Events = selected
    # What it draws, for "selects no ... of subject X": `release` (releases only), `event`, `move between two labs`.
    draws: str = "event"
    # False for a kind that does not draw its `select` (a posture matrix draws rows): its selection is not checked.
    selects: bool = True
    time_axis: bool = True
    # Where a subject's generated page places it among figures without an `order`: smallest first.
    page_rank: int = 100
    # A whole description in place of the shared one, or (`details`) the kind's clauses added to the shared one.
    describe: Callable[[Store, Any], str] | None = None
    details: Details = no_details
    # The rows of its CSV when they are not the events it draws (a posture matrix tabulates its rows).
    frame: Callable[[Store, Any], pd.DataFrame] | None = None
    # Source ids it cites beyond its events' (a posture matrix cites its rows' sources).
    cites: Callable[[Store, Any], list[str]] = _no_sources
    # Checks of a spec against the store that only this kind needs (lanes that drop events, matrix rows).
    checks: Checks = _no_checks
    # Records it shows beyond its events, what they name and what its options name (a posture matrix's rows).
    shows: Callable[[Store, Any], set[Ref]] = _nothing_more

    @property
    def name(self) -> str:
        return str(self.spec.model_fields["kind"].annotation.__args__[0])

    def description(self, store: Store, spec: Any) -> str:
        """One or two plain sentences saying what the figure shows, from the data it draws."""
        if self.describe is not None:
            return self.describe(store, spec)
        return describe_events(store, spec, self.events(store, spec), self.details)

    def table(self, store: Store, spec: Any) -> pd.DataFrame:
        """The rows the figure draws, in the order it draws them: its CSV."""
        if self.frame is not None:
            return self.frame(store, spec)
        return events_frame(store, self.events(store, spec), in_order=True)

    def references(self, store: Store, spec: Any) -> set[Ref]:
        """(section, id) of every record the figure draws or names: what the diff and the figure's history watch."""
        return shown_by(self.events(store, spec)) | references_of(spec.options, shown_only=True) | self.shows(store, spec)

    def sources(self, store: Store, spec: Any) -> str:
        """The source line: the outlets of what it draws, each once."""
        return source_line(store, self.events(store, spec), self.cites(store, spec))
