#!/usr/bin/env bash
# Prints the performance budgets (not a test: figures only).
#   first load of the app shell (wasm + JS + CSS as sent, brotli): budget 320 kB; the parts
#   split off it (the report editor, the lazy pages), each loaded with the first page that
#   needs it, are printed beside it
#   keystroke handling in the full template, median with the CPU slowed 4× (a cheap phone): budget 8 ms
#   a country reviewer's home page shown: budget 1 s; what the device keeps: budget 1 MB
#     (only when BAOCAO_BENCH_DIR holds the national benchmark's SQLite database, made by
#     `BAOCAO_BENCH_DIR=DIR scripts/bench.sh national sqlite`)
# Needs the release build (scripts/build.sh) and the test tools (scripts/setup.sh test).
# BAOCAO_SERVER names another server build (the debug one `cargo build -p server` makes with
# the site's RUSTFLAGS): the figures are the browser's, the server only sends the files.
set -euo pipefail
cd "$(dirname "$0")/.."
port=3199
server_bin=${BAOCAO_SERVER:-target/release/server}
rm -rf target/budget && mkdir -p target/budget
DATABASE_URL=sqlite://target/budget/baocao.db BAOCAO_DEMO=true BAOCAO_ADDR=127.0.0.1:$port \
  LEPTOS_SITE_ROOT=target/site "$server_bin" serve >target/budget/server.log 2>&1 &
server=$!
national=
trap 'kill $server $national 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

national_port=
if [ -n "${BAOCAO_BENCH_DIR:-}" ] && [ -f "$BAOCAO_BENCH_DIR/national.db" ]; then
  national_port=3198
  DATABASE_URL="sqlite://$(realpath "$BAOCAO_BENCH_DIR")/national.db" BAOCAO_ADDR=127.0.0.1:$national_port \
    LEPTOS_SITE_ROOT=target/site "$server_bin" serve >target/budget/national.log 2>&1 &
  national=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$national_port/healthz" >/dev/null && break; sleep 0.1; done
fi

total=0
for f in baocao.wasm baocao.js __wasm_split.js baocao.css; do
  bytes=$(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/pkg/$f")
  printf 'first load: %-12s %7d bytes (brotli)\n' "$f" "$bytes"
  total=$((total + bytes))
done
printf 'first load: app shell total %d bytes = %d KiB = %d kB (budget 320 kB)\n' \
  "$total" $(((total + 1023) / 1024)) $(((total + 999) / 1000))

# Not with the home page: the parts split off the ward's build (scripts/build.sh), each
# fetched with the first page that needs it (the editor with the first report).
for f in target/site/pkg/split_*.wasm target/site/pkg/chunk_*.wasm; do
  [ -e "$f" ] || continue
  f=$(basename "$f")
  bytes=$(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/pkg/$f")
  printf 'split off: %s %d bytes (brotli)\n' "$f" "$bytes"
done

cd end2end
E2E_PORT=$port NATIONAL_PORT=$national_port npx playwright test --config budget.config.ts --reporter=list 2>&1 \
  | grep -E 'keystroke|country home page|passed|failed|skipped'
