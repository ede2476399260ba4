"""`make serve` rebuilds incrementally (`mkdocs serve --dirty`): after edits, the served site equals a clean build.

The builds run in process, as `mkdocs serve` runs them: the same config loaded afresh each time, plugins
kept, one site directory reused. After each edit the incremental site is compared file by file with a
clean build of the same data; the search index as a multiset of entries (its order may differ).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("content", "data"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("generators", "node_modules"):
        (dest / name).symlink_to(ROOT / name)
    monkeypatch.chdir(dest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.delenv("LABFIG_IMAGES", raising=False)
    return dest


def _build(site: Path, *, incremental: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=incremental)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=incremental)


def _tree(site: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        if rel == "search/search_index.json":
            docs = json.loads(data)["docs"]
            out[rel] = sorted(json.dumps(d, sort_keys=True) for d in docs)
        else:
            out[rel] = data
    return out


def _retitle(event: str, title: str) -> None:
    events = Path("data/events.yaml")
    pattern = re.compile(r"(  - id: " + re.escape(event) + r"\n(?:    .*\n)*?    title: )(.*)\n")
    text, count = pattern.subn(lambda m: m.group(1) + title + "\n", events.read_text(encoding="utf-8"), count=1)
    assert count == 1
    events.write_text(text, encoding="utf-8")


def test_incremental_rebuilds_equal_a_clean_build(project: Path, tmp_path: Path) -> None:
    from generators.build.site import STATE

    served = tmp_path / "served"
    try:
        _build(served, incremental=True)
        for step, (event, title) in enumerate([("qwen3-omni", "Qwen3-Omni (edited)"),
                                               ("lin-junyang-steps-down", "Lin Junyang steps down (edited)")]):
            _retitle(event, title)
            _build(served, incremental=True)
            clean = tmp_path / f"clean-{step}"
            _build(clean, incremental=False)
            got, want = _tree(served), _tree(clean)
            assert sorted(got) == sorted(want), "the incremental site has other files than a clean build"
            differing = [name for name in want if got[name] != want[name]]
            assert not differing, f"after editing {event}, these differ from a clean build: {differing[:10]}"
            assert title in (served / "explorer" / "index.html").read_text(encoding="utf-8")
    finally:
        STATE.update(command="build", incremental=False)
        STATE.pop("serve_memo", None)
