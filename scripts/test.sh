#!/usr/bin/env bash
# The test command: every test. Lints (rustfmt, clippy, cargo deny), unit and API tests on
# SQLite and on a throwaway PostgreSQL cluster (the tests start and remove it), then against
# the release build of the site: schemathesis over the OpenAPI document and the Playwright
# suite in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Every build with the flag the site is built with (see scripts/build.sh): the server that
# `cargo test` builds then renders the views the release wasm hydrates, and the end-to-end
# tests run on it instead of a second, release build of the server (15 of the 45 minutes
# on a fresh 2-core machine).
export RUSTFLAGS="--cfg erase_components"
scripts/setup.sh test

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy (server and browser builds)"
cargo clippy --package app --package server --all-targets -- -D warnings
cargo clippy --package app --package frontend --features app/hydrate,frontend/split \
  --target wasm32-unknown-unknown -- -D warnings
cargo clippy --package app --package frontend --features app/hydrate,frontend/review \
  --target wasm32-unknown-unknown -- -D warnings
cargo clippy --package app --package frontend --features app/hydrate,frontend/admin \
  --target wasm32-unknown-unknown -- -D warnings

echo "==> cargo deny (licenses, bans, sources; see deny.toml for advisories)"
cargo deny check licenses bans sources

echo "==> cargo test"
# --show-output prints what tests report, such as the fault test's counts.
cargo test --workspace --exclude frontend -- --show-output

echo "==> release build of the site"
scripts/build.sh site

echo "==> API against its OpenAPI document (schemathesis)"
BAOCAO_SERVER=target/debug/server scripts/schemathesis.sh

echo "==> end-to-end (Playwright, Chromium)"
(cd end2end && E2E_SERVER=../target/debug/server npx playwright test)
