#!/usr/bin/env python3
"""What a wasm module is made of, for deciding what to cut from the page's first load.

Usage: scripts/wasm_breakdown.py <module.wasm> [embedded file ...]

The module must keep its name section (scripts/bloat builds such a copy of the page's wasm; the release build
strips it). Prints: the sections (raw, gzip -9); the code grouped by crate (the first path of each function's
name: `<zipin_core::X as serde::Deserialize>::deserialize`, code the derive wrote in zipin_core, counts for
zipin_core), with the gzip bytes the module would lose without those functions (the code section compressed with
and without them; call sites and what only they reach are not counted, so it is a floor); the same for a few
overlapping families (anything naming serde, formatting and Debug, panics); then the data section: each embedded
file given on the command line found byte for byte, the text in it (with Chinese or ASCII only) and the rest.
"""
import gzip
import re
import sys


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def name_str(b, i):
    n, i = leb(b, i)
    return b[i : i + n].decode("utf-8", "replace"), i + n


def limits(b, i):
    flag = b[i]
    _, i = leb(b, i + 1)
    if flag & 1:
        _, i = leb(b, i)
    return i


def const_expr(b, i):
    while b[i] != 0x0B:
        op = b[i]
        i += 1
        if op in (0x41, 0x42, 0x23):  # i32.const, i64.const, global.get
            _, i = leb(b, i)
        else:
            raise ValueError(f"constant expression opcode {op:#x}")
    return i + 1


def parse(b):
    sections, imported_funcs, bodies, segments = [], 0, [], []
    func_names, data_names = {}, {}
    i = 8
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        body, end = b[i : i + size], i + size
        label = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export",
                 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}.get(sid, str(sid))
        if sid == 0:
            custom, j = name_str(body, 0)
            label = "custom: " + custom
            if custom == "name":
                while j < len(body):
                    sub = body[j]
                    sub_len, j = leb(body, j + 1)
                    if sub in (1, 9):
                        k = j
                        count, k = leb(body, k)
                        for _ in range(count):
                            idx, k = leb(body, k)
                            nm, k = name_str(body, k)
                            (func_names if sub == 1 else data_names)[idx] = nm
                    j += sub_len
        elif sid == 2:
            count, j = leb(body, 0)
            for _ in range(count):
                _, j = name_str(body, j)
                _, j = name_str(body, j)
                kind = body[j]
                j += 1
                if kind == 0:
                    imported_funcs += 1
                    _, j = leb(body, j)
                elif kind == 1:
                    j = limits(body, j + 1)
                elif kind == 2:
                    j = limits(body, j)
                elif kind == 3:
                    j += 2
                else:
                    _, j = leb(body, j + 1)
        elif sid == 10:
            count, j = leb(body, 0)
            for k in range(count):
                n, j = leb(body, j)
                bodies.append((imported_funcs + k, body[j : j + n]))
                j += n
        elif sid == 11:
            count, j = leb(body, 0)
            for k in range(count):
                flag, j = leb(body, j)
                if flag == 0:
                    j = const_expr(body, j)
                elif flag == 2:
                    _, j = leb(body, j)
                    j = const_expr(body, j)
                n, j = leb(body, j)
                segments.append((k, body[j : j + n]))
                j += n
        sections.append((label, body))
        i = end
    return sections, bodies, segments, func_names, data_names


def gz(data):
    return len(gzip.compress(data, 9))


LEGACY_ESCAPES = {"$SP$": "@", "$BP$": "*", "$RF$": "&", "$LT$": "<", "$GT$": ">", "$LP$": "(", "$RP$": ")",
                  "$C$": ",", "$u7e$": "~", "$u20$": " ", "$u27$": "'", "$u3d$": "=", "$u5b$": "[", "$u5d$": "]",
                  "$u7b$": "{", "$u7d$": "}", "$u3b$": ";", "$u2b$": "+", "$u22$": '"'}


