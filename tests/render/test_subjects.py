"""A series of subjects by data alone: a synthetic series of six (four dense, two sparse; one with a hand-written
page) in, a page, nav entry, series row, grouped index entries and downloads for every subject out."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from bench import synth
from generators.load import load_store
from generators.model.store import Store
from generators.render.explorer import explorer_rows
from generators.render.pages import Pages
from generators.render.site import Generated, expand_markers, fill_slots, generate
from generators.render.subjects import add_subject_pages, nav_section, subject_path, with_subjects_nav

HAND = "---\ntitle: Synthetic subject 0\n---\n\n# Synthetic subject 0\n\nIts story, in our words.\n\n{{ figure(\"qwen-f7\") }}\n"


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("series")
    events, figures = synth.generate(240, subjects=6, sparse=2, series=True)
    (folder / "events.yaml").write_text(events, encoding="utf-8")
    (folder / "figures.yaml").write_text(figures, encoding="utf-8")
    content = folder / "content"
    content.mkdir()
    (content / "qwen.md").write_text(HAND, encoding="utf-8")
    store, _ = load_store(folder / "events.yaml", folder / "figures.yaml", strict=True)
    return generate(store, site_name="Lab Timelines", site_url="https://example.org/", date="2026-12-01", images=False,
                    content_dir=content)


def page_html(gen: Generated, path: str) -> str:
    """A generated page as a builder shows it: its Markdown's slot filled, links relative to its address."""
    url = path.removesuffix(".md").removesuffix("index") + "/" if not path.endswith("index.md") else path.removesuffix("index.md")
    return fill_slots(gen.pages.markdown[path], url.lstrip("/"), gen)


def test_every_subject_without_a_page_of_its_own_gets_one_generated(series: Generated) -> None:
    store = series.store
    assert len(store.subjects) == 6
    for subject in list(store.subjects.values())[1:]:
        html = page_html(series, subject_path(subject.id))
        assert f"<h1>{subject.name}</h1>" in html and (subject.summary or "") in html
        assert html.count('<figure class="labfig"') == 6, f"{subject.id}: its six figures"
        assert '<h2 id="timeline">' in html and '<h2 id="people-and-units">' in html
        assert f'href="../downloads/{subject.id}/events.csv"' in html
    assert subject_path("qwen") not in series.pages.markdown, "the hand-written page is not overwritten"


def test_figures_follow_their_order_then_kind_and_carry_their_lead(series: Generated) -> None:
    html = page_html(series, "subj01.md")
    ids = re.findall(r'<figure class="labfig" id="fig-([^"]+)"', html)
    # subj01's people-moves spec says `order: 2`; the rest follow by kind.
    assert ids == ["subj01-f8", "subj01-f7", "subj01-f1", "subj01-f4", "subj01-f5", "subj01-f2"]
    assert html.index("How people came to and left Synthetic subject 1.") < html.index('id="fig-subj01-f8"')


def test_a_sparse_subject_page_is_complete(series: Generated) -> None:
    html = page_html(series, "subj05.md")
    assert len(series.store.of_subject("subj05")) == synth.FAMILY + 3
    assert html.count('<figure class="labfig"') == 6 and html.count('<li class="status-') >= synth.FAMILY + 3


def test_a_hand_written_page_places_its_figures_and_gets_the_rest_after_it(series: Generated) -> None:
    markdown = expand_markers(HAND, "content/qwen.md", series)
    assert markdown.count('data-slot="figure:qwen-f7"') == 1
    html = fill_slots(markdown, "qwen/", series)
    assert html.count('id="fig-qwen-f7"') == 1, "a figure the page placed is not repeated"
    assert "More on Synthetic subject 0" in html and html.count('<figure class="labfig"') == 6
    assert 'href="../downloads/qwen/events.csv"' in html


def test_the_nav_lists_the_series_page_then_every_subject_without_a_config_edit(series: Generated) -> None:
    nav = with_subjects_nav([{"Home": "index.md"}, {"Subjects": []}, {"Figures": "figures/index.md"}], series.store)
    assert nav is not None and nav[1] == {"Subjects": nav_section(series.store)}
    assert [next(iter(entry.values())) for entry in nav[1]["Subjects"]] == ["series.md"] + [f"{s}.md" for s in series.store.subjects]
    assert with_subjects_nav([{"Home": "index.md"}], series.store) == [{"Home": "index.md"}, {"Subjects": nav_section(series.store)}]


