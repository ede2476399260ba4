"""The history cache refreshes when the code behind a snapshot changes, the figure kinds included."""

from __future__ import annotations

from pathlib import Path

from generators.files import source_digest
from generators.history.snapshot import code_sources
from tests.conftest import ROOT


def test_the_snapshot_code_covers_the_figure_kinds_and_the_record_checks() -> None:
    sources = set(code_sources())
    package = ROOT / "generators"
    assert package / "figures/kinds/lineage.py" in sources
    assert package / "record_checks.py" in sources and package / "errors.py" in sources
    assert all(path.exists() for path in sources)


def test_a_digest_changes_with_any_source_in_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "kinds").mkdir()
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "kinds/b.py").write_text("B = 1\n")
    before = source_digest(tmp_path.rglob("*.py"), tmp_path)
    (tmp_path / "kinds/b.py").write_text("B = 2\n")
    assert source_digest(tmp_path.rglob("*.py"), tmp_path) != before