def demangle(name):
    """A Rust legacy-mangled name (`_ZN4core3fmt5write17h0123456789abcdefE`) as a path; others as they are."""
    m = re.fullmatch(r"_ZN((?:\d+[^\d].*?)+)E(\.\d+)?", name)
    if not m:
        return name
    body, parts, i = m.group(1), [], 0
    while i < len(body):
        n = re.match(r"\d+", body[i:])
        if not n:
            return name
        i += len(n.group(0))
        parts.append(body[i:i + int(n.group(0))])
        i += int(n.group(0))
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(p[1:] if p.startswith("_$") else p for p in parts)
    for escape, char in LEGACY_ESCAPES.items():
        text = text.replace(escape, char)
    return text.replace("..", "::")


def crate_of(name):
    """The crate a function is counted for: the first path in its name, looking through `<&mut dyn T as …>`."""
    # std's crates carry a disambiguator: `core[c5930c85a12de822]::fmt`.
    name = re.sub(r"\[[0-9a-f]{16}\]", "", name)
    if name.startswith("(no name)"):
        return "(no name)"
    s = name
    while True:
        s = s.lstrip("<&*([ ")
        for prefix in ("mut ", "dyn ", "const ", "impl "):
            if s.startswith(prefix):
                s = s[len(prefix) :]
                break
        else:
            break
    head = re.match(r"[A-Za-z_][A-Za-z0-9_]*", s)
    if not head:
        return "(other)"
    crate = head.group(0)
    # `<T as core::any::Any>::type_id`, `<f64 as core::fmt::Display>::fmt`: a generic or a primitive type,
    # counted for the trait's crate.
    generic = len(crate) == 1 or crate in PRIMITIVES or not s[len(crate) :].startswith("::")
    if generic and " as " in name:
        return crate_of(name.split(" as ", 1)[1])
    if crate in PRIMITIVES:
        return "core"
    if crate in ("serde_core", "serde_derive"):
        return "serde"
    if crate == "core" and s.startswith("core::fmt"):
        return "core::fmt"
    if crate == "__rustc":
        return "alloc"
    if crate == "wbg" or name.startswith(("__wbg", "__wbindgen", "__externref")):
        return "wasm_bindgen"
    return crate


PRIMITIVES = {"bool", "char", "str", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32",
              "u64", "u128", "usize"}

FAMILIES = [
    ("anything naming serde (derives, serde_json, path_to_error, serde-wasm-bindgen)", re.compile(r"serde")),
    ("formatting (core::fmt, Debug, Display, format!, to_string)", re.compile(r"core::fmt|Debug|Display|to_string|fmt::")),
    ("panics and unwinding messages (core::panicking, panic hooks, unwrap_failed)", re.compile(r"panic|unwrap_failed|expect_failed")),
    ("yew lifecycle monomorphs (CompStateInner, CreateRunner, …Runner)", re.compile(r"yew::html::component::lifecycle")),
]

