"""The data's history as readers see it: a repository and the store being built in; changes per commit,
per event and per figure version out.

Each non-merge commit that changed `data/` is compared with its first parent (or, if the data there
did not load, with the last state that did). Events are keyed by id, so an event moved from one
file to another keeps its history. A figure gets a new version whenever what it draws changes.
A merge lists no changes of its own (each side's commits did), but the data it makes from both sides
is a state of its own: a figure whose drawing it changes gets a version at the merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generators.diff import RecordChange, TouchedFigure
from generators.history.gitlog import Commit, HistoryUnavailable, Repo
from generators.history.snapshot import CACHE, Snapshots, TreeFacts, tree_facts
from generators.model.store import Store


@dataclass(frozen=True)
class Entry:
    """What one commit changed: events, registries and figure specs, the figures touched and the versions it made."""

    commit: Commit
    events: tuple[RecordChange, ...]
    registries: tuple[RecordChange, ...]
    figures: tuple[RecordChange, ...]
    touched: tuple[TouchedFigure, ...]
    versions: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureVersion:
    """One published state of a figure: number (1, 2, ...), when and why it changed, and where its data lives."""

    figure_id: str
    number: int
    date: str
    data_version: str
    data_key: str
    render_key: str
    commit: Commit | None  # None: the working tree, not yet committed
    tree: str | None
    reasons: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return self.commit.subject if self.commit else "not yet committed"


@dataclass(frozen=True)
class EventChange:
    """One entry of an event's own history."""

    commit: Commit
    change: RecordChange


@dataclass
class History:
    """Everything derived from git; `available` False (with `reason`) when there was no history to read."""

    available: bool
    reason: str = ""
    entries: list[Entry] = field(default_factory=list)
    events: dict[str, list[EventChange]] = field(default_factory=dict)
    versions: dict[str, list[FigureVersion]] = field(default_factory=dict)
    loaded: int = 0  # stores read from git in this build (0 when every commit came from the cache)
    # The store of a data tree, read on demand (an older figure version missing from the cache needs it).
    store_at: Callable[[str | None], Store | None] | None = field(default=None, repr=False, compare=False)

    def added(self, event_id: str) -> Commit | None:
        """The commit that last added the event (it may have been removed and added again)."""
        found = [c.commit for c in self.events.get(event_id, []) if c.change.change == "added"]
        return found[-1] if found else None

    def last_changed(self, event_id: str) -> Commit | None:
        changes = [c.commit for c in self.events.get(event_id, []) if c.change.change == "changed"
                   or (c.change.change == "moved" and c.change.fields)]
        return changes[-1] if changes else None

    def latest(self, figure_id: str) -> FigureVersion | None:
        versions = self.versions.get(figure_id)
        return versions[-1] if versions else None


def read_history(root: Path, store: Store, *, today: str, cache: Path | None = CACHE) -> History:
    """The history of `root/data` up to HEAD, plus the working tree's `store` as a last version if it differs."""
    try:
        repo = Repo(root)
        commits = repo.commits()
        snapshots = Snapshots(repo, cache)
        history = _walk(repo, snapshots, commits)
    except HistoryUnavailable as exc:
        return History(False, str(exc))
    _add_live_versions(history, tree_facts(store), today)
    history.loaded = snapshots.loaded
    history.store_at = snapshots.store
    return history


def _walk(repo: Repo, snapshots: Snapshots, commits: list[Commit]) -> History:
    revs = [c.sha for c in commits] + [c.parent for c in commits if c.parent]
    trees = dict(zip(revs, repo.data_trees(revs), strict=True))
    history = History(True)
    last_valid: str | None = None
    for commit in commits:
        tree = trees[commit.sha]
        if tree is None or not snapshots.facts(tree).valid:
            continue  # data removed or invalid here: its changes show up with the next commit whose data loads
        if commit.merge:
            _merged(history, snapshots, commit, last_valid, tree)
            last_valid = tree
            continue
        parent = trees.get(commit.parent) if commit.parent else None
        base = parent if parent is None or snapshots.facts(parent).valid else last_valid
        if base == tree:
            last_valid = tree
            continue
        diff = snapshots.diff(base, tree)
        if diff.empty:
            last_valid = tree
            continue  # reordered or reformatted only: nothing a reader would call a change
        entry = Entry(commit, diff.events, diff.registries, diff.figures, diff.touched)
        _add_versions(history, entry, snapshots.facts(tree), tree)
        history.entries.append(entry)
        for change in diff.events:
            history.events.setdefault(change.id, []).append(EventChange(commit, change))
        last_valid = tree
    return history


def _merged(history: History, snapshots: Snapshots, commit: Commit, last: str | None, tree: str) -> None:
    """A merge, compared with the last state walked (one side's) rather than its first parent, for versions only:
    each side's changes are entries of their own commits already, so the merge adds none to the changelog."""
    if last == tree:
        return
    diff = snapshots.diff(last, tree)
    _add_versions(history, Entry(commit, diff.events, diff.registries, diff.figures, diff.touched), snapshots.facts(tree), tree)


def _add_versions(history: History, entry: Entry, facts: TreeFacts, tree: str | None) -> None:
    reasons = {t.id: t.reasons for t in entry.touched}
    for figure_id, fig in facts.figures.items():
        versions = history.versions.setdefault(figure_id, [])
        if versions and versions[-1].data_key == fig.data_key:
            continue
        number = len(versions) + 1
        # A first version's reasons would list every record it draws; what a reader needs is that it is new.
        why = reasons.get(figure_id, ()) if versions else ("first version",)
        versions.append(FigureVersion(figure_id, number, entry.commit.date, facts.data_version, fig.data_key,
                                      fig.render_key, entry.commit, tree, _capped(why)))
        entry.versions[figure_id] = number


def _capped(reasons: tuple[str, ...], limit: int = 8) -> tuple[str, ...]:
    return reasons if len(reasons) <= limit else (*reasons[:limit], f"and {len(reasons) - limit} more changes")


def _add_live_versions(history: History, facts: TreeFacts, today: str) -> None:
    """A figure whose working-tree drawing differs from its last committed version gets one more version, dated today."""
    for figure_id, fig in facts.figures.items():
        versions = history.versions.setdefault(figure_id, [])
        if versions and versions[-1].data_key == fig.data_key:
            if versions[-1].render_key != fig.render_key:
                # Same data, newer drawing code: the live build shows the latest version as drawn today.
                versions[-1] = FigureVersion(**{**versions[-1].__dict__, "render_key": fig.render_key})
            continue
        versions.append(FigureVersion(figure_id, len(versions) + 1, today, facts.data_version, fig.data_key,
                                      fig.render_key, None, None, ("changed in the working tree",)))
