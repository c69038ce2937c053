#!/usr/bin/env python3
"""Trunk post-build hook (the first): splits the page's wasm into the page and its parts.

The page's binary is built with the `parts` feature (index.html), whose split points (src/components/parts.rs)
import their code from a placeholder module, and linked with its relocations (build.rs). Trunk's own wasm-bindgen
output of it cannot run (it imports the placeholder), so this hook replaces it:

1. wasm-split-cli (from wasm_split_cli_support, installed by scripts/setup) cuts cargo's wasm into the page's
   module, one file per part (the code only that part reaches) and chunks shared by parts, and writes
   __wasm_split.js, which fetches a part's files the first time it is called;
2. wasm-bindgen writes the page's glue for the page's module; wasm-opt shrinks every module (release builds), at the
   level and with the flags below (trunk's own wasm-opt is off for this binary in index.html);
3. every file is named by one hash of them all, zipin-web-<hash>.js / _bg.wasm (as trunk names them),
   zipin-parts-<hash>.js (the loader) and zipin-part-<name>-<hash>.wasm, so a tab of one build never loads another
   build's part; index.html's references and their integrity hashes are rewritten.

ZIPIN_BUILD_LABEL, when set, goes into each part's wasm (a custom section), as scripts/worker_files.py does for the
export worker: a build that really differs, with other part names, for the deploy test.
`scripts/split_parts.py --wasm-opt-flags` prints the wasm-opt flags (for scripts/bloat).
"""
import base64
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = "zipin-web"
# Rust enables these wasm features by default; wasm-opt must be told it may keep them.
WASM_OPT_FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-reference-types",
                  "--enable-sign-ext", "--enable-mutable-globals", "--enable-multivalue", "--strip-debug",
                  "--strip-producers", "--strip-target-features"]
LOADER = "__wasm_split.js"

if sys.argv[1:] == ["--wasm-opt-flags"]:
    print(" ".join(WASM_OPT_FLAGS))
    sys.exit(0)

staging = os.environ.get("TRUNK_STAGING_DIR")
profile = os.environ.get("TRUNK_PROFILE", "debug")
if not staging:
    sys.exit("scripts/split_parts.py runs as a trunk post_build hook (TRUNK_STAGING_DIR is not set)")


def fail(message):
    sys.exit("split_parts.py: " + message)


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        fail("%s failed:\n%s%s" % (command[0], done.stdout, done.stderr))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def uleb128(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | 0x80 if n else byte)
        if not n:
            return bytes(out)


def custom_section(name, payload):
    body = uleb128(len(name)) + name + payload
    return b"\x00" + uleb128(len(body)) + body


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


# Trunk's output for the page's binary: zipin-web-<hash>.js and zipin-web-<hash>_bg.wasm.
glues = [p for p in glob.glob(os.path.join(staging, BIN + "-*.js")) if re.fullmatch(
    re.escape(BIN) + r"-[0-9a-f]+\.js", os.path.basename(p))]
if len(glues) != 1:
    fail("expected one %s-<hash>.js from trunk, found %d" % (BIN, len(glues)))
trunk_stem = os.path.basename(glues[0])[:-len(".js")]
trunk_wasm = os.path.join(staging, trunk_stem + "_bg.wasm")
if not os.path.isfile(trunk_wasm):
    fail("trunk wrote no %s" % trunk_wasm)

metadata = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
                                     capture_output=True, text=True, check=True).stdout)
raw = os.path.join(metadata["target_directory"], "wasm32-unknown-unknown", profile, BIN + ".wasm")
if not os.path.isfile(raw):
    fail("cargo's %s is not there" % raw)

label = os.environ.get("ZIPIN_BUILD_LABEL", "")
if label and not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", label):
    fail("ZIPIN_BUILD_LABEL must be 1-64 letters, digits, '.', '_' or '-'")

