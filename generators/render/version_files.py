"""Every published version of every figure: the live outputs and the history in, one FigureOutput per version out.

An older version is rebuilt from the data as it was at its commit (so a fresh clone rebuilds them
all), then cached by its content key under `.cache/versions/` with the figure JSON in
`.cache/figures/`: a later build reads both without loading that commit's store at all.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import TypeAdapter

from generators.errors import BuildError
from generators.figures.registry import FigureSpec
from generators.history.timeline import FigureVersion, History
from generators.render.describe import describe
from generators.render.downloads import figure_frame, to_csv
from generators.render.figure_assets import FigureCache, FigureOutput, _cached_variants, figure_sources
from generators.render.versions import FigureHistory

CACHE = Path(".cache/versions")
_SPEC: TypeAdapter[Any] = TypeAdapter(FigureSpec)


@dataclass(frozen=True)
class PlannedVersion:
    """One output to publish from the history: the version, how it is shown (at its permanent address, or a removed
    figure's live address) and, for a figure's latest version, the live output that draws it."""

    version: FigureVersion
    shown: FigureHistory
    live: FigureOutput | None = None

    @property
    def path(self) -> str:
        return self.shown.path


def version_plans(outputs: dict[str, FigureOutput], history: History | None) -> list[PlannedVersion]:
    """What `version_outputs` would build, without loading anything: one plan per version of each figure, oldest
    first; a figure no longer in the data also gets its last version at its live address."""
    if history is None or not history.available:
        return []
    out = []
    for live in outputs.values():
        figure: FigureHistory | None = live.history
        if figure is None:
            continue
        for version in figure.versions:
            out.append(PlannedVersion(version, figure.at(version.number), live if version is figure.latest else None))
    # A figure taken off the site keeps every version's address, and its live address shows the last one.
    for figure_id, versions in history.versions.items():
        if figure_id in outputs or not versions:
            continue
        removed = FigureHistory(figure_id, tuple(versions), len(versions), removed=True)
        out += [PlannedVersion(version, removed.at(version.number)) for version in versions]
        out.append(PlannedVersion(versions[-1], removed))
    return out


def resolve(plan: PlannedVersion, history: History, cache: Path | None = CACHE, figures: FigureCache | None = None) -> FigureOutput:
    """The output of one plan: the live output shown at the version's address, or an older version loaded
    (its figure JSON through `figures`, by default a fresh FigureCache)."""
    if plan.live is not None:
        return replace(plan.live, history=plan.shown, built=False)
    return _older(plan.version, history, plan.shown, cache, figures if figures is not None else FigureCache())


def resolve_all(plans: list[PlannedVersion], history: History, cache: Path | None = CACHE,
                figures: FigureCache | None = None) -> list[FigureOutput]:
    """`resolve` for each plan, in the plans' order, but drawn a data tree at a time: the plans come figure by
    figure, and walking them so would load each commit's store once per figure it made a version of."""
    figures = figures if figures is not None else FigureCache()
    order = sorted(range(len(plans)), key=lambda i: plans[i].version.tree or "")
    out: dict[int, FigureOutput] = {i: resolve(plans[i], history, cache, figures) for i in order}
    return [out[i] for i in range(len(plans))]


def version_outputs(outputs: dict[str, FigureOutput], history: History | None,
                    cache: Path | None = CACHE, figures: FigureCache | None = None) -> list[FigureOutput]:
    """One output per version of each figure, each shown at its permanent address, oldest first; a figure no
    longer in the data also gets its last version at its live address."""
    if history is None:
        return []
    figures = figures if figures is not None else FigureCache()
    return resolve_all(version_plans(outputs, history), history, cache, figures)


def _older(version: FigureVersion, history: History, shown: FigureHistory, cache: Path | None, figures: FigureCache) -> FigureOutput:
    """An older version, from the cache when it holds it, else rebuilt from the data at its commit."""
    path = cache / f"{version.render_key}.json" if cache else None
    stored = _read(path)
    store = None
    if stored is None:
        store = history.store_at(version.tree) if history.store_at else None
        if store is None:
            raise BuildError(f"the data of {version.figure_id} version {version.number} cannot be read from git")
        spec = store.figures[version.figure_id]
        stored = {"spec": spec.model_dump(mode="json", by_alias=True), "description": describe(store, spec),
                  "sources": figure_sources(store, spec), "csv": to_csv(figure_frame(store, spec)).decode("utf-8")}
        _write(path, stored)
    spec = _SPEC.validate_python(stored["spec"])
    # An archived version shows all claims, as it was cited; its claims views would treble the drawing of a long history.
    variants, built = _cached_variants(store, spec, version.render_key, figures, loader=lambda: _store(history, version),
                                       claims=shown.is_latest)
    frame = pd.read_csv(io.StringIO(stored["csv"]), dtype=str, keep_default_na=False)
    return FigureOutput(spec, stored["description"], stored["sources"], variants, frame, built, shown)


def _store(history: History, version: FigureVersion) -> Any:
    store = history.store_at(version.tree) if history.store_at else None
    if store is None:
        raise BuildError(f"the data of {version.figure_id} version {version.number} cannot be read from git")
    return store


def _read(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def _write(path: Path | None, value: dict[str, Any]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only checkout rebuilds the version next time
