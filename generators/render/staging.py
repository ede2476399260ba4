"""Publishing a folder whole: a target path in, a staging folder to fill out, then the target replaced in one step.

The staging folder sits beside the target (a rename cannot cross file systems) in a work folder
named `.TARGET.labfig-PID-TOKEN` that holds a `.gitignore` of `*`, so `git status` and `git add .`
never see it, and a lock held for the life of the process, so a later run knows it was abandoned.
`publish` swaps the new tree with the old one in a single `renameat2(RENAME_EXCHANGE)` where the
system has it: at every instant the target is the old site or the new one. Elsewhere it falls back
to two renames; a run killed between them leaves the old site in its work folder, and `sweep`, which
every build runs first, puts it back before removing what killed runs left.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import re
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

AT_FDCWD = -100
RENAME_EXCHANGE = 2
MARK = ".labfig-"
IGNORE_ALL = "# A build in progress, or one that was killed: the next build removes this folder.\n*\n"
# A work folder with no lock file is one a run was killed in the instant of making; it gets this long.
GRACE_SECONDS = 60


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the system or file system cannot."""
    call = _renameat2()
    if call is None:
        return False
    if call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        call: Any = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28, or not glibc
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call  # type: ignore[no-any-return]


class Staging:
    """A work folder beside `target` with an empty `new/` to build into; removed on exit, whatever happened."""

    def __init__(self, target: Path, stamp: str, stamp_text: str) -> None:
        self.target, self.stamp, self.stamp_text = target, stamp, stamp_text
        self.work = target.parent / f".{target.name}{MARK}{os.getpid()}-{secrets.token_hex(4)}"
        self.new = self.work / "new"
        self._lock: int | None = None

    def __enter__(self) -> Staging:
        self.work.mkdir()
        try:
            (self.work / ".gitignore").write_text(IGNORE_ALL, encoding="utf-8")
            self._lock = os.open(self.work / "lock", os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
            self.new.mkdir()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def publish(self) -> None:
        """Stamp the new tree and put it where the target is; the old tree ends up in the work folder."""
        (self.new / self.stamp).write_text(self.stamp_text, encoding="utf-8")
        with _signals_held():
            if not self.target.exists():
                os.rename(self.new, self.target)
            elif not exchange(self.new, self.target):
                os.rename(self.target, self.work / "old")
                os.rename(self.new, self.target)
            _fsync_folder(self.target.parent)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        def clean() -> None:
            # A fallback swap interrupted between its renames left the old site here: it goes back first.
            _restore(self.work / "old", self.target)
            shutil.rmtree(self.work, ignore_errors=True)

        try:
            _uninterrupted(clean)
        finally:
            if self._lock is not None:
                os.close(self._lock)
                self._lock = None


def _uninterrupted(action: Callable[[], None]) -> None:
    """Run an idempotent `action` to its end though Ctrl-C or SIGTERM arrive; the interruption is raised after."""
    interrupted: KeyboardInterrupt | None = None
    with _signals_held():
        for _ in range(3):
            try:
                action()
                break
            except KeyboardInterrupt as exc:  # one that arrived just before the signals were held
                interrupted = exc
    if interrupted is not None:
        raise interrupted


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM during the swap or the clean-up waits until it is done (SIGKILL cannot: `sweep` is for that)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no pthread_sigmask on this system
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _fsync_folder(folder: Path) -> None:
    """So that the renames themselves survive a power cut."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def sweep(target: Path) -> list[Path]:
    """Remove what killed runs left beside `target`, first restoring a site one had moved aside; the paths removed.

    Only folders named as this tool names its work folders are touched, and only once no live process
    holds their lock. Folders the earlier two-rename publish left (`.site-new-XXXXXXXX`, `.site-old-PID`)
    go too.
    """
    parent = target.parent
    if not parent.is_dir():
        return []
    legacy = re.compile(rf"\.{re.escape(target.name)}-(?:new-[a-z0-9_]{{8}}|old-(\d+))")
    removed = []
    for entry in sorted(parent.iterdir()):
        if entry.is_symlink() or not entry.is_dir():
            continue
        if entry.name.startswith(f".{target.name}{MARK}"):
            held = _abandoned(entry)
            if held is None:
                continue
            try:
                _restore(entry / "old", target)
                shutil.rmtree(entry, ignore_errors=True)
            finally:
                if held >= 0:
                    os.close(held)
            removed.append(entry)
        elif (match := legacy.fullmatch(entry.name)) and not (match.group(1) and _alive(int(match.group(1)))):
            if match.group(1):
                _restore(entry, target)
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _restore(old: Path, target: Path) -> None:
    """Put back a site a killed run had moved aside, if nothing has taken its place since."""
    if not target.exists() and old.is_dir():
        os.rename(old, target)


def _abandoned(work: Path) -> int | None:
    """The lock of a work folder no live process holds (-1 if it has none and is old), else None."""
    try:
        handle = os.open(work / "lock", os.O_RDWR)
    except FileNotFoundError:
        try:
            return -1 if time.time() - work.stat().st_mtime > GRACE_SECONDS else None
        except OSError:
            return None
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
