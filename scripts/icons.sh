#!/usr/bin/env bash
# Draws the app's PNG icons (server/assets/icons) from their SVG sources with Chromium.
# Run after changing an SVG; the PNGs are committed, so neither build nor test runs this.
set -euo pipefail
cd "$(dirname "$0")/../server/assets/icons"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
draw() { # source.svg size out.png
  cp "$1" "$scratch/"
  printf '<html><body style="margin:0"><img src="%s" width="%s" height="%s"></body></html>' \
    "$1" "$2" "$2" > "$scratch/page.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --window-size="$2,$2" \
    --screenshot="$PWD/$3" "file://$scratch/page.html" 2>/dev/null
}
draw icon.svg 192 icon-192.png
draw icon.svg 512 icon-512.png
draw icon-maskable.svg 512 icon-maskable-512.png
