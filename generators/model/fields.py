"""Field types shared by every record: slugs, safe text, http(s) links, and the closed vocabularies.

In: raw strings from YAML. Out: validated values, or a ValueError whose message an editor can act on.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"

# Unicode's Bidi_Control characters (marks, embeddings, overrides, isolates) can make a title read
# differently from what it stores.
_BIDI_CONTROLS = {"\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                  "\u2066", "\u2067", "\u2068", "\u2069"}
# Characters that do not show as themselves: controls, format characters, line separators, surrogates.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


class Record(BaseModel):
    """Base of every data record: immutable, and unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True)


def printable(text: str) -> bool:
    """True when every character of `text` shows as itself: no control, format or separator characters."""
    return not any(unicodedata.category(ch) in _HIDDEN for ch in text)


def escaped(text: str) -> str:
    """`text` with each hidden character written as `\\uXXXX`.

    Messages end up in terminals and CI logs; a value must not add lines or reorder them there.
    """
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def shown(value: object, limit: int = 60) -> str:
    """Data quoted for a one-line error message: hidden characters escaped, long text cut at `limit`."""
    text = str(value)
    return "'" + escaped(text if len(text) <= limit else text[:limit] + "…") + "'"


def hidden_character(value: str) -> str | None:
    """Why `value` does not read as what it stores (`the invisible format character U+200B (ZERO WIDTH SPACE)
    at character 5`), or None; tabs and line breaks are allowed."""
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if ch in _BIDI_CONTROLS:
            kind = "bidirectional control"
        elif category == "Cf":  # zero-width spaces and joiners, word joiner, a byte-order mark mid-text, soft hyphen...
            kind = "invisible format character"
        elif category in ("Cc", "Cs", "Zl", "Zp") and ch not in "\n\t":
            kind = "control character"
        else:
            continue
        name = unicodedata.name(ch, "")
        return f"the {kind} U+{ord(ch):04X}{f' ({name})' if name else ''} at character {i + 1}"
    return None


def _check_text(value: str) -> str:
    problem = hidden_character(value)
    if problem:
        raise ValueError(f"contains {problem}; remove it")
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError("link is not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        scheme = f"{shown(parts.scheme + ':', 20)} " if parts.scheme else ""
        raise ValueError(f"link {scheme}is not allowed; only http:// and https:// addresses are")
    # urlsplit drops tabs and line breaks before parsing, so the raw text is checked as well.
    if any(ch.isspace() for ch in value) or not printable(value):
        raise ValueError("link contains spaces or control characters")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_text)]
ShortText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_check_text)]
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_url), Field(json_schema_extra={"format": "uri", "pattern": "^https?://"})]

Status = Literal["confirmed", "reported", "pending", "source-needed"]
STATUS_LABELS: dict[str, str] = {
    "confirmed": "confirmed",
    "reported": "reported",
    "pending": "awaiting primary confirmation",
    "source-needed": "source needed",
}
Posture = Literal["permissive", "restricted", "paper", "closed", "unknown"]
Tier = Literal["base", "flagship"]
DescentKind = Literal["successor", "upgrade", "variant"]
UnitKind = Literal["institute", "lab", "team", "task-force", "business-group", "company", "brand"]
MoveKind = Literal["joined", "left", "moved", "appointed", "promoted"]
ChangeKind = Literal["created", "merged", "split", "renamed", "placed-under", "dissolved", "consolidated"]
