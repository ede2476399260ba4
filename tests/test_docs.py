"""Documentation keeps up with the code: every field, figure kind and command is documented."""

from __future__ import annotations

from pathlib import Path

from generators.cli import main
from generators.figures.registry import FIGURE_KINDS
from generators.model.store import SECTIONS
from generators.render.reference import FIGURE_RECORDS, RECORDS, reference_markdown


def test_every_model_field_is_on_the_reference_page() -> None:
    page = reference_markdown()
    for _, model in RECORDS + FIGURE_RECORDS:
        for name, info in model.model_fields.items():
            if name == "kind":
                continue
            assert f"| `{info.alias or name}` |" in page, f"{model.__name__}.{name} is missing from the reference"
            assert info.description, f"{model.__name__}.{name} has no description"


def test_every_section_and_figure_kind_is_documented() -> None:
    page = reference_markdown()
    for section in SECTIONS:
        assert f"### `{section}`" in page
    for kind in FIGURE_KINDS:
        assert f"`{kind}`" in page


def test_every_cli_command_is_in_the_readme_or_contributing_page() -> None:
    docs = Path("README.md").read_text() + Path("content/contributing.md").read_text()
    for name in main.commands:
        assert f"python -m generators {name}" in docs or f"`{name}`" in docs, f"command {name} is undocumented"
