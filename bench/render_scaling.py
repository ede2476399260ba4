"""The results page's sections on figures at real size: results.json's `figures_scaling` and `layout_shift` in,
target rows and Markdown lines out (bench/render_page.py places them)."""

from __future__ import annotations

from typing import Any

KIND_LETTER = {"release-timeline": "a", "lineage": "b", "stacked-timelines": "c", "bifurcation": "d"}


def scaling_targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Per kind: the 5,000-release figure's worst plan width and its growth against the 50-release figure."""
    s = r.get("figures_scaling", {})
    rows: list[dict[str, Any]] = []
    if "kinds" not in s:
        if s:
            rows.append(_target("10", "Figures at 5,000 releases", "error: " + str(s.get("error")), "", None, None))
        return rows
    first, last = str(s["sizes"][0]), str(s["sizes"][-1])
    for kind, k in s["kinds"].items():
        big = k["sizes"][last]
        rows.append(_target(
            f"10{KIND_LETTER.get(kind, '')}", f"{kind} at {int(last):,} releases vs {int(first):,}",
            f"×{k['vs_first'][last]:.1f} the time (exponent {k['exponent']:.2f}); {big['worst_cpu_s']:.2f} s CPU at its slowest width",
            f"≤ ×{k['allowed_vs_first']:.0f} and < {s['budget']['largest_s_per_width']:.0f} s",
            k["vs_first"][last] / k["allowed_vs_first"], k["met"], short=f"×{k['vs_first'][last]:.1f}, {big['worst_cpu_s']:.2f} s"))
    shift = r.get("layout_shift", {})
    if "worst_px" in shift:
        rows.append(_target("11", "Layout shift when a figure turns interactive", f"{shift['worst_px']:.1f} px at worst over "
                             f"{shift['pairs']} figure/width pairs", "≤ 2 px", None, shift["worst_px"] <= 2,
                             short=f"{shift['worst_px']:.1f} px"))
    return rows


def _target(id: str, name: str, measured: str, budget: str, share: float | None, met: bool | None, short: str | None = None) -> dict[str, Any]:
    status = "not established" if met is None else "met" if met else "missed"
    return {"id": id, "name": name, "measured": measured, "short": short or measured, "budget": budget,
            "share_of_budget": None if share is None else round(share, 3), "status": status, "note": None}


def scaling_section(r: dict[str, Any]) -> list[str]:
    s = r.get("figures_scaling", {})
    if "kinds" not in s:
        return ["", "## 10. Figures at real size", "", f"Not measured: {s.get('error', 'no run yet')}"] if s else []
    sizes = [str(x) for x in s["sizes"]]
    head = " | ".join(f"{int(x):,} releases" for x in sizes)
    out = ["", "## 10. Figures at real size", "",
           f"`python -m bench.measure_figures`: one figure of each kind from the dense stores of `bench/dense.py` "
           f"({', '.join(f'{int(x):,}' for x in sizes)} releases in the main family, a side family of a fifth as many, same-week "
           "clusters, long names, two dozen licences, descent across families), built at each of the "
           f"{len(s['widths'])} plan widths ({', '.join(map(str, s['widths']))} px), alternated size by size, "
           f"{s['repetitions']} runs each; medians of CPU time (this machine is shared: wall time counts the other processes). "
           "The stacked timelines are drawn without their window, so that they show every release too. The growth is the mean "
           "over the widths against the 50-release figure of the same run; the budget is 13× per tenfold step and under "
           f"{s['budget']['largest_s_per_width']:.0f} s for the largest figure at any width."
           + (f" This section was measured on its own on {s['measured']} (load average {s['load']}), after the rest of the page." if s.get("measured") else ""), "",
           f"| Kind | Drawn | {head} | ×{sizes[0]} | Exponent | Result |", "|---|---|" + "---|" * len(sizes) + "---|---|---|"]
    for kind, k in s["kinds"].items():
        drawn = " / ".join(str(k["sizes"][x]["drawn"]) for x in sizes)
        cells = " | ".join(f"{k['sizes'][x]['mean_cpu_s'] * 1000:,.0f} ms (worst {k['sizes'][x]['worst_cpu_s'] * 1000:,.0f})" for x in sizes)
        growth = " / ".join(f"×{k['vs_first'][x]:.1f}" for x in sizes[1:])
        out.append(f"| {kind} | {drawn} | {cells} | {growth} | {k['exponent']:.2f} | {'met' if k['met'] else 'missed'} |")
    out += ["", "Memory of one build at the widest plan (tracemalloc's peak) and the figure's JSON:", "",
            f"| Kind | {head} |", "|---|" + "---|" * len(sizes)]
    for kind, k in s["kinds"].items():
        out.append(f"| {kind} | " + " | ".join(f"{k['sizes'][x]['peak_mb']:.1f} MB, {k['sizes'][x]['json_kb']:,.0f} KB JSON" for x in sizes) + " |")
    lineage = s["kinds"].get("lineage", {}).get("sizes", {})
    if all("height_px" in lineage.get(x, {}) for x in sizes):
        widths = list(lineage[sizes[0]]["height_px"])
        out += ["", "Height of the lineage at each plan (px; its bound is 1,800 px at the 1,000 px plan, 2.75 px more for "
                "every px narrower, 3,670 px at 320; past it the least prominent releases fold into counts):", "",
                "| Releases | " + " | ".join(f"{w} px" for w in widths) + " |", "|---|" + "---|" * len(widths)]
        out += [f"| {int(x):,} | " + " | ".join(f"{lineage[x]['height_px'][w]:,}" for w in widths) + " |" for x in sizes]
    big = [k["sizes"][sizes[-1]] for k in s["kinds"].values()]
    slowest = max(big, key=lambda x: x["worst_wall_s"])
    out += ["", f"The measuring process peaked at {s['peak_rss_mb']:,.0f} MB RSS (all three stores loaded). Wall time, which "
            f"counts every other process of the machine, reached {slowest['worst_wall_s']:.1f} s for the slowest "
            f"{int(sizes[-1]):,}-release figure in this run; results.json keeps the wall time of every build."]
    return out + _shift_section(r)


