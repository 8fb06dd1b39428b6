#!/usr/bin/env bash
# The benchmarks. Results and how to read them: BENCHMARKS.md.
#   scripts/bench.sh sync [sqlite|postgres] [--clients 10,100,500]
#       the sync write path against pouchdb-server 4.2.0 (installed from npm into
#       .tools/pouchdb-server on first use) and a bare-SQL loop (server/benches/sync.rs)
#   scripts/bench.sh national [sqlite|postgres]
#       review reads on a national tree of 11.000 units (server/benches/national.rs);
#       BAOCAO_BENCH_DIR=DIR keeps its generated SQLite database for the next run
#   scripts/bench.sh soak [sqlite|postgres] [--minutes 20]
#       twenty minutes of a season's mixed load on a fresh store (server/benches/soak.rs):
#       5xx, failed and lost pushes, the pushes' p99, the server's memory growth
#   scripts/bench.sh uploads
#       50 devices each uploading a 10 MB file at once, against `cp` of the same bytes
#       (server/benches/uploads.rs): time, throughput, 5xx, the server's peak memory
#   scripts/bench.sh
#       sync and national
# Their own target folder keeps the release site that `scripts/build.sh` made intact.
set -euo pipefail
# The benchmarks run in server/: paths given to them are made absolute first.
if [ -n "${BAOCAO_BENCH_DIR:-}" ]; then
    export BAOCAO_BENCH_DIR="$(realpath -m "$BAOCAO_BENCH_DIR")"
fi
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=target/bench

which="${1:-all}"
case "$which" in
  sync|national|soak|uploads) shift ;;
  all) ;;
  *) which=national ;;  # `scripts/bench.sh sqlite`, as before: the national benchmark
esac

if [ "$which" = sync ] || [ "$which" = all ]; then
    pouch=.tools/pouchdb-server/node_modules/.bin/pouchdb-server
    if [ ! -x "$pouch" ]; then
        echo "==> npm install pouchdb-server@4.2.0 (once)" >&2
        npm install --silent --no-audit --no-fund --prefix .tools/pouchdb-server pouchdb-server@4.2.0 >&2
    fi
    if [ ! -d /usr/lib/postgresql ]; then
        scripts/setup.sh test
    fi
    POUCHDB_SERVER="$PWD/$pouch" cargo bench -p server --bench sync -- "$@"
fi
if [ "$which" = soak ]; then
    if [ ! -d /usr/lib/postgresql ]; then
        scripts/setup.sh test
    fi
    cargo bench -p server --bench soak -- "$@"
fi
if [ "$which" = uploads ]; then
    cargo bench -p server --bench uploads -- "$@"
fi
if [ "$which" = national ] || [ "$which" = all ]; then
    cargo bench -p server --bench national -- "$@"
fi
