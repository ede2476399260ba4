"""Rules that know the series: a Store and where its records stand in, the id problems of many subjects out.

Ids must not be shared by two registries readers see side by side. (The rules for figure specs are
`generators/figures/checks.py`: what a figure draws is its kind's answer.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generators.errors import DataError
from generators.model.series import lab_of
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import Locator


def check_series(store: Store, locator: Locator) -> list[DataError]:
    return _shared_ids(store, locator)


def _shared_ids(store: Store, locator: Locator) -> list[DataError]:
    """People, units and subjects are listed, linked and named side by side: one id must not mean two of them.

    A subject may share its id with its own lab (or a unit inside it), which names the same thing.
    """
    out = [locator.error("units", u, ("id",), f"id '{u}' is also a person's id ({store.people[u].name}); readers would "
                         "confuse the two in lists and hover cards, so give the unit another id")
           for u in store.units if u in store.people]
    for sid, subject in store.subjects.items():
        if sid in store.people:
            out.append(locator.error("subjects", sid, ("id",), f"subject id '{sid}' is also a person's id ({store.people[sid].name}); choose another id"))
        own = lab_of(store, subject.lab) if subject.lab else None
        if sid in store.units and lab_of(store, sid) != own:
            out.append(locator.error("subjects", sid, ("id",), f"subject id '{sid}' is also the id of unit '{store.units[sid].name}', "
                                     "which is not part of the subject's lab; choose another id"))
    return out
