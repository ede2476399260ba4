"""The lineage of 50, 300 and 1,000 releases (bench/dense.py) at every plan: bounded height, every release drawn
(a mark of its own or, past what the bound holds, a line of a count's hover) and every edge, edges kept off the
people layer, each person's bars spanning the releases they are credited on, text apart and inside, and the note
saying how many are counted and unlabelled."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bench import dense
from generators.figures import lineage, registry
from generators.figures.lineage_fold import COL
from generators.figures.lineage_marks import MARK
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import text_width
from generators.load import load_store
from generators.model.store import Store


@pytest.fixture(scope="module", params=[50, 300, 1000])
def drawn(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[int, Any]]:
    events, figures = dense.write(request.param, tmp_path_factory.mktemp(f"lineage{request.param}"))
    store, _ = load_store(events, figures, strict=False)
    # As plain JSON: reading a Plotly object's properties one by one would cost most of the test's time.
    return store, {w: Fig(lineage.build(store, store.figures["dense-f5"], w).to_plotly_json()) for w in WIDTHS.values()}


class Fig:
    """A figure's JSON with attribute access (fig.layout.height, shape.x0, trace.name), missing keys None."""

    def __init__(self, data: Any) -> None:
        self._d = data

    def __getattr__(self, key: str) -> Any:
        value = self._d.get(key) if isinstance(self._d, dict) else None
        if isinstance(value, dict):
            return Fig(value)
        if isinstance(value, list | tuple) and value and isinstance(value[0], dict):
            return [Fig(v) for v in value]
        return value


def trace(fig: Any, name: str) -> Any:
    return next(t for t in fig.data if t.name == name)


def positions(fig: Any) -> dict[str, tuple[float, float]]:
    """Where each release is drawn: its own mark, or the count that holds it."""
    marks = trace(fig, "releases")
    at = dict(zip(marks.customdata, zip(marks.x, marks.y, strict=True), strict=True))
    counts = next((t for t in fig.data if t.name == "counts"), None)
    for members, x, y in zip(counts.customdata, counts.x, counts.y, strict=True) if counts else ():
        at.update({i: (x, y) for i in members})
    return at


def counted(fig: Any) -> set[str]:
    counts = next((t for t in fig.data if t.name == "counts"), None)
    return {i for members in counts.customdata for i in members} if counts else set()


def test_height_is_bounded_and_every_release_has_its_own_mark(drawn: tuple[Store, dict[int, Any]]) -> None:
    store, figs = drawn
    ids = {e.id for e in registry.drawn(store, store.figures["dense-f5"]) if e.release}
    for width, fig in figs.items():
        assert fig.layout.height <= lineage.max_height(width), f"{fig.layout.height} px tall at the {width} px plan"
        marks = trace(fig, "releases")
        hidden = counted(fig)
        assert set(marks.customdata) | hidden == ids, f"a release is neither marked nor counted at {width} px"
        assert len(marks.customdata) + len(hidden) == len(ids), f"a release is drawn twice at {width} px"
        assert len(ids) < 1000 or hidden, "1,000 releases fold into counts"
        plot_w = width - fig.layout.margin.l - fig.layout.margin.r
        counts = next((t for t in fig.data if t.name == "counts"), None)
        points = sorted(zip(marks.x, marks.y, strict=True))
        points = sorted(points + (list(zip(counts.x, counts.y, strict=True)) if counts else []))
        assert all(MARK / 2 <= x <= plot_w - MARK / 2 for x, _ in points), f"a mark leaves the {width} px figure"
        assert len({(round(x), round(y)) for x, y in points}) == len(points), f"two marks share a place at {width} px"
        for i, (x, y) in enumerate(points):
            for u, v in points[i + 1:i + 8]:
                assert u - x >= MARK or abs(v - y) >= MARK, f"marks at ({x}, {y}) and ({u}, {v}) overlap at {width} px"


