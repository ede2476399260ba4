"""The edit loop under `mkdocs serve`: notice a saved file sooner and show the rebuild without a full reload.

MkDocs's live-reload server polls watched paths every 0.5 s and answers a rebuild with
`location.reload()`, which makes the browser parse plotly.js again before a live figure redraws.
`tune(server)` polls every POLL_SECONDS instead and injects `serve_reload.js`, which swaps the
rebuilt page in place (see that file). Both touch the server object MkDocs hands to `on_serve`
(through `mkdocs_api`); if a later MkDocs changes what is touched here, `tune` leaves the server as
it is (edits still show, by a full reload) rather than break `make serve`, and the adapter's tests fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generators.plugin import mkdocs_api

POLL_SECONDS = 0.1
SCRIPT = Path(__file__).with_name("serve_reload.js")
log = logging.getLogger("mkdocs.plugins.labfig")


def tune(server: Any) -> None:
    """Poll watched paths every POLL_SECONDS and replace the injected live-reload script."""
    paths = mkdocs_api.watched_paths(server)
    if paths is not None:
        mkdocs_api.set_polling_observer(server, paths, POLL_SECONDS)
    else:
        log.debug("labfig: this MkDocs's live-reload server has no watch list; keeping its 0.5 s polling")
    source = SCRIPT.read_text(encoding="utf-8")
    if not mkdocs_api.set_html_injector(server, lambda content, epoch, root: inject(content, epoch, source, asset_stamp(root / "assets"))):
        log.debug("labfig: this MkDocs injects live reload differently; pages will reload in full")


def asset_stamp(folder: Path) -> str:
    """A short hash of the names, sizes and times of the stylesheets and scripts under `folder`.

    A page swapped in place keeps the stylesheets and scripts it has; when this stamp differs between
    the open page and the rebuilt one (someone edited content/assets/labfig.css, say), the page reloads.
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".css", ".js") and path.is_file():
            info = path.stat()
            digest.update(f"{path.relative_to(folder)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def inject(content: bytes, epoch: int, source: str, assets: str) -> bytes:
    """`content` (an HTML page) with the live-reload script before `</body>`, knowing the site's `epoch` and asset stamp."""
    call = f"labfigLiveReload({json.dumps(epoch)}, {json.dumps(time.monotonic_ns())}, {json.dumps(assets)});"
    script = b"<script>" + (source + call).encode("utf-8") + b"</script>"
    end = content.rfind(b"</body>")
    if end < 0:
        return content + script
    return content[:end] + script + content[end:]


def skip_unchanged(files: Any, config: Any, content_of: Callable[[Any], str | bytes | None], memo: dict[str, Any]) -> None:
    """Under `mkdocs serve --dirty`, tell MkDocs which files to write again; the rest of the served site stands.

    In: MkDocs's files for this build, the config, `content_of(file)` (everything a generated file's
    output is made of; None for a file the hook did not generate) and a dict kept across rebuilds.
    A generated page or file is rewritten when its content changed; a hand-written page when MkDocs
    finds it newer than its output, or always if it places generated content (figures, event lists);
    everything on the first build or when the site's settings (nav, theme, extras) changed. Outputs
    of pages and generated files that no longer exist are deleted, and the search index forgets the
    pages rebuilt or gone, so it keeps one set of entries per page.
    """
    settings = hashlib.sha256(repr([config.nav, config.theme.name, dict(config.theme), config.extra, config.extra_css,
                                    config.extra_javascript, config.markdown_extensions, config.site_name]).encode()).hexdigest()
    previous: dict[str, str | None] | None = memo.get("outputs")
    everything = previous is None or memo.get("settings") != settings
    outputs: dict[str, str | None] = {}  # src_uri -> content digest (None: hand-written, MkDocs compares times)
    rebuilt: set[str] = set()
    for file in files:
        content = content_of(file)
        if content is not None:
            outputs[file.src_uri] = hashlib.sha256(content.encode() if isinstance(content, str) else content).hexdigest()
            changed = everything or (previous or {}).get(file.src_uri) != outputs[file.src_uri]
        elif file.is_documentation_page():
            outputs[file.src_uri] = None
            changed = everything or _places_generated_content(file) or file.is_modified()
        else:
            continue  # static files keep MkDocs's own check (newer than the copy in the site)
        mkdocs_api.mark_modified(file, changed)
        if changed and file.is_documentation_page():
            rebuilt.add(file.url)
    gone = [mkdocs_api.site_file(config, uri) for uri in set(previous or {}) - set(outputs)]
    for stale in gone:
        output = Path(stale.abs_dest_path)
        output.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the folder of a page's index.html, if nothing else is in it
            output.parent.rmdir()
    _forget_search_entries(config, rebuilt | {f.url for f in gone if f.is_documentation_page()}, memo)
    memo["outputs"], memo["settings"] = outputs, settings


def _places_generated_content(file: Any) -> bool:
    from generators.render.markers import MARKER

    try:
        return bool(MARKER.search(Path(file.abs_src_path).read_text(encoding="utf-8")))
    except (OSError, TypeError, UnicodeDecodeError):
        return True


def _forget_search_entries(config: Any, urls: set[str], memo: dict[str, Any]) -> None:
    """Keep aside the search entries of the pages that stay; `complete_search_index` adds them back.

    Material's search plugin, under a dirty build, merges its previous index with the new entries by
    assuming a single page was rebuilt; with several (or the home page, whose address prefixes every
    other) it would drop or double entries. So it gets no previous index, and the hook merges after it.
    """
    # Search locations name the home page "" where MkDocs's URL is "./".
    pages = {"" if url == "./" else url for url in urls}
    memo["search_kept"] = [entry for entry in mkdocs_api.previous_search_entries(config)
                           if entry.get("location", "").split("#", 1)[0] not in pages]


def complete_search_index(config: Any, memo: dict[str, Any]) -> None:
    """After Material wrote the rebuilt pages' entries: add the kept ones and write the whole index again."""
    if "search_kept" in memo:
        mkdocs_api.complete_search_entries(config, memo.pop("search_kept"))


class _DirtyBuildNotice(logging.Filter):
    """Hides MkDocs's warning that a dirty build may leave stale pages: `skip_unchanged` sees to it that none are."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(mkdocs_api.DIRTY_NOTICE)


def quiet_dirty_notice() -> None:
    build_log = logging.getLogger(mkdocs_api.BUILD_LOGGER)
    if not any(isinstance(f, _DirtyBuildNotice) for f in build_log.filters):
        build_log.addFilter(_DirtyBuildNotice())
