"""A whole site build, atomically: mkdocs.yml in, a complete `site/` out, or the old `site/` untouched.

The output folder must be one a build may replace (`generators.outputs`). MkDocs (with our plugin,
`generators.plugin.plugin`, handed the run's settings) writes into a
staging folder beside it, which is swapped into place in one step only when everything succeeded
(`generators.render.staging`), so a failed, crashed or killed build never leaves a half-written site,
and what killed builds left is cleared up by the next one. A file that cannot be written is a
BuildError naming the site path and the cause.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generators.errors import BuildError
from generators.outputs import SITE_STAMP, Project, site_target
from generators.plugin import mkdocs_api
from generators.render.staging import Staging, sweep
from generators.settings import Settings

STAMP_TEXT = "Built by Lab Timelines. The next build replaces this whole folder; do not keep other files in it.\n"


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    seconds: float
    files: int
    images_rendered: int


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None, *, images: bool = True,
               settings: Settings | None = None) -> BuildReport:
    """Run MkDocs (whose hook generates figures, pages and embeds) into a staging folder, then swap it in.

    `settings` (limits, checks, build date, browser) go to the plugin; without them, the environment's.
    Paths come from the config file's folder, wherever the command runs. Raises TargetRefused before
    anything is written when the output folder is not one to replace.
    """
    from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES

    mkdocs_api.quiet_end_of_life_banner()
    _show_mkdocs_warnings()
    started = time.perf_counter()
    raw = _raw_config(config_file)
    base = config_file.resolve().parent
    project = Project.around(config_file=config_file, docs_dir=base / str(raw.get("docs_dir", "docs")),
                             data_files=(base / DEFAULT_EVENTS, base / DEFAULT_FIGURES))
    wanted = site_dir if site_dir is not None else base / str(raw.get("site_dir", "site"))
    target = site_target(wanted, project, "--out" if site_dir is not None else f"site_dir in {config_file}")
    staging = Staging(target, SITE_STAMP, STAMP_TEXT)
    try:
        config = mkdocs_api.load_config(config_file, target)
        plugin = mkdocs_api.labfig_plugin(config)
        if plugin is None:
            raise BuildError(f"{config_file} does not list the '{mkdocs_api.PLUGIN_NAME}' plugin under plugins:, "
                             "so nothing would generate the figures and pages")
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep(target)
        with staging:
            config.plugins.on_startup(command="build", dirty=False)
            # What this build is told; the plugin forgets it when the build ends.
            plugin.hand_over(settings=settings, images=images, publishing=str(staging.new))
            try:
                config.site_dir = str(staging.new)
                mkdocs_api.build(config)
            except mkdocs_api.Abort:
                raise
            except mkdocs_api.MkDocsException as exc:
                raise BuildError(f"the site build failed: {exc}") from None
            finally:
                plugin.hand_over()
            staging.publish()
    except OSError as exc:
        raise BuildError(io_message(exc, target, staging)) from None
    files = sum(1 for p in target.rglob("*") if p.is_file())
    return BuildReport(target, time.perf_counter() - started, files, getattr(plugin.generated, "rendered_images", 0))


def io_message(exc: OSError, target: Path, staging: Staging) -> str:
    """`cannot write site/index.html: No space left on device`: the path as the user knows it, and the cause.

    A path in the staging folder is named as it would be in the site; the work folder as the folder
    the site lives in, since that is where the user can make room or grant a permission.
    """
    name = exc.filename
    path = Path(os.fsdecode(name)) if isinstance(name, (str, bytes, os.PathLike)) else target
    if path == staging.new or staging.new in path.parents:
        path = target / path.relative_to(staging.new)
    elif path == staging.work or staging.work in path.parents:
        path = target.parent
    cause = exc.strerror or str(exc)
    if path == target.parent or path == target or target in path.parents:
        return f"cannot write {_display(path)}: {cause}"
    return f"{_display(path)}: {cause}"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _raw_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written, to check `site_dir` before MkDocs (whose own checks exit differently) sees it."""
    try:
        raw = mkdocs_api.raw_config(config_file)
    except Exception:  # noqa: BLE001 - load_config reports a broken mkdocs.yml in its own words
        return {}
    return raw if isinstance(raw, dict) else {}


def _show_mkdocs_warnings() -> None:
    """MkDocs' own CLI prints its warnings; called as a library it would count them silently."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_labfig", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._labfig = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
