"""How `new` gets and checks its answers: options (or prompts) and the store in; each answer checked (`Asker`),
the event a new one would duplicate, the other claims (`--alt`) and credits (`--credit`) as model-shaped
mappings, and one report of every bad or missing option out.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from generators.errors import did_you_mean
from generators.model.dates import DateFormatError, parse_date
from generators.model.events import ALTERNATIVE_FIELDS, Credit, Event
from generators.model.references import ref_of, registry
from generators.model.store import Store

Check = Callable[[str], Any]

# The options that fill each axis's detail block; all or none of them, and only on their own axis.
DETAIL_OPTIONS = {"release": ("family", "generation", "tier", "licence"), "move": ("person", "kind"), "change": ("unit", "kind")}
ALT_FORM = "FIELD=VALUE@SOURCE[,SOURCE...]"
CREDIT_FORM = "ID=ROLE"


def stdin_is_terminal() -> bool:
    """Whether someone can answer a prompt (not a pipe, a CI job or an editor's task runner)."""
    return sys.stdin.isatty()


@dataclass
class OptionErrors:
    """Every bad option of one run, reported together as click reports one."""

    lines: list[str] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.lines.append(f"Invalid value for '--{name}': {message}")

    def note(self, message: str) -> None:
        self.lines.append(message)

    def raise_any(self) -> None:
        if self.lines:
            count = len(self.lines)
            more = f"\n({count} problems with the options; nothing was written)" if count > 1 else ""
            raise click.UsageError("\n".join(self.lines) + more)


class Asker:
    """One answer at a time: the option when given (a bad one is noted, and all are reported together at the
    end), else a prompt that asks again."""

    def __init__(self, answers: dict[str, Any], interactive: bool, errors: OptionErrors | None = None):
        self.answers, self.interactive = answers, interactive
        self.errors = errors or OptionErrors()
        self.failed: set[str] = set()

    def __call__(self, name: str, prompt: str, check: Check, default: str | None = None, optional: bool = False) -> Any:
        given = self.answers.get(name)
        if given not in (None, ()):
            try:
                return check(",".join(given) if isinstance(given, tuple) else str(given))
            except click.BadParameter as exc:
                self.errors.add(name, exc.message)
                self.failed.add(name)
                return None
        if not self.interactive:
            return check(default) if default is not None else None
        proc = (lambda text: check(text) if text.strip() else None) if optional else check
        return click.prompt(prompt, default=default if default is not None else ("" if optional else None),
                            show_default=bool(default), value_proc=proc)

    def many(self, name: str, prompt: str, check: Check) -> list[Any]:
        """A repeatable option's values, each checked; when prompting, one answer a line until a blank one."""
        given = self.answers.get(name) or ()
        if given:
            out = []
            for text in given:
                try:
                    out.append(check(text))
                except click.BadParameter as exc:
                    self.errors.add(name, f"{exc.message}")
                    self.failed.add(name)
            return out
        found: list[Any] = []
        while self.interactive:
            value = click.prompt(prompt, default="", show_default=False, value_proc=lambda t: check(t) if t.strip() else None)
            if value is None:
                break
            found.append(value)
        return found

    def wants(self, block: str | None, axis: str) -> bool:
        """Whether to fill the detail block: always when prompting, else when its options were given (all of them)."""
        names = DETAIL_OPTIONS.get(block or "", ())
        stray = [n for other in DETAIL_OPTIONS.values() for n in other if n not in names and self.answers.get(n) is not None]
        if stray:
            self.errors.note(f"--{stray[0]} does not apply to axis '{axis}'"
                             + (f"; its details are {', '.join(f'--{n}' for n in names)}" if names else ""))
            return False
        present = [n for n in names if self.answers.get(n) is not None]
        if present and len(present) != len(names) and not self.interactive:
            missing = ", ".join(f"--{n}" for n in names if n not in present)
            self.errors.note(f"{', '.join(f'--{n}' for n in names)} go together; missing {missing}")
            return False
        return bool(names) and (self.interactive or bool(present))


def missing_options(names: list[str]) -> str:
    listed = ", ".join(f"--{n}" for n in names)
    hint = " (--source '' when there is none yet)" if "source" in names else ""
    return (f"missing {listed}{hint}: there is no terminal to ask on, so give "
            f"{'it' if len(names) == 1 else 'them'} as options (python -m generators new --help)")


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def duplicate_of(store: Store, event: dict[str, Any]) -> tuple[Event, str] | None:
    """An existing event with the same subject, axis and date and the same title (or, for a move, person)."""
    try:
        date = parse_date(str(event["date"]))
    except (DateFormatError, KeyError):
        return None
    person = (event.get("move") or {}).get("person")
    for other in store.events.values():
        if other.subject != event["subject"] or other.axis != event["axis"]:
            continue
        if (other.date.start, other.date.end, other.date.precision) != (date.start, date.end, date.precision):
            continue
        if _same_title(other.title, str(event["title"])):
            return other, "title"
        if person and other.move and other.move.person == person:
            return other, "person"
    return None


def refuse_duplicate(store: Store, event: dict[str, Any]) -> None:
    found = duplicate_of(store, event)
    if found:
        other, what = found
        raise click.UsageError(f"event '{other.id}' already records this: same subject ({other.subject}), axis ({other.axis}), "
                               f"date ({other.date.text}) and {what}; edit that event instead (add a source or an "
                               "alternative claim to it), or give another date or title")


def parse_alternative(store: Store, text: str) -> dict[str, Any]:
    """`date=2025-03-27@press,lab-blog` as an alternatives entry; raises BadParameter naming what is wrong."""
    claim, at, sources_text = text.rpartition("@")
    name, eq, value = claim.partition("=")
    name, value = name.strip(), value.strip()
    if not at or not eq or not value:
        raise click.BadParameter(f"'{text}' is not {ALT_FORM}, e.g. 'date=2025-03-27@press'")
    if name not in ALTERNATIVE_FIELDS:
        raise click.BadParameter(f"unknown field '{name}'{did_you_mean(name, ALTERNATIVE_FIELDS)}; "
                                 f"one of: {', '.join(ALTERNATIVE_FIELDS)}")
    if name == "date":
        try:
            value = parse_date(value).text
        except DateFormatError as exc:
            raise click.BadParameter(str(exc)) from None
    sources = [s.strip() for s in sources_text.split(",") if s.strip()]
    unknown = [s for s in sources if s not in store.sources]
    if unknown:
        raise click.BadParameter(f"unknown source '{unknown[0]}'{did_you_mean(unknown[0], store.sources)}")
    if not sources:
        raise click.BadParameter(f"'{text}' names no source; another claim needs the sources that make it")
    return {"field": name, "value": value, "sources": sources}


def _main_value(event: dict[str, Any], name: str) -> str | None:
    """The new event's own value for an alternative's field (`release.licence` -> its licence), if it has one."""
    head, _, tail = name.partition(".")
    value = (event.get(head) or {}).get(tail) if tail else event.get(head)
    return None if value is None else str(value)


def _same_value(name: str, a: str, b: str) -> bool:
    if name != "date":
        return a.strip().casefold() == b.strip().casefold()
    try:
        x, y = parse_date(a), parse_date(b)
    except DateFormatError:
        return False
    return (x.start, x.end, x.label()) == (y.start, y.end, y.label())


def claim_check(store: Store, event: dict[str, Any], accepted: list[dict[str, Any]]) -> Check:
    """Each `--alt` parsed and held to the data's rules for other claims (generators/model/claims.py), so the
    editor hears which option breaks them rather than a line of a file that was never written: an alternative
    gives a different value than the event's, and the event's value keeps at least one source that no other
    claim of that field also cites."""
    def check(text: str) -> dict[str, Any]:
        alt = parse_alternative(store, text)
        name, main = alt["field"], _main_value(event, alt["field"])
        if main is not None and _same_value(name, alt["value"], main):
            raise click.BadParameter(f"'{text}' repeats the event's own {name} '{main}'; an alternative records a different "
                                     "claim (sources that agree with the event go in --source)")
        own = set(event.get("sources") or [])
        others = set(alt["sources"]).union(*(a["sources"] for a in accepted if a["field"] == name))
        if own and own <= others:
            listed = ", ".join(sorted(own))
            raise click.BadParameter(f"'{text}': every source of the event ({listed}) would also back another {name}, leaving "
                                     f"the event's {name} without a source of its own; cite each source only for the value "
                                     f"it gives (a source in --source reports the event's {name}, one after @ reports this one)")
        accepted.append(alt)
        return alt
    return check


def parse_credit(store: Store, text: str) -> dict[str, Any]:
    """`ada=lead author` as a credits entry for a person or a unit, whichever the id names."""
    ref, eq, role = text.partition("=")
    ref, role = ref.strip(), role.strip()
    if not eq or not ref or not role:
        raise click.BadParameter(f"'{text}' is not {CREDIT_FORM}, e.g. 'ada=lead author'")
    # A credit names a person or a unit: whichever reference field of Credit the id is known to.
    targets = [(name, target) for name in Credit.model_fields if (target := ref_of(Credit, name)) is not None]
    for name, target in targets:
        if ref in registry(store, target):
            return {name: ref, "role": role}
    known = [i for _, target in targets for i in registry(store, target)]
    kinds = " nor ".join(f"a {target.kind}" for _, target in targets)
    raise click.BadParameter(f"'{ref}' is neither {kinds}{did_you_mean(ref, known)}; add it to the file first")
