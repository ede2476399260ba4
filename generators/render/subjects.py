"""Subject pages and the series home: the store and figure outputs in, a page per subject and the series' views out.

Every subject gets a page at `SUBJECT/`: generated in full (summary, figures in order with their lead-in
sentences, its timeline, people and units, downloads) unless `content/SUBJECT.md` exists, in which case
that page supplies the narrative and places figures, and a generated section after it adds what it
left out. The series page and the home page list one row per subject with its posture, latest events
and when its data last changed. The Subjects section of the navigation is built here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generators.figures.registry import page_order
from generators.history.timeline import History
from generators.model.events import Event
from generators.model.postures import derived_row, latest_postures
from generators.model.series import events_by_subject, lab_of, last_dated, subject_of_unit
from generators.model.store import Store
from generators.render import links, share_text
from generators.render.figure_assets import FigureOutput
from generators.render.history_html import event_notes
from generators.render.measurements import subject_measurements
from generators.render.pages import Notes, Pages, event_list
from generators.render.templates import render

SERIES_PAGE = "series.md"
SERIES_TITLE = "The series"
LATEST = 3  # events per subject in the series table


def subject_path(subject_id: str) -> str:
    """The Markdown path of a subject's page (its address is `SUBJECT/`)."""
    return f"{subject_id}.md"


def hand_written(content_dir: Path, subject_id: str) -> bool:
    return (content_dir / subject_path(subject_id)).is_file()


def nav_section(store: Store) -> list[dict[str, str]]:
    """The entries of the navigation's Subjects section: the series page, then each subject by name."""
    return [{SERIES_TITLE: SERIES_PAGE}] + [{s.name: subject_path(s.id)} for s in store.subjects.values()]


def with_subjects_nav(nav: list[Any] | None, store: Store) -> list[Any] | None:
    """The configured nav with its `Subjects` section filled from the store (added after the first entry if absent)."""
    if nav is None:
        return None
    section = {"Subjects": nav_section(store)}
    out = [section if isinstance(item, dict) and "Subjects" in item else item for item in nav]
    if section not in out:
        out.insert(1, section)
    return out


@dataclass
class SubjectView:
    """What a subject's page and its row in the series table show, computed once per build."""

    store: Store
    outputs: dict[str, FigureOutput]
    events: dict[str, list[Event]]  # subject id -> its events and others reaching into it, in date order
    history: History | None = None
    notes: Notes | None = None  # event id -> its history note, for the timeline

    @classmethod
    def build(cls, store: Store, outputs: dict[str, FigureOutput], history: History | None = None) -> SubjectView:
        return cls(store, outputs, events_by_subject(store), history, event_notes(history))

    def figures(self, subject_id: str | None) -> list[FigureOutput]:
        specs = page_order([o.spec for o in self.outputs.values() if o.spec.subject == subject_id])
        return [self.outputs[s.id] for s in specs]

    def people_and_units(self, subject_id: str) -> tuple[list[str], list[str]]:
        """Ids of the people and units the subject's events name, in order of first appearance."""
        people: dict[str, None] = {}
        units: dict[str, None] = {}
        for event in self.events.get(subject_id, []):
            if event.move:
                people[event.move.person] = None
                units.update(dict.fromkeys(u for u in (event.move.from_unit, event.move.to_unit) if u))
            for credit in event.release.credits if event.release else []:
                if credit.person:
                    people[credit.person] = None
                if credit.unit:
                    units[credit.unit] = None
            if event.change:
                units.update(dict.fromkeys(u for u in (event.change.unit, event.change.parent, *event.change.into) if u))
        labs = {self.store.subjects[subject_id].lab} - {None}
        units = dict.fromkeys([*labs, *units]) if labs else units  # type: ignore[list-item]
        return list(people), [u for u in units if u in self.store.units]

    def posture(self, subject_id: str) -> tuple[str, str] | None:
        """(posture label, status) of the subject's lab: derived from its releases where it can be."""
        lab = self.store.subjects[subject_id].lab
        if not lab:
            return None
        lab = lab_of(self.store, lab)
        row = derived_row(self.store, lab, latest_postures(self.store).get(lab))
        return (row.label, row.status) if row else None


def data_changed(view: SubjectView, subject_id: str) -> tuple[str, str]:
    """(date, how it is known) of when a subject's data last changed: the last commit that added, changed or
    removed one of its events when the history from git is known, else the latest date its facts and sources carry."""
    history = view.history
    if history is not None and history.available:
        # An event moved to another file is the same fact: that commit did not change the subject's data.
        dates = [c.commit.date for e in view.store.of_subject(subject_id) for c in history.events.get(e.id, [])
                 if c.change.change != "moved" or c.change.fields]
        if dates:
            return _day(date.fromisoformat(max(dates))), "last commit to its events"
    latest = last_dated(view.store, subject_id)
    return (_day(latest), "latest dated fact or source") if latest else ("", "no dated facts yet")


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def series_table(view: SubjectView, base: str) -> str:
    """One row per subject: its page, lab posture, latest events and when its data last changed."""
    store = view.store
    rows = []
    for subject in store.subjects.values():
        own = [e for e in view.events.get(subject.id, [])]
        latest = own[::-1][:LATEST]
        changed, how = data_changed(view, subject.id)
        rows.append({"subject": subject, "href": base + links.subject_page(subject.id), "posture": view.posture(subject.id),
                     "latest": [(e, base + links.event_page(e)) for e in latest], "count": len(own),
                     "changed": changed, "changed_how": how})
    return render("subjects.html.j2", rows=rows)


