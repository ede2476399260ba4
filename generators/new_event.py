"""Start an event: answers (from options or prompts) in, a validated event appended to its subject's file out.

Every answer is checked against the model and the store as it is given, so a newcomer is asked
again instead of meeting a validation error later. The file is only ever appended to: every byte
above the new event stays as it was, comments and blank lines included, and the write is atomic.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click
import yaml

from generators import new_answers as checks
from generators.errors import DataErrors
from generators.files import write_atomic
from generators.load import _display, load_store
from generators.model.axes import AXES
from generators.model.events import Change, Event, Move, Release
from generators.model.fields import ChangeKind, MoveKind, Status, Tier
from generators.model.store import Store
from generators.new_checks import (
    ALT_FORM,
    CREDIT_FORM,
    Asker,
    OptionErrors,
    claim_check,
    missing_options,
    parse_credit,
    refuse_duplicate,
    stdin_is_terminal,
)
from generators.new_target import event_index, starting_text, target

REQUIRED = ("axis", "subject", "date", "title", "source")


def run_new(events_path: Path, answers: dict[str, Any]) -> str:
    """Ask for what is missing, append the event to its subject's file (created when missing), and say what was written where."""
    store, _ = load_store(events_path, None)
    # Prompt only when something required is missing and someone is there to answer: with every option
    # given the command never waits on stdin, and without a terminal it names what is missing.
    missing = [name for name in REQUIRED if answers.get(name) in (None, ())]
    interactive = bool(missing) and stdin_is_terminal()
    errors = OptionErrors()
    if missing and not interactive:
        errors.note(missing_options(missing))
    event = collect(store, Asker(answers, interactive, errors))
    errors.raise_any()
    refuse_duplicate(store, event)
    path = target(events_path, event["subject"])
    created = not path.exists()
    if created:
        entry = events_path.read_bytes().decode("utf-8")
        text = starting_text(entry, _display(events_path), event["subject"], store)
    else:
        text = path.read_bytes().decode("utf-8")
    updated = append_event(text, event)
    _check_draft(updated, events_path, path)
    folder_made = not path.parent.exists()
    path.parent.mkdir(exist_ok=True)
    try:
        write_atomic(path, updated)
    except BaseException:
        if folder_made:  # an interrupted first write leaves the project as it found it
            path.parent.rmdir()
        raise
    if created:
        return f"added event '{event['id']}' to {_display(path)}, a new file for the events of subject '{event['subject']}'"
    return f"added event '{event['id']}' at the end of the events in {_display(path)}"


def collect(store: Store, ask: Asker) -> dict[str, Any]:
    """The event as an ordered mapping, each value checked against the model and the store."""
    axis = ask("axis", f"Axis ({', '.join(AXES)})", checks.choice(list(AXES), "axis"))
    subjects, subject_check = checks.reference(store, Event, "subject")
    subject = ask("subject", f"Subject ({', '.join(subjects)})", subject_check)
    date = ask("date", "Date (2025-09-26, 2026-01, 2025-Q4, early 2026-03, 2025-12..2026-03)", checks.date)
    title = ask("title", "Title, as a reader would say it", checks.text)
    sources = ask("source", "Source ids, comma-separated (blank if there is none yet)", checks.sources(store), optional=True) or []
    # With a bad --source the status cannot be judged against it; that error is reported, not a follow-on one.
    status_check = checks.choice(list(get_args(Status)), "status") if "source" in ask.failed else checks.status(store, sources)
    status = ask("status", "Status (confirmed, reported, pending, source-needed)", status_check,
                 default=checks.default_status(store, sources))
    event_id = ask("id", "Event id", checks.new_id(store), default=checks.unique_slug(title, store) if title else None)
    event: dict[str, Any] = dict(id=event_id, subject=subject, axis=axis, date=date, title=title, status=status, sources=sources)
    block = AXES[axis].detail if axis else None
    detail = DETAILS[block](store, ask) if block and ask.wants(block, axis) else None
    if block and detail:
        event[block] = detail
    alternatives = ask.many("alt", f"Another claim about this event, as {ALT_FORM} (blank when there is none)",
                            claim_check(store, event, []))
    if alternatives:
        event["alternatives"] = alternatives
    _add_credits(store, ask, event)
    return event


def _add_credits(store: Store, ask: Asker, event: dict[str, Any]) -> None:
    """Credits belong to a release's details; `--credit` on anything else is a usage error."""
    if event.get("release"):
        credits = ask.many("credit", f"Credit a person or unit, as {CREDIT_FORM} (blank when done)",
                           lambda text: parse_credit(store, text))
        if credits:
            event["release"]["credits"] = credits
    elif ask.answers.get("credit"):
        ask.errors.note("--credit needs a release: axis model with --family, --generation, --tier and --licence")


def _release(store: Store, ask: Asker) -> dict[str, Any] | None:
    family = ask("family", "Release family, e.g. qwen-omni (blank to add release details later)", checks.slug, optional=True)
    if family is None:
        return None
    licences, licence_check = checks.reference(store, Release, "licence")
    return {"family": family, "generation": ask("generation", "Generation, e.g. 2.5", checks.text),
            "tier": ask("tier", "Tier (base, flagship)", checks.choice(list(get_args(Tier)), "tier")),
            "licence": ask("licence", f"Licence ({', '.join(licences)})", licence_check)}


