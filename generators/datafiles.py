"""Which files make up the data: an entry file (`data/events.yaml`) in, it and its per-subject files out.

A subject's events may live in `data/events/SUBJECT.yaml`, the folder named after the entry file.
Nothing lists those files: they are found by looking in the folder, with one rule for a folder on
disk (`discover`) and for a folder's listing from anywhere else, such as a git tree (`classify`).
The names of what is found end up in error messages, so a name that could not be printed as it is
never becomes a file name in a message: the folder is named instead, with the name escaped.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from generators.errors import DataError
from generators.model.fields import printable, shown
from generators.settings import MAX_FILES

DEFAULT_EVENTS = Path("data/events.yaml")
DEFAULT_FIGURES = Path("data/figures.yaml")
SUFFIX = ".yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
Kind = Literal["file", "symlink", "folder", "other"]


@dataclass(frozen=True)
class SubjectFile:
    """A per-subject file found in the folder: the subject its name gives, its path, and the name errors print."""

    subject: str
    path: Path
    display: str


def display_name(path: Path) -> str:
    """How errors name a file: relative to the working directory when it is inside it (`data/events.yaml`), else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def subject_folder(events_path: Path) -> Path:
    """The folder of per-subject files that belongs to an entry file: `data/events.yaml` -> `data/events`."""
    return events_path.with_suffix("")


def subject_file(events_path: Path, subject: str) -> Path:
    """Where the events of `subject` go: `data/events/qwen.yaml`."""
    return subject_folder(events_path) / f"{subject}{SUFFIX}"


def data_files(project: Path = Path("."), events: Path = DEFAULT_EVENTS, figures: Path = DEFAULT_FIGURES) -> list[Path]:
    """Every data file of a project, as paths inside it: the entry file, its per-subject files in name order, the figures.

    Only files that would be read are listed; what discovery refuses (a symlink, a stray name) is left out.
    """
    found, _ = discover(project / events, str(events))
    out = [events] + [events.with_suffix("") / f.path.name for f in found]
    return out + ([figures] if (project / figures).is_file() else [])


def discover(events_path: Path, display: str, max_files: int = MAX_FILES) -> tuple[list[SubjectFile], list[DataError]]:
    """The per-subject files beside an entry file (`display` is how errors name the entry), and what is wrong in the folder."""
    folder, shown_folder = subject_folder(events_path), str(PurePosixPath(display).with_suffix(""))
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [DataError(shown_folder, 1, 1, "", f"cannot read the folder: {exc.strerror}")]
    if stat.S_ISLNK(info.st_mode):
        return [], [DataError(shown_folder, 1, 1, "", "is a symbolic link; the folder of per-subject files must be a real folder")]
    if not stat.S_ISDIR(info.st_mode):
        return [], [DataError(shown_folder, 1, 1, "", f"is not a folder; per-subject files go in a folder {shown_folder}/")]
    try:
        entries = [(entry.name, _kind(entry)) for entry in os.scandir(folder)]
    except OSError as exc:
        return [], [DataError(shown_folder, 1, 1, "", f"cannot read the folder: {exc.strerror}")]
    return classify(folder, shown_folder, entries, max_files)


def listing(paths: Iterable[str], events: str) -> list[tuple[str, Kind]]:
    """The entries of the per-subject folder among project paths (`data/events/qwen.yaml`, ...), as `classify` takes them."""
    prefix = events.removesuffix(SUFFIX) + "/"
    out: dict[str, Kind] = {}
    for path in paths:
        if path.startswith(prefix):
            name, sep, _ = path[len(prefix):].partition("/")
            out[name] = "folder" if sep else "file"
    return list(out.items())


def classify(folder: Path, display: str, entries: Iterable[tuple[str, Kind]],
             max_files: int = MAX_FILES) -> tuple[list[SubjectFile], list[DataError]]:
    """Sort a folder's entries into per-subject files and errors; hidden files and editors' backups (`name~`) are skipped."""
    files, errors = [], []
    visible = sorted((name, kind) for name, kind in entries if not name.startswith(".") and not name.endswith("~"))
    if len(visible) > max_files:
        return [], [DataError(display, 1, 1, "", f"the folder holds {len(visible):,} entries; the limit is {max_files:,} per-subject files"
                              " (set LABFIG_MAX_FILES to raise it)")]
    for name, kind in visible:
        problem = _problem(name, kind)
        if problem is None:
            files.append(SubjectFile(name.removesuffix(SUFFIX), folder / name, f"{display}/{name}"))
        elif _printable_name(name):
            errors.append(DataError(f"{display}/{name}", 1, 1, "", problem))
        else:
            errors.append(DataError(display, 1, 1, "", f"the entry {shown(name, 60)} {problem}"))
    return files, errors


def _problem(name: str, kind: Kind) -> str | None:
    """Why an entry of the folder is not a per-subject file, or None when it is one."""
    stem, suffix = os.path.splitext(name)
    if kind == "symlink":
        return "is a symbolic link; a data file must be a regular file"
    if kind == "folder":
        return f"is a folder; per-subject files sit directly in the folder, named SUBJECT{SUFFIX}"
    if kind == "other":
        return "is not a regular file"
    if suffix.lower() in (".yml", ".yaml") and suffix != SUFFIX:
        return f"data files end in '{SUFFIX}'; rename it to '{stem}{SUFFIX}'" if _printable_name(name) else f"does not end in '{SUFFIX}'"
    if suffix != SUFFIX:
        return f"is not a data file; this folder holds one SUBJECT{SUFFIX} file per subject, and nothing else"
    if not _SLUG.match(stem) or len(stem) > 80:
        lowered = stem.lower().strip()
        hint = f" (did you mean '{lowered}{SUFFIX}'?)" if _SLUG.match(lowered) and _printable_name(name) else ""
        return f"the file name must be a subject id (lowercase letters and digits joined by single hyphens or dots) followed by '{SUFFIX}'{hint}"
    return None


def _printable_name(name: str) -> bool:
    """Whether a name can stand as itself in `file:line:col:` without breaking the line or hiding what it is."""
    return len(name) <= 120 and printable(name) and ":" not in name and "\\" not in name and name.isprintable()


def _kind(entry: os.DirEntry[str]) -> Kind:
    if entry.is_symlink():
        return "symlink"
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def subject_files_in(files: Mapping[str, bytes], events: str, entries: list[tuple[str, Kind]] | None = None,
                     max_files: int = MAX_FILES) -> tuple[list[SubjectFile], list[DataError]]:
    """`discover` for files held in memory by project path (a git tree): the per-subject files among them, or in `entries`."""
    folder = events.removesuffix(SUFFIX)
    return classify(Path(folder), folder, listing(files, events) if entries is None else entries, max_files)
