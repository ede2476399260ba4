"""Cache keys of figures: a store and a spec in, a content hash of everything the figure is drawn from out.

The key changes exactly when the drawing may: the spec, the events it draws, the registries it may
show, the planned widths, the claims views and the figure-building code itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from generators.figures.claims import CLAIM_MODES
from generators.figures.registry import kind_of
from generators.figures.registry_widths import WIDTHS
from generators.files import source_digest
from generators.model.store import Store


@functools.cache
def code_version() -> str:
    """A hash of the figure-building code, so a change to a builder invalidates cached figures (read once, when first needed)."""
    folder = Path(__file__).resolve().parent
    return source_digest(folder.rglob("*.py"), folder)  # the kinds under kinds/ too


def registries_digest(store: Store) -> str:
    """A hash of the registries and postures any figure may show."""
    blob = json.dumps([[r.model_dump(mode="json") for r in reg.values()] for reg in
                       (store.licences, store.sources, store.people, store.units, store.subjects)]
                      + [[p.model_dump(mode="json") for p in store.postures]], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def figure_key(store: Store, spec: Any, registries: str) -> str:
    """Content hash of everything one figure is drawn from, plus the code version of the builders."""
    events = [e.model_dump(mode="json") for e in kind_of(spec).events(store, spec)]
    blob = json.dumps([spec.model_dump(mode="json"), events, registries, WIDTHS, CLAIM_MODES, code_version()], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]
