"""Located data errors: one type that names file, line, column and field, and prints as editors expect.

In: positions and messages from every stage. Out: `DataError` records and the `DataErrors`
exception that carries all of them at once, printed as `file:line:col: path: message`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

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
