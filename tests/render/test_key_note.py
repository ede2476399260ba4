"""Every figure says, in its key's own words, that status and date spans are drawn the same way in every kind:
one line from `claims.encoding_note` under the caption on the page and in the embed, and in the PNG and SVG."""

from __future__ import annotations

import dataclasses
import html

import pytest

from generators.figures import registry
from generators.figures.claims import GHOST_KEY, GHOST_KINDS, SPAN_KEY, SPAN_KINDS, STATUS_KEY, STATUS_NOTE
from generators.figures.registry import build_figure
from generators.model.store import Store
from generators.render.embed_kit import figure_block
from generators.render.figure_assets import FigureOutput, build_outputs, export_jobs


@pytest.fixture(scope="module")
def outputs(store: Store) -> dict[str, FigureOutput]:
    return build_outputs(store)


def _words(key: str) -> str:
    return key[0].lower() + key[1:]


def test_every_kind_carries_the_key_line(store: Store, outputs: dict[str, FigureOutput]) -> None:
    kinds = {fig.spec.kind for fig in outputs.values()}
    assert kinds >= {"release-timeline", "posture-matrix", "bifurcation", "lineage", "stacked-timelines", "people-moves"}
    for fig in outputs.values():
        note = fig.key_note
        assert note.startswith("Drawn the same way in every figure: "), fig.id
        assert all(_words(key) in note for key in STATUS_KEY.values()), f"{fig.id}: the line names every status as the key does"
        assert (_words(SPAN_KEY) in note) == (fig.spec.kind in SPAN_KINDS), f"{fig.id}: spans only where the kind draws them"
        assert (_words(GHOST_KEY) in note) == (fig.spec.kind in GHOST_KINDS), fig.id
        block = html.unescape(figure_block(fig, store, "/", images=False))
        assert f'<p class="labfig-key">{note}</p>' in block, f"{fig.id}: the line sits under the caption"
        footer = " ".join(a["text"] for a in export_jobs(fig, "Site", "https://example.org/")["figure.svg"].figure["layout"]["annotations"])
        assert _words(STATUS_KEY["pending"]) in html.unescape(footer.replace("<br>", " ")), f"{fig.id}: the PNG and SVG say it too"


@pytest.mark.parametrize("status", list(STATUS_NOTE))
def test_people_moves_draw_status_as_the_line_says(store: Store, status: str) -> None:
    events = {k: e.model_copy(update={"status": status}) for k, e in store.events.items()}
    uniform = dataclasses.replace(store, events=events, _by_subject=None)
    fig = build_figure(uniform, uniform.figures["qwen-f8"], 1000)
    heads = [t.marker.symbol[1] for t in fig.data if t.name == "move ends"]
    assert heads and all(s.endswith("-open") == (status != "confirmed") for s in heads), "the arrow head is hollow unless confirmed"
    labels = [a.text for a in fig.layout.annotations if "<br>" in (a.text or "") and not (a.name or "").startswith("ghost")]
    if status != "confirmed":
        assert labels and all(STATUS_NOTE[status] in t for t in labels), "each label carries the status note"
        assert STATUS_KEY[status] in {t.name for t in fig.data if t.showlegend}, "and the key explains it"


def test_kinds_that_say_they_draw_spans_draw_them(store: Store) -> None:
    for spec in store.figures.values():
        if spec.kind in SPAN_KINDS:
            fig = build_figure(store, spec, 1000)
            drawn = [e for e in registry.drawn(store, spec) if not e.date.exact and (spec.kind != "release-timeline" or e.release)]
            bars = sum(1 for t in fig.data if t.name == "date span" for x in t.x if x is None)  # one segment per date
            assert bars == len(drawn), f"{spec.id}: a bar per imprecise date"


def test_the_key_line_reads_as_one_sentence(outputs: dict[str, FigureOutput]) -> None:
    note = outputs["qwen-f7"].key_note
    assert note == ("Drawn the same way in every figure: filled: confirmed; hollow, (rep.): reported by the press only; "
                    "hollow, (pending): awaiting primary confirmation; hollow, (source?): source needed; "
                    "bar: the span an imprecise date covers; dotted: another reported date."), note
