"""The Atom 1.0 grammar of RFC 4287 (tests/render/atom.rnc) as a validator: feed bytes in, the schema's complaints out.

The RFC's RELAX NG Compact schema is converted by rnc2rng and checked by libxml2 through lxml, so the
feed is held to the spec's own grammar rather than to our reading of it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import rnc2rng  # type: ignore[import-untyped]
from lxml import etree

SCHEMA = Path(__file__).with_name("atom.rnc")


@functools.cache
def atom_schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    # rnc2rng declares the schema's `local` prefix for the empty namespace, which XML forbids; the
    # grammar itself names that namespace as ns="" and does not need the declaration.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def atom_errors(feed: bytes) -> list[str]:
    """Every way `feed` breaks the Atom grammar (empty when it is valid), each with its line."""
    schema = atom_schema()
    if schema.validate(etree.fromstring(feed)):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
