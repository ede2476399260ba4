"""Where a command may write: a target folder and the project in, the folder (resolved) or a one-line refusal out.

A command that writes a folder (`build`, `diff --images`, `schema`, a plain `mkdocs build` through the
hook) writes only into a folder that is missing, empty, or one it wrote before, which it knows by
a stamp file it leaves inside, never by guessing from what the folder holds. It never writes into
the project itself, a folder holding the project or its sources, or a folder inside `data/`,
`content/` or `.git/`: replacing such a folder would delete an editor's only copy of their work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

SITE_STAMP = ".labfig-site"
DIFF_STAMP = ".labfig-diff-images"
SCHEMA_FILES = frozenset({"events.schema.json", "subject-events.schema.json", "figures.schema.json"})


class TargetRefused(Exception):
    """The output folder is one the command must not write into; the message is one line for the user."""


@dataclass(frozen=True)
class Project:
    """The project folders and the sources in them that no output may contain or lie inside."""

    roots: tuple[Path, ...]
    sources: tuple[Path, ...]
    docs_dir: Path | None = None

    @classmethod
    def around(cls, *, config_file: Path | None = None, docs_dir: Path | None = None,
               data_files: Iterable[Path] = ()) -> Project:
        """The project of the current directory, the MkDocs configuration and the data files."""
        roots = {Path.cwd().resolve()}
        sources: set[Path] = set()
        if config_file is not None:
            roots.add(config_file.resolve().parent)
            sources.add(config_file.resolve())
        docs = docs_dir.resolve() if docs_dir is not None else None
        for root in list(roots):
            for name in ("data", "content", "mkdocs.yml", ".git"):
                if (root / name).exists():
                    sources.add(root / name)
            docs = docs or ((root / "content") if (root / "content").is_dir() else None)
        if docs is not None:
            sources.add(docs)
        sources.update(path.resolve().parent for path in data_files)
        return cls(tuple(sorted(roots)), tuple(sorted(sources)), docs)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _show(path: Path) -> str:
    try:
        relative = path.relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path)
    return f"{relative}/" if str(relative) != "." else "the current folder"


def check_target(target: Path, project: Project, *, owned: Callable[[Path], bool], foreign: str, option: str) -> Path:
    """The resolved `target` if the command may replace or fill it; else raise TargetRefused saying why.

    `owned(folder)` says whether a non-empty folder is one the command wrote; `foreign` says how a
    folder it did not write is told apart (the missing stamp).
    """
    folder = target.expanduser().resolve()
    where = f"refusing to write into {_show(folder)}"
    hint = f"; choose another folder with {option}"
    for root in project.roots:
        if folder == root:
            raise TargetRefused(f"{where}: it is the project folder itself{hint}")
        if root in folder.parents:
            continue
        if _inside(root, folder):
            raise TargetRefused(f"{where}: it contains the project folder {root}{hint}")
    for source in project.sources:
        if source == folder:
            raise TargetRefused(f"{where}: it is the project's {_show(source)}{hint}")
        if _inside(source, folder):
            raise TargetRefused(f"{where}: it contains the project's {_show(source).rstrip('/')}{hint}")
        if source.is_dir() and source in folder.parents:
            raise TargetRefused(f"{where}: it lies inside the project's {_show(source)}{hint}")
    if folder.exists() and not folder.is_dir():
        raise TargetRefused(f"{where}: it is a file, not a folder{hint}")
    blocker = next((p for p in folder.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise TargetRefused(f"{where}: {_show(blocker).rstrip('/')} is a file, not a folder{hint}")
    if folder.is_dir() and any(os.scandir(folder)) and not owned(folder):
        raise TargetRefused(f"{where}: it is not empty and this tool did not write it ({foreign}); "
                            f"empty it yourself if it may go{hint}")
    return folder


def site_target(target: Path, project: Project, option: str = "--out") -> Path:
    """`check_target` for a built site: a folder holding the site stamp is one an earlier build made."""
    return check_target(target, project, owned=lambda f: (f / SITE_STAMP).is_file(), foreign=f"it has no {SITE_STAMP} stamp", option=option)


def diff_images_target(target: Path, project: Project) -> Path:
    """`check_target` for `diff --images`: a folder an earlier diff wrote holds its stamp."""
    return check_target(target, project, owned=lambda f: (f / DIFF_STAMP).is_file(), foreign=f"it has no {DIFF_STAMP} stamp", option="--images")


def schema_target(target: Path, project: Project) -> Path:
    """`check_target` for `schema --out`: the command writes its schema files and nothing else, so a folder
    holding only those files (as `schema/` does) is its own."""
    return check_target(target, project, owned=lambda f: {p.name for p in f.iterdir()} <= SCHEMA_FILES,
                        foreign="it holds files other than " + " and ".join(sorted(SCHEMA_FILES)), option="--out")
