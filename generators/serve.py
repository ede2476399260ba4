"""The edit loop under `mkdocs serve`: notice a saved file sooner and show the rebuild without a full reload.

MkDocs's live-reload server polls watched paths every 0.5 s and answers a rebuild with
`location.reload()`, which makes the browser parse plotly.js again before a live figure redraws.
`tune(server)` polls every POLL_SECONDS instead and injects `serve_reload.js`, which swaps the
rebuilt page in place (see that file). Both touch the server object MkDocs hands to `on_serve`;
if a later MkDocs changes what is touched here, `tune` leaves the server as it is (edits still
show, by a full reload) rather than break `make serve`.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1
SCRIPT = Path(__file__).with_name("serve_reload.js")
log = logging.getLogger("mkdocs.plugins.labfig")


def tune(server: Any) -> None:
    """Poll watched paths every POLL_SECONDS and replace the injected live-reload script."""
    watched = getattr(server, "_watched_paths", None)
    if isinstance(watched, dict) and hasattr(server, "observer") and hasattr(server, "unwatch"):
        paths = list(watched)
        for path in paths:
            server.unwatch(path)
        # Watches are created with the observer's interval, so a new observer re-adds them.
        server.observer = PollingObserver(timeout=POLL_SECONDS)
        for path in paths:
            server.watch(path)
    else:
        log.debug("labfig: this MkDocs's live-reload server has no watch list; keeping its 0.5 s polling")
    if hasattr(server, "_inject_js_into_html"):
        source = SCRIPT.read_text(encoding="utf-8")
        server._inject_js_into_html = lambda content, epoch: inject(content, epoch, source)
    else:
        log.debug("labfig: this MkDocs injects live reload differently; pages will reload in full")


def inject(content: bytes, epoch: int, source: str) -> bytes:
    """`content` (an HTML page) with the live-reload script before `</body>`, knowing the site's `epoch`."""
    call = f"labfigLiveReload({json.dumps(epoch)}, {json.dumps(time.monotonic_ns())});"
    script = b"<script>" + (source + call).encode("utf-8") + b"</script>"
    end = content.rfind(b"</body>")
    if end < 0:
        return content + script
    return content[:end] + script + content[end:]
