"""Our overrides of Material's templates stay copies of Material's own, changed only where we mean to."""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"


def test_search_partial_is_materials_own_with_a_dialog_name() -> None:
    ours = (ROOT / "generators" / "theme" / "partials" / "search.html").read_text()
    theirs = (MATERIAL / "partials" / "search.html").read_text()
    named = ' role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert named in ours
    assert ours.replace(named, ' role="dialog">') == theirs, "Material's search partial changed: copy it again and re-add the name"


def test_main_override_extends_materials_base_in_its_extrahead_block() -> None:
    ours = (ROOT / "generators" / "theme" / "main.html").read_text()
    assert '{% extends "base.html" %}' in ours and "{% block extrahead %}" in ours
    assert "{% block extrahead %}{% endblock %}" in (MATERIAL / "base.html").read_text()
