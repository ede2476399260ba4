"""Paths come from the config file, never the working directory: a build run from another folder builds the same site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.render.test_build import ROOT, _copy_project, tree_digest


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH: the project copy's code, as `python -m generators` in the project would import it.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generators", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_a_build_run_from_another_folder_builds_the_same_site(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    here = _run(project, "build", "--no-images", "--out", "here")
    assert here.returncode == 0, here.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    there = _run(elsewhere, "build", "--no-images", "--config", str(project / "mkdocs.yml"), "--out", str(project / "there"))
    assert there.returncode == 0, there.stderr
    one, two = tree_digest(project / "here", (".gz",)), tree_digest(project / "there", (".gz",))
    assert len(one) > 200 and one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # The caches are the project's, and nothing was written where the command ran.
    assert (project / ".cache/figures").is_dir() and list(elsewhere.iterdir()) == []


def test_validate_reads_the_data_it_is_given_from_any_folder(tmp_path: Path) -> None:
    done = _run(tmp_path, "validate", "--events", str(ROOT / "data/events.yaml"), "--figures", str(ROOT / "data/figures.yaml"))
    assert done.returncode == 0 and done.stdout.startswith("ok: "), done.stderr
