"""What changed in the data: two stores in (before and after), a structured diff out, naming the figures it touches.

`compare` is pure. `store_at` is the one function here that reads anything: the data files as they
were at a git revision (the entry file, the per-subject files beside it, the figures), through git,
validated by the same loader as the working tree. An event whose file differs between the two
stores (moved from `data/events.yaml` into `data/events/qwen.yaml`, say) is reported as moved.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from generators.datafiles import Kind, display_name, subject_folder
from generators.figures.registry import kind_of
from generators.load import load_store_files
from generators.model.events import Event
from generators.model.postures import posture_key
from generators.model.store import Store
from generators.settings import DEFAULT_LIMITS, Limits

Change = Literal["added", "removed", "changed", "moved"]
REGISTRIES = ("subjects", "licences", "sources", "people", "units", "postures", "measurements")
SINGULAR = {"subjects": "subject", "licences": "licence", "sources": "source", "people": "person", "units": "unit",
            "postures": "posture", "events": "event", "figures": "figure", "measurements": "measurement"}


_GIT_KINDS: dict[bytes, Kind] = {b"100644": "file", b"100755": "file", b"120000": "symlink", b"040000": "folder"}


class RevisionError(Exception):
    """The revision cannot be read: not a revision, not a repository, or the file did not exist there."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, before and after; None where the field was not set."""

    path: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed, changed or moved to another file, with the fields that differ (every set field, when added or removed).

    A moved record names the file it was in and the file it is in now; its fields may have changed too.
    """

    section: str
    id: str
    change: Change
    label: str
    fields: tuple[FieldChange, ...] = ()
    moved: tuple[str, str] | None = None


@dataclass(frozen=True)
class TouchedFigure:
    """A figure whose drawing may differ, and why; `before`/`after` say in which version it exists."""

    id: str
    kind: str
    title: str
    reasons: tuple[str, ...]
    before: bool
    after: bool


@dataclass(frozen=True)
class StoreDiff:
    """Everything that differs between two stores, in file order, and the figures it touches."""

    events: tuple[RecordChange, ...] = ()
    registries: tuple[RecordChange, ...] = ()
    figures: tuple[RecordChange, ...] = ()
    touched: tuple[TouchedFigure, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.events or self.registries or self.figures)


def compare(before: Store, after: Store) -> StoreDiff:
    """Every record added, removed or changed between two stores, and the figures those changes touch."""
    events = _changes("events", before.events, after.events, _moves(before, after, "events"))
    registries = tuple(c for section in REGISTRIES
                       for c in _changes(section, _registry(before, section), _registry(after, section), _moves(before, after, section)))
    figures = _changes("figures", before.figures, after.figures)
    return StoreDiff(events, registries, figures, _touched(before, after, events, registries, figures))


def _registry(store: Store, section: str) -> dict[str, BaseModel]:
    if section != "postures":
        return getattr(store, section)  # type: ignore[no-any-return]
    # Postures have no id: a lab at a date is one row of the matrix.
    return {posture_key(p.lab, p.as_of.text): p for p in store.postures}



def _moves(before: Store, after: Store, section: str) -> dict[str, tuple[str, str]]:
    """Records of `section` in both stores whose data file differs: id -> (the file before, the file now)."""
    out = {}
    for (kind, key), now in after.origins.items():
        was = before.origins.get((kind, key))
        if kind == section and was is not None and was != now:
            out[key] = (was, now)
    return out


def _changes(section: str, before: dict[str, Any], after: dict[str, Any],
             moves: dict[str, tuple[str, str]] | None = None) -> tuple[RecordChange, ...]:
    out = []
    moves = moves or {}
    for key in list(after) + [k for k in before if k not in after]:
        old, new = before.get(key), after.get(key)
        old_fields, new_fields = flatten(old), flatten(new)
        fields = tuple(FieldChange(p, old_fields.get(p), new_fields.get(p))
                       for p in list(new_fields) + [p for p in old_fields if p not in new_fields]
                       if old_fields.get(p) != new_fields.get(p))
        if key in moves:
            out.append(RecordChange(section, key, "moved", _label(new), fields, moves[key]))
        elif fields:
            change: Change = "added" if old is None else "removed" if new is None else "changed"
            out.append(RecordChange(section, key, change, _label(new or old), fields))
    return tuple(out)


def flatten(record: BaseModel | None) -> dict[str, str]:
    """A record as `path: text` pairs, as an editor writes it (`release.licence`, `alternatives[0].value`, `from`)."""
    out: dict[str, str] = {}
    if record is not None:
        _flatten(record.model_dump(mode="json", by_alias=True), "", out)
    return out


def _flatten(value: Any, path: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
        for i, item in enumerate(value):
            _flatten(item, f"{path}[{i}]", out)
    elif isinstance(value, list):
        if value:
            out[path] = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, bool):
        out[path] = "true" if value else "false"
    elif value is not None:
        out[path] = str(value)


def _label(record: Any) -> str:
    if isinstance(record, Event):
        return f"{record.title} ({record.axis}, {record.date.label()})"
    for attr in ("title", "name", "label", "metric"):
        if isinstance(getattr(record, attr, None), str):
            return str(getattr(record, attr))
    return ""


def _touched(before: Store, after: Store, events: tuple[RecordChange, ...], registries: tuple[RecordChange, ...],
             figures: tuple[RecordChange, ...]) -> tuple[TouchedFigure, ...]:
    """A figure is touched when its spec changed, or an event it selects (in either version) or a record it shows changed."""
    spec_changes = {c.id: c for c in figures}
    out = []
    for figure_id in list(after.figures) + [f for f in before.figures if f not in after.figures]:
        drawn = shown(before, figure_id) | shown(after, figure_id)
        reasons = []
        if figure_id in spec_changes:
            c = spec_changes[figure_id]
            reasons.append(f"figure {c.change}" if c.change != "changed" else "spec changed: " + _paths(c))
        # A move alone changes no drawing; a move with edits is the edits.
        reasons += [f"event {c.id} {c.change}" + (": " + _paths(c) if c.change in ("changed", "moved") else "")
                    for c in events if ("events", c.id) in drawn and (c.change != "moved" or c.fields)]
        reasons += [f"{SINGULAR[c.section]} {c.id} {c.change}" for c in registries if (c.section, c.id) in drawn]
        if reasons:
            spec = after.figures.get(figure_id) or before.figures[figure_id]
            out.append(TouchedFigure(figure_id, spec.kind, spec.title, tuple(reasons),
                                     figure_id in before.figures, figure_id in after.figures))
    return tuple(out)


def _paths(change: RecordChange) -> str:
    # `alternatives[0].value` and `alternatives[0].sources` read as one change to `alternatives[0]`.
    heads = dict.fromkeys(f.path.split(".")[0] if "[" in f.path.split(".")[0] else f.path for f in change.fields)
    return ", ".join(heads)


def shown(store: Store, figure_id: str) -> set[tuple[str, str]]:
    """(section, id) of every record the figure draws or names in this version of the store (its kind's references)."""
    spec = store.figures.get(figure_id)
    return set() if spec is None else kind_of(spec).references(store, spec)


def store_at(rev: str, events_path: Path, figures_path: Path, limits: Limits = DEFAULT_LIMITS) -> Store:
    """The store as it was at git revision `rev`; raises RevisionError, or DataErrors if that data was invalid."""
    if rev.startswith("-"):
        raise RevisionError(f"'{rev}' is not a revision; give a branch, tag or commit such as origin/main")
    _git(events_path, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
         failure=f"'{rev}' is not a revision in this repository; give a branch, tag or commit such as origin/main")
    entry, figures = display_name(events_path), display_name(figures_path)
    files = {entry: _git(events_path, "show", f"{rev}:./{events_path.name}", failure=f"{events_path} did not exist at {rev}"),
             figures: _git(figures_path, "show", f"{rev}:./{figures_path.name}", failure=f"{figures_path} did not exist at {rev}")}
    entries = _subject_entries(rev, events_path)
    folder = entry.removesuffix(".yaml")
    for name, kind in entries:
        if kind == "file":
            files[f"{folder}/{name}"] = _git(events_path, "show", f"{rev}:./{subject_folder(events_path).name}/{name}",
                                             failure=f"{folder}/{name} could not be read at {rev}")
    store, _ = load_store_files(files, entry, figures, prefix=f"{rev}:", entries=entries, limits=limits)
    return store


def _subject_entries(rev: str, events_path: Path) -> list[tuple[str, Kind]]:
    """The entries of the per-subject folder at `rev` (none when it did not exist), as the loader's discovery takes them."""
    folder = subject_folder(events_path).name
    listing = _git(events_path, "ls-tree", "-z", rev, "--", f"{folder}/", failure=f"the data at {rev} could not be listed")
    out: list[tuple[str, Kind]] = []
    for item in filter(None, listing.split(b"\0")):
        meta, _, name = item.partition(b"\t")
        mode = meta.split()[0]
        out.append((os.fsdecode(name).removeprefix(f"{folder}/"), _GIT_KINDS.get(mode, "other")))
    return out


def _git(path: Path, *args: str, failure: str) -> bytes:
    # `./name` resolves against the file's own directory, so any --events path inside the work tree works.
    try:
        done = subprocess.run(["git", "-C", str(path.resolve().parent), *args], capture_output=True, timeout=60)
    except FileNotFoundError:
        raise RevisionError("git is not installed; the diff reads earlier versions of the data through git") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"not a git repository: {path.resolve().parent}" if "not a git repository" in reason else failure)
    return done.stdout
