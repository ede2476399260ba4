"""The command line as an editor meets it: exit codes, one line per error, never a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.measure_edit import misspell_status
from generators.cli import main

MINIMAL = Path("tests/data/valid/minimal.yaml")
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generators", *args], capture_output=True, text=True, timeout=120)


def test_validate_real_data_exits_0() -> None:
    result = run("validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_invalid_data_exits_1_with_located_errors_and_no_traceback() -> None:
    result = run("validate", "--events", "tests/data/invalid/unknown-licence.yaml", "--figures", str(MINIMAL))
    assert result.returncode == 1
    assert "tests/data/invalid/unknown-licence.yaml:59:16: events[1].release.licence: unknown licence 'apache2'; did you mean 'apache-2.0'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["validate", "--no-such-option"])
    assert result.exit_code == 2


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("    url: https://example.org/demo-1\n    primary: true\n", "")
    events = tmp_path / "events.yaml"
    events.write_text(text)
    empty_figures = tmp_path / "figures.yaml"
    empty_figures.write_text("figures: []\n")
    relaxed = CliRunner().invoke(main, ["validate", "--events", str(events), "--figures", str(empty_figures)])
    strict = CliRunner().invoke(main, ["validate", "--strict", "--events", str(events), "--figures", str(empty_figures)])
    assert relaxed.exit_code == 0 and "warning: confirmed, but none of its sources is primary" in relaxed.output
    assert strict.exit_code == 1


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 20, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_validate_github_format_prints_annotations_that_data_cannot_break(tmp_path: Path) -> None:
    from generators.annotations import annotation
    from generators.errors import DataError

    shutil.copytree(ROOT / "data", tmp_path / "data")
    events = tmp_path / "data/events.yaml"
    misspell_status(events)
    result = CliRunner().invoke(main, ["validate", "--format", "github", "--events", str(events), "--figures", str(ROOT / "data/figures.yaml")])
    assert result.exit_code == 1
    line = next(out for out in result.output.splitlines() if out.startswith("::error "))
    assert re.match(r"^::error file=[^,]*\.yaml,line=\d+,col=13,title=events\[\d+\]\.status::unknown status 'confimred'", line)
    # A newline in a message would start a command of its own; commas and colons would end a property.
    hostile = annotation(DataError("data/a,b:c.yaml", 3, 5, "events[0].title", "bad\n::error::injected 100%"))
    assert hostile == "::error file=data/a%2Cb%3Ac.yaml,line=3,col=5,title=events[0].title::bad%0A::error::injected 100%25"
    ok = CliRunner().invoke(main, ["validate", "--format", "github", "--events", str(ROOT / "data/events.yaml"),
                                   "--figures", str(ROOT / "data/figures.yaml")])
    assert ok.exit_code == 0 and ok.output.startswith("ok: ")


@pytest.mark.parametrize("broken", ["", "events:\n  - id: 'unclosed\n    title: x\n"], ids=["empty", "unclosed-quote"])
def test_one_unparsable_file_is_one_error_without_follow_on_errors(tmp_path: Path, broken: str) -> None:
    # The figures refer to subjects and events of the broken file: each would otherwise be "unknown".
    events = tmp_path / "events.yaml"
    events.write_text(broken)
    result = CliRunner().invoke(main, ["validate", "--events", str(events), "--figures", str(ROOT / "data/figures.yaml")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{events}:") and lines[1] == "1 problem found; nothing was built.", lines
