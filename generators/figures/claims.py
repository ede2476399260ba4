"""What the sources dispute, as every figure kind draws and describes it: events and the store in;
alternative dates, licences and lane notes, status looks, legend entries and sentences out.

One module for all kinds, so that a disputed fact and an event's status look the same in each of
them. Plain data only (no Plotly), because the description is written without drawing anything;
`ghosts.py` turns these records into marks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from generators.model.dates import DateSpec, parse_date
from generators.model.events import Alternative, Event
from generators.model.store import Store

# The modes a reader can choose; the static image always shows `all`.
CLAIM_MODES = ("all", "main", "confirmed")
CLAIM_MODE_LABELS = {"all": "All claims", "main": "Main claims only", "confirmed": "Confirmed only"}

# Status is drawn one way in every kind: filled when confirmed, hollow otherwise, and a short note
# after the label says which of the unconfirmed states it is.
STATUS_NOTE = {"confirmed": "", "reported": " (rep.)", "pending": " (pending)", "source-needed": " (source?)"}
STATUS_KEY = {
    "confirmed": "Filled: confirmed",
    "reported": "Hollow, (rep.): reported by the press only",
    "pending": "Hollow, (pending): awaiting primary confirmation",
    "source-needed": "Hollow, (source?): source needed",
}
SPAN_KEY = "Bar: the span an imprecise date covers"
GHOST_KEY = "Dotted: another reported date"
RING_KEY = "Ring: another reported licence, in its colour"  # short enough for the 320 px plan's key
NOTE_KEY = "or …: another reported role or unit"
LEVEL_KEY = "Dotted: another reported licence, at its posture (a ring when the posture is the same)"
DATE_NOTE_KEY = "or …: another reported date"
# The kinds that draw an imprecise date's span as a bar, and another reported date as a dotted mark.
SPAN_KINDS = ("release-timeline", "stacked-timelines")
GHOST_KINDS = ("release-timeline", "stacked-timelines", "people-moves")
# Alternatives of these fields are written as a note on the event's label in a lane.
NOTE_FIELDS = ("move.role", "move.from", "move.to", "move.person", "change.unit", "change.kind")
NOTE_MAX = 30  # characters of a note's value before it is cut (the hover card and the table keep it whole)

# (one, many) as a sentence names the field: "two dates are reported", "another unit joined is reported".
_NOUNS = {"date": ("date", "dates"), "title": ("name", "names"), "summary": ("account", "accounts"),
          "release.licence": ("licence", "licences"), "release.tier": ("tier", "tiers"), "release.size": ("size", "sizes"),
          "move.kind": ("kind of move", "kinds of move"), "move.from": ("unit left", "units left"), "move.to": ("unit joined", "units joined"),
          "move.role": ("role", "roles"), "move.person": ("person", "people"),
          "change.kind": ("kind of change", "kinds of change"), "change.unit": ("unit", "units")}
_ABBR = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def is_hollow(status: str) -> bool:
    """Every kind draws an event hollow (no fill, no tint) unless it is confirmed."""
    return status != "confirmed"


def status_note(status: str) -> str:
    return STATUS_NOTE.get(status, "")


@dataclass(frozen=True)
class GhostDate:
    """Another date some sources give for an event: where to draw it and what to call it."""

    event: Event
    when: DateSpec
    sources: tuple[str, ...]
    label: str  # short, for the figure: "4 Mar (2 reports)"

    @property
    def at(self) -> date:
        """Where the ghost is drawn: the day, or the middle of the interval an imprecise date covers."""
        return self.when.start if self.when.exact else self.when.midpoint


def reports(n: int) -> str:
    return f"{n} report" if n == 1 else f"{n} reports"


def short_date(when: DateSpec) -> str:
    """A date as short as a ghost label allows: '4 Mar' for a day, the usual label otherwise."""
    if when.exact:
        return f"{when.start.day} {_ABBR[when.start.month]}"
    return when.label()


def ghost_dates(events: Iterable[Event], start: date | None = None, end: date | None = None) -> list[GhostDate]:
    """The alternative dates of `events` that fall inside [start, end], one record per alternative."""
    out = []
    for event in events:
        for alt in event.alternatives:
            if alt.field != "date":
                continue
            when = parse_date(alt.value)
            ghost = GhostDate(event, when, tuple(alt.sources), f"{short_date(when)} ({reports(len(alt.sources))})")
            if (start is None or ghost.at >= start) and (end is None or ghost.at <= end):
                out.append(ghost)
    return out


def date_notes(event: Event) -> list[str]:
    """For kinds that write an event's date as text: 'or 4 Mar 2026 (2 reports)' per alternative date."""
    return [f"or {parse_date(a.value).label()} ({reports(len(a.sources))})" for a in event.alternatives if a.field == "date"]


def disputed_licences(store: Store, event: Event) -> list[tuple[str, str, tuple[str, ...]]]:
    """(posture, licence name, source ids) of each other licence reported for a release."""
    return [(store.posture_of(alt.value), store.alternative(alt)[1], tuple(alt.sources))
            for alt in event.alternatives if alt.field == "release.licence"]


def lane_notes(store: Store, event: Event) -> list[str]:
    """Plain notes for another reported role or unit: 'or staff research scientist (role)'."""
    notes = []
    for alt in event.alternatives:
        if alt.field in NOTE_FIELDS:
            label, value = store.alternative(alt)
            value = value if len(value) <= NOTE_MAX else value[: NOTE_MAX - 1].rstrip() + "…"
            notes.append(f"or {value} ({label})")
    return notes


def main_only(store: Store) -> Store:
    """A copy of the store whose events carry no alternative claims: the `main` view."""
    events = {k: e if not e.alternatives else e.model_copy(update={"alternatives": []}) for k, e in store.events.items()}
    return _with_events(store, events)


def confirmed_only(store: Store) -> Store:
    """A copy of the store with only confirmed events, each without alternatives: the `confirmed` view."""
    base = main_only(store)
    return _with_events(base, {k: e for k, e in base.events.items() if e.status == "confirmed"})


def view(store: Store, mode: str) -> Store:
    """The store as the figure draws it in claims mode `mode` (one of CLAIM_MODES)."""
    return {"all": lambda s: s, "main": main_only, "confirmed": confirmed_only}[mode](store)


def _with_events(store: Store, events: dict[str, Event]) -> Store:
    return dataclasses.replace(store, events=events, _by_subject=None)


def legend_keys(events: Sequence[Event], *, ghosts: bool = False, rings: bool = False, notes: bool = False,
                spans: bool = True, date_notes: bool = False) -> list[str]:
    """The key entries a figure needs for what it holds, in a fixed order: statuses, spans, disputes."""
    statuses = {e.status for e in events}
    keys = [STATUS_KEY[s] for s in STATUS_KEY if s in statuses and (s != "confirmed" or len(statuses) > 1)]
    if spans and any(not e.date.exact for e in events):
        keys.append(SPAN_KEY)
    keys += [GHOST_KEY] * ghosts + [DATE_NOTE_KEY] * date_notes + [RING_KEY] * rings + [NOTE_KEY] * notes
    return keys


def encoding_note(kind: str) -> str:
    """The line shown with every figure of `kind`: that status (and, where the kind draws them, date spans and
    other reported dates) look the same in every figure, in the words of the key itself."""
    keys = [*STATUS_KEY.values(), *[SPAN_KEY] * (kind in SPAN_KINDS), *[GHOST_KEY] * (kind in GHOST_KINDS)]
    return "Drawn the same way in every figure: " + "; ".join(k[0].lower() + k[1:] for k in keys) + "."


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _who(store: Store, sources: Sequence[str]) -> str:
    outlets = list(dict.fromkeys(store.outlets(sources)))
    if not outlets:
        return "no source recorded"
    if len(outlets) <= 2:
        return " and ".join(outlets)
    return f"{_count(len(outlets))} sources"


def _main_value(store: Store, event: Event, alt: Alternative) -> str | None:
    """The main claim of the field an alternative disputes, as a reader reads it."""
    if alt.field == "date":
        return event.date.label()
    if alt.field == "release.licence":
        return store.licence_name(event.licence)
    head, _, tail = alt.field.partition(".")
    record = getattr(event, head) if tail else event
    raw = getattr(record, {"from": "from_unit", "to": "to_unit"}.get(tail or head, tail or head), None)
    return None if raw is None else store.name_of(str(raw)) if alt.field in ("move.from", "move.to", "move.person", "change.unit") else str(raw)


def describe_field(name: str) -> str:
    """How a sentence names a disputed field (one of them): 'date', 'kind of move', 'unit joined'."""
    return _NOUNS.get(name, (name, name))[0]


def disagreements(store: Store, events: Iterable[Event]) -> list[str]:
    """One sentence per disputed field: 'Two dates are reported for Lin steps down: 3 Mar 2026 (…) and 4 Mar 2026 (…)'."""
    sentences = []
    for event in events:
        fields: dict[str, list[Alternative]] = {}
        for alt in event.alternatives:
            fields.setdefault(alt.field, []).append(alt)
        for name, alts in fields.items():
            one, many = _NOUNS.get(name, (name, name))
            claims = [f"{store.alternative(a)[1]} ({_who(store, a.sources)})" for a in alts]
            main = _main_value(store, event, alts[0])
            if main is not None:
                claims.insert(0, f"{main} ({_who(store, event.sources)})")
            count = _count(len(claims)).capitalize()
            lead = f"{count} {many} are reported" if len(claims) > 1 else f"Another {one} is reported"
            listed = claims[0] if len(claims) == 1 else ", ".join(claims[:-1]) + " and " + claims[-1]
            sentences.append(f"{lead} for “{event.title}”: {listed}")
    return sentences
