#!/usr/bin/env bash
# Module circles: reads each library's module graph with cargo-modules (installed from
# crates.io on first use) and names every set of modules that reach one another through
# `use`. Prints "no module circle" per crate, or the circles and exits 1.
#   scripts/circles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-modules >/dev/null; then
    echo "==> cargo install cargo-modules (once)" >&2
    cargo install --locked cargo-modules >&2
fi
status=0
for package in server app; do
    # Modules and their `use` edges only. (Its own `--acyclic` reads the graph of items,
    # where every method taking `self` counts as a circle with its type.)
    cargo modules dependencies --lib -p "$package" --no-fns --no-traits --no-types \
        --no-externs --no-sysroot --no-owns --layout dot 2>/dev/null \
        | python3 -c '
import re, sys
name = sys.argv[1]
edges = {}
for line in sys.stdin:
    m = re.match(r"\s*\"([^\"]+)\"\s*->\s*\"([^\"]+)\"\s*\[(.*)\]", line)
    if m and "uses" in m.group(3) and m.group(1) != m.group(2):
        edges.setdefault(m.group(1), set()).add(m.group(2))
# Tarjan: every strongly connected set of more than one module is a circle.
index, low, stack, on, found = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        part = []
        while True:
            w = stack.pop(); on.discard(w); part.append(w)
            if w == v: break
        if len(part) > 1: found.append(sorted(part))
sys.setrecursionlimit(10000)
for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
    if v not in index: visit(v)
if not found:
    print(f"{name}: no module circle")
for part in found:
    print(f"{name}: circle of {len(part)} modules:")
    for a in part:
        for b in sorted(edges.get(a, ())):
            if b in part: print(f"  {a} -> {b}")
sys.exit(1 if found else 0)
' "$package" || status=1
done
exit $status
