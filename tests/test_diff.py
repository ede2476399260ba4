"""`python -m generators diff REV`: changes between a git revision and the working tree, and the figures they touch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generators.cli import main
from generators.diff import compare
from generators.load import load_store_bytes
from generators.model.store import Store
from generators.render.images import find_browser

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"
# Two figures, so a change can be shown to touch one and not the other:
# releases-f1 draws the model events only, all-f7 every event of the subject.
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
NEW_EVENT = """\
  - id: bob-joins
    subject: demo
    axis: org
    date: 2026-02
    title: Bob joins
    status: reported
    sources: [press]
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                          capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch git repository holding the minimal store and two figures, committed; the working directory."""
    (tmp_path / "data").mkdir()
    shutil.copy(MINIMAL, tmp_path / "data/events.yaml")
    (tmp_path / "data/figures.yaml").write_text(FIGURES)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "data/events.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def diff(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", "HEAD", *args])


def test_unchanged_data_says_nothing_changed(repo: Path) -> None:
    result = diff()
    assert result.exit_code == 0
    assert result.output == "Nothing changed in the data between HEAD and the working tree.\n"
    assert "Nothing changed in the data." in diff("--format", "markdown").output


def test_changed_date_touches_both_figures(repo: Path) -> None:
    edit(repo, "    date: 2025-11\n", "    date: 2025-12\n")
    result = diff()
    assert result.exit_code == 0, result.output
    assert "  ~ demo-2: Demo-2 (model, Dec 2025)\n      date: 2025-11 -> 2025-12\n" in result.output
    assert "  releases-f1 (release-timeline): Demo releases\n      event demo-2 changed: date\n" in result.output
    assert "  all-f7 (stacked-timelines): Everything at Demo Lab\n      event demo-2 changed: date\n" in result.output


def test_added_event_touches_only_the_figure_that_selects_it(repo: Path) -> None:
    (repo / "data/events.yaml").write_text(MINIMAL.read_text() + NEW_EVENT)
    result = diff()
    assert result.exit_code == 0, result.output
    assert "  + bob-joins: Bob joins (org, Feb 2026)\n" in result.output
    assert "all-f7 (stacked-timelines): Everything at Demo Lab\n      event bob-joins added\n" in result.output
    assert "releases-f1" not in result.output


def test_removed_event_is_reported_against_the_figure_that_showed_it(repo: Path) -> None:
    text = MINIMAL.read_text()
    (repo / "data/events.yaml").write_text(text[:text.index("  - id: ada-leaves")])
    result = diff()
    assert result.exit_code == 0, result.output
    assert "  - ada-leaves: Ada leaves (org, early Jan 2026)\n" in result.output
    assert "      event ada-leaves removed\n" in result.output
    assert "releases-f1" not in result.output


def test_changed_alternative_claim_is_reported_field_by_field(repo: Path) -> None:
    edit(repo, "        value: 2026-02\n", "        value: 2026-03\n")
    result = diff()
    assert result.exit_code == 0, result.output
    assert "  ~ ada-leaves: Ada leaves (org, early Jan 2026)\n      alternatives[0].value: 2026-02 -> 2026-03\n" in result.output
    assert "all-f7 (stacked-timelines): Everything at Demo Lab\n      event ada-leaves changed: alternatives[0]\n" in result.output
    assert "releases-f1" not in result.output


def test_markdown_report_has_headings_and_tables(repo: Path) -> None:
    edit(repo, "    date: 2025-11\n", "    date: 2025-12\n")
    edit(repo, "    posture: closed\n", "    posture: restricted\n")
    (repo / "data/events.yaml").write_text((repo / "data/events.yaml").read_text() + NEW_EVENT)
    result = diff("--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("### Data changes since `HEAD`\n\n2 events (1 changed, 1 added); 1 record (1 changed); 2 figures touched.\n")
    assert "#### Events\n\n| | event | field | before | after |\n|---|---|---|---|---|\n" in out
    assert "| changed | `demo-2` `Demo-2 (model, Dec 2025)` | `date` | `2025-11` | `2025-12` |" in out
    assert "| added | `bob-joins` `Bob joins (org, Feb 2026)` | | | |" in out
    assert "| changed | licence `api-only` `API only` | `posture` | `closed` | `restricted` |" in out
    assert "| `releases-f1` `Demo releases` | release-timeline | `event demo-2 changed: date`<br>`licence api-only changed` |" in out
    assert "| `all-f7` `Everything at Demo Lab` | stacked-timelines | `event demo-2 changed: date`<br>`event bob-joins added`<br>`licence api-only changed` |" in out


def test_nested_release_and_move_fields_and_figure_specs(repo: Path) -> None:
    edit(repo, "      generation: \"2\"\n", "      generation: \"2.5\"\n")
    edit(repo, "      from: demo-team\n", "      from: demo-co\n")
    figures = repo / "data/figures.yaml"
    figures.write_text(figures.read_text().replace("title: Demo releases", "title: Demo releases, 2025"))
    out = diff().output
    assert "      release.generation: 2 -> 2.5\n" in out
    assert "      move.from: demo-team -> demo-co\n" in out
    assert "Figure specs\n  ~ figure releases-f1: Demo releases, 2025\n      title: Demo releases -> Demo releases, 2025\n" in out
    assert "releases-f1 (release-timeline): Demo releases, 2025\n      spec changed: title\n      event demo-2 changed: release.generation\n" in out


def test_compare_is_pure_and_structured() -> None:
    base = MINIMAL.read_bytes()
    before, _ = load_store_bytes(base, FIGURES.encode())
    after, _ = load_store_bytes(base.replace(b"    date: 2025-11\n", b"    date: 2025-12\n"), FIGURES.encode())
    result = compare(before, after)
    assert [(c.id, c.change, [(f.path, f.before, f.after) for f in c.fields]) for c in result.events] == [
        ("demo-2", "changed", [("date", "2025-11", "2025-12")])]
    assert [f.id for f in result.touched] == ["releases-f1", "all-f7"]
    assert compare(before, before).empty


def test_bad_revision_is_a_usage_error_without_traceback(repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "no-such-branch"])
    assert result.exit_code == 2
    assert "'no-such-branch' is not a revision in this repository" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert CliRunner().invoke(main, ["diff", "--", "--output=x"]).exit_code == 2


def test_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(MINIMAL, tmp_path / "data/events.yaml")
    (tmp_path / "data/figures.yaml").write_text(FIGURES)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(main, ["diff", "HEAD"])
    assert result.exit_code == 2 and "not a git repository" in result.output


def test_invalid_data_at_the_revision_is_reported_with_its_location(repo: Path) -> None:
    edit(repo, "    status: reported\n", "    status: reportd\n")
    git(repo, "commit", "-q", "-am", "typo")
    edit(repo, "    status: reportd\n", "    status: reported\n")
    result = CliRunner().invoke(main, ["diff", "HEAD"])
    assert result.exit_code == 1
    assert "HEAD:data/events.yaml:53:13: events[1].status: unknown status 'reportd'" in result.output


@pytest.mark.browser
@pytest.mark.skipif(find_browser() is None, reason="needs Chromium")
def test_images_before_and_after_for_each_touched_figure(repo: Path) -> None:
    edit(repo, "        value: 2026-02\n", "        value: 2026-03\n")
    result = CliRunner().invoke(main, ["diff", "HEAD", "--images", "shots"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo / "shots").iterdir()) == [".labfig-diff-images", "all-f7-after.png", "all-f7-before.png", "index.html"]
    assert (repo / "shots/all-f7-before.png").read_bytes().startswith(b"\x89PNG")
    assert '<img src="all-f7-before.png"' in (repo / "shots/index.html").read_text()


def test_an_event_edit_touches_the_figures_that_draw_it_not_the_posture_matrix(store: Store) -> None:
    event = store.events["lin-junyang-steps-down"]
    after = Store(**{**store.__dict__, "events": {**store.events, event.id: event.model_copy(update={"title": "Lin steps down"})}})
    touched = {fig.id for fig in compare(store, after).touched}
    assert touched == {"qwen-f7"}, f"only the stacked timelines draw this org event; touched: {sorted(touched)}"


def test_a_long_text_change_shows_the_changed_words(repo: Path) -> None:
    long_before = "Ada leaves the demo team after three years leading the work on the first two releases of the model family."
    long_after = "Ada leaves the demo team after four years leading the work on the first two releases of the model family."
    edit(repo, "    title: Ada leaves\n", f"    title: Ada leaves\n    summary: {long_before}\n")
    git(repo, "commit", "-q", "-am", "summary")
    edit(repo, f"    summary: {long_before}\n", f"    summary: {long_after}\n")
    out = diff().output
    assert "      summary: … the demo team after [-three-] {+four+} years leading the work …\n" in out
    md = diff("--format", "markdown").output
    assert "| `summary` | `… the demo team after` <del>`three`</del> `years leading the work …` | `… the demo team after` <ins>`four`</ins> `years leading the work …` |" in md


def _split(repo: Path, moved: str = "  - id: demo-2") -> None:
    """Move the events from `moved` up to ada-leaves out of data/events.yaml into data/events/demo.yaml, as they are."""
    text = (repo / "data/events.yaml").read_text()
    start, end = text.index(moved), text.index("  - id: ada-leaves")
    (repo / "data/events").mkdir(exist_ok=True)
    (repo / "data/events/demo.yaml").write_text("events:\n" + text[start:end])
    (repo / "data/events.yaml").write_text(text[:start] + text[end:])


def test_event_moved_to_its_subjects_file_is_reported_as_moved(repo: Path) -> None:
    _split(repo)
    result = diff()
    assert result.exit_code == 0, result.output
    assert result.output == ("Data changes from HEAD to the working tree: 1 event (1 moved); 0 figures touched.\n\n"
                             "Events\n"
                             "  > demo-2: Demo-2 (model, Nov 2025), moved from data/events.yaml to data/events/demo.yaml\n")
    table = diff("--format", "markdown").output
    assert "| moved | `demo-2` `Demo-2 (model, Nov 2025)` | file | `data/events.yaml` | `data/events/demo.yaml` |" in table


def test_event_moved_and_edited_shows_both_and_touches_figures(repo: Path) -> None:
    _split(repo)
    path = repo / "data/events/demo.yaml"
    path.write_text(path.read_text().replace("    date: 2025-11\n", "    date: 2025-12\n"))
    result = diff()
    assert result.exit_code == 0, result.output
    assert ("  > demo-2: Demo-2 (model, Dec 2025), moved from data/events.yaml to data/events/demo.yaml\n"
            "      date: 2025-11 -> 2025-12\n") in result.output
    assert "  releases-f1 (release-timeline): Demo releases\n      event demo-2 moved: date\n" in result.output
    assert "+ demo-2" not in result.output and "- demo-2" not in result.output


def test_per_subject_files_at_the_revision_are_read(repo: Path) -> None:
    _split(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "split")
    path = repo / "data/events/demo.yaml"
    path.write_text(path.read_text() + NEW_EVENT)
    result = diff()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Data changes from HEAD to the working tree: 1 event (1 added); 1 figure touched.\n")
    assert "  + bob-joins: Bob joins (org, Feb 2026)\n" in result.output
    # The same event moved back into the entry file, a revision later.
    path.write_text("events: []\n")
    text = (repo / "data/events.yaml").read_text()
    (repo / "data/events.yaml").write_text(text + "".join(MINIMAL.read_text().partition("  - id: demo-2")[1:]).split("  - id: ada-leaves")[0])
    back = diff()
    assert "  > demo-2: Demo-2 (model, Nov 2025), moved from data/events/demo.yaml to data/events.yaml\n" in back.output


def test_invalid_per_subject_file_at_the_revision_names_it(repo: Path) -> None:
    _split(repo)
    path = repo / "data/events/demo.yaml"
    path.write_text(path.read_text().replace("    status: reported\n", "    status: reportd\n"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "typo")
    path.write_text(path.read_text().replace("    status: reportd\n", "    status: reported\n"))
    result = CliRunner().invoke(main, ["diff", "HEAD"])
    assert result.exit_code == 1
    assert "HEAD:data/events/demo.yaml:7:13: events[0].status: unknown status 'reportd'" in result.output


HOSTILE = ROOT / "tests/data/hostile"


@pytest.fixture
def hostile_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the hostile store with its Markdown payloads plain; the working tree puts them in."""
    (tmp_path / "data").mkdir()
    text = (HOSTILE / "events.yaml").read_text()
    payload = text.index("  - id: evil-5\n")
    title = text.index("    title:", payload)
    end = text.find("\nmeasurements:", payload) + 1 or len(text)  # evil-5 is the last event; sections may follow
    plain = text[payload:title] + "    title: Plain\n    status: reported\n    sources: [s2]\n"
    (tmp_path / "data/events.yaml").write_text(text[:payload] + plain + text[end:])
    shutil.copy(HOSTILE / "figures.yaml", tmp_path / "data/figures.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "data/events.yaml").write_text(text.replace("title: \"=1+1 Evil-2\"", "title: \"Evil-2\\n\\nFigures touched\"", 1))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _markdown_outside_code(markdown: str) -> str:
    """The comment with every code span removed: what GitHub would render as Markdown."""
    import re

    return re.sub(r"(`+)(?:(?!\1).)+?\1", "", markdown)


