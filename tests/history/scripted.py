"""A scratch git repository with a scripted history of the demo store: add, correct a date, rename, remove, add an alternative."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"
FIGURES = """\
figures:
  - id: releases-f1
    subject: demo
    kind: release-timeline
    title: Demo releases
    caption: The demo releases by licence.
    select:
      families: [demo]
  - id: all-f7
    subject: demo
    kind: stacked-timelines
    title: Everything at Demo Lab
    caption: Models and people on one time axis.
"""
BOB = """\
  - id: bob-joins
    subject: demo
    axis: org
    date: 2026-02
    title: Bob joins
    status: reported
    sources: [press]
    move:
      person: ada
      kind: joined
      to: demo-team
"""
ALTERNATIVE = """\
    alternatives:
      - field: date
        value: 2025-10
        sources: [paper]
"""


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env)
    return done.stdout


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "data/events.yaml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@dataclass(frozen=True)
class Scripted:
    root: Path
    commits: list[str]  # oldest first


def script_history(repo: Path) -> Scripted:
    """Six commits, each on its own day, each a kind of change an editor makes."""
    (repo / "data").mkdir(parents=True)
    shutil.copy(MINIMAL, repo / "data/events.yaml")
    (repo / "data/figures.yaml").write_text(FIGURES)
    (repo / "README.md").write_text("scratch\n")
    git(repo, "init", "-q", "-b", "main")
    steps = [
        ("2026-01-05T10:00:00+00:00", "Demo data from the launch posts", None),
        ("2026-01-10T10:00:00+00:00", "Add Bob joining the demo team", lambda: _append(repo, BOB)),
        ("2026-02-01T10:00:00+00:00", "Correct the date of Demo-2 to the announcement day",
         lambda: edit(repo, "    date: 2025-11\n", "    date: 2025-11-20\n")),
        ("2026-02-15T10:00:00+00:00", "Demo-2 is called Demo-2 Pro", lambda: edit(repo, "    title: Demo-2\n", "    title: Demo-2 Pro\n")),
        ("2026-03-01T10:00:00+00:00", "Remove Bob: the report was retracted", lambda: _remove_bob(repo)),
        ("2026-03-20T10:00:00+00:00", "Demo-2: the press reported October",
         lambda: edit(repo, "        - release: demo-1\n          kind: successor\n",
                      "        - release: demo-1\n          kind: successor\n" + ALTERNATIVE)),
    ]
    commits = []
    for when, message, change in steps:
        if change:
            change()
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message, date=when)
        commits.append(git(repo, "rev-parse", "HEAD").strip())
    # A commit that does not touch the data is not part of its history.
    (repo / "README.md").write_text("scratch, edited\n")
    git(repo, "commit", "-q", "-am", "Readme only", date="2026-03-25T10:00:00+00:00")
    return Scripted(repo, commits)


def _append(repo: Path, text: str) -> None:
    path = repo / "data/events.yaml"
    path.write_text(path.read_text() + text)


def _remove_bob(repo: Path) -> None:
    path = repo / "data/events.yaml"
    path.write_text(path.read_text().replace(BOB, ""))
