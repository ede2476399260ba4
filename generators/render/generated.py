"""What one build generated: the store and site in, every file, page and figure output a site builder needs, held together.

`generators.render.site.generate` fills it; `generators.render.markers` fills a builder's pages from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generators.history.timeline import History
from generators.model.store import Store
from generators.render.embed_kit import SiteInfo
from generators.render.figure_assets import FigureOutput
from generators.render.pages import Pages
from generators.render.subjects import SubjectView
from generators.render.version_cache import VersionFiles


@dataclass
class Generated:
    """Everything generated for one build."""

    store: Store
    site: SiteInfo
    images: bool
    outputs: dict[str, FigureOutput]
    files: dict[str, bytes] = field(default_factory=dict)
    pages: Pages = field(default_factory=Pages)
    rendered_images: int = 0
    history: History | None = None
    versions: list[FigureOutput] = field(default_factory=list)  # the versions drawn in this build (the rest were kept)
    versions_kept: int = 0  # versions whose files were linked from the cache
    linked: dict[str, Path] = field(default_factory=dict)  # site path -> kept file, hard-linked into the site
    kept: VersionFiles | None = None  # the cache of version files; pruned once the site is written
    # (slot key, base) -> HTML, for a page's slot rendered early (serve's incremental rebuild compares it).
    slot_html: dict[tuple[str, str], str] = field(default_factory=dict)
    content_dir: Path = Path("content")
    subjects: SubjectView | None = None
    project: Path = Path(".")
