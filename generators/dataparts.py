"""The data files of one load, as parts to read: paths (or bytes held in memory) in, `Part`s and a reader within limits out.

A part knows how errors name its file, the project path the store records, how to get its bytes
and what the file holds (the entry file, one subject's file, the figures). `Reading` parses each
part within the limits that hold for all the files together, and keeps parses between loads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from generators.datafiles import Kind, SubjectFile, discover, display_name, subject_files_in, subject_folder
from generators.errors import DataError, DataErrors
from generators.settings import DEFAULT_LIMITS, Limits
from generators.yamlread import Located, parse_yaml, read_bytes

ParseCache = dict[str, tuple[bytes, Located]]


@dataclass(frozen=True)
class Part:
    """One data file to load: how errors name it, the project path the store records, its bytes, and what it holds."""

    display: str
    key: str
    read: Callable[[], bytes]
    subject: str | None = None  # a per-subject file: the subject its name gives
    entry: str = ""  # ... and how errors name the entry file, which lists the subjects
    figures: bool = False


def parts_on_disk(events_path: Path | None, figures_path: Path | None,
                  drafts: Mapping[Path, bytes], limits: Limits = DEFAULT_LIMITS) -> tuple[list[Part], list[DataError]]:
    """The entry file, the per-subject files found beside it and the figures; `drafts` stands in for files, new ones included."""
    parts: list[Part] = []
    problems: list[DataError] = []
    if events_path is not None:
        entry = display_name(events_path)
        parts.append(Part(entry, entry, _disk(events_path, entry, drafts, limits)))
        found, problems = discover(events_path, entry, limits.max_files)
        known = {f.path for f in found}
        found += [SubjectFile(p.stem, p, display_name(p)) for p in drafts
                  if p.parent == subject_folder(events_path) and p not in known]
        parts += [Part(f.display, f.display, _disk(f.path, f.display, drafts, limits), f.subject, entry)
                  for f in sorted(found, key=lambda f: f.path.name)]
    if figures_path is not None:
        name = display_name(figures_path)
        parts.append(Part(name, name, _disk(figures_path, name, drafts, limits), figures=True))
    return parts, problems


def parts_held(files: Mapping[str, bytes], events: str, figures: str | None, prefix: str,
               entries: list[tuple[str, Kind]] | None = None, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Part], list[DataError]]:
    """The same for files held by project path (a git tree); errors name each file as `prefix` + its path."""
    parts = [Part(prefix + events, events, _held(files, events, prefix))]
    found, problems = subject_files_in(files, events, entries, limits.max_files)
    parts += [Part(prefix + f.display, f.display, _held(files, f.display, prefix), f.subject, prefix + events) for f in found]
    if figures is not None:
        parts.append(Part(prefix + figures, figures, _held(files, figures, prefix), figures=True))
    return parts, [replace(p, file=prefix + p.file) for p in problems]


def _disk(path: Path, display: str, drafts: Mapping[Path, bytes], limits: Limits) -> Callable[[], bytes]:
    if path in drafts:
        return lambda: drafts[path]
    return lambda: read_bytes(path, display, limits)


def _held(files: Mapping[str, bytes], path: str, prefix: str) -> Callable[[], bytes]:
    def read() -> bytes:
        if path not in files:
            raise DataErrors([DataError(prefix + path, 1, 1, "", "the file does not exist")])
        return files[path]
    return read


@dataclass
class Reading:
    """Parses parts one after another, counting bytes and values against the limits for all files together."""

    cache: ParseCache | None = None
    limits: Limits = DEFAULT_LIMITS
    total_bytes: int = 0
    total_values: int = 0
    failed: list[str] = field(default_factory=list)

    def parse(self, part: Part) -> Located:
        """The part's parse; raises DataErrors naming the file and the limit it crossed, per file or in total."""
        raw = part.read()
        self.total_bytes += len(raw)
        limits = self.limits
        if self.total_bytes > limits.max_total_bytes:
            raise DataErrors([DataError(part.display, 1, 1, "", f"the data files come to {self.total_bytes:,} bytes with this one; "
                                        f"the limit for all of them together is {_size(limits.max_total_bytes)} (set LABFIG_MAX_TOTAL_BYTES to raise it)")])
        located = self._parse(raw, part.display)
        self.total_values += len(located.values)
        if self.total_values > limits.max_total_values:
            raise DataErrors([DataError(part.display, 1, 1, "", f"the data files hold {self.total_values:,} values with this one; "
                                        f"the limit for all of them together is {limits.max_total_values:,} (set LABFIG_MAX_TOTAL_VALUES to raise it)")])
        return located

    def _parse(self, raw: bytes, name: str) -> Located:
        """`parse_yaml`, or the parse kept from a previous load when the bytes are the same (loaders only read a Located)."""
        if self.cache is None:
            return parse_yaml(raw, name, self.limits)
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        kept = self.cache.get(name)
        if kept is not None and kept[0] == digest:
            return kept[1]
        self.cache.pop(name, None)  # a file that fails to parse is parsed again next time
        located = parse_yaml(raw, name, self.limits)
        self.cache[name] = (digest, located)
        return located


def _size(limit: int) -> str:
    """`16 MiB (16,777,216 bytes)`, or `600 bytes` for a limit under a MiB."""
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB ({limit:,} bytes)" if mib >= 1 else f"{limit:,} bytes"
