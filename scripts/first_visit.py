#!/usr/bin/env python3
"""Prints the app beside the framework's floor: first-visit bytes per file (raw and gzip -9, as sizes.py counts
them), the totals, navigation -> first render (median and p95), and the ratios app/floor.

Usage: scripts/first_visit.py <bench-floor.json> <app dist> <floor dist>

Then, from the same recorded visit: the bytes each file took over the wire as the benchmark's server sent them
(gzip, as GitHub Pages does), before the first render and in the whole visit; and navigation -> first render on an
emulated slow line.

The JSON is what tests/e2e/bench-floor.mjs writes. A first visit counts each file the page requested once (the
document, its scripts, stylesheet, wasm and icon) and the service worker script the page registers. Not counted:
the service worker's own requests while it installs (the page's files again, mostly answered by the HTTP cache;
they are listed, with the bytes that did come over the network) and anything loaded later (the export worker on the first export).
"""
import gzip
import json
import math
import os
import statistics
import sys
from urllib.parse import urlsplit


def kind(name):
    if name.endswith(".html"):
        return "html"
    if name.endswith(".css"):
        return "css"
    if name.endswith(".wasm"):
        return "wasm"
    if name.endswith((".svg", ".ico", ".png")):
        return "icon"
    if name.endswith(".js"):
        return "js"
    return "other"


def path_of(url, base):
    """The file under dist/ that a same-origin URL names ('' and a folder are its index.html)."""
    parts, origin = urlsplit(url), urlsplit(base)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        return None
    path = parts.path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def sizes(dist, name):
    with open(os.path.join(dist, name), "rb") as f:
        data = f.read()
    return len(data), len(gzip.compress(data, 9))


def first_visit(app, dist):
    req = app["requests"]
    files, seen = [], set()
    for url in req["page"] + req["serviceWorkerScript"]:
        name = path_of(url, app["url"])
        if name is not None and name not in seen:
            seen.add(name)
            role = "service worker" if url in req["serviceWorkerScript"] else kind(name)
            files.append((name, role, *sizes(dist, name)))
    again = {}
    for r in req["serviceWorker"]:
        name = path_of(r["url"], app["url"])
        if name is not None and name != "sw.js":
            again[name] = max(again.get(name, 0), r["body"], 0)
    return files, sorted(again.items())


def median(xs):
    return statistics.median(xs)


def p95(xs):
    """Nearest rank: the smallest value with at least 95% of the runs at or below it."""
    s = sorted(xs)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)]


def ratio(a, b):
    return f"{a / b:.2f}×" if b else "-"


def main():
    result_path, app_dist, floor_dist = sys.argv[1:4]
    with open(result_path) as f:
        result = json.load(f)
    apps = [("Zipin", result["zipin"], app_dist), ("floor", result["floor"], floor_dist)]

    totals = {}
    for label, app, dist in apps:
        files, again = first_visit(app, dist)
        width = max(len(n) for n, *_ in files)
        print(f"-- {label}: first visit, {app['url']} ({dist}/)")
        print(f"   {'file':<{width}}  {'loaded as':<14}  {'raw':>10}  {'gzip -9':>10}")
        for name, role, raw, gz in files:
            print(f"   {name:<{width}}  {role:<14}  {raw:>10,}  {gz:>10,}")
        raw, gz = sum(f[2] for f in files), sum(f[3] for f in files)
        print(f"   {'total':<{width}}  {'':<14}  {raw:>10,}  {gz:>10,}")
        if again:
            listed = ", ".join(f"{n} ({b:,} B)" if b else n for n, b in again)
            print(f"   requested again by the service worker as it installs, not counted (bytes over the network "
                  f"where not answered by the HTTP cache): {listed}")
        by_kind = {}
        for _, role, r, g in files:
            k = "sw" if role == "service worker" else role
            by_kind.setdefault(k, [0, 0])
            by_kind[k][0] += r
            by_kind[k][1] += g
        totals[label] = {"raw": raw, "gzip": gz, "kinds": by_kind, "times": app["firstRender"]}

    z, f = totals["Zipin"], totals["floor"]
    print()
    print("-- side by side (bytes of a first visit; gzip -9 is what a server compressing at level 9 would send)")
    head = f"   {'':<34}  {'Zipin raw':>11}  {'Zipin gzip':>11}  {'floor raw':>10}  {'floor gzip':>10}  {'gzip ratio':>10}"
    print(head)
    for k in ["html", "css", "js", "wasm", "icon", "sw", "other"]:
        zr, zg = z["kinds"].get(k, [0, 0])
        fr, fg = f["kinds"].get(k, [0, 0])
        if zr or fr:
            name = "service worker script" if k == "sw" else k
            print(f"   {name:<34}  {zr:>11,}  {zg:>11,}  {fr:>10,}  {fg:>10,}  {ratio(zg, fg):>10}")
    print(f"   {'total':<34}  {z['raw']:>11,}  {z['gzip']:>11,}  {f['raw']:>10,}  {f['gzip']:>10,}  "
          f"{ratio(z['gzip'], f['gzip']):>10}")
    print(f"   {'total, raw ratio':<34}  {ratio(z['raw'], f['raw']):>11}")
    n = min(len(z["times"]), len(f["times"]))
    print()
    print(f"-- navigation → first render, cold browser context, n={n} each, taken in turn (ms)")
    print(f"   {'':<34}  {'Zipin':>11}  {'floor':>11}  {'ratio':>10}")
    for label, stat in [("median", median), ("p95 (nearest rank)", p95), ("min", min), ("max", max)]:
        a, b = stat(z["times"]), stat(f["times"])
        print(f"   {label:<34}  {a:>11.1f}  {b:>11.1f}  {ratio(a, b):>10}")
    print_wire(apps)
    print_slow(apps)
    print_parts(apps)