TEXT = re.compile(rb"(?:[\x20-\x7e\t\n]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){4,}")
CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def main():
    path, embedded = sys.argv[1], sys.argv[2:]
    with open(path, "rb") as f:
        wasm = f.read()
    sections, bodies, segments, func_names, data_names = parse(wasm)
    if not func_names:
        sys.exit(f"{path} has no function names: build it with names kept (scripts/bloat)")
    # The page's parts come from wasm-split-cli as the linker named their functions: demangle them here.
    func_names = {idx: demangle(name) for idx, name in func_names.items()}
    mangled = sum(func_names.get(idx, "").startswith(("_ZN", "_R")) for idx, _ in bodies)
    if mangled > len(bodies) // 10:
        sys.exit(f"{path} has mangled names that this script cannot read")
    shipped = [(label, body) for label, body in sections if label != "custom: name"]
    print(f"-- sections of {path} ({len(wasm):,} B with the name section; without it as shipped, about "
          f"{len(wasm) - sum(len(b) for l, b in sections if l == 'custom: name'):,} B)")
    for label, body in shipped:
        if len(body) > 100:
            print(f"   {label:<24} {len(body):>10,}  gzip {gz(body):>9,}")

    code = b"".join(body for _, body in bodies)
    code_gz = gz(code)

    def name_of(idx):
        return func_names.get(idx, "(no name)")

    def without(pred):
        rest = b"".join(body for idx, body in bodies if not pred(name_of(idx)))
        return code_gz - gz(rest)

    groups = {}
    for idx, body in bodies:
        crate = crate_of(name_of(idx))
        g = groups.setdefault(crate, [0, 0])
        g[0] += len(body)
        g[1] += 1
    total = len(code)
    print(f"\n-- code by crate: function bodies {total:,} B raw, {code_gz:,} B gzip; 'gzip saved' = the code section's "
          f"gzip minus its gzip without that crate's functions")
    print(f"   {'crate':<28} {'functions':>9} {'raw':>10} {'share':>6} {'gzip saved':>11}")
    ranked = sorted(groups.items(), key=lambda kv: -kv[1][0])
    for crate, (raw, count) in ranked[:25]:
        saved = without(lambda n, c=crate: crate_of(n) == c)
        print(f"   {crate:<28} {count:>9,} {raw:>10,} {raw / total:>6.1%} {saved:>11,}")
    rest = ranked[25:]
    if rest:
        print(f"   {'(' + str(len(rest)) + ' more)':<28} {sum(c for _, (r, c) in rest):>9,} "
              f"{sum(r for _, (r, c) in rest):>10,}")

    print("\n-- families across crates (overlapping)")
    for label, pattern in FAMILIES:
        chosen = [(idx, body) for idx, body in bodies if pattern.search(name_of(idx))]
        raw = sum(len(b) for _, b in chosen)
        saved = without(lambda n, p=pattern: bool(p.search(n)))
        print(f"   {label:<84} {len(chosen):>5,} functions {raw:>9,} B raw, gzip saved {saved:>8,}")

    data = b"".join(body for _, body in segments)
    data_gz = gz(data)
    print(f"\n-- data section: {len(segments)} segments, {len(data):,} B raw, {data_gz:,} B gzip")
    for idx, body in sorted(segments, key=lambda s: -len(s[1]))[:8]:
        print(f"   segment {data_names.get(idx, idx)!s:<16} {len(body):>9,} B")
    rest, found = bytearray(data), []
    for name in embedded:
        with open(name, "rb") as f:
            content = f.read()
        at = bytes(rest).find(content)
        if at < 0:
            print(f"   {name}: not in the data section")
            continue
        rest[at : at + len(content)] = b"\0" * len(content)
        found.append((name, content))
    if found:
        blob = b"".join(c for _, c in found)
        left = bytes(rest).replace(b"\0" * 64, b"")
        print(f"   embedded files found byte for byte ({len(blob):,} B raw, {gz(blob):,} B gzip alone; the data "
              f"section without them: {gz(left):,} B gzip, so {data_gz - gz(left):,} B saved):")
        for name, content in found:
            text = content.decode("utf-8", "replace")
            print(f"     {name:<60} {len(content):>8,} B raw {gz(content):>7,} gzip, {len(CJK.findall(text)):>6,} Chinese characters")
    texts = [m.group(0) for m in TEXT.finditer(bytes(rest))]
    chinese = [t for t in texts if CJK.search(t.decode("utf-8", "replace"))]
    ascii_only = [t for t in texts if not CJK.search(t.decode("utf-8", "replace"))]
    cjk_chars = sum(len(CJK.findall(t.decode("utf-8", "replace"))) for t in chinese)
    other = len(data) - sum(len(c) for _, c in found) - sum(len(t) for t in texts)
    print(f"   besides: text with Chinese {sum(len(t) for t in chinese):,} B in {len(chinese):,} runs "
          f"({cjk_chars:,} Chinese characters, {gz(b''.join(chinese)):,} B gzip alone); ASCII-only text "
          f"{sum(len(t) for t in ascii_only):,} B in {len(ascii_only):,} runs ({gz(b''.join(ascii_only)):,} B gzip "
          f"alone; names of types, fields and files, format pieces); other bytes {other:,} (tables, vtables, numbers)")


if __name__ == "__main__":
    main()
