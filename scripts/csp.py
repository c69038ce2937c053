#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content-Security-Policy <meta> to the staged index.html.

The policy allows only the page's own origin. Trunk's inline module loader is allowed by its sha256 hash, never
by 'unsafe-inline'; 'wasm-unsafe-eval' lets the page compile its own WebAssembly and nothing else. Script files (the
crash page's src/crash.js) are allowed by 'self', so each must be a file of this build, never another origin's.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("scripts/csp.py runs as a trunk post_build hook (TRUNK_STAGING_DIR is not set)")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    hashes.append("'sha256-%s'" % base64.b64encode(digest).decode("ascii"))

files = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*)\"", html)
for src in files:
    if re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, flags=re.I):
        sys.exit("scripts/csp.py: the page loads a script from another origin (%s); the policy allows only 'self'" % src)

policy = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
])
meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % policy
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print("csp.py: Content-Security-Policy with %d inline script hash(es), %d same-origin script file(s)"
      % (len(hashes), len(files)))
