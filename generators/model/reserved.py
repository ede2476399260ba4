"""Ids the site's own addresses already use: a Store and where its records stand in, one error per such id out.

Each record with a page gets an address from its id (`models/ID/`, `people/ID/`, `units/ID/`,
`figures/ID/`, `embed/ID/`); an id equal to an address the site uses for something else (`index`,
the list in the same folder) would silently replace that page. Subjects are named like the site's
top-level pages, so every top-level address is reserved for them. Add to RESERVED when the site
gains an address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generators.errors import DataError
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import Locator

# Top-level addresses of the site: its generated pages, asset folders and MkDocs's own files.
TOP_LEVEL = frozenset({"404", "assets", "benchmarks", "changes", "contributing", "downloads", "embed", "explorer",
                       "feed", "figures", "index", "javascripts", "models", "new", "people", "reference", "search",
                       "series", "sitemap", "stylesheets", "tags", "units"})
RESERVED: dict[str, frozenset[str]] = {
    "events": frozenset({"index"}),  # models/index/ lists the releases
    "people": frozenset({"index"}),
    "units": frozenset({"index"}),
    "figures": frozenset({"index"}),  # figures/index/ is the gallery
    "subjects": TOP_LEVEL,
}
_ADDRESS = {"events": "models/{}/", "people": "people/{}/", "units": "units/{}/", "figures": "figures/{}/", "subjects": "{}/"}
_SINGULAR = {"events": "event", "people": "person", "units": "unit", "figures": "figure", "subjects": "subject"}


def reserved_ids(store: Store, locator: Locator) -> list[DataError]:
    """An error at the `id` of every record whose id is reserved in its section, listing what is reserved there."""
    out: list[DataError] = []
    for section, reserved in RESERVED.items():
        registry = getattr(store, section, None)
        if not isinstance(registry, dict):
            continue
        for record_id in registry:
            if record_id in reserved and (section, record_id) in locator.records:
                address = _ADDRESS.get(section, "{}").format(record_id)
                out.append(locator.error(section, record_id, ("id",),
                                         f"id '{record_id}' is reserved: the site already has a page at {address}; "
                                         f"reserved {_SINGULAR.get(section, section)} ids: {', '.join(sorted(reserved))}"))
    return out
