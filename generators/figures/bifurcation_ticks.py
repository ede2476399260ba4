"""The generation names under a bifurcation figure: names in, tick texts (escaped), their angle, height and the unnamed count out.

Level names in two lines when each fits its slot, else slanted, else upright; when the slots are too narrow even
for upright names, the most prominent releases are named where they clear each other and the rest keep their
hover cards (bifurcation.py counts them).
"""

from __future__ import annotations

from generators.figures.bifurcation_labels import LINE
from generators.figures.placement import Box as TextBox
from generators.figures.placement import LabelBoard
from generators.figures.text import esc, text_width, wrap

CLIP_EMS = 12  # upright tick names of a crowded plan are cut at this many ems


def tick_texts(names: list[str], slot: float, size: int, ranks_: list[tuple[object, ...]]) -> tuple[list[str], int, float, int]:
    """Tick texts, their angle, the height they take and how many releases go unnamed: level when each fits its
    slot in two lines, else slanted, else upright."""
    # Two lines hold at most twice the slot, less the one space a break drops: a longer name rules level ticks out
    # without wrapping each name into slot-wide pieces (which costs a name's length squared in a narrow slot).
    fits_two = all(text_width(n, size) - text_width(" ", size) <= 2 * (slot - 8) for n in names)
    wrapped = [wrap(n, slot - 8, size) for n in names] if fits_two else []
    if fits_two and all(len(w) <= 2 and max(text_width(line, size) for line in w) <= slot - 8 for w in wrapped):
        return ["<br>".join(esc(line) for line in w) for w in wrapped], 0, max((len(w) for w in wrapped), default=1) * size * LINE + 4, 0
    widest = max((text_width(n, size) for n in names), default=0.0)
    if slot >= 2 * size:
        return [esc(n) for n in names], -45, (widest + size) * 0.71 + 4, 0
    if slot >= size * LINE:
        return [esc(n) for n in names], -90, widest + 6, 0
    # Too many generations for a name each: upright names where they clear each other, the most prominent first
    # (the fork's and the spec's chosen labels lead); the rest keep their hover cards.
    board = LabelBoard(gap=2)
    for i, rank in enumerate(ranks_):
        board.request(i, [[TextBox(i * slot - size * LINE / 2, 0, i * slot + size * LINE / 2, 1)]], rank)
    chosen = board.place()
    # Long names are cut short (their hover cards carry them whole), so that the ticks do not outgrow the plot.
    clipped = [clip(n, CLIP_EMS * size, size) for n in names]
    kept = [esc(n) if chosen[i] is not None else "" for i, n in enumerate(clipped)]
    height = max((text_width(n, size) for n, k in zip(clipped, kept, strict=True) if k), default=0.0) + 6
    return kept, -90, height, sum(1 for k in kept if not k)


def clip(name: str, max_px: float, size: int) -> str:
    """`name`, or as much of it as fits `max_px` with an ellipsis."""
    if text_width(name, size) <= max_px:
        return name
    cut = next((n for n in range(len(name), 0, -1) if text_width(name[:n].rstrip() + "…", size) <= max_px), 1)
    return name[:cut].rstrip() + "…"
