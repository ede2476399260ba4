"""A static file server for loopback with gzip: a directory in, realistic transfer sizes out.

Text types go out gzip-compressed (level 6, what common web servers use) with `Content-Encoding: gzip`;
images and fonts go out as they are. Every response's body size on the wire is logged, so a page
load's transfer is the sum of what the server sent while it loaded.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import socketserver
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
              "application/manifest+json", "text/javascript")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")


@dataclass
class Log:
    """What the server sent: (path, bytes on the wire, uncompressed bytes) per response."""

    entries: list[tuple[str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, wire: int, raw: int) -> None:
        with self.lock:
            self.entries.append((path, wire, raw))

    def take(self) -> list[tuple[str, int, int]]:
        with self.lock:
            out, self.entries = self.entries, []
        return out


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root: Path
    log: Log
    cache: dict[Path, tuple[bytes, bool]]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if not str(target).startswith(str(self.root)):
            return self._send(404, b"not found", "text/plain", path)
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file():
            return self._send(404, b"not found", "text/plain", path)
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype == "application/javascript":
            ctype += "; charset=utf-8"
        body, compressed = self._body(target, ctype)
        self._send(200, body, ctype, path, gz=compressed, raw=target.stat().st_size)

    def _body(self, target: Path, ctype: str) -> tuple[bytes, bool]:
        if target not in self.cache:
            raw = target.read_bytes()
            if ctype.startswith(TEXT_TYPES):
                self.cache[target] = (gzip.compress(raw, compresslevel=6, mtime=0), True)
            else:
                self.cache[target] = (raw, False)
        return self.cache[target]

    def _send(self, status: int, body: bytes, ctype: str, path: str, *, gz: bool = False, raw: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        # Cacheable, as a static host would serve it: a page that asks twice for a file gets it from cache.
        self.send_header("Cache-Control", "max-age=3600")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        self.log.add(path, len(body), raw if raw is not None else len(body))


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve(root: Path) -> Iterator[tuple[str, Log]]:
    """Serve `root` on a free loopback port in a thread; yields the base URL and the response log."""
    log = Log()
    handler = type("Handler", (_Handler,), {"root": root.resolve(), "log": log, "cache": {}})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
