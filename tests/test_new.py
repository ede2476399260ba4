"""`python -m generators new`: a checked event appended to its subject's file, every byte above it unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generators.cli import main
from generators.new_target import schema_reference

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copy(MINIMAL, path)
    (tmp_path / "figures.yaml").write_text("figures: []\n")
    return path


def demo_file(events: Path) -> Path:
    """Where the events of subject `demo` go."""
    return events.parent / "events" / "demo.yaml"


HEADER = ("# yaml-language-server: $schema=../../schema/subject-events.schema.json\n"
          "#\n"
          "# What is dated about Demo Lab (subject `demo`), one entry each, as in events.yaml.\n"
          "# What every subject shares (subjects, licences, sources, people, units, postures) stays in\n"
          "# events.yaml; every entry here has `subject: demo`.\n"
          "\n"
          "events:\n")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a person ran `new` in a terminal: missing answers are prompted for."""
    monkeypatch.setattr("generators.new_event.stdin_is_terminal", lambda: True)


def new(events: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["new", "--events", str(events), *args], input=input)


def validate(events: Path, figures: Path | None = None) -> Result:
    figures = figures or events.parent / "figures.yaml"
    return CliRunner().invoke(main, ["validate", "--strict", "--events", str(events), "--figures", str(figures)])


def test_new_from_options_starts_the_subjects_file_with_a_valid_event(events: Path) -> None:
    before = events.read_bytes()
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3: the sequel",
                 "--source", "press", "--family", "demo", "--generation", "3", "--tier", "flagship", "--licence", "api-only")
    assert result.exit_code == 0, result.output
    assert result.output == (f"added event 'demo-3-the-sequel' to {demo_file(events)}, a new file for the events of subject 'demo'\n")
    assert events.read_bytes() == before, "the entry file is left alone"
    assert demo_file(events).read_text() == HEADER + (
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


def test_new_appends_to_an_existing_subject_file(events: Path) -> None:
    args = ["--axis", "model", "--subject", "demo", "--date", "2026-02", "--source", "press"]
    assert new(events, *args, "--title", "Demo-3").exit_code == 0
    before = demo_file(events).read_bytes()
    result = new(events, *args, "--title", "Demo-4")
    assert result.exit_code == 0, result.output
    assert result.output == f"added event 'demo-4' at the end of the events in {demo_file(events)}\n"
    after = demo_file(events).read_bytes()
    assert after.startswith(before)
    assert after[len(before):].startswith(b"  - id: demo-4\n    subject: demo\n")
    assert validate(events).output.startswith("ok: 5 events")


def test_schema_reference_follows_the_entry_files_own() -> None:
    assert schema_reference("# yaml-language-server: $schema=../schema/events.schema.json\nsubjects: []\n") == \
        "../../schema/subject-events.schema.json"
    assert schema_reference("# yaml-language-server: $schema=../../../schema/events.schema.json\n") == \
        "../../../../schema/subject-events.schema.json"
    assert schema_reference("subjects: []\n") == "../../schema/subject-events.schema.json"


def test_new_by_prompts_asks_again_after_a_wrong_answer(events: Path, terminal: None) -> None:
    answers = ["org", "dmeo", "demo", "2026-02-30", "early 2026-04", "Ada returns", "paper", "", "ada-back", "ada", "joined", ""]
    result = new(events, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: unknown subject 'dmeo'; did you mean 'demo'?" in result.output
    assert "Error: '2026-02-30' does not exist: February 2026 has 28 days" in result.output
    assert "Status (confirmed, reported, pending, source-needed) [confirmed]:" in result.output
    assert "Event id [ada-returns]:" in result.output
    added = demo_file(events).read_text().removeprefix(HEADER)
    assert added == ("  - id: ada-back\n    subject: demo\n    axis: org\n    date: early 2026-04\n    title: Ada returns\n"
                     "    status: confirmed\n    sources: [paper]\n    move:\n      person: ada\n      kind: joined\n")
    assert validate(events).exit_code == 0


def test_new_minimal_event_with_no_source_yet(events: Path, terminal: None) -> None:
    answers = ["structure", "demo", "2026", "Demo team dissolved", "", "", "", "", ""]
    result = new(events, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert demo_file(events).read_text().endswith("    date: \"2026\"\n    title: Demo team dissolved\n    status: source-needed\n    sources: []\n")
    assert validate(events).exit_code == 0


def test_new_keeps_comments_blank_lines_and_order_of_the_real_files(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    events, qwen = tmp_path / "data/events.yaml", tmp_path / "data/events/qwen.yaml"
    entry, before = events.read_bytes(), qwen.read_bytes() if qwen.exists() else b""
    result = new(events, "--axis", "structure", "--subject", "qwen", "--date", "2026-04", "--title", "Tongyi Lab renamed",
                 "--source", "fullduplex-qwen-profile", "--unit", "tongyi-lab", "--kind", "renamed")
    assert result.exit_code == 0, result.output
    assert events.read_bytes() == entry
    after = qwen.read_bytes()
    if before:  # the file separates events with a blank line; the new one follows suit, last of the events
        at = after.index(b"\n  - id: tongyi-lab-renamed\n")
        assert after[:at] + after[at + len(after) - len(before):] == before, "nothing but the new event changes"
        assert b"\n  - id: " not in after[at + 1:after.index(b"\nmeasurements:")], "it follows the last event, before the measurements"
    else:
        assert after.startswith(b"# yaml-language-server: $schema=")
    assert validate(events, tmp_path / "data/figures.yaml").exit_code == 0


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
    assert not demo_file(events).parent.exists()


def test_id_defaults_to_a_free_slug_of_the_title(events: Path) -> None:
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo 1", "--source", "press")
    assert result.exit_code == 0, result.output
    assert "  - id: demo-1-2\n" in demo_file(events).read_text(), "demo-1 is taken in events.yaml"


def test_interrupted_write_leaves_the_old_file_and_no_debris(events: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = events.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3", "--source", "press")
    assert result.exit_code != 0
    assert events.read_bytes() == before
    assert sorted(p.name for p in events.parent.iterdir()) == ["events.yaml", "figures.yaml"]


def test_new_refuses_an_event_the_file_already_records(events: Path) -> None:
    before = events.read_bytes()
    # Demo-1: same subject, axis and date, the title in another case and spacing.
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2025-03-14", "--title", "demo-1 ", "--source", "paper")
    assert result.exit_code == 2, result.output
    assert ("event 'demo-1' already records this: same subject (demo), axis (model), date (2025-03-14) and title"
            in " ".join(result.output.split()))
    assert events.read_bytes() == before
    # Running the same command twice: the second run is refused.
    args = ["--axis", "org", "--subject", "demo", "--date", "2026-02", "--title", "Ada leaves", "--source", "press",
            "--person", "ada", "--kind", "left"]
    assert new(events, *args).exit_code == 0
    again = new(events, *args)
    assert again.exit_code == 2 and "already records this" in again.output
    # Same person, date and axis under another title is the same move.
    other = new(events, *args[:7], "Ada Example departs", *args[8:])
    assert other.exit_code == 2 and "date (2026-02) and person" in " ".join(other.output.split())
    # A different date is a different event.
    assert new(events, *args[:5], "2026-05", *args[6:]).exit_code == 0


def test_new_reports_every_bad_option_at_once(events: Path) -> None:
    before = events.read_bytes()
    result = new(events, "--axis", "modle", "--subject", "dmeo", "--date", "2026-02-30", "--title", "X", "--source", "nope",
                 "--status", "confimred")
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    for line in ("Invalid value for '--axis': unknown axis 'modle'; did you mean 'model'?",
                 "Invalid value for '--subject': unknown subject 'dmeo'; did you mean 'demo'?",
                 "Invalid value for '--date': '2026-02-30' does not exist",
                 "Invalid value for '--source': unknown source 'nope'",
                 "Invalid value for '--status': unknown status 'confimred'; did you mean 'confirmed'?",
                 "(5 problems with the options; nothing was written)"):
        assert line in text, f"missing {line!r} in {text}"
    assert "Traceback" not in result.output and events.read_bytes() == before


def test_new_without_a_terminal_names_the_missing_options(events: Path) -> None:
    before = events.read_bytes()
    result = new(events, "--axis", "model", "--subject", "dmeo")
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert ("missing --date, --title, --source (--source '' when there is none yet): there is no terminal to ask on, "
            "so give them as options") in text
    assert "Invalid value for '--subject': unknown subject 'dmeo'" in text
    assert "Aborted" not in result.output and "Date (" not in result.output, "it prompted with nobody to answer"
    assert events.read_bytes() == before


def test_new_adds_alternatives_and_credits(events: Path) -> None:
    result = new(events, "--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3", "--source", "press",
                 "--family", "demo", "--generation", "3", "--tier", "flagship", "--licence", "api-only",
                 "--alt", "date=2026-03-01@paper", "--alt", "release.licence=apache-2.0@paper",
                 "--credit", "ada=lead author", "--credit", "demo-team=team")
    assert result.exit_code == 0, result.output
    assert demo_file(events).read_text().removeprefix(HEADER) == (
        "  - id: demo-3\n    subject: demo\n    axis: model\n    date: 2026-02\n    title: Demo-3\n    status: reported\n"
        "    sources: [press]\n    release:\n      family: demo\n      generation: \"3\"\n      tier: flagship\n"
        "      licence: api-only\n      credits:\n        - person: ada\n          role: lead author\n"
        "        - unit: demo-team\n          role: team\n    alternatives:\n      - field: date\n        value: 2026-03-01\n"
        "        sources: [paper]\n      - field: release.licence\n        value: apache-2.0\n        sources: [paper]\n")
    assert validate(events).exit_code == 0, validate(events).output


@pytest.mark.parametrize(("args", "message"), [
    (["--alt", "colour=red@press"], "Invalid value for '--alt': unknown field 'colour'"),
    (["--alt", "date=2026-13@press"], "Invalid value for '--alt': '2026-13'"),
    (["--alt", "date=2026-03"], "Invalid value for '--alt': 'date=2026-03' is not FIELD=VALUE@SOURCE"),
    (["--alt", "date=2026-03@nope"], "Invalid value for '--alt': unknown source 'nope'"),
    # The data's rules for other claims, named at the option that breaks them.
    (["--alt", "release.licence=apache-2.0@paper,press"], "Invalid value for '--alt': 'release.licence=apache-2.0@paper,press': "
     "every source of the event (press) would also back another release.licence, leaving the event's release.licence "
     "without a source of its own"),
    (["--alt", "date=2026-03@paper", "--alt", "date=2026-04@press"], "Invalid value for '--alt': 'date=2026-04@press': "
     "every source of the event (press)"),
    (["--alt", "date=2026-02@paper"], "Invalid value for '--alt': 'date=2026-02@paper' repeats the event's own date '2026-02'"),
    (["--alt", "release.licence=API-only@paper"], "repeats the event's own release.licence 'api-only'"),
    (["--credit", "bob=lead"], "Invalid value for '--credit': 'bob' is neither a person nor a unit"),
    (["--credit", "ada"], "Invalid value for '--credit': 'ada' is not ID=ROLE"),
])
def test_bad_alternatives_and_credits_are_usage_errors(events: Path, args: list[str], message: str) -> None:
    base = ["--axis", "model", "--subject", "demo", "--date", "2026-02", "--title", "Demo-3", "--source", "press",
            "--family", "demo", "--generation", "3", "--tier", "flagship", "--licence", "api-only"]
    result = new(events, *base, *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())


def test_credit_needs_a_release(events: Path) -> None:
    result = new(events, "--axis", "structure", "--subject", "demo", "--date", "2026-02", "--title", "Demo team grows",
                 "--source", "press", "--credit", "ada=lead")
    assert result.exit_code == 2 and "--credit needs a release" in result.output


def test_prompts_ask_for_alternatives_and_credits(events: Path, terminal: None) -> None:
    answers = ["model", "demo", "2026-02", "Demo-4", "press", "", "", "demo", "4", "base", "apache-2.0",
               "date=2026-01@nope", "date=2026-01@press,paper", "date=2026-01@paper", "", "ada=lead author", ""]
    result = new(events, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: unknown source 'nope'" in result.output
    assert "every source of the event (press) would also back another date" in " ".join(result.output.split()), "asked again"
    added = demo_file(events).read_text().removeprefix(HEADER)
    assert "      credits:\n        - person: ada\n          role: lead author\n" in added
    assert "    alternatives:\n      - field: date\n        value: 2026-01\n        sources: [paper]\n" in added
