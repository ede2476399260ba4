"""The data's history as readers see it: a repository and the store being built in; changes per commit,
per event and per figure version out.

Each non-merge commit that changed `data/` is compared with its first parent (or, if the data there
did not load, with the last state that did): the changelog. Events are keyed by id, so an event moved
from one file to another keeps its history. Versions follow the branch the site is built from (HEAD's
first-parent chain): a figure gets a new version at each of its states whose drawing differs from the one
before, with what changed between the two as its reasons. A merged branch's own commits are entries of the
changelog but not versions (the branch never showed them); the merge is, if it changed what a figure draws.
That chain only ever grows at its end, so a version's number, and its address, never change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generators.diff import SINGULAR, RecordChange, StoreDiff, TouchedFigure
from generators.history.gitlog import Commit, HistoryUnavailable, Repo
from generators.history.snapshot import CACHE, Snapshots, TreeFacts, tree_facts
from generators.model.store import Store
from generators.settings import DEFAULT_LIMITS, Limits


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


def read_history(root: Path, store: Store, *, today: str, cache: Path | None = CACHE, limits: Limits = DEFAULT_LIMITS) -> History:
    """The history of `root/data` up to HEAD, plus the working tree's `store` as a last version if it differs;
    each earlier state of the data is read within `limits`."""
    try:
        repo = Repo(root)
        commits = repo.commits()
        snapshots = Snapshots(repo, cache, limits)
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
    mainline = repo.mainline()
    history = History(True)
    last_valid: str | None = None  # the last state walked that loaded, on any branch
    last_shown: str | None = None  # the last state of the built branch that loaded: what versions are compared with
    for commit in commits:
        tree = trees[commit.sha]
        if tree is None or not snapshots.facts(tree).valid:
            continue  # data removed or invalid here: its changes show up with the next commit whose data loads
        if not commit.merge:
            parent = trees.get(commit.parent) if commit.parent else None
            base = parent if parent is None or snapshots.facts(parent).valid else last_valid
            diff = snapshots.diff(base, tree) if base != tree else None
            if diff is not None and not diff.empty:  # else reordered or reformatted only: nothing a reader would call a change
                history.entries.append(Entry(commit, diff.events, diff.registries, diff.figures, diff.touched))
                for change in diff.events:
                    history.events.setdefault(change.id, []).append(EventChange(commit, change))
        last_valid = tree
        if commit.sha in mainline and tree != last_shown:
            _add_versions(history, commit, snapshots, last_shown, tree)
            last_shown = tree
    return history


def _add_versions(history: History, commit: Commit, snapshots: Snapshots, base: str | None, tree: str) -> None:
    """The versions a state of the built branch makes: each figure whose drawing differs from its last version."""
    facts = snapshots.facts(tree)
    entry = history.entries[-1] if history.entries and history.entries[-1].commit is commit else None
    reasons: dict[str, tuple[str, ...]] | None = None
    for figure_id, fig in facts.figures.items():
        versions = history.versions.setdefault(figure_id, [])
        if versions and versions[-1].data_key == fig.data_key:
            continue
        # A first version's reasons would list every record it draws; what a reader needs is that it is new.
        why: tuple[str, ...] = ("first version",)
        if versions:
            if reasons is None:  # what changed since the branch's last state, as this figure draws it
                diff = snapshots.diff(base, tree)
                reasons = {t.id: worded(diff, t.reasons) for t in diff.touched}
            why = reasons.get(figure_id) or (_NO_REASON,)
        versions.append(FigureVersion(figure_id, len(versions) + 1, commit.date, facts.data_version, fig.data_key,
                                      fig.render_key, commit, tree, _capped(why)))
        if entry is not None:
            entry.versions[figure_id] = len(versions)


def worded(diff: StoreDiff, reasons: tuple[str, ...]) -> tuple[str, ...]:
    """A figure's reasons (`event demo-2 changed: date`) in a reader's words, records named by their labels as of the
    change (`Demo-2 (model, 20 Nov 2025): date changed`), so a kept version's wording never goes stale."""
    records = {f"event {c.id} ": c for c in diff.events} | {f"{SINGULAR[c.section]} {c.id} ": c for c in diff.registries}
    out = []
    for reason in reasons:
        found = next((key for key in records if reason.startswith(key)), None)
        if found is not None:
            change = records[found]
            label = change.label or change.id
            if change.section != "events":  # a registry's label may be a headline: quoted, and cut short
                label = f"{SINGULAR[change.section]} “{label if len(label) <= 60 else label[:59].rstrip() + '…'}”"
            kind, _, fields = reason[len(found):].partition(": ")
            out.append(f"{label}: {fields} changed" if fields else f"{label} {kind}")
        elif reason.startswith("spec changed: "):
            out.append(f"the figure's {reason.removeprefix('spec changed: ')} changed")
        else:
            out.append(reason)
    return tuple(out)


# Only if the comparison names nothing this figure draws (it always should): still say that something did change.
_NO_REASON = "a record it draws changed"


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
