"""What readers see of the history, on the scripted repository: the changes page, the Atom feed, event notes and figure versions."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generators.history.timeline import read_history
from generators.load import load_store
from generators.render.embed_kit import citation
from generators.render.site import Generated, generate
from tests.history.scripted import Scripted
from tests.render.atom_schema import atom_errors

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
SITE = "https://example.org/labs/"


@pytest.fixture(scope="module")
def gen(scripted: Scripted) -> Generated:
    store, _ = load_store(scripted.root / "data/events.yaml", scripted.root / "data/figures.yaml")
    history = read_history(scripted.root, store, today="2026-04-01", cache=None)
    # No kept version files: every version is drawn here (the test of that cache brings its own folder).
    return generate(store, site_name="Demo Timelines", site_url=SITE, date="2026-03-20", images=False, history=history,
                    version_cache=None)


def _site_bytes(gen: Generated, path: str) -> bytes:
    """A site file's bytes, whether the build made them or links them from the kept version files."""
    return gen.files[path] if path in gen.files else gen.linked[path].read_bytes()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_changes_page_lists_recent_changes_first_grouped_by_date(gen: Generated) -> None:
    html = gen.pages.slots["page:changes.md"]("../")
    dates = re.findall(r'<h2 id="d-([\d-]+)">', html)
    assert dates == ["2026-03-20", "2026-03-01", "2026-02-15", "2026-02-01", "2026-01-10", "2026-01-05"]
    text = _text(html)
    assert "Demo-2 is called Demo-2 Pro" in text
    assert "changed Demo-2 Pro (model, 20 Nov 2025) title : Demo-2 → Demo-2 Pro" in text
    assert "changed Demo-2 (model, 20 Nov 2025) date : 2025-11 → 2025-11-20" in text
    assert "removed Bob joins (org, Feb 2026)" in text
    # Links go to the event's page and to each redrawn figure's history; a removed event has no page.
    assert '<a href="../models/demo-2/">Demo-2 Pro (model, 20 Nov 2025)</a>' in html
    assert '<a href="../figures/releases-f1/#history">Demo releases</a> (version 3)' in html
    assert "added Bob joins (org, Feb 2026)" in text and "ev-bob-joins" not in html


def test_atom_feed_is_valid_and_lists_new_events_and_corrections(gen: Generated) -> None:
    assert atom_errors(gen.files["changes.xml"]) == []
    feed = ElementTree.fromstring(gen.files["changes.xml"])
    _assert_atom(feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][:3] == [
        "Demo-2: the press reported October", "Remove Bob: the report was retracted", "Demo-2 is called Demo-2 Pro"]
    assert feed.findtext(f"{ATOM}updated") == "2026-03-20T10:00:00+00:00"
    correction = entries[3]
    assert correction.findtext(f"{ATOM}summary") == "1 event changed"
    content = correction.findtext(f"{ATOM}content") or ""
    assert "<del>2025-11</del> → <ins>2025-11-20</ins>" in content
    assert f'href="{SITE}models/demo-2/"' in content


def test_the_atom_grammar_refuses_what_the_spec_forbids(gen: Generated) -> None:
    """The validator is the spec's: a feed without its updated date, with a date that is not RFC 3339,
    with a second title or a link without its address is refused."""
    feed = gen.files["changes.xml"].decode()
    updated = re.search(r"\n  <updated>[^<]*</updated>", feed)
    assert updated
    broken = {"no updated date": feed.replace(updated.group(0), "", 1),
              "a date in words": feed.replace(updated.group(0), "\n  <updated>20 March 2026</updated>", 1),
              "two titles": feed.replace("<title>", "<title>Again</title><title>", 1),
              "a link without href": re.sub(r'<link href="[^"]*"', "<link", feed, count=1)}
    for what, text in broken.items():
        assert text != feed, what
        assert atom_errors(text.encode()), what


