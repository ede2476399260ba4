"""Every MkDocs 1.6 and Material 9 internal this project relies on, in one place: calls in, MkDocs's behaviour out.

Public MkDocs API is used directly elsewhere in this package (the plugin's events, `File.generated`);
what is private or undocumented (a live-reload server's watch list and script injector, Material's
previous search index, a build log's wording) and the entry points we drive (`build`, the `mkdocs`
command) are reached only through these functions. tests/plugin/test_mkdocs_api.py asserts that each
still exists with the shape used here, so an upgrade that changes one fails there, loudly, by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, MkDocsException

__all__ = ["Abort", "MkDocsException", "BUILD_LOGGER", "DIRTY_NOTICE", "PLUGIN_NAME", "build", "complete_search_entries",
           "labfig_plugin", "load_config", "mark_modified", "previous_search_entries", "quiet_end_of_life_banner", "raw_config",
           "run_cli", "search_plugin", "set_html_injector", "set_polling_observer", "site_file", "watched_paths"]

PLUGIN_NAME = "labfig"  # the entry point in pyproject.toml, as mkdocs.yml names the plugin
BUILD_LOGGER = "mkdocs.commands.build"
# How MkDocs 1.6 starts its warning about `--dirty` (mkdocs/commands/build.py).
DIRTY_NOTICE = "A 'dirty' build is being performed"


def quiet_end_of_life_banner() -> None:
    """MkDocs 1.6.1 prints an end-of-life banner on every run unless NO_MKDOCS_2_WARNING is set; our users have no use for it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def load_config(config_file: Path, site_dir: Path) -> Any:
    """`mkdocs.config.load_config` with the site written to `site_dir`."""
    from mkdocs.config import load_config as mkdocs_load_config

    return mkdocs_load_config(str(config_file), site_dir=str(site_dir))


def raw_config(config_file: Path) -> Any:
    """mkdocs.yml as written (MkDocs's own YAML loader, `!ENV` tags and all), before MkDocs validates it."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as handle:
        return yaml_load(handle)


def build(config: Any) -> None:
    """`mkdocs.commands.build.build`: one whole build of a loaded config."""
    from mkdocs.commands.build import build as mkdocs_build

    mkdocs_build(config)


def run_cli(args: list[str]) -> None:
    """The `mkdocs` command line itself (`serve` keeps MkDocs's own server, logging and Ctrl-C handling)."""
    from mkdocs.__main__ import cli

    cli.main(args=args, prog_name="mkdocs")


def labfig_plugin(config: Any) -> Any:
    """Our plugin object in a loaded config, or None when mkdocs.yml does not list it (MkDocs keeps one object
    per process: the rebuilds of a `serve`, and builds one after another, meet the same one)."""
    return config.plugins.get(PLUGIN_NAME)


def site_file(config: Any, uri: str) -> Any:
    """An MkDocs File for `uri`, for its address and its output path in the site (no source file needed)."""
    from mkdocs.structure.files import File

    return File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)


def mark_modified(file: Any, changed: bool) -> None:
    """Tell a `--dirty` build whether to write `file` again: MkDocs asks `file.is_modified()`."""
    file.is_modified = (lambda value=changed: value)


def watched_paths(server: Any) -> list[str] | None:
    """The paths a live-reload server watches, or None when this MkDocs keeps them elsewhere."""
    watched = getattr(server, "_watched_paths", None)
    if isinstance(watched, dict) and hasattr(server, "observer") and hasattr(server, "unwatch"):
        return list(watched)
    return None


def set_polling_observer(server: Any, paths: list[str], seconds: float) -> None:
    """Watch `paths` again with an observer polling every `seconds` (watches take the observer's interval when made)."""
    from watchdog.observers.polling import PollingObserver

    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=seconds)
    for path in paths:
        server.watch(path)


def set_html_injector(server: Any, inject: Callable[[bytes, int, Path], bytes]) -> bool:
    """Have the server call `inject(page, epoch, site_root)` instead of adding its own reload script; False if it cannot."""
    if not (hasattr(server, "_inject_js_into_html") and hasattr(server, "root")):
        return False
    root = Path(server.root)
    server._inject_js_into_html = lambda content, epoch: inject(content, epoch, root)
    return True


def search_plugin(config: Any) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def previous_search_entries(config: Any) -> list[dict[str, Any]]:
    """The entries of the index the search plugin kept from the last build, which it is then told to forget.

    Under a dirty build Material merges its previous index with the new entries assuming one page was
    rebuilt; with several (or the home page, whose address prefixes every other) it would drop or double
    entries, so the caller merges instead (`complete_search_entries`).
    """
    search = search_plugin(config)
    kept = getattr(search, "search_index_prev", None)
    entries = list(kept.entries) if kept else []
    if search is not None:
        search.search_index_prev = None
    return entries


def complete_search_entries(config: Any, kept: list[dict[str, Any]]) -> bool:
    """Put `kept` before the entries of the pages just built and write the whole index again; False without an index."""
    search = search_plugin(config)
    index = getattr(search, "search_index", None)
    if index is None:
        return False
    index.entries = kept + index.entries
    path = Path(config.site_dir) / "search" / "search_index.json"
    path.write_text(index.generate_search_index(None), encoding="utf-8")
    search.search_index_prev = index
    return True
