"""Small file helpers every stage may use: a path and its new content in, the file replaced whole out.

Each helper leaves the old file or the new one, never half of either, and never a stray temporary file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def source_digest(sources: Iterable[Path], root: Path, salt: str = "") -> str:
    """A short hash of source files (each by its path under `root` and its bytes), so that a cache keyed by it
    refreshes when any of them changes, moves or is added."""
    digest = hashlib.sha256(salt.encode())
    for source in sorted(set(sources)):
        digest.update(str(source.relative_to(root)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader, or a crash, sees the old file or the new one, never half of either."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file private (0600); keep the old file's mode, or the usual one for a new file.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # so the rename itself survives a power cut
    finally:
        os.close(directory)
