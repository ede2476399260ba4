"""A Plotly figure that batches shapes and annotations: calls in, one layout update out.

`go.Figure.add_shape` re-validates every shape already present on each call, so a figure with a few
hundred shapes costs seconds; collecting them and setting them once costs milliseconds and gives the
same JSON. Builders create a `BatchedFigure` and return `fig.flush()`.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class BatchedFigure(go.Figure):
    """go.Figure whose add_shape/add_annotation are deferred until `flush()`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
