"""The store as one document: a Store in, plain JSON data in the shape of the YAML files (and its version hash) out.

The downloads publish it (`store.json`); the history and the site name a state of the data by its hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from generators.model.store import Store

DATA_LICENCE = "CC BY 4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def store_document(store: Store) -> dict[str, Any]:
    """The whole store as plain JSON data, in the shape of the YAML files."""
    def dump(records: Any) -> list[Any]:
        return [r.model_dump(mode="json", by_alias=True, exclude_defaults=True) for r in records]
    return {
        "licence": {"name": DATA_LICENCE, "url": DATA_LICENCE_URL},
        "subjects": dump(store.subjects.values()), "licences": dump(store.licences.values()),
        "sources": dump(store.sources.values()), "people": dump(store.people.values()), "units": dump(store.units.values()),
        "postures": dump(store.postures), "events": dump(store.events.values()),
        "measurements": dump(store.measurements.values()), "figures": dump(store.figures.values()),
    }

def data_version(store: Store) -> str:
    """A short hash of the store's content: changes exactly when the data changes."""
    blob = json.dumps(store_document(store), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:10]
