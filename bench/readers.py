"""What readers and writers meet, measured with their own clients: a built site in, JSON of findings out.

    python -m bench.readers --site site --label after      # merges into bench/readers.json

- axe-core 4 (npm, injected with Playwright) on every page type in the light and the dark scheme:
  violations by rule, with their impact and how many elements each touches;
- Lighthouse 12 (npm, mobile form factor, its default simulated throttling) on the subject page,
  served with gzip by `bench.gzserver` as a static host would;
- the embed snippet in host pages on another origin at 296, 320 and 680 px and in a dark host:
  iframe height against its content, sideways overflow, the links inside the frame, the theme.

Measurement only: nothing here is part of the site.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.common import CHROMIUM, CHROMIUM_ARGS, ROOT
from bench.gzserver import serve

AXE = ROOT / "bench" / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = ROOT / "bench" / "readers.json"
EMBED_FIGURE = "qwen-f1"
MOVES_FIGURE = "qwen-f8"
HOSTS = [("296 px", 296, "light"), ("320 px", 320, "light"), ("680 px", 680, "light"), ("dark host, 680 px", 680, "dark")]


def page_types(site: Path) -> dict[str, str]:
    """One address per kind of page the site has (the first entity of each kind)."""
    def first(folder: str) -> str:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        return f"{folder}/{found[0]}/" if found else f"{folder}/"
    return {"home": "", "subject": "qwen/", "series home": "series/", "explorer": "explorer/", "figure gallery": "figures/",
            "figure page": f"figures/{EMBED_FIGURE}/", "people-moves figure page": f"figures/{MOVES_FIGURE}/",
            "model": first("models"), "person": first("people"), "unit": first("units"), "downloads": "downloads/",
            "what changed": "changes/", "reference": "reference/", "guide": "contributing/", "benchmarks": "benchmarks/",
            "embed": f"embed/{EMBED_FIGURE}/"}


def axe_all(browser: Any, base: str, site: Path) -> dict[str, Any]:
    """Violations per page type and scheme, each rule with its impact and element count."""
    out: dict[str, Any] = {}
    for name, path in page_types(site).items():
        for scheme in ("light", "dark"):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page = ctx.new_page()
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(400)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                               sample: v.nodes[0] ? v.nodes[0].target.join(' ') : ''}));
            }""")
            out[f"{name}|{scheme}"] = found
            ctx.close()
    return out


def lighthouse_runs(url: str, runs: int) -> dict[str, Any]:
    """The median run of `runs` Lighthouse runs (by performance score: the one that varies with the machine's
    load), with every run's scores and the load average, so a reader can judge the spread."""
    done = []
    for _ in range(runs):
        done.append({**lighthouse(url), "load": round(os.getloadavg()[0], 1)})
    done.sort(key=lambda r: r["scores"].get("performance") or 0)
    median = dict(done[len(done) // 2])
    median["runs"] = [{"scores": r["scores"], "metrics_ms": r["metrics_ms"], "load": r["load"]} for r in done]
    return median


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse mobile category scores (0-100) for one page, and the failed accessibility audits."""
    with tempfile.TemporaryDirectory(prefix="labfig-lh-") as tmp:
        report = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"]
        done = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300)
        if not report.exists():
            raise RuntimeError(f"lighthouse failed: {done.stderr[-1500:]}")
        data = json.loads(report.read_text())
    scores = {key: round(cat["score"] * 100) if cat.get("score") is not None else None for key, cat in data["categories"].items()}
    refs = data["categories"]["accessibility"]["auditRefs"]
    failed = [r["id"] for r in refs if r.get("weight") and (data["audits"][r["id"]].get("score") or 0) < 1
              and data["audits"][r["id"]].get("scoreDisplayMode") == "binary"]
    metrics = {k: round(data["audits"][k]["numericValue"]) for k in ("first-contentful-paint", "largest-contentful-paint",
                                                                      "total-blocking-time") if k in data["audits"]}
    return {"scores": scores, "failed_accessibility_audits": failed, "metrics_ms": metrics,
            "version": data.get("lighthouseVersion")}


def snippet(site: Path, site_url: str) -> str:
    page = (site / "figures" / EMBED_FIGURE / "index.html").read_text()
    box = re.search(r'<textarea[^>]*data-embed-path="[^"]*"[^>]*>(.*?)</textarea>', page, re.S)
    if not box:
        raise RuntimeError("the figure page has no embed snippet")
    return re.sub(r'src="[^"]*/embed/', f'src="{site_url}embed/', html.unescape(box.group(1)))


def embed_checks(browser: Any, site: Path, site_url: str) -> dict[str, Any]:
    """The snippet in an article at several widths and in a dark host: what a writer's reader sees."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="labfig-host-") as tmp:
        for label, width, scheme in HOSTS:
            bg = "#121212;color:#eee" if scheme == "dark" else "#fff;color:#111"
            (Path(tmp) / "index.html").write_text(
                "<!doctype html><html><head><meta charset=utf-8><meta name=viewport content='width=device-width'>"
                f"<link rel=icon href='data:,'><style>body{{margin:0;padding:0 12px;background:{bg};font:16px sans-serif}}</style>"
                f"</head><body><p>An article.</p>{snippet(site, site_url)}<p>After.</p></body></html>")
            with serve(Path(tmp)) as (host, _):
                ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = ctx.new_page()
                page.goto(host, wait_until="load")
                iframe = page.locator("iframe").first
                frame = iframe.element_handle().content_frame()
                frame.wait_for_load_state("load")
                page.wait_for_timeout(800)
                inner = frame.evaluate("""() => ({height: Math.ceil(document.documentElement.getBoundingClientRect().height),
                    sideways: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
                    theme: document.documentElement.dataset.theme,
                    links: [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length).map(a => a.textContent.trim()),
                    lastUpdated: !!document.querySelector('.labfig-version')})""")
                outer = iframe.evaluate("f => ({height: Math.round(f.getBoundingClientRect().height), width: Math.round(f.getBoundingClientRect().width)})")
                host_sideways = page.evaluate("() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
                out[label] = {"iframe_height": outer["height"], "iframe_width": outer["width"], "content_height": inner["height"],
                              "cut_off_px": max(0, inner["height"] - outer["height"]), "frame_sideways_px": inner["sideways"],
                              "host_sideways_px": host_sideways, "theme": inner["theme"], "links": inner["links"],
                              "last_updated": inner["lastUpdated"]}
                ctx.close()
    return out


def measure(site: Path, lighthouse_count: int = 3) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with serve(site) as (base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            result = {"axe": axe_all(browser, base, site), "embed": embed_checks(browser, site, base)}
        finally:
            browser.close()
        result["lighthouse_subject_mobile"] = lighthouse_runs(base + "qwen/", lighthouse_count)
    axe_version = json.loads((AXE.parent / "package.json").read_text())["version"]
    result["clients"] = {"axe-core": axe_version, "lighthouse": result["lighthouse_subject_mobile"].get("version")}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure a built site with axe-core, Lighthouse and host pages.")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--label", required=True, help="before or after (a key in the results file)")
    parser.add_argument("--commit", default="", help="the commit the site was built from")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs; the median is recorded")
    args = parser.parse_args()
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results[args.label] = {"commit": args.commit, **measure(args.site, args.lighthouse_runs)}
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.label})")


if __name__ == "__main__":
    main()
