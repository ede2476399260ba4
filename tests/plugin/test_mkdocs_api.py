"""Each MkDocs / Material internal that generators/plugin/mkdocs_api.py relies on still exists with the shape used there.

An upgrade of MkDocs or Material that renames or reshapes one of them fails here, naming it, instead of
`make serve` quietly reloading pages in full or the search index losing entries.
"""

from __future__ import annotations

import inspect
import logging
from importlib.metadata import entry_points, version
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from generators.plugin import mkdocs_api
from generators.plugin.plugin import LabfigPlugin
from tests.conftest import ROOT


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_versions_are_the_ones_this_adapter_was_written_for() -> None:
    assert version("mkdocs").startswith("1.6."), "mkdocs_api.py was written against MkDocs 1.6: check every function in it"
    assert version("mkdocs-material").startswith("9."), "mkdocs_api.py was written against Material 9"


def test_the_plugin_is_registered_as_an_entry_point_and_listed_in_mkdocs_yml() -> None:
    found = [e for e in entry_points(group="mkdocs.plugins") if e.name == mkdocs_api.PLUGIN_NAME]
    assert [e.value for e in found] == ["generators.plugin.plugin:LabfigPlugin"], "run `make install` after changing pyproject.toml"
    assert issubclass(found[0].load(), BasePlugin)
    assert f"  - {mkdocs_api.PLUGIN_NAME}\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_mkdocs_keeps_one_plugin_object_across_loads_because_it_has_on_startup(tmp_path: Path) -> None:
    """The plugin's state on self lives through a serve's rebuilds only because MkDocs caches such plugins."""
    assert hasattr(LabfigPlugin, "on_startup")
    first = mkdocs_api.labfig_plugin(mkdocs_api.load_config(ROOT / "mkdocs.yml", tmp_path / "a"))
    second = mkdocs_api.labfig_plugin(mkdocs_api.load_config(ROOT / "mkdocs.yml", tmp_path / "b"))
    assert isinstance(first, LabfigPlugin) and first is second


def test_the_build_and_the_command_line_take_what_we_pass() -> None:
    assert _params(mkdocs_build.build)[:1] == ["config"] and {"serve_url", "dirty"} <= set(_params(mkdocs_build.build))
    from mkdocs.__main__ import cli

    serve = cli.commands["serve"]
    options = {opt for param in serve.params for opt in param.opts}
    assert {"--livereload", "--dirty", "--dev-addr", "--config-file"} <= options


def test_the_dirty_build_warning_still_starts_as_filtered() -> None:
    assert mkdocs_api.DIRTY_NOTICE in inspect.getsource(mkdocs_build)
    assert mkdocs_build.log.name == mkdocs_api.BUILD_LOGGER == logging.getLogger(mkdocs_api.BUILD_LOGGER).name


@pytest.fixture
def server(tmp_path: Path) -> Any:
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    yield made
    made.server_close()


def test_the_live_reload_server_keeps_its_watch_list_observer_and_injector(server: Any, tmp_path: Path) -> None:
    server.watch(str(tmp_path))
    assert mkdocs_api.watched_paths(server) == [str(tmp_path)], "LiveReloadServer._watched_paths is gone or changed"
    mkdocs_api.set_polling_observer(server, [str(tmp_path)], 0.1)
    assert server.observer.timeout == 0.1 and mkdocs_api.watched_paths(server) == [str(tmp_path)]
    assert _params(LiveReloadServer._inject_js_into_html) == ["self", "content", "epoch"]
    assert mkdocs_api.set_html_injector(server, lambda content, epoch, root: content + f"{epoch}:{root.name}".encode())
    assert server._inject_js_into_html(b"<p>", 7) == b"<p>7:" + tmp_path.name.encode()


def test_a_file_can_be_told_whether_it_changed_and_placed_without_a_source(tmp_path: Path) -> None:
    config = mkdocs_api.load_config(ROOT / "mkdocs.yml", tmp_path)
    page = mkdocs_api.site_file(config, "models/x.md")
    assert Path(page.abs_dest_path) == tmp_path / "models/x/index.html" and page.url == "models/x/"
    assert "is_modified" in dir(page) and _params(type(page).is_modified) == ["self"]
    mkdocs_api.mark_modified(page, False)
    assert page.is_modified() is False


def test_materials_search_plugin_keeps_its_previous_index_where_we_take_it(tmp_path: Path) -> None:
    config: MkDocsConfig = mkdocs_api.load_config(ROOT / "mkdocs.yml", tmp_path)
    search = mkdocs_api.search_plugin(config)
    assert search is not None and type(search).__module__ == "material.plugins.search.plugin"
    try:
        search.on_startup(command="serve", dirty=True)
        search.on_config(config)
        assert search.search_index_prev is None and hasattr(search.search_index, "entries")
        assert _params(search.search_index.generate_search_index) == ["prev"]
        search.search_index_prev = search.search_index
        search.search_index.entries = [{"location": "a/", "title": "A", "text": ""}]
        assert mkdocs_api.previous_search_entries(config) == [{"location": "a/", "title": "A", "text": ""}]
        assert search.search_index_prev is None
        (tmp_path / "search").mkdir()
        assert mkdocs_api.complete_search_entries(config, [{"location": "b/", "title": "B", "text": ""}])
        assert '"location":"b/"' in (tmp_path / "search/search_index.json").read_text(encoding="utf-8").replace(" ", "")
    finally:  # MkDocs keeps this plugin object for the rest of the process: leave it as a new build finds it
        search.search_index_prev = None
        search.on_startup(command="build", dirty=False)


def test_mkdocs_yaml_loader_reads_the_config_as_written() -> None:
    raw = mkdocs_api.raw_config(ROOT / "mkdocs.yml")
    assert raw["docs_dir"] == "content" and raw["site_dir"] == "site"