def test_the_series_home_has_a_row_per_subject(series: Generated) -> None:
    html = fill_slots('<div class="labfig-slot" data-slot="subjects:"></div>', "", series)
    rows = re.findall(r'<tr data-subject="([^"]+)">(.*?)</tr>', html, re.S)
    assert [sid for sid, _ in rows] == list(series.store.subjects)
    for sid, row in rows:
        assert f'href="{sid}/"' in row, "links to the subject's page"
        assert "-base, " in row or "-all" in row, "shows the lab's posture"
        latest = max(series.store.of_subject(sid), key=lambda e: (e.date.end, e.id))
        assert latest.date.label() in row, "its latest event"
        assert "latest dated fact or source" in row


def test_series_page_draws_the_figures_of_the_whole_series(series: Generated) -> None:
    html = page_html(series, "series.md")
    assert 'id="fig-series-moves"' in html and 'id="fig-series-postures"' in html
    assert html.count("<tr data-subject=") == 6


def test_indexes_are_grouped_by_subject_and_entities_link_to_their_subjects(series: Generated) -> None:
    store = series.store
    models = page_html(series, "models/index.md")
    headings = re.findall(r"<h2>(.*?)</h2>", models)
    assert headings == [s.name for s in store.subjects.values()]
    # The person who moved from subject 0's lab to subject 1's belongs to both, and their page links both.
    mover = next(e.move.person for e in store.of_subject("subj01") if e.move and e.move.kind == "moved" and e.move.from_unit == "lab00-team0")
    person = page_html(series, f"people/{mover}.md")
    assert 'href="../../qwen/"' in person and 'href="../../subj01/"' in person
    release = page_html(series, "models/subj02-f0-r0.md")
    assert '<a href="../../subj02/">Synthetic subject 2</a>' in release


def test_downloads_per_subject_hold_that_subjects_rows(series: Generated) -> None:
    for sid in series.store.subjects:
        rows = list(csv.DictReader(io.StringIO(series.files[f"downloads/{sid}/events.csv"].decode())))
        own = {e.id for e in series.store.of_subject(sid)}
        assert own <= {r["id"] for r in rows}
        assert all(r["subject"] == sid or r["id"] not in own for r in rows)
    assert "downloads/events.csv" in series.files


def test_the_explorer_names_a_subject_by_its_own_name_when_a_unit_shares_its_id(store: Store) -> None:
    # A subject may share its id with its own lab; the Subject column must still say the subject's name.
    renamed = {"alibaba": store.subjects["qwen"].model_copy(update={"id": "alibaba", "lab": "alibaba"})}
    events = {k: e.model_copy(update={"subject": "alibaba"}) for k, e in store.events.items()}
    shared = Store(**{**store.__dict__, "subjects": renamed, "events": events})
    assert {r["subject_name"] for r in explorer_rows(shared)} == {"Alibaba Qwen"}



def test_when_git_history_is_known_a_subjects_data_changed_at_its_last_commit(series: Generated) -> None:
    from generators.diff import RecordChange
    from generators.history.gitlog import Commit
    from generators.history.timeline import EventChange, History
    from generators.render.subjects import SubjectView, data_changed

    commit = Commit("a" * 40, None, "2026-11-30", "2026-11-30T10:00:00Z", "Add a release")
    later = Commit("b" * 40, None, "2026-12-01", "2026-12-01T10:00:00Z", "Move subj03 into its own file")
    event = series.store.of_subject("subj03")[0]
    moved = RecordChange("events", event.id, "moved", event.title, moved=("data/events.yaml", "data/events/subj03.yaml"))
    history = History(True, events={event.id: [EventChange(commit, RecordChange("events", event.id, "added", event.title)),
                                               EventChange(later, moved)]})
    view = SubjectView.build(series.store, series.outputs, history)
    assert data_changed(view, "subj03") == ("30 Nov 2026", "last commit to its events"), "a move to another file changes no fact"
    assert data_changed(view, "subj04")[1] == "latest dated fact or source", "a subject git knows nothing of falls back"


def test_generated_subject_pages_and_the_series_page_preview_their_first_figure(series: Generated, tmp_path: Path) -> None:
    pages = Pages()
    add_subject_pages(pages, series.store, series.outputs, content_dir=tmp_path, figure_html=lambda fig, base: "",
                      share_image=lambda fig_id: f"embed/{fig_id}/share.png")
    front = pages.markdown["subj01.md"].split("---")[1]
    assert 'image: "embed/subj01-f8/share.png"' in front, "the page's first figure (people moves, order 2) is its preview"
    assert "image_alt: " in front and 'description: "Synthetic subject 1, ' in front
    assert 'image: "embed/series-' in pages.markdown["series.md"].split("---")[1]
    # Without images (the fast build) no page points at a preview that is not there.
    bare = Pages()
    add_subject_pages(bare, series.store, series.outputs, content_dir=tmp_path, figure_html=lambda fig, base: "")
    assert all("image:" not in text.split("---")[1] for text in bare.markdown.values())