def _shift_section(r: dict[str, Any]) -> list[str]:
    shift = r.get("layout_shift", {})
    if "worst_px" not in shift:
        return ["", "## 11. Layout shift after interaction", "", f"Not measured: {shift.get('error')}"] if shift else []
    widths = shift["widths"]
    span = (f"{widths[0]} to {widths[1]} px every {widths[2]} px" if len(widths) == 3 and widths[2] < widths[1] - widths[0]
            else ", ".join(map(str, widths)) + " px")
    done = shift.get("widths_done", [])
    every = (widths[1] - widths[0]) // max(1, widths[2]) + 1 if len(widths) == 3 else len(widths)
    out = ["", "## 11. Layout shift after interaction", "",
           "`python -m bench.measure_shift`: the site built with images (the Qwen page and a generated page of a "
           "300-release dense subject), each page and each figure's embed opened in headless Chromium; the height of "
           "every figure's stage is read with its static image shown, each figure is hovered, focused or tapped (the three "
           "rotate over figures and widths), and read again once its live plot has replaced the image. Page widths: "
           f"{span}"
           + ((": the Qwen page, the dense page and each embed at each" if "workers" in shift else
               ": the Qwen page at each, the dense page and each embed at every fourth") if len(done) >= every else
              f"; {len(done)} widths measured in full within the time budget ({', '.join(map(str, done))} px)") + "."
           + (f" Measured on its own on {shift['measured']} in {shift.get('seconds', 0):.0f} s"
              + (f" ({shift['cpu_s']:.0f} s of CPU, {shift['workers']} pages at once" + (f", load average {shift['load']:.1f}" if "load" in shift else "")
                 + ")" if "cpu_s" in shift else "")
              + ", on a site " + ("built then." if shift.get("site", "built then") == "built then" else "built with images beforehand (--site).")
              if shift.get("measured") else ""), "",
           f"Worst change: **{shift['worst_px']:.1f} px**, median {shift.get('median_px', 0):.1f} px, over {shift['pairs']} "
           f"figure/width pairs ({shift['over_2px']} over 2 px; plan changed in {shift['plan_changed']}); target 0."]
    if shift.get("by_place"):
        out += ["", "| Where | Pairs | Worst | Median |", "|---|---|---|---|"]
        out += [f"| {name} | {s['pairs']} | {s['worst_px']:.1f} px | {s['median_px']:.1f} px |"
                for group in ("by_place", "by_touch") for name, s in shift[group].items()]
    by_width = shift.get("by_width", {})
    if by_width:
        moved = {w: px for w, px in by_width.items() if px}
        out += ["", f"Worst change per width: 0.0 px at each of the {len(by_width)} widths." if not moved else
                "Worst change per width: " + "; ".join(f"{w} px: {px:.1f} px" for w, px in moved.items())
                + f"; 0.0 px at the other {len(by_width) - len(moved)}."]
    if shift.get("failed"):
        out += ["", f"Not interactive in time: {len(shift['failed'])} pairs ("
                + "; ".join(f"{f['where']} {f['figure']} at {f['width']} px" for f in shift["failed"][:5]) + ")."]
    if shift.get("worst"):
        out += ["", "Largest changes: " + "; ".join(f"{w['where']} {w['figure']} at {w['width']} px ({w.get('touch', 'hover')}): "
                                                 f"{w['delta']:+.1f} px" for w in shift["worst"]) + "."]
    return out
