"""The reader's size limits, raised for the 17,000-event store the way the project provides for it.

The reader refuses a file over LABFIG_MAX_BYTES bytes or with more than LABFIG_MAX_VALUES values
(2 MiB and 200,000 unless the environment says otherwise; generators/settings.py). The synthetic
17,000-event store is larger than both, so every process that loads it runs with `LARGE` in its
environment, and code that loads it in this process passes `large_settings()`; `check` records what
`python -m generators validate` says with the defaults and with `LARGE`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from bench.common import PYTHON, ROOT, build_env
from generators.settings import Limits, Settings

LARGE = {"LABFIG_MAX_BYTES": str(64 * 1024 * 1024), "LABFIG_MAX_VALUES": str(5_000_000)}


def large_env(**extra: str) -> dict[str, str]:
    return build_env(**LARGE, **extra)


def large_settings() -> Settings:
    """The settings of this process's environment with the limits raised to `LARGE`."""
    import os

    return Settings.from_environment({**os.environ, **LARGE})


def large_limits() -> Limits:
    return large_settings().limits


def project_limits() -> dict[str, Any]:
    """The limits with the environment the benchmark was started in (the project's defaults unless it set them)."""
    limits = Settings.from_environment().limits
    return {"MAX_BYTES": limits.max_bytes, "MAX_NODES": limits.max_values}


def _validate(events: Path, figures: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([PYTHON, "-m", "generators", "validate", "--events", str(events), "--figures", str(figures)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    lines = [line.replace(f"{events.parent}/", "DIR/") for line in (out.stdout + out.stderr).strip().splitlines()]
    return {"passes": out.returncode == 0, "returncode": out.returncode, "first_lines": lines[:2], "last_line": lines[-1] if lines else ""}


def check(events: Path, figures: Path) -> dict[str, Any]:
    """`python -m generators validate` on a store: with the default limits, and (when those refuse it) with `LARGE`."""
    env = {k: v for k, v in build_env().items() if k not in LARGE}
    result = {"default_limits": _validate(events, figures, env)}
    if not result["default_limits"]["passes"]:
        result["raised_limits"] = _validate(events, figures, large_env())
    return result
