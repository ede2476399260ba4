"""Data downloads: the store in, CSV and JSON bytes out (built with pandas), with formula injection neutralised.

Files: `downloads/events.csv`, `downloads/measurements.csv`, `downloads/store.json`, per subject
`downloads/SUBJECT/events.csv` (and `measurements.csv`), and per figure `embed/ID/data.csv`.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from generators.figures.frames import events_frame
from generators.figures.registry import kind_of
from generators.model.document import data_version, store_document
from generators.model.store import Store
from generators.render import links
from generators.render.measurements import MEASUREMENT_COLUMNS, measurement_rows

# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value

def to_csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.map(neutralise).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")

def measurements_frame(store: Store, subject: str | None = None) -> pd.DataFrame:
    """Every measurement (or one subject's), its other values written out as `value (date; outlets)` in one cell."""
    rows = measurement_rows(store, None if subject is None else store.measurements_of(subject))
    for row in rows:
        row["alternatives"] = "; ".join(f"{a['shown']}{' (' + a['date'] + ')' if a['date'] else ''} ({a['outlets']})"
                                        for a in row["alternatives"])
    return pd.DataFrame(rows, columns=MEASUREMENT_COLUMNS)

def figure_frame(store: Store, spec: Any) -> pd.DataFrame:
    """The rows a figure draws, in the order it draws them (its kind's table)."""
    return kind_of(spec).table(store, spec)

def download_files(store: Store) -> dict[str, bytes]:
    document = store_document(store)
    document["version"] = data_version(store)
    return {
        "downloads/events.csv": to_csv(events_frame(store)),
        "downloads/measurements.csv": to_csv(measurements_frame(store)),
        "downloads/store.json": (json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode(),
    }


def subject_downloads(store: Store, events: dict[str, list[Any]]) -> dict[str, bytes]:
    """`downloads/SUBJECT/events.csv` per subject: its events and other subjects' events that reach into it;
    `downloads/SUBJECT/measurements.csv` beside it when the subject has measurements."""
    files = {}
    for sid in store.subjects:
        files[links.subject_download(sid)] = to_csv(events_frame(store, events.get(sid, [])))
        if store.measurements_of(sid):
            files[links.subject_download(sid, "measurements.csv")] = to_csv(measurements_frame(store, sid))
    return files
