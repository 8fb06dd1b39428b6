#!/usr/bin/env bash
# The national-scale benchmark (server/benches/national.rs): prints p50 and p95 of the
# progress of the whole country, the consolidation of a province and the progress of a
# district, on SQLite and PostgreSQL. Arguments pass through: `scripts/bench.sh sqlite`.
# Its own target folder keeps the release site that `scripts/build.sh` made intact.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=target/bench
exec cargo bench -p server --bench national -- "$@"
