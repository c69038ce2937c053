#!/usr/bin/env python3
"""Trunk post-build hook: names the export worker's files after a hash of their content, like trunk names the app's.

Trunk writes the worker as zipin-export-worker_loader.js, zipin-export-worker.js and zipin-export-worker_bg.wasm,
the same names in every build, so a page of one build could start another build's worker. This hook renames them
zipin-export-worker-<hash>_loader.js, zipin-export-worker-<hash>.js and zipin-export-worker-<hash>_bg.wasm, where
<hash> is taken over the glue and the wasm (the loader names only those two, so it changes with them), rewrites the
loader's two references, and writes the loader's name into index.html as
<meta name="zipin-export-worker" content="…">: the page starts the worker named there, so a page always talks to
the worker of its own build. The metadata is not a script, so the Content-Security-Policy is unchanged.

ZIPIN_BUILD_LABEL (letters, digits, '.', '_', '-'), when set, is written into the worker's glue (a comment) and wasm
(a custom section named zipin-build-label): a build that really differs from another of the same tree, with other
hashes, for the deploy test (tests/e2e/deploy.test.mjs). Unset, the files are trunk's, byte for byte.
"""
import hashlib
import html
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("scripts/worker_files.py runs as a trunk post_build hook (TRUNK_STAGING_DIR is not set)")

NAME = "zipin-export-worker"
LOADER = "%s_loader.js" % NAME
GLUE = "%s.js" % NAME
WASM = "%s_bg.wasm" % NAME


def path(name):
    return os.path.join(staging, name)


def read(name):
    with open(path(name), "rb") as f:
        return f.read()


def uleb128(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def custom_section(name, payload):
    body = uleb128(len(name)) + name + payload
    return b"\x00" + uleb128(len(body)) + body


for name in (LOADER, GLUE, WASM):
    if not os.path.isfile(path(name)):
        sys.exit("worker_files.py: trunk wrote no %s (did the worker's <link data-trunk> change?)" % name)

loader = read(LOADER).decode("utf-8")
glue = read(GLUE)
wasm = read(WASM)

label = os.environ.get("ZIPIN_BUILD_LABEL", "")
if label:
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", label):
        sys.exit("worker_files.py: ZIPIN_BUILD_LABEL must be 1-64 letters, digits, '.', '_' or '-'")
    glue += ("\n// zipin build label: %s\n" % label).encode("utf-8")
    wasm += custom_section(b"zipin-build-label", label.encode("utf-8"))

digest = hashlib.sha256()
digest.update(glue + b"\0" + wasm)
version = digest.hexdigest()[:16]
names = {
    LOADER: "%s-%s_loader.js" % (NAME, version),
    GLUE: "%s-%s.js" % (NAME, version),
    WASM: "%s-%s_bg.wasm" % (NAME, version),
}

# Trunk's loader shim: importScripts("./<glue>");wasm_bindgen("./<wasm>"); both names must be found, or a newer
# trunk writes another shim and this hook has to learn it.
for old in (GLUE, WASM):
    quoted = '"./%s"' % old
    if loader.count(quoted) != 1:
        sys.exit("worker_files.py: the loader does not name %s once: %r" % (quoted, loader))
    loader = loader.replace(quoted, '"./%s"' % names[old])

for old, data in ((LOADER, loader.encode("utf-8")), (GLUE, glue), (WASM, wasm)):
    os.remove(path(old))
    with open(path(names[old]), "wb") as f:
        f.write(data)

with open(path("index.html"), encoding="utf-8") as f:
    page = f.read()
page = re.sub(r'\s*<meta name="zipin-export-worker"[^>]*>', "", page)
meta = '<meta name="zipin-export-worker" content="%s">' % html.escape(names[LOADER])
if page.count("</head>") != 1:
    sys.exit("worker_files.py: index.html has no single </head>")
page = re.sub(r"\s*</head>", lambda _: "\n  %s\n</head>" % meta, page, count=1)
with open(path("index.html"), "w", encoding="utf-8") as f:
    f.write(page)
print("worker_files.py: export worker %s%s" % (names[LOADER], " (label %s)" % label if label else ""))
