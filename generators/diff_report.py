"""The diff as people read it: a StoreDiff in, plain text, a Markdown pull-request comment, or before/after images out.

Also the `diff` command's body: read the store at a revision, compare it with the working tree,
print the report, and render touched figures when asked.
"""

from __future__ import annotations

import html
from pathlib import Path

import click

from generators.diff import SINGULAR, RecordChange, RevisionError, StoreDiff, compare, store_at
from generators.inert import markdown_code, visible
from generators.load import load_store
from generators.model.store import Store
from generators.settings import Settings
from generators.worddiff import excerpt, is_long

MAX_VALUE = 100
SYMBOL = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}


def diff_command(rev: str, events_path: Path, figures_path: Path, fmt: str, images_dir: Path | None,
                 settings: Settings | None = None) -> None:
    """Compare the data at `rev` with the working tree and print the report; bad revisions are usage errors.

    `settings` give the limits both stores are read within and the browser that draws the images."""
    settings = settings if settings is not None else Settings()
    if images_dir is not None:
        from generators.outputs import Project, diff_images_target

        images_dir = diff_images_target(images_dir, Project.around(data_files=(events_path, figures_path)))
    try:
        before = store_at(rev, events_path, figures_path, settings.limits)
    except RevisionError as exc:
        raise click.BadParameter(str(exc), param_hint="'REV'") from None
    after, _ = load_store(events_path, figures_path, limits=settings.limits)
    diff = compare(before, after)
    click.echo(markdown(diff, rev) if fmt == "markdown" else text(diff, rev), nl=False)
    if images_dir is not None and diff.touched:
        from generators.errors import BuildError

        try:
            written = write_images(before, after, diff, rev, images_dir, settings.browser)
        except BuildError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"wrote {len(written)} images and {images_dir / 'index.html'}", err=True)


def summary(diff: StoreDiff) -> str:
    """`2 events changed, 1 added; 1 licence changed; 1 figure touched`."""
    parts = []
    for name, changes in (("event", diff.events), ("record", diff.registries), ("figure spec", diff.figures)):
        counts = [(kind, sum(c.change == kind for c in changes)) for kind in ("changed", "added", "removed", "moved")]
        words = [f"{n} {kind}" for kind, n in counts if n]
        if words:
            total = len(changes)
            parts.append(f"{total} {name}{'s' if total != 1 else ''} ({', '.join(words)})")
    touched = len(diff.touched)
    parts.append(f"{touched} figure{'s' if touched != 1 else ''} touched")
    return "; ".join(parts)


def text(diff: StoreDiff, rev: str) -> str:
    """The report for a terminal: one block per kind of record, then the figures touched and why."""
    if diff.empty:
        return f"Nothing changed in the data between {visible(rev)} and the working tree.\n"
    lines = [f"Data changes from {visible(rev)} to the working tree: {summary(diff)}."]
    for title, changes in (("Events", diff.events), ("Registries", diff.registries), ("Figure specs", diff.figures)):
        if changes:
            lines += ["", title] + [line for c in changes for line in _text_record(c)]
    if diff.touched:
        lines += ["", "Figures touched"]
        for fig in diff.touched:
            lines.append(f"  {visible(fig.id)} ({fig.kind}): {visible(fig.title)}")
            lines += [f"      {visible(reason)}" for reason in fig.reasons]
    return "\n".join(lines) + "\n"


def _text_record(change: RecordChange) -> list[str]:
    name = visible(f"{SINGULAR[change.section]} {change.id}" if change.section != "events" else change.id)
    head = f"  {SYMBOL[change.change]} {name}" + (f": {visible(change.label)}" if change.label else "")
    if change.moved:
        head += f", moved from {visible(change.moved[0])} to {visible(change.moved[1])}"
    if change.change not in ("changed", "moved"):
        return [head]
    return [head] + [f"      {visible(f.path)}: {_text_change(f.before, f.after)}" for f in change.fields]


def _text_change(before: str | None, after: str | None) -> str:
    """`old -> new`; for long texts the changed words, `[-removed-]{+added+}`, with a few words of context."""
    if before is None or after is None or not is_long(before, after):
        return f"{_short(before)} -> {_short(after)}"
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return " ".join(marks[op].format(visible(text)) for op, text in excerpt(before, after))


def _short(value: str | None) -> str:
    """A value for one terminal line: visible (a line break as `\\n`), cut at MAX_VALUE characters."""
    return "(not set)" if value is None else visible(_cut(value))


def _cut(value: str) -> str:
    return value if len(value) <= MAX_VALUE else value[:MAX_VALUE - 1] + "…"


def markdown(diff: StoreDiff, rev: str) -> str:
    """The report as a pull-request comment: a summary line, one table per kind of record, the figures touched."""
    if diff.empty:
        return f"### Data changes since {_code(rev)}\n\nNothing changed in the data.\n"
    out = [f"### Data changes since {_code(rev)}", "", summary(diff) + "."]
    for title, changes, column in (("Events", diff.events, "event"), ("Registries", diff.registries, "record"),
                                   ("Figure specs", diff.figures, "figure")):
        if changes:
            out += ["", f"#### {title}", "", f"| | {column} | field | before | after |", "|---|---|---|---|---|"]
            out += [row for c in changes for row in _md_rows(c)]
    if diff.touched:
        out += ["", "#### Figures touched", "", "| figure | kind | why |", "|---|---|---|"]
        out += [f"| {_cell(f.id)} {_cell(f.title)} | {f.kind} | {'<br>'.join(_cell(r) for r in f.reasons)} |" for f in diff.touched]
    return "\n".join(out) + "\n"


