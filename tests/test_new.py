"""`python -m generators new`: a checked event appended to the store, every byte above it unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generators.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copy(MINIMAL, path)
    (tmp_path / "figures.yaml").write_text("figures: []\n")
    return path


def new(events: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["new", "--events", str(events), *args], input=input)


def validate(events: Path, figures: Path | None = None) -> Result:
    figures = figures or events.parent / "figures.yaml"
    return CliRunner().invoke(main, ["validate", "--strict", "--events", str(events), "--figures", str(figures)])


def test_new_from_options_appends_a_valid_event(events: Path) -> None:
    before = events.read_bytes()
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3: the sequel",
                 "--source", "press", "--family", "demo", "--generation", "3", "--tier", "flagship", "--licence", "api-only")
    assert result.exit_code == 0, result.output
    assert result.output == f"added event 'demo-3-the-sequel' at the end of the events in {events}\n"
    after = events.read_bytes()
    assert after.startswith(before), "every original byte stays where it was"
    assert after[len(before):].decode() == (
        "  - id: demo-3-the-sequel\n"
        "    subject: demo\n"
        "    axis: model\n"
        "    date: 2026-02\n"
        '    title: "Demo-3: the sequel"\n'
        "    status: reported\n"
        "    sources: [press]\n"
        "    release:\n"
        "      family: demo\n"
        '      generation: "3"\n'
        "      tier: flagship\n"
        "      licence: api-only\n")
    checked = validate(events)
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("ok: 4 events")


def test_new_by_prompts_asks_again_after_a_wrong_answer(events: Path) -> None:
    before = events.read_text()
    answers = ["org", "dmeo", "demo", "2026-02-30", "early 2026-04", "Ada returns", "paper", "", "ada-back", "ada", "joined"]
    result = new(events, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: unknown subject 'dmeo'; did you mean 'demo'?" in result.output
    assert "Error: '2026-02-30' does not exist: February 2026 has 28 days" in result.output
    assert "Status (confirmed, reported, pending, source-needed) [confirmed]:" in result.output
    assert "Event id [ada-returns]:" in result.output
    added = events.read_text()[len(before):]
    assert added == ("  - id: ada-back\n    subject: demo\n    axis: org\n    date: early 2026-04\n    title: Ada returns\n"
                     "    status: confirmed\n    sources: [paper]\n    move:\n      person: ada\n      kind: joined\n")
    assert validate(events).exit_code == 0


def test_new_minimal_event_with_no_source_yet(events: Path) -> None:
    answers = ["structure", "demo", "2026", "Demo team dissolved", "", "", "", ""]
    result = new(events, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert events.read_text().endswith("    date: \"2026\"\n    title: Demo team dissolved\n    status: source-needed\n    sources: []\n")
    assert validate(events).exit_code == 0


def test_new_keeps_comments_blank_lines_and_order_of_the_real_file(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    shutil.copy(ROOT / "data/events.yaml", events)
    before = events.read_bytes()
    result = new(events, "--axis", "structure", "--subject", "qwen", "--date", "2026-04", "--title", "Tongyi Lab renamed",
                 "--source", "fullduplex-qwen-profile", "--unit", "tongyi-lab", "--kind", "renamed")
    assert result.exit_code == 0, result.output
    after = events.read_bytes()
    assert after.startswith(before)
    # The file separates events with a blank line; the new one follows suit.
    assert after[len(before):].startswith(b"\n  - id: tongyi-lab-renamed\n")
    assert validate(events, ROOT / "data/figures.yaml").exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--subject", "dmeo"], "Invalid value for '--subject': unknown subject 'dmeo'; did you mean 'demo'?"),
    (["--date", "March the 14th"], "Invalid value for '--date': 'March the 14th' is not a date"),
    (["--source", "nope"], "Invalid value for '--source': unknown source 'nope'"),
    (["--id", "demo-1"], "Invalid value for '--id': an event with id 'demo-1' already exists"),
    (["--status", "confirmed"], "Invalid value for '--status': 'confirmed' needs a primary source"),
    (["--family", "demo"], "--family, --generation, --tier, --licence go together; missing --generation, --tier, --licence"),
    (["--person", "ada", "--kind", "left"], "--person does not apply to axis 'model'; its details are --family, --generation"),
])
def test_bad_options_are_usage_errors_and_leave_the_file_alone(events: Path, args: list[str], message: str) -> None:
    before = events.read_bytes()
    base = {"--axis": "model", "--subject": "demo", "--date": "2026-02", "--title": "Demo-3", "--source": "press"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = new(events, *[part for pair in base.items() for part in pair])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert events.read_bytes() == before


def test_id_defaults_to_a_free_slug_of_the_title(events: Path) -> None:
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo 1", "--source", "press")
    assert result.exit_code == 0, result.output
    assert "  - id: demo-1-2\n" in events.read_text()


def test_interrupted_write_leaves_the_old_file_and_no_debris(events: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = events.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3", "--source", "press")
    assert result.exit_code != 0
    assert events.read_bytes() == before
    assert sorted(p.name for p in events.parent.iterdir()) == ["events.yaml", "figures.yaml"]
