"""Measurements on the site: the subject page's table and inline values, entity pages, explorer and downloads,
each drawn from the store with its other reported values, and escaped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generators.errors import DataErrors
from generators.model.measurements import Measurement
from generators.model.store import Store
from generators.render.downloads import download_files, subject_downloads
from generators.render.embed_kit import SiteInfo
from generators.render.explorer import render_explorer
from generators.render.figure_assets import FigureOutput
from generators.render.measurements import inline_measurement, subject_measurements
from generators.render.pages import Pages, build_entity_pages
from generators.render.site import Generated, expand_markers, fill_slots
from generators.render.subjects import add_subject_pages, subject_download_rows, subject_extras
from generators.render.templates import render


def _with(store: Store, **changes: object) -> Store:
    """The store with one measurement changed, for hostile or edited data."""
    m = store.measurements["qwen-cumulative-downloads"].model_copy(update=changes)
    return Store(**{**store.__dict__, "measurements": {**store.measurements, m.id: m}})


def _generated(store: Store, outputs: dict[str, FigureOutput] | None = None) -> Generated:
    return Generated(store, SiteInfo("Lab Timelines", "", "v", "2026-12-01"), False, outputs or {})


def test_subject_table_shows_every_value_with_its_other_values(store: Store) -> None:
    html = str(subject_measurements(store, "qwen"))
    assert html.count('<tr id="m-') == len(store.measurements_of("qwen")) >= 10
    row = html[html.index('id="m-qwen-cumulative-downloads"'):].split("</tr>")[0]
    assert "<strong>more than 1 billion downloads</strong>" in row and "Mar 2026" in row
    assert "more than 600 million downloads" in row and "VentureBeat" in row
    months = html[html.index('id="m-qwen-downloads-against-next-eight"'):].split("</tr>")[0]
    assert "more than their combined total (Dec 2025)" in months, "an alternative for another month says which"


def test_a_page_sentence_takes_its_number_from_the_store(store: Store) -> None:
    gen = _generated(store)
    page = expand_markers('Downloads stood at {{ measurement("qwen-cumulative-downloads") }} by March.\n\n'
                          '{{ measurements("qwen") }}\n', "content/qwen.md", gen)
    assert page.startswith('Downloads stood at <span class="labfig-slot" data-slot="measurement:qwen-cumulative-downloads"></span> by')
    html = fill_slots(page, "qwen/", gen)
    assert '<a class="labfig-measure" href="../explorer/#m-qwen-cumulative-downloads"' in html
    assert ">more than 1 billion downloads</a> by March." in html and "labfig-measurements" in html
    edited = fill_slots(expand_markers('{{ measurement("qwen-cumulative-downloads") }}', "x.md", _generated(_with(store, value="2 billion"))),
                        "qwen/", _generated(_with(store, value="2 billion")))
    assert ">more than 2 billion downloads</a>" in edited, "an edit to the data changes the sentence"


def test_unknown_measurement_or_subject_in_a_page_is_an_error_with_its_place(store: Store) -> None:
    with pytest.raises(DataErrors) as caught:
        expand_markers('Intro.\n\nSee {{ measurement("qwen-downloads") }} and {{ measurements("qwn") }}.\n', "content/qwen.md", _generated(store))
    lines = caught.value.report().splitlines()
    assert lines[0].startswith("content/qwen.md:3:5: measurement: unknown measurement 'qwen-downloads' (known: qwen-cumulative-downloads,")
    assert lines[1].startswith("content/qwen.md:3:45: measurements: unknown subject 'qwn' (known: qwen)")


def test_entity_pages_show_the_measurements_about_them(store: Store) -> None:
    pages = build_entity_pages(store, {})
    model = pages.slots["page:models/qwen3-omni.md"]("../../")
    assert "<h2>Measurements</h2>" in model and "32 of 36 benchmarks" in model
    person = pages.slots["page:people/eddie-wu.md"]("../../")
    assert "100 billion US dollars" in person and "53 billion US dollars" in person
    unit = pages.slots["page:units/qwen-team.md"]("../../")
    assert "more than 200,000 derivative models" in unit and "more than 170,000 derivative models" in unit
    assert "<h2>Measurements</h2>" not in pages.slots["page:people/yu-bowen.md"]("../../")


def test_explorer_lists_measurements_with_disagreements(store: Store) -> None:
    html = render_explorer(store, "../")
    section = html[html.index('<h2 id="measurements">'):]
    assert section.count('<tr id="m-') == len(store.measurements)
    assert "dozens (mid 2025 – Mar 2026)" in section


def test_downloads_carry_measurements_and_their_alternatives(store: Store) -> None:
    files = download_files(store)
    rows = list(csv.DictReader(io.StringIO(files["downloads/measurements.csv"].decode())))
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(store.measurements)
    assert by_id["qwen-cumulative-downloads"]["number"] == "1000000000"
    assert by_id["qwen-cumulative-downloads"]["alternatives"].startswith("more than 600 million downloads (VentureBeat;")
    document = json.loads(files["downloads/store.json"])
    assert [m["id"] for m in document["measurements"]] == list(store.measurements)


def test_text_from_the_data_is_escaped_everywhere(store: Store) -> None:
    hostile = _with(store, metric='<script>alert(1)</script>', unit='"><img src=x onerror=alert(1)>')
    outputs = [str(subject_measurements(hostile, "qwen")), str(inline_measurement(hostile, "qwen-cumulative-downloads", "../")),
               render_explorer(hostile, "../"), build_entity_pages(hostile, {}).slots["page:units/qwen-team.md"]("../../")]
    for html in outputs:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html or "&lt;img" in html


def test_numbers_parse_as_written() -> None:
    m = Measurement.model_validate({"id": "m", "subject": "s", "metric": "x", "value": "153.6 million", "unit": "u",
                                    "date": "2026-02", "status": "reported", "sources": ["s"]})
    assert m.number == 153_600_000 and m.shown() == "153.6 million u"
    assert Measurement.model_validate({**m.model_dump(), "value": "1,000,000", "bound": "about"}).shown() == "about 1,000,000 u"


def test_a_placement_written_as_code_is_left_as_documentation(store: Store) -> None:
    page = 'Write `{{ measurement("demo-downloads") }}` in a sentence.\n'
    assert expand_markers(page, "content/contributing.md", _generated(store)) == page


def test_the_data_diff_reports_a_changed_measurement(store: Store) -> None:
    from generators.diff import compare

    change = compare(store, _with(store, value="2 billion"))
    assert [(c.section, c.id, c.change) for c in change.registries] == [("measurements", "qwen-cumulative-downloads", "changed")]
    assert [(f.path, f.before, f.after) for f in change.registries[0].fields] == [("value", "1 billion", "2 billion")]


def test_explorer_events_table_stays_html_beside_the_measurements(store: Store) -> None:
    html = render_explorer(store, "../")
    assert html.startswith("<h1>Events explorer</h1>") and '<table class="labfig-explorer">' in html
    assert "&lt;" not in html.split('<h2 id="measurements">')[0]


def test_a_generated_subject_page_shows_its_measurements_and_a_hand_written_one_only_what_it_left_out(store: Store, tmp_path: Path) -> None:
    # Without content/qwen.md, the generated page carries the table under its own heading, before the timeline.
    pages = Pages()
    view = add_subject_pages(pages, store, {}, content_dir=tmp_path, figure_html=lambda fig, base: "")
    page = pages.slots["page:qwen.md"]("../")
    assert '<h2 id="measurements">Measurements</h2>' in page
    assert page.count('<tr id="m-') == len(store.measurements_of("qwen"))
    assert page.index('id="measurements"') < page.index('id="timeline"')
    assert 'href="../downloads/qwen/measurements.csv"' in page
    # A hand-written page that places the table does not get it twice; one that does not gets it after its text.
    placed = subject_extras(view, "qwen", set(), lambda fig, base: "", measurements_placed=True)("../")
    assert 'id="measurements"' not in placed and '<tr id="m-' not in placed
    left_out = subject_extras(view, "qwen", set(), lambda fig, base: "")("../")
    assert left_out.count('<tr id="m-') == len(store.measurements_of("qwen"))


def test_downloads_page_lists_each_subjects_files_beside_the_whole_stores(store: Store, tmp_path: Path) -> None:
    view = add_subject_pages(Pages(), store, {}, content_dir=tmp_path, figure_html=lambda fig, base: "")
    files = subject_downloads(store, view.events)
    rows = list(csv.DictReader(io.StringIO(files["downloads/qwen/measurements.csv"].decode())))
    assert [r["id"] for r in rows] == [m.id for m in store.measurements_of("qwen")] and {r["subject"] for r in rows} == {"qwen"}
    html = render("downloads.html.j2", base="../", site=SiteInfo("Lab Timelines", "", "v", "2026-12-01"), figure_groups=[], store=store,
                  subjects=subject_download_rows(view))
    assert 'href="../downloads/events.csv"' in html and 'href="../downloads/store.json"' in html
    row = html[html.index('<a href="../qwen/">Alibaba Qwen</a>'):].split("</tr>")[0]
    assert f'href="../downloads/qwen/events.csv">events.csv</a> ({len(view.events["qwen"])})' in row
    assert f'href="../downloads/qwen/measurements.csv">measurements.csv</a> ({len(store.measurements_of("qwen"))})' in row
