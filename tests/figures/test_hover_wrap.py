"""Hover cards fit the figure: at every plan each hover line of every kind (release timeline, posture matrix,
bifurcation, lineage, stacked timelines, people moves) holds at most `hover_chars(width)` characters, wrapped
between words, with the escaping of untrusted text intact (an entity such as &amp; is never cut)."""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any

import pytest

from bench import dense
from generators.figures.registry import build_figure
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import esc, hover_chars, wrap_hover
from generators.load import load_store
from generators.model.store import Store

NARROW = [WIDTHS["small"], WIDTHS["phone"], WIDTHS["phablet"]]


@pytest.fixture(scope="module")
def dense50(tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(50, tmp_path_factory.mktemp("dense50"))
    return load_store(events, figures, strict=False)[0]


def _cards(fig: Any) -> list[str]:
    """Every hover card the figure can show: traces' hover texts (or the texts they hover) and the zoom levels' counts."""
    out: list[str] = []
    for t in fig.data:
        value = t.hovertext if t.hovertext is not None else t.text if "text" in (t.hoverinfo or "") and "text" not in (t.mode or "") else None
        out += [value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)]
    meta = fig.layout.meta
    if isinstance(meta, dict) and "labfigZoom" in meta:
        out += [h for level in meta["labfigZoom"]["levels"] for h in level["counts"]["hovertext"]]
    return out


def _visible(line: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", line))


@pytest.mark.parametrize("which", ["qwen", "dense"])
def test_no_hover_line_is_longer_than_its_plan_allows(store: Store, dense50: Store, which: str) -> None:
    data = store if which == "qwen" else dense50
    kinds = set()
    for spec in data.figures.values():
        for width in NARROW:
            limit = hover_chars(width)
            cards = _cards(build_figure(data, spec, width))
            assert cards, f"{spec.id} has hover cards"
            kinds.add(spec.kind)
            for card in cards:
                for line in card.split("<br>"):
                    text = _visible(line)
                    assert len(text) <= limit or " " not in text.strip(), f"{spec.id} at {width} px: {text!r} ({len(text)} > {limit})"
    assert len(kinds) == 6, "every kind is checked"


def test_desktop_cards_of_the_qwen_figures_are_as_they_were(store: Store) -> None:
    # The widest Qwen line is under the desktop plan's limit: its cards keep their lines as written.
    for spec in store.figures.values():
        fig = build_figure(store, spec, WIDTHS["desktop"])
        assert all(max(len(_visible(line)) for line in card.split("<br>")) <= hover_chars(WIDTHS["desktop"]) for card in _cards(fig))


def test_wrapping_breaks_between_words_and_keeps_entities_and_tags_whole() -> None:
    card = "<b>" + esc("AT&T <img src=x onerror=alert(1)> Research & Development Lab") + "</b><br>" + esc("Sources: a & b")
    wrapped = wrap_hover(card, 12)
    assert "&amp;" in wrapped and "&lt;img" in wrapped and "<img" not in wrapped
    assert re.sub(r"<br>", " ", wrapped) == card.replace("<br>", " "), "only spaces become line breaks"
    for line in wrapped.split("<br>"):
        assert not re.search(r"&[a-z]*$", line) and not re.match(r"^[a-z]*;", line), f"an entity is cut at {line!r}"
        assert len(_visible(line)) <= 12 or " " not in _visible(line)
    assert wrapped.startswith("<b>AT&amp;T &lt;img<br>src=x<br>") and wrapped.count("<b>") == 1 and wrapped.count("</b>") == 1
    assert wrap_hover("short", 12) == "short" and wrap_hover("", 12) == ""
    styled = "<span style='font-size:11px'>x y z</span> aaaa bbbb"
    assert wrap_hover(styled, 5) == "<span style='font-size:11px'>x y z</span><br>aaaa<br>bbbb", "a space inside a tag is no break"


def test_an_untrusted_long_title_is_escaped_and_wrapped_in_the_figure(store: Store) -> None:
    hostile = "<script>alert(1)</script> Qwen & Partners Extremely Long Release Name For A Phone Screen"
    event = store.events["qwen3-omni"]
    events = {**store.events, event.id: event.model_copy(update={"title": hostile})}
    data = dataclasses.replace(store, events=events, _by_subject=None)
    for fig_id in ("qwen-f1", "qwen-f4", "qwen-f7"):
        cards = [c for c in _cards(build_figure(data, data.figures[fig_id], WIDTHS["phone"])) if "alert" in c]
        assert cards, f"{fig_id} shows the release's card"
        for card in cards:
            assert "<script>" not in card and "&lt;script&gt;alert(1)&lt;/script&gt;" in card
            assert "&amp; Partners" in card.replace("<br>", " ")
            assert max(len(_visible(line)) for line in card.split("<br>")) <= hover_chars(WIDTHS["phone"])
