"""Shared fixtures: the real store, golden-file comparison (`--update-goldens`), and a scratch project."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Figures built in tests are checked against Plotly's schema (builds skip it for speed; see
# generators/figures/canvas.py). Set before anything imports the builders, and for subprocesses too.
os.environ["LABFIG_VALIDATE_FIGURES"] = "1"

from generators.figures import canvas  # noqa: E402
from generators.load import load_store  # noqa: E402
from generators.model.store import Store  # noqa: E402

# ... and in this process, for every figure a test builds (generators/figures/canvas.py: `checked`).
canvas.checked(True).__enter__()
ROOT = Path(__file__).resolve().parent.parent
GOLDENS = Path(__file__).resolve().parent / "goldens"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture(scope="session")
def store() -> Store:
    """The real data set, validated strictly."""
    loaded, _ = load_store(ROOT / "data/events.yaml", ROOT / "data/figures.yaml", strict=True)
    return loaded


def figure_json(fig: Any) -> dict[str, Any]:
    """A figure's JSON without the template, keys sorted, as goldens store it."""
    data = json.loads(fig.to_json())
    data.get("layout", {}).pop("template", None)
    return data  # type: ignore[no-any-return]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, Any], None]:
    """Compare JSON-able data with tests/goldens/NAME.json; rewrite it under --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, data: Any) -> None:
        path = GOLDENS / f"{name}.json"
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden {path.name} did not exist; written now, review it and run again")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{path.name} differs from the golden; if the change is intended run pytest --update-goldens and review the diff"

    return check


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A scratch git repository whose data has a scripted history (see tests/history/scripted.py)."""
    from tests.history.scripted import script_history

    return script_history(tmp_path_factory.mktemp("history") / "repo")
