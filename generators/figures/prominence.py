"""Which labels a crowded figure keeps: events in, a rank per event out (smaller ranks are labelled first).

When not every label fits, a figure labels the events a reader most needs named: one the spec names a
label for, then a flagship before a base release, a release others descend from before a leaf (more
descendants first), a confirmed event before a reported one, and among equals the earlier one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from generators.model.events import Event
from generators.model.store import Store


def descendants(store: Store) -> Counter[str]:
    """How many releases in the store descend directly from each release id."""
    return Counter(d.release for e in store.events.values() if e.release for d in e.release.descends_from)


def ranks(store: Store, events: Iterable[Event], chosen: Mapping[str, str]) -> dict[str, tuple[object, ...]]:
    """A sortable rank per event id; `chosen` holds the spec's explicit labels (by event id)."""
    children = descendants(store)
    out: dict[str, tuple[object, ...]] = {}
    for event in events:
        tier = event.release.tier if event.release else ""
        out[event.id] = (event.id not in chosen, tier != "flagship", -children[event.id], event.status != "confirmed",
                         event.date.start, event.id)
    return out


def unlabelled_note(unlabelled: int, total: int, narrow: bool, noun: str = "releases", counted: int = 0) -> str:
    """What a figure says when it could not label every mark: how many, how many of them are not drawn but held
    in counts ("+12"), and where the rest are named."""
    if counted:
        if narrow:
            return f"{unlabelled} of {total} unlabelled, {counted} in counts: tap a mark or a count, or see the table"
        return f"{unlabelled} of {total} {noun} unlabelled (no room), {counted} of them in counts (+N): hover a mark or a count, or see the data table"
    if narrow:
        return f"{unlabelled} of {total} unlabelled: tap a mark, or see the table"
    return f"{unlabelled} of {total} {noun} unlabelled (no room): hover a mark, or see the data table"
