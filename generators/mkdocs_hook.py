"""MkDocs hook: calls the project's own build step and hands its files and pages to MkDocs.

Data errors become a clean MkDocs abort listing `file:line:col: path: message`; no traceback.
Images are rendered for `mkdocs build` and skipped under `mkdocs serve` (figures then load
interactive at once) unless LABFIG_IMAGES says otherwise.
"""

from __future__ import annotations

import gc
import html
import importlib
import logging
import subprocess
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generators import serve
from generators.errors import BuildError, DataErrors
from generators.history.timeline import read_history
from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES, load_store
from generators.render.figure_assets import FigureCache
from generators.render.search_text import segment_index, space_cells
from generators.render.site import STATE, Generated, expand_markers, fill_slots, generate, page_meta, render_page_slot
from generators.render.subjects import with_subjects_nav
from generators.settings import Settings, SettingsError

# MkDocs loads this file as its own module; the state lives in the package so the CLI can read it.
_state = STATE
log = logging.getLogger("mkdocs.plugins.labfig")


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _state["incremental"] = command == "serve" and dirty
    if _state["incremental"]:
        serve.quiet_dirty_notice()
    if command == "serve":
        # The first edit would otherwise pay for importing plotly (~1 s); import it while the editor reads.
        threading.Thread(target=importlib.import_module, args=("generators.figures.registry",), daemon=True).start()


def settings() -> Settings:
    """The settings `build_site` handed over, else those of the environment (a plain `mkdocs build` or `serve`)."""
    given = _state.get("settings")
    if given is None:
        try:
            given = _state["settings"] = Settings.from_environment()
        except SettingsError as exc:
            raise Abort(f"error: {exc}") from None
    return given  # type: ignore[no-any-return]


def images_wanted() -> bool:
    """Whether to render static images: as `build_site(images=...)` said, else LABFIG_IMAGES, else not under serve."""
    if _state.get("images") is not None:
        return bool(_state["images"])
    setting = settings().images
    if setting is not None:
        return setting
    return _state["command"] != "serve"


def build_date() -> str:
    """The date citations carry: SOURCE_DATE_EPOCH, else the last commit touching data/, else today."""
    epoch = settings().source_date_epoch
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).date().isoformat()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "data"], capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return date.today().isoformat()


THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _check_site_dir(config)
    _ignore_cache()
    # Our template overrides (link-preview tags, a named search dialog) go before Material's own templates.
    if str(THEME_OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
    try:
        # Under serve, each data file keeps its parse until its bytes change: an edit to one subject's file parses that file alone.
        cache = _state.setdefault("parse_cache", {}) if _state.get("command") == "serve" else None
        store, warnings = load_store(DEFAULT_EVENTS, DEFAULT_FIGURES, cache=cache, limits=settings().limits)
        today = build_date()
        history = read_history(Path(config.config_file_path or ".").parent, store, today=today)
        gen = _state["generated"] = generate(store, site_name=config.site_name, site_url=config.site_url or "",
                                             date=today, images=images_wanted(), history=history,
                                             content_dir=Path(config.docs_dir), browser=settings().browser,
                                             figures=_state.setdefault("figures", FigureCache(validate=settings().validate_figures)))
        _log_figures(gen)
        # The Subjects section lists every subject of the store: adding one needs no edit of mkdocs.yml.
        config.nav = with_subjects_nav(config.nav, store)
    except DataErrors as exc:
        raise Abort(f"{exc.report()}\n{len(exc.errors)} problem(s) in the data; nothing was built.") from None
    except BuildError as exc:
        raise Abort(str(exc)) from None
    return config


def _ignore_cache() -> None:
    """The caches under .cache/ are this tool's own files: git ignores them even where .gitignore does not say so."""
    ignore = Path(".cache/.gitignore")
    if not ignore.exists():
        ignore.parent.mkdir(exist_ok=True)
        ignore.write_text("# Caches of the site build; safe to delete.\n*\n", encoding="utf-8")


def _check_site_dir(config: MkDocsConfig) -> None:
    """A plain `mkdocs build` empties site_dir before writing: hold it to the rules `build` follows.

    `generators.render.publish` builds into its own staging folder and has checked the target already.
    """
    if _state["command"] == "serve" or _state.get("publishing") == config.site_dir:
        return
    from generators.outputs import Project, TargetRefused, site_target

    project = Project.around(config_file=Path(config.config_file_path), docs_dir=Path(config.docs_dir),
                             data_files=(DEFAULT_EVENTS, DEFAULT_FIGURES))
    try:
        site_target(Path(config.site_dir), project, "site_dir or --site-dir")
    except TargetRefused as exc:
        raise Abort(str(exc)) from None


def _log_figures(gen: Generated) -> None:
    """One line per build: which figures were drawn afresh; the rest came from the content-hash cache."""
    built = [fig.id for fig in gen.outputs.values() if fig.built]
    unchanged = len(gen.outputs) - len(built)
    log.info(f"Figures drawn: {', '.join(built) or 'none'}; {unchanged} of {len(gen.outputs)} unchanged (cached)")
    history = gen.history
    if history is not None and history.available:
        log.info(f"History: {len(history.entries)} commits changed the data; {history.loaded} data states read from git, the rest cached; "
                 f"figure versions: {len(gen.versions)} drawn, {gen.versions_kept} copied from the cache")
    elif history is not None:
        log.info(f"History unavailable: {history.reason}")


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # MkDocs compiles the theme's templates afresh on every build (~1 s for Material); reuse the bytecode.
    cache_dir = Path(".cache/jinja")
    cache_dir.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    gen: Generated = _state["generated"]
    for path, content in gen.pages.markdown.items():
        files.append(File.generated(config, path, content=content))
    for path, blob in gen.files.items():
        files.append(File.generated(config, path, content=blob))
    if _state.get("incremental"):
        serve.skip_unchanged(files, config, lambda file: _output_of(gen, file), _state.setdefault("serve_memo", {}))
    return files


def _output_of(gen: Generated, file: File) -> str | bytes | None:
    """What a generated file's output is made of: its bytes, or a page's Markdown plus its slot's HTML."""
    if file.src_uri in gen.files:
        return gen.files[file.src_uri]
    if file.src_uri not in gen.pages.markdown:
        return None
    return gen.pages.markdown[file.src_uri] + render_page_slot(gen, file.src_uri, file.url)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    gen: Generated = _state["generated"]
    if page.file.src_uri not in gen.pages.markdown:
        # Hand-written pages: a description and preview image from the data, unless the page sets its own.
        for key, value in page_meta(gen, markdown, page.file.src_uri).items():
            page.meta.setdefault(key, html.escape(value))
    try:
        return expand_markers(markdown, source, _state["generated"])
    except DataErrors as exc:
        raise Abort(exc.report()) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return space_cells(fill_slots(html, page.url, _state["generated"]))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Feed readers find the changes feed from any page of the site.
    from generators.render.history_html import FEED_FILE
    from generators.render.links import base_for

    link = (f'<link rel="alternate" type="application/atom+xml" title="{html.escape(config.site_name)}: what changed" '
            f'href="{base_for(page.url)}{FEED_FILE}">')
    return output.replace("</head>", link + "\n</head>", 1)


def on_post_build(config: MkDocsConfig) -> None:
    if _state["command"] != "serve" and _state.get("publishing") != config.site_dir:
        from generators.outputs import SITE_STAMP
        from generators.render.publish import STAMP_TEXT

        # So the next build, ours or MkDocs's, knows this folder is a site it may replace.
        (Path(config.site_dir) / SITE_STAMP).write_text(STAMP_TEXT, encoding="utf-8")
    if _state.get("incremental"):
        serve.complete_search_index(config, _state["serve_memo"])
    segment_index(Path(config.site_dir) / "search" / "search_index.json")
    if _state["command"] == "serve" and not _state.get("frozen"):
        # What the first build leaves alive (modules, Plotly's validators, the theme) lives as long as
        # the server; taking it out of the collector's view makes every rebuild's collections cheaper.
        gc.collect()
        gc.freeze()
        _state["frozen"] = True


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    serve.tune(server)
    # The data folder, per-subject files (data/events/) included: a file added there is picked up too.
    server.watch(str(Path(DEFAULT_EVENTS).parent.resolve()))
    return server
