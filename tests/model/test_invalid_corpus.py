"""Every file in tests/data/invalid/ fails validation with exactly the error lines in its .err file.

Files named `figures-*.yaml` are figure specs, checked against the minimal valid event store (those
named `figures-series-*.yaml` against its two-subject series); the rest are event stores. Inputs too big to commit are made here, in a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generators.errors import DataErrors
from generators.load import load_store
from generators.yamlread import MAX_BYTES, parse_yaml

CASES = sorted(Path("tests/data/invalid").glob("*.yaml"))
MINIMAL = Path("tests/data/valid/minimal.yaml")
SERIES = Path("tests/data/valid/series.yaml")


def _load(case: Path) -> None:
    if case.name.startswith("figures-series-"):
        load_store(SERIES, case, strict=True)
    elif case.name.startswith("figures-"):
        load_store(MINIMAL, case, strict=True)
    else:
        load_store(case, None, strict=True)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_reports_exact_errors(case: Path) -> None:
    expected = case.with_suffix(".err").read_text(encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        _load(case)
    assert caught.value.report() + "\n" == expected


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 40
    assert not [c for c in CASES if not c.with_suffix(".err").exists()], "every case needs its .err"


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "events.yaml"
    big.write_bytes(b"#" * MAX_BYTES + b"\n")
    with pytest.raises(DataErrors) as caught:
        load_store(big, None)
    assert caught.value.report() == (f"{big}:1:1: file is 2,097,153 bytes; the limit for one file is 2 MiB (2,097,152 bytes)"
                                     " (set LABFIG_MAX_BYTES to raise it for a deliberately larger store)")


def test_bytes_over_the_size_limit_are_refused() -> None:
    with pytest.raises(DataErrors) as caught:
        parse_yaml(b"#" * (MAX_BYTES + 10), "data/events.yaml")
    assert caught.value.report() == ("data/events.yaml:1:1: file is 2,097,162 bytes; the limit for one file is 2 MiB (2,097,152 bytes)"
                                     " (set LABFIG_MAX_BYTES to raise it for a deliberately larger store)")


def test_symlinked_data_file_is_refused(tmp_path: Path) -> None:
    # A pull request can commit a symlink to a secret on the build machine; its lines would be echoed in errors.
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: do-not-print\n", encoding="utf-8")
    link = tmp_path / "events.yaml"
    link.symlink_to(secret)
    with pytest.raises(DataErrors) as caught:
        load_store(link, None)
    assert caught.value.report() == f"{link}:1:1: is a symbolic link; a data file must be a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "events.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataErrors) as caught:
        load_store(fifo, None)
    assert caught.value.report() == f"{fifo}:1:1: is not a regular file"