def wire(label, app):
    """The bytes over the wire of the recorded visit, per file: before the first render, and in the whole visit (the
    service worker's install included), as the server sent them."""
    rows = {}
    for r in app["requests"].get("wire", []):
        name = path_of(r["url"], app["url"]) or r["url"]
        who = "sw" if r["byWorker"] else "page"
        before, whole = rows.get((name, who), (0, 0))
        rows[(name, who)] = (before + (r["bytes"] if r["beforeFirstRender"] else 0), whole + r["bytes"])
    return rows


def print_wire(apps):
    print()
    print("-- bytes over the wire, as served (gzip like GitHub Pages): before the first render / the whole first visit")
    totals = {}
    for label, app, _ in apps:
        rows = wire(label, app)
        if not rows:
            return
        width = max(len(n) for n, _ in rows)
        print(f"   {label}")
        for (name, who), (before, whole) in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            print(f"     {name:<{width}}  {'by the service worker' if who == 'sw' else 'by the page':<22}  {before:>10,}  {whole:>10,}")
        b, w = sum(v[0] for v in rows.values()), sum(v[1] for v in rows.values())
        print(f"     {'total':<{width}}  {'':<22}  {b:>10,}  {w:>10,}")
        totals[label] = (b, w)
    (zb, zw), (fb, fw) = totals["Zipin"], totals["floor"]
    print(f"   Zipin's bytes before its first render = {ratio(zb, fw)} the floor's whole first visit "
          f"({zb:,} / {fw:,}); whole visits {ratio(zw, fw)}")


def print_slow(apps):
    z, f = apps[0][1].get("slowLine"), apps[1][1].get("slowLine")
    if not z or not f:
        return
    print()
    print(f"-- navigation → first render on an emulated slow line (1,600 kbit/s, 150 ms RTT), cold, n={min(len(z), len(f))} each (ms)")
    print(f"   {'':<34}  {'Zipin':>11}  {'floor':>11}  {'ratio':>10}")
    for label, stat in [("median", median), ("p95 (nearest rank)", p95)]:
        a, b = stat(z), stat(f)
        print(f"   {label:<34}  {a:>11.1f}  {b:>11.1f}  {ratio(a, b):>10}")


def print_parts(apps):
    parts = apps[0][1].get("parts")
    if not parts:
        return
    for where, label in [("localhost", "localhost, at once"), ("localhostIdle", "localhost, once the page is idle"),
                         ("slowLine", "the emulated slow line, at once")]:
        visits = parts.get(where) or []
        if not visits:
            continue
        print()
        print(f"-- Zipin: a part opened the first time after a cold visit, click → its first screen, {label}, "
              f"n={len(visits)} (ms)")
        for section in visits[0]:
            times = [v[section] for v in visits]
            print(f"   {section:<10} median {median(times):>8.1f}   p95 {p95(times):>8.1f}")


if __name__ == "__main__":
    main()
