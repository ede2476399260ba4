"""The real data set and the store: it loads strictly, round-trips, and keeps disagreements."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.load import load_store
from generators.model.store import Store
from generators.render.downloads import store_document


def test_real_data_validates_strictly(store: Store) -> None:
    assert len(store.events) >= 25
    assert {"qwen-f1", "qwen-f2", "qwen-f4", "qwen-f5", "qwen-f7"} <= set(store.figures)


def test_disagreements_are_kept(store: Store) -> None:
    with_alternatives = [e for e in store.events.values() if e.alternatives]
    assert any(a.field == "date" for e in with_alternatives for a in e.alternatives)
    lin = next(e for e in store.events.values() if e.move and e.move.person == "lin-junyang" and e.move.kind == "left")
    assert lin.date.text == "2026-03-03"
    assert [a.value for a in lin.alternatives if a.field == "date"] == ["2026-03-04"]


def _dump(store: Store, tmp: Path) -> tuple[Path, Path]:
    doc = store_document(store)
    figures = {"figures": doc.pop("figures")}
    doc.pop("licence")
    events_path, figures_path = tmp / "events.yaml", tmp / "figures.yaml"
    events_path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    figures_path.write_text(yaml.safe_dump(figures, allow_unicode=True, sort_keys=False))
    return events_path, figures_path


def test_load_dump_round_trip(store: Store, tmp_path: Path) -> None:
    again, _ = load_store(*_dump(store, tmp_path))
    assert store_document(again) == store_document(store)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.sampled_from(["title", "summary"]), min_size=1, max_size=3), st.text(min_size=1, max_size=40).filter(str.strip))
def test_round_trip_keeps_any_text(store: Store, tmp_path_factory: object, fields: list[str], text: str) -> None:
    """Whatever printable text an editor writes in a title or summary survives a dump and a load."""
    import tempfile

    from hypothesis import assume
    assume(all(ch.isprintable() for ch in text) and text == text.strip())
    event = next(iter(store.events.values()))
    changed = event.model_copy(update={f: text for f in fields})
    modified = Store(**{**store.__dict__, "events": {**store.events, event.id: changed}})
    with tempfile.TemporaryDirectory() as tmp:
        again, _ = load_store(*_dump(modified, Path(tmp)))
    assert getattr(again.events[event.id], fields[0]) == text
