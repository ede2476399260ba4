"""Per-subject event files (`data/events/SUBJECT.yaml`): found without a list, checked as one store, refused when unsafe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generators.datafiles import data_files
from generators.dataparts import Part, Reading
from generators.errors import DataErrors
from generators.load import load_store, load_store_files
from generators.yamlread import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"


@pytest.fixture
def split(tmp_path: Path) -> Path:
    """The minimal store with demo-2 and ada-leaves moved into events/demo.yaml; the entry file's path."""
    text = MINIMAL.read_text()
    cut = text.index("  - id: demo-2")
    (tmp_path / "events").mkdir()
    (tmp_path / "events/demo.yaml").write_text("events:\n" + text[cut:])
    entry = tmp_path / "events.yaml"
    entry.write_text(text[:cut])
    return entry


def errors_of(entry: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_store(entry, None, strict=True)
    return caught.value.report().splitlines()


def test_split_store_equals_the_single_file_store(split: Path) -> None:
    whole, _ = load_store(MINIMAL, None, strict=True)
    parts, _ = load_store(split, None, strict=True)
    assert list(parts.events) == list(whole.events) and parts.events == whole.events
    assert parts.subjects == whole.subjects and parts.sources == whole.sources
    assert parts.origins[("events", "demo-1")] == str(split)
    assert parts.origins[("events", "ada-leaves")] == str(split.parent / "events/demo.yaml")


def test_references_cross_files_both_ways(split: Path) -> None:
    # demo-2 (in demo.yaml) descends from demo-1 (in the entry file), and loads; now demo-1 cites an event of demo.yaml.
    entry = split.read_text().replace("      credits:\n", "      descends_from:\n        - release: ada-leaves\n          kind: variant\n"
                                      "      credits:\n", 1)
    split.write_text(entry)
    assert errors_of(split) == [f"{split}:46:20: events[0].release.descends_from[0].release: 'ada-leaves' is not a release "
                                "(it has no 'release' block)"]


def test_data_files_lists_entry_subject_files_and_figures(tmp_path: Path) -> None:
    (tmp_path / "data/events").mkdir(parents=True)
    for name in ("data/events.yaml", "data/figures.yaml", "data/events/zeta.yaml", "data/events/alpha.yaml", "data/events/.alpha.yaml.swp"):
        (tmp_path / name).write_text("events: []\n")
    (tmp_path / "data/events/notes.md").write_text("not data\n")
    assert data_files(tmp_path) == [Path("data/events.yaml"), Path("data/events/alpha.yaml"), Path("data/events/zeta.yaml"),
                                    Path("data/figures.yaml")]
    assert data_files(ROOT)[0] == Path("data/events.yaml") and data_files(ROOT)[-1] == Path("data/figures.yaml")


def test_files_held_in_memory_are_found_by_path(split: Path) -> None:
    files = {"data/events.yaml": split.read_bytes(), "data/events/demo.yaml": (split.parent / "events/demo.yaml").read_bytes()}
    store, _ = load_store_files(files, figures=None)
    assert list(store.events) == ["demo-1", "demo-2", "ada-leaves"]
    files["data/events/Demo.yaml"] = b"events: []\n"
    with pytest.raises(DataErrors) as caught:
        load_store_files(files, figures=None, prefix="abc123:")
    assert caught.value.report().startswith("abc123:data/events/Demo.yaml:1:1: the file name must be a subject id")


def test_symlinked_subject_file_and_folder_are_refused(split: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("token: do-not-print\n")
    (split.parent / "events/other.yaml").symlink_to(secret)
    assert errors_of(split) == [f"{split.parent}/events/other.yaml:1:1: is a symbolic link; a data file must be a regular file"]
    shutil.move(split.parent / "events", tmp_path / "elsewhere")
    (split.parent / "events").symlink_to(tmp_path / "elsewhere")
    assert errors_of(split)[0] == f"{split.parent}/events:1:1: is a symbolic link; the folder of per-subject files must be a real folder"


@pytest.mark.parametrize("name", ["evil\nname.yaml", "a\x1b[31mred.yaml", "rtl\u202eeliftxt.yaml", "c:\\x.yaml", "x" * 200 + ".yaml"])
def test_hostile_file_names_are_named_escaped_by_their_folder(split: Path, name: str) -> None:
    try:
        (split.parent / "events" / name).write_text("events: []\n")
    except OSError:
        pytest.skip("the file system refuses this name")
    lines = errors_of(split)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{split.parent}/events:1:1: the entry '")
    assert "\n" not in lines[0] and "\x1b" not in lines[0] and "\u202e" not in lines[0] and len(lines[0]) < 400


def test_undecodable_file_name_is_named_escaped(split: Path) -> None:
    folder = os.fsencode(split.parent / "events")
    try:
        with open(folder + b"/bad\xff.yaml", "wb") as handle:
            handle.write(b"events: []\n")
    except OSError:
        pytest.skip("the file system refuses undecodable names")
    assert errors_of(split)[0].startswith(f"{split.parent}/events:1:1: the entry 'bad\\udcff.yaml'")


def test_a_subject_file_beside_a_broken_entry_file_adds_no_name_error(split: Path) -> None:
    split.write_text(split.read_text().replace("subjects:\n", "subjects: [\n", 1))
    lines = errors_of(split)
    assert not any("the file name says subject" in line for line in lines), lines


def test_limits_for_all_files_together_name_the_file_that_crosses_them(split: Path) -> None:
    script = ("import sys; from pathlib import Path; from generators.load import load_store; from generators.errors import DataErrors\n"
              "from generators.settings import Settings\n"
              "try:\n    load_store(Path(sys.argv[1]), None, limits=Settings.from_environment().limits)\nexcept DataErrors as e:\n    print(e.report())\n")
    def run(**env: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, str(split)], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, **env}, timeout=60)
        return done.stdout.strip()
    size = split.stat().st_size
    demo = split.parent / "events/demo.yaml"
    assert run(LABFIG_MAX_TOTAL_BYTES=str(size + 10)) == (
        f"{demo}:1:1: the data files come to {size + demo.stat().st_size:,} bytes with this one; the limit for all of them "
        f"together is {size + 10:,} bytes (set LABFIG_MAX_TOTAL_BYTES to raise it)")
    limit = len(parse_yaml(split.read_bytes(), "entry").values) + 5
    values = run(LABFIG_MAX_TOTAL_VALUES=str(limit)).splitlines()
    assert values[0].startswith(f"{demo}:1:1: the data files hold ") and values[0].endswith(
        f" values with this one; the limit for all of them together is {limit:,} (set LABFIG_MAX_TOTAL_VALUES to raise it)")
    assert run(LABFIG_MAX_BYTES="600").splitlines()[0].startswith(f"{split}:1:1: file is {size:,} bytes; the limit for one file is")


def test_parse_cache_parses_again_only_a_changed_file(split: Path) -> None:
    cache: dict = {}
    load_store(split, None, cache=cache)
    kept = dict(cache)
    demo = split.parent / "events/demo.yaml"
    demo.write_text(demo.read_text().replace("title: Demo-2", "title: Demo-2 edited"))
    store, _ = load_store(split, None, cache=cache)
    assert store.events["demo-2"].title == "Demo-2 edited"
    assert cache[str(split)][1] is kept[str(split)][1], "the unchanged entry file was not parsed again"
    assert cache[str(demo)][1] is not kept[str(demo)][1]


def test_reading_counts_across_parts() -> None:
    reading = Reading()
    for name in ("a.yaml", "b.yaml"):
        reading.parse(Part(name, name, lambda: b"events: []\n"))
    assert reading.total_bytes == 22 and reading.total_values == 4