work = tempfile.mkdtemp(prefix="zipin-split-")
try:
    split_dir = os.path.join(work, "split")
    glue_dir = os.path.join(work, "glue")
    run("wasm-split-cli", raw, split_dir, "--out-name", BIN)
    run("wasm-bindgen", os.path.join(split_dir, BIN + ".wasm"), "--out-dir", glue_dir, "--out-name", BIN,
        "--target", "web", "--no-typescript", "--no-demangle", "--keep-lld-exports")
    parts = sorted(os.path.basename(p) for p in glob.glob(os.path.join(split_dir, "*.wasm"))
                   if os.path.basename(p) != BIN + ".wasm")
    if not any(p.startswith("split_") for p in parts):
        fail("wasm-split-cli found no split point (is the `parts` feature on in index.html?)")
    modules = [os.path.join(glue_dir, BIN + "_bg.wasm")] + [os.path.join(split_dir, p) for p in parts]
    if profile == "release":
        for module in modules:
            run("wasm-opt", *WASM_OPT_FLAGS, module, "-o", module)
    if label:
        for part in parts:
            path = os.path.join(split_dir, part)
            write(path, read(path) + custom_section(b"zipin-build-label", label.encode("utf-8")))

    glue = read(os.path.join(glue_dir, BIN + ".js")).decode("utf-8")
    loader = read(os.path.join(split_dir, LOADER)).decode("utf-8")
    digest = hashlib.sha256(glue.encode("utf-8") + b"\0" + loader.encode("utf-8"))
    for module in modules:
        digest.update(b"\0" + read(module))
    version = digest.hexdigest()[:16]
    stem = "%s-%s" % (BIN, version)
    loader_name = "zipin-parts-%s.js" % version

    def replace_once(text, old, new, where):
        if text.count(old) != 1:
            fail("%s does not name %s once" % (where, old))
        return text.replace(old, new)

    # The loader fetches "./split_<name>.wasm" and "./chunk_<n>_<name>.wasm", and imports the page's glue.
    names = {}
    for part in parts:
        names[part] = "zipin-part-%s-%s.wasm" % (re.sub(r"[^A-Za-z0-9_]", "_", part[:-len(".wasm")]), version)
        loader = replace_once(loader, '"./%s"' % part, '"./%s"' % names[part], LOADER)
    loader = replace_once(loader, '"./%s.js"' % BIN, '"./%s.js"' % stem, LOADER)
    # The glue imports the loader once per split point (the wasm's import module keeps its name).
    glue, count = re.subn(r'(\bfrom\s*)"\./%s"' % re.escape(LOADER), lambda m: '%s"./%s"' % (m.group(1), loader_name),
                          glue)
    if not count:
        fail("the glue does not import %s" % LOADER)
    glue = glue.replace("'%s_bg.wasm'" % BIN, "'%s_bg.wasm'" % stem)

    os.remove(glues[0])
    os.remove(trunk_wasm)
    write(os.path.join(staging, stem + ".js"), glue.encode("utf-8"))
    shutil.copyfile(modules[0], os.path.join(staging, stem + "_bg.wasm"))
    write(os.path.join(staging, loader_name), loader.encode("utf-8"))
    for part in parts:
        shutil.copyfile(os.path.join(split_dir, part), os.path.join(staging, names[part]))
finally:
    shutil.rmtree(work, ignore_errors=True)

index = os.path.join(staging, "index.html")
page = read(index).decode("utf-8")
if trunk_stem not in page:
    fail("index.html does not name %s" % trunk_stem)
page = page.replace(trunk_stem, stem)
for name in (stem + ".js", stem + "_bg.wasm"):
    data = read(os.path.join(staging, name))
    page, count = re.subn(r'(href="[^"]*/%s"[^>]*\bintegrity=")[^"]*' % re.escape(name),
                          lambda m: m.group(1) + sri(data), page)
    if count != 1:
        fail("index.html has %d preload links with an integrity hash for %s" % (count, name))
# The glue imports the loader: preloaded beside it, so it is not one more round trip after the glue.
glue_link = re.search(r'<link rel="modulepreload" href="([^"]*)/%s\.js"[^>]*>' % re.escape(stem), page)
if not glue_link:
    fail("index.html has no modulepreload link for %s.js" % stem)
loader_link = '<link rel="modulepreload" href="%s/%s" crossorigin="anonymous" integrity="%s">' % (
    glue_link.group(1), loader_name, sri(read(os.path.join(staging, loader_name))))
page = page.replace(glue_link.group(0), glue_link.group(0) + loader_link)
write(index, page.encode("utf-8"))
sizes = ", ".join("%s %d B" % (names[p], os.path.getsize(os.path.join(staging, names[p]))) for p in parts)
print("split_parts.py: %s_bg.wasm %d B; %s" % (stem, os.path.getsize(os.path.join(staging, stem + "_bg.wasm")), sizes))
