"""The build stage without a browser: descriptions, citations, downloads, atomic and deterministic builds."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.measure_edit import misspell_status
from generators.cli import main
from generators.errors import BuildError
from generators.model.store import Store
from generators.plugin.publish import build_site
from generators.render import images
from generators.render.describe import describe
from generators.render.downloads import data_version, neutralise, to_csv
from generators.render.embed_kit import SiteInfo, citation, snippet
from generators.render.figure_assets import FigureCache, build_outputs
from generators.render.images import ImageJob

ROOT = Path(__file__).resolve().parents[2]


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(skip)}


def test_descriptions_come_from_the_data(store: Store) -> None:
    text = describe(store, store.figures["qwen-f1"])
    assert text.startswith("Seven releases from Nov 2023 to 30 Mar 2026; four Apache 2.0, two API only, one Paper only")
    assert "Licence not sourced for StepFun" in describe(store, store.figures["qwen-f2"])


def test_citation_names_figure_site_version_and_date(store: Store) -> None:
    fig = build_outputs(store)["qwen-f1"]
    site = SiteInfo("Lab Timelines", "https://example.org/", data_version(store), "2026-11-22")
    cite = citation(fig, site)
    plain, bibtex = cite["plain"], cite["bibtex"]
    assert plain.startswith(f"Lab Timelines (2026) “{fig.spec.title}”")
    assert site.version in plain and "https://example.org/figures/qwen-f1/" in plain and "Accessed: November 22, 2026" in plain
    assert bibtex.startswith("@misc{qwen-f1,")
    # Title casing protected by an inner pair of braces; the site is one organisation, not a first and last name.
    assert f'title = "{{{fig.spec.title}}}"' in bibtex and 'author = "{Lab Timelines}"' in bibtex
    for field in ('url = "https://example.org/figures/qwen-f1/"', f'version = "{site.version}"', 'urldate = "2026-11-22"', 'year = "2026"'):
        assert field in bibtex
    csl = json.loads(cite["csl"])[0]
    assert csl["title"] == fig.spec.title and csl["author"] == [{"literal": "Lab Timelines"}] and csl["version"] == site.version
    assert csl["URL"] == "https://example.org/figures/qwen-f1/" and csl["accessed"] == {"date-parts": [[2026, 11, 22]]}
    code = snippet(fig, site)
    # The host script checks where each height comes from and never sends anything to just any origin.
    assert 'data-labfig="qwen-f1"' in code and "e.origin" in code and '"*"' not in code and "min-width" not in code


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    from generators.render.citations import Citable, bibtex

    entry = bibtex(Citable("x", "x", "100% R&D {of} Qwen_2 #1", "https://e.org/x/", "A & B", "v1", "data version v1",
                           "2026-01-02", "2026-01-03"))
    assert r'title = "{100\% R\&D (of) Qwen\_2 \#1}"' in entry and r'author = "{A \& B}"' in entry
    assert entry.count("{") == entry.count("}")


def test_downloadable_images_carry_title_description_address_licence_and_version() -> None:
    import struct

    from generators.render.image_meta import ImageFacts, label_png, label_svg

    facts = ImageFacts("A <title>", "Caption & alt.", "Lab Timelines", "https://e.org/figures/x/", "CC BY 4.0", "2026-11-22", "abc")
    svg = label_svg(b'<svg xmlns="http://www.w3.org/2000/svg" width="10"><rect/></svg>', facts).decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="10" role="img" aria-labelledby="labfig-title labfig-desc">'
                          '<title id="labfig-title">A &lt;title&gt;</title><desc id="labfig-desc">Caption &amp; alt.')
    assert "https://e.org/figures/x/ · CC BY 4.0 · data as of 2026-11-22, version abc." in svg
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", b"\0" * 13) + _png_chunk(b"IEND", b"")
    labelled, chunks, at = label_png(png, facts), {}, 8
    while at < len(labelled):
        size = struct.unpack(">I", labelled[at:at + 4])[0]
        kind, body = labelled[at + 4:at + 8], labelled[at + 8:at + 8 + size]
        assert struct.unpack(">I", labelled[at + 8 + size:at + 12 + size])[0] == zlib.crc32(kind + body), "bad chunk CRC"
        if kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            chunks[key.decode()] = rest[4:].decode()
        at += 12 + size
    assert chunks["Title"] == "A <title>" and chunks["Source"] == "https://e.org/figures/x/"
    assert chunks["Copyright"] == "Lab Timelines, CC BY 4.0" and chunks["Comment"] == "Data version abc"


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    import struct

    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_data_version_changes_when_the_data_changes(store: Store) -> None:
    event = next(iter(store.events.values()))
    changed = Store(**{**store.__dict__, "events": {**store.events, event.id: event.model_copy(update={"title": "Other"})}})
    assert data_version(changed) != data_version(store)
    assert data_version(Store(**store.__dict__)) == data_version(store)


def _retitled(store: Store, event_id: str, title: str) -> Store:
    events = {**store.events, event_id: store.events[event_id].model_copy(update={"title": title})}
    return Store(**{**store.__dict__, "events": events})


def test_an_edit_redraws_only_the_figures_that_show_the_event(store: Store, tmp_path: Path) -> None:
    cache = FigureCache(tmp_path / "figures")  # as a fresh process: an empty memory over the disk cache below
    first = build_outputs(store, cache)
    again = build_outputs(store, cache)
    assert not any(fig.built for fig in again.values()), "an unchanged store should come wholly from the cache"
    # An org event only the stacked timelines (F7) draw; a release the audio family's figures draw.
    org = build_outputs(_retitled(store, "lin-junyang-steps-down", "Lin Junyang steps down (edited)"), cache)
    assert [fig.id for fig in org.values() if fig.built] == ["qwen-f7"]
    release = build_outputs(_retitled(store, "qwen-audio", "Qwen-Audio (edited)"), cache)
    assert sorted(fig.id for fig in release.values() if fig.built) == ["qwen-f1", "qwen-f4", "qwen-f5"]
    assert first.keys() == org.keys() == release.keys()


def test_the_posture_matrix_cites_only_the_sources_of_the_postures(store: Store) -> None:
    posture_sources = {store.sources[s].outlet for p in store.postures for s in p.sources}
    line = build_outputs(store, FigureCache(None))["qwen-f2"].sources
    assert set(line.removeprefix("Sources: ").split("; ")) == posture_sources


def test_csv_cells_never_start_a_formula() -> None:
    import pandas as pd
    assert [neutralise(v) for v in ["=1+1", "+x", "-2", "@SUM(A1)", "ok", 3]] == ["'=1+1", "'+x", "'-2", "'@SUM(A1)", "ok", 3]
    assert to_csv(pd.DataFrame({"title": ["=HYPERLINK(\"http://x\")"]})).decode().splitlines()[1].startswith("\"'=HYPERLINK")


def test_missing_browser_is_explained_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "find_browser", lambda configured=None: None)
    with pytest.raises(BuildError, match="apt-get install -y chromium"):
        images.render([ImageJob({"data": [], "layout": {}}, "svg", 100, 100)], cache=tmp_path)


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "generators").symlink_to(ROOT / "generators")
    for name in ("mkdocs.yml", "content", "data", "node_modules"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, symlinks=True)
        elif source.exists():
            project.mkdir(exist_ok=True)
            shutil.copy(source, project / name)
    return project


def _build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generators", "build", "--no-images", *extra], cwd=project,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    assert _build(project).returncode == 0
    before = tree_digest(project / "site")
    misspell_status(project / "data/events.yaml")
    result = _build(project)
    assert result.returncode == 1
    assert "status: unknown status 'confimred'; did you mean 'confirmed'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "no staging directory left behind"


def test_killed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    assert _build(project).returncode == 0
    before = tree_digest(project / "site")
    proc = subprocess.Popen([sys.executable, "-m", "generators", "build", "--no-images"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(project.glob(".site.labfig-*/new/*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # wait until MkDocs has started writing the staging directory
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tree_digest(project / "site") == before


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    assert _build(project, "--out", "one").returncode == 0
    assert _build(project, "--out", "two").returncode == 0
    # sitemap.xml.gz carries gzip's own timestamp: the one format here that requires one.
    one, two = tree_digest(project / "one", (".gz",)), tree_digest(project / "two", (".gz",))
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_cli_build_reports_a_missing_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    from generators.plugin import publish

    def no_browser(*args: object, **kwargs: object) -> None:
        raise BuildError(images.CHROMIUM_HINT)

    monkeypatch.setattr(publish, "build_site", no_browser)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "static images need Debian's Chromium" in result.output and "Traceback" not in result.output
    assert build_site is not None
