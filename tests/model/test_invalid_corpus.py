"""Every file in tests/data/invalid/ fails validation with exactly the error lines in its .err file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.errors import DataErrors
from generators.load import load_store

CASES = sorted(Path("tests/data/invalid").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_reports_exact_errors(case: Path) -> None:
    expected = case.with_suffix(".err").read_text(encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_store(case, None, strict=True)
    assert caught.value.report() + "\n" == expected


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 20
