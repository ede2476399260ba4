"""Moving a subject's events into its own file, and why: two branches adding events to two subjects merge cleanly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generators.cli import main
from generators.diff import compare
from generators.load import load_store
from generators.split_subject import SplitError, move, split

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"
OTHER = "  - id: other\n    name: Other Lab\n"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                          capture_output=True, text=True, check=check)


def test_moving_the_real_subject_keeps_every_line_and_every_record(tmp_path: Path) -> None:
    # The real data as one file (the entry file, then each subject's file without the header the split
    # writes), split again: the split must give back data/events/qwen.yaml as committed.
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data/figures.yaml", tmp_path / "data/figures.yaml")
    subject_files = sorted((ROOT / "data/events").glob("*.yaml"))
    original = (ROOT / "data/events.yaml").read_text() + "".join("\n" + _without_header(path.read_text()) for path in subject_files)
    events = tmp_path / "data/events.yaml"
    events.write_text(original)
    before, _ = load_store(events, tmp_path / "data/figures.yaml", strict=True)
    target = move(events, "qwen")
    after, _ = load_store(events, tmp_path / "data/figures.yaml", strict=True)
    diff = compare(before, after)
    assert diff.events and all(c.change == "moved" and not c.fields for c in (*diff.events, *diff.registries))
    assert len(diff.events) == len(before.events) == len(after.events)
    moved = target.read_text()
    assert moved.startswith("# yaml-language-server: $schema=../../schema/subject-events.schema.json\n")
    # Every line of content moves once; only the blank lines that separate sections are laid out anew.
    def lines(text: str) -> list[str]:
        return sorted(line for line in text.splitlines() if line.strip())
    assert lines(original) == lines(events.read_text() + "\n" + _without_header(moved))
    committed = ROOT / "data/events/qwen.yaml"
    if committed.exists():
        assert moved == committed.read_text(), "data/events/qwen.yaml is this split"
        assert events.read_text() == (ROOT / "data/events.yaml").read_text(), "data/events.yaml is what the split leaves"


def _without_header(text: str) -> str:
    """A subject file's text after the comment block that opens it (the schema line and what the file is)."""
    return text[text.index("\n\n") + 2:] if text.startswith("# yaml-language-server:") else text


def test_mixed_sections_move_entry_by_entry_with_their_comments(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("    lab: demo-co\n", "    lab: demo-co\n" + OTHER, 1)
    text = text.replace("  - id: demo-2\n    subject: demo\n", "  # Reported only.\n  - id: demo-2\n    subject: other\n")
    events = tmp_path / "events.yaml"
    events.write_text(text)
    rest, moved = split(events, "other")
    assert moved.startswith("events:\n  # Reported only.\n  - id: demo-2\n    subject: other\n")
    assert "demo-2" not in rest and "Reported only" not in rest and "  - id: ada-leaves\n" in rest
    target = move(events, "other")
    assert target == tmp_path / "events/other.yaml"
    store, _ = load_store(events, None, strict=True)
    assert store.origins[("events", "demo-2")] == str(target)
    with pytest.raises(SplitError, match="exists already"):
        move(events, "other")
    with pytest.raises(SplitError, match="holds no entries of subject 'nobody'"):
        split(events, "nobody")


def test_two_branches_adding_events_to_two_subjects_merge_without_conflict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data/events.yaml").write_text(MINIMAL.read_text().replace("    lab: demo-co\n", "    lab: demo-co\n" + OTHER, 1))
    (repo / "data/figures.yaml").write_text("figures: []\n")
    monkeypatch.chdir(repo)
    runner = CliRunner()

    def new(subject: str, title: str) -> None:
        result = runner.invoke(main, ["new", "--axis", "model", "--subject", subject, "--date", "2026-02", "--title", title,
                                      "--source", "press"])
        assert result.exit_code == 0, result.output

    git(repo, "init", "-q", "-b", "main")
    new("demo", "Demo-3")
    new("other", "Other-1")  # both subjects' files exist on main, as in a series under way
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    for branch, subject, titles in (("a", "demo", ["Demo-4", "Demo-5"]), ("b", "other", ["Other-2", "Other-3"])):
        git(repo, "checkout", "-q", "-b", branch, "main")
        for title in titles:
            new(subject, title)
        git(repo, "commit", "-q", "-am", f"events of {subject}")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "a")
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 0, f"git could not merge the two branches:\n{merged.stdout}{merged.stderr}"
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    store, _ = load_store(Path("data/events.yaml"), Path("data/figures.yaml"), strict=True)
    assert {"demo-4", "demo-5", "other-2", "other-3"} <= set(store.events)
    # The same two branches against one shared file collide: the reason for the files.
    git(repo, "checkout", "-q", "-b", "c", "main~2")
    shared = repo / "data/events.yaml"
    for branch, block in (("c", "  - id: c-1\n"), ("d", "  - id: d-1\n")):
        if branch == "d":
            git(repo, "checkout", "-q", "-b", "d", "main~2")
        shared.write_text(shared.read_text() + block + "    subject: demo\n")
        git(repo, "commit", "-q", "-am", branch)
    assert git(repo, "merge", "--no-edit", "c", check=False).returncode != 0
