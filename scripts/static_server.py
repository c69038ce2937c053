#!/usr/bin/env python3
"""A static file server for the benchmarks that answers as GitHub Pages does: text, scripts, styles and wasm are
sent gzip-compressed to a browser that accepts it (Content-Encoding: gzip), so the bytes a benchmark counts are
the bytes an officer's browser receives from github.io.

Usage: scripts/static_server.py DIR PORT   (binds 127.0.0.1; `/` is DIR/index.html)
"""
import gzip
import http.server
import os
import sys
from functools import lru_cache

COMPRESSED = {".html", ".js", ".css", ".svg", ".json", ".wasm", ".txt"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".wasm": "application/wasm",
}


@lru_cache(maxsize=256)
def compressed(path, mtime):
    with open(path, "rb") as f:
        return gzip.compress(f.read(), compresslevel=9, mtime=0)


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        root = os.path.realpath(self.server.root)
        name = self.path.split("?", 1)[0].split("#", 1)[0]
        if name.endswith("/"):
            name += "index.html"
        path = os.path.realpath(os.path.join(root, name.lstrip("/")))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            self.send_error(404)
            return
        ext = os.path.splitext(path)[1]
        gz = ext in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = compressed(path, os.path.getmtime(path))
        else:
            with open(path, "rb") as f:
                body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(ext, "application/octet-stream"))
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The browser went away mid-answer (a benchmark closes its context as soon as it has its figure).
            pass

    def log_message(self, *args):
        pass


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.root = directory
    server.serve_forever()


if __name__ == "__main__":
    main()
