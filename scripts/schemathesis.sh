#!/usr/bin/env bash
# Property-based API test: schemathesis (PyPI) generates requests from the OpenAPI document
# and checks every answer: no 5xx, and status, content type and body as documented. Runs
# the release server on a fresh demo database, signed in as the city's administrator.
set -euo pipefail
cd "$(dirname "$0")/.."
st=.tools/schemathesis/bin/st
if [ ! -x $st ]; then
  echo "==> pip install schemathesis" >&2
  python3 -m venv .tools/schemathesis
  .tools/schemathesis/bin/pip install --quiet 'schemathesis==4.32.5'
fi
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The release server unless told another (scripts/test.sh uses the one `cargo test` built).
DATABASE_URL="sqlite://$dir/baocao.db" BAOCAO_DEMO=true BAOCAO_ADDR="127.0.0.1:$port" \
  RUST_LOG=warn "${BAOCAO_SERVER:-target/release/server}" serve > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -sf -c - -H 'content-type: application/json' \
  -d '{"username":"admin","password":"baocao-demo"}' "$base/api/v1/session" |
  awk '$6 == "baocao_session" { print $6 "=" $7 }')
[ -n "$cookie" ] || { echo "cannot sign in" >&2; exit 1; }
# Twice: with generated path parameters (mostly unknown plans and units), then with a real
# report's, so that the reads and their exports run on data (this year's city plan, a ward).
year=$(date +%Y)
cat > "$dir/real.toml" <<TOML
[parameters]
"path.plan_id" = "95-KH-UBND-$year"
"path.id" = "95-KH-UBND-$year"
"path.period_code" = "$year-6T"
"path.unit_code" = "26890"
"query.unit" = "26890"
TOML
# One worker: two threads parsing Python source at once trip a thread-safety fault of
# CPython 3.11's ast module inside hypothesis ("AST constructor recursion depth mismatch").
for config in "" "$dir/real.toml"; do
  # Signing out would end the session the other operations run in.
  $st ${config:+--config-file "$config"} run "$base/api/v1/openapi.json" \
    --header "Cookie: $cookie" \
    --exclude-method DELETE \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples 30 \
    --seed 1 \
    --workers 1
done
if grep -q " ERROR " "$dir/server.log"; then
  echo "the server logged errors:" >&2
  grep " ERROR " "$dir/server.log" >&2
  exit 1
fi
