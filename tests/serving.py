"""A built site served from 127.0.0.1 under a sub-path, as a web team hosts it: a missing address gets the
site's 404.html with status 404, and every response may carry a Content-Security-Policy."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/handbook/"
    policy = ""

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix) :]
        target = Path(self.translate_path(self.path))
        if not target.is_file() and not (target / "index.html").is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format, *args):  # the test output stays readable
        pass


@contextlib.contextmanager
def served(site: Path, prefix: str = "/handbook/", policy: str = ""):
    """`site` at http://127.0.0.1:<free port><prefix>; yields that address."""
    handler = type("Handler", (SubPathHandler,), {"prefix": prefix, "policy": policy})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
