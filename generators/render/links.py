"""Addresses inside the site: an entity or event in, its page path (relative to the site root) out."""

from __future__ import annotations

from generators.model.events import Event


def release_page(event_id: str) -> str:
    return f"models/{event_id}/"


def person_page(person_id: str) -> str:
    return f"people/{person_id}/"


def unit_page(unit_id: str) -> str:
    return f"units/{unit_id}/"


def subject_page(subject_id: str) -> str:
    return f"{subject_id}/"


def subject_download(subject_id: str, name: str = "events.csv") -> str:
    """One subject's events (or, with `name` measurements.csv, its measurements) as CSV."""
    return f"downloads/{subject_id}/{name}"


def figure_page(figure_id: str) -> str:
    return f"figures/{figure_id}/"


def event_page(event: Event) -> str:
    """Where an event is best read: its release page, the person who moved, the unit that changed."""
    if event.release:
        return release_page(event.id)
    if event.move:
        return person_page(event.move.person) + f"#ev-{event.id}"
    if event.change:
        return unit_page(event.change.unit) + f"#ev-{event.id}"
    return f"explorer/#ev-{event.id}"


def base_for(page_url: str) -> str:
    """Relative prefix from a page (MkDocs directory URL like `models/x/`) back to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
