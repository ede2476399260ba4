"""The readers-and-writers section of the Benchmarks page: bench/readers.json (before and after) in, Markdown out.

Before is the site as it was at the recorded commit; after is the current build, both measured by
`bench.readers` with the same clients (axe-core, Lighthouse, host pages in Chromium).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

READERS = Path(__file__).resolve().parent / "readers.json"
SEVERE = ("serious", "critical")


def _rules(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """rule -> impact, how many page views (page type x scheme) it fails, and how many elements."""
    out: dict[str, dict[str, Any]] = {}
    for views in run.get("axe", {}).values():
        for v in views:
            rule = out.setdefault(v["id"], {"impact": v["impact"], "views": 0, "nodes": 0})
            rule["views"] += 1
            rule["nodes"] += v["nodes"]
    return out


def severe_count(run: dict[str, Any]) -> int:
    return sum(1 for views in run.get("axe", {}).values() for v in views if v["impact"] in SEVERE)


def _axe_table(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    b, a = _rules(before), _rules(after)
    views = len(after.get("axe", {})) or len(before.get("axe", {}))
    out = [f"axe-core {after.get('clients', {}).get('axe-core', '?')}, every rule, on {views // 2} page types in the light and "
           f"the dark scheme ({views} page views, 1280 px wide). A cell is the number of page views that fail the rule "
           "(elements in brackets).", "",
           "| Rule | Impact | Before | After |", "|---|---|---|---|"]
    for rule in sorted(set(b) | set(a), key=lambda r: (r not in b, r)):
        info = a.get(rule) or b[rule]
        cell = lambda d: f"{d['views']} ({d['nodes']})" if d else "0"  # noqa: E731
        out.append(f"| `{rule}` | {info['impact']} | {cell(b.get(rule))} | {cell(a.get(rule))} |")
    out += ["", f"Serious or critical violations in all: **{severe_count(before)} before, {severe_count(after)} after**.", ""]
    pages = sorted({k.split("|")[0] for k in after.get("axe", {})})
    out += ["| Page type | Light: before → after | Dark: before → after |", "|---|---|---|"]
    for page in pages:
        cells = []
        for scheme in ("light", "dark"):
            count = [str(sum(1 for v in run["axe"][f"{page}|{scheme}"] if v["impact"] in SEVERE))
                     if f"{page}|{scheme}" in run.get("axe", {}) else "not measured" for run in (before, after)]
            cells.append(f"{count[0]} → {count[1]}")
        out.append(f"| {page} | {cells[0]} | {cells[1]} |")
    return out + [""]


def _lighthouse(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    b, a = before.get("lighthouse_subject_mobile", {}), after.get("lighthouse_subject_mobile", {})
    spread = lambda run: ", ".join(f"{x['scores'].get('performance')} (load {x['load']})" for x in run.get("runs", []))  # noqa: E731
    out = [f"Lighthouse {a.get('version', '?')}, mobile form factor with its default simulated throttling, on the subject page "
           "(`qwen/`) served with gzip by `bench/gzserver.py`, as a static host would; the median of "
           f"{len(a.get('runs', [])) or 1} runs by performance score. The performance score moves with the shared machine's "
           f"load (1-minute load average in brackets): before {spread(b) or 'one run'}; after {spread(a) or 'one run'}. "
           "Accessibility, best practices and SEO do not depend on it.", "",
           "| Category | Before | After |", "|---|---|---|"]
    for key in ("performance", "accessibility", "best-practices", "seo"):
        out.append(f"| {key} | {b.get('scores', {}).get(key, '–')} | {a.get('scores', {}).get(key, '–')} |")
    for key, label in (("first-contentful-paint", "First contentful paint"), ("largest-contentful-paint", "Largest contentful paint"),
                       ("total-blocking-time", "Total blocking time")):
        out.append(f"| {label} (simulated) | {b.get('metrics_ms', {}).get(key, '–')} ms | {a.get('metrics_ms', {}).get(key, '–')} ms |")
    failed = lambda run: ", ".join(f"`{x}`" for x in run.get("failed_accessibility_audits", [])) or "none"  # noqa: E731
    return out + ["", f"Failed accessibility audits: before {failed(b)}; after {failed(a)}.", ""]


def _embeds(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out = ["The embed snippet of qwen-f1, pasted into an article page on another origin (12 px page margins), in Chromium. "
           "*Fits* compares the iframe's height with its content's; *sideways* is horizontal overflow of the host page and "
           "inside the frame; *kit* counts the links a reader can use inside the frame (data, images, page, share, licence).", "",
           "| Host | Run | Iframe (w × h) | Content height | Cut off | Sideways host / frame | Kit links | Last updated line | Theme |",
           "|---|---|---|---|---|---|---|---|---|"]
    for host in after.get("embed", {}) or before.get("embed", {}):
        for label, run in (("before", before), ("after", after)):
            e = run.get("embed", {}).get(host)
            if not e:
                continue
            out.append(f"| {host} | {label} | {e['iframe_width']} × {e['iframe_height']} | {e['content_height']} | {e['cut_off_px']} px | "
                       f"{e['host_sideways_px']} / {e['frame_sideways_px']} px | {len(e['links'])}: {', '.join(e['links'])} | "
                       f"{'yes' if e['last_updated'] else 'no'} | {e['theme']} |")
    return out + [""]


def section(path: Path = READERS) -> list[str]:
    """The Markdown lines of the section, or none when no measurement was recorded."""
    if not path.exists():
        return []
    runs = json.loads(path.read_text(encoding="utf-8"))
    before, after = runs.get("before", {}), runs.get("after", {})
    if not after:
        return []
    head = ["", "## Readers and writers: accessibility, link previews, embeds", "",
            f"Measured with `python -m bench.readers` (part of `make bench`): *before* is the site built at commit "
            f"{before.get('commit') or '?'}, *after* the current build{' at ' + after['commit'] if after.get('commit') else ''}. "
            "Same clients, same machine; page types the site gained after the *before* run say *not measured* there.", ""]
    return head + ["### axe-core violations by rule", ""] + _axe_table(before, after) + \
        ["### Lighthouse, subject page, mobile", ""] + _lighthouse(before, after) + \
        ["### Embeds in host pages", ""] + _embeds(before, after)