def subject_download_rows(view: SubjectView | None) -> list[dict[str, Any]]:
    """One row per subject for the downloads page: its page, its CSV files with their row counts, its figures."""
    if view is None:
        return []
    store = view.store
    return [{"name": s.name, "page": links.subject_page(s.id), "events": len(view.events.get(s.id, [])),
             "events_csv": links.subject_download(s.id), "measurements": len(store.measurements_of(s.id)),
             "measurements_csv": links.subject_download(s.id, "measurements.csv"), "figures": view.figures(s.id)}
            for s in store.subjects.values()]


def add_subject_pages(pages: Pages, store: Store, outputs: dict[str, FigureOutput], *, content_dir: Path,
                      figure_html: Callable[[FigureOutput, str], str], history: History | None = None,
                      share_image: Callable[[str], str | None] = lambda fig_id: None) -> SubjectView:
    """A generated page for each subject without a hand-written one, and the series page; `share_image` gives a
    figure's link-preview image, which each page takes from the first figure it shows."""
    view = SubjectView.build(store, outputs, history)

    def preview(figs: list[FigureOutput]) -> tuple[str | None, str | None]:
        image = share_image(figs[0].id) if figs else None
        return image, figs[0].description if image else None

    for subject in store.subjects.values():
        if not hand_written(content_dir, subject.id):
            pages.add(subject_path(subject.id), subject.name, _subject_renderer(view, subject.id, figure_html, None),
                      description=share_text.subject(store, subject.id), image=preview(view.figures(subject.id))[0],
                      image_alt=preview(view.figures(subject.id))[1])
    pages.add(SERIES_PAGE, SERIES_TITLE, lambda base: _series_page(view, base, figure_html),
              description=share_text.clip(f"{len(store.subjects)} subjects side by side: each one's posture, latest events "
                                          "and when its data last changed, and the figures drawn across all of them."),
              image=preview(view.figures(None))[0], image_alt=preview(view.figures(None))[1])
    return view


def subject_extras(view: SubjectView, subject_id: str, placed: set[str], figure_html: Callable[[FigureOutput, str], str],
                   *, measurements_placed: bool = False) -> Callable[[str], str]:
    """What a hand-written subject page left out (figures it did not place, its measurements, timeline, people, downloads)."""
    return _subject_renderer(view, subject_id, figure_html, placed, measurements_placed)


def _subject_renderer(view: SubjectView, subject_id: str, figure_html: Callable[[FigureOutput, str], str],
                      placed: set[str] | None, measurements_placed: bool = False) -> Callable[[str], str]:
    def render_page(base: str) -> str:
        store = view.store
        subject = store.subjects[subject_id]
        figs = [f for f in view.figures(subject_id) if placed is None or f.id not in placed]
        people, units = view.people_and_units(subject_id)
        events = view.events.get(subject_id, [])
        by_year: dict[int, list[Event]] = defaultdict(list)
        for event in events:
            by_year[event.date.start.year].append(event)
        lab = subject.lab
        changed, how = data_changed(view, subject_id)
        return render("subject.html.j2", subject=subject, hand=placed is not None, base=base,
                      lab=(store.name_of(lab), base + links.unit_page(lab)) if lab and lab in store.units else None,
                      posture=view.posture(subject_id), changed=changed, changed_how=how,
                      figures=[(f, Markup(figure_html(f, base))) for f in figs],
                      measurements=Markup("") if measurements_placed else subject_measurements(store, subject_id),
                      years=[(year, event_list(store, by_year[year], base, view.notes) if view.notes else event_list(store, by_year[year], base)) for year in sorted(by_year)], count=len(events),
                      people=[(store.name_of(p), base + links.person_page(p)) for p in people if p in store.people],
                      units=[(store.name_of(u), base + links.unit_page(u), _unit_note(store, u, subject_id)) for u in units],
                      csv=base + links.subject_download(subject_id),
                      measurements_csv=base + links.subject_download(subject_id, "measurements.csv") if store.measurements_of(subject_id) else "",
                      figure_data=[(f.spec.title, base + f"embed/{f.id}/data.csv") for f in view.figures(subject_id)])
    return render_page


def _unit_note(store: Store, unit_id: str, subject_id: str) -> str:
    other = subject_of_unit(store, unit_id)
    if other and other != subject_id:
        return f"{store.units[unit_id].kind}, {store.subject_name(other)}"
    return str(store.units[unit_id].kind)


def _series_page(view: SubjectView, base: str, figure_html: Callable[[FigureOutput, str], str]) -> str:
    figs = [(f, Markup(figure_html(f, base))) for f in view.figures(None)]
    return render("series.html.j2", table=Markup(series_table(view, base)), figures=figs, count=len(view.store.subjects))
