#!/usr/bin/env bash
# The release build: server, wasm and styles, then the wasm, JS and CSS precompressed at the
# strongest levels (the server sends these as they are; a ward's first load is over a bad
# connection).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo leptos build --release
for f in target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css; do
  brotli -q 11 -f -k "$f"
  gzip -9 -f -k "$f"
done
