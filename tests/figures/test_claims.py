"""Disputed facts drawn, not only told: ghost marks at every other reported date, one status encoding in
every kind, legend entries only when needed, and descriptions that name each disagreement."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.figures import registry
from generators.figures.claims import GHOST_KEY, NOTE_KEY, RING_KEY, STATUS_KEY, STATUS_NOTE, describe_field, ghost_dates, view
from generators.figures.registry import build_figure
from generators.model.dates import parse_date
from generators.model.series import figure_moves
from generators.model.store import Store
from generators.render.describe import describe
from tests.figures.disputed import dense_disputes, make_alternative, with_alternatives

TIME_AXIS = ("qwen-f1", "qwen-f7", "qwen-f8")  # the figures that draw dates along a time axis


def ghosts_in(fig: Any) -> dict[tuple[str, str], str]:
    """(event id, alternative date as written) -> the x each ghost outline is anchored at."""
    out = {}
    for shape in fig.layout.shapes:
        if shape.name and (m := re.fullmatch(r"ghost (\S+) (.+)", shape.name)) and not shape.name.startswith(("ghost link", "ghost span")):
            out[(m.group(1), m.group(2))] = shape.xanchor
    return out


def legend(fig: Any) -> set[str]:
    return {t.name for t in fig.data if t.showlegend}


def test_lin_junyangs_other_date_is_drawn_on_4_march(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f7"], 1000)
    ghosts = ghosts_in(fig)
    assert ghosts[("lin-junyang-steps-down", "2026-03-04")] == "2026-03-04", "two press pieces put Lin's exit on 4 March"
    hover = next(t for t in fig.data if t.name == "ghost dates")
    assert "lin-junyang-steps-down" in hover.customdata, "every ghost keeps a hover card"
    assert GHOST_KEY in legend(fig) and NOTE_KEY in legend(fig)
    assert RING_KEY not in legend(fig), "no licence in F7 is disputed, so the key does not mention rings"


def test_figures_without_disputes_have_no_dispute_keys(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f1"], 1000)
    assert not ghosts_in(fig)
    assert not legend(fig) & {GHOST_KEY, RING_KEY, NOTE_KEY}, "the audio line has no disputed date, licence or role"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), figure=st.sampled_from(TIME_AXIS), width=st.sampled_from([360, 1000]))
def test_every_alternative_date_in_the_window_is_a_ghost_at_that_date(store: Store, data: st.DataObject, figure: str, width: int) -> None:
    spec = store.figures[figure]
    drawn = [e for e in registry.drawn(store, spec) if spec.kind != "release-timeline" or e.release]
    if spec.kind == "people-moves":  # a move is drawn at its arrival
        drawn = [m.arrival for m in figure_moves(store, spec)]
    chosen = data.draw(st.lists(st.sampled_from(drawn), min_size=1, max_size=4, unique_by=lambda e: e.id))
    # Without a window of its own a figure's span takes in every other reported date too.
    start, end = (spec.window.start, spec.window.end) if spec.window else (date.min, date.max)
    extra = {}
    for event in chosen:
        offsets = data.draw(st.lists(st.integers(-400, 400), min_size=1, max_size=2, unique=True))
        forms = data.draw(st.sampled_from(["day", "month"]))
        values = [(event.date.start + timedelta(days=o)) for o in offsets]
        texts = [v.isoformat() if forms == "day" else f"{v.year}-{v.month:02d}" for v in values]
        extra[event.id] = [make_alternative("date", t, [next(iter(store.sources))]) for t in dict.fromkeys(texts)]
    disputed = with_alternatives(store, extra)
    ghosts = ghosts_in(build_figure(disputed, spec, width))
    for event_id, alts in extra.items():
        for alt in alts:
            when = parse_date(alt.value)
            at = when.start if when.exact else when.midpoint
            if start <= at <= end:
                assert ghosts.get((event_id, alt.value)) == at.isoformat(), f"{event_id}: no ghost at {alt.value}"
            else:
                assert (event_id, alt.value) not in ghosts, f"{event_id}: {alt.value} lies outside the window"


KINDS = ("qwen-f1", "qwen-f4", "qwen-f5", "qwen-f7")


def _all_status(store: Store, status: str) -> Store:
    import dataclasses

    events = {k: e.model_copy(update={"status": status}) for k, e in store.events.items()}
    return dataclasses.replace(store, events=events, _by_subject=None)


def _event_marks(fig: Any) -> list[tuple[str, str]]:
    """(event id, symbol) of every mark that stands for an event (not legend entries, ghosts or rings)."""
    out = []
    for t in fig.data:
        if t.mode != "markers" or t.showlegend or t.name in ("ghost dates", "licence disputed") or t.customdata is None:
            continue
        symbols = t.marker.symbol if isinstance(t.marker.symbol, tuple) else [t.marker.symbol] * len(t.customdata)
        out += list(zip(t.customdata, symbols, strict=True))
    return out


@pytest.mark.parametrize("status", list(STATUS_NOTE))
@pytest.mark.parametrize("figure", KINDS)
def test_every_status_has_the_same_encoding_in_every_kind(store: Store, figure: str, status: str) -> None:
    uniform = _all_status(store, status)
    fig = build_figure(uniform, uniform.figures[figure], 1000)
    texts = [re.sub(r"<[^>]+>", " ", a.text) for a in fig.layout.annotations] + [re.sub(r"<[^>]+>", " ", t) for t in fig.layout.xaxis.ticktext or ()]
    if figure == "qwen-f5":
        boxes = [s for s in fig.layout.shapes if s.name and s.name.startswith("tint ")]
        assert bool(boxes) == (status == "confirmed"), "a box is tinted (filled) only when confirmed"
    else:
        marks = [(i, s) for i, s in _event_marks(fig) if s is not None]
        assert marks, figure
        assert all(s.endswith("-open") == (status != "confirmed") for _, s in marks), f"{figure}: marks hollow unless confirmed"
    if status != "confirmed":
        assert sum(STATUS_NOTE[status].strip() in t for t in texts) >= 3, f"{figure}: labels carry the note {STATUS_NOTE[status]!r}"
    key = STATUS_KEY[status] if status != "confirmed" else None
    keys = legend(fig) | set(texts)
    if key:
        assert any(key in k for k in keys), f"{figure}: the key explains {status}"


def test_description_names_each_disagreement(store: Store) -> None:
    text = describe(store, store.figures["qwen-f7"])
    assert "Two dates are reported for “Lin Junyang steps down”: 3 Mar 2026 (five sources) and 4 Mar 2026" in text
    for event in registry.drawn(store, store.figures["qwen-f7"]):
        for alt in event.alternatives:
            assert f"for “{event.title}”" in text and store.alternative(alt)[1] in text, f"{event.id}: {alt.field} not named"


def test_a_description_names_every_disputed_field_in_words(store: Store) -> None:
    from generators.model.events import ALTERNATIVE_FIELDS

    text = " ".join(describe(store, spec) for spec in store.figures.values())
    assert "Two kinds of move are reported for “Binyuan Hui moves to Meta”: moved" in text
    assert not re.search(r"\b(release|move|change)\.\w+", text), "no field is named by its YAML path"
    for field in ALTERNATIVE_FIELDS:
        assert re.fullmatch(r"[a-z ]+", describe_field(field)), f"{field} has no words of its own"


def test_dense_disputes_name_every_disagreement_and_keep_every_ghost(store: Store) -> None:
    dense = dense_disputes(store)
    spec = dense.figures["qwen-f7"]
    fig = build_figure(dense, spec, 360)
    counted = {i for t in fig.data if t.name == "counts" for ids in t.customdata for i in ids}
    expected = ghost_dates([e for e in registry.drawn(dense, spec) if e.id not in counted], spec.window.start, spec.window.end)
    hover = next(t for t in fig.data if t.name == "ghost dates")
    assert len(hover.x) == len(expected) > 20, "every ghost of a drawn event is drawn and hoverable, labelled or not"
    held = " ".join(re.sub(r"<[^>]+>", " ", t.replace("<br>", " ")) for c in fig.data if c.name == "counts" for t in c.hovertext)
    held = " ".join(held.split())
    named = [g for g in ghost_dates([dense.events[i] for i in counted]) if f"{g.event.short} · {g.event.date.label()}" in held]
    assert named and all(g.label in held.split(f"{g.event.short} · {g.event.date.label()} (also reported ", 1)[1].split(")) ")[0] + ")"
                     for g in named), "a counted event's other dates are in its count's hover"
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("ghost label")]
    assert 0 < len(labels) < len(expected), "on a phone only the ghost labels that fit are written"
    text = describe(dense, spec)
    assert text.count("dates are reported for") == sum(1 for e in registry.drawn(dense, spec) if any(a.field == "date" for a in e.alternatives))


def test_claim_views_drop_alternatives_then_unconfirmed_events(store: Store) -> None:
    spec = store.figures["qwen-f7"]
    main, confirmed = view(store, "main"), view(store, "confirmed")
    assert not ghosts_in(build_figure(main, spec, 1000)), "main claims only: no ghost"
    assert all(e.status == "confirmed" and not e.alternatives for e in registry.drawn(confirmed, spec))
    assert len(registry.drawn(store, spec)) > len(registry.drawn(confirmed, spec)) > 0


def test_a_disputed_licence_is_drawn_in_every_kind_that_draws_licences(store: Store) -> None:
    disputed = with_alternatives(store, {"qwen3-omni": [make_alternative("release.licence", "api-only", ["venturebeat-qwen-departures"])]})
    f4 = build_figure(disputed, disputed.figures["qwen-f4"], 1000)
    ghost = next(s for s in f4.layout.shapes if (s.name or "").startswith("licence ghost qwen3-omni"))
    index = [e.id for e in registry.drawn(disputed, disputed.figures["qwen-f4"])].index("qwen3-omni")
    assert (ghost.xanchor, ghost.yanchor) == (index, 0), "the other licence stands at the closed level, in the release's column"
    f1 = build_figure(disputed, disputed.figures["qwen-f1"], 1000)
    ring = next(t for t in f1.data if t.name == "licence disputed")
    assert list(ring.customdata) == ["qwen3-omni"] and RING_KEY in legend(f1)
    f5 = build_figure(disputed, disputed.figures["qwen-f5"], 1000)
    assert any(s.name == "licence disputed qwen3-omni" for s in f5.layout.shapes), "the box gets a second, dotted border"


@pytest.mark.parametrize("status", list(STATUS_NOTE))
def test_the_posture_matrix_keys_status_as_the_other_kinds_do(store: Store, status: str) -> None:
    import dataclasses

    postures = [p.model_copy(update={"status": status, "base": p.base.model_copy(update={"status": None}),
                                     "flagship": p.flagship.model_copy(update={"status": None})}) for p in store.postures]
    fig = build_figure(dataclasses.replace(store, postures=postures), store.figures["qwen-f2"], 1000)
    symbols = [t.marker.symbol for t in fig.data if t.mode == "markers" and t.marker.size in (13, 15)]
    assert symbols and all(s.endswith("-open") == (status != "confirmed") for s in symbols)
    texts = [a.text for a in fig.layout.annotations]
    if status != "confirmed":
        assert any(STATUS_KEY[status] in t for t in texts), "the key uses the words of every other kind"
        assert sum(STATUS_NOTE[status].strip() in t for t in texts) >= len(postures), "each row's posture carries the note"


def test_binyuan_huis_march_dates_and_other_role_are_drawn_in_people_moves(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f8"], 1000)
    ghosts = ghosts_in(fig)
    assert ghosts[("binyuan-hui-leaves", "2026-03-03")] == "2026-03-03", "VentureBeat dates his exit 3 March"
    assert ghosts[("binyuan-hui-leaves", "early 2026-03")] == "2026-03-05", "two pieces put it in early March"
    heads = next(t for t in fig.data if t.name == "move ends")
    heights = {o.name: o.yanchor for o in fig.layout.shapes if (o.name or "").startswith("ghost binyuan")}
    assert heights["ghost binyuan-hui-leaves 2026-03-03"] == heads.y[1], "the first other date at the arrow head's height"
    assert heights["ghost binyuan-hui-leaves early 2026-03"] < heads.y[1], "the second, two days on, a step back along the arrow"
    label = next(a.text for a in fig.layout.annotations if "Binyuan Hui" in a.text)
    assert "<i>or staff research scientist (role)</i>" in label, "the other reported role is a marked note on the label"
    assert fig.layout.showlegend and {GHOST_KEY, NOTE_KEY, STATUS_KEY["reported"]} <= legend(fig), "the key is shown and names them"
