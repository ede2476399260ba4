"""Data errors as GitHub Actions workflow commands: DataError records in, `::error file=…,line=…,col=…::` lines out.

GitHub turns each line into an annotation on the changed line of the pull request. Everything in a
message may come from the data, so the command's own separators are escaped as the runner expects
(a newline in a value would otherwise start a command of its own).
"""

from __future__ import annotations

from generators.errors import DataError


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(error: DataError) -> str:
    """One workflow command: `::error` (or `::warning`) with the file, line, column and field as its title."""
    level = "warning" if error.severity == "warning" else "error"
    props = [f"file={_property(error.file)}", f"line={error.line}", f"col={error.column}"]
    if error.path:
        props.append(f"title={_property(error.path)}")
    return f"::{level} {','.join(props)}::{_data(error.message)}"
