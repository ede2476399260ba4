"""The worst inputs a pull request can send finish in bounded time and memory, with an error that names the limit.

Each input is made here (too big to commit) and loaded in a child process, which reports its own time
and peak memory (C allocations included) and cannot take the test run down if it crashes. Time is the
child's CPU time, so a machine busy with other work does not fail the test; the limits are generous because
what matters is that each call returns, with the right message (speed itself is measured in `bench/`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generators.errors import MAX_REPORTED
from generators.yamlread import MAX_BYTES, MAX_DEPTH, MAX_NODES

MINIMAL = Path("tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
SECONDS = 10.0
MEGABYTES = 300
CHILD = """
import json, resource, sys, time
from pathlib import Path
from generators.errors import DataErrors
from generators.load import load_store
path = Path(sys.argv[1])
start = time.process_time()
try:
    load_store(path, None, strict=True)
    lines = []
except DataErrors as exc:
    lines = [line.removeprefix(f"{path}:") for line in exc.report().splitlines()]
seconds = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": rss, "errors": lines}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    errors: list[str]


def run(tmp_path: Path, text: str | bytes) -> Run:
    """Load `text` as the events file in a child process: its time, peak resident memory and error lines."""
    path = tmp_path / "events.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"validation crashed (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return Run(**json.loads(done.stdout))


def within_bounds(result: Run) -> None:
    assert result.seconds < SECONDS, f"took {result.seconds:.1f} s"
    assert result.peak_mb < MEGABYTES, f"peaked at {result.peak_mb:.0f} MB"
    assert all(len(line) < 400 for line in result.errors), "an error line echoes too much of the input"


def under_limit(parts: list[str], unit: str, count: int) -> str:
    """`parts` joined, plus as many copies of `unit` (formatted with its index) as fit under MAX_BYTES and `count`."""
    text, size = list(parts), sum(len(p.encode()) for p in parts)
    for i in range(count):
        piece = unit.format(i=i, j=i + 1)
        if size + len(piece.encode()) >= MAX_BYTES:
            break
        text.append(piece)
        size += len(piece.encode())
    return "".join(text)


def test_billion_laughs_is_refused_at_each_alias(tmp_path: Path) -> None:
    lines = ["subjects:", "  - id: demo", "    name: &l0 lol"]
    lines += [f"    lab{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 30) + "]" for i in range(1, 30)]
    result = run(tmp_path, "\n".join(lines) + "\n")
    within_bounds(result)
    assert result.errors[0] == "4:16: the alias *l0 is not allowed; write the value out in full"
    assert len(result.errors) == MAX_REPORTED
    assert result.errors[-1] == "10:111: 671 more aliases from here on; write the values out in full"


@pytest.mark.parametrize("depth", [10_000, 500_000])
def test_deep_flow_nesting_is_refused_at_the_limit(tmp_path: Path, depth: int) -> None:
    # libyaml's C composer recurses once per level: without the event scan, this crashed the process.
    result = run(tmp_path, "subjects: " + "[" * depth + "]" * depth + "\n")
    within_bounds(result)
    assert result.errors == [f"1:{11 + MAX_DEPTH - 1}: nesting deeper than {MAX_DEPTH} levels is not allowed"]


def test_deep_block_nesting_is_refused_at_the_limit(tmp_path: Path) -> None:
    text = "subjects:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)) + " " * 1000 + "v\n"
    result = run(tmp_path, text)
    within_bounds(result)
    assert result.errors == [f"{MAX_DEPTH + 1}:{MAX_DEPTH + 1}: nesting deeper than {MAX_DEPTH} levels is not allowed"]


def test_file_just_under_the_size_limit_with_many_events_loads(tmp_path: Path) -> None:
    # Each release descends from the next one down the file: a chain thousands long, walked without recursion.
    event = """  - id: gen-{i}
    subject: demo
    axis: model
    date: 2025-03-14
    title: Generated release number {i}
    status: reported
    sources: [press]
    summary: A generated event that exists only to make this file large, with a summary long enough
      that the file reaches its size limit before it reaches its limit on the number of values.
    release:
      family: demo
      generation: "{i}"
      tier: base
      licence: apache-2.0
      descends_from:
        - release: gen-{j}
          kind: successor
"""
    text = under_limit([MINIMAL], event, 100_000)
    last = text.count("  - id: gen-") - 1
    text = text.replace(f"        - release: gen-{last + 1}\n", "        - release: demo-1\n")
    assert len(text.encode()) > MAX_BYTES - 1000
    result = run(tmp_path, text)
    within_bounds(result)
    assert result.errors == []


def test_too_many_values_are_refused_before_composing(tmp_path: Path) -> None:
    text = under_limit(["subjects: ["], "{i},", MAX_NODES + 100) + "x]\n"
    result = run(tmp_path, text)
    within_bounds(result)
    assert len(result.errors) == 1
    assert result.errors[0].endswith(f": the file holds more than {MAX_NODES:,} values; the limit for one file is {MAX_NODES:,}"
                                    " (set LABFIG_MAX_VALUES to raise it for a deliberately larger store)")


def test_very_long_title_and_line(tmp_path: Path) -> None:
    long = "x" * (MAX_BYTES - len(MINIMAL) - 100)
    result = run(tmp_path, MINIMAL.replace("    title: Demo-1\n", f"    title: {long}\n"))
    within_bounds(result)
    assert result.errors == ["37:12: events[0].title: string should have at most 200 characters"]
    result = run(tmp_path, MINIMAL.replace("    status: reported\n", f"    status: {long}\n", 1))
    within_bounds(result)
    assert result.errors == [f"53:13: events[1].status: unknown status '{'x' * 60}…' (one of: confirmed, reported, pending, source-needed)"]


def test_many_broken_records_stop_at_the_report_limit(tmp_path: Path) -> None:
    # The unknown section is named like a Store method: giving up must not trip over it.
    result = run(tmp_path, under_limit(["releases:\n  - id: x\nevents:\n"], "  - {{k{i}: v}}\n", MAX_NODES // 3 - 10))
    within_bounds(result)
    assert len(result.errors) == MAX_REPORTED
    assert result.errors[0].startswith("1:1: releases: unknown section 'releases'")
    assert result.errors[-1] == f"33:5: events[29]: stopped checking after {MAX_REPORTED - 1} errors; fix these and run again"


def test_many_unknown_references_against_a_large_registry(tmp_path: Path) -> None:
    # Thousands of did-you-mean look-ups over thousands of ids took minutes before the hint budget.
    sources = "".join(f"  - {{id: src-{i:05d}, outlet: o, title: t}}\n" for i in range(3000))
    head = MINIMAL.replace("sources:\n", "sources:\n" + sources)
    unit = "  - {{id: e{i}, subject: demo, axis: org, date: 2025, title: t, status: reported, sources: [srx-{i:05d}, sry-{i:05d}]}}\n"
    result = run(tmp_path, under_limit([head], unit, (MAX_NODES - 20_000) // 18))
    within_bounds(result)
    assert result.errors[0].endswith("events[3].sources[0]: unknown source 'srx-00000'; did you mean 'src-00000'?")
    assert result.errors[-1].startswith("... and ")


def test_long_lineage_cycle_is_reported_in_one_short_line(tmp_path: Path) -> None:
    unit = ("  - {{id: c{i}, subject: demo, axis: model, date: 2025, title: t, status: reported, sources: [press], "
            "release: {{family: f, generation: '1', tier: base, licence: apache-2.0, descends_from: [{{release: c{j}, kind: successor}}]}}}}\n")
    text = under_limit([MINIMAL], unit, 3000)
    text += unit.format(i=3000, j=0).replace("c3001", "c0")
    result = run(tmp_path, text)
    within_bounds(result)
    assert result.errors == ["3078:189: events[3003].release.descends_from: lineage cycle: "
                             "c0 -> c1 -> c2 -> c3 -> c4 -> ... 2992 more ... -> c2997 -> c2998 -> c2999 -> c3000 -> c0"]