def _move(store: Store, ask: Asker) -> dict[str, Any] | None:
    person = ask("person", "Person id (blank to add the move later)", checks.reference(store, Move, "person")[1], optional=True)
    if person is None:
        return None
    kinds = list(get_args(MoveKind))
    return {"person": person, "kind": ask("kind", f"Move kind ({', '.join(kinds)})", checks.choice(kinds, "move kind"))}


def _change(store: Store, ask: Asker) -> dict[str, Any] | None:
    unit = ask("unit", "Unit id (blank to add the change later)", checks.reference(store, Change, "unit")[1], optional=True)
    if unit is None:
        return None
    kinds = list(get_args(ChangeKind))
    return {"kind": ask("kind", f"Change kind ({', '.join(kinds)})", checks.choice(kinds, "change kind")), "unit": unit}


DETAILS: dict[str, Callable[[Store, Asker], dict[str, Any] | None]] = {"release": _release, "move": _move, "change": _change}


def append_event(text: str, event: dict[str, Any]) -> str:
    """`text` with `event` added as the last item of its `events:` list; everything before it is untouched."""
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    events = next((v for k, v in root.value if k.value == "events"), None) if isinstance(root, yaml.MappingNode) else None
    if events is None or (isinstance(events, yaml.ScalarNode) and events.value == ""):
        # No events yet: start the list at the end of the file, or right under an empty `events:` key.
        at = len(lines) if events is None else events.start_mark.line + (events.start_mark.column > 0)
        head = [] if events is not None else [f"{newline}events:{newline}"]
        return _join(lines[:at], head + [_render(event, 2, newline)], lines[at:], newline)
    if not isinstance(events, yaml.SequenceNode) or events.flow_style or not events.value:
        raise click.UsageError("the 'events' section is not a block list ('- id: ...' entries); add the event by hand")
    last = events.value[-1]
    end = max((n.end_mark.line if n.end_mark.column > 0 else n.end_mark.line - 1) for n in _scalars(last))
    while end > last.start_mark.line and not lines[end].strip():
        end -= 1
    # Keep the file's own rhythm: a blank line between events when it already has them.
    spaced = len(events.value) > 1 and not lines[last.start_mark.line - 1].strip()
    block = ([newline] if spaced else []) + [_render(event, events.start_mark.column, newline)]
    return _join(lines[:end + 1], block, lines[end + 1:], newline)


def _join(before: list[str], block: list[str], after: list[str], newline: str) -> str:
    if before and not before[-1].endswith("\n"):
        before = before[:-1] + [before[-1] + newline]
    return "".join(before + block + after)


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item)]
    return [s for key, value in node.value for s in _scalars(key) + _scalars(value)]


def _render(event: dict[str, Any], indent: int, newline: str) -> str:
    """The event as block YAML in the file's style: `- id: ...` at `indent`, flow lists for ids,
    block lists for alternatives and credits."""
    return newline.join(_item(event, indent)) + newline


def _item(mapping: dict[str, Any], indent: int) -> list[str]:
    """A mapping as a `- key: ...` list item at `indent`, its keys aligned two spaces further in."""
    out, pad = [], " " * (indent + 2)
    for i, (key, value) in enumerate(mapping.items()):
        lead = " " * indent + "- " if i == 0 else pad
        out += _entry(lead, key, value, indent + 2)
    return out


def _entry(lead: str, key: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, dict):
        inner = " " * (indent + 2)
        return [f"{lead}{key}:"] + [line for k, v in value.items() for line in _entry(inner, k, v, indent + 2)]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [f"{lead}{key}:"] + [line for item in value for line in _item(item, indent + 2)]
    if isinstance(value, list):
        return [f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]"]
    return [f"{lead}{key}: {_scalar(value, plain_date=key in ('date', 'value'))}"]


def _scalar(value: str, plain_date: bool = False) -> str:
    """Plain when YAML readers take it back as this same text, else double-quoted (`generation: "3"`, `date: "2017"`).

    Dates are the one exception the file already makes: `2025-09-26` stays plain, as editors write it,
    though a YAML 1.1 reader would make it a date; a bare year is quoted so no tool sees a number.
    """
    try:
        plain = "\n" not in value and all(yaml.load(f"k: {text}", Loader=yaml.BaseLoader) == {"k": expected}
                                          for text, expected in ((value, value), (f"[{value}]", [value])))
        typed = yaml.safe_load(f"k: {value}")["k"] if plain else None
    except yaml.YAMLError:
        plain, typed = False, None
    if plain and (isinstance(typed, str) or (plain_date and isinstance(typed, datetime.date))):
        return value
    return json.dumps(value, ensure_ascii=False)


def _check_draft(text: str, events_path: Path, path: Path) -> None:
    """Validate the store with the new file in place of the old; a warning about the new event counts as an error."""
    _, warnings = load_store(events_path, None, drafts={path: text.encode("utf-8")})
    # With no errors every event was valid, so the new one, last in its file, is the last of its file's events.
    mine = [w for w in warnings if w.file == _display(path) and w.path.startswith(f"events[{event_index(text)}]")]
    if mine:
        raise DataErrors(mine)
