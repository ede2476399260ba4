"""Start an event: answers (from options or prompts) in, a validated event appended to its subject's file out.

Every answer is checked against the model and the store as it is given, so a newcomer is asked
again instead of meeting a validation error later. The file is only ever appended to: every byte
above the new event stays as it was, comments and blank lines included, and the write is atomic.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click
import yaml
from pydantic import TypeAdapter, ValidationError

from generators.errors import DataErrors, did_you_mean
from generators.load import _display, load_store
from generators.model.axes import AXES
from generators.model.dates import DateFormatError, parse_date
from generators.model.fields import ChangeKind, MoveKind, ShortText, Slug, Status, Tier
from generators.model.store import Store
from generators.new_target import event_index, starting_text, target

Check = Callable[[str], Any]
REQUIRED = ("axis", "subject", "date", "title", "source")
# The options that fill each axis's detail block; all or none of them, and only on their own axis.
DETAIL_OPTIONS = {"release": ("family", "generation", "tier", "licence"), "move": ("person", "kind"), "change": ("unit", "kind")}
_SHORT_TEXT: TypeAdapter[str] = TypeAdapter(ShortText)
_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


def run_new(events_path: Path, answers: dict[str, Any]) -> str:
    """Ask for what is missing, append the event to its subject's file (created when missing), and say what was written where."""
    store, _ = load_store(events_path, None)
    # Prompt only when something required is missing: with every option given, the command never waits on stdin.
    interactive = any(answers.get(name) in (None, ()) for name in REQUIRED)
    event = collect(store, Asker(answers, interactive))
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


class Asker:
    """One answer at a time: the option when given (a bad one is a usage error), else a prompt that asks again."""

    def __init__(self, answers: dict[str, Any], interactive: bool):
        self.answers, self.interactive = answers, interactive

    def __call__(self, name: str, prompt: str, check: Check, default: str | None = None, optional: bool = False) -> Any:
        given = self.answers.get(name)
        if given not in (None, ()):
            try:
                return check(",".join(given) if isinstance(given, tuple) else str(given))
            except click.BadParameter as exc:
                raise click.BadParameter(exc.message, param_hint=f"'--{name}'") from None
        if not self.interactive:
            return check(default) if default is not None else None
        proc = (lambda text: check(text) if text.strip() else None) if optional else check
        return click.prompt(prompt, default=default if default is not None else ("" if optional else None),
                            show_default=bool(default), value_proc=proc)

    def wants(self, block: str | None, axis: str) -> bool:
        """Whether to fill the detail block: always when prompting, else when its options were given (all of them)."""
        names = DETAIL_OPTIONS.get(block or "", ())
        stray = [n for other in DETAIL_OPTIONS.values() for n in other if n not in names and self.answers.get(n) is not None]
        if stray:
            raise click.UsageError(f"--{stray[0]} does not apply to axis '{axis}'"
                                   + (f"; its details are {', '.join(f'--{n}' for n in names)}" if names else ""))
        present = [n for n in names if self.answers.get(n) is not None]
        if present and len(present) != len(names) and not self.interactive:
            missing = ", ".join(f"--{n}" for n in names if n not in present)
            raise click.UsageError(f"{', '.join(f'--{n}' for n in names)} go together; missing {missing}")
        return bool(names) and (self.interactive or bool(present))


def collect(store: Store, ask: Asker) -> dict[str, Any]:
    """The event as an ordered mapping, each value checked against the model and the store."""
    axis = ask("axis", f"Axis ({', '.join(AXES)})", _choice(list(AXES), "axis"))
    subject = ask("subject", f"Subject ({', '.join(store.subjects)})", _known(store.subjects, "subject"))
    date = ask("date", "Date (2025-09-26, 2026-01, 2025-Q4, early 2026-03, 2025-12..2026-03)", _date)
    title = ask("title", "Title, as a reader would say it", _text)
    sources = ask("source", "Source ids, comma-separated (blank if there is none yet)", _sources(store), optional=True) or []
    status = ask("status", "Status (confirmed, reported, pending, source-needed)", _status(store, sources),
                 default=_default_status(store, sources))
    event_id = ask("id", "Event id", _new_id(store), default=_unique_slug(title, store))
    event: dict[str, Any] = dict(id=event_id, subject=subject, axis=axis, date=date, title=title, status=status, sources=sources)
    block = AXES[axis].detail
    detail = DETAILS[block](store, ask) if block and ask.wants(block, axis) else None
    if block and detail:
        event[block] = detail
    return event


