"""The axes an event can lie on, defined once: name in, label and the detail block it may carry out.

Add an axis here and every figure, page and schema picks it up.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    name: str
    label: str
    detail: str | None
    description: str


AXES: dict[str, Axis] = {
    a.name: a
    for a in (
        Axis("model", "Model", "release", "Model releases, papers and upgrades"),
        Axis("org", "Org", "move", "People joining, leaving, moving or being appointed"),
        Axis("structure", "Structure", "change", "Units created, merged, split, renamed or re-parented"),
        Axis("business", "Business", None, "Products, results and other company milestones"),
    )
}