def test_markdown_report_renders_hostile_data_inert(hostile_repo: Path) -> None:
    result = diff("--format", "markdown")
    assert result.exit_code == 0, result.output
    rendered = _markdown_outside_code(result.output)
    for live in ("](", "![", "@maintainers", "#1", "www.", "**", "<img", "<script", "\n  + evil-6", "Nothing else changed"):
        assert live not in rendered, f"{live!r} would render: {rendered}"
    assert "<ins>``[Approved](https://evil.example/ok) ![pixel](https://evil.example/t.png) @maintainers #1 www.evil.example **LGTM** `x` \\| y``</ins> |" in result.output
    assert "Fine.\\n\\nNothing else changed" in result.output  # the summary's line breaks shown, on one table row
    rows = [line for line in result.output.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 3 + 2 + 4 and all(line.endswith("|") for line in rows), rows  # no row broken, none forged


def test_text_report_prints_hostile_data_on_its_own_lines(hostile_repo: Path) -> None:
    result = diff()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Figures touched" in lines and lines.count("Figures touched") == 1, lines
    assert not any(line.startswith("Nothing else changed") for line in lines)
    assert "      title: =1+1 Evil-2 -> Evil-2\\n\\nFigures touched" in lines
    assert any(line.startswith("      summary: (not set) -> Fine.\\n\\nNothing else changed") for line in lines), lines
    assert "  ~ evil-2: Evil-2\\n\\nFigures touched (model, Jun 2025)" in lines
