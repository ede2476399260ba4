"""Git access for the data's history: a repository folder in, the commits that changed `data/` and their files out.

Everything goes through the `git` CLI. A missing git, a folder outside a repository or a shallow
clone raise `HistoryUnavailable` with a reason a reader can be shown; nothing here raises anything else.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 120


class HistoryUnavailable(Exception):
    """The data's history cannot be read here; the message says why, in words fit for a page."""


@dataclass(frozen=True)
class Commit:
    """One commit that changed the data: its id, first parent, date (YYYY-MM-DD), time (RFC 3339) and message."""

    sha: str
    parent: str | None
    date: str
    time: str
    subject: str
    body: str = ""
    merge: bool = False  # a merge: its data is what both sides made together

    @property
    def short(self) -> str:
        return self.sha[:10]


class Repo:
    """The git repository holding a project folder, read through the `git` CLI."""

    def __init__(self, root: Path, data_dir: str = "data") -> None:
        self.root = root.resolve()
        self.data_dir = data_dir.strip("/")
        inside = self._git("rev-parse", "--is-inside-work-tree", check=False)
        if inside.strip() != "true":
            raise HistoryUnavailable("the site was built outside a git repository")
        if self._git("rev-parse", "--is-shallow-repository").strip() == "true":
            raise HistoryUnavailable("the site was built from a shallow clone (fetch the whole history, e.g. fetch-depth: 0)")
        # Paths below are given from the repository's top, whatever folder the project sits in.
        self.prefix = self._git("rev-parse", "--show-prefix").strip()

    def _git(self, *args: str, check: bool = True, stdin: bytes | None = None) -> str:
        return self._git_bytes(*args, check=check, stdin=stdin).decode("utf-8", "replace")

    def _git_bytes(self, *args: str, check: bool = True, stdin: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], input=stdin, capture_output=True, timeout=TIMEOUT)
        except FileNotFoundError:
            raise HistoryUnavailable("git is not installed where the site was built") from None
        except subprocess.TimeoutExpired:
            raise HistoryUnavailable("reading the history from git took too long") from None
        if check and done.returncode != 0:
            raise HistoryUnavailable("git could not read the history: " + done.stderr.decode("utf-8", "replace").strip()[:200])
        return done.stdout if done.returncode == 0 else b""

    def commits(self) -> list[Commit]:
        """Every commit that changed the data folder, merges included, oldest first (parents before children)."""
        if not self._git("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
            return []
        out = self._git("log", "--reverse", "--topo-order", "-z",
                        "--format=%H%x1f%P%x1f%cs%x1f%cI%x1f%s%x1f%b", "HEAD", "--", self.data_dir)
        commits = []
        for record in filter(None, (r.strip("\n") for r in out.split("\0"))):
            sha, parents, day, time, subject, body = (record.split("\x1f") + [""] * 6)[:6]
            ids = parents.split()
            commits.append(Commit(sha, ids[0] if ids else None, day, time, subject, body.strip(), merge=len(ids) > 1))
        return commits

    def mainline(self) -> set[str]:
        """The commits of HEAD's first-parent chain that changed the data: the states the branch itself went through,
        merges included; a merged branch's own commits are not among them."""
        if not self._git("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
            return set()
        return set(self._git("rev-list", "--first-parent", "HEAD", "--", self.data_dir).split())

    def data_trees(self, revs: list[str]) -> list[str | None]:
        """The tree id of the data folder at each revision (None where it did not exist), in one git call."""
        if not revs:
            return []
        query = "".join(f"{rev}:{self.prefix}{self.data_dir}\n" for rev in revs).encode()
        lines = self._git("cat-file", "--batch-check", stdin=query).splitlines()
        return [line.split()[0] if line.endswith(" tree") or " tree " in line else None for line in lines]

    def files(self, tree: str) -> dict[str, bytes]:
        """Every file under a data tree, by path inside the project (`data/events.yaml`), read in one batch."""
        listing = self._git_bytes("ls-tree", "-r", "-z", tree).split(b"\0")
        entries = []
        for item in filter(None, listing):
            meta, _, name = item.partition(b"\t")
            mode, kind, oid = meta.split()
            if kind == b"blob":
                entries.append((f"{self.data_dir}/{name.decode('utf-8', 'replace')}", oid.decode()))
        if not entries:
            return {}
        raw = self._git_bytes("cat-file", "--batch", stdin="".join(oid + "\n" for _, oid in entries).encode())
        out, pos = {}, 0
        for path, _oid in entries:
            header_end = raw.index(b"\n", pos)
            size = int(raw[pos:header_end].split()[2])
            out[path] = raw[header_end + 1: header_end + 1 + size]
            pos = header_end + 1 + size + 1
        return out

    def working_tree_differs(self) -> bool:
        """Whether the data folder has uncommitted edits (the live build then shows a version not yet in history)."""
        return bool(self._git("status", "--porcelain", "--", self.data_dir, check=False).strip())
