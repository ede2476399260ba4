"""The MkDocs plugin: a loaded mkdocs.yml in, the project's generated files and pages handed to MkDocs out.

It calls the project's own build step (`generators.render.site.generate`) and keeps everything that
lives between MkDocs events, and between the rebuilds of `mkdocs serve`, on the plugin object, as
Material's own plugins do: MkDocs keeps one object per process because it has `on_startup`.
Registered as the entry point `labfig` (pyproject.toml) and listed under `plugins:` in mkdocs.yml.

Data errors become a clean MkDocs abort listing `file:line:col: path: message`; no traceback.
Images are rendered for `mkdocs build` and skipped under `mkdocs serve` (figures then load
interactive at once) unless the settings say otherwise. Every path comes from the config file's
folder, so a build run from another folder reads and writes the same files.
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
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generators.dataparts import ParseCache
from generators.errors import BuildError, DataErrors
from generators.history.snapshot import CACHE as HISTORY_CACHE
from generators.history.timeline import read_history
from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES, load_store
from generators.plugin import serve
from generators.plugin.mkdocs_api import Abort
from generators.plugin.site_files import SiteFile
from generators.render.figure_assets import FIGURE_CACHE, FigureCache
from generators.render.generated import Generated
from generators.render.markers import expand_markers, fill_slots, render_page_slot
from generators.render.search_text import segment_index, space_cells
from generators.render.site import generate, page_meta
from generators.render.subjects import with_subjects_nav
from generators.settings import Settings, SettingsError

log = logging.getLogger("mkdocs.plugins.labfig")
THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "theme"


class LabfigPlugin(BasePlugin):  # type: ignore[type-arg]
    """Generates figures, pages, embeds and downloads for MkDocs, with its state on itself between events."""

    def __init__(self) -> None:
        self.command = "build"
        self.incremental = False  # `mkdocs serve --dirty`: write only what changed
        # What `build_site` hands over for one build (`hand_over`); None: the environment's settings, images as the command implies.
        self.settings: Settings | None = None
        self.images: bool | None = None
        self.publishing: str | None = None  # the staging folder `build_site` checked and writes into
        self.generated: Generated | None = None
        # Kept across the rebuilds of a serve: each data file's parse, figure JSON, what the served site holds.
        self.parse_cache: ParseCache = {}
        self.figures: FigureCache | None = None
        self.serve_memo: dict[str, Any] = {}
        self.frozen = False

    def hand_over(self, *, settings: Settings | None = None, images: bool | None = None, publishing: str | None = None) -> None:
        """What the next build is told by `build_site`; called again with nothing when that build ends."""
        self.settings, self.images, self.publishing = settings, images, publishing

    def current_settings(self) -> Settings:
        """The settings handed over, else those of the environment (a plain `mkdocs build` or `serve`)."""
        if self.settings is None:
            try:
                self.settings = Settings.from_environment()
            except SettingsError as exc:
                raise Abort(f"error: {exc}") from None
        return self.settings

    def images_wanted(self) -> bool:
        """Whether to render static images: as `build_site(images=...)` said, else the settings, else not under serve."""
        if self.images is not None:
            return self.images
        setting = self.current_settings().images
        return setting if setting is not None else self.command != "serve"

    def build_date(self, root: Path) -> str:
        """The date citations carry: SOURCE_DATE_EPOCH, else the last commit touching data/, else today."""
        epoch = self.current_settings().source_date_epoch
        if epoch is not None:
            return datetime.fromtimestamp(epoch, tz=UTC).date().isoformat()
        try:
            out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "data"], cwd=root, capture_output=True, text=True, timeout=5)
            if out.returncode == 0 and out.stdout.strip():
                return out.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
        return date.today().isoformat()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.incremental = command == "serve" and dirty
        if self.incremental:
            serve.quiet_dirty_notice()
        if command == "serve":
            # The first edit would otherwise pay for importing plotly (~1 s); import it while the editor reads.
            threading.Thread(target=importlib.import_module, args=("generators.figures.registry",), daemon=True).start()

    def on_shutdown(self) -> None:
        """The end of a serve: drop what was kept for rebuilds, and give the collector back what `on_post_build` froze."""
        self.parse_cache, self.serve_memo, self.figures, self.generated = {}, {}, None, None
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = project_root(config)
        self._check_site_dir(config, root)
        _ignore_cache(root)
        # Our template overrides (link-preview tags, a named search dialog) go before Material's own templates.
        if str(THEME_OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        settings = self.current_settings()
        if self.figures is None or self.figures.validate != settings.validate_figures or self.figures.folder != root / FIGURE_CACHE:
            self.figures = FigureCache(root / FIGURE_CACHE, validate=settings.validate_figures)
        try:
            # Under serve, each data file keeps its parse until its bytes change: an edit to one subject's file parses that file alone.
            cache = self.parse_cache if self.command == "serve" else None
            store, warnings = load_store(root / DEFAULT_EVENTS, root / DEFAULT_FIGURES, cache=cache, limits=settings.limits)
            today = self.build_date(root)
            history = read_history(root, store, today=today, cache=root / HISTORY_CACHE, limits=settings.limits)
            gen = self.generated = generate(store, site_name=config.site_name, site_url=config.site_url or "", date=today,
                                            images=self.images_wanted(), history=history, content_dir=Path(config.docs_dir),
                                            project=root, figures=self.figures, browser=settings.browser)
            _log_figures(gen)
            # The Subjects section lists every subject of the store: adding one needs no edit of mkdocs.yml.
            config.nav = with_subjects_nav(config.nav, store)
        except DataErrors as exc:
            raise Abort(f"{exc.report()}\n{len(exc.errors)} problem(s) in the data; nothing was built.") from None
        except BuildError as exc:
            raise Abort(str(exc)) from None
        return config

    def _check_site_dir(self, config: MkDocsConfig, root: Path) -> None:
        """A plain `mkdocs build` empties site_dir before writing: hold it to the rules `build` follows.

        `generators.plugin.publish` builds into its own staging folder and has checked the target already.
        """
        if self.command == "serve" or self.publishing == config.site_dir:
            return
        from generators.outputs import Project, TargetRefused, site_target

        project = Project.around(config_file=Path(config.config_file_path), docs_dir=Path(config.docs_dir),
                                 data_files=(root / DEFAULT_EVENTS, root / DEFAULT_FIGURES))
        try:
            site_target(Path(config.site_dir), project, "site_dir or --site-dir")
        except TargetRefused as exc:
            raise Abort(str(exc)) from None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs compiles the theme's templates afresh on every build (~1 s for Material); reuse the bytecode.
        cache_dir = project_root(config) / ".cache/jinja"
        cache_dir.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        return env

    def _gen(self) -> Generated:
        if self.generated is None:
            raise Abort("the labfig plugin has generated nothing: its on_config did not run")
        return self.generated

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        gen = self._gen()
        for path, content in gen.pages.markdown.items():
            files.append(File.generated(config, path, content=content))
        for path, blob in gen.files.items():
            files.append(SiteFile.generated(config, path, content=blob))
        for path, kept in gen.linked.items():
            files.append(SiteFile.generated(config, path, abs_src_path=str(kept)))
        if self.incremental:
            serve.skip_unchanged(files, config, lambda file: _output_of(gen, file), self.serve_memo)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        gen = self._gen()
        if page.file.src_uri not in gen.pages.markdown:
            # Hand-written pages: a description and preview image from the data, unless the page sets its own.
            for key, value in page_meta(gen, markdown, page.file.src_uri).items():
                page.meta.setdefault(key, html.escape(value))
        try:
            return expand_markers(markdown, source, gen)
        except DataErrors as exc:
            raise Abort(exc.report()) from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return space_cells(fill_slots(html, page.url, self._gen()))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Feed readers find the changes feed from any page of the site.
        from generators.render.history_html import FEED_FILE
        from generators.render.links import base_for

        link = (f'<link rel="alternate" type="application/atom+xml" title="{html.escape(config.site_name)}: what changed" '
                f'href="{base_for(page.url)}{FEED_FILE}">')
        return output.replace("</head>", link + "\n</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.command != "serve" and self.publishing != config.site_dir:
            from generators.outputs import SITE_STAMP
            from generators.plugin.publish import STAMP_TEXT

            # So the next build, ours or MkDocs's, knows this folder is a site it may replace.
            (Path(config.site_dir) / SITE_STAMP).write_text(STAMP_TEXT, encoding="utf-8")
        if self.incremental:
            serve.complete_search_index(config, self.serve_memo)
        segment_index(Path(config.site_dir) / "search" / "search_index.json")
        if self.generated is not None and self.generated.kept is not None:
            self.generated.kept.prune()  # only now: the site holds its links to every kept file it uses
        if self.command == "serve" and not self.frozen:
            # What the first build leaves alive (modules, Plotly's validators, the theme) lives as long as
            # the server; taking it out of the collector's view makes every rebuild's collections cheaper.
            gc.collect()
            gc.freeze()
            self.frozen = True

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        serve.tune(server)
        # The data folder, per-subject files (data/events/) included: a file added there is picked up too.
        server.watch(str((project_root(config) / DEFAULT_EVENTS).parent))
        return server


def project_root(config: MkDocsConfig) -> Path:
    """The project's folder: the one mkdocs.yml is in, whatever the working directory."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _ignore_cache(root: Path) -> None:
    """The caches under .cache/ are this tool's own files: git ignores them even where .gitignore does not say so."""
    ignore = root / ".cache/.gitignore"
    if not ignore.exists():
        ignore.parent.mkdir(exist_ok=True)
        ignore.write_text("# Caches of the site build; safe to delete.\n*\n", encoding="utf-8")


def _log_figures(gen: Generated) -> None:
    """One line per build: which figures were drawn afresh; the rest came from the content-hash cache."""
    built = [fig.id for fig in gen.outputs.values() if fig.built]
    unchanged = len(gen.outputs) - len(built)
    log.info(f"Figures drawn: {', '.join(built) or 'none'}; {unchanged} of {len(gen.outputs)} unchanged (cached)")
    history = gen.history
    if history is not None and history.available:
        log.info(f"History: {len(history.entries)} commits changed the data; {history.loaded} data states read from git, the rest cached; "
                 f"figure versions: {len(gen.versions)} drawn, {gen.versions_kept} linked from the cache")
    elif history is not None:
        log.info(f"History unavailable: {history.reason}")


def _output_of(gen: Generated, file: File) -> str | bytes | None:
    """What a generated file's output is made of: its bytes, or a page's Markdown plus its slot's HTML."""
    if file.src_uri in gen.files:
        return gen.files[file.src_uri]
    if file.src_uri in gen.linked:
        return str(gen.linked[file.src_uri])  # a kept file's name hashes what it holds
    if file.src_uri not in gen.pages.markdown:
        return None
    return gen.pages.markdown[file.src_uri] + render_page_slot(gen, file.src_uri, file.url)
