"""Single answers to `new`: the text of one option or prompt in, the value the model accepts out, or a
click.BadParameter saying what is wrong (with a did-you-mean where one helps).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, get_args

import click
from pydantic import BaseModel, TypeAdapter, ValidationError

from generators.errors import did_you_mean
from generators.model.dates import DateFormatError, parse_date
from generators.model.events import Event
from generators.model.fields import ShortText, Slug, Status
from generators.model.references import ref_of, registry
from generators.model.store import Store

Check = Callable[[str], Any]
_SHORT_TEXT: TypeAdapter[str] = TypeAdapter(ShortText)
_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


def choice(values: list[str], what: str) -> Check:
    def check(text: str) -> str:
        if text.strip() not in values:
            raise click.BadParameter(f"unknown {what} '{text.strip()}'{did_you_mean(text.strip(), values)}; expected one of: {', '.join(values)}")
        return text.strip()
    return check


def known(registry: dict[str, Any], what: str) -> Check:
    def check(text: str) -> str:
        if text.strip() not in registry:
            raise click.BadParameter(f"unknown {what} '{text.strip()}'{did_you_mean(text.strip(), registry)}; "
                                     f"add it to the file first, or use one of: {', '.join(list(registry)[:12])}")
        return text.strip()
    return check


def reference(store: Store, model: type[BaseModel], field: str) -> tuple[list[str], Check]:
    """The ids reference field `field` of `model` may take (from the registry its type points to) and the check of an
    answer against them, which names what the field refers to (`unknown licence ...`)."""
    ref = ref_of(model, field)
    assert ref is not None, f"{model.__name__}.{field} is not a reference"
    ids = registry(store, ref)
    return list(ids), known(ids, ref.kind)


def sources(store: Store) -> Check:
    _, one = reference(store, Event, "sources")
    return lambda text: [one(part) for part in text.split(",") if part.strip()]


def date(text: str) -> str:
    try:
        return parse_date(text).text
    except DateFormatError as exc:
        raise click.BadParameter(str(exc)) from None


def text(text: str) -> str:
    try:
        return _SHORT_TEXT.validate_python(text.strip())
    except ValidationError as exc:
        raise click.BadParameter(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from None


def slug(text: str) -> str:
    try:
        return _SLUG.validate_python(text.strip())
    except ValidationError:
        raise click.BadParameter(f"'{text.strip()}' is not a valid id; use lowercase letters and digits "
                                 "joined by single hyphens or dots, at most 80 characters") from None


def new_id(store: Store) -> Check:
    def check(text: str) -> str:
        found = slug(text)
        if found in store.events:
            raise click.BadParameter(f"an event with id '{found}' already exists; choose another id")
        return found
    return check


def status(store: Store, sources: list[str]) -> Check:
    one_of = choice(list(get_args(Status)), "status")

    def check(text: str) -> str:
        status = one_of(text)
        if status != "source-needed" and not sources:
            raise click.BadParameter(f"'{status}' needs a source; with none yet, the status is 'source-needed'")
        if status == "confirmed" and not any(store.sources[s].primary for s in sources):
            raise click.BadParameter("'confirmed' needs a primary source (the lab's own paper, blog or model card); "
                                     "with press sources only, use 'reported'")
        return status
    return check


def default_status(store: Store, sources: list[str]) -> str:
    if not sources:
        return "source-needed"
    return "confirmed" if any(store.sources[s].primary for s in sources) else "reported"


def unique_slug(title: str, store: Store) -> str:
    """The title as an id (`Qwen2.5-Omni` -> `qwen2.5-omni`), with `-2`, `-3`... when it is taken."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_title)
    slug = re.sub(r"[.-]*-[.-]*", "-", re.sub(r"\.{2,}", ".", slug)).strip(".-")[:72].strip(".-") or "event"
    candidate, n = slug, 2
    while candidate in store.events:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
