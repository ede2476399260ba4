"""Kept files of figure versions: a planned version and the site in; its files at its permanent address out, from disk.

A version's files (embed page, JSON per plan, CSV, data JSON and, in a build with images, its PNG/SVG)
depend only on what it draws, how it is shown (its number and date, whether a newer version exists) and
the site's name and address. They are kept under `.cache/version-files/CODE/CONFIG/KEY/`: CODE hashes the
whole generator, CONFIG the site's name, address and whether images are made, KEY all the rest. A later
build hard-links them into the site (copying where a link cannot be made) instead of loading the data at
that commit and drawing them again. The citations carry the build's date too, so they are kept apart
(`cite-KEY.json`) and rewritten from the kept title when only the date moved.

Each entry lists the files it holds (`_kept.json`, written first), so `prune` removes exactly what the
cache wrote: entries of older code, and this configuration's entries that the build no longer used.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from generators.files import source_digest
from generators.render.embed_kit import SiteInfo, citable_of, citation_files
from generators.render.version_files import PlannedVersion

CACHE = Path(".cache/version-files")
SCHEMA = "2"
MANIFEST = "_kept.json"  # what an entry holds, and its figure's title (what the citations need besides the history)
CITATIONS = ("citation.bib", "citation.json")
MARK = "_kept"  # in a kept citation file: written by this cache
CODE_NAME = re.compile(r"[0-9a-f]{16}")
CONFIG_NAME = re.compile(r"[0-9a-f]{12}")
ENTRY_NAME = re.compile(r"([0-9a-f]{32})(?:\.part-(\d+))?")
CITE_NAME = re.compile(r"cite-[0-9a-f]{32}\.json(?:\.part-(\d+))?")


@functools.cache
def code_version() -> str:
    """A hash of every module and template of the generator: any change to how a version is drawn or worded
    gives new keys (entries of older code are pruned)."""
    package = Path(__file__).resolve().parent.parent
    return source_digest((p for p in package.rglob("*") if p.suffix in (".py", ".j2") and "__pycache__" not in p.parts),
                         package, SCHEMA)



def _hash(parts: list[Any], length: int = 32) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:length]


def files_key(plan: PlannedVersion, site: SiteInfo, images: bool) -> str:
    """What a version's files (all but the citations) are made of."""
    shown, version = plan.shown, plan.version
    latest = shown.latest
    newer = None if shown.is_latest or latest is None else [latest.number, latest.date]
    return _hash([code_version(), version.figure_id, version.number, version.render_key, version.date, version.data_version,
                  shown.pinned, shown.removed, newer, site.name, site.url, images])


def citations_key(plan: PlannedVersion, site: SiteInfo) -> str:
    version = plan.version
    return _hash([code_version(), version.figure_id, version.number, version.render_key, version.date, version.data_version,
                  plan.shown.pinned, site.name, site.url, site.date])


