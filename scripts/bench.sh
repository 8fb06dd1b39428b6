#!/usr/bin/env bash
# The national-scale benchmark (server/benches/national.rs): prints p50 and p95 of the
# progress of the whole country, the consolidation of a province and the progress of a
# district, on SQLite and PostgreSQL. Arguments pass through: `scripts/bench.sh sqlite`.
# Its own target folder keeps the release site that `scripts/build.sh` made intact.
set -euo pipefail
# The benchmark runs in server/: a kept database's folder is made absolute first.
if [ -n "${BAOCAO_BENCH_DIR:-}" ]; then
    export BAOCAO_BENCH_DIR="$(realpath -m "$BAOCAO_BENCH_DIR")"
fi
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=target/bench
exec cargo bench -p server --bench national -- "$@"