def _assert_atom(feed: ElementTree.Element) -> None:
    """The rules of RFC 4287 that its grammar leaves to Schematron or to prose (sections 3, 4.1 and 4.2.7)."""
    assert feed.tag == f"{ATOM}feed"
    for parent in [feed, *feed.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(parent.findall(f"{ATOM}{name}")) == 1, f"exactly one atom:{name} in {parent.tag}"
        assert RFC3339.match(parent.findtext(f"{ATOM}updated") or ""), "dates are RFC 3339"
        assert re.match(r"^https?://", parent.findtext(f"{ATOM}id") or ""), "ids are absolute IRIs"
        alternates = [(link.get("type"), link.get("hreflang")) for link in parent.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == len(set(alternates)), "at most one alternate link per type and language"
        assert all(link.get("href") for link in parent.findall(f"{ATOM}link"))
    entries = feed.findall(f"{ATOM}entry")
    assert feed.findall(f"{ATOM}author") or all(e.findall(f"{ATOM}author") for e in entries), "authors named"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries), "entry ids unique"
    for entry in entries:
        assert entry.find(f"{ATOM}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
        published = entry.findtext(f"{ATOM}published")
        assert published is None or RFC3339.match(published)
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [SITE + "changes.xml"]


def test_event_pages_say_when_the_event_was_added_and_changed(gen: Generated) -> None:
    page = gen.pages.slots["page:models/demo-2.md"]("../../")
    text = _text(page)
    assert "Added on 5 Jan 2026" in text and "Last changed on 20 Mar 2026" in text
    assert "3 changes since it was added" in text
    assert "1 Feb 2026 (changed): date : 2025-11 → 2025-11-20 “Correct the date of Demo-2 to the announcement day”" in text
    explorer = _text(gen.pages.slots["page:explorer.md"]("../"))
    assert "Added on 5 Jan 2026, last changed on 20 Mar 2026" in explorer
    assert "Added on 5 Jan 2026 3 changes" not in explorer
    demo1 = _text(gen.pages.slots["page:models/demo-1.md"]("../../"))
    assert "Added on 5 Jan 2026" in demo1 and "Last changed" not in demo1


def test_figures_say_when_they_were_last_updated_and_which_version(gen: Generated) -> None:
    page = gen.pages.slots["page:figures/releases-f1.md"]("../../")
    text = _text(page)
    assert "Last updated 20 Mar 2026 · version 4 · data version" in text
    assert re.findall(r'<li id="v(\d)">', page) == ["4", "3", "2", "1"]
    assert '<a href="../../embed/releases-f1/v/2/">embed page</a>' in page
    assert "Last updated 10 Jan 2026" not in text, "Bob's move did not change the release timeline"
    assert "Last updated 20 Mar 2026 · version 6" in _text(gen.pages.slots["page:figures/all-f7.md"]("../../"))
    embed = gen.files["embed/all-f7/index.html"].decode()
    assert "Last updated 20 Mar 2026 · version 6" in _text(embed) and 'target="_blank"' in embed


def test_the_citation_names_the_version_and_its_permanent_address(gen: Generated) -> None:
    cite = citation(gen.outputs["releases-f1"], gen.site)
    plain, bibtex = cite["plain"], cite["bibtex"]
    assert plain.startswith("Demo Timelines (2026) “Demo releases”. Demo Timelines. Figure releases-f1, version 4, data version ")
    assert "Available at: https://example.org/labs/embed/releases-f1/v/4/ (Accessed: " in plain
    assert 'url = "https://example.org/labs/embed/releases-f1/v/4/"' in bibtex and 'note = "Version 4, data version' in bibtex
    assert bibtex.startswith("@misc{releases-f1-v4,") and 'version = "4"' in bibtex and 'month = "3"' in bibtex


def test_without_history_the_pages_say_so(scripted: Scripted, tmp_path: Path) -> None:
    store, _ = load_store(scripted.root / "data/events.yaml", scripted.root / "data/figures.yaml")
    history = read_history(tmp_path, store, today="2026-04-01", cache=None)
    gen = generate(store, site_name="Demo", site_url=SITE, date="2026-04-01", images=False, history=history)
    assert "History unavailable" in gen.pages.slots["page:changes.md"]("../")
    assert "History unavailable · data version" in _text(gen.pages.slots["page:figures/all-f7.md"]("../../"))
    assert atom_errors(gen.files["changes.xml"]) == []
    _assert_atom(ElementTree.fromstring(gen.files["changes.xml"]))


def test_every_version_has_a_permanent_address_rebuilt_from_its_commit(gen: Generated) -> None:
    for number in (1, 2, 3, 4):
        prefix = f"embed/releases-f1/v/{number}/"
        assert {prefix + name for name in ("index.html", "figure.json", "desktop.json", "phone.json", "data.csv")} <= gen.files.keys()
    csv = {n: gen.files[f"embed/releases-f1/v/{n}/data.csv"].decode() for n in (1, 2, 3, 4)}
    assert "2025-11," in csv[1] and "Demo-2," in csv[1] and "Demo-2 Pro" not in csv[1]
    assert "2025-11-20" in csv[2] and "Demo-2 Pro" not in csv[2]
    assert "Demo-2 Pro" in csv[3] and csv[4] == gen.files["embed/releases-f1/data.csv"].decode()
    assert gen.files["embed/releases-f1/v/4/figure.json"] == gen.files["embed/releases-f1/figure.json"]
    assert gen.files["embed/releases-f1/v/1/figure.json"] != gen.files["embed/releases-f1/figure.json"]
    assert "embed/releases-f1/v/5/index.html" not in gen.files


def test_an_older_version_says_a_newer_one_exists_and_links_to_it(gen: Generated) -> None:
    old = gen.files["embed/releases-f1/v/2/index.html"].decode()
    assert ('<p class="labfig-newer" role="note">This is version 2 of this figure, as of 1 Feb 2026. A newer version exists: '
            '<a href="../../../../embed/releases-f1/" target="_blank" rel="noopener">version 4, last updated 20 Mar 2026</a>.</p>') in old
    assert "As of 1 Feb 2026 · version 2" in _text(old)
    assert 'data-src-desktop="../../../../embed/releases-f1/v/2/desktop.json"' in old
    assert 'href="../../../../assets/labfig.css"' in old
    latest = gen.files["embed/releases-f1/v/4/index.html"].decode()
    assert "newer version" not in latest and "Last updated 20 Mar 2026 · version 4" in _text(latest)
    assert "newer version" not in gen.files["embed/releases-f1/index.html"].decode()


def test_png_and_svg_carry_the_version_line(gen: Generated) -> None:
    from generators.render.figure_assets import export_jobs

    for output, expected in ((gen.outputs["releases-f1"], "Last updated 20 Mar 2026 · version 4 · data version "),
                             (next(v for v in gen.versions if v.id == "releases-f1" and v.history.number == 2),
                              "As of 1 Feb 2026 · version 2 · data version ")):
        jobs = export_jobs(output, "Demo Timelines", SITE)
        assert set(jobs) == {"figure.png", "figure.svg", "share.png"}
        footer = " ".join(a["text"] for a in jobs["figure.svg"].figure["layout"]["annotations"]).replace("<br>", " ")
        assert expected in footer and "history: https://example.org/labs/figures/releases-f1/#history" in footer


def test_a_fresh_clone_rebuilds_every_version_from_git(gen: Generated, tmp_path: Path) -> None:
    from generators.render import version_files
    from generators.render.figure_assets import FigureCache

    fresh = version_files.version_outputs(gen.outputs, gen.history, cache=tmp_path / "versions", figures=FigureCache(tmp_path / "figures"))
    older = [v for v in fresh if not v.history.is_latest]
    assert older and all(v.built for v in older), "nothing came from a cache"
    # As a later build in a new process: a fresh memory, the disk caches only.
    again = version_files.version_outputs(gen.outputs, gen.history, cache=tmp_path / "versions", figures=FigureCache(tmp_path / "figures"))
    assert not any(v.built for v in again), "the second build reads every version from the cache"
    assert [v.frame.to_dict() for v in again] == [v.frame.to_dict() for v in fresh]
    assert {(v.id, v.history.number) for v in fresh} == {(v.id, v.history.number) for v in gen.versions}


def test_a_later_build_copies_every_version_from_the_cache(gen: Generated, tmp_path: Path) -> None:
    from generators.render.version_files import version_plans

    def build(date: str) -> Generated:
        return generate(gen.store, site_name="Demo Timelines", site_url=SITE, date=date, images=False, history=gen.history,
                        version_cache=tmp_path / "kept")

    plans = version_plans(gen.outputs, gen.history)
    first = build("2026-03-20")
    assert first.versions_kept == 0 and len(first.versions) == len(plans) > 8
    versioned = {path: blob for path, blob in first.files.items() if "/v/" in path}
    assert versioned == {path: blob for path, blob in gen.files.items() if "/v/" in path}, "kept files are what a build draws"
    again = build("2026-03-20")
    assert again.versions == [] and again.versions_kept == len(plans), "nothing drawn again"
    assert {path: _site_bytes(again, path) for path in versioned} == versioned
    # A build on a later day keeps every version's drawing; only the citations' access date moves.
    later = build("2026-03-21")
    assert later.versions == []
    bib = later.files["embed/releases-f1/v/2/citation.bib"].decode()
    assert "urldate = \"2026-03-21\"" in bib and "Version 2, data version" in bib
    assert _site_bytes(later, "embed/releases-f1/v/2/index.html") == versioned["embed/releases-f1/v/2/index.html"]


def test_a_figure_taken_off_the_site_keeps_its_versions(scripted: Scripted, tmp_path: Path) -> None:
    from tests.history.scripted import git

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    figures = clone / "data/figures.yaml"
    figures.write_text(figures.read_text().split("  - id: all-f7\n")[0])
    git(clone, "commit", "-q", "-am", "Drop the stacked timelines", date="2026-03-30T10:00:00+00:00")
    store, _ = load_store(clone / "data/events.yaml", figures)
    history = read_history(clone, store, today="2026-04-01", cache=None)
    gen = generate(store, site_name="Demo", site_url=SITE, date="2026-03-30", images=False, history=history)
    assert "figures/all-f7.md" not in gen.pages.markdown
    assert all(f"embed/all-f7/v/{n}/index.html" in gen.files for n in range(1, 7))
    live = _text(gen.files["embed/all-f7/index.html"].decode())
    assert "This figure is no longer on the site; this is version 6 of it, as of 20 Mar 2026." in live
    assert "removed figure Everything at Demo Lab" in _text(gen.pages.slots["page:changes.md"]("../"))


def test_text_from_the_data_and_commit_messages_is_escaped_everywhere(scripted: Scripted, tmp_path: Path) -> None:
    from tests.history.scripted import edit, git

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    edit(clone, "    title: Demo-1\n", '    title: "Demo-1 <script>alert(1)</script>"\n')
    git(clone, "commit", "-q", "-am", "<img src=x onerror=alert(2)> & more", date="2026-03-30T10:00:00+00:00")
    store, _ = load_store(clone / "data/events.yaml", clone / "data/figures.yaml")
    history = read_history(clone, store, today="2026-04-01", cache=None)
    gen = generate(store, site_name="Demo", site_url=SITE, date="2026-03-30", images=False, history=history)
    for html in (gen.pages.slots["page:changes.md"]("../"), gen.pages.slots["page:models/demo-1.md"]("../../"),
                 gen.pages.slots["page:explorer.md"]("../"), gen.pages.slots["page:figures/releases-f1.md"]("../../")):
        assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; more" in gen.pages.slots["page:changes.md"]("../")
    assert atom_errors(gen.files["changes.xml"]) == []
    feed = ElementTree.fromstring(gen.files["changes.xml"])
    first = feed.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}title") == "<img src=x onerror=alert(2)> & more", "a text construct, shown as text"
    content = first.findtext(f"{ATOM}content") or ""
    assert "<script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_every_version_says_what_changed_on_the_figure_page_and_its_own_page(gen: Generated) -> None:
    history = _text(gen.pages.slots["page:figures/releases-f1.md"]("../../").split('<h2 id="history">')[1].split("<h2")[0])
    assert ("Version 2 · 1 Feb 2026 What changed: Demo-2 (model, 20 Nov 2025): date changed Committed as "
            "“Correct the date of Demo-2 to the announcement day”") in history
    assert "Version 1 · 5 Jan 2026 First version" in history
    for figure_id, versions in gen.history.versions.items() if gen.history else ():
        items = re.findall(r'<li id="v(\d+)">(.*?)</li>', gen.pages.slots[f"page:figures/{figure_id}.md"]("../../"))
        assert len(items) == len(versions)
        for number, item in items:
            assert 'class="labfig-version-why"' in item, f"{figure_id} version {number} says what changed"
        for version in versions[1:]:
            page = _text(gen.files[f"embed/{figure_id}/v/{version.number}/index.html"].decode())
            assert f"What changed in version {version.number}: {version.reasons[0]}" in page
