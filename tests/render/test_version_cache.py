"""Kept version files on the scripted repository: hard-linked into the site, copied across devices, pruned to what is used."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generators.history.timeline import read_history
from generators.load import load_store
from generators.plugin.site_files import SiteFile
from generators.render import version_cache
from generators.render.site import Generated, generate
from tests.history.scripted import Scripted, edit, git

SITE = "https://example.org/labs/"


def _build(root: Path, cache: Path, *, date: str = "2026-03-20", images: bool = False) -> Generated:
    store, _ = load_store(root / "data/events.yaml", root / "data/figures.yaml")
    history = read_history(root, store, today="2026-04-01", cache=None)
    return generate(store, site_name="Demo", site_url=SITE, date=date, images=images, history=history, version_cache=cache)


def _config(site: Path) -> Any:
    """The parts of MkDocs's config a generated file reads."""
    return SimpleNamespace(site_dir=str(site), use_directory_urls=True, plugins=SimpleNamespace(_current_plugin=None))


def _write(gen: Generated, site: Path) -> None:
    """What the MkDocs hook does with a build's files: bytes written, kept files linked."""
    config = _config(site)
    for path, blob in gen.files.items():
        SiteFile.generated(config, path, content=blob).copy_file()
    for path, kept in gen.linked.items():
        SiteFile.generated(config, path, abs_src_path=str(kept)).copy_file()


@pytest.fixture
def clone(scripted: Scripted, tmp_path: Path) -> Path:
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(repo))
    return repo


def test_kept_version_files_are_hard_linked_into_the_site(clone: Path, tmp_path: Path) -> None:
    first = _build(clone, tmp_path / "kept")
    assert first.linked == {} and first.versions
    drawn = {path: blob for path, blob in first.files.items() if "/v/" in path}
    again = _build(clone, tmp_path / "kept")
    assert again.versions == [] and again.versions_kept == len(first.versions)
    assert {p for p in again.linked} == {p for p in drawn if not p.endswith(("citation.bib", "citation.json"))}
    site = tmp_path / "site"
    _write(again, site)
    for path, kept in again.linked.items():
        output = site / path
        assert output.read_bytes() == drawn[path]
        assert os.stat(output).st_ino == os.stat(kept).st_ino, f"{path} is a link to the kept file, not a copy"
    # A later build that draws new bytes at a linked address replaces the link; the kept file is untouched.
    page = "embed/releases-f1/v/2/index.html"
    SiteFile.generated(_config(site), page, content=b"redrawn").copy_file(dirty=True)
    assert (site / page).read_bytes() == b"redrawn" and again.linked[page].read_bytes() == drawn[page]


def test_kept_files_are_copied_where_the_site_is_on_another_device(clone: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _build(clone, tmp_path / "kept")
    again = _build(clone, tmp_path / "kept")

    def cross_device(source: object, dest: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", cross_device)
    _write(again, tmp_path / "site")
    path, kept = next(iter(again.linked.items()))
    output = tmp_path / "site" / path
    assert output.read_bytes() == kept.read_bytes() and os.stat(output).st_ino != os.stat(kept).st_ino


def test_prune_removes_only_what_the_cache_wrote_and_no_build_will_read(clone: Path, tmp_path: Path) -> None:
    cache = tmp_path / "kept"
    first = _build(clone, cache)
    assert first.kept is not None and first.kept.prune() == [], "everything kept was used"
    with_images = cache / version_cache.code_version() / version_cache._hash(["Demo", SITE, True], 12)
    with_images.mkdir()
    (with_images / ("a" * 32)).mkdir()
    (with_images / ("a" * 32) / version_cache.MANIFEST).write_text(json.dumps({"title": "t", "files": []}))
    # Files the cache did not write: beside the entries, inside an entry, and an entry-like folder with no list.
    folder = first.kept.folder
    assert folder is not None
    (folder / "notes.txt").write_text("mine")
    some_entry = sorted(p for p in folder.iterdir() if p.is_dir())[0]
    (some_entry / "extra.txt").write_text("mine")
    (folder / ("b" * 32)).mkdir()
    (folder / ("b" * 32) / "index.html").write_text("not the cache's")
    (folder / f"cite-{'c' * 32}.json").write_text(json.dumps({"citation.bib": "mine"}))
    # An older code's entries go, and its folders with them.
    old = cache / "0123456789abcdef"
    old.mkdir()
    old_config = old / "0123456789ab"
    old_config.mkdir()
    (old_config / ("d" * 32)).mkdir()
    (old_config / ("d" * 32) / "index.html").write_text("old")
    (old_config / ("d" * 32) / version_cache.MANIFEST).write_text(json.dumps({"title": "t", "files": ["index.html"]}))
    (old_config / f"cite-{'e' * 32}.json").write_text(json.dumps({"citation.bib": "old", version_cache.MARK: True}))

    # One more commit: every older version now says a newer one exists, so their kept entries are superseded.
    edit(clone, "    title: Demo-1\n", "    title: Demo-1 Base\n")
    git(clone, "commit", "-q", "-am", "Demo-1 is called Demo-1 Base", date="2026-03-28T10:00:00+00:00")
    before = {p.name for p in folder.iterdir()}
    later = _build(clone, cache, date="2026-03-28")
    assert later.kept is not None
    pruned = set(later.kept.prune())
    removed = {p.name for p in pruned if p.parent == folder}
    assert removed, "superseded entries were removed"
    assert pruned - {folder / name for name in removed} == {old_config / ("d" * 32), old_config / f"cite-{'e' * 32}.json"}
    remaining = {p.name for p in folder.iterdir()}
    assert later.kept.used <= remaining, "every entry and citation the build used stays"
    assert removed == (before - later.kept.used) - {"notes.txt", "b" * 32, f"cite-{'c' * 32}.json", some_entry.name}
    assert (folder / "notes.txt").exists() and (folder / ("b" * 32) / "index.html").exists()
    assert (folder / f"cite-{'c' * 32}.json").exists()
    assert (some_entry / "extra.txt").exists(), "an entry holding a file it did not write keeps that file"
    assert (with_images / ("a" * 32)).is_dir(), "another configuration of the same code stays"
    assert not (old_config / ("d" * 32)).exists() and not (old_config / f"cite-{'e' * 32}.json").exists()
    assert not old.exists()
    again = _build(clone, cache, date="2026-03-28")
    assert again.versions == [], "the next build still finds every version it needs"


def test_a_build_without_history_removes_nothing(clone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "kept"
    first = _build(clone, cache)
    kept = sorted(p for p in cache.rglob("*"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(clone.parent))
    (clone / ".git").rename(tmp_path / "moved.git")
    store, _ = load_store(clone / "data/events.yaml", clone / "data/figures.yaml")
    plain = generate(store, site_name="Demo", site_url=SITE, date="2026-03-20", images=False,
                     history=read_history(clone, store, today="2026-04-01", cache=None), version_cache=cache)
    assert plain.history is not None and not plain.history.available and first.versions
    assert plain.kept is not None and plain.kept.prune() == []
    assert sorted(p for p in cache.rglob("*")) == kept, "the next build with history finds every version kept"
