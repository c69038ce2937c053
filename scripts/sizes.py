#!/usr/bin/env python3
"""Prints the raw and gzip -9 size of each file in a folder (default dist/), and the totals."""
import gzip
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "dist"
rows = []
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            data = f.read()
        rows.append((os.path.relpath(path, root), len(data), len(gzip.compress(data, 9))))
rows.sort()
width = max((len(r[0]) for r in rows), default=4)
print(f"{'file':<{width}}  {'raw':>10}  {'gzip':>10}")
for name, raw, gz in rows:
    print(f"{name:<{width}}  {raw:>10,}  {gz:>10,}")
print(f"{'total':<{width}}  {sum(r[1] for r in rows):>10,}  {sum(r[2] for r in rows):>10,}")
