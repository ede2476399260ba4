"""What a posture-matrix cell says: a lab's posture record in; the font size its words fit at and its hover cards out.

A cell wraps between words, never inside one (a hyphen or slash aside): where the longest word of a cell
("Responsible", "(unspecified)") is wider than the cell at the table's size, the cell is set a size or two
smaller instead of breaking the word.
"""

from __future__ import annotations

import re

from generators.figures.style import POSTURE_LABEL
from generators.figures.text import esc, text_width
from generators.model.events import LabPosture, TierLicence
from generators.model.fields import STATUS_LABELS
from generators.model.store import Store

BOLD = 1.1  # bold text runs about a tenth wider than `text_width` estimates for regular


def status(posture: LabPosture, cell: TierLicence) -> str:
    return cell.status or posture.status


def cell_words(store: Store, cell: TierLicence) -> list[str]:
    """The texts of a licence cell, for `fit`."""
    return [store.licence_name(cell.licence) if cell.licence else "Source needed", cell.note or "", cell.model or ""]


def fit(texts: list[str], px: float, size: int) -> int:
    """The font size, at most two steps under `size`, at which every word of `texts` fits `px` whole (set in bold)."""
    # A word broken after a hyphen or slash is broken where a reader expects it; only the pieces must fit.
    words = [piece for text in texts for word in text.split() for piece in re.split(r"(?<=[-/])", word) if piece]
    for candidate in (size, size - 1, size - 2):
        if all(text_width(word, candidate * BOLD) <= px for word in words):
            return candidate
    return size - 2


def licence_hover(store: Store, posture: LabPosture, cell: TierLicence, tier: str) -> str:
    licence = store.licence_name(cell.licence) if cell.licence else "not recorded"
    lines = [f"<b>{esc(store.name_of(posture.lab))}</b> · {esc(tier)} tier",
             f"Licence: {esc(licence)}", f"Posture: {esc(POSTURE_LABEL[store.posture_of(cell.licence)])}"]
    if cell.note:
        lines.append(f"Note: {esc(cell.note)}")
    lines += [f"Model: {esc(cell.model or 'not named')}", f"Status: {esc(STATUS_LABELS[status(posture, cell)])}"]
    return "<br>".join(lines + [_sources(store, posture)])


def posture_hover(store: Store, posture: LabPosture, base: str, flagship: str) -> str:
    lines = [f"<b>{esc(store.name_of(posture.lab))}</b> · posture", f"Posture: {esc(posture.label)}",
             f"Base tier: {esc(POSTURE_LABEL[base])}", f"Flagship tier: {esc(POSTURE_LABEL[flagship])}",
             f"As of: {esc(posture.as_of.label())}", f"Status: {esc(STATUS_LABELS[posture.status])}"]
    return "<br>".join(lines + [_sources(store, posture)])


def _sources(store: Store, posture: LabPosture) -> str:
    outlets = list(dict.fromkeys(store.outlets(posture.sources)))
    return "Sources: " + (esc(", ".join(outlets)) if outlets else "source needed")
