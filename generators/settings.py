"""The run's settings: command-line options and the environment in, one frozen `Settings` out.

This is the only module that reads `os.environ`, and it reads it only when `from_environment` is
called (by the CLI for each command, or by the MkDocs plugin when MkDocs runs without our CLI);
nothing is read at import. Everything else receives the values it needs as arguments.

| variable | setting |
|---|---|
| LABFIG_MAX_BYTES, LABFIG_MAX_VALUES | `limits.max_bytes`, `limits.max_values`: one data file |
| LABFIG_MAX_TOTAL_BYTES, LABFIG_MAX_TOTAL_VALUES | `limits.max_total_bytes`, `limits.max_total_values`: all files of a load |
| LABFIG_MAX_FILES | `limits.max_files`: per-subject files in data/events/ |
| LABFIG_VALIDATE_FIGURES | `validate_figures`: schema-check every Plotly property as it is set (the tests turn it on) |
| LABFIG_IMAGES | `images`: render static images (default: for a build, not under serve) |
| SOURCE_DATE_EPOCH | `source_date_epoch`: the date citations carry, for reproducible builds |
| BROWSER_PATH | `browser`: the Chromium kaleido drives (default: `chromium` on PATH) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# data/events.yaml is about 37 KiB holding 2,000 values: these limits leave room to grow fifty-fold
# and keep the worst input to a few seconds and a few hundred MB (tests/model/test_bounds.py).
MAX_BYTES = 2 * 1024 * 1024
MAX_VALUES = 200_000
# A series of subjects needs tens of files; a folder of thousands is a mistake or an attack.
MAX_FILES = 1000
_FALSE = ("0", "false", "no", "")


class SettingsError(ValueError):
    """A setting in the environment that cannot be used: names the variable and what it holds."""


@dataclass(frozen=True)
class Limits:
    """How much one load may read: per file, per folder of subject files, and for all files together.

    The totals default to eight times the per-file limits.
    """

    max_bytes: int = MAX_BYTES
    max_values: int = MAX_VALUES
    max_files: int = MAX_FILES
    max_total_bytes: int = 0
    max_total_values: int = 0

    def __post_init__(self) -> None:
        if not self.max_total_bytes:
            object.__setattr__(self, "max_total_bytes", 8 * self.max_bytes)
        if not self.max_total_values:
            object.__setattr__(self, "max_total_values", 8 * self.max_values)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Settings:
    """Everything a command may be told from outside: limits, checks, images, the build date, the browser."""

    limits: Limits = field(default_factory=Limits)
    validate_figures: bool = False
    images: bool | None = None  # None: images for a build, none under serve
    source_date_epoch: int | None = None
    browser: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None, **options: Any) -> Settings:
        """Settings from `environ` (default: the process environment); `options` (from the command line) win."""
        env = os.environ if environ is None else environ
        limits = Limits(max_bytes=_int(env, "LABFIG_MAX_BYTES", MAX_BYTES), max_values=_int(env, "LABFIG_MAX_VALUES", MAX_VALUES),
                        max_files=_int(env, "LABFIG_MAX_FILES", MAX_FILES),
                        max_total_bytes=_int(env, "LABFIG_MAX_TOTAL_BYTES", 0), max_total_values=_int(env, "LABFIG_MAX_TOTAL_VALUES", 0))
        images = env.get("LABFIG_IMAGES")
        epoch = env.get("SOURCE_DATE_EPOCH")
        settings = cls(limits=limits, validate_figures=env.get("LABFIG_VALIDATE_FIGURES", "") not in ("", "0"),
                       images=None if images is None else images not in _FALSE,
                       source_date_epoch=_int(env, "SOURCE_DATE_EPOCH", 0) if epoch else None,
                       browser=env.get("BROWSER_PATH") or None)
        return replace(settings, **{key: value for key, value in options.items() if value is not None})


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise SettingsError(f"{name}={raw!r} must not be negative")
    return value
