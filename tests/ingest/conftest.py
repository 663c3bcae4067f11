"""A local HTTP server for ingest tests: pages and feeds are served from 127.0.0.1, never fetched
from the network."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Site:
    """What the server answers: path -> (status, headers, body); ``base`` is its URL."""

    base: str = ""
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)
    # path -> (seconds before the answer, seconds between the body's bytes)
    pace: dict[str, tuple[float, float]] = field(default_factory=dict)

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, data)
        return self.base + path

    def slow(self, path: str, body: bytes | str, *, before: float = 0.0, per_byte: float = 0.0
             ) -> str:
        """Serve ``body`` after ``before`` seconds, then one byte every ``per_byte`` seconds."""
        self.pace[path] = (before, per_byte)
        return self.add(path, body, "text/plain")

    def redirect(self, path: str, to: str) -> str:
        self.routes[path] = (302, {"Location": to}, b"")
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
            before, per_byte = site.pace.get(self.path, (0.0, 0.0))
            time.sleep(before)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not per_byte:
                self.wfile.write(body)
                return
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(per_byte)
            except OSError:  # the client gave up: the point of the test
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """Start a threaded HTTP server on a free local port for one test."""
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
