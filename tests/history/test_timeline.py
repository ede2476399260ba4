"""History from git on a scripted repository: per-event changes, figure versions, cache, and no history at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.history.timeline import History, read_history
from generators.load import load_store
from generators.model.store import Store
from tests.history.scripted import Scripted, edit, git


def _store(root: Path) -> Store:
    store, _ = load_store(root / "data/events.yaml", root / "data/figures.yaml")
    return store


def _history(root: Path, cache: Path | None = None) -> History:
    return read_history(root, _store(root), today="2026-04-01", cache=cache)


def test_each_commit_that_changed_the_data_is_an_entry(scripted: Scripted) -> None:
    history = _history(scripted.root)
    assert history.available
    assert [(e.commit.date, e.commit.subject) for e in history.entries] == [
        ("2026-01-05", "Demo data from the launch posts"),
        ("2026-01-10", "Add Bob joining the demo team"),
        ("2026-02-01", "Correct the date of Demo-2 to the announcement day"),
        ("2026-02-15", "Demo-2 is called Demo-2 Pro"),
        ("2026-03-01", "Remove Bob: the report was retracted"),
        ("2026-03-20", "Demo-2: the press reported October"),
    ]


def test_an_event_history_lists_every_change_field_by_field(scripted: Scripted) -> None:
    history = _history(scripted.root)
    changes = [(c.commit.date, c.change.change, [(f.path, f.before, f.after) for f in c.change.fields])
               for c in history.events["demo-2"]][1:]
    assert changes == [
        ("2026-02-01", "changed", [("date", "2025-11", "2025-11-20")]),
        ("2026-02-15", "changed", [("title", "Demo-2", "Demo-2 Pro")]),
        ("2026-03-20", "changed", [("alternatives[0].field", None, "date"), ("alternatives[0].value", None, "2025-10"),
                                   ("alternatives[0].sources", None, "[paper]")]),
    ]
    added = history.added("demo-2")
    last = history.last_changed("demo-2")
    assert added is not None and added.date == "2026-01-05" and last is not None and last.date == "2026-03-20"
    assert [(c.commit.date, c.change.change) for c in history.events["bob-joins"]] == [("2026-01-10", "added"), ("2026-03-01", "removed")]
    assert history.last_changed("demo-1") is None


def test_a_figure_gets_a_version_each_time_what_it_draws_changes(scripted: Scripted) -> None:
    history = _history(scripted.root)
    releases = [(v.number, v.date, v.reasons) for v in history.versions["releases-f1"]]
    # Bob's move is not a release: the release timeline did not change when he came and went.
    assert releases == [
        (1, "2026-01-05", ("first version",)),
        (2, "2026-02-01", ("Demo-2 (model, 20 Nov 2025): date changed",)),
        (3, "2026-02-15", ("Demo-2 Pro (model, 20 Nov 2025): title changed",)),
        (4, "2026-03-20", ("Demo-2 Pro (model, 20 Nov 2025): alternatives[0] changed",)),
    ]
    assert [(v.number, v.date) for v in history.versions["all-f7"]] == [
        (1, "2026-01-05"), (2, "2026-01-10"), (3, "2026-02-01"), (4, "2026-02-15"), (5, "2026-03-01"), (6, "2026-03-20")]
    assert all(v.commit is not None for v in history.versions["all-f7"])


def test_an_uncommitted_edit_is_a_last_version_dated_today(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    edit(clone, "    title: Demo-1\n", "    title: Demo-1 Base\n")
    versions = _history(clone).versions["releases-f1"]
    assert [(v.number, v.date, v.commit is None) for v in versions[-2:]] == [(4, "2026-03-20", False), (5, "2026-04-01", True)]
    assert versions[-1].message == "not yet committed"


def test_the_history_is_read_from_git_once_then_from_the_cache(scripted: Scripted, tmp_path: Path) -> None:
    cold = _history(scripted.root, tmp_path / "cache")
    warm = _history(scripted.root, tmp_path / "cache")
    assert cold.loaded == 6 and warm.loaded == 0
    assert [e.events for e in warm.entries] == [e.events for e in cold.entries]
    assert warm.versions == cold.versions


def test_a_commit_with_invalid_data_is_folded_into_the_next_valid_one(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    edit(clone, "    status: reported\n", "    status: reportd\n")
    git(clone, "commit", "-q", "-am", "Typo", date="2026-03-21T10:00:00+00:00")
    edit(clone, "    status: reportd\n", "    status: confirmed\n")
    git(clone, "commit", "-q", "-am", "Fix the typo; Demo-2 is confirmed", date="2026-03-22T10:00:00+00:00")
    history = _history(clone)
    assert [e.commit.subject for e in history.entries][-1] == "Fix the typo; Demo-2 is confirmed"
    last = history.events["demo-2"][-1]
    assert [(f.path, f.before, f.after) for f in last.change.fields] == [("status", "reported", "confirmed")]


def test_an_event_moved_to_another_file_keeps_its_history(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    # Reordering the events (as a split into files would) is not a change to any of them.
    path = clone / "data/events.yaml"
    text = path.read_text()
    head, _, events = text.partition("events:\n")
    records = ["  - id:" + r for r in events.split("  - id:") if r]
    path.write_text(head + "events:\n" + "".join(reversed(records)))
    git(clone, "commit", "-q", "-am", "Newest events first", date="2026-03-23T10:00:00+00:00")
    history = _history(clone)
    assert history.entries[-1].commit.subject == "Demo-2: the press reported October", "a reorder changes nothing"


def test_an_event_moved_into_its_subjects_file_is_a_move_in_its_history(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    path = clone / "data/events.yaml"
    text = path.read_text()
    start = text.index("  - id: demo-2")
    end = text.index("  - id: ", start + 1) if "  - id: " in text[start + 1:] else len(text)
    (clone / "data/events").mkdir()
    (clone / "data/events/demo.yaml").write_text("events:\n" + text[start:end])
    path.write_text(text[:start] + text[end:])
    git(clone, "add", ".")
    git(clone, "commit", "-q", "-m", "Demo events in their own file", date="2026-03-23T10:00:00+00:00")
    history = _history(clone)
    entry = history.entries[-1]
    assert entry.commit.subject == "Demo events in their own file"
    assert [(c.id, c.change, c.moved, c.fields) for c in entry.events] == [
        ("demo-2", "moved", ("data/events.yaml", "data/events/demo.yaml"), ())]
    assert entry.touched == () and entry.versions == {}, "a move redraws nothing"
    assert [c.change.change for c in history.events["demo-2"]][-1] == "moved"
    assert "removed" not in [c.change.change for c in history.events["demo-2"]]


def test_a_merge_gives_figures_the_version_of_the_data_both_sides_made(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    git(clone, "checkout", "-q", "-b", "side")
    edit(clone, "    title: Demo-1\n", "    title: Demo-1 Base\n")
    git(clone, "commit", "-q", "-am", "Demo-1 is called Demo-1 Base", date="2026-03-24T10:00:00+00:00")
    git(clone, "checkout", "-q", "main")
    edit(clone, "    title: Demo-2 Pro\n", "    title: Demo-2 Pro Max\n")
    git(clone, "commit", "-q", "-am", "Demo-2 Pro is called Demo-2 Pro Max", date="2026-03-25T10:00:00+00:00")
    git(clone, "merge", "-q", "--no-ff", "side", "-m", "Merge the side branch", date="2026-03-26T10:00:00+00:00")
    history = _history(clone)
    subjects = [e.commit.subject for e in history.entries]
    assert subjects[-2:] == ["Demo-1 is called Demo-1 Base", "Demo-2 Pro is called Demo-2 Pro Max"] or subjects[-2:] == [
        "Demo-2 Pro is called Demo-2 Pro Max", "Demo-1 is called Demo-1 Base"], "each side's change once; the merge lists none"
    latest = history.versions["releases-f1"][-1]
    # The merged data is a committed version, not an uncommitted one dated the build's day.
    assert latest.commit is not None and latest.commit.subject == "Merge the side branch"
    assert latest.date == "2026-03-26" and latest.reasons == ("Demo-1 Base (model, 14 Mar 2025): title changed",), "what the merge brought in"
    # The side branch's commit is in the changelog, but main never showed its state: no version of its own.
    assert [(v.number, v.message, v.reasons) for v in history.versions["releases-f1"][-2:]] == [
        (5, "Demo-2 Pro is called Demo-2 Pro Max", ("Demo-2 Pro Max (model, 20 Nov 2025): title changed",)),
        (6, "Merge the side branch", ("Demo-1 Base (model, 14 Mar 2025): title changed",))]
    side = next(e for e in history.entries if e.commit.subject == "Demo-1 is called Demo-1 Base")
    assert side.versions == {} and [t.id for t in side.touched] == ["releases-f1", "all-f7"]
    titles = {e.title for e in _store(clone).events.values()}
    assert {"Demo-1 Base", "Demo-2 Pro Max"} <= titles


def test_merging_an_older_branch_keeps_every_version_number(scripted: Scripted, tmp_path: Path) -> None:
    """A branch started long ago and merged now sorts among old commits; the numbers main already published stay."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    before = {fid: [(v.number, v.data_key) for v in vs] for fid, vs in _history(clone).versions.items()}
    git(clone, "checkout", "-q", "-b", "old", scripted.commits[1])
    edit(clone, "    title: Demo-1\n", "    title: Demo-1 Early\n")
    git(clone, "commit", "-q", "-am", "Demo-1 was first called Demo-1 Early", date="2026-01-12T10:00:00+00:00")
    git(clone, "checkout", "-q", "main")
    git(clone, "merge", "-q", "--no-ff", "old", "-m", "Merge the old branch", date="2026-03-27T10:00:00+00:00")
    history = _history(clone)
    for figure_id, versions in before.items():
        assert [(v.number, v.data_key) for v in history.versions[figure_id]][:len(versions)] == versions
    merged = history.versions["releases-f1"][-1]
    assert (merged.number, merged.message, merged.reasons) == (5, "Merge the old branch", ("Demo-1 Early (model, 14 Mar 2025): title changed",))
    assert all(v.reasons for vs in history.versions.values() for v in vs), "every version says what changed"


def test_shallow_clone_degrades_to_history_unavailable(scripted: Scripted, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{scripted.root}", str(shallow))
    history = _history(shallow)
    assert not history.available and "shallow clone" in history.reason
    assert history.versions == {}


def test_outside_git_degrades_to_history_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.history.scripted import FIGURES, MINIMAL

    (tmp_path / "data").mkdir()
    (tmp_path / "data/events.yaml").write_bytes(MINIMAL.read_bytes())
    (tmp_path / "data/figures.yaml").write_text(FIGURES)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    history = _history(tmp_path)
    assert not history.available and history.reason == "the site was built outside a git repository"
    monkeypatch.setenv("PATH", "/nonexistent")
    assert _history(tmp_path).reason == "git is not installed where the site was built"
