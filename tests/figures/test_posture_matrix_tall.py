"""F2 at real size: forty labs (bench/dense.py) at every plan: cells wrap between words, never inside one, and
every text keeps inside its cell; a tall table repeats its column headings, so a reader far down knows the columns."""

from __future__ import annotations

import html
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from bench import dense
from generators.figures import posture_matrix
from generators.figures.claims import STATUS_NOTE
from generators.figures.posture_cells import BOLD
from generators.figures.posture_matrix import HEADERS, LINE, REPEAT_PX
from generators.figures.registry_widths import WIDTHS, is_narrow
from generators.figures.text import text_width
from generators.load import load_store
from generators.model.store import Store


@pytest.fixture(scope="module")
def labs(tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(50, Path(tmp_path_factory.mktemp("labs")))
    return load_store(events, figures, strict=False)[0]


def _plain(text: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in text.split("<br>")]


def _cells(fig: go.Figure) -> list[tuple[float, float, float, float]]:
    """The rectangles of the licence and posture cells (their outlines)."""
    return [(s.x0, s.y0, s.x1, s.y1) for s in fig.layout.shapes if s.type == "rect" and s.line.width and not s.fillcolor]


def _words(store: Store) -> set[str]:
    """Every word (and piece of a word after a hyphen or slash) a cell may show."""
    texts = [lic.name for lic in store.licences.values()] + [p.label for p in store.postures]
    texts += [c.model or "" for p in store.postures for c in (p.base, p.flagship)] + [*STATUS_NOTE.values(), "Source needed", "source needed"]
    return {piece for t in texts for word in t.split() for piece in [word, *re.split(r"(?<=[-/])", word)] if piece}


@pytest.mark.parametrize("width", list(WIDTHS.values()))
def test_cells_wrap_between_words_and_keep_their_text_inside(labs: Store, width: int) -> None:
    fig = posture_matrix.build(labs, labs.figures["dense-f2"], width)
    words, cells = _words(labs), _cells(fig)
    inside = 0
    for a in fig.layout.annotations:
        cell = next((c for c in cells if c[0] <= a.x <= c[2] and c[1] <= a.y <= c[3]), None)
        if cell is None:
            continue
        inside += 1
        lines = _plain(a.text)
        for line in lines:
            assert all(token in words for token in line.split()), f"{line!r} breaks a word at {width} px"
        raw = a.text.split("<br>")
        widest = max(text_width(line, a.font.size * (BOLD if "<b>" in r else 1)) for line, r in zip(lines, raw, strict=True))
        assert a.x + widest <= cell[2] + 0.5, f"{lines} runs {a.x + widest - cell[2]:.1f} px past its cell at {width} px"
        assert len(lines) * a.font.size * LINE <= cell[3] - cell[1], f"{lines} is taller than its cell at {width} px"
    assert inside >= 40 * 3, "every lab's three cells hold text"
    assert any("Responsible" in line.split() for a in fig.layout.annotations for line in _plain(a.text)), \
        "'Responsible AI Licence' is shown with its first word whole"


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]])
def test_a_tall_table_repeats_its_column_headings(labs: Store, width: int) -> None:
    fig = posture_matrix.build(labs, labs.figures["dense-f2"], width)
    heading = HEADERS[is_narrow(width)][-1]
    heads = sorted(a.y for a in fig.layout.annotations if _plain(a.text) == [heading])
    assert len(heads) >= 3, f"{len(heads)} headings over {fig.layout.height} px at {width} px"
    tallest = max(c[3] - c[1] for c in _cells(fig)) + 60
    gaps = [b - a for a, b in zip([0.0, *heads], [*heads, fig.layout.height], strict=True)]
    assert max(gaps) <= REPEAT_PX + 2 * tallest, f"headings {gaps} px apart at {width} px"
    for y in heads:
        assert not any(c[1] < y < c[3] for c in _cells(fig)), "a heading sits between rows, not over a cell"
