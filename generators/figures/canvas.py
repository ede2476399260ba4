"""A Plotly figure that batches shapes and annotations: calls in, one layout update out.

`go.Figure.add_shape` re-validates every shape already present on each call, so a figure with a few
hundred shapes costs seconds; collecting them and setting them once costs milliseconds and gives the
same JSON. Builders create a `BatchedFigure` and return `fig.flush()`.

Plotly also checks every property against its schema as it is set, about 40% of building a figure.
Builders make traces with `scatter()`, and both skip that check unless the caller asked for it with
`checked(True)` (the `validate_figures` setting; the tests turn it on in tests/conftest.py, so goldens
and the property test build checked figures). A test also asserts that skipping the check changes no
byte of any figure's JSON. `add_traces` would rebuild every trace with the check on whatever the trace
was built with (for a figure of thousands of marks, seconds of symbol and colour validation), so the
figure's own trace importer is told the same.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import plotly.graph_objects as go

# Set by the caller that builds figures (`checked`), never from the environment: builders stay pure functions of their arguments.
_VALIDATE: ContextVar[bool] = ContextVar("labfig_validate_figures", default=False)


@contextmanager
def checked(on: bool) -> Iterator[None]:
    """Within this block, figures built here are (`on`) or are not schema-checked by Plotly."""
    token = _VALIDATE.set(on)
    try:
        yield
    finally:
        _VALIDATE.reset(token)


def validating() -> bool:
    """Whether figures built now are schema-checked (see `checked`)."""
    return _VALIDATE.get()


def scatter(**props: Any) -> go.Scatter:
    """A `go.Scatter` trace, schema-checked only within `checked(True)`."""
    return go.Scatter(**props, _validate=_VALIDATE.get())


class BatchedFigure(go.Figure):
    """go.Figure whose layout updates, traces, shapes and annotations are collected until `flush()`.

    Builders only write to a figure before they return it, so nothing is lost by deferring: each
    `update_layout` is merged into one pending layout (nested dicts merged, other values replaced, as
    Plotly merges them) and `flush()` applies it and the traces in call order, in two updates instead
    of dozens. The goldens and the checked-versus-unchecked test hold the JSON to what Plotly's own
    step-by-step calls give.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        validate = _VALIDATE.get()
        super().__init__(*args, **kwargs, _validate=validate)
        # The figure holds its own copy of the data validator (plotly copies it per figure), so this binds only here.
        importer = self._data_validator
        importer.validate_coerce = functools.partial(type(importer).validate_coerce, importer, _validate=validate)  # type: ignore[method-assign]
        self._pending_layout: dict[str, Any] = {}
        self._pending_traces: list[Any] = []
        self._pending_shapes: list[dict[str, Any]] = []
        self._pending_annotations: list[dict[str, Any]] = []

    def update_layout(self, dict1: dict[str, Any] | None = None, overwrite: bool = False, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        if overwrite:
            raise NotImplementedError("BatchedFigure merges layout updates; overwrite=True is not supported")
        _merge(self._pending_layout, {**(dict1 or {}), **kwargs})
        return self

    def add_trace(self, trace: Any, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        if kwargs:
            raise NotImplementedError("BatchedFigure adds traces without subplot arguments")
        self._pending_traces.append(trace)
        return self

    def add_shape(self, arg: dict[str, Any] | None = None, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        self._pending_shapes.append({**(arg or {}), **kwargs})
        return self

    def add_annotation(self, arg: dict[str, Any] | None = None, **kwargs: Any) -> BatchedFigure:  # type: ignore[override]
        self._pending_annotations.append({**(arg or {}), **kwargs})
        return self

    @property
    def trace_count(self) -> int:
        """The index the next trace added will have in the flushed figure."""
        return len(self.data) + len(self._pending_traces)

    @property
    def annotation_count(self) -> int:
        """The index the next annotation added will have in the flushed figure."""
        return len(self.layout.annotations) + len(self._pending_annotations)

    def flush(self) -> go.Figure:
        """Apply the pending layout (shapes and annotations appended in call order), then add the pending traces."""
        layout = self._pending_layout
        if self._pending_shapes:
            layout["shapes"] = [*self.layout.shapes, *self._pending_shapes]
        if self._pending_annotations:
            layout["annotations"] = [*self.layout.annotations, *self._pending_annotations]
        if layout:
            super().update_layout(layout)
        if self._pending_traces:
            super().add_traces(self._pending_traces)
        self._pending_layout, self._pending_traces, self._pending_shapes, self._pending_annotations = {}, [], [], []
        return self


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    """Merge `update` into `into`: dicts recursively, anything else replaced."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value) if isinstance(value, dict) else value
