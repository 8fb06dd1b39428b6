#!/usr/bin/env bash
# The run command: builds the release site and serves baocao with the demo data.
# PORT (default 3000) and DATABASE_URL (default sqlite://data/baocao.db) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/setup.sh build
scripts/build.sh
export BAOCAO_ADDR="127.0.0.1:${PORT:-3000}"
export BAOCAO_DEMO=true
export LEPTOS_SITE_ROOT=target/site
exec target/release/server serve