def test_edges_are_drawn_between_the_lanes_and_never_cross_a_persons_bar(drawn: tuple[Store, dict[int, Any]]) -> None:
    store, figs = drawn
    events = {e.id: e for e in registry.drawn(store, store.figures["dense-f5"]) if e.release}
    children = [e for e in events.values() if e.release and any(d.release in events for d in e.release.descends_from)]
    for width, fig in figs.items():
        at = positions(fig)
        heads = trace(fig, "arrowheads")
        tips = {(round(y), round(x)) for x, y in zip(heads.x, heads.y, strict=True)}
        for child in children:
            x, y = at[child.id]
            if all(at[d.release] == (x, y) for d in child.release.descends_from if d.release in events):
                continue  # its parents are in its own count
            assert (round(y), round(x - MARK / 2 - 3)) in tips, f"no edge arrives at {child.id} at {width} px"
        bars = [s for s in fig.layout.shapes if (s.name or "").startswith("bar ")]
        bars = [(b.x0, b.y0, b.x1, b.y1, b.name) for b in bars]
        for t in fig.data:
            if not (t.name or "").startswith("edges"):
                continue
            pts = list(zip(t.x, t.y, strict=True))
            for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                if None in (x0, x1):
                    continue
                lo, hi = min(y0, y1) - 14, max(y0, y1) + 14  # a spline may bulge a little past its points
                for bx0, by0, bx1, by1, name in bars:
                    crosses = by0 < hi and lo < by1 and bx0 < max(x0, x1) and min(x0, x1) < bx1
                    assert not crosses, f"{t.name} segment ({x0}, {y0})-({x1}, {y1}) crosses {name} at {width} px"
    outside = trace(figs[WIDTHS["desktop"]], "parents outside").hovertext
    assert any("Othermodel 3 7B Base (Other synthetic lab)" in h for h in outside), "descent from another subject is drawn"


def test_each_persons_bars_span_every_release_they_are_credited_on(drawn: tuple[Store, dict[int, Any]]) -> None:
    store, figs = drawn
    shown = [e for e in registry.drawn(store, store.figures["dense-f5"]) if e.release]
    credited: dict[str, set[str]] = {}
    for event in shown:
        for credit in event.release.credits if event.release else []:
            credited.setdefault(credit.person or credit.unit or "", set()).add(event.id)
    for width, fig in figs.items():
        x_of = {i: x for i, (x, _) in positions(fig).items()}
        dots = trace(fig, "credits")
        dot_points = list(zip(dots.x, dots.y, strict=True))
        bars: dict[str, list[Any]] = {}
        for s in fig.layout.shapes:
            if (s.name or "").startswith("bar "):
                bars.setdefault(s.name[4:], []).append(s)
        for ref, ids in credited.items():
            assert ref in bars, f"{ref} has no bar at {width} px"
            for i in ids:
                on = [b for b in bars[ref] if b.x0 <= x_of[i] <= b.x1
                      and any(abs(x - x_of[i]) < 0.5 and b.y0 <= y <= b.y1 for x, y in dot_points)]
                assert on, f"{ref}'s bars miss {i} at {width} px"


def test_text_stays_apart_and_inside_and_the_unlabelled_are_counted(drawn: tuple[Store, dict[int, Any]]) -> None:
    store, figs = drawn
    total = len([e for e in registry.drawn(store, store.figures["dense-f5"]) if e.release])
    for width, fig in figs.items():
        plot_w = width - fig.layout.margin.l - fig.layout.margin.r
        boxes = []
        for a in fig.layout.annotations:
            if a.xref == "paper":
                continue
            plain = re.sub(r"<[^>]+>", "", a.text).replace("&amp;", "&")
            w = text_width(plain, a.font.size) * (1.1 if "<b>" in a.text else 1.0)
            h = a.font.size * 1.3
            x0 = a.x - (w / 2 if a.xanchor in (None, "center") else 0)
            y0 = a.y - (h / 2 if a.yanchor == "middle" else 0)
            assert -1 <= x0 and x0 + w <= plot_w + 1, f"{plain!r} leaves the {width} px figure"
            boxes.append((plain, x0, y0, x0 + w, y0 + h))
        counts = next((t for t in fig.data if t.name == "counts"), None)
        for text, size, x, y in zip(counts.text, counts.textfont.size, counts.x, counts.y, strict=True) if counts else ():
            w, h = text_width(re.sub(r"<[^>]+>", "", text), size) * 1.1, size * 1.3
            assert w <= COL - 2, f"{text!r} is wider than its column at {width} px"
            boxes.append((text, x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        for i, (text, x0, y0, x1, y1) in enumerate(boxes):
            for other, u0, v0, u1, v1 in boxes[i + 1:]:
                assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0, f"{text!r} and {other!r} overlap at {width} px"
        note = next(a for a in fig.layout.annotations if "unlabelled" in a.text)
        lines = note.text.split("<br>")
        assert all(text_width(line, 12) <= plot_w for line in lines), f"the note {note.text!r} leaves the {width} px figure"
        assert fig.layout.margin.t >= 12 + 16 * len(lines), f"the note has no room above the marks at {width} px"
        labelled = len(trace(fig, "leaders").x) // 3
        hidden = len(counted(fig))
        numbers = [int(n.replace(",", "")) for n in re.findall(r"[0-9][0-9,]*", note.text)]
        if hidden:
            assert numbers[:3] == [hidden, total, total - labelled - hidden], f"{note.text!r}: {hidden} counted, {labelled} labelled"
        else:
            assert numbers[:2] == [total - labelled, total], f"{note.text!r}: {labelled} labelled at {width} px"
