"""Kept files of figure versions: a planned version and the site in; its files at its permanent address out, from disk.

A version's files (embed page, JSON per plan, CSV, data JSON and, in a build with images, its PNG/SVG)
depend only on what it draws, how it is shown (its number and date, whether a newer version exists) and
the site's name and address. They are kept under `.cache/version-files/KEY/`, KEY hashing all of that and
the code of the whole generator, so a later build copies them instead of loading the data at that commit
and drawing them again. The citations carry the build's date too, so they are kept apart
(`cite-KEY.json`) and rewritten from the kept title when only the date moved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from generators.render.embed_kit import SiteInfo, citable_of, citation_files
from generators.render.version_files import PlannedVersion

CACHE = Path(".cache/version-files")
SCHEMA = "1"
TITLE = "_title.txt"  # kept beside the files: what the citations need besides the history
CITATIONS = ("citation.bib", "citation.json")


def _code_version() -> str:
    """A hash of every module and template of the generator: any change to how a version is drawn or worded
    gives new keys (a stale entry is never read, only left behind)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(SCHEMA.encode())
    for source in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".j2") and "__pycache__" not in p.parts):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = _code_version()


def _hash(parts: list[Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def files_key(plan: PlannedVersion, site: SiteInfo, images: bool) -> str:
    """What a version's files (all but the citations) are made of."""
    shown, version = plan.shown, plan.version
    latest = shown.latest
    newer = None if shown.is_latest or latest is None else [latest.number, latest.date]
    return _hash([CODE_VERSION, version.figure_id, version.number, version.render_key, version.date, version.data_version,
                  shown.pinned, shown.removed, newer, site.name, site.url, images])


def citations_key(plan: PlannedVersion, site: SiteInfo) -> str:
    version = plan.version
    return _hash([CODE_VERSION, version.figure_id, version.number, version.render_key, version.date, version.data_version,
                  plan.shown.pinned, site.name, site.url, site.date])


class VersionFiles:
    """The kept files of every version in one cache folder (None: keep nothing, as a read-only checkout does)."""

    def __init__(self, cache: Path | None = CACHE) -> None:
        self.folder = cache
        self.copied = 0  # versions whose files came from the cache in this build

    def cached(self, plan: PlannedVersion, site: SiteInfo, images: bool) -> dict[str, bytes] | None:
        """The version's files by site path, or None when they are not kept (then it has to be drawn)."""
        if self.folder is None:
            return None
        entry = self.folder / files_key(plan, site, images)
        try:
            names = [p.name for p in entry.iterdir()]
            files = {name: (entry / name).read_bytes() for name in names}
        except OSError:
            return None
        title = files.pop(TITLE, b"").decode("utf-8")
        prefix = plan.path
        out = {prefix + name: blob for name, blob in files.items()}
        out.update(self._citations(plan, site, title))
        self.copied += 1
        return out

    def _citations(self, plan: PlannedVersion, site: SiteInfo, title: str) -> dict[str, bytes]:
        assert self.folder is not None
        path = self.folder / f"cite-{citations_key(plan, site)}.json"
        with contextlib.suppress(OSError, ValueError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            return {plan.path + name: kept[name].encode("utf-8") for name in CITATIONS}
        files = citation_files(plan.path, citable_of(plan.version.figure_id, title, plan.shown, site))
        _write_json(path, {name: files[plan.path + name].decode("utf-8") for name in CITATIONS})
        return files

    def keep(self, plan: PlannedVersion, site: SiteInfo, images: bool, title: str, files: dict[str, bytes]) -> None:
        """Keep the files a build just wrote at the version's address (`files`: the site's files by path)."""
        if self.folder is None:
            return
        prefix = plan.path
        # Only the address's own files: a removed figure's live address `embed/ID/` holds its versions' folders too.
        mine = {path[len(prefix):]: blob for path, blob in files.items()
                if path.startswith(prefix) and "/" not in path[len(prefix):]}
        entry = self.folder / files_key(plan, site, images)
        partial = self.folder / f"{entry.name}.part-{os.getpid()}"
        try:
            partial.mkdir(parents=True)
            for name, blob in mine.items():
                if name not in CITATIONS:
                    (partial / name).write_bytes(blob)
            (partial / TITLE).write_text(title, encoding="utf-8")
            partial.rename(entry)  # whole or not at all: a killed build leaves only a .part folder
        except OSError:
            pass  # kept already (another build got there first), or a read-only checkout: drawn again next time
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        cites = {name: mine[name].decode("utf-8") for name in CITATIONS if name in mine}
        if len(cites) == len(CITATIONS):
            _write_json(self.folder / f"cite-{citations_key(plan, site)}.json", cites)


def _write_json(path: Path, value: dict[str, str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.part-{os.getpid()}")
        partial.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
