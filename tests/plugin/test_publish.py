"""Publishing never destroys what it does not own: refused output folders, kills at any moment, I/O errors, Ctrl-C."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.measure_edit import holding
from generators.cli import main
from generators.outputs import DIFF_STAMP, SITE_STAMP
from generators.render.staging import Staging, exchange, sweep
from tests.render.test_build import ROOT, _copy_project, tree_digest

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "NO_MKDOCS_2_WARNING": "1"}


def _git_project(tmp_path: Path) -> Path:
    """A copy of the project under git, with the real .gitignore, committed."""
    project = _copy_project(tmp_path)
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)
    return project


def _cli(project: Path, *args: str, script: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m generators ARGS` in `project`; with `script`, that Python runs first (to inject a fault)."""
    code = f"{script}\nfrom generators.cli import run\nrun({list(args)!r})"
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=300, env=ENV)


def _debris(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def _tree(project: Path) -> dict[str, str]:
    return tree_digest(project, (".gz",))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy under git with one good build in site/."""
    project = _git_project(tmp_path_factory.mktemp("built"))
    result = _cli(project, "build", "--no-images")
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize(("out", "why"), [
    (".", "it is the project folder itself"),
    ("..", "it contains the project folder"),
    ("data", "it is the project's data/"),
    ("content", "it is the project's content/"),
    ("content/figures", "it lies inside the project's content/"),
    ("data/site", "it lies inside the project's data/"),
    (".git", "it is the project's .git/"),
    ("foreign", "it is not empty and this tool did not write it (it has no .labfig-site stamp)"),
    ("notes.txt", "it is a file, not a folder"),
    ("notes.txt/site", "notes.txt is a file, not a folder"),
])
def test_build_refuses_folders_it_does_not_own(built: Path, monkeypatch: pytest.MonkeyPatch, out: str, why: str) -> None:
    (built / "foreign").mkdir(exist_ok=True)
    (built / "foreign/thesis.tex").write_text("my only copy\n")
    (built / "notes.txt").write_text("notes\n")
    before = _tree(built)
    monkeypatch.chdir(built)
    result = CliRunner().invoke(main, ["build", "--no-images", "--out", out])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: refusing to write into ") and why in lines[0], result.output
    assert _tree(built) == before


def test_site_dir_in_mkdocs_yml_follows_the_same_rules(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = built / "other.yml"
    config.write_text((built / "mkdocs.yml").read_text().replace("site_dir: site", "site_dir: ."))
    monkeypatch.chdir(built)
    result = CliRunner().invoke(main, ["build", "--no-images", "--config", "other.yml"])
    assert result.exit_code == 2
    assert result.output == ("error: refusing to write into the current folder: it is the project folder itself; "
                             "choose another folder with site_dir in other.yml\n")


def test_plain_mkdocs_build_refuses_a_foreign_folder(built: Path) -> None:
    (built / "foreign").mkdir(exist_ok=True)
    (built / "foreign/thesis.tex").write_text("my only copy\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "foreign"], cwd=built,
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 1
    assert "refusing to write into foreign/: it is not empty and this tool did not write it" in result.stdout + result.stderr
    assert (built / "foreign/thesis.tex").read_text() == "my only copy\n"


def test_diff_images_and_schema_refuse_folders_they_do_not_own(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (built / "foreign").mkdir(exist_ok=True)
    (built / "foreign/index.html").write_text("<p>mine</p>\n")
    before = _tree(built)
    monkeypatch.chdir(built)
    for args, why in ((["diff", "HEAD", "--images", "foreign"], "(it has no .labfig-diff-images stamp)"),
                      (["diff", "HEAD", "--images", "data"], "it is the project's data/"),
                      (["diff", "HEAD", "--images", ".."], "it contains the project folder"),
                      (["schema", "--out", "foreign"], "it holds files other than events.schema.json and figures.schema.json"),
                      (["schema", "--out", "content"], "it is the project's content/"),
                      (["schema", "--out", "."], "it is the project folder itself")):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("error: refusing to write into ") and why in result.output, result.output
        assert result.output.count("\n") == 1
    assert _tree(built) == before


def test_a_build_stamps_the_site_and_replaces_only_a_stamped_or_empty_folder(built: Path) -> None:
    assert (built / "site" / SITE_STAMP).is_file()
    (built / "empty").mkdir(exist_ok=True)
    result = _cli(built, "build", "--no-images", "--out", "empty")
    assert result.returncode == 0, result.stderr
    assert (built / "empty/index.html").is_file() and (built / "empty" / SITE_STAMP).is_file()
    assert _debris(built) == []


def _kill_and_check(project: Path, sig: signal.Signals, delay: float, sites: list[dict[str, str]]) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "generators", "build", "--no-images"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    time.sleep(delay)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert tree_digest(project / "site", (".gz",)) in sites, f"site/ is not whole after {sig.name} at {delay:.2f} s"
    return proc.pid, err


def test_builds_killed_at_random_moments_always_leave_a_whole_site(tmp_path: Path) -> None:
    project = _git_project(tmp_path)
    assert _cli(project, "build", "--no-images").returncode == 0
    old = tree_digest(project / "site", (".gz",))
    events = holding(project / "data/events.yaml", "qwen-audio")
    events.write_text(events.read_text().replace("title: Qwen-Audio\n", "title: Qwen-Audio (edited)\n", 1))
    started = time.monotonic()
    assert _cli(project, "build", "--no-images", "--out", str(tmp_path / "new")).returncode == 0
    duration = time.monotonic() - started
    new = tree_digest(tmp_path / "new", (".gz",))
    assert new != old
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
        pid, err = _kill_and_check(project, sig, rng.uniform(0, duration * 1.1), [old, new])
        assert err.count("\n") <= 2, f"seed {seed}: {err}"
        if sig != signal.SIGKILL:  # a build stopped by a signal it can catch cleans up after itself
            mine = [n for n in _debris(project) if n.startswith(f".site.labfig-{pid}-")]
            assert not mine, f"seed {seed}: a {sig.name} build left {mine}"
    result = _cli(project, "build", "--no-images")
    assert result.returncode == 0, result.stderr
    assert tree_digest(project / "site", (".gz",)) == new
    assert [p.name for p in project.iterdir() if ".labfig-" in p.name] == [], "no staging folder remains"
    status = subprocess.run(["git", "-C", str(project), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert status == f" M {events.relative_to(project)}\n"


# Faults injected into the publish step of a real build: the process kills itself at the worst moments.
KILL_AFTER_EXCHANGE = """
import os, signal
from generators.render import staging
real = staging.exchange
def exchange(a, b):
    real(a, b)
    os.kill(os.getpid(), signal.SIGKILL)
staging.exchange = exchange
"""
KILL_BETWEEN_RENAMES = """
import os, signal
from generators.render import staging
staging.exchange = lambda a, b: False  # a system without renameat2: the two-rename fallback
real = os.rename
def rename(src, dst):
    real(src, dst)
    if str(dst).endswith("/old"):
        os.kill(os.getpid(), signal.SIGKILL)
os.rename = rename
"""
DISK_FULL = """
import errno
from mkdocs import utils
def write_file(content, output_path):
    raise OSError(errno.ENOSPC, "No space left on device", output_path)
utils.write_file = write_file
"""


@pytest.mark.parametrize("fault", [KILL_AFTER_EXCHANGE, KILL_BETWEEN_RENAMES], ids=["after-exchange", "between-renames"])
def test_a_kill_during_the_swap_is_repaired_by_the_next_build(tmp_path: Path, fault: str) -> None:
    project = _git_project(tmp_path)
    assert _cli(project, "build", "--no-images").returncode == 0
    old = tree_digest(project / "site", (".gz",))
    result = _cli(project, "build", "--no-images", script=fault)
    assert result.returncode == -signal.SIGKILL
    left = _debris(project)
    assert len(left) == 1 and left[0].startswith(".site.labfig-")
    if fault is KILL_AFTER_EXCHANGE:
        assert tree_digest(project / "site", (".gz",)) == old  # the new site, identical to the old one
    assert subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True).stdout == ""
    assert _cli(project, "build", "--no-images").returncode == 0
    assert _debris(project) == []
    assert tree_digest(project / "site", (".gz",)) == old


def test_sweep_puts_back_a_site_moved_aside_before_anything_else(tmp_path: Path) -> None:
    target = tmp_path / "site"
    work = tmp_path / ".site.labfig-999999-abcd1234"
    (work / "old").mkdir(parents=True)
    (work / "old" / SITE_STAMP).write_text("")
    (work / "old/index.html").write_text("old site")
    (work / "lock").write_text("")
    legacy = tmp_path / ".site-new-abcd_123"
    legacy.mkdir()
    mine = tmp_path / ".site-notes"
    mine.mkdir()
    assert sweep(target) == [legacy, work]
    assert (target / "index.html").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-notes", "site"]


def test_sweep_leaves_the_staging_folder_of_a_running_build(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with Staging(target, SITE_STAMP, "") as running:
        (running.new / "index.html").write_text("new")
        assert sweep(target) == []
        assert running.new.is_dir()
        running.publish()
    assert (target / "index.html").read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["site"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/one").write_text("a")
    (tmp_path / "b").mkdir()
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this system has no renameat2(RENAME_EXCHANGE); the fallback is tested above")
    assert (tmp_path / "b/one").read_text() == "a" and not list((tmp_path / "a").iterdir())


def test_a_full_disk_is_one_line_naming_the_file_and_the_old_site_stays(built: Path) -> None:
    before = tree_digest(built / "site")
    result = _cli(built, "build", "--no-images", script=DISK_FULL)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: cannot write site/") and lines[-1].endswith(
        ": No space left on device; the previous site was left as it was"), result.stderr
    assert "Traceback" not in result.stderr and "site.labfig" not in result.stderr
    assert tree_digest(built / "site") == before
    assert [n for n in _debris(built) if n.startswith(".site.")] == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's read-only /sys")
def test_a_folder_that_cannot_be_written_is_one_line(built: Path) -> None:
    result = _cli(built, "build", "--no-images", "--out", "/sys/labfig-site")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: cannot write /sys: Operation not permitted; "
                                                  "the previous site was left as it was"], result.stderr


def test_diff_images_are_published_whole_with_their_stamp(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generators.diff import StoreDiff
    from generators.diff_report import write_images
    from generators.load import load_store

    monkeypatch.chdir(built)
    monkeypatch.setattr("generators.render.images.render", lambda jobs, **_: ([b"\x89PNG" for _ in jobs], 0))
    (built / "shots").mkdir()
    (built / "shots/stale.png").write_bytes(b"from an earlier diff")
    (built / "shots" / DIFF_STAMP).write_text("")
    store, _ = load_store()
    write_images(store, store, StoreDiff(), "HEAD", built / "shots")
    assert sorted(p.name for p in (built / "shots").iterdir()) == [DIFF_STAMP, "index.html"]
    assert not [p for p in built.iterdir() if p.name.startswith(".shots")]


def test_ctrl_c_at_any_moment_of_start_up_prints_no_traceback(tmp_path: Path) -> None:
    rng = random.Random()
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "generators", "validate"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        delay = rng.uniform(0, 1.2)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        if "Traceback" in err and "/generators/" not in err:
            continue  # the interpreter's own first milliseconds (site, runpy), before a line of this project runs
        assert "Traceback" not in err, f"at {delay:.2f} s: {err}"
        assert proc.returncode in (0, 130, -signal.SIGINT), err
        if proc.returncode == 130:
            assert err.strip() == "interrupted"


def test_ctrl_c_between_the_fallback_renames_puts_the_old_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generators.render import staging

    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    real = os.rename

    def rename(src: Path, dst: Path) -> None:
        real(src, dst)
        if str(dst).endswith("/old"):
            raise KeyboardInterrupt

    monkeypatch.setattr(staging, "exchange", lambda a, b: False)
    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(KeyboardInterrupt), Staging(target, SITE_STAMP, "") as run:
        (run.new / "index.html").write_text("new")
        run.publish()
    assert (target / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
