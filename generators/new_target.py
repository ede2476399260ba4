"""Where `new` writes: an entry file and a subject in, the subject's file (`data/events/SUBJECT.yaml`) and its text out.

A subject's events go in its own file so that editors adding events to different subjects change
different files and their pull requests merge without conflict. A missing file starts with the
comment that points editors' tools at its JSON Schema, the path worked out from the entry file's own.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from generators.datafiles import subject_file
from generators.model.store import Store

SCHEMA_COMMENT = "# yaml-language-server: $schema="
SUBJECT_SCHEMA = "subject-events.schema.json"
_ENTRY_SCHEMA = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def target(events_path: Path, subject: str) -> Path:
    """The file a new event of `subject` goes into."""
    return subject_file(events_path, subject)


def schema_reference(entry_text: str) -> str:
    """The `$schema` path a per-subject file uses: the entry file's own, one folder further up, for the subject schema.

    `../schema/events.schema.json` (from data/) becomes `../../schema/subject-events.schema.json` (from data/events/).
    """
    first = entry_text.split("\n", 1)[0].rstrip("\r")
    match = _ENTRY_SCHEMA.match(first)
    if match is None or "://" in match.group(1):
        return "../../schema/" + SUBJECT_SCHEMA
    return posixpath.join("..", posixpath.dirname(match.group(1)), SUBJECT_SCHEMA)


def starting_text(entry_text: str, entry_name: str, subject: str, store: Store) -> str:
    """The text of a new per-subject file: the schema comment, what the file is, an empty `events:` list."""
    name = store.subjects[subject].name if subject in store.subjects else subject
    return (f"{SCHEMA_COMMENT}{schema_reference(entry_text)}\n"
            "#\n"
            f"# What is dated about {_comment(name)} (subject `{subject}`), one entry each, as in {posixpath.basename(entry_name)}.\n"
            f"# What every subject shares (subjects, licences, sources, people, units, postures) stays in\n"
            f"# {posixpath.basename(entry_name)}; every entry here has `subject: {subject}`.\n"
            "\n"
            "events:\n")


def event_index(text: str) -> int:
    """The place of the last entry in the `events` list of a file's text (the event `new` just appended)."""
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    events = next((v for k, v in root.value if k.value == "events"), None) if isinstance(root, yaml.MappingNode) else None
    return len(events.value) - 1 if isinstance(events, yaml.SequenceNode) else 0


def _comment(text: str) -> str:
    """Text safe inside a one-line YAML comment."""
    return " ".join(text.split())
