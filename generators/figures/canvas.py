"""A Plotly figure that batches shapes and annotations: calls in, one layout update out.

`go.Figure.add_shape` re-validates every shape already present on each call, so a figure with a few
hundred shapes costs seconds; collecting them and setting them once costs milliseconds and gives the
same JSON. Builders create a `BatchedFigure` and return `fig.flush()`.

Plotly also checks every property against its schema as it is set, about 40% of building a figure.
Builders make traces with `scatter()`, and both skip that check unless VALIDATE is on. The tests turn
it on (tests/conftest.py), so goldens and the property test build checked figures. A test also asserts
that skipping the check changes no byte of any figure's JSON.
"""

from __future__ import annotations

import os
from typing import Any

import plotly.graph_objects as go

VALIDATE = os.environ.get("LABFIG_VALIDATE_FIGURES", "") not in ("", "0")


def scatter(**props: Any) -> go.Scatter:
    """A `go.Scatter` trace, schema-checked only when VALIDATE is on."""
    return go.Scatter(**props, _validate=VALIDATE)


class BatchedFigure(go.Figure):
    """go.Figure whose add_shape/add_annotation are deferred until `flush()`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs, _validate=VALIDATE)
        self._pending_shapes: list[dict[str, Any]] = []
        self._pending_annotations: list[dict[str, Any]] = []

    def add_shape(self, arg: dict[str, Any] | None = None, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        self._pending_shapes.append({**(arg or {}), **kwargs})
        return self

    def add_annotation(self, arg: dict[str, Any] | None = None, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        self._pending_annotations.append({**(arg or {}), **kwargs})
        return self

    def flush(self) -> go.Figure:
        """Add every pending shape and annotation, in call order, in one update."""
        if self._pending_shapes or self._pending_annotations:
            self.update_layout(shapes=[*self.layout.shapes, *self._pending_shapes],
                               annotations=[*self.layout.annotations, *self._pending_annotations])
            self._pending_shapes, self._pending_annotations = [], []
        return self
