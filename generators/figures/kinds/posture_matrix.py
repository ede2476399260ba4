"""The `posture-matrix` kind (F2): its spec class, its rows (and the releases they derive from) in, its FigureKind out.

A posture matrix draws rows, not a selection: its events are the releases its cells are derived from
(none unless it derives them), its CSV and sources line are its rows'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generators.figures.describing import plural
from generators.figures.frames import postures_frame
from generators.figures.kind import FigureKind
from generators.model.figures import PostureMatrixSpec
from generators.model.postures import derived_events, latest_postures, latest_releases, matrix_rows, posture_key
from generators.model.references import Ref, references_of
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import DataError, Locator


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import posture_matrix  # the layout; plotly is imported when a figure is drawn

    return posture_matrix.build(store, spec, width)


def describe(store: Store, spec: Any) -> str:
    rows = matrix_rows(store, spec)
    split = [store.name_of(p.lab) for p in rows
             if store.posture_of(p.base.licence) != store.posture_of(p.flagship.licence)]
    missing = [store.name_of(p.lab) for p in rows if p.flagship.licence is None or p.base.licence is None]

    def name(licence: str | None) -> str:
        return store.licence_name(licence) if licence else "not sourced"

    text = f"Licensing posture of {plural(len(rows), 'lab')} by tier: " + "; ".join(
        f"{store.name_of(p.lab)}: base {name(p.base.licence)}, flagship {name(p.flagship.licence)}" for p in rows)
    if split:
        text += f". Base and flagship differ for {', '.join(split)}"
    if missing:
        text += f". Licence not sourced for {', '.join(missing)}"
    return text + "."


def cites(store: Store, spec: Any) -> list[str]:
    return [s for p in matrix_rows(store, spec) for s in p.sources]


def checks(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    """Every lab it names needs a row: a posture, or (when deriving) a release."""
    rows = latest_postures(store)
    out = []
    for i, lab in enumerate(spec.options.labs):
        if lab not in store.units or lab in rows or (spec.options.derive and latest_releases(store, lab)):
            continue
        hint = "" if spec.options.derive else " or set `derive: true` once the store holds its releases"
        out.append(locator.error("figures", spec.id, ("options", "labs", i), f"lab '{lab}' has no row in `postures`; add one (`lab: {lab}`){hint}"))
    return out


def shows(store: Store, spec: Any) -> set[Ref]:
    """Every posture row of the labs it shows (any date: the latest is chosen from them) and what the rows name."""
    labs = set(spec.options.labs) or {p.lab for p in store.postures}
    out: set[Ref] = set()
    for posture in (p for p in store.postures if p.lab in labs):
        out |= {("postures", posture_key(posture.lab, posture.as_of.text))} | references_of(posture, shown_only=True)
    return out


KIND = FigureKind(PostureMatrixSpec, build, events=derived_events, selects=False, time_axis=False, describe=describe,
                  frame=postures_frame, cites=cites, checks=checks, shows=shows, page_rank=5)