def _release(store: Store, ask: Asker) -> dict[str, Any] | None:
    family = ask("family", "Release family, e.g. qwen-omni (blank to add release details later)", _slug, optional=True)
    if family is None:
        return None
    return {"family": family, "generation": ask("generation", "Generation, e.g. 2.5", _text),
            "tier": ask("tier", "Tier (base, flagship)", _choice(list(get_args(Tier)), "tier")),
            "licence": ask("licence", f"Licence ({', '.join(store.licences)})", _known(store.licences, "licence"))}


def _move(store: Store, ask: Asker) -> dict[str, Any] | None:
    person = ask("person", "Person id (blank to add the move later)", _known(store.people, "person"), optional=True)
    if person is None:
        return None
    kinds = list(get_args(MoveKind))
    return {"person": person, "kind": ask("kind", f"Move kind ({', '.join(kinds)})", _choice(kinds, "move kind"))}


def _change(store: Store, ask: Asker) -> dict[str, Any] | None:
    unit = ask("unit", "Unit id (blank to add the change later)", _known(store.units, "unit"), optional=True)
    if unit is None:
        return None
    kinds = list(get_args(ChangeKind))
    return {"kind": ask("kind", f"Change kind ({', '.join(kinds)})", _choice(kinds, "change kind")), "unit": unit}


DETAILS: dict[str, Callable[[Store, Asker], dict[str, Any] | None]] = {"release": _release, "move": _move, "change": _change}


def _choice(values: list[str], what: str) -> Check:
    def check(text: str) -> str:
        if text.strip() not in values:
            raise click.BadParameter(f"unknown {what} '{text.strip()}'{did_you_mean(text.strip(), values)}; expected one of: {', '.join(values)}")
        return text.strip()
    return check


def _known(registry: dict[str, Any], what: str) -> Check:
    def check(text: str) -> str:
        if text.strip() not in registry:
            raise click.BadParameter(f"unknown {what} '{text.strip()}'{did_you_mean(text.strip(), registry)}; "
                                     f"add it to the file first, or use one of: {', '.join(list(registry)[:12])}")
        return text.strip()
    return check


def _sources(store: Store) -> Check:
    known = _known(store.sources, "source")
    return lambda text: [known(part) for part in text.split(",") if part.strip()]


def _date(text: str) -> str:
    try:
        return parse_date(text).text
    except DateFormatError as exc:
        raise click.BadParameter(str(exc)) from None


def _text(text: str) -> str:
    try:
        return _SHORT_TEXT.validate_python(text.strip())
    except ValidationError as exc:
        raise click.BadParameter(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from None


def _slug(text: str) -> str:
    try:
        return _SLUG.validate_python(text.strip())
    except ValidationError:
        raise click.BadParameter(f"'{text.strip()}' is not a valid id; use lowercase letters and digits "
                                 "joined by single hyphens or dots, at most 80 characters") from None


def _new_id(store: Store) -> Check:
    def check(text: str) -> str:
        slug = _slug(text)
        if slug in store.events:
            raise click.BadParameter(f"an event with id '{slug}' already exists; choose another id")
        return slug
    return check


def _status(store: Store, sources: list[str]) -> Check:
    choice = _choice(list(get_args(Status)), "status")

    def check(text: str) -> str:
        status = choice(text)
        if status != "source-needed" and not sources:
            raise click.BadParameter(f"'{status}' needs a source; with none yet, the status is 'source-needed'")
        if status == "confirmed" and not any(store.sources[s].primary for s in sources):
            raise click.BadParameter("'confirmed' needs a primary source (the lab's own paper, blog or model card); "
                                     "with press sources only, use 'reported'")
        return status
    return check


def _default_status(store: Store, sources: list[str]) -> str:
    if not sources:
        return "source-needed"
    return "confirmed" if any(store.sources[s].primary for s in sources) else "reported"


def _unique_slug(title: str, store: Store) -> str:
    """The title as an id (`Qwen2.5-Omni` -> `qwen2.5-omni`), with `-2`, `-3`... when it is taken."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_title)
    slug = re.sub(r"[.-]*-[.-]*", "-", re.sub(r"\.{2,}", ".", slug)).strip(".-")[:72].strip(".-") or "event"
    candidate, n = slug, 2
    while candidate in store.events:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


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
    """The event as block YAML in the file's style: `- id: ...` at `indent`, flow lists for ids."""
    out, pad = [], " " * (indent + 2)
    for i, (key, value) in enumerate(event.items()):
        lead = " " * indent + "- " if i == 0 else pad
        if isinstance(value, dict):
            out.append(f"{lead}{key}:")
            out += [f"{pad}  {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            out.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            out.append(f"{lead}{key}: {_scalar(value, plain_date=key == 'date')}")
    return newline.join(out) + newline


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


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader, or a crash, sees the old file or the new one, never half of either."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file private (0600); keep the old file's mode, or the usual one for a new file.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # so the rename itself survives a power cut
    finally:
        os.close(directory)