def link_or_copy(source: Path, dest: Path) -> None:
    """Put `source` at `dest` as a hard link, or a copy where the file system cannot link (another device, say)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copyfile(source, dest)


class VersionFiles:
    """The kept files of every version for one site configuration (None: keep nothing, as a read-only checkout does)."""

    def __init__(self, cache: Path | None, site: SiteInfo, images: bool) -> None:
        self.root = cache
        self.folder = cache / code_version() / _hash([site.name, site.url, images], 12) if cache else None
        self.site, self.images = site, images
        self.copied = 0  # versions whose files came from the cache in this build
        self.used: set[str] = set()  # entry and citation file names this build read or wrote
        self.planned = 0  # versions this build publishes: none when it had no history to read

    def place(self, plans: list[PlannedVersion], files: dict[str, bytes], linked: dict[str, Path]) -> list[PlannedVersion]:
        """Put every kept version's files in `linked` (site path -> kept file) and its citations in `files`;
        the plans whose files are not kept, to be drawn."""
        drawn = []
        self.planned += len(plans)
        for plan in plans:
            kept = self.cached(plan)
            if kept is None:
                drawn.append(plan)
            else:
                linked.update(kept[0])
                files.update(kept[1])
        return drawn

    def cached(self, plan: PlannedVersion) -> tuple[dict[str, Path], dict[str, bytes]] | None:
        """(the version's kept files by site path, its citations) or None when they are not kept (then it has to be drawn)."""
        if self.folder is None:
            return None
        entry = self.folder / files_key(plan, self.site, self.images)
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not all((entry / name).is_file() for name in manifest["files"]):
            return None  # a file taken out of the cache by hand: drawn again, and kept afresh
        self.used.add(entry.name)
        self.copied += 1
        linked = {plan.path + name: entry / name for name in manifest["files"]}
        return linked, self._citations(plan, manifest["title"])

    def _citations(self, plan: PlannedVersion, title: str) -> dict[str, bytes]:
        assert self.folder is not None
        path = self.folder / f"cite-{citations_key(plan, self.site)}.json"
        self.used.add(path.name)
        with contextlib.suppress(OSError, ValueError, KeyError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            return {plan.path + name: kept[name].encode("utf-8") for name in CITATIONS}
        files = citation_files(plan.path, citable_of(plan.version.figure_id, title, plan.shown, self.site))
        _write_json(path, {name: files[plan.path + name].decode("utf-8") for name in CITATIONS})
        return files

    def keep(self, plan: PlannedVersion, title: str, files: dict[str, bytes]) -> None:
        """Keep the files a build just wrote at the version's address (`files`: the site's files by path)."""
        if self.folder is None:
            return
        prefix = plan.path
        # Only the address's own files: a removed figure's live address `embed/ID/` holds its versions' folders too.
        mine = {path[len(prefix):]: blob for path, blob in files.items()
                if path.startswith(prefix) and "/" not in path[len(prefix):]}
        entry = self.folder / files_key(plan, self.site, self.images)
        self.used.add(entry.name)
        partial = self.folder / f"{entry.name}.part-{os.getpid()}"
        kept = sorted(name for name in mine if name not in CITATIONS and name != MANIFEST)
        try:
            partial.mkdir(parents=True)
            # The list first: whatever a killed build leaves, prune knows which files are the cache's.
            (partial / MANIFEST).write_text(json.dumps({"title": title, "files": kept}), encoding="utf-8")
            for name in kept:
                (partial / name).write_bytes(mine[name])
            partial.rename(entry)  # whole or not at all: a killed build leaves only a .part folder
        except OSError:
            pass  # kept already (another build got there first), or a read-only checkout: drawn again next time
        finally:
            _remove_entry(partial)
        cites = {name: mine[name].decode("utf-8") for name in CITATIONS if name in mine}
        if len(cites) == len(CITATIONS):
            name = f"cite-{citations_key(plan, self.site)}.json"
            self.used.add(name)
            _write_json(self.folder / name, cites)

    def prune(self) -> list[Path]:
        """Remove what no build of this code and configuration will read again: entries of older code, and this
        configuration's entries and citations this build did not use; never a file the cache did not write.
        Other configurations of the same code (a serve without images beside a build with them) stay. The paths removed."""
        if self.root is None or self.folder is None or not self.root.is_dir() or not self.planned:
            return []  # a build without history (a shallow clone, say) says nothing of what the next one needs
        removed: list[Path] = []
        for code in _folders(self.root, CODE_NAME):
            if code.name != code_version():
                for config in _folders(code, CONFIG_NAME):
                    removed += _prune_config(config, set())
                    _rmdir(config)
                _rmdir(code)
        if self.folder.is_dir():
            removed += _prune_config(self.folder, self.used)
        return removed


def _folders(parent: Path, name: re.Pattern[str]) -> list[Path]:
    with contextlib.suppress(OSError):
        return sorted(p for p in parent.iterdir() if name.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    return []


def _prune_config(folder: Path, used: set[str]) -> list[Path]:
    removed = []
    for path in sorted(folder.iterdir()):
        if path.name in used or path.is_symlink():
            continue
        entry = ENTRY_NAME.fullmatch(path.name)
        if entry and path.is_dir() and not (entry.group(2) and _alive(int(entry.group(2)))):
            if _remove_entry(path):
                removed.append(path)
        elif (cite := CITE_NAME.fullmatch(path.name)) and not (cite.group(1) and _alive(int(cite.group(1)))) \
                and _is_kept_citation(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _remove_entry(entry: Path) -> bool:
    """Remove an entry's listed files and its list, then the folder if nothing else is in it; False if it has no list."""
    try:
        names = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    for name in names:
        if isinstance(name, str) and "/" not in name and name not in ("", ".", ".."):
            with contextlib.suppress(OSError):
                (entry / name).unlink()
    with contextlib.suppress(OSError):
        (entry / MANIFEST).unlink()
    return _rmdir(entry)


def _is_kept_citation(path: Path) -> bool:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get(MARK) is True
    except (OSError, ValueError, AttributeError):
        return False


def _rmdir(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _write_json(path: Path, value: dict[str, str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.part-{os.getpid()}")
        partial.write_text(json.dumps({**value, MARK: True}, sort_keys=True), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
