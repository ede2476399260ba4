"""Figure kinds as one object each: what a figure draws is one answer, and everything about kinds follows the registry."""

from __future__ import annotations

import json
from dataclasses import replace

from generators.figures.registry import FIGURE_KINDS, KINDS, FiguresDocument, build_figure, drawn
from generators.load import load_store_bytes
from generators.model.figures import Selection
from generators.model.store import Store
from generators.render.describe import describe
from generators.render.downloads import figure_frame, to_csv
from generators.render.figure_assets import FigureOutput, figure_json, figure_sources
from generators.render.pages import EntityIndex
from generators.render.reference import reference_markdown


def _tagged(store: Store) -> tuple[Store, str, str]:
    """The store with one release and one departure (whose outlet no release cites) sharing the tag `shared`."""
    release = next(e for e in store.releases("qwen") if e.sources)
    cited = set(store.outlets(release.sources))
    other = next(e for e in store.of_subject("qwen") if not e.release and e.sources and not cited & set(store.outlets(e.sources)))
    events = dict(store.events)
    for event in (release, other):
        events[event.id] = event.model_copy(update={"tags": ["shared"]})
    return replace(store, events=events, _by_subject=None), release.id, other.id


def test_a_release_timeline_selected_by_a_tag_cites_and_exports_only_the_releases_it_draws(store: Store) -> None:
    tagged, release, other = _tagged(store)
    spec = store.figures["qwen-f1"].model_copy(update={"select": Selection(tags=["shared"]), "window": None,
                                                       "markers": [], "bands": []})
    fig = json.dumps(figure_json(build_figure(tagged, spec, 1000)))
    assert tagged.events[release].title in fig and tagged.events[other].title not in fig, "the figure draws the release only"
    assert [e.id for e in drawn(tagged, spec)] == [release]
    assert list(figure_frame(tagged, spec)["id"]) == [release], "data.csv holds what the figure draws"
    assert tagged.events[other].id not in to_csv(figure_frame(tagged, spec)).decode()
    outlets = tagged.outlets(tagged.events[other].sources)
    assert not any(outlet in figure_sources(tagged, spec) for outlet in outlets), "the source line cites what it draws"
    text = describe(tagged, spec)
    assert text.startswith("One release from") and "event" not in text.split(";")[1], text


def test_an_entity_page_lists_the_figures_that_draw_its_event_not_those_that_merely_select_it(store: Store) -> None:
    outputs = {spec.id: FigureOutput(spec, "", "", {}, None) for spec in store.figures.values()}
    index = EntityIndex.build(store, outputs)
    for event in store.events.values():
        listed = {f.id for f in index.figures_for([event])}
        expected = {spec.id for spec in store.figures.values() if event in drawn(store, spec)}
        assert listed == expected, event.id
    departure = next(e for e in store.of_subject("qwen") if e.move)
    # The posture matrix's empty selection matches every event of its subject, but it draws rows, not events.
    assert "qwen-f2" not in {f.id for f in index.figures_for([departure])}


def test_every_kind_in_the_registry_is_validated_documented_and_in_the_schema() -> None:
    assert set(FIGURE_KINDS) == set(KINDS) and len(KINDS) >= 6
    mapping = FiguresDocument.model_json_schema()["properties"]["figures"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(KINDS)
    page = reference_markdown()
    for name, kind in KINDS.items():
        assert f"### `{name} options`" in page and f"`{name}`" in page
        assert kind.name == name and kind.spec.model_fields["kind"].annotation.__args__ == (name,)


def test_an_unknown_kind_is_refused_with_every_registered_kind_named() -> None:
    from generators.errors import DataErrors

    try:
        load_store_bytes(b"events: []\n", b"figures:\n  - id: f\n    kind: release-timelin\n    title: T\n    caption: C\n")
    except DataErrors as exc:
        message = str(exc.errors[0])
    else:
        raise AssertionError("an unknown kind must be refused")
    assert all(name in message for name in KINDS), message


def test_the_window_and_lanes_cut_what_is_drawn_cited_and_exported_alike(store: Store) -> None:
    for spec in store.figures.values():
        if KINDS[spec.kind].frame is not None:
            continue
        ids = list(dict.fromkeys(e.id for e in drawn(store, spec)))
        assert list(figure_frame(store, spec)["id"]) == ids, spec.id
        if spec.window is not None:
            assert all(store.events[i].date.end >= spec.window.start and store.events[i].date.start <= spec.window.end for i in ids)
