#!/usr/bin/env bash
# The release build: the wasm front end, the server, and the styles into target/site, then
# the wasm, JS and CSS precompressed at the strongest levels (the server sends these as
# they are; a ward's first load is over a bad connection).
#
#   scripts/build.sh        the site and the release server
#   scripts/build.sh site   the site only (the tests serve it with the server `cargo test`
#                           built, compiled with the same flags)
#
# Built with cargo, wasm-bindgen, wasm-opt and esbuild directly: installing cargo-leptos for
# the same steps took 22 of the 46 minutes of a first run on a fresh 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/binaryen/node_modules/.bin:$PWD/.tools/esbuild/node_modules/.bin:$HOME/.cargo/bin:$PATH"
site=target/site
pkg=$site/pkg
# The name the server is compiled with (LEPTOS_OUTPUT_NAME in .cargo/config.toml).
name=baocao

# Every component returns a type-erased view, in both builds alike (hydration needs the
# same views on both sides): it made the wasm a sixth smaller (brotli 392 kB -> 323 kB), which a
# ward's first load over a bad connection needs more than the last bit of render speed.
export RUSTFLAGS="--cfg erase_components"

# Three builds of the front end: the ward's; the reviewers' (feature `review`: the
# progress, consolidation and timeliness pages, which the server hydrates with it); and
# the administrators' (feature `admin`: every page, the server hydrates the pages under
# /quan-tri with it). Ward staff never download the review or administration code.
wasm() { # output name, cargo features
  local out=$1 features=$2
  echo "==> wasm ($out)" >&2
  local split_off=false link_args=()
  if [[ ,$features, == *,split,* ]]; then
    # wasm-split-cli reads the relocations; only the final link keeps them, so the three
    # builds share their compiled dependencies.
    split_off=true link_args=(-- -Clink-args=--emit-relocs)
  fi
  cargo rustc --package=frontend --lib --target=wasm32-unknown-unknown --target-dir=target/front \
    --no-default-features --features="$features" --profile=wasm-release "${link_args[@]}"
  mkdir -p "$pkg"
  local input=target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm bindgen_flags=()
  if $split_off; then
    # The functions marked `#[lazy]` (the report editor) go into wasm files of their own,
    # fetched by __wasm_split.js when first called; the main module goes on to wasm-bindgen.
    local split=target/front/split
    rm -rf "$split" "$pkg"/__wasm_split.js* "$pkg"/split_*.wasm* "$pkg"/chunk_*.wasm*
    wasm-split-cli --target web --out-name "$out" "$input" "$split"
    input=$split/$out.wasm
    bindgen_flags=(--keep-lld-exports --no-demangle)
    esbuild "$split"/__wasm_split.js --minify --format=esm --outfile="$pkg"/__wasm_split.js --log-level=warning
    for chunk in "$split"/split_*.wasm "$split"/chunk_*.wasm; do
      [ -e "$chunk" ] || continue
      wasm-opt -Oz -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        -o "$pkg/$(basename "$chunk")" "$chunk"
    done
  fi
  wasm-bindgen --target=web --no-typescript "${bindgen_flags[@]}" --out-name="$out" --out-dir="$pkg" "$input"
  # Served as $out.wasm: the hydration script and the offline shell ask for that name.
  # Twice: the second pass takes another 0,6% off (2,4 kB with brotli).
  wasm-opt -Oz -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$pkg/$out.wasm" "$pkg/${out}_bg.wasm"
  rm "$pkg/${out}_bg.wasm"
  # Minified: the app shell's first load is budgeted (scripts/budget.sh).
  esbuild "$pkg/$out.js" --minify --format=esm --allow-overwrite --outfile="$pkg/$out.js" --log-level=warning
}
wasm "$name" "split"
wasm "$name-review" "review"
wasm "$name-admin" "admin"
esbuild style/main.css --minify --outfile="$pkg/$name.css" --log-level=warning
esbuild style/admin.css --minify --outfile="$pkg/$name-admin.css" --log-level=warning

if [ "${1:-all}" != site ]; then
  echo "==> server" >&2
  cargo build --package=server --bin=server --no-default-features --release
fi

shopt -s nullglob
for f in "$pkg"/__wasm_split.js "$pkg"/split_*.wasm "$pkg"/chunk_*.wasm "$pkg/$name.wasm" "$pkg/$name.js" "$pkg/$name-review.wasm" "$pkg/$name-review.js" "$pkg/$name-admin.wasm" "$pkg/$name-admin.js" "$pkg/$name.css" "$pkg/$name-admin.css"; do
  brotli -q 11 -f -k "$f"
  gzip -9 -f -k "$f"
done
