"""The history as readers see it on pages: a History in; per-event notes, change lines and the "What changed" page out.

Plain data for templates (autoescaped there); long text changes carry their word diff as runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from generators.diff import SINGULAR, FieldChange, RecordChange
from generators.history.gitlog import Commit
from generators.history.timeline import Entry, History
from generators.model.store import Store
from generators.render import links
from generators.render.templates import render
from generators.worddiff import Run, excerpt, is_long

MAX_VALUE = 120
CHANGES_PAGE = "changes/"
FEED_FILE = "changes.xml"


def day(iso: str) -> str:
    """`2026-11-22` as readers read it: `22 Nov 2026`."""
    try:
        d = Date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%b')} {d.year}"


@dataclass(frozen=True)
class FieldLine:
    """One field's change for a page: the path as an editor writes it, and before/after or a word diff."""

    path: str
    before: str | None
    after: str | None
    words: tuple[Run, ...] = ()


@dataclass(frozen=True)
class ChangeLine:
    """One event's (or record's) change in one commit, ready for a template."""

    commit: Commit
    change: str
    fields: tuple[FieldLine, ...]

    @property
    def when(self) -> str:
        return day(self.commit.date)


@dataclass(frozen=True)
class EventNote:
    """"Added on …, last changed on …" and the list of an event's changes, oldest first."""

    added: str | None
    last_changed: str | None
    changes: tuple[ChangeLine, ...]


def field_lines(change: RecordChange) -> tuple[FieldLine, ...]:
    if change.change not in ("changed", "moved"):
        return ()
    # An event moved to another data file: the file first, then whatever else changed with it.
    moved = (FieldLine("file", change.moved[0], change.moved[1]),) if change.moved else ()
    return moved + tuple(_field_line(f) for f in change.fields)


def _field_line(f: FieldChange) -> FieldLine:
    if is_long(f.before, f.after):
        assert f.before is not None and f.after is not None
        return FieldLine(f.path, None, None, tuple(excerpt(f.before, f.after)))
    return FieldLine(f.path, _short(f.before), _short(f.after))


def _short(value: str | None) -> str | None:
    if value is None:
        return None
    flat = " ".join(value.split())
    return flat if len(flat) <= MAX_VALUE else flat[: MAX_VALUE - 1] + "…"


def event_notes(history: History | None) -> Callable[[str], EventNote | None]:
    """A lookup from event id to its note (None when there is no history, or the event is not committed yet)."""
    def note(event_id: str) -> EventNote | None:
        if history is None or not history.available:
            return None
        items = history.events.get(event_id, [])
        added = history.added(event_id)
        if added is None:
            return None
        changed = history.last_changed(event_id)
        lines = tuple(ChangeLine(c.commit, c.change.change, field_lines(c.change)) for c in items if c.change.change != "added"
                      or c.commit is not added)
        return EventNote(day(added.date), day(changed.date) if changed else None, lines)
    return note


def entry_items(entry: Entry, store: Store, base: str) -> list[dict[str, Any]]:
    """Each change of one commit as a dict for the template: what, which record, a link when it still exists.
    Records moved to another file and changed in no other way are one item per pair of files, listing them."""
    items = _moves(entry, store, base)
    for change in (c for c in entry.events if not _pure_move(c)):
        event = store.events.get(change.id)
        href = base + links.event_page(event) if event is not None and change.change != "removed" else None
        items.append({"kind": change.change, "what": "event", "label": change.label or change.id, "id": change.id,
                      "href": href, "fields": field_lines(change)})
    added = [c for c in entry.registries if c.change == "added"]
    counts: dict[str, int] = {}
    for change in added:
        counts[SINGULAR[change.section]] = counts.get(SINGULAR[change.section], 0) + 1
    if counts:
        items.append({"kind": "added", "what": "records", "label": ", ".join(_count(n, w) for w, n in counts.items()),
                      "id": "", "href": None, "fields": ()})
    for change in (c for c in entry.registries if c.change != "added" and not _pure_move(c)):
        # A posture row's label is its wording; its id (`bytedance as of 2026-04`) says which row it is.
        label = change.id if change.section == "postures" else change.label or change.id
        items.append({"kind": change.change, "what": SINGULAR[change.section], "label": label,
                      "id": change.id, "href": None, "fields": field_lines(change)})
    for change in entry.figures:
        href = base + links.figure_page(change.id) + "#history" if change.id in store.figures else None
        items.append({"kind": change.change, "what": "figure", "label": change.label or change.id, "id": change.id,
                      "href": href, "fields": field_lines(change)})
    return items


def _pure_move(change: RecordChange) -> bool:
    return change.change == "moved" and change.moved is not None and not change.fields


def _moves(entry: Entry, store: Store, base: str) -> list[dict[str, Any]]:
    """One item per (from, to) pair of files: `33 events and 14 measurements moved from A to B`, with the records as `members`."""
    pairs: dict[tuple[str, str], list[RecordChange]] = {}
    for change in (c for c in (*entry.events, *entry.registries) if _pure_move(c)):
        assert change.moved is not None
        pairs.setdefault(change.moved, []).append(change)
    items = []
    for (source, target), changes in pairs.items():
        counts: dict[str, int] = {}
        members = []
        for change in changes:
            word = "event" if change.section == "events" else SINGULAR[change.section]
            counts[word] = counts.get(word, 0) + 1
            event = store.events.get(change.id) if change.section == "events" else None
            members.append({"what": word, "label": change.label or change.id, "href": base + links.event_page(event) if event else None})
        what = " and ".join(_count(n, w) for w, n in counts.items())
        items.append({"kind": "moved", "what": "records", "label": f"{what} from {source} to {target}", "id": "", "href": None,
                      "fields": (), "members": members, "summary": "The record" if len(members) == 1 else f"The {len(members)} records"})
    return items


def _count(n: int, word: str) -> str:
    plural = {"person": "people"}.get(word, word + "s")
    return f"{n} {word if n == 1 else plural}"


def changes_page(history: History | None, store: Store, base: str) -> str:
    """The "What changed" page: every commit's changes, newest first, grouped by date, linking events and figures."""
    groups: list[tuple[str, str, list[dict[str, Any]]]] = []
    for entry in reversed(history.entries if history and history.available else []):
        block = {"commit": entry.commit, "items": entry_items(entry, store, base),
                 "figures": [(store.figures[f].title if f in store.figures else f, base + links.figure_page(f) + "#history", n)
                             for f, n in entry.versions.items()]}
        if groups and groups[-1][0] == entry.commit.date:
            groups[-1][2].append(block)
        else:
            groups.append((entry.commit.date, day(entry.commit.date), [block]))
    reason = "" if history and history.available else (history.reason if history else "no history was read")
    return render("changes.html.j2", groups=groups, reason=reason, base=base, feed=base + FEED_FILE)
