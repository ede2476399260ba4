"""Rules about claims and their sources: a Store and its Locator in, DataErrors out.

- An alternative records a *different* claim: it must not repeat the main value.
- A source listed both in a record's `sources` and under one of its alternatives backs the record
  but gives the alternative's value for that field; so for each field the main value must keep at
  least one source that no alternative of that field also cites.
- Text that names a source (by id, outlet or one of its `names`) must cite it: an editor who writes
  "VentureBeat reports ..." in a summary has to list VentureBeat among the record's sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from generators.errors import DataError
from generators.model.dates import DateFormatError, parse_date
from generators.model.events import Alternative, Event
from generators.model.fields import shown
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import Locator

_WORD = re.compile(r"\w+")
_ID_LIKE = re.compile(r"[-.0-9]")
# Outlets too generic to stand for one source when they appear in running text.
_GENERIC = re.compile(r"^(unnamed\b|x\b|x \()", re.IGNORECASE)


def check_claims(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    names = SourceNames(store)
    for event in store.events.values():
        out += _repeated_values(event, locator)
        out += _unbacked_main(locator, "events", event.id, event.sources,
                              [(("alternatives", i), a.field, a.sources) for i, a in enumerate(event.alternatives)])
        out += _named_sources(locator, names, "events", event.id, set(event.sources) | {s for a in event.alternatives for s in a.sources},
                              _event_texts(event))
    for m in store.measurements.values():
        out += _unbacked_main(locator, "measurements", m.id, m.sources,
                              [(("alternatives", i), "value", a.sources) for i, a in enumerate(m.alternatives)])
        out += _named_sources(locator, names, "measurements", m.id, set(m.sources) | {s for a in m.alternatives for s in a.sources},
                              m.texts())
        out += [locator.error("measurements", m.id, ("alternatives", i, "value"), "repeats the main value and date; "
                              "an alternative records a different value or period (list sources that agree in `sources`)")
                for i, a in enumerate(m.alternatives) if m.same_claim(a)]
    return out


def main_value(event: Event, field: str) -> str | None:
    """The event's own value for an alternative's field, as text (`move.to` -> the unit id)."""
    if field == "date":
        return event.date.text
    head, _, tail = field.partition(".")
    block: Any = event if not tail else getattr(event, head, None)
    if block is None:
        return None
    value = getattr(block, {"from": "from_unit", "to": "to_unit"}.get(tail, tail) if tail else head, None)
    return None if value is None else str(value)


def _same(field: str, alt: Alternative, value: str) -> bool:
    if field != "date":
        return alt.value.strip().casefold() == value.strip().casefold()
    try:
        a, b = parse_date(alt.value), parse_date(value)
    except DateFormatError:
        return False
    return (a.start, a.end, a.label()) == (b.start, b.end, b.label())


def _repeated_values(event: Event, locator: Locator) -> list[DataError]:
    out = []
    for i, alt in enumerate(event.alternatives):
        value = main_value(event, alt.field)
        if value is not None and _same(alt.field, alt, value):
            out.append(locator.error("events", event.id, ("alternatives", i, "value"),
                                     f"repeats the main {alt.field} {shown(value)}; an alternative records a different claim "
                                     "(list sources that agree in the event's `sources`)"))
    return out


def _unbacked_main(locator: Locator, section: str, record_id: str, sources: list[str],
                   alternatives: list[tuple[tuple[str | int, ...], str, list[str]]]) -> list[DataError]:
    """For each field, the main value needs a source that no alternative of that field also cites."""
    if not sources or not alternatives:
        return []
    by_field: dict[str, list[tuple[tuple[str | int, ...], list[str]]]] = defaultdict(list)
    for where, field, alt_sources in alternatives:
        by_field[field].append((where, alt_sources))
    out = []
    for field, alts in by_field.items():
        cited = {s for _, alt_sources in alts for s in alt_sources}
        if set(sources) <= cited:
            where = alts[0][0]
            out.append(locator.error(section, record_id, (*where, "sources"),
                                     f"every source of the main claim also backs another {field} here, so the main {field} "
                                     "has no source of its own; cite each source for the value it gives"))
    return out


class SourceNames:
    """Every way the store's texts can name a source, indexed by first word so a scan costs one pass per text."""

    def __init__(self, store: Store) -> None:
        # phrase -> ids of the sources it names (an outlet shared by several is satisfied by citing any one)
        self.owners: dict[str, set[str]] = defaultdict(set)
        for source in store.sources.values():
            # A one-word id (`press`) is an ordinary word too: it names the source only in backticks.
            phrases = [source.id if _ID_LIKE.search(source.id) else f"`{source.id}`", *source.names]
            if len(source.outlet) >= 4 and not _GENERIC.match(source.outlet):
                phrases.append(source.outlet)
            for phrase in phrases:
                self.owners[phrase.lower()].add(source.id)
        # first one or two words -> (phrase, where its first word starts in it): synthetic or real stores
        # have many outlets sharing a first word ("Daily ..."), and each candidate costs a comparison.
        self.by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for phrase in self.owners:
            words = list(_WORD.finditer(phrase))
            if words:
                self.by_key[" ".join(w.group(0) for w in words[:2])].append((phrase, words[0].start()))
        self.first_words = {key.split(" ")[0] for key in self.by_key}

    def found(self, text: str) -> Iterator[tuple[str, str, set[str]]]:
        """(phrase, the words as written, ids of the sources it may stand for) for each name of a source in `text`."""
        folded = text.lower()
        if self.first_words.isdisjoint(_WORD.findall(folded)):
            return  # most texts name no source: one C-speed pass settles them
        words = list(_WORD.finditer(folded))
        for i, match in enumerate(words):
            keys = [match.group(0)] + ([f"{match.group(0)} {words[i + 1].group(0)}"] if i + 1 < len(words) else [])
            for phrase, offset in (c for key in keys for c in self.by_key.get(key, ())):
                start = match.start() - offset
                end = start + len(phrase)
                if start < 0:
                    continue
                before = folded[start - 1] if start else " "
                after = folded[end] if end < len(folded) else " "
                if folded.startswith(phrase, start) and not (before.isalnum() or before == "-") \
                        and not (after.isalnum() or after in "-_"):
                    written = text[start:end] if len(folded) == len(text) else phrase
                    yield phrase, written, self.owners[phrase]


def _event_texts(event: Event) -> list[tuple[tuple[str | int, ...], str]]:
    texts: list[tuple[tuple[str | int, ...], str]] = [(("title",), event.title)]
    if event.label:
        texts.append((("label",), event.label))
    if event.summary:
        texts.append((("summary",), event.summary))
    for i, alt in enumerate(event.alternatives):
        if alt.note:
            texts.append((("alternatives", i, "note"), alt.note))
        if alt.field in ("title", "summary"):
            texts.append((("alternatives", i, "value"), alt.value))
    return texts


def _named_sources(locator: Locator, names: SourceNames, section: str, record_id: str, cited: set[str],
                   texts: Iterable[tuple[tuple[str | int, ...], str]]) -> list[DataError]:
    out = []
    for where, text in texts:
        reported: set[str] = set()
        for phrase, written, owners in names.found(text):
            if owners & cited or phrase in reported:
                continue
            reported.add(phrase)
            which = ", ".join(f"'{o}'" for o in sorted(owners))
            out.append(locator.error(section, record_id, where,
                                     f"names the source {which} (as {shown(written)}) but does not cite it; "
                                     "add it to `sources` (or to the alternative it backs), or reword"))
    return out
