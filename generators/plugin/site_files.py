"""Generated files as MkDocs writes them: a site path and bytes, or a kept file, in; the file in the site out.

A kept figure version's files are hard-linked from `.cache/version-files/` (copied where the site is on
another device), so a long history costs a build a link per file rather than a copy.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from generators.render.version_cache import link_or_copy


class SiteFile(File):
    """A generated file: its bytes, or a kept version file hard-linked from the cache. An output already in the
    site (a dirty rebuild under serve) is unlinked first, so that new bytes never write through a link into the cache."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        Path(self.abs_dest_path).unlink(missing_ok=True)
        if self.abs_src_path is None:
            super().copy_file()
        else:
            link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))