def _md_rows(change: RecordChange) -> list[str]:
    kind = "" if change.section in ("events", "figures") else SINGULAR[change.section] + " "
    name = f"{kind}{_cell(change.id)} {_cell(change.label)}".strip()
    rows = []
    if change.moved:
        rows.append(f"| moved | {name} | file | {_cell(change.moved[0])} | {_cell(change.moved[1])} |")
    elif change.change != "changed":
        return [f"| {change.change} | {name} | | | |"]
    for i, f in enumerate(change.fields):
        first = f"| {change.change} | {name} " if i == 0 and not rows else "| | "
        before, after = _md_change(f.before, f.after)
        rows.append(f"{first}| {_cell(f.path)} | {before} | {after} |")
    return rows


def _md_change(before: str | None, after: str | None) -> tuple[str, str]:
    """The before and after cells; for long texts only the changed words and their context, struck out or inserted."""
    if before is None or after is None or not is_long(before, after):
        return _value_cell(before), _value_cell(after)
    runs = excerpt(before, after)
    old = " ".join(_cell(t) if op == "same" else f"<del>{_cell(t)}</del>" for op, t in runs if op != "added")
    new = " ".join(_cell(t) if op == "same" else f"<ins>{_cell(t)}</ins>" for op, t in runs if op != "removed")
    return old, new


def _value_cell(value: str | None) -> str:
    return "(not set)" if value is None else _cell(_cut(value))


def _cell(value: str) -> str:
    """Data inside a Markdown table cell, inert: see `generators.inert.markdown_code`."""
    return markdown_code(value)


def _code(value: str) -> str:
    """Data in a heading or line of the comment, inert, outside a table."""
    return markdown_code(value, in_table=False)


def write_images(before: Store, after: Store, diff: StoreDiff, rev: str, directory: Path, browser: str | None = None) -> list[Path]:
    """Render each touched figure before and after (one kaleido batch); write the PNGs and an index.html pairing them."""
    from generators.figures.registry import build_figure
    from generators.render.figure_assets import EXPORT_WIDTH, FigureOutput, figure_json, figure_sources, titled
    from generators.render.images import ImageJob, render

    jobs, names = [], []
    for fig in diff.touched:
        for version, store, exists, label in (("before", before, fig.before, f"before ({rev})"),
                                              ("after", after, fig.after, "after (working tree)")):
            if not exists:
                continue
            spec = store.figures[fig.id]
            variants = {"desktop": figure_json(build_figure(store, spec, EXPORT_WIDTH))}
            output = FigureOutput(spec, "", figure_sources(store, spec), variants, None)
            data, height = titled(output, label)
            jobs.append(ImageJob(data, "png", EXPORT_WIDTH, height))
            names.append(f"{fig.id}-{version}.png")
    images, _ = render(jobs, browser=browser)
    from generators.outputs import DIFF_STAMP
    from generators.render.staging import Staging, sweep

    # Written whole into a staging folder and swapped in, like the site: no stale PNG of an earlier diff stays.
    directory.parent.mkdir(parents=True, exist_ok=True)
    sweep(directory)
    with Staging(directory, DIFF_STAMP, f"Written by `python -m generators diff {rev} --images`; the next one replaces it.\n") as staging:
        for name, blob in zip(names, images, strict=True):
            (staging.new / name).write_bytes(blob)
        (staging.new / "index.html").write_text(_index_html(diff, rev, set(names)), encoding="utf-8")
        staging.publish()
    return [directory / name for name in names]


def _index_html(diff: StoreDiff, rev: str, names: set[str]) -> str:
    """A page with each touched figure's before and after side by side (Pillow is not a dependency, a browser is)."""
    esc = html.escape
    parts = [f"<!doctype html><meta charset=utf-8><title>Figures touched since {esc(rev)}</title>",
             "<style>body{font-family:sans-serif;margin:1rem}.pair{display:flex;gap:1rem}.pair figure{flex:1;margin:0}"
             "img{width:100%;border:1px solid #ccc}</style>",
             f"<h1>Figures touched since <code>{esc(rev)}</code></h1>"]
    for fig in diff.touched:
        parts.append(f"<h2><code>{esc(fig.id)}</code> {esc(fig.title)}</h2><ul>"
                     + "".join(f"<li>{esc(r)}</li>" for r in fig.reasons) + "</ul><div class=pair>")
        for version in ("before", "after"):
            name = f"{fig.id}-{version}.png"
            body = f'<img src="{esc(name)}" alt="{esc(fig.title)}, {version}">' if name in names else "<p>(no such figure)</p>"
            parts.append(f"<figure><figcaption>{version}</figcaption>{body}</figure>")
        parts.append("</div>")
    return "\n".join(parts) + "\n"
