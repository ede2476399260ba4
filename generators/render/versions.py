"""Figure versions for readers: a figure's versions in; its "Last updated" line, version addresses and history list out.

Every published version of a figure lives at `embed/ID/v/N/` for good; `embed/ID/` always shows the
latest. `stamp` is the one place that words the version line, on pages, embeds and images alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generators.history.timeline import FigureVersion
from generators.render.history_html import day


def version_path(figure_id: str, number: int) -> str:
    """The permanent address of one version, relative to the site root."""
    return f"embed/{figure_id}/v/{number}/"


@dataclass(frozen=True)
class FigureHistory:
    """The versions of one figure and which of them an output shows; `reason` says why there are none."""

    figure_id: str
    versions: tuple[FigureVersion, ...] = ()
    number: int = 0  # the version shown; 0 when the history is unavailable
    reason: str = ""
    data_version: str = ""  # the site's data version, shown when there is no history
    pinned: bool = False  # shown at its permanent address `embed/ID/v/N/` rather than the live `embed/ID/`
    removed: bool = False  # no longer in data/figures.yaml: its versions stay, its page is gone

    @property
    def shown(self) -> FigureVersion | None:
        return self.versions[self.number - 1] if self.number else None

    @property
    def latest(self) -> FigureVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def is_latest(self) -> bool:
        return self.shown is None or self.shown is self.latest

    @property
    def path(self) -> str:
        """Where this output's files live: `embed/ID/` for the live figure, `embed/ID/v/N/` at a version's address."""
        return version_path(self.figure_id, self.number) if self.pinned else f"embed/{self.figure_id}/"

    def at(self, number: int) -> FigureHistory:
        """The same figure shown at version `number`'s permanent address."""
        return FigureHistory(self.figure_id, self.versions, number, self.reason, self.data_version, True, self.removed)

    def words(self) -> tuple[str, str, str]:
        """(when, which version, which data): the parts of the version line as plain text."""
        version = self.shown
        if version is None:
            return "History unavailable", "", f"data version {self.data_version}"
        when = f"Last updated {day(version.date)}" if self.is_latest else f"As of {day(version.date)}"
        return when, f"version {version.number}", f"data version {version.data_version}"

    def stamp(self, site_url: str) -> str:
        """The version line as plain text with the history's full address, for PNG/SVG images and citations."""
        when, which, data = self.words()
        where = f"{site_url.rstrip('/')}/figures/{self.figure_id}/#history"
        return " · ".join(part for part in (when, which, data, f"history: {where}") if part)

    def line(self, base: str, *, new_tab: bool = False) -> Markup:
        """The version line as HTML for a page or an embed: when, which version and data, and a link to the history."""
        when, which, data = self.words()
        target = Markup(' target="_blank" rel="noopener"') if new_tab else Markup("")
        parts = [escape(p) for p in (when, which, data) if p]
        history = f"{base}changes/" if self.removed else f"{base}figures/{self.figure_id}/#history"
        parts.append(Markup('<a href="{}"{}>history</a>').format(history, target))
        return Markup('<p class="labfig-version">{}</p>').format(Markup(" · ").join(parts))

    def why(self) -> Markup:
        """At a version's permanent address, what changed in that version (its reasons, as of its commit); else nothing."""
        version = self.shown
        if not self.pinned or version is None or not version.reasons:
            return Markup("")
        return Markup('<p class="labfig-version-why">What changed in version {}: {}.</p>').format(
            version.number, "; ".join(version.reasons))

    def newer(self, base: str, *, new_tab: bool = False) -> Markup:
        """For an older version, a notice that a newer one exists, linking to the live figure; else nothing."""
        latest = self.latest
        if self.removed and self.shown is not None:
            return Markup('<p class="labfig-newer" role="note">This figure is no longer on the site; this is version {} of it, '
                          'as of {}.</p>').format(self.number, day(self.shown.date))
        if self.is_latest or latest is None:
            return Markup("")
        target = Markup(' target="_blank" rel="noopener"') if new_tab else Markup("")
        return Markup('<p class="labfig-newer" role="note">This is version {} of this figure, as of {}. A newer version exists: '
                      '<a href="{}embed/{}/"{}>version {}, last updated {}</a>.</p>').format(
            self.number, day(self.shown.date if self.shown else ""), base, self.figure_id, target, latest.number, day(latest.date))


def figure_histories(figure_ids: list[str], versions: dict[str, list[FigureVersion]] | None, reason: str,
                     data_version: str) -> dict[str, FigureHistory]:
    """Each figure's history, showing its latest version."""
    out = {}
    for figure_id in figure_ids:
        found = tuple((versions or {}).get(figure_id, ()))
        out[figure_id] = FigureHistory(figure_id, found, len(found), reason, data_version)
    return out
