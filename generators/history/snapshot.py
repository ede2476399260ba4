"""One state of the data, as git holds it: a data tree id in, what each figure draws and what changed since another tree out.

Loading a store from git costs tens of milliseconds and a long history has thousands of trees, so
both the facts of a tree and the changes between two trees are cached on disk by tree id
(`.cache/history/CODE/`), where CODE hashes the code that derives them: a build reads each
commit once, ever, and later builds only read the small JSON files.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generators.diff import FieldChange, RecordChange, StoreDiff, TouchedFigure, compare, shown
from generators.errors import DataErrors
from generators.files import source_digest
from generators.history.gitlog import Repo
from generators.model.store import Store
from generators.settings import DEFAULT_LIMITS, Limits

CACHE = Path(".cache/history")
SCHEMA = "1"
EVENTS_FILE = "data/events.yaml"
FIGURES_FILE = "data/figures.yaml"


def code_sources() -> list[Path]:
    """The code a snapshot's facts depend on: the model, every figure module (the kinds' checks and what they show
    included), the loader and the diff."""
    package = Path(__file__).resolve().parent.parent
    sources = [*(package / "model").rglob("*.py"), *(package / "figures").rglob("*.py")]
    return sources + [package / name for name in ("load.py", "record_checks.py", "errors.py", "yamlread.py", "datafiles.py",
                                                  "dataparts.py", "diff.py", "history/snapshot.py")]


@functools.cache
def code_version() -> str:
    """A hash of `code_sources`, so that a change to any of them refreshes the cache."""
    return source_digest(code_sources(), Path(__file__).resolve().parent.parent, SCHEMA)



@dataclass(frozen=True)
class FigureFacts:
    """One figure in one state of the data: `data_key` hashes what it draws, `render_key` that plus the drawing code."""

    data_key: str
    render_key: str
    title: str


@dataclass(frozen=True)
class TreeFacts:
    """A data tree: whether it loads, its data version and each figure's keys."""

    valid: bool
    data_version: str = ""
    figures: dict[str, FigureFacts] = field(default_factory=dict)


def data_key(store: Store, figure_id: str) -> str:
    """A hash of everything figure `figure_id` draws or names (spec, events, registries): it changes exactly when the drawing may."""
    spec = store.figures[figure_id]
    records = []
    for section, record_id in sorted(shown(store, figure_id)):
        record = _record(store, section, record_id)
        records.append([section, record_id, record.model_dump(mode="json") if record is not None else None])
    blob = json.dumps([spec.model_dump(mode="json"), records], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _record(store: Store, section: str, record_id: str) -> Any:
    if section == "postures":
        from generators.model.postures import posture_key

        return next((p for p in store.postures if posture_key(p.lab, p.as_of.text) == record_id), None)
    return getattr(store, section).get(record_id)


def tree_facts(store: Store) -> TreeFacts:
    """The facts of a store that loaded: its data version and every figure's keys."""
    from generators.figures.keys import figure_key, registries_digest
    from generators.model.document import data_version

    registries = registries_digest(store)
    figures = {fid: FigureFacts(data_key(store, fid), figure_key(store, spec, registries), spec.title)
               for fid, spec in store.figures.items()}
    return TreeFacts(True, data_version(store), figures)


def store_from_files(files: dict[str, bytes], limits: Limits = DEFAULT_LIMITS) -> Store | None:
    """The store a data tree holds, or None when it did not load (missing files, or data invalid at that commit)."""
    from generators.load import load_store_files

    if EVENTS_FILE not in files:
        return None
    try:  # the entry file, the per-subject files beside it (data/events/SUBJECT.yaml) and the figures
        store, _ = load_store_files(files, EVENTS_FILE, FIGURES_FILE if FIGURES_FILE in files else None, limits=limits)
    except DataErrors:
        return None
    return store


class Snapshots:
    """Stores, tree facts and diffs of data trees in one repository, each computed once and cached on disk."""

    def __init__(self, repo: Repo, cache: Path | None = CACHE, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.repo = repo
        self.folder = cache / code_version() if cache else None
        self._stores: dict[str, Store | None] = {}
        self._facts: dict[str, TreeFacts] = {}
        self.loaded = 0  # stores read from git in this run: what a warm cache saves

    def store(self, tree: str | None) -> Store | None:
        if tree is None:
            return Store()
        if tree not in self._stores:
            if len(self._stores) > 8:  # a long history passes through; keep only the last few trees in memory
                self._stores.pop(next(iter(self._stores)))
            self._stores[tree] = store_from_files(self.repo.files(tree), self.limits)
            self.loaded += 1
        return self._stores[tree]

    def facts(self, tree: str | None) -> TreeFacts:
        if tree is None:
            return tree_facts(Store())
        if tree not in self._facts:
            cached = self._read(f"tree-{tree}")
            if cached is not None:
                figures = {k: FigureFacts(**v) for k, v in cached["figures"].items()}
                self._facts[tree] = TreeFacts(cached["valid"], cached["data_version"], figures)
            else:
                store = self.store(tree)
                self._facts[tree] = tree_facts(store) if store is not None else TreeFacts(False)
                self._write(f"tree-{tree}", asdict(self._facts[tree]))
        return self._facts[tree]

    def diff(self, base: str | None, tree: str) -> StoreDiff:
        """What changed from data tree `base` (None: no data yet) to `tree`; both must load."""
        name = "diff-" + hashlib.sha256(f"{base}:{tree}".encode()).hexdigest()[:32]
        cached = self._read(name)
        if cached is not None:
            return _diff_from_json(cached)
        before, after = self.store(base), self.store(tree)
        assert before is not None and after is not None, "diff() is only asked of trees that load"
        result = compare(before, after)
        self._write(name, asdict(result))
        return result

    def _read(self, name: str) -> Any:
        if self.folder is None:
            return None
        path = self.folder / f"{name}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, name: str, value: Any) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f"{name}.json.part"
            partial.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
            partial.replace(self.folder / f"{name}.json")
        except OSError:
            pass  # a read-only checkout still builds; it just reads the history afresh next time


def _diff_from_json(data: dict[str, Any]) -> StoreDiff:
    def records(items: list[dict[str, Any]]) -> tuple[RecordChange, ...]:
        return tuple(RecordChange(i["section"], i["id"], i["change"], i["label"],
                                  tuple(FieldChange(**f) for f in i["fields"])) for i in items)

    touched = tuple(TouchedFigure(t["id"], t["kind"], t["title"], tuple(t["reasons"]), t["before"], t["after"])
                    for t in data["touched"])
    return StoreDiff(records(data["events"]), records(data["registries"]), records(data["figures"]), touched)
