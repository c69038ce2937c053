#!/usr/bin/env python3
"""Trunk post-build hook: writes zipin-offline.html, the whole app in one file for laptops with no network.

It opens from file:// (double-click): the stylesheet, the crash page's script (src/crash.js), the app's JS and wasm,
and the export worker with its wasm are all inside the page. Its Content-Security-Policy allows no network at all:
only the page's own inline scripts and style (by hash), its own wasm (the parts' too, inside the page), and the export worker started from a blob.
Storage is the browser's localStorage for local files; the service worker and share links need the hosted page.
"""
import base64
import glob
import hashlib
import html
import json
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
# The parts (scripts/split_parts.py): their loader goes into the same module as the page's glue, and each part's
# wasm into the page, handed to the loader in place of a fetch (file:// cannot be fetched).
parts_js = text(one("zipin-parts-*.js"))
parts = {os.path.basename(p): b64(p) for p in sorted(glob.glob(os.path.join(staging, "zipin-part-*.wasm")))}
# Named by a hash of their content (scripts/worker_files.py); the loader is not needed, the page starts the blob.
worker_js = text(one("zipin-export-worker-*[0-9a-f].js"))
worker_wasm = b64(one("zipin-export-worker-*_bg.wasm"))

# The module's exports are not needed inline; the init function is called directly with the embedded bytes.
main_js = re.sub(r"export\s*\{[^}]*\};?\s*$", "", main_js.rstrip())

# One module: the loader's import of the glue and the glue's import of the loader become plain names.
parts_js, imports = re.subn(r'import\s*\{\s*initSync\s*\}\s*from\s*"\./zipin-web-[0-9a-f]+\.js";?', "", parts_js)
loaders = re.findall(r"^export const (\w+) =", parts_js, flags=re.M)
parts_js = re.sub(r"^export const (\w+) =", r"const \1 =", parts_js, flags=re.M)
# The glue imports the loader once per split point, each time under another name.
main_js, glue_imports = re.subn(r'import \* as (\w+) from "\./zipin-parts-[0-9a-f]+\.js";?',
                                lambda m: "const %s = { %s };" % (m.group(1), ", ".join(loaders)), main_js)
if imports != 1 or not loaders or not glue_imports:
    sys.exit("single_html.py: the parts' loader and the page's glue do not import each other as expected")
for name in parts:
    fetch = 'fetch(new URL("./%s", import.meta.url))' % name
    if parts_js.count(fetch) != 1:
        sys.exit("single_html.py: the loader does not fetch %s once" % name)
    parts_js = parts_js.replace(fetch, "Promise.resolve(new Response(bytesOf(partText[%s]), { headers: { 'Content-Type': 'application/wasm' } }))"
                                % json.dumps(name))
if "fetch(" in parts_js:
    sys.exit("single_html.py: the loader fetches a file that is not in the page")

loader = """
const bytesOf = (base64) => {
  const text = atob(base64.trim());
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
// The parts' wasm, read before the app renders into the body (decoded only when a part is first opened).
const partText = Object.fromEntries([...document.querySelectorAll('script[id^="zipin-part-"]')].map((e) => [e.id, e.textContent]));
%s
%s
await __wbg_init({ module_or_path: bytesOf(document.getElementById('zipin-wasm').textContent) });
""" % (parts_js, main_js)

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
%s
  <script type="module">%s</script>
</body>
</html>
""" % (policy, css, crash_js, main_wasm, worker_wasm, worker_js.replace("</script", "<\\/script"),
       "\n".join('  <script id="%s" type="application/octet-stream">%s</script>' % (html.escape(name), data)
                 for name, data in parts.items()), loader)

with open(os.path.join(staging, "zipin-offline.html"), "w", encoding="utf-8") as f:
    f.write(page)
print("single_html.py: zipin-offline.html, %d bytes" % len(page.encode("utf-8")))
