#!/usr/bin/env python3
"""Trunk post-build hook: writes zipin-offline.html, the whole app in one file for laptops with no network.

It opens from file:// (double-click): the stylesheet, the crash page's script (src/crash.js), the app's JS and wasm,
and the export worker with its wasm are all inside the page. Its Content-Security-Policy allows no network at all:
only the page's own inline scripts and style (by hash), its own wasm, and the export worker started from a blob.
Storage is the browser's localStorage for local files; the service worker and share links need the hosted page.
"""
import base64
import glob
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("scripts/single_html.py runs as a trunk post_build hook (TRUNK_STAGING_DIR is not set)")


def sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def one(pattern):
    matches = sorted(glob.glob(os.path.join(staging, pattern)))
    if len(matches) != 1:
        sys.exit("single_html.py: expected one %s, found %d" % (pattern, len(matches)))
    return matches[0]


def text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def b64(path):
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode("ascii")


css = text(one("app-*.css"))
# A classic script, run before the app like on the hosted page, so the crash page works from file:// too.
crash_js = text(one("crash-*.js"))
if "</script" in crash_js.lower():
    sys.exit("single_html.py: crash.js must not contain </script")
main_js = text(one("zipin-web-*[0-9a-f].js"))
main_wasm = b64(one("zipin-web-*_bg.wasm"))
# Named by a hash of their content (scripts/worker_files.py); the loader is not needed, the page starts the blob.
worker_js = text(one("zipin-export-worker-*[0-9a-f].js"))
worker_wasm = b64(one("zipin-export-worker-*_bg.wasm"))

# The module's exports are not needed inline; the init function is called directly with the embedded bytes.
main_js = re.sub(r"export\s*\{[^}]*\};?\s*$", "", main_js.rstrip())

loader = """
const bytesOf = (id) => {
  const text = atob(document.getElementById(id).textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
};
// The export worker, glue and wasm together in a blob, so it starts from file:// too (the app asks for this URL).
const workerSource = document.getElementById('zipin-worker-js').textContent
  + '\\n;wasm_bindgen({ module_or_path: Uint8Array.from(atob("'
  + document.getElementById('zipin-worker-wasm').textContent.trim()
  + '"), (c) => c.charCodeAt(0)) });';
window.zipinExportWorkerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
%s
await __wbg_init({ module_or_path: bytesOf('zipin-wasm') });
""" % main_js

policy = "; ".join([
    "default-src 'none'",
    "script-src 'wasm-unsafe-eval' " + sha256(crash_js) + " " + sha256(loader),
    "style-src " + sha256(css),
    "img-src data: blob:",
    "worker-src blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])

page = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="%s">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>部门整体支出绩效自评</title>
  <style>%s</style>
  <script>%s</script>
</head>
<body>
  <noscript>本应用需要启用 JavaScript 与 WebAssembly 才能运行。</noscript>
  <script id="zipin-wasm" type="application/octet-stream">%s</script>
  <script id="zipin-worker-wasm" type="application/octet-stream">%s</script>
  <script id="zipin-worker-js" type="text/plain">%s</script>
  <script type="module">%s</script>
</body>
</html>
""" % (policy, css, crash_js, main_wasm, worker_wasm, worker_js.replace("</script", "<\\/script"), loader)

with open(os.path.join(staging, "zipin-offline.html"), "w", encoding="utf-8") as f:
    f.write(page)
print("single_html.py: zipin-offline.html, %d bytes" % len(page.encode("utf-8")))
