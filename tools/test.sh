#!/usr/bin/env bash
# `npm test`: the whole suite against the real PostgreSQL and Redis of this machine.
# Each run gets its own fresh database (jest globalSetup) and Redis key prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
# mediasoup's postinstall would download a prebuilt worker (no internet here): point it at our own build instead.
export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash tools/mediasoup/worker-bin.sh --expected)}"
[ -d node_modules ] || npm install --no-audit --no-fund  # not `npm ci`: the registry here lacks the macOS/Windows builds of optional native packages, which `npm ci` insists on
bash tools/system-deps.sh
bash tools/services.sh
node apps/web/build.mjs >/dev/null
export WEB_PREBUILT=1  # built once here; the page tests then do not rebuild dist while another file's browser reads it
node apps/media/build-web.mjs >/dev/null
# The mediasoup worker (C++) is built once against Debian's libraries and cached outside the checkout (~4 min the first time).
bash tools/mediasoup/build-worker.sh >/dev/null
results="$(mktemp)"
status=0
npx jest --json --outputFile="$results" "$@" || status=$?
# One plain closing line for CI readers: "tests: N passed, N failed, N skipped".
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' "$results" || true
rm -f "$results"
exit "$status"
