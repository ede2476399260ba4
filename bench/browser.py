"""Page loads in headless Chromium: a URL and a "drawn" test in; time to drawn and bytes on the wire out.

Each load gets a fresh browser context (empty cache). An init script polls every animation frame;
the frame after the test first holds, it records `performance.now()` (ms since navigation start),
so "drawn" means painted on screen, for our pages and the baselines alike. Requests to anything but
loopback are aborted by Playwright routing and listed, so no page can fetch fonts or scripts from
the network and look cheaper or dearer than it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bench.common import CHROMIUM, CHROMIUM_ARGS
from bench.gzserver import Log

_OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])(?!data:)(?!blob:)")
_POLL = """
(() => {
  const first = () => (%(first)s), all = () => (%(all)s);
  let firstSeen = false, allSeen = false;
  const tick = () => {
    const now = performance.now();
    if (firstSeen && window.__firstAt === undefined) window.__firstAt = now;
    if (allSeen) { window.__drawnAt = now; return; }
    try {
      if (!firstSeen && first()) firstSeen = true;
      if (all()) allSeen = true;
    } catch (e) {}
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({type: 'largest-contentful-paint', buffered: true});
  } catch (e) {}
})();
"""

# One of our figures is drawn when its static image for the current theme and width has loaded.
FIGURE_DRAWN = ("[...f.querySelectorAll('img')].filter(i => i.getClientRects().length > 0)"
                ".some(i => i.complete && i.naturalWidth > 0)")


def labfig_test(expected: int) -> tuple[str, str]:
    """(first, all) tests for a page with `expected` figures."""
    figs = "[...document.querySelectorAll('figure.labfig[data-figure]')]"
    first = f"{figs}.some(f => {FIGURE_DRAWN})"
    every = f"{figs}.length >= {expected} && {figs}.every(f => {FIGURE_DRAWN})"
    return first, every


@dataclass
class Load:
    drawn_ms: float
    first_ms: float
    lcp_ms: float | None
    transfer_gz: int
    transfer_raw: int
    requests: int
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    responses: list[tuple[str, int, int]] = field(default_factory=list)


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def load(browser: Any, url: str, log: Log, first: str, every: str, *, width: int = 1200, height: int = 900,
         timeout_ms: int = 45_000) -> Load:
    """Load `url` once in a fresh context and wait until `every` holds and the network is idle."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    blocked: list[str] = []
    errors: list[str] = []

    def abort(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    try:
        context.route(_OUTSIDE, abort)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.add_init_script(_POLL % {"first": first, "all": every})
        log.take()
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_function("window.__drawnAt !== undefined", timeout=timeout_ms, polling=50)
        try:
            page.wait_for_load_state("networkidle", timeout=10_000)
        except Exception:  # a page that keeps polling still has its transfer counted so far
            errors.append("network not idle after 10 s")
        marks = page.evaluate("[window.__drawnAt, window.__firstAt, window.__lcp === undefined ? null : window.__lcp]")
    finally:
        context.close()
    responses = log.take()
    return Load(drawn_ms=marks[0], first_ms=marks[1] if marks[1] is not None else marks[0], lcp_ms=marks[2],
                transfer_gz=sum(r[1] for r in responses), transfer_raw=sum(r[2] for r in responses),
                requests=len(responses), blocked=blocked, errors=errors, responses=responses)
