"""Located data errors: one type that names file, line, column and field, and prints as editors expect.

In: positions and messages from every stage. Out: `DataError` records and the `DataErrors`
exception that carries all of them at once, printed as `file:line:col: path: message`; and where
things stand, for every stage to point at: `Located` (one file's values and their positions, as the
reader makes it) and `Locator` (each record's file and place, as the loader fills it and rules read it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
Loc = tuple[int, int]
PathKey = tuple[str | int, ...]

# Enough for an editor to fix a batch of mistakes; past this, more lines only bury the first ones.
MAX_REPORTED = 200


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in a data file, with the place an editor must go to fix it."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return f"{where}: {self.path}: {prefix}{self.message}"
        return f"{where}: {prefix}{self.message}"


class DataErrors(Exception):
    """Raised once with every error found, so an editor sees them all in one run."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        """The errors one per line, capped at MAX_REPORTED with a count of the rest."""
        lines = [str(e) for e in self.errors[:MAX_REPORTED]]
        hidden = len(self.errors) - MAX_REPORTED
        if hidden > 0:
            lines.append(f"... and {hidden} more errors")
        return "\n".join(lines)


def format_path(parts: Iterable[str | int]) -> str:
    """Render a location path as editors read it: `events[3].release.licence`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'x'?` naming the closest candidate, or an empty string when none is close."""
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


class BuildError(Exception):
    """A build step failed for a reason outside the data (no browser, a file that cannot be written)."""


@dataclass
class Located:
    """Plain data read from one file, with where each value and each mapping key stands (1-based)."""

    file: str
    data: Any
    values: dict[PathKey, Loc] = field(default_factory=dict)
    keys: dict[PathKey, Loc] = field(default_factory=dict)

    def where(self, path: PathKey, *, key: bool = False) -> Loc:
        """The position of `path`, or of its nearest existing ancestor when it is missing."""
        probe = tuple(path)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: PathKey, message: str, *, key: bool = False, severity: str = "error") -> DataError:
        line, col = self.where(path, key=key)
        return DataError(self.file, line, col, format_path(path), message, severity)  # type: ignore[arg-type]


@dataclass
class Locator:
    """Where each record came from, so rules can point at `file:line:col` of any field."""

    files: dict[str, Located] = field(default_factory=dict)
    records: dict[tuple[str, str], tuple[str, PathKey]] = field(default_factory=dict)
    # Ids of records that failed validation: references to them are not reported as unknown too.
    invalid_ids: set[tuple[str, str]] = field(default_factory=set)
    # How errors name each file -> the project path the store records as a record's origin.
    keys: dict[str, str] = field(default_factory=dict)

    def error(self, section: str, record_id: str, sub: PathKey, message: str, *, severity: str = "error") -> DataError:
        file, prefix = self.records[(section, record_id)]
        return self.files[file].error(prefix + sub, message, severity=severity)
