"""Records moved to another data file, on the "What changed" page and in the feed: one entry per move, the records listed."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from generators.history.timeline import read_history
from generators.load import load_store
from generators.render.site import generate
from tests.history.scripted import Scripted, git
from tests.render.atom_schema import atom_errors

ATOM = "{http://www.w3.org/2005/Atom}"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_move_to_another_file_is_one_entry_listing_the_records(scripted: Scripted, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(scripted.root), str(clone))
    path = clone / "data/events.yaml"
    head, _, events = path.read_text().partition("events:\n")
    (clone / "data/events").mkdir()
    # Every event moves to the subject's file; one of them is retitled on the way.
    (clone / "data/events/demo.yaml").write_text("events:\n" + events.replace("    title: Demo-1\n", "    title: Demo-1 Base\n"))
    path.write_text(head)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Demo events in their own file", date="2026-03-28T10:00:00+00:00")
    store, _ = load_store(path, clone / "data/figures.yaml")
    history = read_history(clone, store, today="2026-04-01", cache=None)
    gen = generate(store, site_name="Demo", site_url="https://example.org/", date="2026-03-28", images=False,
                   history=history, version_cache=None)
    html = gen.pages.slots["page:changes.md"]("../")
    block = html.split('<h2 id="d-2026-03-28">')[1].split("<h2 ")[0]
    text = _text(block)
    assert "moved 2 events from data/events.yaml to data/events/demo.yaml The 2 records" in text
    assert text.count("moved") == 2, "the pure moves are one item; the event also edited is an item of its own"
    assert "moved Demo-1 Base (model, 14 Mar 2025) file : data/events.yaml → data/events/demo.yaml title : Demo-1 → Demo-1 Base" in text
    listed = re.search(r'<details class="labfig-moved"><summary>The 2 records</summary><ul>(.*?)</ul></details>', block)
    assert listed is not None
    assert listed.group(1) == ('<li><a href="../models/demo-2/">Demo-2 Pro (model, 20 Nov 2025)</a></li>'
                               '<li><a href="../people/ada/#ev-ada-leaves">Ada leaves (org, early Jan 2026)</a></li>')
    feed = gen.files["changes.xml"]
    assert atom_errors(feed) == []
    entry = ElementTree.fromstring(feed).findall(f"{ATOM}entry")[0]
    content = _text(entry.findtext(f"{ATOM}content") or "")
    assert "moved 2 events from data/events.yaml to data/events/demo.yaml" in content and content.count("moved") == 2
