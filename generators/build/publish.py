"""A whole site build, atomically: mkdocs.yml in, a complete `site/` out, or the old `site/` untouched.

MkDocs writes into a fresh directory beside the target; only when everything succeeded is it swapped
into place with two renames, so a failed, crashed or killed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generators.errors import BuildError


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    seconds: float
    files: int
    images_rendered: int


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None, *, images: bool = True) -> BuildReport:
    """Run MkDocs (whose hook generates figures, pages and embeds) into a temp dir, then swap it in."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from generators.build.site import STATE

    _show_mkdocs_warnings()
    started = time.perf_counter()
    config = load_config(str(config_file))
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    STATE["images"] = images  # read by the MkDocs hook in this process; never leaks to later builds or children
    try:
        config.site_dir = str(staging)
        build(config)
    except Abort:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"the site build failed: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        STATE["images"] = None
    swap_into_place(staging, target)
    files = sum(1 for p in target.rglob("*") if p.is_file())
    generated = STATE.get("generated")
    return BuildReport(target, time.perf_counter() - started, files, getattr(generated, "rendered_images", 0))


def _show_mkdocs_warnings() -> None:
    """MkDocs' own CLI prints its warnings; called as a library it would count them silently."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_labfig", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._labfig = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` with `staging`; the old tree is removed only after the new one is in place."""
    staging.chmod(0o755)
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
