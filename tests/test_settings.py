"""The settings object: the environment and options in, one frozen Settings out; bad values are usage errors."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from generators.settings import Limits, Settings, SettingsError
from tests.conftest import ROOT


def test_the_defaults_are_the_documented_limits() -> None:
    limits = Settings.from_environment({}).limits
    assert (limits.max_bytes, limits.max_values, limits.max_files) == (2 * 1024 * 1024, 200_000, 1000)
    assert (limits.max_total_bytes, limits.max_total_values) == (16 * 1024 * 1024, 1_600_000)
    assert Settings.from_environment({}) == Settings()


def test_every_variable_lands_in_its_setting() -> None:
    env = {"LABFIG_MAX_BYTES": "600", "LABFIG_MAX_VALUES": "70", "LABFIG_MAX_FILES": "3", "LABFIG_MAX_TOTAL_BYTES": "900",
           "LABFIG_MAX_TOTAL_VALUES": "80", "LABFIG_VALIDATE_FIGURES": "1", "LABFIG_IMAGES": "0",
           "SOURCE_DATE_EPOCH": "1767225600", "BROWSER_PATH": "/usr/bin/chromium"}
    assert Settings.from_environment(env) == Settings(Limits(600, 70, 3, 900, 80), validate_figures=True, images=False,
                                                      source_date_epoch=1767225600, browser="/usr/bin/chromium")
    # The totals follow the per-file limits unless set themselves.
    assert Settings.from_environment({"LABFIG_MAX_BYTES": "600"}).limits.max_total_bytes == 4800


def test_options_win_over_the_environment_and_the_result_is_frozen() -> None:
    chosen = Settings.from_environment({"LABFIG_IMAGES": "1"}, images=False)
    assert chosen.images is False
    assert Settings.from_environment({"LABFIG_IMAGES": "1"}, images=None).images is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        chosen.images = True  # type: ignore[misc]


@pytest.mark.parametrize(("name", "value", "message"), [
    ("LABFIG_MAX_BYTES", "2MB", "LABFIG_MAX_BYTES='2MB' is not a whole number"),
    ("SOURCE_DATE_EPOCH", "-5", "SOURCE_DATE_EPOCH='-5' must not be negative"),
])
def test_a_bad_value_names_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_environment({name: value})
    assert str(caught.value) == message


def test_the_cli_reports_a_bad_setting_as_a_usage_error_without_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "generators", "validate"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LABFIG_MAX_VALUES": "lots"})
    assert (done.returncode, done.stderr) == (2, "error: LABFIG_MAX_VALUES='lots' is not a whole number\n")


def test_the_limits_come_from_the_command_not_from_import() -> None:
    """A limit set in the environment after the modules were imported still holds: nothing is read at import."""
    script = ("import os; import generators.load, generators.yamlread, generators.cli\n"
              "os.environ['LABFIG_MAX_BYTES'] = '600'\n"
              "generators.cli.run(['validate'])\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 1 and "the limit for one file is 0 MiB (600 bytes)" in done.stderr
