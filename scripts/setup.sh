#!/usr/bin/env bash
# Installs only what is missing, so a fresh machine and a warm one both work.
# Callers put .tools/binaryen/node_modules/.bin and ~/.cargo/bin first on PATH.
#   scripts/setup.sh build   the wasm target, wasm-bindgen-cli, wasm-opt, esbuild
#   scripts/setup.sh test    the above, plus PostgreSQL, Chromium, Playwright and cargo-deny
#                            and the tests' Python services (scripts/schemathesis.sh installs schemathesis
#                            from PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build_tools() {
  apt_install brotli
  if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local wbg
  wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
    say "cargo install wasm-bindgen-cli $wbg"
    cargo install wasm-bindgen-cli --version "=$wbg"
  fi
  # wasm-split-cli splits the ward's wasm where the code marks `#[lazy]` (scripts/build.sh).
  if ! cargo install --list | grep -q '^wasm_split_cli_support v0.2.4:'; then
    say "cargo install wasm_split_cli_support 0.2.4 (wasm-split-cli)"
    cargo install wasm_split_cli_support --version 0.2.4 --locked --features build-binary
  fi
  # wasm-opt from npm: Debian's binaryen is too old and silently breaks hydration.
  if [ ! -x .tools/binaryen/node_modules/.bin/wasm-opt ]; then
    say "npm install binaryen@132"
    npm install --silent --prefix .tools/binaryen binaryen@132
  fi
  # esbuild from npm minifies the JS and CSS of the site.
  if [ ! -x .tools/esbuild/node_modules/.bin/esbuild ]; then
    say "npm install esbuild@0.28.2"
    npm install --silent --prefix .tools/esbuild esbuild@0.28.2
  fi
}

test_tools() {
  # LibreOffice and poppler read back the DOCX export in the tests.
  # python3-venv: scripts/schemathesis.sh installs schemathesis into a venv of its own.
  apt_install postgresql chromium chromium-driver libreoffice-writer-nogui poppler-utils python3-venv
  if ! cargo deny --version 2>/dev/null | grep -q '0.18.9'; then
    say "cargo install cargo-deny 0.18.9 (about 8 minutes, once)"
    cargo install cargo-deny --version 0.18.9 --locked
  fi
  # The services the tests talk to (server/tests/common/peer.rs): a real SMTP server for
  # the mail tests, and the RFC 8291 decryption of the push service for the push tests.
  if [ ! -x .tools/services/bin/python ] \
      || ! .tools/services/bin/python -c 'import aiosmtpd, http_ece' 2>/dev/null; then
    say "pip install aiosmtpd and http-ece (the tests' SMTP server and push service)"
    python3 -m venv .tools/services
    .tools/services/bin/pip install --quiet 'aiosmtpd==1.4.6' 'http-ece==1.2.1' 'cryptography==51.0.1'
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/@axe-core/playwright ]; then
    say "npm ci (end2end)"
    (cd end2end && npm ci --silent)
  fi
}

case "${1:-build}" in
  build) build_tools ;;
  test) build_tools; test_tools ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac
