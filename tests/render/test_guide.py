"""The contributing guide's "add a subject" steps, followed as written: its YAML blocks added to a copy of the
minimal store give a subject that validates strictly and gets its page, nav entry, series row and downloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generators.load import load_store
from generators.render.site import fill_slots, generate
from generators.render.subjects import nav_section

GUIDE = Path("content/contributing.md")
MINIMAL = Path("tests/data/valid/minimal.yaml")


def guide_blocks() -> list[dict[str, Any]]:
    """The YAML blocks of the guide's "add a subject" section, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Worked example 4: add a subject"):]
    section = section[: section.index("\n## ", 1)]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    return [yaml.load(re.sub(r"^    ", "", b, flags=re.M), Loader=yaml.BaseLoader) for b in blocks]


def test_following_the_guide_adds_a_subject_by_data_alone(tmp_path: Path) -> None:
    blocks = guide_blocks()
    assert [list(b) for b in blocks] == [["units"], ["subjects"], ["sources", "people"], ["events"], ["figures"]]
    events: dict[str, Any] = yaml.load(MINIMAL.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    own: dict[str, Any] = {}
    figures: dict[str, Any] = {}
    # As the guide says: registries in the entry file, the events in the subject's own file, figures in theirs.
    for block in blocks:
        target = figures if "figures" in block else own if list(block) == ["events"] else events
        for section, entries in block.items():
            target.setdefault(section, []).extend(entries)
    (tmp_path / "events").mkdir()
    for path, data in ((tmp_path / "events.yaml", events), (tmp_path / "events/nova.yaml", own), (tmp_path / "figures.yaml", figures)):
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    store, warnings = load_store(tmp_path / "events.yaml", tmp_path / "figures.yaml", strict=True)
    assert warnings == []

    (tmp_path / "content").mkdir()
    gen = generate(store, site_name="Lab Timelines", site_url="https://example.org/", date="2026-12-01", images=False,
                   content_dir=tmp_path / "content")
    assert {"Nova Lab": "nova.md"} in nav_section(store)
    page = fill_slots(gen.pages.markdown["nova.md"], "nova/", gen)
    assert re.findall(r'<figure class="labfig" id="fig-([^"]+)"', page) == ["nova-f1", "nova-f8"]
    assert "Nova has shipped one model so far." in page
    home = fill_slots('<div class="labfig-slot" data-slot="subjects:"></div>', "", gen)
    assert '<tr data-subject="nova">' in home and 'href="nova/"' in home
    assert b"nova-1" in gen.files["downloads/nova/events.csv"]
    moves = gen.outputs["nova-f8"].description
    assert "Ada Example from Demo Co to Nova Co" in moves, "the move from the other subject's lab is drawn"
