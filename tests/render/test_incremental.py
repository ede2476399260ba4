"""`make serve` rebuilds incrementally (`mkdocs serve --dirty`): after edits, the served site equals a clean build.

The builds run in process, as `mkdocs serve` runs them: the same config loaded afresh each time, plugins
kept, one site directory reused. After each edit the incremental site is compared file by file with a
clean build of the same data; the search index as a multiset of entries (its order may differ).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from bench.common import project_copy
from bench.measure_edit import holding, set_title

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = project_copy(tmp_path / "project")
    monkeypatch.chdir(dest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.delenv("LABFIG_IMAGES", raising=False)
    return dest


def _build(site: Path, *, incremental: bool) -> Any:
    """One build as `mkdocs serve` runs it; returns the plugin object, which MkDocs keeps from build to build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=incremental)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=incremental)
    return config.plugins["labfig"]


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


def _add_or_remove_release(event: str, title: str | None, original: str) -> None:
    """Add a release after qwen3.5-omni (a new model page), or with `title` None take it out again."""
    events = holding(Path("data/events.yaml"), "qwen3.5-omni")
    if title is None:
        events.write_text(original, encoding="utf-8")
        return
    block = (f"  - id: {event}\n    subject: qwen\n    axis: model\n    date: 2026-05\n    title: {title}\n"
             "    status: reported\n    sources: [winbuzzer-qwen3.5-omni]\n    summary: A later release, for the test.\n"
             "    release:\n      family: qwen-audio\n      generation: \"3.6\"\n      tier: flagship\n      licence: api-only\n"
             "      descends_from:\n        - release: qwen3.5-omni\n          kind: successor\n\n")
    anchor = "  - id: qwen3.5-omni\n"
    assert anchor in original
    events.write_text(original.replace(anchor, block + anchor, 1), encoding="utf-8")


def test_incremental_rebuilds_equal_a_clean_build(project: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    plugin = None
    try:
        plugin = _build(served, incremental=True)
        original = holding(Path("data/events.yaml"), "qwen3.5-omni").read_text(encoding="utf-8")
        edits = [("qwen3-omni", "Qwen3-Omni (edited)"), ("lin-junyang-steps-down", "Lin Junyang steps down (edited)"),
                 ("qwen3.6-omni", "Qwen3.6-Omni"), ("qwen3.6-omni", None)]
        for step, (event, title) in enumerate(edits):
            if event == "qwen3.6-omni":
                _add_or_remove_release(event, title, original)
            else:
                set_title(Path("data/events.yaml"), title, event)
            _build(served, incremental=True)
            clean = tmp_path / f"clean-{step}"
            _build(clean, incremental=False)
            got, want = _tree(served), _tree(clean)
            assert sorted(got) == sorted(want), "the incremental site has other files than a clean build"
            differing = [name for name in want if got[name] != want[name]]
            assert not differing, f"after editing {event}, these differ from a clean build: {differing[:10]}"
            explorer = (served / "explorer" / "index.html").read_text(encoding="utf-8")
            assert (title in explorer) if title else not (served / "models" / event).exists(), f"step {step}"
    finally:  # leave this test process as a plain build would find it, as the end of a serve does
        if plugin is not None:
            plugin.on_shutdown()


DEMO_SUBJECT = "  - id: demo\n    name: Demo Lab\n    lab: alibaba\n"
DEMO_EVENTS = """\
events:
  - id: demo-1
    subject: demo
    axis: model
    date: 2025-03
    title: Demo-1
    status: reported
    sources: [winbuzzer-qwen3.5-omni]
    release:
      family: demo
      generation: "1"
      tier: base
      licence: apache-2.0
"""
DEMO_FIGURE = """\
  - id: demo-f1
    subject: demo
    kind: release-timeline
    title: Demo releases
    caption: The demo releases by licence.
"""


def _drawn(plugin: Any) -> list[str]:
    return sorted(fig.id for fig in plugin.generated.outputs.values() if fig.built)


def test_an_edit_to_one_subjects_file_parses_and_redraws_only_what_it_touches(project: Path, tmp_path: Path) -> None:
    from generators.split_subject import move

    events, figures = Path("data/events.yaml"), Path("data/figures.yaml")
    if not Path("data/events/qwen.yaml").exists():
        move(events, "qwen")
    events.write_text(events.read_text().replace("subjects:\n", "subjects:\n" + DEMO_SUBJECT, 1))
    Path("data/events/demo.yaml").write_text(DEMO_EVENTS)
    figures.write_text(figures.read_text().replace("figures:\n", "figures:\n" + DEMO_FIGURE, 1))
    served = tmp_path / "served"
    plugin = None
    try:
        plugin = _build(served, incremental=True)
        parsed = dict(plugin.parse_cache)
        assert set(parsed) == {"data/events.yaml", "data/events/demo.yaml", "data/events/qwen.yaml", "data/figures.yaml"}
        set_title(Path("data/events/demo.yaml"), "Demo-1 (edited)", "demo-1")
        _build(served, incremental=True)
        assert _drawn(plugin) == ["demo-f1"], "only the figure drawing the edited subject's event is drawn again"
        again = plugin.parse_cache
        assert [name for name in parsed if again[name][1] is not parsed[name][1]] == ["data/events/demo.yaml"]
        set_title(Path("data/events/qwen.yaml"), "Qwen3-Omni (edited)", "qwen3-omni")
        _build(served, incremental=True)
        assert _drawn(plugin) and "demo-f1" not in _drawn(plugin)
        clean = tmp_path / "clean"
        _build(clean, incremental=False)
        got, want = _tree(served), _tree(clean)
        assert sorted(got) == sorted(want) and not [name for name in want if got[name] != want[name]]
    finally:
        if plugin is not None:
            plugin.on_shutdown()
