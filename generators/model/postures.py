"""The rows of a posture matrix: the store and a posture-matrix spec in, one LabPosture per lab out.

Hand-given rows come from `postures` (a lab's latest when it has several). With `derive`, each tier's
cell is taken from the lab's latest release of that tier in the store — its licence, model, status
and sources — and falls back to the hand-given cell where the store has no such release, so the
matrix of the whole series stays right as releases are added.
"""

from __future__ import annotations

from typing import Any

from generators.model.events import Event, LabPosture, TierLicence
from generators.model.series import lab_of
from generators.model.store import Store

TIERS = ("base", "flagship")
STATUS_RANK = ("confirmed", "reported", "pending", "source-needed")
# How a tier's posture reads in a derived label: "Open-base, closed-frontier", "Open-all".
WORDS = {"permissive": "open", "restricted": "conditional", "paper": "paper-only", "closed": "closed", "unknown": "undisclosed"}


def posture_key(lab: str, as_of: str) -> str:
    """How a posture row is named where an id is needed (it has none): a lab at a date is one row of the matrix."""
    return f"{lab} as of {as_of}"


def latest_postures(store: Store) -> dict[str, LabPosture]:
    """Lab id -> its latest hand-given posture row, in file order of first appearance."""
    latest: dict[str, LabPosture] = {}
    for posture in store.postures:
        if posture.lab not in latest or posture.as_of.start >= latest[posture.lab].as_of.start:
            latest[posture.lab] = posture
    return latest


def matrix_labs(store: Store, spec: Any) -> list[str]:
    """The labs a matrix shows, in order: the spec's, or every lab with a posture (and, when deriving, every subject's lab)."""
    if spec.options.labs:
        return list(dict.fromkeys(spec.options.labs))
    labs = [p.lab for p in store.postures]
    if spec.options.derive:
        labs = [lab_of(store, s.lab) for s in store.subjects.values() if s.lab] + labs
    return list(dict.fromkeys(labs))


def latest_releases(store: Store, lab: str) -> dict[str, Event]:
    """Tier -> the latest release of that tier with a disclosed licence, among the events of the subjects
    whose lab is `lab` (an undisclosed licence says nothing of the posture; the hand-given cell does)."""
    out: dict[str, Event] = {}
    for subject in store.subjects.values():
        if not subject.lab or lab_of(store, subject.lab) != lab:
            continue
        for event in store.releases(subject.id):
            assert event.release is not None
            tier = event.release.tier
            if store.posture_of(event.licence) == "unknown":
                continue
            if tier not in out or (event.date.end, event.date.start) >= (out[tier].date.end, out[tier].date.start):
                out[tier] = event
    return out


def matrix_rows(store: Store, spec: Any) -> list[LabPosture]:
    """One row per lab the matrix shows; a lab with neither a posture row nor (when deriving) a release is left out."""
    latest = latest_postures(store)
    rows = []
    for lab in matrix_labs(store, spec):
        row = latest.get(lab)
        if spec.options.derive:
            row = derived_row(store, lab, row)
        if row is not None:
            rows.append(row)
    return rows


def derived_events(store: Store, spec: Any) -> list[Event]:
    """The releases a deriving matrix takes its cells from (none when it does not derive)."""
    if not spec.options.derive:
        return []
    return [e for lab in matrix_labs(store, spec) for e in latest_releases(store, lab).values()]


def derived_row(store: Store, lab: str, row: LabPosture | None) -> LabPosture | None:
    """The lab's row with each tier taken from its latest release of that tier, where the store has one."""
    releases = latest_releases(store, lab)
    if not releases:
        return row
    cells: dict[str, TierLicence] = {}
    sources: list[str] = []
    for tier in TIERS:
        event = releases.get(tier)
        if event is not None:
            cells[tier] = TierLicence.model_construct(model=event.title, release=event.id, licence=event.licence,
                                                      note=None, status=event.status)
            sources += event.sources
        elif row is not None:
            given = getattr(row, tier)
            cells[tier] = given if given.status else given.model_copy(update={"status": row.status})
            sources += row.sources
        else:
            cells[tier] = TierLicence.model_construct(model=None, release=None, licence=None, note=None, status="source-needed")
    status = max((c.status or "source-needed" for c in cells.values()), key=STATUS_RANK.index)
    dates = [e.date for e in releases.values()] + ([row.as_of] if row else [])
    as_of = max(dates, key=lambda d: (d.end, d.start))
    label = derived_label(store, cells["base"], cells["flagship"])
    return LabPosture.model_construct(lab=lab, as_of=as_of, label=label, base=cells["base"], flagship=cells["flagship"],
                                      status=status, sources=list(dict.fromkeys(sources)))


def derived_label(store: Store, base: TierLicence, flagship: TierLicence) -> str:
    """The posture in words from the two tiers' licences: `Open-all`, `Open-base, closed-frontier`."""
    b, f = (WORDS[store.posture_of(c.licence)] for c in (base, flagship))
    if b == f:
        return f"{b.capitalize()}-all"
    return f"{b.capitalize()}-base, {f}-frontier"
